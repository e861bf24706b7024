"""The search query language: parse what a researcher typed into an AST, filters and messages (no Django).

Syntax: words are ANDed; ``"quoted phrases"`` (also “ ” 「 」 『 』) match exactly; ``OR`` / ``|`` / ``或``
between terms or groups (binds tighter than AND: ``a b OR c`` is ``a AND (b OR c)``); ``-word``,
``-"phrase"`` and ``-(group)`` exclude (``NOT`` works too); parentheses group; filters ``name:value`` in
English or Chinese (full-width colon too), several values with commas: ``city:`` / ``城市:``, ``province:`` /
``省份:``, ``agency:`` / ``机关:``, ``topic:`` / ``主题:``, ``year:`` / ``年份:`` (``2025`` or ``2023-2025``),
``from:`` / ``从:`` and ``to:`` / ``到:`` (``2024``, ``2024-06``, ``2024-06-30``, ``2024年6月``).

Malformed input never raises: the parse is best effort and every repair is reported in ``errors`` as a
message code with parameters (see ``MESSAGES`` for the Chinese and English texts).

search/synonyms.py ``expand_query`` turns the AST into analysed term sequences for the backends (how
unquoted words, phrases and synonyms are matched); this module knows nothing of it.

This module holds the AST, the lexer and the parser. The message texts are in query_messages.py, the filters
(names, agency aliases, values, hints) in query_filters.py and the special characters in query_syntax.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from .analysis import normalize_term
from .query_filters import Filters, _apply_filter
from .query_messages import QueryMessage, _Errors
from .query_names import FILTER_NAMES
from .query_syntax import _DELIMS, _MINUS, _QUOTE_CLOSERS, _STRAY_CLOSERS, _WILDCARDS

# Limits keep parsing and the index query small whatever is pasted into the box.
MAX_QUERY_CHARS = 200
MAX_TERMS = 32
MAX_DEPTH = 6

_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u2028\u2029\u2060\ufeff]")
_FILTER_RE = re.compile(r"([A-Za-z]{1,20}|[\u3400-\u9fff]{1,4})[:：](.*)", re.S)


# --- the AST -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Word:
    """An unquoted word as typed (original script; may be a run of several Chinese words).

    ``required``: typed as ``+词``, so relaxed matching (search/matching.py) may not drop it. Not part of
    equality: ``+法院`` and ``法院`` are the same word to everything but the matching strategy."""

    text: str
    required: bool = field(default=False, compare=False)


@dataclass(frozen=True)
class Phrase:
    text: str


@dataclass(frozen=True)
class Not:
    child: Node


@dataclass(frozen=True)
class And:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    children: tuple[Node, ...]


Node = Word | Phrase | Not | And | Or


@dataclass
class ParsedQuery:
    raw: str
    root: Node | None
    filters: Filters
    errors: list[QueryMessage]

    @property
    def has_positive_terms(self) -> bool:
        return bool(self.leaves())

    def leaves(self, positive: bool = True) -> list[Word | Phrase]:
        """Words and phrases to find (or, with ``positive=False``, the excluded ones), in query order."""
        found: list[Word | Phrase] = []
        _collect(self.root, False, positive, found)
        return found

    def without(self, leaf: Word | Phrase) -> ParsedQuery:
        """The same query without one term: the "drop the rarest term" suggestion."""
        return replace(self, root=_drop(self.root, leaf), errors=[])

    def canonical(self) -> str:
        """The query written back in the query language; parsing it gives the same AST and filters."""
        parts = [render(self.root, top=True)] if self.root is not None else []
        parts += [f"{name}:{','.join(map(str, values))}" for name, values in self.filters.items() if values]
        return " ".join(parts)

    def to_dict(self) -> dict:
        filters: dict = dict(self.filters.items())
        for key in ("from", "to"):
            filters[key] = filters[key][0] if filters[key] else None
        errors = [e.as_dict() for e in self.errors]
        return {"raw": self.raw, "query": self.canonical(), "filters": filters, "errors": errors}


# --- parsing -----------------------------------------------------------------------------------------------


def parse_query(q: str | None) -> ParsedQuery:
    raw = q if isinstance(q, str) else ""
    errors = _Errors()
    text = raw
    if len(text) > MAX_QUERY_CHARS:
        errors.add("query_too_long", length=len(raw), limit=MAX_QUERY_CHARS)
        text = text[:MAX_QUERY_CHARS]
        # Prefer cutting at a space near the limit to cutting a word in two.
        cut = text.rfind(" ", MAX_QUERY_CHARS - 30)
        if cut > 0:
            text = text[:cut]
    text = _CONTROL_RE.sub(" ", text)
    filters = Filters()
    tokens = _balance(_lex(text, errors, filters), errors)
    root = _Parser(tokens, errors).parse()
    parsed = ParsedQuery(raw=raw, root=root, filters=filters, errors=errors)
    if root is None and filters.is_empty():
        errors.add("empty_query")
    elif root is not None and not parsed.has_positive_terms and filters.is_empty():
        errors.add("no_positive_terms")
    parsed.errors = list(errors)
    return parsed


# Lexer tokens are (kind, text, negated) tuples.
WORD, PHRASE, OR, LPAREN, RPAREN = "word", "phrase", "or", "(", ")"
REQUIRED = "required"  # a word typed with "+"
_PUNCTUATION = {"(": LPAREN, "（": LPAREN, ")": RPAREN, "）": RPAREN, "|": OR, "｜": OR}


def _lex(s: str, errors: _Errors, filters: Filters) -> list[tuple[str, str, bool]]:
    tokens: list[tuple[str, str, bool]] = []
    periods: dict[str, tuple[date, date]] = {}  # from/to as typed, resolved once all are read
    terms = 0
    neg = False
    i, n = 0, len(s)

    plus = False  # a "+" before the next word: the word is required

    def emit(kind: str, text: str = "") -> None:
        nonlocal neg, terms, plus
        if kind in (WORD, PHRASE):
            terms += 1
            if terms > MAX_TERMS:
                errors.add("too_many_terms", limit=MAX_TERMS)
                neg = False
                return
        elif neg and kind != LPAREN:
            errors.add("lone_minus")
        if kind == WORD and plus:
            kind = REQUIRED
        tokens.append((kind, text, neg))
        neg = False
        plus = False

    while i < n:
        c = s[i]
        if c.isspace():
            plus = False  # "+ 词": a stray sign, not a required word
            i += 1
            continue
        if c in _MINUS:
            while i < n and s[i] in _MINUS:
                i += 1
            if i >= n or s[i].isspace() or s[i] in ")）|｜":
                errors.add("lone_minus")
            else:
                neg = True
            continue
        if c in "+＋":
            plus = True
            i += 1
            continue
        if c in _STRAY_CLOSERS:
            errors.add("unbalanced_quote", quote=c)
            i += 1
            continue
        if c in _QUOTE_CLOSERS:
            end = _find_closer(s, i)
            if end < 0:
                errors.add("unbalanced_quote", quote=c)
                i += 1  # drop the stray quote; what follows is lexed as ordinary words
            else:
                body = s[i + 1 : end]
                if body.strip():
                    emit(PHRASE, body.strip())
                else:
                    errors.add("empty_phrase")
                    neg = False
                i = end + 1
            continue
        if c in _PUNCTUATION:
            emit(_PUNCTUATION[c])
            i += 1
            while c in "|｜" and i < n and s[i] in "|｜":  # || is one OR
                i += 1
            continue
        j = i
        while j < n and not s[j].isspace() and s[j] not in _DELIMS:
            j += 1
        chunk, i = s[i:j], j
        if any(w in chunk for w in _WILDCARDS):
            errors.add("wildcard_unsupported", chars=" ".join(sorted({w for w in chunk if w in _WILDCARDS})))
            chunk = "".join(ch for ch in chunk if ch not in _WILDCARDS)
        # Once wildcards are gone ("*-a"), a leading sign is no operator any more, just noise.
        chunk = chunk.lstrip("+-－")
        if not chunk:
            if neg:
                errors.add("lone_minus")
                neg = False
            continue
        if chunk in ("OR", "或"):
            emit(OR)
            continue
        if chunk in ("AND", "&&", "且"):
            continue
        if chunk == "NOT":
            neg = True
            continue
        m = _FILTER_RE.fullmatch(chunk)
        if m:
            name = FILTER_NAMES.get(normalize_term(m.group(1)))
            if name is not None:
                value = m.group(2)
                if not value:
                    value, i = _next_value(s, i)
                if neg:
                    errors.add("negated_filter", name=m.group(1))
                    neg = False
                elif not value.strip():
                    errors.add("missing_filter_value", name=m.group(1))
                else:
                    _apply_filter(filters, name, m.group(1), value, errors, periods)
                plus = False
                continue
            errors.add("unknown_filter", name=m.group(1))
        emit(WORD, chunk)
    if neg:
        errors.add("lone_minus")
    start, end = periods.get("from"), periods.get("to")
    if start and end and start[0] > end[1]:
        errors.add("date_range_reversed")
        start, end = end, start
    filters.date_from = start[0] if start else None
    filters.date_to = end[1] if end else None
    return tokens


def _find_closer(s: str, i: int) -> int:
    closers = _QUOTE_CLOSERS[s[i]]
    for j in range(i + 1, len(s)):
        if s[j] in closers:
            return j
    return -1


def _next_value(s: str, i: int) -> tuple[str, int]:
    """``city: 沈阳`` (a space after the colon): take the next chunk as the value, if it is a plain word."""
    n = len(s)
    j = i
    while j < n and s[j].isspace():
        j += 1
    if j < n and s[j] in _QUOTE_CLOSERS:
        end = _find_closer(s, j)
        if end > 0:
            return s[j + 1 : end], end + 1
    k = j
    while k < n and not s[k].isspace() and s[k] not in _DELIMS:
        k += 1
    value = s[j:k]
    if not value or value in ("OR", "或", "AND", "NOT") or _FILTER_RE.fullmatch(value):
        return "", i
    return value, k


def _balance(tokens: list[tuple[str, str, bool]], errors: _Errors) -> list[tuple[str, str, bool]]:
    """Drop unmatched ``)``, close open ``(``, and flatten nesting past MAX_DEPTH, so the parser can trust
    its parentheses and its recursion stays shallow."""
    out = []
    stack: list[bool] = []  # for each open "(": was it kept?
    depth = 0
    for tok in tokens:
        if tok[0] == LPAREN:
            keep = depth < MAX_DEPTH
            if not keep:
                errors.add("too_deeply_nested", limit=MAX_DEPTH)
            stack.append(keep)
            if keep:
                depth += 1
                out.append(tok)
        elif tok[0] == RPAREN:
            if not stack:
                errors.add("unmatched_paren")
            elif stack.pop():
                depth -= 1
                out.append(tok)
        else:
            out.append(tok)
    if depth:
        errors.add("unclosed_paren")
        out.extend([(RPAREN, "", False)] * depth)
    return out


class _Parser:
    def __init__(self, tokens: list[tuple[str, str, bool]], errors: _Errors):
        self.tokens = tokens
        self.errors = errors
        self.i = 0

    def parse(self) -> Node | None:
        return self._conjunction()

    def _peek(self) -> str | None:
        return self.tokens[self.i][0] if self.i < len(self.tokens) else None

    def _conjunction(self) -> Node | None:
        children = []
        while (kind := self._peek()) not in (None, RPAREN):
            if kind == OR:
                self.errors.add("dangling_or")
                self.i += 1
                continue
            node = self._disjunction()
            if node is not None:
                children.append(node)
        return _make(And, children)

    def _disjunction(self) -> Node | None:
        alternatives = [self._unary()]
        while self._peek() == OR:
            self.i += 1
            if self._peek() in (None, OR, RPAREN):
                self.errors.add("dangling_or")
                continue
            alternatives.append(self._unary())
        present = [a for a in alternatives if a is not None]
        if len(present) > 1 and any(isinstance(a, Not) for a in present):
            self.errors.add("exclusion_in_or")
            present = [a for a in present if not isinstance(a, Not)]
        return _make(Or, present)

    def _unary(self) -> Node | None:
        kind, text, neg = self.tokens[self.i]
        self.i += 1
        if kind in (WORD, REQUIRED):
            node: Node | None = Word(text, required=kind == REQUIRED)
        elif kind == PHRASE:
            node = Phrase(text)
        else:  # LPAREN: _balance guarantees the matching RPAREN
            node = self._conjunction()
            self.i += 1
        if node is None or not neg:
            return node
        return node.child if isinstance(node, Not) else Not(node)


def _make(cls, children: list) -> Node | None:
    flat = []
    for child in children:
        flat.extend(child.children if isinstance(child, cls) else [child])
    if not flat:
        return None
    return flat[0] if len(flat) == 1 else cls(tuple(flat))


def _collect(node: Node | None, negated: bool, positive: bool, out: list) -> None:
    if node is None:
        return
    if isinstance(node, (Word, Phrase)):
        if negated != positive:
            out.append(node)
    elif isinstance(node, Not):
        _collect(node.child, not negated, positive, out)
    else:
        for child in node.children:
            _collect(child, negated, positive, out)


def _drop(node: Node | None, leaf: Word | Phrase) -> Node | None:
    if node is None or node == leaf:
        return None
    if isinstance(node, Not):
        child = _drop(node.child, leaf)
        return Not(child) if child is not None else None
    if isinstance(node, (And, Or)):
        return _make(type(node), [c for c in (_drop(c, leaf) for c in node.children) if c is not None])
    return node


def render(node: Node, top: bool = False) -> str:
    if isinstance(node, Word):
        return f"+{node.text}" if node.required else node.text
    if isinstance(node, Phrase):
        for left, right in (('"', '"'), ("「", "」"), ("『", "』")):
            if not any(q in node.text for q in _QUOTE_CLOSERS[left] + left):
                return f"{left}{node.text}{right}"
        return node.text
    if isinstance(node, Not):
        inner = render(node.child)
        return f"-({inner})" if isinstance(node.child, Or) else f"-{inner}"
    if isinstance(node, Or):
        # OR binds tighter than AND: an AND inside an OR brings its own parentheses, an OR needs none.
        return " OR ".join(render(c) for c in node.children)
    body = " ".join(render(c) for c in node.children)
    return body if top else f"({body})"
