"""Short names for WordprocessingML tags and attributes, in both Transitional and Strict namespaces.

The walker dispatches on short names ("p", "r", "mc:AlternateContent") so that one code path
reads Transitional files (schemas.openxmlformats.org) and Strict ones (purl.oclc.org), whatever
prefixes the producer chose.
"""

from __future__ import annotations

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
R_STRICT = "http://purl.oclc.org/ooxml/officeDocument/relationships"
PREFIXES = {
    W: "",
    W_STRICT: "",
    "http://schemas.openxmlformats.org/markup-compatibility/2006": "mc:",
    "urn:schemas-microsoft-com:vml": "v:",
    "http://schemas.openxmlformats.org/officeDocument/2006/math": "m:",
    "http://purl.oclc.org/ooxml/officeDocument/math": "m:",
    "http://schemas.microsoft.com/office/word/2015/wordml/symex": "w16se:",
}
MATH_TEXT = (
    "{http://schemas.openxmlformats.org/officeDocument/2006/math}t",
    "{http://purl.oclc.org/ooxml/officeDocument/math}t",
)

_short: dict[object, str] = {}
_CACHE_LIMIT = 10_000


def short(tag: object) -> str:
    """The short name of a tag: "p" for w:p (either namespace), "mc:Choice"; "" for comments and PIs."""
    try:
        return _short[tag]
    except KeyError:
        pass
    if not isinstance(tag, str):
        name = ""
    elif tag.startswith("{"):
        namespace, _, local = tag[1:].partition("}")
        name = PREFIXES.get(namespace, "?:") + local
    else:
        name = "?:" + tag  # no namespace: nothing WordprocessingML knows
    if len(_short) < _CACHE_LIMIT:  # a hostile part may use endless distinct tags
        _short[tag] = name
    return name


def attr(el: etree._Element, local: str) -> str | None:
    """A w:-namespaced attribute (w:val, w:type …) in either namespace."""
    value = el.get(f"{{{W}}}{local}")
    if value is None:
        value = el.get(f"{{{W_STRICT}}}{local}")
    return value


def rel_id(el: etree._Element) -> str | None:
    value = el.get(f"{{{R}}}id")
    return value if value is not None else el.get(f"{{{R_STRICT}}}id")


def child(el: etree._Element, name: str) -> etree._Element | None:
    for c in el:
        if short(c.tag) == name:
            return c
    return None
