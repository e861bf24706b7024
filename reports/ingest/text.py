"""The one text module: stored text as published, and the normalised view every rule reads.

Pure Python, no Django. Two forms of a release's text exist:

- The **stored text** (`clean_stored_text`) is the decoded original: the same characters, punctuation and
  full-width digits. Only line breaks (CRLF, CR, U+2028/2029, NEL, VT, FF become `\\n`), whitespace at the
  start and end of lines, runs of blank lines (at most one blank line) and whitespace around the whole text
  are normalised. PDF radical code points (⺠ U+2EA0, ⼯ U+2F2F …) are repaired to the ideographs they stand
  for: the PDF's glyph-to-text layer produced them, the published page showed 民 and 工, and they would
  match no search and no rule.
- The **normalised view** (`normal_view`) is what detection, figures and search analysis read. It folds
  widths (１２３ -> 123, ，-> ,), drops pinyin annotations that mirrors splice in after characters
  (機關(guān) -> 機關), zero-width characters, soft hyphens and runs of stray symbols (★■◆●), and carries
  a simplified twin (OpenCC t2s, same length as the view) and an offset map back to the stored text, so a
  span found in the view names the exact published characters.

Everything else that needs width folding, t2s/s2t, CJK ranges or Chinese digits imports them from here.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

# --- character classes ---------------------------------------------------------------------------------------

# CJK ideographs as a regex class body: 〇, Extension A, the URO, compatibility ideographs, Extensions B-H.
CJK = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
HAN = re.compile(f"[{CJK}]")
HAN_RUN = re.compile(f"[{CJK}]+")
# The unified block only: what correctly decoded modern text is mostly made of. Plausibility checks
# (which encoding, which HTML block is the article) count these; a wrong decoding yields rarer blocks.
COMMON_HAN = re.compile("[\u4e00-\u9fff]")

# Chinese digits as written in counts (两万) and in years written digit by digit (二〇二五, 二○二五).
CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}

# --- stored text ---------------------------------------------------------------------------------------------

_LINE_BREAK = re.compile("\r\n|[\r\u2028\u2029\x85\x0b\x0c]")
_EDGE_SPACE = re.compile(r"^[^\S\n]+|[^\S\n]+$", re.M)
_BLANKS = re.compile(r"\n{3,}")
# Kangxi radicals (U+2F00-2FD5) fold by NFKC; radicals that stand for whole characters in the supplement
# block (⺠ 民, ⻓ 长, ⻔ 门 …) need a table. Component forms (氵, 饣) are left alone.
_RADICALS = {code: unicodedata.normalize("NFKC", chr(code)) for code in range(0x2F00, 0x2FD6)}
_RADICALS.update(
    zip(
        map(
            ord,
            "\u2e9f\u2ea0\u2ec1\u2ec4\u2ec5\u2ec6\u2ec9\u2ecb\u2ed3\u2ed4\u2ed7\u2ed8\u2ed9\u2eda\u2edb"
            "\u2edc\u2edd\u2ee2\u2ee3\u2ee4\u2ee5\u2ee6\u2ee7\u2ee8\u2ee9\u2eea\u2eec\u2eee\u2ef0\u2ef3",
        ),
        "\u6bcd\u6c11\u864e\u897f\u89c1\u89d2\u8d1d\u8f66\u957f\u95e8\u96e8\u9752\u97e6\u9875\u98ce"
        "\u98de\u98df\u9a6c\u9aa8\u9b3c\u9c7c\u9e1f\u5364\u9ea6\u9ec4\u9efe\u9f50\u9f7f\u9f99\u9f9f",
        strict=True,
    )
)


def clean_stored_text(text: str) -> str:
    """The text we store for a release: the decoded original with only line layout normalised."""
    text = _LINE_BREAK.sub("\n", text).translate(_RADICALS)
    text = _EDGE_SPACE.sub("", text)
    return _BLANKS.sub("\n\n", text).strip()


# --- width folding -------------------------------------------------------------------------------------------

_SPACES = {code: " " for code in (0x3000, 0x00A0, *range(0x2000, 0x200B), 0x202F, 0x205F)}
_FOLD_ALL = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | _SPACES  # ！ to ～
# Search keeps ，、；… as they are: folding ， to , would glue list items into one thousands-separated number.
_FOLD_ALNUM = (
    {code: code - 0xFEE0 for code in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B))}
    | {0xFF05: 0x25, 0xFF0E: 0x2E}
    | _SPACES
)


def fold_width(text: str, punctuation: bool = True) -> str:
    """Full-width ASCII forms and odd spaces folded one character for one (offsets do not move)."""
    return text.translate(_FOLD_ALL if punctuation else _FOLD_ALNUM)


# --- OpenCC ----------------------------------------------------------------------------------------------------


@functools.cache
def converter(config: str):
    import opencc

    return opencc.OpenCC(config)


def _convert(config: str, text: str) -> str | None:
    try:
        return converter(config).convert(text)
    except UnicodeError:  # lone surrogates cannot be handed to the C++ library
        return None


def to_simplified(text: str) -> str:
    """t2s with the length kept, so offsets into the result are offsets into `text`.

    OpenCC converts a few phrases to a different length; then each line, and failing that each character,
    is converted on its own (losing some phrase context, never an offset).
    """
    out = _convert("t2s", text)
    if out is not None and len(out) == len(text):
        return out
    pieces = []
    for line in text.splitlines(keepends=True):
        out = _convert("t2s", line)
        if out is None or len(out) != len(line):
            out = "".join(c if (o := _convert("t2s", c)) is None or len(o) != 1 else o for c in line)
        pieces.append(out)
    return "".join(pieces)


def to_traditional(text: str) -> str:
    return converter("s2t").convert(text)


# --- the normalised view ---------------------------------------------------------------------------------------

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
# A pinyin gloss right after a character: lowercase letters with at least one tone mark, in ASCII or
# full-width parentheses. (一), (2025), (AI) and (de) carry no tone mark and are kept.
_PINYIN = rf"(?<=[{CJK}])[(（](?=[^()（）\n]*[{_TONED}])[a-zü'{_TONED} ]{{1,40}}[)）]"
_INVISIBLE = "\u00ad\u200b-\u200f\u2060-\u2064\ufeff"
# Decoration mirrors scatter through text; ○ is left alone (二○二五), and so is · (names, decimals).
_SYMBOLS = "★☆■□◆◇●◎▲△▼▽◀▶►◄※♦◦▪▫✦✧❖"
_NOISE = re.compile(f"{_PINYIN}|[{_INVISIBLE}]+|[{_SYMBOLS}]+")
# 。 between digits is a mistyped decimal point; · is not (the “2·24”专案 names a case after its date).
_DECIMAL_POINT = re.compile(r"(?<=\d)。(?=\d)")


@dataclass(frozen=True, eq=False)
class View:
    """A normalised view of `original`: `text` (folded, noise dropped, original script), `simp` (the same,
    simplified, same length) and `offsets`, where `offsets[i]` is the index in `original` of `text[i]` and
    `offsets[len(text)] == len(original)`. `offsets` is None when nothing was dropped (identity)."""

    original: str
    text: str
    simp: str
    offsets: list[int] | None = None

    def at(self, index: int) -> int:
        return index if self.offsets is None else self.offsets[index]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The span of `original` that `text[start:end]` was made from: from its first kept character to
        just after its last, so a gloss dropped inside (萬(wàn)名) is inside, one after the end is not."""
        if self.offsets is None:
            return start, end
        if end <= start:
            return self.offsets[start], self.offsets[start]
        return self.offsets[start], self.offsets[end - 1] + 1

    def cut(self, start: int, end: int) -> str:
        """The published characters behind `text[start:end]`."""
        a, b = self.span(start, end)
        return self.original[a:b]


def drop_noise(text: str) -> tuple[str, list[int] | None]:
    """`text` without pinyin glosses, invisible characters and symbol runs, and the offset map (None when
    nothing was dropped)."""
    if not _NOISE.search(text):
        return text, None
    pieces: list[str] = []
    offsets: list[int] = []
    pos = 0
    for m in _NOISE.finditer(text):
        pieces.append(text[pos : m.start()])
        offsets.extend(range(pos, m.start()))
        pos = m.end()
    pieces.append(text[pos:])
    offsets.extend(range(pos, len(text) + 1))
    return "".join(pieces), offsets


def normal_view(text: str, fold_punctuation: bool = True) -> View:
    """The normalised view of `text` (see the module doc). `fold_punctuation=False` folds only letters,
    digits, ％, ． and spaces (search analysis keeps ，apart from ,)."""
    kept, offsets = drop_noise(text)
    folded = fold_width(kept, fold_punctuation)
    # 12。5％ -> 12.5%: a point between digits is a decimal point, not a sentence end.
    if "。" in folded:
        folded = _DECIMAL_POINT.sub(".", folded)
    return View(text, folded, to_simplified(folded), offsets)
