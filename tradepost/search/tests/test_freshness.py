"""Catalog and seller changes reach the index through the outbox, as the worker runs them."""

import pytest

from tradepost import clock
from tradepost.catalog import services as catalog
from tradepost.catalog.testing import make_product
from tradepost.notifications.dispatcher import dispatch_due
from tradepost.search import tasks
from tradepost.search.models import PendingReindex
from tradepost.search.selectors import SearchParams, search
from tradepost.sellers import services as sellers

pytestmark = pytest.mark.django_db


def _worker_runs():
    """What the worker does after a change: deliver the outbox, then the woken flush task."""
    dispatch_due(now=clock.now())
    tasks.flush_queue_task.call_local()


def _found(text="", **filters):
    return set(search(SearchParams(text=text, **filters)).ids)


def test_a_suspended_sellers_listings_vanish_and_come_back_when_reinstated(
    cn_store, de_store, audio, rates
):
    theirs = make_product(store=cn_store, category=audio, titles={"en": "Bass headphones"})
    other = make_product(store=de_store, category=audio, titles={"en": "Open headphones"})
    assert _found("headphones") == {theirs.id, other.id}

    sellers.suspend_seller(seller=cn_store.seller, actor=None, reason="fake goods", now=clock.now())
    _worker_runs()

    assert _found("headphones") == {other.id}
    assert search(SearchParams(text="headphones")).facets.store == {de_store.id: 1}

    sellers.reinstate_seller(seller=cn_store.seller, actor=None, now=clock.now())
    _worker_runs()

    assert _found("headphones") == {theirs.id, other.id}


def test_a_price_change_moves_a_listing_across_a_price_filter(de_store, audio, rates):
    product = make_product(
        store=de_store,
        category=audio,
        titles={"en": "Headphones"},
        variants=[{"price_minor": 4000}],
    )
    under_50 = {"min_price": None, "max_price": 4999}
    assert _found(**under_50) == {product.id}

    variant = product.variants.get()
    catalog.update_variant(store=de_store, variant=variant, price_minor=6500, now=clock.now())
    _worker_runs()

    assert _found(**under_50) == set()
    assert _found(min_price=5000) == {product.id}
    assert search(SearchParams(sort="price_asc")).ids == [product.id]


def test_hidden_and_removed_listings_leave_the_index(de_store, audio, rates):
    hidden = make_product(store=de_store, category=audio, titles={"en": "Headphones one"})
    removed = make_product(store=de_store, category=audio, titles={"en": "Headphones two"})

    catalog.hide_product(store=de_store, product=hidden, now=clock.now())
    catalog.remove_product(store=de_store, product=removed, now=clock.now())
    _worker_runs()

    assert _found("headphones") == set()
    assert PendingReindex.objects.count() == 0  # the queue is drained

    catalog.unhide_product(store=de_store, product=hidden, now=clock.now())
    _worker_runs()
    assert _found("headphones") == {hidden.id}


def test_an_edited_title_is_found_by_its_new_words_only(de_store, audio, rates):
    product = make_product(store=de_store, category=audio, titles={"en": "Studio headphones"})

    catalog.set_product_translation(
        store=de_store, product=product, language="en", title="Gaming headset", now=clock.now()
    )
    _worker_runs()

    assert _found("studio") == set()
    assert _found("gaming headset") == {product.id}


def test_a_change_queued_while_a_flush_runs_is_not_lost(de_store, audio, rates):
    product = make_product(store=de_store, category=audio, titles={"en": "Headphones"})
    PendingReindex.objects.create(product_id=product.id, queued_at=clock.now())
    first = list(PendingReindex.objects.values_list("id", flat=True))
    late = PendingReindex.objects.create(product_id=product.id, queued_at=clock.now())

    from tradepost.search import services

    services.flush_queue(limit=len(first))

    assert list(PendingReindex.objects.values_list("id", flat=True)) == [late.id]


def test_a_renamed_category_is_found_by_its_new_name(de_store, audio, rates):
    from django.db import transaction

    from tradepost.catalog.models import CategoryTranslation
    from tradepost.notifications.outbox import emit

    product = make_product(store=de_store, category=audio, titles={"en": "Model X"})
    assert _found("headphones") == {product.id}

    with transaction.atomic():  # what the category admin does on save
        CategoryTranslation.objects.filter(category=audio, language="en").update(name="Earmuffs")
        emit("category.changed", {"category_id": audio.parent_id})  # its parent: "audio"
    _worker_runs()

    assert _found("earmuffs") == {product.id}
    assert _found("headphones") == set()
