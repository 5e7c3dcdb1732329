"""The per-store quota of new listings: page, API and CSV import all count; over it, 429 with
Retry-After and nothing created; another store keeps its own quota; replays use up nothing."""

import pytest

from tradepost.api.testing import bearer, error_of, send
from tradepost.catalog import services
from tradepost.catalog.csv_io import COLUMNS, export_products_csv, import_products_csv
from tradepost.catalog.errors import ListingQuotaReached
from tradepost.catalog.models import Product
from tradepost.notifications.models import OutboxEvent

pytestmark = pytest.mark.django_db

PRODUCTS = "/api/v1/seller/products"
NEW_PRODUCT = {"category": "t-shirts", "translations": {"en": {"title": "Linen shirt"}}}
HOUR = 3600


@pytest.fixture(autouse=True)
def _low_quota(settings):
    settings.RATE_LIMIT_LISTINGS = (2, HOUR)


@pytest.fixture
def auth(store, clock):
    return bearer(store.seller.user, "catalog:read", "catalog:write")


def _create(store, category, clock, title="Linen shirt"):
    return services.create_product(
        store=store, category=category, translations={"en": {"title": title}}, now=clock.now()
    )


def _csv(*refs: str) -> bytes:
    # product_ref,language,title,description,category,brand,hs_code,origin_country,weight_g,
    # min_order_quantity,lot_size,sku,options,price,stock
    rows = [f"{ref},en,Cap {ref},,t-shirts,,,,100,1,1,CAP-{ref},,3.00,5" for ref in refs]
    return ("\r\n".join([",".join(COLUMNS), *rows]) + "\r\n").encode()


# --- API ---------------------------------------------------------------------------------------


def test_api_create_over_the_quota_is_429_with_retry_after(client, auth, store, category):
    created = [send(client, "POST", PRODUCTS, NEW_PRODUCT, **auth) for _ in range(2)]

    refused = send(client, "POST", PRODUCTS, NEW_PRODUCT, **auth)

    assert [r.status_code for r in created] == [201, 201]
    assert refused.status_code == 429
    assert error_of(refused)["code"] == "rate_limited"
    assert "at most 2 new listings in 1\xa0hour" in error_of(refused)["message"]
    assert 0 < int(refused["Retry-After"]) <= HOUR
    assert Product.objects.filter(store=store).count() == 2


def test_another_store_keeps_its_own_quota(client, auth, store, other_store, category, clock):
    for _ in range(3):
        send(client, "POST", PRODUCTS, NEW_PRODUCT, **auth)
    other = bearer(other_store.seller.user, "catalog:write")

    response = send(client, "POST", PRODUCTS, NEW_PRODUCT, **other)

    assert response.status_code == 201
    assert Product.objects.filter(store=other_store).count() == 1
    assert Product.objects.filter(store=store).count() == 2


def test_quota_is_back_after_the_period(client, auth, store, category, clock):
    for _ in range(2):
        send(client, "POST", PRODUCTS, NEW_PRODUCT, **auth)
    wait = int(send(client, "POST", PRODUCTS, NEW_PRODUCT, **auth)["Retry-After"])

    clock.advance(seconds=wait)
    response = send(client, "POST", PRODUCTS, NEW_PRODUCT, **auth)

    assert response.status_code == 201
    assert Product.objects.filter(store=store).count() == 3


def test_replayed_create_uses_no_quota(client, auth, store, category):
    key = {"Idempotency-Key": "quota-1"}
    first = send(client, "POST", PRODUCTS, NEW_PRODUCT, **auth, **key)
    replay = send(client, "POST", PRODUCTS, NEW_PRODUCT, **auth, **key)

    second = send(client, "POST", PRODUCTS, NEW_PRODUCT, **auth)
    third = send(client, "POST", PRODUCTS, NEW_PRODUCT, **auth)

    assert (first.status_code, replay.status_code, replay["Idempotent-Replayed"]) == (
        201, 201, "true",
    )  # fmt: skip
    assert (second.status_code, third.status_code) == (201, 429)
    assert Product.objects.filter(store=store).count() == 2


def test_refused_create_with_a_key_runs_again_after_the_wait(client, auth, store, category, clock):
    for _ in range(2):
        send(client, "POST", PRODUCTS, NEW_PRODUCT, **auth)
    key = {"Idempotency-Key": "quota-2"}
    refused = send(client, "POST", PRODUCTS, NEW_PRODUCT, **auth, **key)

    clock.advance(seconds=int(refused["Retry-After"]))
    retried = send(client, "POST", PRODUCTS, NEW_PRODUCT, **auth, **key)

    assert (refused.status_code, retried.status_code) == (429, 201)
    assert "Idempotent-Replayed" not in retried


def test_invalid_create_uses_no_quota(client, auth, store, category):
    invalid = send(client, "POST", PRODUCTS, {**NEW_PRODUCT, "category": "nope"}, **auth)

    statuses = [send(client, "POST", PRODUCTS, NEW_PRODUCT, **auth).status_code for _ in range(2)]

    assert invalid.status_code == 422
    assert statuses == [201, 201]


# --- services: create_product and the CSV import share the quota -------------------------------


def test_service_refuses_over_the_quota_and_writes_nothing(store, category, clock):
    _create(store, category, clock)
    _create(store, category, clock)
    events = OutboxEvent.objects.count()

    with pytest.raises(ListingQuotaReached) as refused:
        _create(store, category, clock, title="One too many")

    assert (refused.value.code, refused.value.http_status) == ("rate_limited", 429)
    assert not Product.objects.filter(translations__title="One too many").exists()
    assert OutboxEvent.objects.count() == events


def test_csv_import_counts_each_new_product(store, category, clock):
    report = import_products_csv(store=store, data=_csv("a", "b"), now=clock.now())

    with pytest.raises(ListingQuotaReached):
        _create(store, category, clock)
    assert report.products_created == 2


def test_csv_import_over_what_is_left_is_refused_whole(store, category, clock):
    _create(store, category, clock)

    with pytest.raises(ListingQuotaReached) as refused:
        import_products_csv(store=store, data=_csv("a", "b"), now=clock.now())

    assert "2 new listings are more than your store may create now (1 left of 2" in str(
        refused.value
    )
    assert Product.objects.filter(store=store).count() == 1
    assert import_products_csv(store=store, data=_csv("c"), now=clock.now()).products_created == 1


def test_csv_import_updating_existing_products_uses_no_quota(store, category, clock):
    first = import_products_csv(store=store, data=_csv("a", "b"), now=clock.now())

    again = import_products_csv(
        store=store, data=export_products_csv(store=store).encode(), now=clock.now()
    )

    assert (first.products_created, again.ok, again.products_updated) == (2, True, 2)
