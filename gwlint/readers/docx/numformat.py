"""Counter values in Word's number formats (w:numFmt): 1 → 一, 甲, ①, A, iv …"""

from __future__ import annotations

from gwlint.text.numerals import to_chinese

_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"
_FULL_WIDTH = str.maketrans("0123456789-", "\uff10\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18\uff19\uff0d")
_UPPER_ZH = str.maketrans("一二三四五六七八九十百千万", "壹贰叁肆伍陆柒捌玖拾佰仟万")
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))  # fmt: skip


def _roman(n: int) -> str:
    if not 0 < n < 4000:
        return str(n)
    parts = []
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        parts.append(letters * count)
    return "".join(parts)


def _letters(n: int) -> str:
    # Word repeats the letter: … Z, AA, BB, … ZZ, AAA
    if n <= 0:
        return str(n)
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _circled(n: int, first: int, count: int) -> str:
    return chr(first + n - 1) if 1 <= n <= count else str(n)


def _chinese(n: int) -> str:
    if n == 0:
        return "〇"
    return to_chinese(n) if 0 < n < 100_000 else str(n)


def _ideograph_digits(n: int) -> str:
    return "".join("〇一二三四五六七八九"[int(d)] for d in str(n)) if n >= 0 else str(n)


FORMATS = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}" if 0 <= n < 10 else str(n),
    "upperLetter": _letters,
    "lowerLetter": lambda n: _letters(n).lower(),
    "upperRoman": _roman,
    "lowerRoman": lambda n: _roman(n).lower(),
    "chineseCounting": _chinese,
    "chineseCountingThousand": _chinese,
    "japaneseCounting": _chinese,
    "taiwaneseCounting": _chinese,
    "taiwaneseCountingThousand": _chinese,
    "ideographDigital": _ideograph_digits,
    "chineseLegalSimplified": lambda n: _chinese(n).translate(_UPPER_ZH),
    "ideographLegalTraditional": lambda n: _chinese(n).translate(_UPPER_ZH),
    "ideographTraditional": lambda n: _TIANGAN[(n - 1) % 10] if n > 0 else str(n),
    "ideographZodiac": lambda n: _DIZHI[(n - 1) % 12] if n > 0 else str(n),
    "decimalEnclosedCircle": lambda n: _circled(n, 0x2460, 20),
    "decimalEnclosedCircleChinese": lambda n: _circled(n, 0x2460, 20),
    "ideographEnclosedCircle": lambda n: _circled(n, 0x3280, 10),
    "decimalEnclosedParen": lambda n: _circled(n, 0x2474, 20),
    "decimalEnclosedFullstop": lambda n: _circled(n, 0x2488, 20),
    "decimalFullWidth": lambda n: str(n).translate(_FULL_WIDTH),
    "decimalFullWidth2": lambda n: str(n).translate(_FULL_WIDTH),
    "decimalHalfWidth": str,
    "none": lambda n: "",
    "bullet": lambda n: "",
}


def format_number(n: int, fmt: str) -> str:
    """A counter value in a w:numFmt; unknown formats fall back to decimal, as Word does."""
    return FORMATS.get(fmt, str)(n)
