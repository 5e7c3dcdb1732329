"""Public store reads see verified sellers only; the staff queue puts submissions first."""

import pytest

from tradepost.sellers import errors, selectors, services
from tradepost.sellers.models import StoreTranslation

pytestmark = pytest.mark.django_db


def test_public_stores_are_those_of_verified_sellers(seller_factory):
    shown = seller_factory("verified")
    for status in ("draft", "complete", "submitted", "rejected", "suspended"):
        seller_factory(status)

    assert list(selectors.public_stores()) == [shown.store]
    assert list(selectors.publishable_store_ids().values_list("pk", flat=True)) == [shown.store.pk]


def test_suspension_hides_the_store_at_once(verified_seller, reviewer, clock):
    slug = verified_seller.store.slug
    assert selectors.get_store_by_slug(slug=slug).seller == verified_seller

    services.suspend_seller(seller=verified_seller, actor=reviewer, reason="Fakes", now=clock.now())

    with pytest.raises(errors.StoreNotFound):
        selectors.get_store_by_slug(slug=slug)
    assert not selectors.public_stores().exists()


def test_get_seller_for_user_is_not_found_without_an_application(buyer):
    with pytest.raises(errors.SellerNotFound):
        selectors.get_seller_for_user(user=buyer)


def test_review_queue_puts_oldest_submissions_first(seller_factory, clock):
    verified = seller_factory("verified")
    clock.advance(hours=1)
    older = seller_factory("submitted")
    clock.advance(hours=1)
    newer = seller_factory("submitted")

    queue = list(selectors.list_sellers_for_review())

    assert queue[:2] == [older, newer]
    assert verified in queue[2:]
    assert list(selectors.list_sellers_for_review(status="verified")) == [verified]


def test_description_falls_back_to_original_then_english(verified_seller):
    store = verified_seller.store
    StoreTranslation.objects.create(store=store, language="en", description="Tools from Aachen.")
    store = selectors.get_store_by_slug(slug=store.slug)

    assert selectors.store_description(store, "en") == "Tools from Aachen."
    assert selectors.store_description(store, "ja") == "Werkzeug aus Aachen."  # original: de
