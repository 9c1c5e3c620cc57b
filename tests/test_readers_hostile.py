"""Hostile and broken Word files: each is refused with a one-line reason, in bounded memory."""

from __future__ import annotations

import io
import json
import random
import re
import struct
import subprocess
import sys
import tracemalloc
import zipfile

import pytest

from gwlint.errors import UnreadableFile
from gwlint.readers import read_bytes
from gwlint.readers.docx import package, read_docx_bytes, xmlsafe
from tests.docx_builder import NAMESPACES, abstract_num, build_docx, cell, field, level, num, p, rewrite_parts, tbl

GOOD = build_docx([p("关于开展安全生产大检查的通知"), tbl(["单位", "负责人"], ["应急局", "王明"])])
BOMB_MEMORY_LIMIT = 16 * 1024 * 1024  # Python-side peak while refusing a bomb


def refuse(data: bytes, name: str = "来文.docx") -> str:
    with pytest.raises(UnreadableFile) as caught:
        read_bytes(data, name)
    reason = caught.value.reason
    assert "\n" not in reason and reason.strip() == reason and reason
    assert caught.value.path == name
    return reason


def with_entry(name: str, data: bytes, base: bytes = GOOD) -> bytes:
    """GOOD with one entry replaced (or added)."""
    src = zipfile.ZipFile(io.BytesIO(base))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            if info.filename != name:
                z.writestr(info.filename, src.read(info))
        z.writestr(name, data)
    return out.getvalue()


def set_declared_size(data: bytes, name: str, size: int) -> bytes:
    """Rewrite the uncompressed size the zip headers declare for one entry (headers can lie)."""
    buf = bytearray(data)
    encoded = name.encode()
    for signature, size_at, name_len_at, name_at in ((b"PK\x03\x04", 22, 26, 30), (b"PK\x01\x02", 24, 28, 46)):
        for m in re.finditer(re.escape(signature), buf):
            start = m.start()
            name_len = struct.unpack_from("<H", buf, start + name_len_at)[0]
            if bytes(buf[start + name_at : start + name_at + name_len]) == encoded:
                struct.pack_into("<I", buf, start + size_at, size)
    return bytes(buf)


# -- not a .docx at all -------------------------------------------------------------------------
@pytest.mark.parametrize(
    "data, expected",
    [
        ("关于做好2024年防汛工作的通知\n各乡镇：".encode(), "不是 Word 文档"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"{\\rtf1\\ansi\\deff0 draft}", "RTF"),
        (b'<html xmlns:o="urn:schemas-microsoft-com:office:office"><body>', "网页"),
        (b"", "文件为空"),
        (package.OLE_MAGIC + b"\x00" * 100 + "WordDocument".encode("utf-16-le"), "旧版二进制"),
        (package.OLE_MAGIC + b"\x00" * 100 + "EncryptedPackage".encode("utf-16-le"), "已加密"),
    ],
    ids=["text", "pdf", "rtf", "html", "empty", "ole-doc", "encrypted"],
)
def test_files_that_are_not_docx_say_what_they_are(data, expected):
    assert expected in refuse(data)


def test_corrupt_and_truncated_zips():
    assert "zip 结构损坏" in refuse(b"PK\x03\x04" + bytes(range(256)) * 4)
    assert "zip 结构损坏" in refuse(GOOD[: len(GOOD) * 2 // 3])


def test_corrupt_compressed_data_is_refused():
    src = zipfile.ZipFile(io.BytesIO(GOOD))
    info = src.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    broken = bytearray(GOOD)
    for i in range(start + 10, start + 60):
        broken[i] ^= 0x5A
    assert re.search("zip 数据损坏|不是合法的 XML", refuse(bytes(broken)))


def test_packages_without_a_word_body():
    empty = io.BytesIO()
    with zipfile.ZipFile(empty, "w") as z:
        z.writestr("readme.txt", "说明")
    assert "缺少 word/document.xml" in refuse(empty.getvalue())
    workbook = io.BytesIO()
    with zipfile.ZipFile(workbook, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
    assert "Excel" in refuse(workbook.getvalue())
    odt = io.BytesIO()
    with zipfile.ZipFile(odt, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
    assert "OpenDocument" in refuse(odt.getvalue())


def test_a_relationship_to_a_missing_main_part_is_refused():
    data = rewrite_parts(GOOD, lambda name, xml: xml.replace(b"word/document.xml", b"word/missing.xml"))
    assert "word/missing.xml 不存在" in refuse(data)


def test_a_main_part_that_is_not_a_word_document_is_refused():
    data = with_entry("word/document.xml", f"<w:hdr {NAMESPACES}><w:p/></w:hdr>".encode())
    assert "不是 Word 正文" in refuse(data)


def test_malformed_xml_and_too_deep_nesting_are_refused():
    unclosed = f"<w:document {NAMESPACES}><w:body><w:p>"
    assert "不是合法的 XML" in refuse(with_entry("word/document.xml", unclosed.encode()))
    assert "prefix w" in refuse(with_entry("word/document.xml", b"<w:document><w:body/></w:document>"))
    assert "不是 Word 正文" in refuse(with_entry("word/document.xml", b"<document><body/></document>"))
    undefined = f"<w:document {NAMESPACES}><w:body><w:p><w:r><w:t>&nbsp;</w:t></w:r></w:p></w:body></w:document>"
    assert "不是合法的 XML" in refuse(with_entry("word/document.xml", undefined.encode()))
    deep = f"<w:document {NAMESPACES}><w:body>" + "<w:sdt><w:sdtContent>" * 200 + "</w:sdtContent></w:sdt>" * 200
    assert "不是合法的 XML" in refuse(with_entry("word/document.xml", (deep + "</w:body></w:document>").encode()))


# -- zip bombs ----------------------------------------------------------------------------------
def _zeros_entry(size: int) -> bytes:
    """GOOD plus an entry of `size` zero bytes, compressed in a stream (never all in memory)."""
    out = io.BytesIO(GOOD)
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as z, z.open("word/media/bomb.bin", "w") as entry:
        chunk = bytes(1024 * 1024)
        for _ in range(size // len(chunk)):
            entry.write(chunk)
    return out.getvalue()


def test_zip_bomb_by_size_is_refused_in_bounded_memory():
    bomb = _zeros_entry(package.MAX_ENTRY_BYTES + 1024 * 1024)
    assert len(bomb) < 1024 * 1024  # the whole point of a bomb
    tracemalloc.start()
    reason = refuse(bomb)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert "word/media/bomb.bin" in reason and "超过上限 100 MB" in reason
    assert peak < BOMB_MEMORY_LIMIT


def test_zip_bomb_by_ratio_is_refused():
    reason = refuse(_zeros_entry(2 * 1024 * 1024))
    assert "压缩比超过 100:1" in reason


def test_declared_sizes_over_the_limits_are_refused_before_reading():
    assert "超过上限 100 MB" in refuse(set_declared_size(GOOD, "word/document.xml", 150 * 1024 * 1024))
    # 210 entries declaring 1 MB each: none too large or too compressed alone, too much together
    crowded = io.BytesIO(GOOD)
    with zipfile.ZipFile(crowded, "a") as z:
        for i in range(210):
            z.writestr(f"word/media/image{i}.png", b"x")
    many = crowded.getvalue()
    for i in range(210):
        many = set_declared_size(many, f"word/media/image{i}.png", package.RATIO_MIN_BYTES)
    assert "总大小超过上限 200 MB" in refuse(many)


def test_a_header_that_understates_the_size_is_refused():
    big_xml = build_docx([p("重复内容。" * 40) for _ in range(500)])
    lying = set_declared_size(big_xml, "word/document.xml", 1000)
    assert re.search("zip 数据损坏|不是合法的 XML", refuse(lying))


def test_reads_stop_at_the_cap_whatever_the_header_says(monkeypatch):
    # With the directory check out of the way, the streaming cap alone must stop the read.
    monkeypatch.setattr(package.Package, "_check_directory", lambda self, infos: None)
    monkeypatch.setattr(package, "MAX_ENTRY_BYTES", 64 * 1024)
    body = [p(f"第{i}段：全面推进依法行政，持续优化营商环境。") for i in range(3000)]
    assert "解压后超过上限" in refuse(build_docx(body))


def test_one_oversized_block_is_refused_but_many_small_ones_are_read(monkeypatch):
    # The cap must exceed what one 64 KB read can bring in beyond the current block.
    monkeypatch.setattr(xmlsafe, "MAX_BLOCK_MARKUP", 20_000)
    assert "单个段落或表格过大" in refuse(build_docx([p(*["<w:r/>"] * 30_000)]))
    many = read_docx_bytes(build_docx([p(f"第{i}条") for i in range(20_000)]), "长文.docx")
    assert len(many.paragraphs) == 20_000


def test_a_part_with_too_many_elements_is_refused(monkeypatch):
    monkeypatch.setattr(xmlsafe, "MAX_PART_MARKUP", 20_000)
    assert "元素过多" in refuse(build_docx([p("正文")], headers=[p(*["<w:r/>"] * 30_000)]))


def test_too_many_entries_and_encrypted_entries_are_refused():
    crowded = io.BytesIO(GOOD)
    with zipfile.ZipFile(crowded, "a") as z:
        for i in range(package.MAX_ENTRIES):
            z.writestr(f"customXml/item{i}.xml", "")
    assert "条目过多" in refuse(crowded.getvalue())
    flagged = bytearray(GOOD)
    for m in re.finditer(b"PK\x01\x02", flagged):
        flagged[m.start() + 8] |= 0x1  # general-purpose flag bit 0: encrypted
    assert "已加密" in refuse(bytes(flagged))


# -- XML entity attacks ---------------------------------------------------------------------
BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">' for i in range(1, 10))
    + f"]><w:document {NAMESPACES}><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
)
EXTERNAL_ENTITY = (
    '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    f"<w:document {NAMESPACES}><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>"
)
PARAMETER_ENTITY = (
    '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd"> %remote;]>'
    f"<w:document {NAMESPACES}><w:body><w:p/></w:body></w:document>"
)


@pytest.mark.parametrize("xml", [BILLION_LAUGHS, EXTERNAL_ENTITY, PARAMETER_ENTITY], ids=["laughs", "xxe", "param"])
@pytest.mark.parametrize("part", ["word/document.xml", "word/_rels/document.xml.rels", "_rels/.rels"])
def test_entity_declarations_are_refused_in_every_part_read(xml, part):
    tracemalloc.start()
    reason = refuse(with_entry(part, xml.encode()))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert f"{part} 含有 DTD/实体声明" in reason
    assert peak < BOMB_MEMORY_LIMIT


def test_content_types_part_is_never_parsed():
    data = with_entry("[Content_Types].xml", BILLION_LAUGHS.encode())
    assert [x.text for x in read_docx_bytes(data, "a.docx").paragraphs][0] == "关于开展安全生产大检查的通知"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_entity_declarations_in_utf16_parts_are_refused(encoding):
    xml = EXTERNAL_ENTITY.replace('<?xml version="1.0"?>', f'<?xml version="1.0" encoding="{encoding[:6]}"?>')
    bom = b"\xff\xfe" if encoding.endswith("le") else b"\xfe\xff"
    assert "实体" in refuse(with_entry("word/document.xml", bom + xml.encode(encoding)))


def test_the_parser_refuses_a_dtd_even_when_the_byte_scan_misses_it(monkeypatch):
    monkeypatch.setattr(package, "_DTD_PATTERN", re.compile(b"(?!x)x"))  # matches nothing
    for xml in (BILLION_LAUGHS, EXTERNAL_ENTITY):
        tracemalloc.start()
        reason = refuse(with_entry("word/document.xml", xml.encode()))
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert "实体" in reason
        assert peak < BOMB_MEMORY_LIMIT


# -- fuzzing: anything but UnreadableFile would be a crash ---------------------------------------
def test_truncated_and_bit_flipped_files_raise_only_unreadable_file():
    rng = random.Random(20240301)
    samples = [GOOD[:n] for n in range(0, len(GOOD), max(1, len(GOOD) // 40))]
    for _ in range(60):
        data = bytearray(GOOD)
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        samples.append(bytes(data))
    for data in samples:
        try:
            read_docx_bytes(data, "坏文件.docx")
        except UnreadableFile as err:
            assert err.reason and "\n" not in err.reason
            assert "内部错误" not in err.reason  # every zip failure has a reason of its own


RICH = build_docx(
    [
        p("总则", num=1, ilvl=0),
        p("目的", num=1, ilvl=1),
        p(field("PAGE", "3"), '<w:r><w:sym w:font="Wingdings" w:char="F0FE"/></w:r>'),
        tbl([cell("项目", vmerge="restart"), cell("数量", span=2)], [cell(vmerge="continue"), "甲", "乙"]),
    ],
    numbering=abstract_num(1, level(0, "chineseCounting", "%1、", start=2), level(1, "upperLetter", "%1.%2"))
    + num(1, 1, starts={1: 3}),
)
JUNK = ("", "-1", "abc", "99999999999999999999", "%9%9%9", "FFFFFFFF", "110000", "restart", "separate")


def test_junk_attribute_values_never_crash_the_reader():
    rng = random.Random(20240302)
    attribute = re.compile(rb'w:(val|char|ilvl|numId|abstractNumId|fldCharType|font)="[^"]*"')
    for _ in range(80):

        def mangle(name: str, xml: bytes) -> bytes:
            if not name.startswith("word/") or name.endswith(".rels"):
                return xml
            spots = list(attribute.finditer(xml))
            for m in rng.sample(spots, min(len(spots), rng.randint(1, 6))):
                junk = rng.choice(JUNK).encode()
                xml = xml[: m.start()] + b"w:" + m.group(1) + b'="' + junk + b'"' + xml[m.end() :]
                break  # offsets move after a change; one per pass keeps them valid
            return xml

        data = RICH
        for _ in range(rng.randint(1, 6)):
            data = rewrite_parts(data, mangle)
        try:
            doc = read_docx_bytes(data, "乱码.docx")
        except UnreadableFile as err:
            assert "内部错误" not in err.reason
        else:
            assert all(len(x.text) < 5000 for x in doc.paragraphs)  # labels stay bounded (start ≤ 32767)


# -- the command line: the bad file is named, the good one still linted ---------------------------
def test_cli_reports_hostile_files_and_still_lints_the_others(tmp_path):
    good = tmp_path / "总结.txt"
    good.write_text("关于20XX年工作的总结\n今年以来，我局认真贯彻落实上级部署。\n", encoding="utf-8")
    (tmp_path / "炸弹.docx").write_bytes(_zeros_entry(2 * 1024 * 1024))
    (tmp_path / "实体.docx").write_bytes(with_entry("word/document.xml", EXTERNAL_ENTITY.encode()))
    (tmp_path / "改名.docx").write_bytes("这其实是文本".encode())
    result = subprocess.run(
        [sys.executable, "-m", "gwlint", "--format", "json", "--jobs", "1", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    files = {f["path"].rsplit("/", 1)[-1]: f for f in json.loads(result.stdout)["files"]}
    assert "压缩比" in files["炸弹.docx"]["error"]
    assert "实体" in files["实体.docx"]["error"]
    assert "不是 Word 文档" in files["改名.docx"]["error"]
    assert "placeholder.masked-year" in {d["rule"] for d in files["总结.txt"]["diagnostics"]}
    for name in ("炸弹.docx", "实体.docx", "改名.docx"):
        assert f"{name}: " in result.stderr
