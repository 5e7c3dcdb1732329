"""Public store API: verified sellers only, the DSA Art. 30 disclosure, nothing private."""

import pytest

from tradepost.api.testing import error_of
from tradepost.sellers import services
from tradepost.sellers.testing import KR_COMPANY, US_INDIVIDUAL

pytestmark = pytest.mark.django_db

STORES = "/api/v1/stores"
PRIVATE = {"payout", "payout_iban", "payout_account", "payout_country", "iban", "vat_number",
           "status", "rejection_reason", "public_id", "id", "user", "self_certified_at"}  # fmt: skip


def _all_keys(value) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _all_keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in _all_keys(v)}
    return set()


def test_store_shows_the_trader_disclosure(client, verified_seller):
    response = client.get(f"{STORES}/{verified_seller.store.slug}")

    assert response.status_code == 200
    body = response.json()
    trader = body["trader"]
    assert (trader["legal_name"], trader["phone"], trader["email"]) == (
        "Muster Handel GmbH",
        "+492414320",
        "kontakt@muster.example",
    )
    assert (trader["trade_register"], trader["registration_number"]) == (
        "Amtsgericht Aachen",
        "Aachen HRB 44123",
    )
    assert trader["address"]["city"] == "Aachen"
    assert trader["self_certified"] is True
    assert body["description"] == "Werkzeug aus Aachen."


def test_public_output_never_contains_private_fields(client, verified_seller):
    detail = client.get(f"{STORES}/{verified_seller.store.slug}").json()
    listing = client.get(STORES).json()

    for body in (detail, listing):
        assert not _all_keys(body) & PRIVATE
        assert "DE89" not in str(body) and "DE136695976" not in str(body)


def test_individuals_id_number_is_not_published(client, seller_factory):
    person = seller_factory("verified", kind="individual", details=US_INDIVIDUAL)

    trader = client.get(f"{STORES}/{person.store.slug}").json()["trader"]

    assert (trader["kind"], trader["legal_name"]) == ("individual", "Jane Roe")
    assert (trader["registration_number"], trader["trade_register"]) == ("", "")
    assert "536904399" not in str(trader)


@pytest.mark.parametrize("status", ["draft", "complete", "submitted", "rejected", "suspended"])
def test_store_of_unverified_seller_is_404(client, seller_factory, status):
    seller = seller_factory(status)
    slug = getattr(getattr(seller, "store", None), "slug", "store-none")

    response = client.get(f"{STORES}/{slug}")

    assert (response.status_code, error_of(response)["code"]) == (404, "store_not_found")


def test_suspended_seller_disappears_from_the_api_at_once(client, verified_seller, reviewer, clock):
    slug = verified_seller.store.slug
    assert client.get(f"{STORES}/{slug}").status_code == 200

    services.suspend_seller(seller=verified_seller, actor=reviewer, reason="Fakes", now=clock.now())

    assert client.get(f"{STORES}/{slug}").status_code == 404
    assert client.get(STORES).json()["items"] == []


def test_list_pages_and_filters_by_country(client, seller_factory):
    for _ in range(3):
        seller_factory("verified")
    korean = seller_factory("verified", details=KR_COMPANY)
    seller_factory("submitted")

    first = client.get(STORES, {"page_size": 2}).json()
    last = client.get(STORES, {"page_size": 2, "page": 2}).json()
    kr = client.get(STORES, {"country": "kr"}).json()

    assert (len(first["items"]), first["has_next"]) == (2, True)
    assert (len(last["items"]), last["has_next"]) == (2, False)
    assert [s["slug"] for s in kr["items"]] == [korean.store.slug]


def test_bad_page_size_is_422(client):
    response = client.get(STORES, {"page_size": 1000})

    assert (response.status_code, error_of(response)["code"]) == (422, "invalid_input")


def test_list_query_count_does_not_grow(client, seller_factory, django_assert_max_num_queries):
    seller_factory("verified")
    with django_assert_max_num_queries(2) as one:
        client.get(STORES)
    for _ in range(5):
        seller_factory("verified")

    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(STORES)

    assert len(response.json()["items"]) == 6
