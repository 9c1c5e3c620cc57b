"""The plain-text reader: encodings detected without flags, LSP line ends, code-point columns."""

from __future__ import annotations

import codecs
import random

import pytest

from gwlint.api import Linter
from gwlint.errors import UnreadableFile
from gwlint.readers import read_bytes, read_path
from gwlint.readers.text import decode_bytes

DRAFT = (
    "2023年度政务公开工作总结\n"
    "今年以来,我局认真贯彻落实上级关于政务公开工作的部署要求,全年主动公开政府信息1,234条。\n"
    "一、主要工作\n"
    "(一)加强组织领导。局党组召开专题会议3次,研究部署二〇二三年政务公开重点任务。\n"
)
PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00\x1f\xf3\xffa"


@pytest.mark.parametrize(
    "encoding, bom",
    [
        ("utf-8", b""),
        ("utf-8", codecs.BOM_UTF8),
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
        ("utf-32-le", codecs.BOM_UTF32_LE),
        ("gb18030", b""),
    ],
)
def test_each_supported_encoding_is_detected_and_round_trips(encoding, bom):
    data = bom + DRAFT.encode(encoding)
    decoded = decode_bytes(data, "总结.txt")
    assert decoded.text == DRAFT  # the BOM is not part of the text
    assert (decoded.encoding, decoded.bom) == (encoding, bom)
    assert decoded.encode(decoded.text) == data


def test_a_gbk_file_is_read_as_gbk():
    data = DRAFT.encode("gbk")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert read_bytes(data, "总结.txt").text == DRAFT


@pytest.mark.parametrize("text", ["模", "模板", "年度", "中文", "政务公开", "二〇二三年", "20xx年工作总结"])
def test_short_gbk_texts_are_not_mistaken_for_utf8(text):
    """GBK 模 is C4 A3, which is also valid UTF-8 (ģ): a text with no Chinese as UTF-8 but
    common Chinese as GB18030 is GB18030."""
    decoded = decode_bytes(text.encode("gbk"), "a.txt")
    assert decoded.text == text
    assert decoded.encoding == ("utf-8" if text.isascii() else "gb18030")


def test_utf8_text_with_latin_letters_stays_utf8():
    text = "政務(wù)公开 · 温度 25°C"
    assert decode_bytes(text.encode("utf-8"), "a.txt").encoding == "utf-8"
    assert decode_bytes(text.encode("utf-8"), "a.txt").text == text
    assert decode_bytes("Café ÷ ×".encode(), "a.txt").encoding == "utf-8"


def test_gbk_rare_characters_and_private_use_name_characters_are_accepted():
    text = "经办人:王堃、李喆,联系电话:1234567。\n"
    assert decode_bytes(text.encode("gb18030"), "a.txt").text == text
    with_pua = DRAFT + "经办人:张\ue000(造字),审核人:李\ue001。\n" * 3  # six in a page of text
    assert decode_bytes(with_pua.encode("gb18030"), "a.txt").text == with_pua


@pytest.mark.parametrize(
    "data, reason",
    [
        (PNG_HEADER + bytes(range(256)) * 4, "空字节"),
        (DRAFT.encode("utf-16-le"), "UTF-16"),  # no BOM: the line ends give null bytes
        ("政务公示工作总结".encode("utf-16-le"), "不带 BOM 的 UTF-16"),  # no null byte at all
        ("政务公示工作总结".encode("utf-16-be"), "不带 BOM 的 UTF-16"),
        (codecs.BOM_UTF16_LE + b"\x00\xd8abc", "BOM"),  # a BOM, then an unpaired surrogate
        (b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 40, "空字节"),  # a .docx renamed .txt
    ],
)
def test_bytes_that_are_no_supported_text_are_refused_with_a_reason(data, reason):
    with pytest.raises(UnreadableFile) as err:
        read_bytes(data, "草稿.txt")
    assert err.value.path == "草稿.txt"
    assert reason in err.value.reason


def test_random_binary_without_null_bytes_is_refused():
    rng = random.Random(20240521)
    for _ in range(50):
        data = bytes(rng.randrange(1, 256) for _ in range(1000))
        with pytest.raises(UnreadableFile):
            decode_bytes(data, "random.txt")


def test_an_unreadable_file_is_reported_by_name_and_the_others_are_still_linted(tmp_path):
    (tmp_path / "a.txt").write_text("20xx年工作总结\n", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(PNG_HEADER)
    (tmp_path / "c.txt").write_text("**年以来,我局认真贯彻落实\n", encoding="gbk")
    linter = Linter(select=["placeholder.masked-year"])
    results = [linter.lint_file(p) for p in linter.collect([tmp_path])]
    assert [r.path for r in results] == [str(tmp_path / n) for n in ("a.txt", "b.txt", "c.txt")]
    assert results[1].error is not None and results[1].findings == []
    assert [(f.rule, f.start, f.end) for f in results[0].findings] == [("placeholder.masked-year", 0, 4)]
    assert [(f.rule, f.start, f.end) for f in results[2].findings] == [("placeholder.masked-year", 0, 2)]


def test_empty_and_ascii_files_are_text():
    assert read_bytes(b"", "a.txt").text == ""
    assert read_bytes(b"", "a.txt").paragraphs[0].line == 1
    assert read_bytes(b"plain ascii\n", "a.txt").text == "plain ascii\n"


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_every_lsp_line_end_starts_a_new_line(newline):
    text = newline.join(["标题", "20xx年工作总结", "", "xx市"])
    doc = read_bytes(text.encode("gb18030"), "a.txt")
    assert [p.text for p in doc.paragraphs] == ["标题", "20xx年工作总结", "", "xx市"]
    assert [p.line for p in doc.paragraphs] == [1, 2, 3, 4]
    start = text.index("20xx")
    assert doc.position(start) == (2, 1)
    assert doc.position(text.index("xx市")) == (4, 1)


def test_mixed_line_ends_and_characters_lsp_does_not_split_on():
    text = "一、总体情况\r\n二、主要做法\r三、存在问题\n四是\x0b五是\x0c六是\u2028七是\u0085八是"
    doc = read_bytes(text.encode("utf-8"), "a.txt")
    assert [p.text for p in doc.paragraphs] == [
        "一、总体情况",
        "二、主要做法",
        "三、存在问题",
        text[text.index("四") :],
    ]
    assert doc.text == text  # line ends are kept as written, for --fix to write back


def test_columns_count_code_points_including_characters_outside_the_bmp():
    text = "第一行\n𠀀𠀁的20xx年工作\n"
    findings = Linter(select=["placeholder.masked-year"]).lint_bytes(text.encode("utf-8"), "a.txt").findings
    assert [(f.start, f.end) for f in findings] == [(7, 11)]
    doc = read_bytes(text.encode("utf-8"), "a.txt")
    assert doc.position(7) == (2, 4)  # 𠀀 and 𠀁 are one column each, not two UTF-16 units
    assert doc.position(11) == (2, 8)


def test_markdown_suffixes_set_the_format():
    assert read_bytes(b"# a\n", "a.md").format == "md"
    assert read_bytes(b"# a\n", "a.markdown").format == "md"
    assert read_bytes(b"a\n", "a.TXT").format == "txt"


def test_read_path_reasons(tmp_path, monkeypatch):
    with pytest.raises(UnreadableFile, match="文件不存在"):
        read_path(tmp_path / "无此文件.txt")
    with pytest.raises(UnreadableFile, match="是目录"):
        read_path(tmp_path)
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * 2000)
    monkeypatch.setattr("gwlint.readers.MAX_TEXT_BYTES", 1000)
    with pytest.raises(UnreadableFile, match="文件过大"):
        read_path(big)
