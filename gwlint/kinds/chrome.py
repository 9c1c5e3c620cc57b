"""Web page chrome copied along with a draft (the `chrome` kind).

A line holding a chrome marker (浏览:N次, 加入收藏, Copyright, 本文地址 …) is chrome, and so is a
line that is a list of links: titles split by | / · (after an optional label such as 相关推荐:),
found by its shape whatever the titles say. So are the short link-like lines next to them: a
navigation list above a site footer, a column name between the page header and the title.
Link-like lines are found by shape (short, no sentence punctuation, no numbering, not a date, not
a signature), never by their exact words, so another site's menu is found too. A run of link-like
lines with no marker beside it still counts at the very start or end of the page when most of its
items carry navigation words (首页, 信息公开, 联系我们 …).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import regex

from gwlint.document import Document, Paragraph
from gwlint.finding import Fix, Hit
from gwlint.kinds.pattern import delete_paragraph

SENTENCE_PUNCT = "。,\uff0c;\uff1b:\uff1a!\uff01?\uff1f、"
SENTENCE_END = regex.compile(r"[。,\uff0c;\uff1b!\uff01?\uff1f]")  # what no link title holds
LINK_FORBIDDEN = set(SENTENCE_PUNCT + '“”"()\uff08\uff09《》【】[]〔〕')
# Numbered lines are outline items of a document, not menu links.
NUMBERED = regex.compile(
    r"^(?:[一二三四五六七八九十百]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d+(?:[、．]|\.(?!\d))|[①-⑳])"
)
# Dates, document numbers and signatures close a document; they are never links either, not even
# with the digits still masked (20XX年X月X日).
DOC_PART = regex.compile(
    r"^[(（]?[\d〇○零一二三四五六七八九十XxＸｘ×*＊]{4}年[\d〇○零一二三四五六七八九十XxＸｘ×*＊]{1,2}月"
    r"(?:[\d〇○零一二三四五六七八九十XxＸｘ×*＊]{1,3}日)?[)）]?$|号$"
    r"|(?:厅|局|委|办|室|院|部|处|会|政府|中心|公司|街道|镇|乡|村|社区|学校|所|站|队|组)$"
)
# A line with an unfilled template slot (XX县, ××局, ***, 某某, ○○) is the document's own draft text:
# no site puts a mask into its menu, so chrome beside it never spreads onto it.
MASKED = regex.compile(
    r"(?<![A-Za-z])(?:[XxＸｘ×]{2,}|[*＊]{2,}|某某|[○〇□]{2,})(?![A-Za-z])|(?<![A-Za-z])[XxＸｘ×](?=[年月日号])"
)
# Markdown: a heading or a table row is structure the writer typed; a thematic break is a blank line.
MD_STRUCTURE = regex.compile(r"^(?:#{1,6}[ \t]|\|)")
MD_BREAK = regex.compile(r"^(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$")
SYMBOL_LINE = regex.compile(r"^[+|>»›/\\^~#@&·•►▶→<«‹]{1,3}$")
# A title in the page header is not a column name.
DOC_TYPE = regex.compile(
    r"报告|通知|方案|总结|意见|办法|决定|汇报|讲话|计划|规划|要点|函|公告|通报|纪要|请示|批复|细则|规定|条例|公报"
)


@dataclass(frozen=True)
class Options:
    markers: tuple[str, ...]
    nav_words: tuple[str, ...] = ()
    # A line of link titles: what separates them, how many it takes, how long one title may be.
    list_separators: tuple[str, ...] = ("[ 　]*[|｜][ 　]*",)
    list_min_items: int = 3
    list_item_max_len: int = 40
    max_line_len: int = 160  # a marker in a longer paragraph marks only itself
    link_max_len: int = 12  # the longest line that can be a navigation link
    min_links: int = 3  # a run this long counts anywhere next to a marker line
    related_max_len: int = 40  # the longest link title in a list below a marker at the page end
    formats: tuple[str, ...] = ("txt", "md", "docx")


# A label opening a list of links: "相关推荐:" "您可能还喜欢:".
LIST_LABEL = regex.compile(r"^[^|｜/／·•:\uff1a。]{1,12}[:\uff1a]")
HAN = regex.compile(r"\p{Han}")

# Line classes.
BLANK, CHROME, LINK, BODY, OTHER = range(5)


class ChromeChecker:
    def __init__(self, options: Options) -> None:
        if not options.markers:
            raise ValueError("markers 不能为空")
        self.options = options
        # Kept apart, not joined into one alternation: each marker alone starts with literals the regex
        # engine can skip to, which a long alternation of them cannot.
        self.markers = [regex.compile(p, regex.V1) for p in options.markers]
        self.nav_words = (
            regex.compile("|".join(regex.escape(w) for w in options.nav_words)) if options.nav_words else None
        )
        self.list_separator = (
            regex.compile("|".join(f"(?:{p})" for p in options.list_separators)) if options.list_separators else None
        )

    def _items(self, text: str) -> list[str]:
        """The separated items of a line (after a label such as "相关推荐:"), or [] when it has none."""
        if self.list_separator is None or len(text) > 2000 or not self.list_separator.search(text):
            return []
        label = LIST_LABEL.match(text)
        return [item.strip() for item in self.list_separator.split(text[label.end() :] if label else text)]

    def _link_lists(self, doc: Document) -> dict[int, tuple[int, int]]:
        """Paragraphs that are lists of link titles: "A | B | C", "相关推荐:A / B / C".

        Nearly all items must read as titles (two or more Chinese characters) and none may be a
        sentence. Rows of a table typed as text are not lists: a line opening or closing with a
        separator, or next to a line cut into as many items, is a row.
        """
        opts = self.options
        paras = doc.paragraphs
        counts = [len(self._items(p.text.strip())) if p.location.story == "body" else 0 for p in paras]
        found: dict[int, tuple[int, int]] = {}
        for i, para in enumerate(paras):
            if counts[i] < opts.list_min_items:
                continue
            neighbours = [counts[j] for j in (i - 1, i + 1) if 0 <= j < len(paras)]
            if counts[i] in neighbours:
                continue
            items = self._items(para.text.strip())
            if not all(items) or any(len(item) > opts.list_item_max_len or SENTENCE_END.search(item) for item in items):
                continue
            titles = sum(len(HAN.findall(item)) >= 2 for item in items)
            if titles < len(items) - len(items) // 4:
                continue
            start = para.start + len(para.text) - len(para.text.lstrip())
            found[i] = (start, start + len(para.text.strip()))
        return found

    def _find_markers(self, doc: Document) -> dict[int, tuple[int, int]]:
        """The first marker span (absolute offsets) in each paragraph that has one.

        Each marker runs once over the whole text rather than once per paragraph; a match running
        across a line end is not a marker, and the search resumes just after where it began.
        """
        found: dict[int, tuple[int, int]] = {}
        text = doc.text
        for pattern in self.markers:
            pos = 0
            while (m := pattern.search(text, pos)) is not None:
                index = doc.paragraph_index(m.start())
                para = doc.paragraphs[index]
                if m.end() <= para.end and m.end() > m.start():
                    if index not in found or m.start() < found[index][0]:
                        found[index] = m.span()
                    pos = para.end + 1  # one marker is enough for a paragraph
                else:
                    pos = m.start() + 1
        return found

    def _classify(self, para: Paragraph, marker: tuple[int, int] | None, md: bool = False) -> int:
        text = para.text.strip()
        if para.location.story != "body":
            return OTHER  # a Word header or footer ("第1页 共3页") belongs to the document
        if marker is not None:
            return CHROME  # pages pasted into Word often keep their layout tables
        if para.location.table:
            return OTHER  # short cells are the nature of tables, not a menu
        if not text or (md and MD_BREAK.match(text)):
            return BLANK
        if md and MD_STRUCTURE.match(text):
            return OTHER
        if MASKED.search(text):
            return OTHER
        if SYMBOL_LINE.match(text):
            return LINK
        if len(text) <= self.options.link_max_len and not LINK_FORBIDDEN.intersection(text):
            if not (NUMBERED.search(text) or DOC_PART.search(text)) or self._nav(text):
                return LINK
        if len(text) > self.options.link_max_len and any(c in SENTENCE_PUNCT for c in text):
            return BODY
        return OTHER

    def _nav(self, text: str) -> bool:
        return self.nav_words is not None and self.nav_words.search(text) is not None

    def run(self, doc: Document) -> Iterator[Hit]:
        opts = self.options
        if doc.format not in opts.formats:
            return
        paras = doc.paragraphs
        found = self._find_markers(doc)
        lists = {i: span for i, span in self._link_lists(doc).items() if i not in found}
        found.update(lists)
        markers = [found.get(i) for i in range(len(paras))]
        md = doc.format == "md"
        classes = [self._classify(para, marker, md) for para, marker in zip(paras, markers, strict=True)]
        if CHROME not in classes and LINK not in classes:
            return
        body = [i for i, c in enumerate(classes) if c == BODY]
        first_body = body[0] if body else len(paras)
        last_body = body[-1] if body else -1
        flagged: dict[int, str] = {}
        sure: set[int] = set()  # link lines beside a marker at the page edge: safe to delete
        for i, cls in enumerate(classes):
            if cls == CHROME:
                flagged[i] = "链接列表" if i in lists else "页面信息"
        for run in self._runs(classes):
            before = self._neighbour(classes, run[0], -1)
            after = self._neighbour(classes, run[-1], 1)
            near_chrome = CHROME in (before, after)
            in_head = run[-1] < first_body
            in_tail = run[0] > last_body
            texts = [paras[i].text.strip() for i in run]
            if self._introduces_list(paras, classes, run[0]):
                # 附件: followed by names is a list of the document, not a menu.
                keep = []
            elif near_chrome and in_head:
                # Column names and breadcrumbs above the title; the title itself names its type.
                keep = [i for i, t in zip(run, texts, strict=True) if not DOC_TYPE.search(t)]
            elif near_chrome and (in_tail or len(run) >= opts.min_links):
                keep = run
            elif (before is None and in_head or after is None and in_tail) and len(run) >= opts.min_links:
                keep = run if sum(map(self._nav, texts)) * 2 >= len(run) else []
            else:
                keep = []
            for i in keep:
                if SYMBOL_LINE.match(paras[i].text.strip()):
                    continue  # a lone symbol is the fragment rule's
                flagged[i] = "导航或栏目"
                if near_chrome and (in_head or in_tail):
                    sure.add(i)
        # Below the last paragraph of running text, a marker line ending in a colon (相关文章: …还看了:)
        # introduces a list of link titles, numbered or not.
        listing = False
        for i in range(last_body + 1, len(paras)):
            text = paras[i].text.strip()
            if classes[i] == CHROME:
                listing = text.endswith((":", "\uff1a"))
            elif classes[i] == BLANK:
                continue
            elif listing and classes[i] in (LINK, OTHER) and not paras[i].location.table and self._related_link(text):
                flagged.setdefault(i, "导航或栏目")
            else:
                listing = False
        for i in sorted(flagged):
            yield self._hit(doc, paras[i], markers[i], flagged[i], i in sure)

    def _related_link(self, text: str) -> bool:
        """A short line that could be a link title: no sentence ending, no date or signature."""
        return (
            len(text) <= self.options.related_max_len
            and not SYMBOL_LINE.match(text)
            and not text.endswith(("。", "!", "\uff01", ";", "\uff1b"))
            and not DOC_PART.search(text)
            and not MASKED.search(text)
        )

    @staticmethod
    def _runs(classes: list[int]) -> Iterator[list[int]]:
        """Maximal runs of link-like lines; blank lines inside a run don't break it."""
        run: list[int] = []
        for i, cls in enumerate(classes):
            if cls == LINK:
                run.append(i)
            elif cls != BLANK and run:
                yield run
                run = []
        if run:
            yield run

    @staticmethod
    def _introduces_list(paras: Sequence[Paragraph], classes: list[int], index: int) -> bool:
        """Whether the nearest non-blank line before `index` is document text ending with a colon."""
        i = index - 1
        while i >= 0 and classes[i] == BLANK:
            i -= 1
        return i >= 0 and classes[i] != CHROME and paras[i].text.rstrip().endswith((":", "\uff1a"))

    @staticmethod
    def _neighbour(classes: list[int], index: int, step: int) -> int | None:
        """Class of the nearest non-blank line before (-1) or after (+1); None at the page edge."""
        i = index + step
        while 0 <= i < len(classes):
            if classes[i] != BLANK:
                return classes[i]
            i += step
        return None

    def _hit(self, doc: Document, para: Paragraph, marker: tuple[int, int] | None, what: str, sure: bool) -> Hit:
        text = para.text
        start = len(text) - len(text.lstrip())
        end = len(text.rstrip())
        fields = {"what": what}
        if marker is not None and end - start > self.options.max_line_len:
            # A marker inside running text: report the marker alone and leave the text to the writer.
            return Hit(marker[0], marker[1], fields=fields)
        # A marker line that reads like a sentence might carry real content: delete it only on request.
        safe = sure or (marker is not None and not text.rstrip().endswith("。"))
        fix = Fix("删除该行", (delete_paragraph(doc, para),), safe)
        return Hit(para.start + start, para.start + end, fields=fields, fix=fix)


def compile(options: Options) -> ChromeChecker:  # noqa: A001 - the kind interface
    return ChromeChecker(options)
