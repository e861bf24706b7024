"""The one text analyzer, shared by indexing and querying (pure Python, no Django).

Pipeline: take the normalised view of the text (``reports.ingest.text.normal_view``: full-width letters and
digits folded, pinyin glosses, zero-width characters and symbol runs that mirrors splice into words dropped,
traditional converted to simplified, with an offset map back), lowercase ASCII, then tokenise with one regex:
runs of CJK characters go to jieba (our own ``jieba.Tokenizer`` with the archive's user dictionary, HMM off),
numbers and Latin words become single tokens, everything else separates tokens. Token offsets are mapped
back through the view, so they point at the stored text as published (審結(jié) is the term 审结 at 審結).

Positions (0-based) count precise-mode words. Decisions, mirrored by the query side:

- Search-mode sub-words (every dictionary word of two or more characters inside a longer word, e.g. 电信, 网络,
  诈骗, 网络诈骗 inside 电信网络诈骗) share their parent's position, so ``网络诈骗`` and ``打击 电信`` still
  match as phrases while ``电信 网络`` does not (inside one word the parts are not consecutive).
- A dictionary word of three or more characters that crosses the boundary of two precise words (治安防控
  in 社会治安/防控体系, 产权保护 in 知识产权/保护) is indexed at both their positions: the query's own
  segmentation of 治安防控, 治安防控体系 or 社会治安防控 then still finds the text, whatever the context did
  to its segmentation. Quoted phrases on the seeds find over 99 % of their word-aligned passages this way.
- A stop word is dropped but keeps its position (a hole): the phrase "平安建设的成效" does not match
  "平安建设成效".
- Punctuation or a line break between two tokens also leaves one hole, so a phrase never runs across a
  comma or a paragraph end. Plain spaces and tabs do not (``AI 赋能`` == ``AI赋能``).
- HMM is off: jieba's new-word guessing depends on context, which would make a name segment differently in
  the text and in the query. Unknown characters become one-character words and match as phrases.
"""

from __future__ import annotations

import logging
import math
import re
import threading
import warnings
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from whoosh.analysis import Token as WhooshToken
from whoosh.analysis import Tokenizer

from reports.ingest.text import CJK, View, fold_width, normal_view, to_simplified

DATA_DIR = Path(__file__).resolve().parent / "data"
USERDICT_PATH = DATA_DIR / "userdict.txt"
STOPWORDS_PATH = DATA_DIR / "stopwords.txt"

# Terms longer than this are cut: PostgreSQL refuses lexemes over 2 kB, and such runs are never searched.
MAX_TERM_CHARS = 64


class Token(NamedTuple):
    term: str  # simplified, lowercase
    pos: int  # word position (sub-words share their parent's)
    start: int  # character offsets into the ORIGINAL text
    end: int


class Seq(NamedTuple):
    """Terms that must occur at these relative positions; one term is a plain term query."""

    terms: tuple[str, ...]
    positions: tuple[int, ...]


_CJK = CJK
_TOKEN_RE = re.compile(
    rf"(?P<cjk>[{_CJK}]+)"
    # Dotted digit groups (versions, 2025.10.16) are split into numbers below, not read as a decimal.
    r"|(?P<dotted>[0-9]+(?:\.[0-9]+){2,})"
    # Thousands separators only with an ASCII comma: a full-width ， separates list items in Chinese.
    r"|(?P<num>[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)%?"
    r"|(?P<word>[a-z][a-z0-9]*)"
    rf"|(?P<other>(?:(?![{_CJK}])[^\W\d_])+)"
)
_DIGITS_RE = re.compile(r"[0-9]+")

# The view folds full-width letters, digits, ％, ． and odd spaces but keeps ，: folding it to , would glue
# list items into one thousands-separated number. ASCII capitals are lowered here.
_LOWER = {c: c + 0x20 for c in range(0x41, 0x5B)}


# --- lazily loaded, process-wide state -------------------------------------------------------------------

_segmenter_lock = threading.Lock()
_segmenter: _Segmenter | None = None


class _Segmenter:
    __slots__ = ("freq", "logtotal", "stop", "subword_cache")

    def __init__(self, freq: dict[str, int], total: int, stop: frozenset[str]):
        self.freq = freq
        self.logtotal = math.log(total)
        self.stop = stop
        self.subword_cache: dict[str, tuple[tuple[str, int, int], ...]] = {}


def _get_segmenter() -> _Segmenter:
    global _segmenter
    if _segmenter is None:
        with _segmenter_lock:
            if _segmenter is None:
                _segmenter = _load_segmenter()
    return _segmenter


def _load_segmenter() -> _Segmenter:
    with warnings.catch_warnings():
        # jieba imports pkg_resources, which newer setuptools deprecates loudly.
        warnings.simplefilter("ignore")
        import jieba
    jieba.setLogLevel(logging.WARNING)
    # Our own Tokenizer: the global one may be loaded with other words by other code.
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    for word, freq in read_userdict(USERDICT_PATH.read_text(encoding="utf-8")):
        tokenizer.add_word(word, freq)
    stop = frozenset(
        normalize_term(line.split("#", 1)[0])
        for line in STOPWORDS_PATH.read_text(encoding="utf-8").splitlines()
        if line.split("#", 1)[0].strip()
    )
    return _Segmenter(tokenizer.FREQ, tokenizer.total, stop)


def read_userdict(text: str) -> list[tuple[str, int]]:
    """Entries of a user dictionary: ``word frequency`` per line, ``#`` comments (jieba's own loader has none)."""
    entries = []
    for line in text.splitlines():
        fields = line.split("#", 1)[0].split()
        if not fields:
            continue
        freq = int(fields[1]) if len(fields) > 1 and fields[1].isdigit() else 1000
        # A zero frequency would make jieba force-split the word in its global HMM tables.
        entries.append((fields[0], max(freq, 1)))
    return entries


def warm_up() -> None:
    """Load OpenCC and jieba now (about 0.8 s, 60 MB), e.g. in the gunicorn master before forking."""
    to_simplified("平安建設")
    _get_segmenter()
    analyze("平安建設 warm-up 1.5%")


def stop_words() -> frozenset[str]:
    return _get_segmenter().stop


# --- normalisation -----------------------------------------------------------------------------------------


def normalize(text: str) -> str:
    """Width-folded, ASCII-lowercased, simplified text of exactly the same length as ``text`` (for typed
    terms; a stored text is read through ``view``, which also drops mirror noise)."""
    return to_simplified(fold_width(text, punctuation=False)).translate(_LOWER)


def view(text: str) -> tuple[str, View]:
    """The analysed form of a stored text (its normalised view, lowercased) and the view, whose offsets
    map positions in that form back to ``text``."""
    v = normal_view(text, fold_punctuation=False)
    return v.simp.translate(_LOWER), v


def normalized(text: str) -> str:
    """``view(text)[0]``: what regexes built by ``seq_pattern`` run on."""
    return view(text)[0]


def normalize_term(text: str) -> str:
    """The lookup form of a typed term (synonyms, stop words, filter values): normalised, lowercase, stripped."""
    return normalize(text).lower().strip()


# --- analysis ----------------------------------------------------------------------------------------------


_CJK_CHAR_RE = re.compile(f"[{_CJK}]")
PAIR_JOINER = "_"  # never inside a term: the tokenizer keeps only CJK runs, [a-z0-9] words and numbers


def _pairable(term: str) -> bool:
    # A single Chinese character pairs with too much to be worth indexing (a quarter of all pairs).
    return len(term) > 1 or not _CJK_CHAR_RE.match(term)


def seq_pairs(seq: Seq) -> tuple[list[str], bool]:
    """The indexed word pairs of a phrase, and whether they cover it: False when a gap (a stop word, a
    mark) breaks it or a single character sits in it; the phrase's words then decide, with the text."""
    pairs, complete = [], True
    for k in range(len(seq.terms) - 1):
        a, b, pa, pb = seq.terms[k], seq.terms[k + 1], seq.positions[k], seq.positions[k + 1]
        if pb - pa == 1 and _pairable(a) and _pairable(b):
            pairs.append(a + PAIR_JOINER + b)
        else:
            complete = False
    return pairs, complete


def adjacent_pairs(tokens: list[Token], words: dict[int, tuple[int, int]]) -> list[str]:
    """Pairs of terms that stand side by side in the text, for phrase search without positions.

    `words` maps a position to the span of the word segmented there. The word at p pairs with the word at
    p+1; so do the sub-words that end where the word at p ends (调解 in 诉前调解) and those that start
    where the word at p+1 starts (成功 in 成功率), each with the neighbouring whole word: the phrase
    调解成功率 is found in 诉前调解成功率 as it is with positions, never across a gap (a stop word or a mark
    leaves a position without a word). Single characters are left out (see `_pairable`).
    """
    whole: dict[int, str] = {}
    ends: dict[int, list[str]] = {}
    starts: dict[int, list[str]] = {}
    for term, pos, start, end in tokens:
        span = words.get(pos)
        if span is None or not _pairable(term):
            continue
        if start == span[0] and end == span[1]:
            whole[pos] = term
        elif end == span[1]:
            ends.setdefault(pos, []).append(term)
        elif start == span[0]:
            starts.setdefault(pos, []).append(term)
    pairs = []
    for pos, left in whole.items():
        right = whole.get(pos + 1)
        if right is None:
            continue
        pairs.append(left + PAIR_JOINER + right)
        pairs.extend(a + PAIR_JOINER + right for a in ends.get(pos, ()))
        pairs.extend(left + PAIR_JOINER + b for b in starts.get(pos + 1, ()))
    return pairs


_last_analysis: tuple = (None, None, None)


def analyze_with_pairs(text: str) -> tuple[list[Token], list[str]]:
    """Index tokens plus adjacent pairs. Whoosh analyses each field of a document separately and both the
    text and the pairs field come from the same string: the last result is kept, so the second is free."""
    global _last_analysis
    last_text, tokens, pairs = _last_analysis
    if last_text is not None and last_text == text:
        return tokens, pairs
    words: dict[int, tuple[int, int]] = {}
    tokens = analyze(text, words=words)
    pairs = adjacent_pairs(tokens, words)
    _last_analysis = (text, tokens, pairs)
    return tokens, pairs


def analyze(text: str, mode: str = "index", words: dict | None = None) -> list[Token]:
    """Tokens of ``text``, positions ascending. ``mode="query"``: precise words only (no sub-words, no words
    across boundaries): the query side matches those as whole words. ``words``, when given, receives the
    span of the word segmented at each position (see ``adjacent_pairs``)."""
    if not text:
        return []
    seg = _get_segmenter()
    norm, v = view(text)
    freq, logtotal, stop = seg.freq, seg.logtotal, seg.stop
    with_subwords = mode != "query"
    new = tuple.__new__  # skips the NamedTuple __new__ wrapper: this loop runs once per token
    out: list[Token] = []
    append = out.append
    pos = 0
    last_end = 0
    for m in _TOKEN_RE.finditer(norm):
        start = m.start()
        if pos and start != last_end and norm[last_end:start].strip(" \t"):
            pos += 1
        last_end = m.end()
        kind = m.lastgroup
        if kind == "cjk":
            run = m.group()
            i = prev = 0
            for j in _segment(run, freq, logtotal):
                if with_subwords and i:
                    # Emitted before the word at ``pos`` so every term's positions stay ascending.
                    across = _straddles(run, prev, i, j, freq)
                    for p in (pos - 1, pos):
                        for a, b in across:
                            append(new(Token, (run[a:b], p, start + a, start + b)))
                word = run[i:j]
                if word not in stop:
                    append(new(Token, (word, pos, start + i, start + j)))
                    if words is not None:
                        words[pos] = (start + i, start + j)
                    if with_subwords and j - i > 2:
                        base = start + i
                        for sub, a, b in _subwords(seg, word):
                            append(new(Token, (sub, pos, base + a, base + b)))
                pos += 1
                prev, i = i, j
        elif kind == "num":
            s, e = m.span("num")
            append(new(Token, (norm[s:e].replace(",", "")[:MAX_TERM_CHARS], pos, s, e)))
            if words is not None:
                words[pos] = (s, e)
            pos += 1
        elif kind == "dotted":
            for k, d in enumerate(_DIGITS_RE.finditer(m.group())):
                if k:
                    pos += 1  # the dot separates like punctuation
                append(new(Token, (d.group()[:MAX_TERM_CHARS], pos, start + d.start(), start + d.end())))
                pos += 1
        else:
            term = m.group().lower()[:MAX_TERM_CHARS]
            if term not in stop:
                append(new(Token, (term, pos, start, last_end)))
                if words is not None:
                    words[pos] = (start, last_end)
            pos += 1
    if v.offsets is not None:
        out = _map_back(out, v, words)
    return out


def _map_back(tokens: list[Token], v: View, words: dict | None) -> list[Token]:
    """Token (and word) spans from the view to the stored text; only needed when the view dropped noise."""
    if words is not None:
        for pos, (s, e) in words.items():
            words[pos] = v.span(s, e)
    return [Token(term, pos, *v.span(s, e)) for term, pos, s, e in tokens]


def _segment(run: str, freq: dict[str, int], logtotal: float) -> list[int]:
    """End offsets of jieba's precise, HMM-free segmentation of a run of CJK characters.

    The same dynamic programme as ``Tokenizer.calc`` over ``get_DAG`` (ties go to the longer word), without
    building the DAG dict: this is the hot loop of indexing.
    """
    n = len(run)
    if n == 1:
        return [1]
    log = math.log
    score = [0.0] * (n + 1)
    best_end = [0] * n
    for i in range(n - 1, -1, -1):
        best = None
        end = i + 1
        j = i + 1
        frag = run[i]
        # jieba's FREQ also holds every prefix of a word (with frequency 0), so a miss ends the scan.
        while frag in freq:
            f = freq[frag]
            if f:
                s = log(f) - logtotal + score[j]
                if best is None or s >= best:
                    best = s
                    end = j
            j += 1
            if j > n:
                break
            frag = run[i:j]
        if best is None:
            best = -logtotal + score[i + 1]
            end = i + 1
        score[i] = best
        best_end[i] = end
    ends = []
    i = 0
    while i < n:
        i = best_end[i]
        ends.append(i)
    return ends


def _straddles(run: str, left: int, boundary: int, right: int, freq: dict[str, int]) -> list[tuple[int, int]]:
    """Dictionary words of three or more characters across the boundary between ``run[left:boundary]`` and
    ``run[boundary:right]``: 治安防控 in 社会治安/防控体系, 产权保护 in 知识产权/保护."""
    found = []
    for a in range(max(left, boundary - 6), boundary):
        if run[a:boundary] not in freq:
            continue  # no dictionary word starts like this
        for b in range(boundary + 1, right + 1):
            frag = run[a:b]
            if frag not in freq:
                break
            if freq[frag] and b - a > 2:
                found.append((a, b))
    return found


def _subwords(seg: _Segmenter, word: str) -> tuple[tuple[str, int, int], ...]:
    cached = seg.subword_cache.get(word)
    if cached is not None:
        return cached
    freq, stop = seg.freq, seg.stop
    n = len(word)
    found: list[tuple[str, int, int]] = []
    seen = set()
    for i in range(n - 1):
        for j in range(i + 2, n + 1 if i else n):
            sub = word[i:j]
            if sub not in freq:
                break  # no dictionary word starts with this prefix
            if freq[sub] and sub not in stop and sub not in seen:
                seen.add(sub)
                found.append((sub, i, j))
    result = tuple(found)
    if len(seg.subword_cache) > 200_000:  # only dictionary words get here, but stay bounded anyway
        seg.subword_cache.clear()
    seg.subword_cache[word] = result
    return result


def query_sequence(text: str) -> Seq | None:
    """The precise words of ``text`` with positions relative to the first; None if nothing is searchable."""
    tokens = analyze(text, mode="query")
    if not tokens:
        return None
    first = tokens[0].pos
    return Seq(tuple(t.term for t in tokens), tuple(t.pos - first for t in tokens))


# --- highlighting ------------------------------------------------------------------------------------------


def find_spans(text: str, terms) -> list[tuple[int, int]]:
    """Merged ``(start, end)`` spans of ``text`` (as stored) where any of the analysed ``terms`` occurs.

    Matches on the normalised view as substrings, mapped back to the published characters, so 公安 is marked inside 公安局 and 沈阳 inside 瀋陽市;
    Latin words and numbers only match whole (12 is not marked inside 2012; 52151 is marked in 52,151).
    This is a plain regex scan, far cheaper than re-analysing a long section for every search result.
    """
    pattern = _spans_pattern(frozenset(t for t in terms if t))
    if pattern is None or not text:
        return []
    spans: list[tuple[int, int]] = []
    norm, v = view(text)
    for m in pattern.finditer(norm):
        s, e = v.span(*m.span())
        if spans and s <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(e, spans[-1][1]))
        else:
            spans.append((s, e))
    return spans


@lru_cache(maxsize=512)
def _spans_pattern(terms: frozenset[str]) -> re.Pattern | None:
    parts = []
    for term in sorted(terms, key=lambda t: (-len(t), t)):
        if term.isascii() and term.replace(".", "").isalnum():
            body = re.escape(term)
            if term.isdigit() and len(term) > 3:
                body = ",?".join(term)
            parts.append(rf"(?<![0-9a-z])(?<![0-9]\.){body}(?![0-9a-z])(?!\.[0-9])")
        else:
            parts.append(re.escape(term))
    return re.compile("|".join(parts)) if parts else None


# --- Whoosh ------------------------------------------------------------------------------------------------


class ArchiveAnalyzer(Tokenizer):
    """``analyze()`` as a Whoosh tokenizer (it is pickled into the index schema, so it holds no state).

    ``mode="query"`` yields precise words only, so Whoosh's own parser builds correct phrases; every other
    mode (indexing) adds the sub-words. Whoosh's ``highlight()`` analyses documents with ``mode="query"`` and
    would miss sub-word hits: highlight with ``find_spans`` instead. Stop words never reach Whoosh, so
    ``removestops=False`` cannot bring them back; their positions stay reserved.
    """

    def __call__(
        self,
        value,
        positions=False,
        chars=False,
        keeporiginal=False,
        removestops=True,
        start_pos=0,
        start_char=0,
        tokenize=True,
        mode="",
        **kwargs,
    ):
        # Whoosh consumers must copy attributes, never keep the token: one object is reused for the stream.
        t = WhooshToken(positions, chars, removestops=removestops, mode=mode, **kwargs)
        t.boost = 1.0
        t.stopped = False
        if not tokenize:
            t.original = t.text = value
            if positions:
                t.pos = start_pos
            if chars:
                t.startchar = start_char
                t.endchar = start_char + len(value)
            yield t
            return
        tokens = analyze(value, mode="query") if mode == "query" else analyze_with_pairs(value)[0]
        for term, pos, start, end in tokens:
            t.text = term
            if keeporiginal:
                t.original = value[start:end]
            if positions:
                t.pos = start_pos + pos
            if chars:
                t.startchar = start_char + start
                t.endchar = start_char + end
            yield t


class PairsAnalyzer(Tokenizer):
    """The adjacent-word pairs of a text (``adjacent_pairs``) as Whoosh tokens, for a field without positions:
    a phrase is then the sections holding all its pairs, found without reading any positions."""

    def __call__(
        self,
        value,
        positions=False,
        chars=False,
        keeporiginal=False,
        removestops=True,
        start_pos=0,
        start_char=0,
        tokenize=True,
        mode="",
        **kwargs,
    ):
        t = WhooshToken(positions, chars, removestops=removestops, mode=mode, **kwargs)
        t.boost = 1.0
        t.stopped = False
        pairs = [value] if not tokenize else analyze_with_pairs(value)[1]
        for n, pair in enumerate(pairs):
            t.text = pair
            if positions:
                t.pos = start_pos + n
            yield t


def seq_pattern(seq: Seq) -> re.Pattern:
    """A regex over ``normalized(text)`` for the phrase ``seq``: its words in a row (spaces allowed), a gap
    of one short stop word or mark per missing position, never across a line; numbers may carry
    thousands separators (52151 finds 52,151)."""
    parts = []
    for k, term in enumerate(seq.terms):
        if k:
            gap = seq.positions[k] - seq.positions[k - 1]
            parts.append("[ \t]*" if gap == 1 else f"[^\n]{{1,{3 * (gap - 1)}}}?")
        body = ",?".join(map(re.escape, term)) if term.isdigit() and len(term) > 3 else re.escape(term)
        parts.append(body)
    return re.compile("".join(parts))
