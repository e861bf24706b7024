"""Paragraph templates of the benchmark corpus (bench/corpus.py): figures, years, directions and places in a
sample paragraph become slots, re-drawn for each release by `render`.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from reports.ingest.text import CN_DIGITS


@dataclass
class Context:
    """What rendering a template needs: the release's random stream, size, year and names."""

    rng: random.Random
    scale: float
    year: int
    places: dict[str, str]
    paragraph_scale: float = 1.0


# --- Figures and other slots ------------------------------------------------------------------------------

_CN_UNITS = {"十": 10, "百": 100, "千": 1000}


def cn_to_int(text: str) -> int:
    total, digit = 0, 0
    for ch in text:
        if ch in CN_DIGITS:
            digit = CN_DIGITS[ch]
        else:
            total += (digit or 1) * _CN_UNITS[ch]
            digit = 0
    return total + digit


def int_to_cn(n: int) -> str:
    """1 <= n < 10000 as written in releases: 二百零七, 五十八, 十五, 六千."""
    parts, zero = [], False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, n = divmod(n, unit)
        if digit:
            if zero:
                parts.append("零")
            parts.append(
                ("" if (unit == 10 and not parts and digit == 1) else "零一二三四五六七八九"[digit]) + name
            )
            zero = False
        elif parts:
            zero = True
    return "".join(parts)


def _trailing_zeros(n: int) -> int:
    zeros = 0
    while n and n % 10 == 0 and n >= 100:
        n //= 10
        zeros += 1
    return zeros


@dataclass(frozen=True)
class Num:
    """An Arabic figure; re-drawn with its shape kept (decimals, thousands separators, 万/亿, round counts)."""

    value: float
    decimals: int
    commas: bool
    role: str  # rate (a level in %), change (a % change), points (个百分点), count (anything else)
    wan: bool  # followed by 万 or 亿: keep it at 1 or more, nobody writes 0.8万

    def draw(self, rng: random.Random, scale: float) -> float:
        v = self.value
        if self.role == "rate":
            if v >= 100:
                return 100.0 if rng.random() < 0.7 else rng.uniform(95, 99.9)
            return min(99.9, v * rng.uniform(0.9, 1.04)) if v >= 50 else v * rng.uniform(0.6, 1.5)
        if self.role == "change":
            return min(95.0, v * rng.uniform(0.35, 1.9))
        if self.role == "points" or v < 20:
            return v * rng.uniform(0.4, 1.8)
        # Counts of one paragraph share their scale: 接收476条 must not become fewer than 核查办结… of them.
        return v * scale * rng.uniform(0.985, 1.015)

    def render(self, ctx: Context) -> str:
        x = self.draw(ctx.rng, ctx.paragraph_scale)
        if self.wan and x < 1:
            x = 1 + x
        if self.decimals:
            return f"{max(x, 10**-self.decimals):.{self.decimals}f}"
        step = 10 ** _trailing_zeros(int(self.value)) if self.role == "count" else 1
        n = max(step, round(x / step) * step)
        return f"{n:,}" if self.commas and n >= 1000 else str(n)


@dataclass(frozen=True)
class ChineseNum:
    """A figure in Chinese numerals (一百三十六名, 逾四十万件), re-drawn and written the same way."""

    value: int

    def render(self, ctx: Context) -> str:
        step = 10 ** _trailing_zeros(self.value)
        x = self.value * ctx.paragraph_scale if self.value >= 20 else self.value
        return int_to_cn(min(9_000, max(step, round(x / step) * step)))


@dataclass(frozen=True)
class Year:
    offset: int  # from the year the samples were written about (2025)

    def render(self, ctx: Context) -> str:
        return str(ctx.year + self.offset)


@dataclass(frozen=True)
class Direction:
    """同比上升 / 同比下降, flipped now and then: both directions must occur for the figure extractor."""

    word: str

    def render(self, ctx: Context) -> str:
        if ctx.rng.random() < 0.2:
            return self.word.replace("上升", "\0").replace("下降", "上升").replace("\0", "下降")
        return self.word


@dataclass(frozen=True)
class Place:
    key: str

    def render(self, ctx: Context) -> str:
        return ctx.places[self.key]


_SLOTS = re.compile(
    # Not figures: hotlines, 7×24, “十四五”, month and day expressions, durations of months.
    r"(?P<keep>12345|12348|12309|96110|110(?=接)|7×24|“十四五”|\d+分钟公共法律服务圈|\d{1,2}(?:至\d{1,2})?月"
    r"|\d{1,2}日|\d+个月)"
    r"|(?P<year>20[12]\d)(?=年)|(?<=净网)(?P<year2>20[12]\d)"
    r"|(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"|(?P<cn>(?<![第近一二三四五六七八九十])[零一二两三四五六七八九十百千]{2,}(?=[余万名件人家场起条个])|十(?=万))"
    r"|(?<=同比)(?P<dir>(?:分别)?(?:上升|下降))"
    r"|(?P<place>[\ue000-\ue004])"
)
_CHANGE_WORDS = re.compile(r"上升|下降|增长|提高|降低|减少|增加|缩短|降幅|增幅|同比|环比")


def _role(text: str, start: int, end: int) -> str:
    after = text[end : end + 5]
    if after.startswith("个百分点"):
        return "points"
    if not after.startswith("%"):
        return "count"
    clause = re.split(r"[，。；：]", text[max(0, start - 50) : start])[-1]
    # 同比分别下降12.4%、17.4%…: later items of a list inherit the change word of the clause.
    return "change" if _CHANGE_WORDS.search(clause) or text[start - 1 : start] == "、" else "rate"


def compile_template(text: str) -> tuple:
    """Text -> literal strings and slots, parsed once so that rendering a release is a join."""
    parts: list = []
    last = 0
    for match in _SLOTS.finditer(text):
        kind = match.lastgroup
        if kind == "keep":
            continue
        parts.append(text[last : match.start()])
        token = match.group()
        if kind in ("year", "year2"):
            parts.append(Year(int(token) - 2025))
        elif kind == "num":
            digits = token.replace(",", "")
            after = text[match.end() : match.end() + 2].lstrip("余")
            parts.append(
                Num(
                    value=float(digits),
                    decimals=len(digits.partition(".")[2]),
                    commas="," in token,
                    role=_role(text, match.start(), match.end()),
                    wan=after[:1] in ("万", "亿"),
                )
            )
        elif kind == "cn":
            parts.append(ChineseNum(cn_to_int(token)))
        elif kind == "dir":
            parts.append(Direction(token))
        else:
            parts.append(Place(token))
        last = match.end()
    parts.append(text[last:])
    return tuple(p for p in parts if p != "")


def render(parts: tuple, ctx: Context) -> str:
    # One city's figures are of one size (ctx.scale); paragraphs vary around it.
    ctx.paragraph_scale = ctx.scale * ctx.rng.uniform(0.8, 1.25)
    return "".join(p if isinstance(p, str) else p.render(ctx) for p in parts)
