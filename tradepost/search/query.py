"""Buyer text → tantivy queries, built term by term (never parsed: no query syntax to break).

Each searched language contributes its title field (boosted) and its text field; in a field,
every term of the query must match. The languages searched are the buyer's, English, and those
whose script the query is written in. Fuzzy queries allow edit distance 1 for terms of 5 or more
letters and 2 for 9 or more.
"""

import tantivy

from tradepost.search import analysis, schema

MAX_QUERY_CHARS = 200
MAX_TERMS = 12
TITLE_BOOST = 3.0
OTHER_LANGUAGE_WEIGHT = 0.6  # English (or another script's language) for a buyer in language X
Occur = tantivy.Occur


def normalise(text: str) -> str:
    return " ".join(analysis.clean(text[: MAX_QUERY_CHARS * 4]).split())[:MAX_QUERY_CHARS]


def fuzzy_distance(term: str) -> int:
    letters = len(term)
    return 2 if letters >= 9 else 1 if letters >= 5 else 0


def _term(field: str, term: str, fuzzy: bool) -> tantivy.Query:
    distance = fuzzy_distance(term) if fuzzy else 0
    if distance:
        return tantivy.Query.fuzzy_term_query(schema.SCHEMA, field, term, distance=distance)
    return tantivy.Query.term_query(schema.SCHEMA, field, term)


def _all_terms(field: str, terms: list[str], fuzzy: bool) -> tantivy.Query:
    if len(terms) == 1:
        return _term(field, terms[0], fuzzy)
    return tantivy.Query.boolean_query([(Occur.Must, _term(field, t, fuzzy)) for t in terms])


def text_query(text: str, language: str, *, ranked: bool = True) -> tantivy.Query | None:
    """None when the text has no searchable term in any language (e.g. only punctuation).

    `ranked=False` gives the same matches without the title clauses, for counting: a listing's
    text field holds its title too, so a title match is always a text match as well, and
    counting walks half the posting lists."""
    clauses = []
    for code in analysis.query_languages(text, language):
        terms = analysis.terms(code, text)[:MAX_TERMS]
        if not terms:
            continue
        weight = 1.0 if code == language else OTHER_LANGUAGE_WEIGHT
        fields = [(schema.text_field(code), weight)]
        if ranked:
            fields.insert(0, (schema.title_field(code), TITLE_BOOST * weight))
        for field, boost in fields:
            query = tantivy.Query.boost_query(_all_terms(field, terms, fuzzy=False), boost)
            clauses.append((Occur.Should, query))
    if not clauses:
        return None
    return tantivy.Query.boolean_query(clauses)


def fuzzy_query(text: str) -> tantivy.Query | None:
    """Every word of the text within its edit distance of a title or category word.

    Matched against whole words as written (schema.WORDS), not stems: a misspelt word stems
    badly ("wireles" → "wirel"), and its distance to the right stem grows."""
    words = analysis.words(text)[:MAX_TERMS]
    if not any(fuzzy_distance(w) for w in words):
        return None
    return _all_terms(schema.WORDS, words, fuzzy=True)
