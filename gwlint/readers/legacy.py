"""Old binary Word/WPS drafts (.doc, .wps): converted to .docx by LibreOffice, then read as .docx.

Files named .doc are often something else, and are read as what they are:
- a .docx (zip) renamed .doc is read directly;
- plain text saved as .doc is read as text (format "txt"): the writer wants it checked, and the
  text reader already recognises its encoding;
- binary Word/WPS, RTF and HTML/MHT "Word" files go through LibreOffice when `soffice` (or
  `libreoffice`) is on PATH; otherwise the error says how to convert them;
- encrypted files, PDFs and bytes that are none of these are refused with what they are.

The conversion runs in a fresh temporary directory with its own LibreOffice user profile (so
parallel gwlint processes never share one), a timeout, and its own process group so that a hung
LibreOffice is killed with all its children. The directory is always removed.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from gwlint.document import Document
from gwlint.errors import UnreadableFile
from gwlint.readers.text import read_text_bytes

TIMEOUT_SECONDS = 60
HOW_TO_CONVERT = "请在 Word/WPS 中另存为 .docx,或安装 LibreOffice(提供 soffice 命令)后重试"


def find_soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def read_legacy_bytes(data: bytes, name: str) -> Document:
    """A Document from the bytes of a .doc/.wps file; raises only UnreadableFile."""
    from gwlint.readers.docx import read_docx_bytes
    from gwlint.readers.docx.package import NOT_A_DOCX, kind_of

    kind = kind_of(data)
    if kind == "zip":
        return read_docx_bytes(data, name)
    if kind in ("encrypted", "pdf"):
        raise UnreadableFile(name, NOT_A_DOCX[kind])
    if kind in ("empty", "other"):
        try:
            return read_text_bytes(data, name, "txt")
        except UnreadableFile:
            raise UnreadableFile(name, "不是可识别的 Word/WPS 文件(既非旧版 .doc 也非 .docx)") from None
    soffice = find_soffice()
    if soffice is None:
        what = {"ole": "旧版二进制 Word/WPS 格式", "rtf": "RTF 格式", "html": "网页(HTML/MHT)格式"}[kind]
        raise UnreadableFile(name, f"是{what},无法直接读取:{HOW_TO_CONVERT}")
    return _convert(soffice, data, name, kind)


def _convert(soffice: str, data: bytes, name: str, kind: str) -> Document:
    from gwlint.readers.docx import read_docx_bytes

    suffix = {"ole": ".doc", "rtf": ".rtf", "html": ".html"}[kind]
    with tempfile.TemporaryDirectory(prefix="gwlint-") as tmp:
        folder = Path(tmp)
        source = folder / f"draft{suffix}"
        source.write_bytes(data)
        out = folder / "out"
        command = [
            soffice,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(out),
            str(source),
        ]
        _run(command, name, folder)
        result = out / "draft.docx"
        if not result.is_file():
            raise UnreadableFile(
                name, "LibreOffice 无法转换此文件(可能已损坏或设有密码):" + HOW_TO_CONVERT.split(",")[0]
            )
        return read_docx_bytes(result.read_bytes(), name)


def _run(command: list[str], name: str, home: Path) -> None:
    env = dict(os.environ, HOME=str(home))  # LibreOffice writes caches under $HOME
    try:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env,
            cwd=home,
            start_new_session=True,  # its own process group: a timeout kills soffice.bin too
        )
    except OSError as err:
        raise UnreadableFile(name, f"无法启动 LibreOffice({err.strerror or err})") from None
    try:
        process.wait(timeout=TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        _kill_group(process)
        raise UnreadableFile(name, f"LibreOffice 转换超时({TIMEOUT_SECONDS} 秒):{HOW_TO_CONVERT}") from None
    except BaseException:
        _kill_group(process)
        raise


def _kill_group(process: subprocess.Popen) -> None:
    """Kill the converter's process group; it is still running, so the group id is still ours."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        pass
