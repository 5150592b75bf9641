"""Matching products by text, behind one interface for SQLite FTS5 and PostgreSQL full text.

User input never reaches the query syntax: it is cut to words of [a-z0-9] (stemmer.tokens),
each word and its stem become quoted terms (FTS5) or lexemes (tsquery), and the last word is
also read as a prefix so results follow the typing.

Relevance comes in three stages, each read in index order and cut at the number of results a
visitor can reach, so a word found in half the catalog costs no more than a rare one:
 1. products whose *name* holds every word (the last one complete), ranked (bm25 / ts_rank);
 2. products whose name holds them with the last word still being typed, newest first;
 3. products that hold them anywhere (description, category), newest first.
A product already found by an earlier stage is skipped by the later ones (the caller keeps the
first occurrence).
Ranking every match of a near-stopword ("kemasan", in 40 % of the catalog) cost 150 ms to 5 s at
100,000 products; ranking only the names costs a few milliseconds (bench/README.md).

When nothing matches, a typo fallback answers: on SQLite each unknown word is replaced by the
nearest indexed word (edit distance over the FTS5 vocabulary), on PostgreSQL names are ranked by
trigram word similarity (pg_trgm).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import sqlalchemy as sa

from storefront.catalog import stemmer
from storefront.catalog.models import CatalogEntry
from storefront.catalog.search_index import FTS_TABLE, NAMES_TABLE
from storefront.extensions import db

MAX_WORDS = 8

_fts = sa.table(FTS_TABLE, sa.column("rowid"))
_fts_ref = sa.literal_column(FTS_TABLE)
_names = sa.table(NAMES_TABLE, sa.column("rowid"))
_names_ref = sa.literal_column(NAMES_TABLE)
_vocab = sa.table(f"{FTS_TABLE}_vocab", sa.column("term"), sa.column("doc"))
_name_vocab = sa.table(f"{NAMES_TABLE}_vocab", sa.column("term"), sa.column("doc"))
_simple = sa.literal_column("'simple'::regconfig")
_entries = CatalogEntry.__table__.c
# PostgreSQL's stored vectors live beside the mapped columns (search_index.py).
_fts_name = sa.literal_column("catalog_entries.fts_name")
_fts_document = sa.literal_column("catalog_entries.fts_document")


@dataclass(frozen=True)
class TextMatch:
    """The words to look for, already safe; `trigram` marks PostgreSQL's typo fallback."""

    terms: tuple[str, ...]
    is_fallback: bool = False
    trigram: bool = False


@dataclass(frozen=True)
class Stage:
    """One stage of the results. `narrow` turns a select of catalog_entries into one of this
    stage's matches; `order` reads them best first in an order the index gives without sorting
    every match; `key` ranks them afterwards (lower first)."""

    narrow: Callable[[sa.Select], sa.Select]
    key: sa.ColumnElement
    order: list


def words(text: str) -> list[str]:
    return stemmer.tokens(text or "", limit=MAX_WORDS)


def text_match(text: str) -> TextMatch | None:
    """The full-text match for what was typed; None when it holds no word to look for."""
    terms = words(text)
    return TextMatch(tuple(terms)) if terms else None


def typo_match(text: str) -> TextMatch | None:
    """The fallback when `text_match` found nothing; None when there is nothing to try."""
    terms = words(text)
    if not terms:
        return None
    if _dialect() == "postgresql":
        return TextMatch(tuple(terms), is_fallback=True, trigram=True)
    corrected = _sqlite_corrections(terms)
    return TextMatch(tuple(corrected), is_fallback=True) if corrected != terms else None


def condition(match: TextMatch) -> sa.ColumnElement[bool]:
    """Every catalog entry that matches, in no order (for the sorts by date or price)."""
    if match.trigram:
        return _trigram_condition(match)
    if _dialect() == "postgresql":
        return _fts_document.op("@@")(_tsquery(match.terms, True))
    return _entries.product_id.in_(
        sa.select(_fts.c.rowid).where(_fts_ref.op("MATCH")(sa.literal(fts5_expression(match.terms, True)))))


def stages(match: TextMatch, best: int | None = None) -> list[Stage]:
    """The stages of a relevance order (see the module docstring). With `best`, the ranked stage
    keeps only that many before the caller's filters: pass it only when no filter applies."""
    if match.trigram:
        similarity = -sa.func.word_similarity(_phrase(match), _entries.name_terms)
        return [Stage(lambda stmt: stmt.where(_trigram_condition(match)), similarity,
                      [similarity, _entries.product_id])]
    if _dialect() == "postgresql":
        return _postgres_stages(match.terms)
    return _sqlite_stages(match.terms, best)


# --- SQLite FTS5 ---------------------------------------------------------------------------------

def _forms(word: str, prefix: bool) -> list[str]:
    """The word and its stem; as a prefix only the shorter when it starts the longer."""
    forms = list(dict.fromkeys([word, stemmer.stem(word)]))
    if prefix and len(forms) == 2 and forms[0].startswith(forms[1]):
        forms = [forms[1]]
    return forms


def fts5_expression(terms, prefix: bool) -> str:
    """`("kopi" OR "kop") AND ("bubuk"*)`: every word quoted, so no word is ever FTS5 syntax."""
    groups = []
    for index, word in enumerate(terms):
        last = prefix and index == len(terms) - 1
        options = ['"' + form.replace('"', "") + '"' + ("*" if last else "") for form in _forms(word, last)]
        groups.append("(" + " OR ".join(options) + ")")
    return " AND ".join(groups)


def _sqlite_stages(terms, best: int | None) -> list[Stage]:
    exact, typed = fts5_expression(terms, False), fts5_expression(terms, True)

    def matching(table, reference, expression: str, *columns) -> sa.Select:
        return (sa.select(table.c.rowid.label("id"), *columns).select_from(table)
                .where(reference.op("MATCH")(sa.literal(expression))))

    def joined(matches):
        return lambda stmt: stmt.join(matches, matches.c.id == _entries.product_id)

    # bm25 is computed on the FTS table alone (SQLite refuses it beside some other constructs);
    # lower is better. The newest-first stages order by rowid (the product id) descending, the
    # order FTS5 reads its lists in, so they stop after the rows they need.
    score = sa.func.bm25(_names_ref).label("score")
    ranked = matching(_names, _names_ref, exact, score)
    if best:
        ranked = ranked.order_by(score).limit(best)
    ranked = ranked.subquery("ranked")
    typing = matching(_names, _names_ref, typed).subquery("typing")
    elsewhere = matching(_fts, _fts_ref, typed).subquery("elsewhere")
    return [Stage(joined(ranked), ranked.c.score, [ranked.c.score, ranked.c.id]),
            Stage(joined(typing), -typing.c.id, [typing.c.id.desc()]),
            Stage(joined(elsewhere), -elsewhere.c.id, [elsewhere.c.id.desc()])]


def _sqlite_corrections(terms: list[str]) -> list[str]:
    """Each word not in the index replaced by the closest word of the product names (same first
    letter, Damerau-Levenshtein distance 1, or 2 for words of 6 letters and more), commonest first.

    A word counts as known when it or its stem is indexed anywhere; only the last word, which the
    search treats as a prefix, is also known as the start of a word of the names. Candidates come
    from the names' vocabulary: fts5vocab counts a term's rows by reading its whole list, and the
    names' lists are a fraction of the body's (2 ms against 20 ms for the words of one letter)."""
    forms = [dict.fromkeys([word, stemmer.stem(word)]) for word in terms]
    ranges = [sa.and_(_name_vocab.c.term >= form[0], _name_vocab.c.term < chr(ord(form[0]) + 1),
                      sa.func.length(_name_vocab.c.term).between(len(form) - 2, len(form) + 2))
              for word_forms in forms for form in word_forms]
    every_form = sorted({form for word_forms in forms for form in word_forms})
    rows = db.session.execute(sa.union_all(
        sa.select(_name_vocab.c.term, _name_vocab.c.doc, sa.literal(True).label("in_names"))
        .where(sa.or_(*ranges)),
        sa.select(_vocab.c.term, _vocab.c.doc, sa.literal(False)).where(_vocab.c.term.in_(every_form)))).all()
    vocabulary = [(term, count) for term, count, in_names in rows if in_names]
    known = {term for term, _, _ in rows}
    corrected = []
    for index, word in enumerate(terms):
        is_prefix = index == len(terms) - 1
        if any(form in known or (is_prefix and any(term.startswith(form) for term, _ in vocabulary))
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

def tsquery_expression(terms, prefix: bool) -> str:
    """`(kopi | kop) & (bubuk:*)`: the words are [a-z0-9] only, so no word is tsquery syntax."""
    groups = []
    for index, word in enumerate(terms):
        last = prefix and index == len(terms) - 1
        groups.append("(" + " | ".join(form + (":*" if last else "") for form in _forms(word, last)) + ")")
    return " & ".join(groups)


def _tsquery(terms, prefix: bool):
    return sa.func.to_tsquery(_simple, sa.literal(tsquery_expression(terms, prefix)))


def _postgres_stages(terms) -> list[Stage]:
    exact, typed = _tsquery(terms, False), _tsquery(terms, True)
    score, newest = -sa.func.ts_rank(_fts_name, exact), -_entries.product_id

    def where(vector, query):
        return lambda stmt: stmt.where(vector.op("@@")(query))

    # Name matches are few enough to fetch through the index and sort (ordering by an expression
    # keeps the planner from walking the whole table backwards, testing every name); the other
    # matches are many, so walking the newest products first finds them at once.
    return [Stage(where(_fts_name, exact), score, [score, _entries.product_id]),
            Stage(where(_fts_name, typed), newest, [newest]),
            Stage(where(_fts_document, typed), newest, [_entries.product_id.desc()])]


def _phrase(match: TextMatch):
    return sa.literal(" ".join(match.terms))


def _trigram_condition(match: TextMatch):
    return _phrase(match).op("<%")(_entries.name_terms)


def _dialect() -> str:
    return db.session.get_bind().dialect.name

