"""Stage `lang`: numbers written as numerals of another system — roman (IV), Chinese (四) — to integers and
back; numbers written in words are the lexicons' (`Lexicon.number`)."""
from __future__ import annotations

import re

_CJK_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def cjk_value(text: str) -> int | None:
    """一 … 九十九 as written in Chinese headings and ordinals."""
    if not text or any(ch not in _CJK_DIGITS and ch not in "十百" for ch in text):
        return None
    total, current = 0, 0
    for ch in text:
        if ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = _CJK_DIGITS[ch]
    return total + current


def roman_value(roman: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total = 0
    for i, ch in enumerate(roman):
        v = values[ch]
        total += -v if i + 1 < len(roman) and values[roman[i + 1]] > v else v
    return total


def numeral_value(label: str, words: dict[str, int] | None = None) -> int | None:
    """A heading number: roman (IV), Chinese (四) or a word from the lexicon (رابعا)."""
    if words and label in words:
        return words[label]
    if re.fullmatch(r"[IVXLC]+", label):
        return roman_value(label)
    return cjk_value(label)


def to_roman(value: int) -> str:
    out = ""
    for number, letters in ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"),
                            (4, "IV"), (1, "I")):
        while value >= number:
            out += letters
            value -= number
    return out
