"""Chinese word segmentation: the only module that imports jieba.

jieba's dictionary costs most of a second to load, so it is imported and loaded on the first call,
once per process, and only by checks that ask for words. Nothing else in gwlint imports jieba:
a test asserts it stays out of sys.modules when no loaded rule needs tokens.
"""

from __future__ import annotations

import logging
import warnings
from functools import cache
from typing import Any

Token = tuple[str, int, int]  # (word, start, end); end exclusive


@cache
def _tokenizer() -> Any:
    with warnings.catch_warnings():
        # jieba 0.42 imports pkg_resources when present, which warns that it is deprecated.
        warnings.simplefilter("ignore")
        import jieba
    # jieba logs "Building prefix dict …" at DEBUG to stderr; a linter's stderr is for errors.
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()  # load the dictionary now, not in the middle of the first document
    return tokenizer


def tokens(text: str, offset: int = 0) -> list[Token]:
    """Words of `text` with their spans; `offset` is added to every span (e.g. a paragraph's start)."""
    if not text:
        return []
    return [(word, start + offset, end + offset) for word, start, end in _tokenizer().tokenize(text)]
