"""Hot reads: logged like any query, and on PostgreSQL prepared once per connection."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tradepost.catalog import selectors, versions
from tradepost.catalog.testing import make_category, make_product, make_seller_store

pytestmark = pytest.mark.django_db


@pytest.fixture
def listings(db):
    store = make_seller_store()
    category = make_category(["home", "lamps"])
    hidden = make_product(store=store, category=category, status="hidden")
    return [make_product(store=store, category=category) for _ in range(3)], hidden


def test_hot_reads_are_counted_and_logged_with_their_sql(listings):
    shown, hidden = listings
    for product in shown:
        product.refresh_from_db()
    with CaptureQueriesContext(connection) as ctx:
        versions.current()
        revisions = selectors._public_revisions([p.id for p in shown] + [hidden.id], frozenset())

    assert revisions == {p.id: p.revision for p in shown}
    assert len(ctx.captured_queries) == 2
    assert "catalog_publicversion" in ctx.captured_queries[0]["sql"]
    assert "catalog_product" in ctx.captured_queries[1]["sql"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements: PostgreSQL")
def test_a_page_of_any_size_reuses_one_prepared_statement(listings):
    shown, _ = listings
    for size in (1, 2, 3):
        ids = [p.id for p in shown[:size]]
        assert set(selectors._public_revisions(ids, frozenset())) == set(ids)

    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements WHERE NOT from_sql")
        statements = [row[0] for row in cursor.fetchall()]
    assert sum("p.revision" in sql for sql in statements) == 1
