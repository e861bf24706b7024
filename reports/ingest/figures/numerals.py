"""Numbers as written in releases: Arabic digits, Chinese numerals, and the multipliers 十/百/千/万/亿.

All arithmetic is Decimal so that 54.6亿 is exactly 5460000000 and 72.26 stays 72.26.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from ..text import CN_DIGITS as TEXT_DIGITS

CN_DIGITS = {ch: d for ch, d in TEXT_DIGITS.items() if ch != "○"}  # ○ is a year digit only
CN_SMALL = {"十": 10, "百": 100, "千": 1000}
CN_BIG = {"万": 10**4, "亿": 10**8}
MULTIPLIERS = {"十": 10, "百": 100, "千": 1000, "万": 10**4, "亿": 10**8}
CN_NUMERAL_CHARS = "".join(CN_DIGITS) + "".join(CN_SMALL) + "".join(CN_BIG)

_SEPARATORS = re.compile(r"[,，\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def parse_arabic(text: str) -> Decimal | None:
    """'1,234' / '1，234' / '54.6' -> Decimal; thousands separators were validated by the scanner."""
    try:
        return Decimal(_SEPARATORS.sub("", text))
    except InvalidOperation:
        return None


def multiplier_value(text: str) -> int:
    """'万' -> 10000, '百万' -> 1000000, '万亿' -> 10**12; '' -> 1."""
    value = 1
    for ch in text:
        value *= MULTIPLIERS[ch]
    return value


def parse_chinese(text: str) -> int | None:
    """A Chinese numeral written positionally (二百零七, 十五万五千, 两万) -> int; None when it is not one.

    Digit-by-digit strings (二〇二五, 一七, 十四五) are names or years, never counts, so they are rejected,
    and so is a multiplier with nothing to multiply (百, 万 alone: 百姓, 千家万户).
    """
    total = 0  # everything above the current 万/亿 section
    section = 0  # the part below 万 being built
    digit: int | None = None
    prev = ""  # kind of the previous character: digit, zero, small, big
    for ch in text:
        if ch in CN_DIGITS:
            d = CN_DIGITS[ch]
            if d == 0:
                if prev == "digit":
                    return None
                prev = "zero"
                continue
            if prev == "digit":
                return None
            digit = d
            prev = "digit"
        elif ch in CN_SMALL:
            if digit is None:
                # 十五 means 一十五; a bare 百 or 千 is not a number.
                if ch != "十" or prev == "small":
                    return None
                digit = 1
            section += digit * CN_SMALL[ch]
            digit = None
            prev = "small"
        elif ch in CN_BIG:
            if digit is not None:
                section += digit
                digit = None
            if section == 0 and total == 0:
                return None
            if ch == "亿":
                total = (total + section) * CN_BIG[ch]
            else:
                total += section * CN_BIG[ch]
            section = 0
            prev = "big"
        else:
            return None
    if digit is not None:
        section += digit
    value = total + section
    # A lone 零 is 零跑腿 or 零件, not a count; "为零" is read by its own rule.
    return value or None


def tidy(value: Decimal) -> Decimal:
    """Whole values lose their '.0' (5460000000.0 -> 5460000000); fractions keep their written digits."""
    if value == value.to_integral_value():
        return Decimal(int(value))
    return value
