"""The index layout: one document per public listing.

Per language: `title_<lang>` (the listing's title) and `text_<lang>` (title, brand, attribute
values, description and the category path in that language: the field a query must match in
full). Filters, facets and sorts read fast fields. Identifiers are signed integers: in tantivy-py
0.27 deleting by an unsigned field silently deletes nothing.
"""

import tantivy

from tradepost.search import analysis

SCHEMA_VERSION = 2  # raise when the layout changes: the index is then rebuilt in a new folder

ID = "id"  # product pk
STORE = "store"  # store pk
CATEGORY = "category"  # the listing's category and all its ancestors (filters)
LEAF = "leaf"  # the listing's own category (facet counts: one value per listing, not three)
COUNTRY = "country"  # ship-from country (ISO code)
BRAND = "brand"  # as written by the seller
PRICE = "price"  # lowest variant price in PRICE_CURRENCY minor units
ORDERS = "orders"
RATING = "rating"
POPULARITY = "popularity"  # relevance weight: score × log2(2 + popularity)
FREE_SHIPPING = "free_shipping"  # 1 or 0
CREATED = "created"  # seconds since the epoch
WORDS = "words"  # title words as written, for autocomplete and "did you mean"
PRICE_CURRENCY = "EUR"


def field_suffix(language: str) -> str:
    return language.replace("-", "_")


def title_field(language: str) -> str:
    return f"title_{field_suffix(language)}"


def text_field(language: str) -> str:
    return f"text_{field_suffix(language)}"


def build() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_integer_field(ID, stored=True, indexed=True, fast=True)
    builder.add_integer_field(STORE, indexed=True, fast=True)
    builder.add_integer_field(CATEGORY, indexed=True)
    builder.add_integer_field(LEAF, fast=True)
    builder.add_text_field(COUNTRY, tokenizer_name="raw", fast=True)
    builder.add_text_field(BRAND, tokenizer_name="raw", fast=True)
    builder.add_integer_field(PRICE, indexed=True, fast=True)
    builder.add_integer_field(ORDERS, fast=True)
    builder.add_float_field(RATING, fast=True)
    builder.add_float_field(POPULARITY, fast=True)
    builder.add_integer_field(FREE_SHIPPING, indexed=True, fast=True)
    builder.add_integer_field(CREATED, fast=True)
    builder.add_text_field(WORDS, tokenizer_name="tp_words", index_option="freq")
    for language in analysis.LANGUAGES:
        analyzer = analysis.analyzer_name(language)
        builder.add_text_field(title_field(language), tokenizer_name=analyzer)
        builder.add_text_field(text_field(language), tokenizer_name=analyzer)
    return builder.build()


SCHEMA = build()
