"""Old .doc/.wps drafts: LibreOffice conversion in a throwaway folder, or a clear error without it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest

from gwlint.errors import UnreadableFile
from gwlint.readers import legacy, read_bytes, read_path
from gwlint.readers.docx.package import OLE_MAGIC
from tests.docx_builder import build_docx, p, tbl

OLE_DOC = OLE_MAGIC + b"\x00" * 504 + "WordDocument".encode("utf-16-le")
CONVERTED = build_docx([p("关于印发《机关节能降耗实施方案》的通知"), p("各科室：")])


def require_soffice() -> str:
    """The LibreOffice binary; skip without it, but fail in CI, where .ci/run installs it."""
    found = legacy.find_soffice()
    if found is None:
        message = "LibreOffice (soffice) is not installed"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message + "; CI must install libreoffice-writer-nogui")
        pytest.skip(message)
    return found


@pytest.fixture
def scratch(tmp_path, monkeypatch) -> Path:
    """Where tempfile puts the conversion folders, so a test can see they were removed."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def fake_soffice(tmp_path: Path, monkeypatch, body: str) -> Path:
    """Put a stand-in `soffice` (a Python script) alone on PATH; it logs its arguments."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    script = bin_dir / "soffice"
    script.write_text(
        f"#!{sys.executable}\n"
        "import os, sys, time, subprocess\n"
        "from pathlib import Path\n"
        f"log = Path({str(tmp_path / 'args.txt')!r})\n"
        "log.write_text('\\n'.join(sys.argv[1:]), encoding='utf-8')\n"
        "outdir = Path(sys.argv[sys.argv.index('--outdir') + 1])\n" + textwrap.dedent(body),
        encoding="utf-8",
    )
    script.chmod(0o755)
    monkeypatch.setenv("PATH", str(bin_dir))
    return tmp_path / "args.txt"


def test_without_libreoffice_the_error_says_how_to_convert(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(UnreadableFile) as caught:
        read_bytes(OLE_DOC, "2019年工作总结.doc")
    assert caught.value.reason == ("是旧版二进制 Word/WPS 格式,无法直接读取:" + legacy.HOW_TO_CONVERT)
    with pytest.raises(UnreadableFile) as caught:
        read_bytes(b"{\\rtf1 draft}", "通知.wps")
    assert caught.value.reason == "是RTF 格式,无法直接读取:" + legacy.HOW_TO_CONVERT
    assert "另存为 .docx" in legacy.HOW_TO_CONVERT and "LibreOffice" in legacy.HOW_TO_CONVERT


def test_a_docx_named_doc_is_read_as_docx(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no converter needed
    doc = read_bytes(CONVERTED, "方案.doc")
    assert (doc.format, [x.text for x in doc.paragraphs]) == (
        "docx",
        ["关于印发《机关节能降耗实施方案》的通知", "各科室："],
    )


def test_text_named_doc_is_read_as_text(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    doc = read_bytes("关于报送2024年工作总结的通知\r\n各单位：\r\n".encode("gb18030"), "通知.doc")
    assert doc.format == "txt"
    assert [x.text for x in doc.paragraphs] == ["关于报送2024年工作总结的通知", "各单位：", ""]


def test_unrecognisable_and_encrypted_files_are_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(UnreadableFile, match="不是可识别的 Word/WPS 文件"):
        read_bytes(bytes(range(256)) * 8, "附件.doc")
    with pytest.raises(UnreadableFile, match="已加密"):
        read_bytes(OLE_MAGIC + "EncryptedPackage".encode("utf-16-le"), "附件.doc")


def test_conversion_runs_isolated_and_removes_its_folder(tmp_path, monkeypatch, scratch):
    converted = tmp_path / "converted.docx"
    converted.write_bytes(CONVERTED)
    args_log = fake_soffice(
        tmp_path,
        monkeypatch,
        f"""
        source = Path(sys.argv[-1])
        assert source.read_bytes().startswith(bytes.fromhex("d0cf11e0a1b11ae1"))
        outdir.mkdir(parents=True, exist_ok=True)
        (outdir / (source.stem + ".docx")).write_bytes(Path({str(converted)!r}).read_bytes())
        """,
    )
    doc = read_bytes(OLE_DOC, "旧版通知.wps")
    assert [x.text for x in doc.paragraphs] == ["关于印发《机关节能降耗实施方案》的通知", "各科室："]
    assert doc.path == "旧版通知.wps"
    args = args_log.read_text(encoding="utf-8").splitlines()
    assert args[0].startswith("-env:UserInstallation=file://" + str(scratch))
    assert {"--headless", "--norestore", "--convert-to", "docx:MS Word 2007 XML"} <= set(args)
    assert list(scratch.iterdir()) == []


def test_a_hung_converter_is_killed_at_the_timeout(tmp_path, monkeypatch, scratch):
    monkeypatch.setattr(legacy, "TIMEOUT_SECONDS", 2)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    helper_pid = tmp_path / "helper.pid"
    sleep = shutil.which("sleep") or "/bin/sleep"
    # A shell script starts fast even on a loaded machine: its helper exists before the timeout.
    (bin_dir / "soffice").write_text(f"#!/bin/sh\n{sleep} 30 &\necho $! > {helper_pid}\nexec {sleep} 30\n")
    (bin_dir / "soffice").chmod(0o755)
    monkeypatch.setenv("PATH", str(bin_dir))
    with pytest.raises(UnreadableFile) as caught:
        read_bytes(OLE_DOC, "卡住.doc")
    assert caught.value.reason.startswith("LibreOffice 转换超时(2 秒)")
    assert list(scratch.iterdir()) == []
    status = Path(f"/proc/{helper_pid.read_text().strip()}/status")
    assert not status.exists() or "State:\tZ" in status.read_text()  # killed with its process group


def test_a_converter_that_produces_nothing_is_reported(tmp_path, monkeypatch, scratch):
    fake_soffice(tmp_path, monkeypatch, "sys.exit(1)\n")
    with pytest.raises(UnreadableFile, match="LibreOffice 无法转换此文件"):
        read_bytes(OLE_DOC, "损坏.doc")
    assert list(scratch.iterdir()) == []


def test_real_doc_converted_by_libreoffice_reads_like_its_source(tmp_path, scratch):
    soffice = require_soffice()
    # a Word body always ends with a paragraph; a table at the very end would be dropped in .doc
    source = build_docx([p("区统计局2023年度工作总结"), tbl(["调查项目", "12项"], grid=2), p("二、下一步打算")])
    (tmp_path / "总结.docx").write_bytes(source)
    subprocess.run(
        [soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless", "--convert-to", "doc",
         "--outdir", str(tmp_path / "doc"), str(tmp_path / "总结.docx")],
        check=True, capture_output=True, timeout=120, env=dict(os.environ, HOME=str(tmp_path)),
    )  # fmt: skip
    made = tmp_path / "doc" / "总结.doc"
    assert made.read_bytes().startswith(OLE_MAGIC)
    doc = read_path(made)
    assert [(x.text, x.location.story) for x in doc.paragraphs] == [
        ("区统计局2023年度工作总结", "body"),
        ("调查项目", "table"),
        ("12项", "table"),
        ("二、下一步打算", "body"),
    ]
    assert list(scratch.iterdir()) == []
