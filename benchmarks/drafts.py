"""Benchmark inputs built from the seed pages at run time (never copied into the repository).

All builders are deterministic, so two runs of the benchmark measure the same text.
"""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("GWLINT_SHARED", REPO.parent / "shared"))
SEEDS = SHARED / "corpus" / "seeds"


def seed_texts(folder: Path = SEEDS) -> list[str]:
    """The seed pages, one string each, with \\n line ends."""
    files = sorted(folder.glob("*.txt"))
    if not files:
        raise SystemExit(f"no seed pages in {folder}: the shared corpora sit beside the repository (../shared)")
    return [p.read_text(encoding="utf-8-sig").replace("\r\n", "\n").replace("\r", "\n") for p in files]


def seed_corpus(folder: Path = SEEDS) -> str:
    return "\n".join(t.strip("\n") for t in seed_texts(folder)) + "\n"


def text_of_length(chars: int, folder: Path = SEEDS) -> str:
    """Exactly `chars` characters of seed text, the seeds repeated as often as needed."""
    corpus = seed_corpus(folder)
    return (corpus * (chars // len(corpus) + 1))[:chars]


def text_of_utf8_size(size: int, folder: Path = SEEDS) -> str:
    """Seed text whose UTF-8 encoding is at least `size` bytes, ending at a line end."""
    corpus = seed_corpus(folder)
    return corpus * (size // len(corpus.encode("utf-8")) + 1)


def many_drafts(count: int, folder: Path = SEEDS) -> list[str]:
    """`count` drafts of 2,000 to 10,000 characters cut from the seeds at line starts."""
    corpus = seed_corpus(folder)
    line_starts = [0] + [i + 1 for i, c in enumerate(corpus) if c == "\n" and i + 1 < len(corpus)]
    drafts = []
    for i in range(count):
        size = 2000 + (i * 7919) % 8001
        start = line_starts[(i * 104729) % len(line_starts)]
        piece = (corpus[start:] + corpus)[:size]
        drafts.append(piece)
    return drafts


def paragraphs(count: int, folder: Path = SEEDS) -> list[str]:
    """`count` non-empty seed lines, the seeds repeated as often as needed."""
    lines = [line for line in seed_corpus(folder).split("\n") if line.strip()]
    return [lines[i % len(lines)] for i in range(count)]


_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml"
 ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>"""
_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Target="word/document.xml"
 Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>
</Relationships>"""
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx_bytes(texts: list[str]) -> bytes:
    """A minimal valid .docx (the parts Word itself requires) with one body paragraph per text.

    Raw XML rather than python-docx: 50,000 paragraphs take python-docx most of a minute.
    """
    body = "".join(f'<w:p><w:r><w:t xml:space="preserve">{escape(t)}</w:t></w:r></w:p>' for t in texts)
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:document xmlns:w="{_W}"><w:body>{body}<w:sectPr/></w:body></w:document>'
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
        zf.writestr("_rels/.rels", _RELS)
        zf.writestr("word/document.xml", document)
    return out.getvalue()
