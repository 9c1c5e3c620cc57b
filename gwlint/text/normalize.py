"""Text folding for comparisons that ignore punctuation, whitespace, case and full/half-width forms.

`fold()` keeps only letters and digits (after NFKC, so ＡＢＣ１２ and ABC12 fold alike); it is what
duplicate detection compares. `fold_width()` maps each full-width character to its half-width form
one for one, so offsets into the folded text are offsets into the original.

Both fill their tables as characters are met. A table keeps at most TABLE_LIMIT characters: a draft
uses a few thousand, while a hostile file holding every code point would otherwise grow each table
past 100 MB; characters beyond the limit are folded again each time they are met.
"""

from __future__ import annotations

import unicodedata

TABLE_LIMIT = 1 << 16  # characters a table keeps (some 100 bytes each)


class _FoldTable(dict):
    """A str.translate table filled on first use: each character maps to its folded form."""

    def __missing__(self, code: int) -> str:
        folded = "".join(
            c for c in unicodedata.normalize("NFKC", chr(code)).lower() if unicodedata.category(c)[0] in "LN"
        )
        if len(self) < TABLE_LIMIT:
            self[code] = folded
        return folded


class _WidthTable(dict):
    """Full-width and compatibility forms to their plain form, only where that keeps the length."""

    def __missing__(self, code: int) -> str:
        plain = unicodedata.normalize("NFKC", chr(code))
        plain = plain if len(plain) == 1 else chr(code)
        if len(self) < TABLE_LIMIT:
            self[code] = plain
        return plain


_FOLD = _FoldTable()
_WIDTH = _WidthTable()


def fold(text: str) -> str:
    """Letters and digits only, NFKC-normalised and lower-cased: “加强领导，狠抓落实。” → “加强领导狠抓落实”."""
    return text.translate(_FOLD)


def fold_width(text: str) -> str:
    """The same text with full-width forms made half-width (，→, Ａ→A); `len()` is unchanged."""
    return text.translate(_WIDTH)
