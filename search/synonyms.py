"""Query expansion (pure Python, no Django): the synonym and abbreviation table, and turning a parsed query
into analysed term sequences with those synonyms applied (``expand_query``, which the service calls).

Text format (the file ``search/data/synonyms.txt`` and, later, the admin-editable copy in the database):

- one group per line; terms separated by spaces, commas (, ，) or 、; ``#`` starts a comment;
- ``电诈 电信网络诈骗 电信诈骗``: a two-way group, every term expands to all the others;
- ``公检法 => 公安 检察院 法院``: one-way, each term left of ``=>`` expands to those on the right (and the
  right-hand terms expand to nothing new: 法院 must not find every release that says 公检法);
- ``"掩饰、隐瞒犯罪所得"``: a quoted entry may hold spaces and punctuation, which then count as in text.

Terms are normalised like queries (full-width folded, traditional converted to simplified, lowercase), so a
table written in either script serves queries in either script. Expansion is not transitive: a term found in
several groups gets the union of its groups, never the groups of its synonyms (two-way chains drift fast).
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass

from .analysis import DATA_DIR, Seq, normalize_term, query_sequence
from .query import Node, Not, Or, ParsedQuery, Phrase, Word

SYNONYMS_PATH = DATA_DIR / "synonyms.txt"

# Bounds the size of one expanded query term (each alternative becomes an OR branch in the index query).
MAX_ALTERNATIVES = 12

_ENTRY_RE = re.compile(r'"([^"]*)"|“([^”]*)”|(=>|→)|([^\s,，、"“”]+)')


@dataclass(frozen=True)
class SynonymProblem:
    """A line the admin should fix; the rest of the table still loads."""

    line: int
    code: str  # "single_term", "empty_side", "several_arrows"
    text: str


class SynonymTable:
    def __init__(self, mapping: dict[str, tuple[str, ...]], problems: list[SynonymProblem] | None = None):
        self._mapping = mapping
        self.problems = list(problems or [])
        self._expanded: dict[str, tuple[Seq, ...]] = {}
        self._lock = threading.Lock()

    @classmethod
    def parse(cls, text: str) -> SynonymTable:
        mapping: dict[str, list[str]] = {}
        problems: list[SynonymProblem] = []
        for lineno, line in enumerate(text.splitlines(), 1):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            sides: list[list[str]] = [[]]
            for m in _ENTRY_RE.finditer(line):
                if m.group(3):
                    sides.append([])
                    continue
                term = normalize_term(m.group(1) or m.group(2) or m.group(4) or "")
                if term and term not in sides[-1]:
                    sides[-1].append(term)
            if len(sides) > 2:
                problems.append(SynonymProblem(lineno, "several_arrows", line))
                continue
            if len(sides) == 2:
                left, right = sides
                if not left or not right:
                    problems.append(SynonymProblem(lineno, "empty_side", line))
                    continue
                for term in left:
                    _add(mapping, term, right)
                continue
            group = sides[0]
            if len(group) < 2:
                problems.append(SynonymProblem(lineno, "single_term", line))
                continue
            for term in group:
                _add(mapping, term, group)
        return cls({k: tuple(v[:MAX_ALTERNATIVES]) for k, v in mapping.items()}, problems)

    @classmethod
    def default(cls) -> SynonymTable:
        """The table shipped in ``search/data/synonyms.txt`` (parsed once per process)."""
        global _default
        if _default is None:
            _default = cls.parse(SYNONYMS_PATH.read_text(encoding="utf-8"))
        return _default

    def __len__(self) -> int:
        return len(self._mapping)

    def __contains__(self, term: str) -> bool:
        return normalize_term(term) in self._mapping

    def alternatives(self, term: str) -> tuple[str, ...]:
        """The other terms ``term`` stands for (normalised strings, never ``term`` itself)."""
        return self._mapping.get(normalize_term(term), ())

    def expand(self, term: str) -> list[Seq]:
        """Each alternative of ``term`` analysed: one term, or a phrase when the analyser splits it; and the
        Taiwan and Hong Kong wording of the term and of each alternative (``regional_variants``)."""
        key = normalize_term(term)
        cached = self._expanded.get(key)
        if cached is None:
            seqs = []
            alternatives = list(self._mapping.get(key, ()))
            for alt in [key, *alternatives]:
                for variant in regional_variants(alt):
                    if variant != key and variant not in alternatives:
                        alternatives.append(variant)
            for alt in alternatives[: MAX_ALTERNATIVES * 2]:
                seq = query_sequence(alt)
                if seq is not None and seq not in seqs:
                    seqs.append(seq)
            cached = tuple(seqs)
            with self._lock:
                self._expanded[key] = cached
        return list(cached)


_regional: dict = {}
_regional_lock = threading.Lock()


def regional_variants(term: str) -> list[str]:
    """``term`` as a Taiwan or Hong Kong text words it, back in our analysed form: OpenCC's phrase-level
    conversions (s2twp, s2hk; the reverse of tw2sp / hk2s), then the character-level t2s the analyzer
    applies. 电信网络诈骗 is written 電信網路詐騙 in Taiwan, which t2s makes 电信网路诈骗, never 网络: the
    query has to ask for that too. Empty when the wording is the same everywhere."""
    converters = _regional.get("converters")
    if converters is None:
        import opencc

        with _regional_lock:
            converters = _regional["converters"] = (opencc.OpenCC("s2twp"), opencc.OpenCC("s2hk"))
    out = []
    for converter in converters:
        variant = normalize_term(converter.convert(term))
        if variant != term and variant not in out:
            out.append(variant)
    return out


def _add(mapping: dict[str, list[str]], term: str, alternatives: list[str]) -> None:
    known = mapping.setdefault(term, [])
    for alt in alternatives:
        if alt != term and alt not in known:
            known.append(alt)


_default: SynonymTable | None = None
_NO_SYNONYMS = SynonymTable({})


# --- analysed queries ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AllOf:
    """Every child must match. ``near``: the same terms at these relative positions, a ranking bonus only."""

    children: tuple[QNode, ...]
    near: Seq | None = None


@dataclass(frozen=True)
class AnyOf:
    children: tuple[QNode, ...]


@dataclass(frozen=True)
class Exclude:
    """Only ever a child of ``AllOf`` or the root (a query that only excludes)."""

    child: QNode


# A ``Seq`` leaf matches its terms at exactly its relative positions (gaps are stop words or punctuation).
QNode = Seq | AllOf | AnyOf | Exclude

_CJK_CHAR_RE = re.compile("[\u3007\u3400-\u9fff\uf900-\ufaff]")


def expand_query(parsed: ParsedQuery, synonyms: SynonymTable | None = None) -> QNode | None:
    """The AST with every word and phrase analysed like the index (t2s, jieba, stop words), or None.

    - A quoted phrase is one ``Seq``: its precise words at their relative positions. No synonyms.
    - An unquoted word that segments into one term is that term, OR-ed with its synonyms.
    - An unquoted run that segments into several (知识产权保护 -> 知识产权/保护) requires all of them, with
      ``near`` asking the backend to rank the exact sequence first. A phrase would miss text the index
      segmented differently (网络/诈骗 typed, 电信网络诈骗 indexed as one word with sub-words at one
      position); quotes give exactness when it is wanted. Adjacent one-character words (an unknown name
      split as 卢/强) stay together as a phrase, since alone they match almost anything. Synonyms apply to
      the whole run and to each of its words.
    - An excluded word is matched exactly (as a phrase, plus its synonyms): excluding more than was typed
      would silently hide results.
    """
    return _analyse(parsed.root, synonyms, exclude=False)


def _analyse(node: Node | None, synonyms: SynonymTable | None, exclude: bool) -> QNode | None:
    if node is None:
        return None
    if isinstance(node, Phrase):
        return query_sequence(node.text)
    if isinstance(node, Word):
        return _word(node.text, synonyms, exact=exclude)
    if isinstance(node, Not):
        child = _analyse(node.child, synonyms, exclude=True)
        return Exclude(child) if child is not None else None
    children = [c for c in (_analyse(c, synonyms, exclude) for c in node.children) if c is not None]
    if not children:
        return None
    if isinstance(node, Or):
        return _any(children)
    return children[0] if len(children) == 1 else AllOf(tuple(children))


def _number(text: str) -> QNode | None:
    """A figure (47万人次) or a bare year (2024年) typed as a word: its index token, or the text as written
    (search.numbers). Not a synonym: the value must match, whatever the script or numerals."""
    from .numbers import figure_token, query_figure, query_year, year_token

    year = query_year(text)
    if year is not None:
        return _any([Seq((year_token(year),), (0,)), Seq((str(year),), (0,))])
    figure = query_figure(text)
    token = figure_token(*figure) if figure else None
    if token is None:
        return None
    literal = query_sequence(text)
    return _any([Seq((token,), (0,)), *([literal] if literal is not None else [])])


def _word(text: str, synonyms: SynonymTable | None, exact: bool) -> QNode | None:
    number = _number(text)
    if number is not None:
        return number
    if synonyms is None:
        synonyms = _NO_SYNONYMS  # regional wording is no synonym: it applies without a table too
    alternatives: list[QNode] = list(synonyms.expand(text))
    seq = query_sequence(text)
    if seq is None:
        return _any(alternatives)
    if len(seq.terms) == 1 or exact:
        return _any([seq, *alternatives])
    units: list[QNode] = []
    group: list[int] = []  # indexes of adjacent one-character CJK words
    for k, term in enumerate(seq.terms):
        single = len(term) == 1 and _CJK_CHAR_RE.match(term) is not None
        if group and not (single and seq.positions[k] == seq.positions[group[-1]] + 1):
            units.append(_unit(seq, group, synonyms))
            group = []
        if single:
            group.append(k)
        else:
            units.append(_unit(seq, [k], synonyms))
    if group:
        units.append(_unit(seq, group, synonyms))
    whole: QNode = units[0] if len(units) == 1 else AllOf(tuple(units), near=seq)
    return _any([whole, *alternatives])


def _unit(seq: Seq, indexes: list[int], synonyms: SynonymTable | None) -> QNode:
    first = seq.positions[indexes[0]]
    unit = Seq(tuple(seq.terms[k] for k in indexes), tuple(seq.positions[k] - first for k in indexes))
    if len(indexes) == 1 and synonyms is not None:
        return _any([unit, *synonyms.expand(unit.terms[0])])
    return unit


def _any(children: list[QNode]) -> QNode | None:
    unique = list(dict.fromkeys(children))
    if not unique:
        return None
    return unique[0] if len(unique) == 1 else AnyOf(tuple(unique))


def expand_node(node: Node | None, synonyms: SynonymTable | None = None) -> QNode | None:
    """One node of the parsed query analysed as ``expand_query`` would (search/matching.py expands the
    query's concepts one by one)."""
    return _analyse(node, synonyms, exclude=False)
