"""The PostgreSQL backend's text side: our analyzer's tokens as tsvector literals, queries as tsquery.

PostgreSQL's own parser keeps a run of Chinese characters as one word, so we never let it parse: every
lexeme comes from search.analysis with its explicit position (1-based), sub-words sharing their word's,
and phrases become `<N>` distance operators that honour the gaps stop words leave. Heading and title
tokens are weighted A and B and placed after the body with a gap, so no phrase spans two fields.
"""

from __future__ import annotations

from search.analysis import Seq, analyze_with_pairs
from search.documents import SectionDoc

MAX_POSITION = 16383  # PostgreSQL clamps larger positions
FIELD_GAP = 16
RANK_TERMS = 40  # the body's most frequent words kept for ranking
RANK_TF_CAP = 16


def lexeme(term: str) -> str:
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def section_vectors(doc: SectionDoc) -> tuple[str, str, str]:
    """(positions vector, pairs vector, ranking vector) of a section, as tsvector literals.

    The positions vector (heading A, title B, body) answers single words and phrases broken by stop words.
    The pairs vector holds adjacent-word pairs without positions: a phrase is the sections holding all its
    pairs, which the GIN index answers without reading any row. The ranking vector is small enough to stay
    inline in the row (heading and title words, and the body's most frequent words with their counts), so
    ts_rank never has to fetch and decompress the large positions vector of every matching section.
    """
    positions: dict[str, list[str]] = {}
    offset = 0
    body_counts: dict[str, int] = {}
    header: dict[str, str] = {}
    pairs: list[str] = []
    body = f"{doc.text}\n{doc.numbers}" if doc.numbers else doc.text  # figure and year tokens last
    for text, weight in ((body, ""), (doc.title if doc.order == 0 else "", "B"), (doc.heading, "A")):
        tokens, field_pairs = analyze_with_pairs(text)
        pairs.extend(field_pairs)
        last = 0
        for token in tokens:
            pos = min(offset + token.pos + 1, MAX_POSITION)
            last = max(last, token.pos + 1)
            positions.setdefault(token.term, []).append(f"{pos}{weight}")
            if weight:
                header.setdefault(token.term, weight)
            else:
                body_counts[token.term] = body_counts.get(token.term, 0) + 1
        offset += last + FIELD_GAP
    full = " ".join(f"{lexeme(term)}:{','.join(spots)}" for term, spots in positions.items())
    pair_vector = " ".join(lexeme(pair) for pair in dict.fromkeys(pairs))
    ranking = []
    for term, weight in header.items():
        ranking.append(f"{lexeme(term)}:1{weight}")
    frequent = sorted(body_counts.items(), key=lambda item: (-item[1], item[0]))[:RANK_TERMS]
    for term, count in frequent:
        if term not in header:
            # ts_rank counts a lexeme's positions: as many as the word occurs (capped), at made-up spots.
            ranking.append(
                f"{lexeme(term)}:" + ",".join(str(n) for n in range(1, min(count, RANK_TF_CAP) + 1))
            )
    return full, pair_vector, " ".join(ranking)


def seq_tsquery(seq: Seq) -> str:
    parts = [lexeme(seq.terms[0])]
    for term, before, after in zip(seq.terms[1:], seq.positions, seq.positions[1:], strict=False):
        parts.append(f"<{after - before}> {lexeme(term)}")
    return " ".join(parts) if len(parts) == 1 else "(" + " ".join(parts) + ")"


def pairs_tsquery(pairs: list[str]) -> str:
    return " & ".join(lexeme(pair) for pair in pairs)


def words_tsquery(seqs: list[Seq]) -> str | None:
    """Every word of the searched sequences, any of them: what the ranking vector is scored against."""
    words = list(dict.fromkeys(term for seq in seqs for term in seq.terms))
    return " | ".join(lexeme(w) for w in words) if words else None
