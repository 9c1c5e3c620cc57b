"""Word auto-numbering rendered as the label a reader sees: 一、 （一） 1. (1) ① 甲 …

Definitions come from numbering.xml (w:num → w:abstractNum → w:lvl) and from paragraph styles
(w:pStyle → the style's, or its base styles', w:numPr). Counters follow Word's rules:

- w:num instances that share an abstractNum share one list and continue each other's counts;
  a w:lvlOverride/w:startOverride sets its level to the override value the first time that
  w:num numbers a paragraph at that level (later paragraphs of any instance continue from it).
- Numbering a paragraph at level L resets deeper levels (per their w:lvlRestart), and a
  "%k" in w:lvlText shows level k's current value; a level not used yet shows start − 1
  (Word's "0.1" when a level-2 heading comes before any level-1 one; LibreOffice shows "1.1").
- Bullets render no label (their glyphs are mostly private-use symbol-font characters).
- The suffix after the label (w:suff: tab by default, or space) renders as one space, except
  after a full-width punctuation mark or a space ("一、", "（一）", "1\u3000"), where a reader
  sees no gap worth a character; w:suff="nothing" renders nothing, and so does any suffix of
  an empty paragraph. Paragraph.label_len counts label and suffix.

Each story (the main flow, a header, a text box, the notes) gets its own `Counters`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from lxml import etree

from gwlint.readers.docx.names import attr, child, short
from gwlint.readers.docx.numformat import format_number

MAX_LEVELS = 9
MAX_START = 32767
MAX_LINKS = 10  # style basedOn chains and numStyleLink hops followed before giving up (cycles)


@dataclass(frozen=True, slots=True)
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str | None = None  # w:lvlText; None when the level shows no label
    restart: int | None = None  # w:lvlRestart (1-based level, 0 = never); None = after any higher level
    legal: bool = False  # w:isLgl: every %k shows in decimal
    suffix: str = "tab"
    style: str | None = None  # w:pStyle linking a paragraph style to this level


@dataclass(frozen=True, slots=True)
class Num:
    abstract: str
    starts: dict[int, int] = field(default_factory=dict)  # level → w:startOverride
    levels: dict[int, Level] = field(default_factory=dict)  # level → w:lvlOverride/w:lvl


@dataclass(frozen=True, slots=True)
class Style:
    based_on: str | None
    num_id: str | None
    ilvl: int | None


def _int(value: str | None, default: int | None = None) -> int | None:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _start(value: str | None) -> int:
    # Word keeps start values in 0..32767; a hostile value must not make "AAAA…" labels of any length
    return max(0, min(_int(value, 1) or 0, MAX_START))


def _parse_level(lvl: etree._Element) -> Level:
    values: dict[str, object] = {}
    for c in lvl:
        name = short(c.tag)
        if name == "start":
            values["start"] = _start(attr(c, "val"))
        elif name == "numFmt":
            values["fmt"] = attr(c, "val") or "decimal"
        elif name == "lvlText":
            values["text"] = attr(c, "val")
        elif name == "lvlRestart":
            values["restart"] = _int(attr(c, "val"))
        elif name == "isLgl":
            values["legal"] = attr(c, "val") not in ("0", "false", "off")
        elif name == "suff":
            values["suffix"] = attr(c, "val") or "tab"
        elif name == "pStyle":
            values["style"] = attr(c, "val")
    return Level(**values)


def _level_index(el: etree._Element) -> int | None:
    index = _int(attr(el, "ilvl"))
    return index if index is not None and 0 <= index < MAX_LEVELS else None


class Definitions:
    """The numbering definitions and the numbering-related parts of the styles of one document."""

    def __init__(self, numbering: etree._Element | None = None, styles: etree._Element | None = None) -> None:
        self.abstracts: dict[str, dict[int, Level]] = {}
        self.style_links: dict[str, str] = {}  # abstractNum id → w:numStyleLink style
        self.nums: dict[str, Num] = {}
        self.styles: dict[str, Style] = {}
        self.default_style: str | None = None
        if numbering is not None:
            self._read_numbering(numbering)
        if styles is not None:
            self._read_styles(styles)

    def _read_numbering(self, root: etree._Element) -> None:
        for el in root:
            name = short(el.tag)
            if name == "abstractNum":
                levels = {}
                for c in el:
                    cname = short(c.tag)
                    if cname == "lvl" and (index := _level_index(c)) is not None:
                        levels[index] = _parse_level(c)
                    elif cname == "numStyleLink" and attr(c, "val"):
                        self.style_links[attr(el, "abstractNumId") or ""] = attr(c, "val") or ""
                self.abstracts[attr(el, "abstractNumId") or ""] = levels
            elif name == "num":
                abstract = child(el, "abstractNumId")
                num = Num(attr(abstract, "val") or "" if abstract is not None else "")
                for override in el:
                    if short(override.tag) != "lvlOverride" or (index := _level_index(override)) is None:
                        continue
                    for c in override:
                        if short(c.tag) == "startOverride":
                            num.starts[index] = _start(attr(c, "val"))
                        elif short(c.tag) == "lvl":
                            num.levels[index] = _parse_level(c)
                self.nums[attr(el, "numId") or ""] = num

    def _read_styles(self, root: etree._Element) -> None:
        for el in root:
            if short(el.tag) != "style" or attr(el, "type") not in (None, "paragraph", "numbering"):
                continue
            style_id = attr(el, "styleId") or ""
            based = child(el, "basedOn")
            num_id = ilvl = None
            ppr = child(el, "pPr")
            numpr = child(ppr, "numPr") if ppr is not None else None
            if numpr is not None:
                for c in numpr:
                    if short(c.tag) == "numId":
                        num_id = attr(c, "val")
                    elif short(c.tag) == "ilvl":
                        ilvl = _int(attr(c, "val"))
            self.styles[style_id] = Style(attr(based, "val") if based is not None else None, num_id, ilvl)
            if attr(el, "type") in (None, "paragraph") and attr(el, "default") in ("1", "true", "on"):
                self.default_style = style_id

    # -- resolution ------------------------------------------------------------------------
    def resolve(self, style: str | None, num_id: str | None, ilvl: int | None) -> tuple[str, int] | None:
        """(numId, level) of a paragraph from its own w:numPr and its style chain; None = unnumbered."""
        style = style or self.default_style
        if num_id is None:
            # numId and ilvl may come from different styles of the basedOn chain
            own_ilvl = ilvl
            numbered_style = None
            current = style
            for _ in range(MAX_LINKS):
                info = self.styles.get(current) if current is not None else None
                if info is None:
                    break
                if ilvl is None and info.ilvl is not None:
                    ilvl = info.ilvl
                if info.num_id is not None:
                    num_id, numbered_style = info.num_id, current
                    break
                current = info.based_on
            if num_id is not None and ilvl is None and own_ilvl is None and numbered_style is not None:
                ilvl = self._linked_level(num_id, numbered_style) if num_id in self.nums else None
        if num_id is None or num_id == "0" or num_id not in self.nums:
            return None
        level = ilvl if ilvl is not None and 0 <= ilvl < MAX_LEVELS else 0
        return num_id, level

    def _linked_level(self, num_id: str, style: str) -> int | None:
        levels = self.levels_of(num_id)
        return next((i for i, lvl in levels.items() if lvl.style == style), None)

    def abstract_of(self, num_id: str) -> str:
        """The abstractNum a num uses, following w:numStyleLink through numbering styles."""
        abstract = self.nums[num_id].abstract
        for _ in range(MAX_LINKS):
            link = self.style_links.get(abstract)
            if link is None or self.abstracts.get(abstract):
                break
            linked = self.styles.get(link)
            if linked is None or linked.num_id not in self.nums:
                break
            abstract = self.nums[linked.num_id].abstract
        return abstract

    def levels_of(self, num_id: str) -> dict[int, Level]:
        levels = dict(self.abstracts.get(self.abstract_of(num_id), {}))
        levels.update(self.nums[num_id].levels)
        return levels


class Counters:
    """The running counts of every list in one story."""

    def __init__(self, definitions: Definitions) -> None:
        self.definitions = definitions
        self._lists: dict[str, dict[int, int]] = {}  # abstractNum id → level → current value
        self._overridden: set[tuple[str, int]] = set()  # (numId, level) whose startOverride was applied
        self._levels_cache: dict[str, dict[int, Level]] = {}

    def label(self, style: str | None, num_id: str | None, ilvl: int | None) -> str:
        """The rendered label (with its suffix) for a paragraph, advancing the counters; "" if none."""
        resolved = self.definitions.resolve(style, num_id, ilvl)
        if resolved is None:
            return ""
        num_id, level = resolved
        levels = self._levels_cache.get(num_id)
        if levels is None:
            levels = self._levels_cache[num_id] = self.definitions.levels_of(num_id)
        definition = levels.get(level)
        if definition is None:
            return ""
        num = self.definitions.nums[num_id]
        counts = self._lists.setdefault(self.definitions.abstract_of(num_id), {})
        for deeper in [m for m in counts if m > level]:
            if _restarts(levels.get(deeper), deeper, level):
                del counts[deeper]
        if level in num.starts and (num_id, level) not in self._overridden:
            self._overridden.add((num_id, level))
            counts[level] = num.starts[level]
        elif level in counts:
            counts[level] += 1
        else:
            counts[level] = definition.start
        return _render(definition, levels, counts)


def _restarts(definition: Level | None, deeper: int, used: int) -> bool:
    restart = definition.restart if definition is not None else None
    if restart is None or restart > deeper:
        return True  # default, and a restart level that is not higher than this one is ignored
    return restart != 0 and used <= restart - 1


_PLACEHOLDER = re.compile(r"%([1-9])")


def _render(definition: Level, levels: dict[int, Level], counts: dict[int, int]) -> str:
    if definition.fmt == "bullet" or not definition.text:
        return ""

    def value(match: re.Match[str]) -> str:
        index = int(match[1]) - 1
        lvl = levels.get(index, Level())
        number = counts.get(index)
        if number is None:
            number = lvl.start - 1
        fmt = "decimal" if definition.legal and lvl.fmt not in ("none", "bullet") else lvl.fmt
        return format_number(number, fmt)

    text = _PLACEHOLDER.sub(value, definition.text)
    if not text or definition.suffix == "nothing":
        return text
    last = text[-1]
    if last.isspace() or (unicodedata.category(last).startswith("P") and unicodedata.east_asian_width(last) in "WF"):
        return text
    return text + " "
