"""Chinese and circled numerals: 十二 → 12, 一百零五 → 105, 两千 → 2000, ⑦ → 7."""

from __future__ import annotations

DIGITS = {
    "零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
    "六": 6, "七": 7, "八": 8, "九": 9,
    "壹": 1, "贰": 2, "貳": 2, "叁": 3, "參": 3, "肆": 4, "伍": 5, "陆": 6, "陸": 6,
    "柒": 7, "捌": 8, "玖": 9,
}  # fmt: skip
SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}
CHINESE_NUMERAL_CHARS = "".join(DIGITS) + "".join(SMALL_UNITS) + "".join(BIG_UNITS)

CIRCLED = {chr(0x2460 + i): i + 1 for i in range(20)}  # ①..⑳
CIRCLED.update({chr(0x3251 + i): i + 21 for i in range(15)})  # ㉑..㉟
CIRCLED.update({chr(0x32B1 + i): i + 36 for i in range(15)})  # ㊱..㊿


def parse_chinese_int(text: str) -> int | None:
    """Value of a Chinese integer numeral, or None if `text` is not one.

    Handles positional units (一千零五), a bare leading 十 (十二), 两, financial forms,
    digit-by-digit strings (二〇二三) and the spoken shortening of a trailing digit (一万二 → 12000,
    三千五 → 3500, 一百二 → 120; 一百零二 stays 102).
    """
    if not text or any(ch not in CHINESE_NUMERAL_CHARS for ch in text):
        return None
    if all(ch in DIGITS for ch in text):
        if len(text) > 1 and text[0] in "零〇○" and len(text) < 4:
            return None
        value = 0
        for ch in text:
            value = value * 10 + DIGITS[ch]
        return value
    total = 0  # finished 万/亿 groups
    section = 0  # current group below 万
    digit: int | None = None
    last_unit = 10**12
    for ch in text:
        if ch in DIGITS:
            if digit is not None and DIGITS[ch] != 0:
                return None  # two digits in a row inside a positional numeral
            digit = DIGITS[ch] if DIGITS[ch] else None
        elif ch in SMALL_UNITS:
            unit = SMALL_UNITS[ch]
            if digit is None:
                if unit != 10 or section:
                    if section == 0 and total == 0:
                        return None
                    digit = 1 if unit == 10 else None
                    if digit is None:
                        return None
                else:
                    digit = 1
            section += digit * unit
            digit = None
        else:
            unit = BIG_UNITS[ch]
            if unit >= last_unit:
                total = (total + section + (digit or 0)) * unit
            else:
                total += (section + (digit or 0)) * unit
            last_unit = unit
            section = 0
            digit = None
    if digit is not None and len(text) >= 2:
        unit = SMALL_UNITS.get(text[-2]) or BIG_UNITS.get(text[-2], 0)
        if unit >= 100:
            return total + section + digit * unit // 10
    return total + section + (digit or 0)


def to_chinese(n: int) -> str:
    """Render 0 < n < 100000 the way Word's chineseCounting does: 1 → 一, 12 → 十二, 105 → 一百零五."""
    if n <= 0:
        return str(n)
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n - 10] if n > 10 else "")
    parts = []
    units = [(10000, "万"), (1000, "千"), (100, "百"), (10, "十"), (1, "")]
    zero = False
    for value, unit in units:
        d = n // value % 10 if value < 10000 else n // value
        if d:
            if zero:
                parts.append("零")
                zero = False
            parts.append(digits[d] + unit)
        elif parts:
            zero = True
    return "".join(parts)
