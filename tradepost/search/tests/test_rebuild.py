"""The full rebuild command: every public listing, nothing else, with a progress bar."""

import io

import pytest
from django.core.management import call_command

from tradepost.catalog.models import Product
from tradepost.catalog.testing import make_product
from tradepost.search import index
from tradepost.search.selectors import SearchParams, search

pytestmark = pytest.mark.django_db


def test_rebuild_indexes_every_public_listing_and_drops_stale_documents(cn_store, audio, rates):
    public = [
        make_product(store=cn_store, category=audio, titles={"en": f"Item {n}"}) for n in range(3)
    ]
    hidden = make_product(store=cn_store, category=audio, titles={"en": "Hidden"})
    # changed behind the index's back (no event): only a rebuild can notice
    Product.objects.filter(pk=hidden.pk).update(status="hidden")
    index.forget_readers()  # and the index is lost altogether
    assert search(SearchParams()).total == 0

    out = io.StringIO()
    call_command("rebuild_search_index", stdout=out)

    assert set(search(SearchParams()).ids) == {p.id for p in public}
    assert "3/3" in out.getvalue()
    assert "Indexed 3 listings" in out.getvalue()


def test_if_empty_leaves_a_filled_index_alone(cn_store, audio, rates):
    make_product(store=cn_store, category=audio, titles={"en": "Item"})
    out = io.StringIO()

    call_command("rebuild_search_index", "--if-empty", stdout=out)

    assert out.getvalue() == ""
    assert search(SearchParams()).total == 1
