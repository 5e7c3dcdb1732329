"""GET /api/v1/restrictions/check on the real API: refusals are HTTP 451 with a stable code."""

import pytest

from tradepost.catalog.testing import make_product

pytestmark = pytest.mark.django_db
CHECK = "/api/v1/restrictions/check"


def test_india_is_refused_with_451_and_its_code(client, switch_off, clock):
    switch_off("IN", now=clock.now())

    response = client.get(CHECK, {"country": "IN"})

    assert response.status_code == 451
    body = response.json()
    assert body["code"] == "country_unavailable"
    assert body["message"] == "tradepost is not available for delivery to India."


def test_an_open_country_with_its_products_is_fine(client, goods, clock):
    ids = sorted(p.public_id for p in goods.values())

    response = client.get(CHECK, {"country": "fr", "products": ids})

    assert response.status_code == 200
    assert response.json() == {"country": "FR", "available": True, "products": ids}


def test_restricted_listings_are_refused_with_451_naming_them(client, goods, tree, restrict):
    restrict(category=tree["drones"], countries=["DE"], reason="Radio approval missing")
    ids = [goods["drones"].public_id, goods["phones"].public_id]

    response = client.get(CHECK, {"country": "DE", "products": ids})
    allowed = client.get(CHECK, {"country": "AT", "products": ids})

    assert response.status_code == 451
    body = response.json()
    assert body["code"] == "restricted_in_country"
    assert body["fields"]["products"] == [
        "1 item cannot be delivered to Germany.",
        "Radio approval missing",
    ]
    assert allowed.status_code == 200


def test_the_message_follows_the_request_language(client, switch_off, clock):
    switch_off("IN", now=clock.now())

    response = client.get(CHECK, {"country": "IN"}, headers={"accept-language": "de"})

    assert response.status_code == 451
    assert "Indien" in response.json()["message"]


@pytest.mark.parametrize("country", ["XX", "", "IND"])
def test_unknown_country_is_422(client, country):
    response = client.get(CHECK, {"country": country})

    assert response.status_code == 422
    assert response.json()["code"] in {"unknown_country", "invalid_input"}


def test_unknown_or_unpublished_listing_is_404(client, goods, store, tree):
    draft = make_product(store=store, category=tree["phones"], status="draft")

    for public_id in ("nosuchlisting", draft.public_id):
        response = client.get(CHECK, {"country": "FR", "products": [public_id]})
        assert response.status_code == 404
        assert response.json()["code"] == "product_not_found"
