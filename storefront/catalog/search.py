"""Matching products by text, behind one interface for SQLite FTS5 and PostgreSQL full text.

User input never reaches the query syntax: it is cut to words of [a-z0-9] (stemmer.tokens),
each word and its stem become quoted terms (FTS5) or lexemes (tsquery), and the last word is
a prefix so results follow the typing. When nothing matches, a typo fallback answers: on
SQLite each unknown word is replaced by the nearest indexed word (edit distance over the FTS5
vocabulary), on PostgreSQL names are ranked by trigram word similarity (pg_trgm).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import sqlalchemy as sa

from storefront.catalog import stemmer
from storefront.catalog.models import Product, ProductSearch
from storefront.catalog.search_index import FTS_TABLE
from storefront.extensions import db

MAX_WORDS = 8
NAME_WEIGHT, BODY_WEIGHT = 10.0, 1.0

_fts = sa.table(FTS_TABLE, sa.column("rowid"))
_fts_ref = sa.literal_column(FTS_TABLE)
_vocab = sa.table(f"{FTS_TABLE}_vocab", sa.column("term"), sa.column("doc"))
_simple = sa.literal_column("'simple'::regconfig")


@dataclass(frozen=True)
class TextMatch:
    """How to narrow a product query to the matches, and how to rank them (best first)."""

    apply: Callable[[sa.Select], sa.Select]  # adds the join and the match condition
    rank: sa.ColumnElement
    is_fallback: bool = False


def words(text: str) -> list[str]:
    return stemmer.tokens(text or "", limit=MAX_WORDS)


def text_match(text: str, best: int | None = None) -> TextMatch | None:
    """The full-text match for what was typed; None when it holds no word to look for.

    With `best`, only that many best-ranked matches are joined to the products: a common word
    matches most of the catalog, and ranking is cheap next to joining every match. The caller
    passes it only when nothing but relevance decides the order and no other filter applies.
    """
    terms = words(text)
    if not terms:
        return None
    if _dialect() == "postgresql":
        return _postgres_match(terms, best)
    return _sqlite_match(terms, best)


def typo_match(text: str) -> TextMatch | None:
    """The fallback when `text_match` found nothing; None when there is nothing to try."""
    terms = words(text)
    if not terms:
        return None
    if _dialect() == "postgresql":
        phrase = " ".join(terms)
        return TextMatch(
            apply=lambda stmt: stmt.join(ProductSearch, ProductSearch.product_id == Product.id).where(
                sa.literal(phrase).op("<%")(ProductSearch.name_terms)),
            rank=sa.func.word_similarity(sa.literal(phrase), ProductSearch.name_terms).desc(),
            is_fallback=True)
    corrected = _sqlite_corrections(terms)
    if corrected == terms:
        return None
    match = _sqlite_match(corrected)
    return TextMatch(apply=match.apply, rank=match.rank, is_fallback=True)


# --- SQLite FTS5 ---------------------------------------------------------------------------------

def _alternatives(word: str, prefix: bool, quote: Callable[[str], str]) -> list[str]:
    forms = dict.fromkeys([word, stemmer.stem(word)])  # ordered, without duplicates
    return [quote(form) + ("*" if prefix else "") for form in forms]


def fts5_expression(terms: list[str]) -> str:
    """`("kopi" OR "kop"*) AND ...`: every word quoted, so no word is ever FTS5 syntax."""
    groups = []
    for index, word in enumerate(terms):
        options = _alternatives(word, index == len(terms) - 1, lambda w: '"' + w.replace('"', "") + '"')
        groups.append("(" + " OR ".join(options) + ")")
    return " AND ".join(groups)


def _sqlite_match(terms: list[str], best: int | None = None) -> TextMatch:
    # bm25() is computed in a subquery of the FTS table alone (SQLite refuses it beside some
    # other constructs), which also keeps the MATCH the driving scan. Lower bm25 is better.
    score = sa.func.bm25(_fts_ref, NAME_WEIGHT, BODY_WEIGHT).label("score")
    matched = (sa.select(_fts.c.rowid.label("id"), score).select_from(_fts)
               .where(_fts_ref.op("MATCH")(sa.literal(fts5_expression(terms)))))
    if best:
        matched = matched.order_by(score).limit(best)
    matched = matched.subquery("matched")
    return TextMatch(apply=lambda stmt: stmt.join(matched, matched.c.id == Product.id), rank=matched.c.score)


def _sqlite_corrections(terms: list[str]) -> list[str]:
    """Each word not in the index replaced by the closest indexed word (same first letter,
    Damerau-Levenshtein distance 1, or 2 for words of 6 letters and more), commonest first.

    A word counts as known when it or its stem is indexed; only the last word, which the
    search treats as a prefix, is also known as the start of an indexed word."""
    forms = [dict.fromkeys([word, stemmer.stem(word)]) for word in terms]
    ranges = [sa.and_(_vocab.c.term >= form[0], _vocab.c.term < chr(ord(form[0]) + 1),
                      sa.func.length(_vocab.c.term).between(len(form) - 2, len(form) + 2))
              for word_forms in forms for form in word_forms]
    vocabulary = db.session.execute(
        sa.select(_vocab.c.term, _vocab.c.doc).where(sa.or_(*ranges))).all()
    known = {term for term, _ in vocabulary}
    corrected = []
    for index, word in enumerate(terms):
        is_prefix = index == len(terms) - 1
        if any(form in known or (is_prefix and any(term.startswith(form) for term in known))
               for form in forms[index]):
            corrected.append(word)
            continue
        limit = 2 if len(word) >= 6 else 1
        candidates = [(distance(word, term), -count, term) for term, count in vocabulary
                      if term[:1] == word[:1] and abs(len(term) - len(word)) <= limit]
        best = min((c for c in candidates if c[0] <= limit), default=None)
        corrected.append(best[2] if best else word)
    return corrected


def distance(a: str, b: str) -> int:
    """Optimal string alignment distance: insert, delete, substitute, swap neighbours."""
    previous2, previous = None, list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, 1):
            cost = char_a != char_b
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[len(b)]


# --- PostgreSQL full text ------------------------------------------------------------------------

def postgres_document() -> sa.ColumnElement:
    """Exactly the expression of the GIN index (search_index.POSTGRES_DOCUMENT), or the
    planner would not use it: the weights and the configuration are literals, not parameters."""
    name = sa.func.setweight(sa.func.to_tsvector(_simple, ProductSearch.name_terms), sa.literal_column("'A'"))
    body = sa.func.setweight(sa.func.to_tsvector(_simple, ProductSearch.body_terms), sa.literal_column("'B'"))
    return name.op("||")(body)


def tsquery_expression(terms: list[str]) -> str:
    """`(kopi | kop:*) & ...`: the words are [a-z0-9] only, so no word is tsquery syntax."""
    groups = []
    for index, word in enumerate(terms):
        options = _alternatives(word, index == len(terms) - 1, lambda w: w)
        groups.append("(" + " | ".join(option.replace("*", ":*") for option in options) + ")")
    return " & ".join(groups)


def _postgres_match(terms: list[str], best: int | None = None) -> TextMatch:
    query = sa.func.to_tsquery(_simple, sa.literal(tsquery_expression(terms)))
    document = postgres_document()
    score = sa.func.ts_rank(document, query).label("score")
    matched = sa.select(ProductSearch.product_id.label("id"), score).where(document.op("@@")(query))
    if best:
        matched = matched.order_by(score.desc()).limit(best)
    matched = matched.subquery("matched")
    return TextMatch(apply=lambda stmt: stmt.join(matched, matched.c.id == Product.id),
                     rank=matched.c.score.desc())


def _dialect() -> str:
    return db.session.get_bind().dialect.name
