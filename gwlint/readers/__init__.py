"""Readers turn a file into a Document; they raise only UnreadableFile."""

from __future__ import annotations

import os
from pathlib import Path

from gwlint.document import Document
from gwlint.errors import UnreadableFile
from gwlint.readers.text import read_text_bytes

TEXT_SUFFIXES = {".txt": "txt", ".md": "md", ".markdown": "md"}
DOCX_SUFFIXES = {".docx", ".docm"}
LEGACY_SUFFIXES = {".doc", ".wps"}
SUFFIXES = set(TEXT_SUFFIXES) | DOCX_SUFFIXES | LEGACY_SUFFIXES
MAX_TEXT_BYTES = 64 * 1024 * 1024  # a draft is never this large; refuse rather than exhaust memory


def read_bytes(data: bytes, name: str) -> Document:
    """A document from bytes, its format taken from the name's suffix (stdin uses --stdin-filename)."""
    suffix = Path(name).suffix.lower()
    if suffix in DOCX_SUFFIXES:
        from gwlint.readers.docx import read_docx_bytes

        return read_docx_bytes(data, name)
    if suffix in LEGACY_SUFFIXES:
        from gwlint.readers.legacy import read_legacy_bytes

        return read_legacy_bytes(data, name)
    return read_text_bytes(data, name, TEXT_SUFFIXES.get(suffix, "txt"))


def _directory_reason(path: Path) -> str:
    """A folder reaches a reader only when it could not be listed (or was named as a file)."""
    try:
        os.listdir(path)
    except PermissionError:
        return "目录没有读取权限"
    except OSError as err:
        return f"无法读取目录({err.strerror or err})"
    return "是目录而不是文件"


def read_path(path: Path | str) -> Document:
    path = Path(path)
    name = str(path)
    too_large = f"文件过大(上限 {MAX_TEXT_BYTES // 1048576} MB)"
    try:
        if path.stat().st_size > MAX_TEXT_BYTES:
            raise UnreadableFile(name, too_large)
        with path.open("rb") as f:
            # Bounded even where stat() says nothing about the size (a pipe, /dev/zero).
            data = f.read(MAX_TEXT_BYTES + 1)
        if len(data) > MAX_TEXT_BYTES:
            raise UnreadableFile(name, too_large)
    except IsADirectoryError:
        raise UnreadableFile(name, _directory_reason(path)) from None
    except FileNotFoundError:
        raise UnreadableFile(name, "文件不存在") from None
    except PermissionError:
        raise UnreadableFile(name, "没有读取权限") from None
    except OSError as err:
        raise UnreadableFile(name, f"无法读取({err.strerror or err})") from None
    return read_bytes(data, name)
