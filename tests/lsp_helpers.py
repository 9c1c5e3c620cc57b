"""Helpers for language-server tests: an LSP client's view of text, independent of the server's code."""

from __future__ import annotations

import re

from lsprotocol import types


def lsp_lines(text: str) -> list[str]:
    """Lines as LSP defines them (split at \\n, \\r\\n, \\r only), without their ends."""
    return re.split(r"\r\n|\r|\n", text)


def offset_of(text: str, pos: types.Position, encoding: str = "utf-16") -> int:
    starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]
    line_start = starts[pos.line]
    line = lsp_lines(text)[pos.line]
    if encoding == "utf-32":
        return line_start + pos.character
    units = line.encode("utf-16-le" if encoding == "utf-16" else "utf-8")
    width = 2 if encoding == "utf-16" else 1
    prefix = units[: pos.character * width].decode("utf-16-le" if encoding == "utf-16" else "utf-8")
    return line_start + len(prefix)


def apply_edits(text: str, edits: list[types.TextEdit], encoding: str = "utf-16") -> str:
    spans = sorted(
        ((offset_of(text, e.range.start, encoding), offset_of(text, e.range.end, encoding), e.new_text) for e in edits),
        reverse=True,
    )
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


def position_of(text: str, offset: int, encoding: str = "utf-16") -> types.Position:
    before = text[:offset]
    line = len(re.findall(r"\r\n|\r|\n", before))
    start = max((m.end() for m in re.finditer(r"\r\n|\r|\n", before)), default=0)
    col = before[start:]
    if encoding == "utf-16":
        return types.Position(line, len(col.encode("utf-16-le")) // 2)
    if encoding == "utf-8":
        return types.Position(line, len(col.encode("utf-8")))
    return types.Position(line, len(col))


def accept_registrations(client) -> list[types.Registration]:
    """Answer client/registerCapability as an editor does, keeping what the server registered."""
    registrations: list[types.Registration] = []

    @client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams) -> None:
        registrations.extend(params.registrations)

    return registrations
