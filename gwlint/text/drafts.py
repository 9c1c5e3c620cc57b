"""Split a page holding several drafts (…篇一, …总结 第2篇, 【第三篇】, 范文四: …) into the drafts a writer would copy.

Template sites put a collection of sample documents on one page. Each article heading (level 0 of
the outline, in any of the forms gwlint.text.outline knows) starts a draft; whatever comes before
the first one (the page title, an editor's intro) stays with the first draft and whatever follows
the last (the page footer) with the last, as a writer who copied the whole block would have it. A
page without article headings is one draft.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gwlint.document import Document


@dataclass(frozen=True, slots=True)
class Draft:
    start: int  # index of its first paragraph in Document.paragraphs
    end: int  # one past its last paragraph
    heading: int | None = None  # paragraph index of its article heading (…篇二), if it has one

    def __contains__(self, index: int) -> bool:
        return self.start <= index < self.end


LEAD_LINES = 3  # a lone article heading among the first non-empty lines is the page's own title


def split_drafts(doc: Document) -> list[Draft]:
    """The drafts of a document, in order, covering every paragraph exactly once.

    A page is a collection when it has two or more article headings numbered upwards. A lone
    "…篇三" near the top is the title of a draft cut from such a page; anywhere else it is a
    line pasted from one and splits nothing.
    """
    total = len(doc.paragraphs)
    articles = [h for h in doc.outline if h.level == 0]
    if len(articles) >= 2 and all(a.number < b.number for a, b in itertools.pairwise(articles)):
        indexes = [h.index for h in articles]
        starts = [0, *indexes[1:]]
        ends = [*indexes[1:], total]
        return [Draft(start, end, heading) for start, end, heading in zip(starts, ends, indexes, strict=True)]
    lead = [i for i, p in enumerate(doc.paragraphs) if p.text.strip()][:LEAD_LINES]
    heading = articles[0].index if len(articles) == 1 and articles[0].index in lead else None
    return [Draft(0, total, heading)]
