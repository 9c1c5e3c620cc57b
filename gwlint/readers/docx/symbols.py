"""w:sym characters: symbol-font code points (Symbol, Wingdings) mapped to the Unicode a reader sees.

Word stores a symbol-font glyph as a byte, often shifted into the private-use area (F020–F0FF).
Symbol's Greek and mathematical glyphs and the Wingdings boxes, ticks and bullets common in
Chinese forms (☐ ☑ ✔) have Unicode equivalents; any other glyph stays its private-use code point.
"""

from __future__ import annotations

_SYMBOL_LETTERS = dict(
    zip(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
        "ΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖαβχδεφγηιϕκλμνοπθρστυϖωξψζ",
        strict=True,
    )
)
SYMBOL = {ord(k): v for k, v in _SYMBOL_LETTERS.items()}
SYMBOL.update({
    0x22: "∀", 0x24: "∃", 0x27: "∋", 0x2A: "∗", 0x2D: "−", 0x40: "≅", 0x5C: "∴", 0x5E: "⊥", 0x7E: "∼",
    0xA3: "≤", 0xA5: "∞", 0xAB: "↔", 0xAC: "←", 0xAD: "↑", 0xAE: "→", 0xAF: "↓", 0xB0: "°", 0xB1: "±",
    0xB3: "≥", 0xB4: "×", 0xB6: "∂", 0xB7: "•", 0xB8: "÷", 0xB9: "≠", 0xBA: "≡", 0xBB: "≈", 0xBC: "…",
    0xC6: "∅", 0xC7: "∩", 0xC8: "∪", 0xC9: "⊃", 0xCC: "⊂", 0xCE: "∈", 0xCF: "∉", 0xD1: "∇", 0xD5: "∏",
    0xD6: "√", 0xD7: "⋅", 0xD8: "¬", 0xD9: "∧", 0xDA: "∨", 0xDB: "⇔", 0xDE: "⇒", 0xE5: "∑", 0xF2: "∫",
})  # fmt: skip
WINGDINGS = {
    0x6C: "●", 0x6E: "■", 0x6F: "□", 0x71: "❑", 0x75: "◆", 0x76: "❖", 0x9F: "•", 0xA1: "○", 0xA7: "▪",
    0xA8: "◻", 0xD8: "➢", 0xFB: "✗", 0xFC: "✔", 0xFD: "☒", 0xFE: "☑",
}  # fmt: skip
FONTS = {"symbol": SYMBOL, "wingdings": WINGDINGS}


def symbol_char(font: str | None, code: str | None) -> str:
    """The character for <w:sym w:font=… w:char=…/>, "" when the code is unusable."""
    try:
        value = int(code or "", 16)
    except ValueError:
        return ""
    table = FONTS.get((font or "").strip().lower())
    in_font_area = 0xF000 <= value <= 0xF0FF
    if table is None and not in_font_area:
        return chr(value) if 0 < value <= 0x10FFFF and not 0xD800 <= value <= 0xDFFF else ""
    byte = value - 0xF000 if in_font_area else value
    if table is not None and byte in table:
        return table[byte]
    if font and font.strip().lower() == "symbol" and 0x20 <= byte < 0x7F:
        return chr(byte)  # Symbol keeps ASCII digits and punctuation where it has no override
    return chr(0xF000 + byte) if 0 <= byte <= 0xFF else ""
