"""Text folding for comparisons that ignore punctuation, whitespace, case and full/half-width forms.

`fold()` keeps only letters and digits (after NFKC, so ＡＢＣ１２ and ABC12 fold alike); it is what
duplicate detection compares. `fold_width()` maps each full-width character to its half-width form
one for one, so offsets into the folded text are offsets into the original.
"""

from __future__ import annotations

import unicodedata


class _FoldTable(dict):
    """A str.translate table filled on first use: each character maps to its folded form."""

    def __missing__(self, code: int) -> str:
        folded = "".join(
            c for c in unicodedata.normalize("NFKC", chr(code)).lower() if unicodedata.category(c)[0] in "LN"
        )
        self[code] = folded
        return folded


class _WidthTable(dict):
    """Full-width and compatibility forms to their plain form, only where that keeps the length."""

    def __missing__(self, code: int) -> str:
        plain = unicodedata.normalize("NFKC", chr(code))
        plain = plain if len(plain) == 1 else chr(code)
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
