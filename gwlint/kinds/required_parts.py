"""Parts a document type must have (the `required-parts` kind): a summary without a problems part.

The document types live in YAML (`types`): each has title patterns, optional opening patterns and
required parts, and a part is found either as a heading (`headings`, matched on heading text) or as
a passage anywhere in the body (`passages`), since short drafts often say "但也存在一些不足……" or
"今后,我们将……" without a heading. A part may also name another part it comes `after`, with
`after_passages` that count only once that part is over (intentions after the problems are the
plans). Types without parts (通知, 讲话 …) are listed too: a title is typed by the type word that
comes last in it, so "关于印发《…工作总结》的通知" is a notice.

Each draft of a page (…篇一, 第2篇, 【第三篇】, 范文四: …) is typed and checked on its own; a draft
with no title of its own (【第二篇】 followed by the text) has the type the page's title names. A
missing part is reported once per draft, on the line of the draft's title (or article heading),
with `data.part` naming it; a rule reports the parts its `parts` option names, so that each part
is a rule of its own (the engine keeps one finding per rule and span).

Site chrome copied along with a page (link lists, "相关推荐:…2024年信访工作计划范文", several
titles on one line, lines labelled 范文/模板/下载/推荐) names other pages, and supplies no part.

The project's `document_types` (gwlint.yaml) reach the kind through the `document_types` option,
which the engine fills in: a type named there replaces the keys it gives of the built-in type of
that name, `false` switches a built-in type off, and a new name adds a type.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import regex

from gwlint.document import Document, Paragraph
from gwlint.finding import Hit
from gwlint.text.drafts import Draft, split_drafts
from gwlint.text.outline import parse_heading

TYPE_KEYS = {"name", "title", "opening", "parts"}
PART_KEYS = {"name", "label", "headings", "passages", "after", "after_passages"}

TITLE_MAX = 80  # a title line is at most this long …
TITLE_LINES = 4  # … and among the first non-empty paragraphs of its draft
OPENING_LINES = 6  # paragraphs searched for an opening such as "现将…总结如下"
LABEL_MAX = 16  # "主要问题:一是……" — a run-in heading before a colon
SHORT_HEADING = 30  # an unnumbered line this short without a full stop reads as a heading

# Site chrome: a label that introduces links to other pages, alone or before the links.
_CHROME_LABEL = regex.compile(
    r"^\s*[【\[(（]?\s*(?:相关(?:推荐|阅读|文章|范文|内容|链接|搜索|资料|专题)|(?:推荐|热门|精彩|最新|精选|猜你)"
    r"(?:阅读|访问|文章|范文|推荐|内容|搜索|专题|标签|喜欢)|推荐|猜你喜欢|延伸阅读|扩展阅读|拓展阅读|更多(?:相关|精彩|推荐)?"
    r"(?:文章|范文|内容|阅读)?|上一?篇|下一?篇|本文(?:链接|地址|标签|来源)|文章(?:标签|来源|链接)|标签|关键词|tags?"
    r"|(?:免费|文档|模板|word|WORD|Word)?下载(?:地址|链接|文档)?|范文(?:推荐|大全|下载)?|模板)\s*[】\])）]?\s*(?:[:：|｜>›»]|$)",
    regex.IGNORECASE,
)
# A line naming a sample or a download, not a sentence of the draft.
_CHROME_WORD = regex.compile(
    r"范文|模板|范本|(?:免费|文档|word|WORD|Word)下载|下载(?:地址|链接|文档)|[(（【]?(?:精选|优秀|通用|热门)?\d+篇[)）】]|大全"
)
# The end of a title of a document: several of these on one line are a list of links.
_TITLE_END = regex.compile(
    r"(?:总结|计划|方案|报告|汇报|范文|模板|范本|心得|体会|讲话|发言|致辞|通知|意见|制度|办法|材料|规划|要点|"
    r"演讲稿|发言稿|讲话稿|述职|大全|例文|\d+篇[)）]?)\s*$"
)
_SENTENCE_END = regex.compile(r"[。;；!！?？]\s*$")
_SEPARATED = regex.compile(r"\s*[|｜]\s*|\s+")

_QUOTED_TITLE = regex.compile(r"《[^《》]*》")  # the title of another document inside a title
_LABEL = regex.compile(rf"^\s*([^:\uff1a。;\uff1b]{{2,{LABEL_MAX}}})[:\uff1a]")


@dataclass(frozen=True)
class Options:
    types: tuple[dict[str, Any], ...] = ()
    parts: tuple[str, ...] = ()  # the parts this rule reports (empty: all)
    document_types: Any = None  # gwlint.yaml `document_types:`, set by the engine


@dataclass(frozen=True)
class Part:
    name: str  # what data.part says: 问题, 打算 …
    label: str  # how the message names it
    headings: regex.Pattern[str] | None
    passages: regex.Pattern[str] | None
    after: str | None = None  # another part this one may follow …
    after_passages: regex.Pattern[str] | None = None  # … with text that counts only after it


@dataclass(frozen=True)
class DocType:
    name: str
    title: regex.Pattern[str] | None
    opening: regex.Pattern[str] | None
    parts: tuple[Part, ...]


def _alternation(patterns: Any, where: str) -> regex.Pattern[str] | None:
    if patterns is None:
        return None
    if isinstance(patterns, str):
        patterns = (patterns,)
    if not isinstance(patterns, Sequence) or not all(isinstance(p, str) for p in patterns):
        raise ValueError(f"{where}应为正则表达式列表")
    if not patterns:
        return None
    try:
        return regex.compile("|".join(f"(?:{p})" for p in patterns), regex.V1)
    except regex.error as err:
        raise ValueError(f"{where}的正则表达式有误:{err}") from None


def _check_keys(raw: Any, allowed: set[str], where: str) -> None:
    if not isinstance(raw, Mapping):
        raise ValueError(f"{where}应为映射")
    unknown = sorted(set(raw) - allowed)
    if unknown:
        raise ValueError(f"{where}有未知的键 {'、'.join(map(str, unknown))}(可用:{'、'.join(sorted(allowed))})")


def _part(raw: Any, type_name: str) -> Part:
    where = f"文种“{type_name}”的必备部分"
    _check_keys(raw, PART_KEYS, where)
    name = raw.get("name")
    if not isinstance(name, str) or not name:
        raise ValueError(f"{where}缺少 name")
    where = f"文种“{type_name}”的必备部分“{name}”"
    headings = _alternation(raw.get("headings"), where + "的 headings ")
    passages = _alternation(raw.get("passages"), where + "的 passages ")
    if headings is None and passages is None:
        raise ValueError(f"{where}至少要有 headings 或 passages")
    after = raw.get("after")
    after_passages = _alternation(raw.get("after_passages"), where + "的 after_passages ")
    if (after is None) != (after_passages is None):
        raise ValueError(f"{where}的 after 与 after_passages 须同时给出")
    return Part(name, str(raw.get("label") or name), headings, passages, after, after_passages)


def _doc_type(raw: Any) -> DocType:
    _check_keys(raw, TYPE_KEYS, "文种")
    name = raw.get("name")
    if not isinstance(name, str) or not name:
        raise ValueError("文种缺少 name")
    title = _alternation(raw.get("title"), f"文种“{name}”的 title ")
    opening = _alternation(raw.get("opening"), f"文种“{name}”的 opening ")
    if title is None and opening is None:
        raise ValueError(f"文种“{name}”至少要有 title 或 opening")
    parts = raw.get("parts") or ()
    if not isinstance(parts, Sequence) or isinstance(parts, str):
        raise ValueError(f"文种“{name}”的 parts 应为列表")
    built = tuple(_part(p, name) for p in parts)
    names = {part.name for part in built}
    for part in built:
        if part.after is not None and (part.after not in names or part.after == part.name):
            raise ValueError(f"文种“{name}”的必备部分“{part.name}”的 after 应为该文种的另一个必备部分")
    return DocType(name, title, opening, built)


def merge_types(builtin: Sequence[Mapping[str, Any]], overrides: Any) -> list[dict[str, Any]]:
    """The pack's types with a project's `document_types` laid over them, by type name."""
    merged = {str(t.get("name")): dict(t) for t in builtin}
    if overrides is None:
        return list(merged.values())
    if not isinstance(overrides, Mapping):
        raise ValueError("document_types 应为 {文种名: 设置} 映射")
    for name, value in overrides.items():
        if value is None or value is False:
            merged.pop(str(name), None)  # a type switched off
            continue
        _check_keys(value, TYPE_KEYS - {"name"}, f"文种“{name}”")
        merged[str(name)] = {**merged.get(str(name), {}), **value, "name": str(name)}
    return list(merged.values())


def _is_title_like(text: str) -> bool:
    text = text.strip()
    return 0 < len(text) <= TITLE_MAX and not text.endswith(("。", ";", "\uff1b", ":", "\uff1a"))


class RequiredParts:
    def __init__(self, options: Options) -> None:
        self.types = [_doc_type(t) for t in merge_types(options.types, options.document_types)]
        if not self.types:
            raise ValueError("types 不能为空")
        self.parts = set(options.parts)
        declared = {str(part.get("name")) for t in options.types for part in (t.get("parts") or ())}
        unknown = sorted(self.parts - declared)
        if unknown:
            raise ValueError(f"parts 中的 {'、'.join(unknown)} 不是任何文种的必备部分")

    def run(self, doc: Document) -> Iterator[Hit]:
        drafts = split_drafts(doc)
        page_type = self._page_type(doc, drafts[0]) if len(drafts) > 1 else None
        for draft in drafts:
            typed = self._type_of(doc, draft)
            if typed is None and page_type is not None and draft.heading is not None:
                typed = page_type, draft.heading  # 【第二篇】 over a text without a title of its own
            if typed is None:
                continue
            doc_type, title_index = typed
            if not doc_type.parts:
                continue
            body = [doc.paragraphs[i] for i in range(draft.start, draft.end) if i not in (title_index, draft.heading)]
            body = _without_chrome(body)
            title = doc.paragraphs[title_index]
            for part in doc_type.parts:
                if self.parts and part.name not in self.parts:
                    continue
                if not _found(body, part, doc_type):
                    yield Hit(
                        title.start,
                        title.end,
                        fields={"doc_type": doc_type.name, "part": part.name, "label": part.label},
                        data={"part": part.name, "doc_type": doc_type.name},
                    )

    # -- which type a draft is -------------------------------------------------------------
    def _type_of(self, doc: Document, draft: Draft) -> tuple[DocType, int] | None:
        """The type named last in the draft's title, else the type its opening announces.

        A title line of the draft's own goes before its article heading: "…总结篇三" followed by
        "关于…的意见" is a notice pasted under a collection counter.
        """
        lead = [i for i in range(draft.start, draft.end) if doc.paragraphs[i].text.strip()][:TITLE_LINES]
        candidates = [i for i in lead if i != draft.heading] + ([] if draft.heading is None else [draft.heading])
        for index in candidates:
            para = doc.paragraphs[index]
            if index != draft.heading and not _is_title_like(para.text):
                continue
            if index != draft.heading and (h := parse_heading(para.text)) is not None and h.level > 0:
                continue  # a section heading such as "一、工作总结" does not type the draft
            found = self._type_in_title(para.text)
            if found is not None:
                return found, index
        for index in range(draft.start, min(draft.end, draft.start + OPENING_LINES)):
            text = doc.paragraphs[index].text
            for doc_type in self.types:
                if doc_type.opening is not None and doc_type.opening.search(text):
                    return doc_type, _first_non_empty(doc.paragraphs, draft)
        return None

    def _page_type(self, doc: Document, first: Draft) -> DocType | None:
        """The type the title of a collection page names (…工作总结(精选3篇)), above its first article."""
        if first.heading is None:
            return None
        lead = [i for i in range(first.start, first.heading) if doc.paragraphs[i].text.strip()][:TITLE_LINES]
        for index in lead:
            text = doc.paragraphs[index].text
            if _is_title_like(text) and (found := self._type_in_title(text)) is not None:
                return found
        return None

    def _type_in_title(self, text: str) -> DocType | None:
        # Another document's title inside this one's says nothing of this one's type.
        text = _QUOTED_TITLE.sub(lambda m: "\u3000" * len(m[0]), text)
        # The match ending last wins; of two ending together the longer (述职报告 over 报告).
        best: tuple[tuple[int, int, int], DocType] | None = None
        for order, doc_type in enumerate(self.types):
            if doc_type.title is None:
                continue
            for m in doc_type.title.finditer(text, overlapped=True):
                key = (m.end(), m.end() - m.start(), -order)
                if best is None or key > best[0]:
                    best = (key, doc_type)
        return None if best is None else best[1]


def _first_non_empty(paragraphs: Sequence[Paragraph], draft: Draft) -> int:
    for index in range(draft.start, draft.end):
        if paragraphs[index].text.strip():
            return index
    return draft.start


def _without_chrome(body: Sequence[Paragraph]) -> list[Paragraph]:
    """The body without the site chrome around the draft: link labels and the links under them.

    Under a label standing alone ("相关推荐", "热门文章:") every title-like line is a link, up to
    the first sentence.
    """
    kept: list[Paragraph] = []
    in_links = False
    for para in body:
        text = para.text.strip()
        if not text:
            continue
        label = _CHROME_LABEL.match(text)
        if label is not None:
            in_links = not text[label.end() :].strip()  # the links follow on the next lines
            continue
        if in_links and _is_title_like(text) and len(text) <= TITLE_MAX // 2:
            continue
        in_links = False
        if not _is_chrome(text):
            kept.append(para)
    return kept


def _is_chrome(text: str) -> bool:
    """A line naming other pages: a sample or a download, or several titles in a row."""
    if _SENTENCE_END.search(text):
        return False
    if _CHROME_WORD.search(text):
        return True
    items = [item for item in _SEPARATED.split(text) if item]
    if len(items) < 2:
        return False
    if "|" in text or "｜" in text:
        return sum(1 for item in items if regex.search(r"\p{Han}{4}", item)) >= 2
    return sum(1 for item in items if _TITLE_END.search(item) and len(item) >= 6) >= 2


def _heading_text(text: str) -> str | None:
    """The heading a paragraph is or starts with: a numbered title, a run-in label, a short line.

    A label goes before a short line: in "下一篇:2024年安全生产工作计划" only "下一篇" heads the line,
    the rest is the title of another page.
    """
    heading = parse_heading(text)
    if heading is not None and heading.level > 0 and len(heading.title) <= SHORT_HEADING:
        return heading.title
    label = _LABEL.match(text)
    if label:
        return label[1]
    stripped = text.strip()
    if heading is None and len(stripped) <= SHORT_HEADING and not stripped.endswith("。"):
        return stripped
    return None


def _found(body: Sequence[Paragraph], part: Part, doc_type: DocType) -> bool:
    """Whether the part is in the body: by itself, or by what follows the part it comes after.

    A plans part without a heading of its own often follows the problems part and reads as
    intentions ("一是……,继续修订完善……;二是力争……"), which would say nothing on their own.
    """
    if any(_has_part(para, part) for para in body):
        return True
    if part.after is None:
        return False
    before = next(p for p in doc_type.parts if p.name == part.after)
    last = max((i for i, para in enumerate(body) if _has_part(para, before)), default=None)
    return last is not None and any(part.after_passages.search(para.text) for para in body[last + 1 :])


def _has_part(para: Paragraph, part: Part) -> bool:
    if part.passages is not None and part.passages.search(para.text):
        return True
    if part.headings is not None:
        heading = _heading_text(para.text)
        if heading and part.headings.search(heading):
            return True
    return False


def compile(options: Options) -> RequiredParts:  # noqa: A001 - the kind interface
    return RequiredParts(options)
