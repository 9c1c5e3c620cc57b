"""A document's text as LSP sees it: lines split only at \\n, \\r\\n, \\r, and positions in the
negotiated encoding (UTF-16 by default, UTF-8 or UTF-32 when the client offers them).

pygls's own TextDocument splits lines with str.splitlines(), which also breaks at \\v, \\f and
U+2028, so ranges would drift on such text; gwlint keeps this buffer instead.
"""

from __future__ import annotations

import bisect

from gwlint.document import LINE_END

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"


def _units(text: str, encoding: str) -> int:
    if encoding == UTF32:
        return len(text)
    if encoding == UTF16:
        return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)
    return len(text.encode("utf-8", "surrogatepass"))


def _chars_for_units(line: str, units: int, encoding: str) -> int:
    """Code points in `line` covered by `units` code units (clamped to the line)."""
    if encoding == UTF32:
        return min(units, len(line))
    count = 0
    for i, ch in enumerate(line):
        width = (2 if ord(ch) > 0xFFFF else 1) if encoding == UTF16 else len(ch.encode("utf-8", "surrogatepass"))
        if count + width > units:
            return i
        count += width
    return len(line)


class TextBuffer:
    def __init__(self, text: str, version: int | None = None) -> None:
        self.version = version
        self._set(text)

    def _set(self, text: str) -> None:
        self.text = text
        self.line_starts = [0] + [m.end() for m in LINE_END.finditer(text)]

    def line_text(self, line: int) -> str:
        """The line's text without its line end."""
        start = self.line_starts[line]
        end = self.line_starts[line + 1] if line + 1 < len(self.line_starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n") if line + 1 < len(self.line_starts) else self.text[start:end]

    def offset_at(self, line: int, character: int, encoding: str) -> int:
        """Code-point offset of an LSP position; positions past a line's end clamp to it (LSP says so)."""
        if line >= len(self.line_starts):
            return len(self.text)
        if line < 0:
            return 0
        text = self.line_text(line)
        return self.line_starts[line] + _chars_for_units(text, character, encoding)

    def position_at(self, offset: int, encoding: str) -> tuple[int, int]:
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.line_starts, offset) - 1
        text = self.line_text(line)
        column = min(offset - self.line_starts[line], len(text))
        return line, _units(text[:column], encoding)

    def apply(self, start: tuple[int, int] | None, end: tuple[int, int] | None, new_text: str, encoding: str) -> None:
        """Apply one content change; no range means the whole text is replaced."""
        if start is None or end is None:
            self._set(new_text)
            return
        a = self.offset_at(*start, encoding)
        b = self.offset_at(*end, encoding)
        if b < a:
            a, b = b, a
        self._set(self.text[:a] + new_text + self.text[b:])
