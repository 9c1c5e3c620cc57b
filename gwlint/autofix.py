"""--fix and --diff: apply safe fixes to .txt/.md drafts and write them back atomically.

A fixed file keeps its encoding, its BOM and its line ends: edits are applied to the decoded
text (which still holds the original \\r\\n or \\r), and the result is encoded the way the file
was read. The new bytes go to a temporary file in the same folder, then os.replace() swaps it
in, so a crash or a full disk never leaves a half-written draft.
"""

from __future__ import annotations

import difflib
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from gwlint.api import FileResult, Linter
from gwlint.document import Document
from gwlint.errors import UnreadableFile
from gwlint.finding import Finding
from gwlint.fix import apply_fixes, safe_edits
from gwlint.readers.text import decode_bytes

FIXABLE_FORMATS = ("txt", "md")
MAX_ROUNDS = 10  # an edit that overlaps another waits for the next round, as in Ruff
_LINES = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


class StaleFile(Exception):
    """The file on disk is no longer the text that was linted."""


@dataclass
class FixOutcome:
    results: list[FileResult]  # with the findings that remain after fixing
    fixes: int = 0  # findings fixed
    files: int = 0  # files changed
    diff: str = ""
    notes: list[str] = field(default_factory=list)
    failed: bool = False  # a file could not be written


def _fixable(findings: list[Finding]) -> bool:
    return any(f.fix is not None and f.fix.safe for f in findings)


def fix_document(linter: Linter, doc: Document, findings: list[Finding]) -> tuple[Document, list[Finding], int]:
    """Apply safe fixes until none is left: the fixed document, its findings, the number fixed."""
    fixed = 0
    for _ in range(MAX_ROUNDS):
        edits = set(safe_edits(findings))
        if not edits:
            break
        text = apply_fixes(doc.text, findings)
        if text == doc.text:
            break
        fixed += sum(1 for f in findings if f.fix is not None and f.fix.safe and set(f.fix.edits) <= edits)
        doc = Document.from_text(text, doc.path, doc.format)
        findings = linter.lint_document(doc)
    return doc, findings, fixed


def write_atomically(path: Path, data: bytes) -> None:
    target = path.resolve()  # through a symbolic link, so the link stays a link
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".gwlint-tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        shutil.copymode(target, tmp)
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def write_fixed(path: Path, linted_text: str, fixed_text: str) -> None:
    """Write `fixed_text` over `path` in the file's own encoding, if the file still holds `linted_text`."""
    try:
        decoded = decode_bytes(path.read_bytes(), str(path))
    except (OSError, UnreadableFile):
        raise StaleFile from None
    if decoded.text != linted_text:
        raise StaleFile
    write_atomically(path, decoded.encode(fixed_text))


def unified_diff(path: str, before: str, after: str) -> str:
    lines = []
    for line in difflib.unified_diff(
        _LINES.findall(before), _LINES.findall(after), fromfile=path, tofile=path, lineterm="\n"
    ):
        lines.append(line)
        if not line.endswith(("\n", "\r")):
            lines.append("\n\\ No newline at end of file\n")
    return "".join(lines)


def fix_results(linter: Linter, results: list[FileResult], write: bool = True) -> FixOutcome:
    outcome = FixOutcome(results=[])
    for result in results:
        doc = result.document
        if result.error is not None or doc is None or not _fixable(result.findings):
            outcome.results.append(result)
            continue
        if doc.format not in FIXABLE_FORMATS:
            outcome.notes.append(f"{result.path}:--fix 只能修改 .txt/.md 文件,Word 文件中的问题请手动修改")
            outcome.results.append(result)
            continue
        fixed_doc, findings, count = fix_document(linter, doc, result.findings)
        if fixed_doc.text == doc.text:
            outcome.results.append(result)
            continue
        if write:
            try:
                write_fixed(Path(result.path), doc.text, fixed_doc.text)
            except StaleFile:
                outcome.notes.append(f"{result.path}:文件在检查期间被改动,未修复")
                outcome.results.append(result)
                continue
            except (OSError, UnicodeEncodeError) as err:
                outcome.notes.append(f"{result.path}:无法写入修复结果({getattr(err, 'strerror', None) or err})")
                outcome.failed = True
                outcome.results.append(result)
                continue
        else:
            outcome.diff += unified_diff(result.path, doc.text, fixed_doc.text)
        outcome.results.append(FileResult(result.path, findings, fixed_doc))
        outcome.fixes += count
        outcome.files += 1
    return outcome
