"""Seller API for shipping templates: own templates only, scopes, validation, query counts."""

import pytest

from tradepost.api.testing import bearer, error_of, send
from tradepost.shipping import writes
from tradepost.shipping.models import ShippingTemplate, ShippingZone
from tradepost.shipping.tests.template_fixtures import *  # noqa: F403
from tradepost.shipping.tests.template_fixtures import template_input, zone

pytestmark = pytest.mark.django_db

TEMPLATES = "/api/v1/seller/shipping-templates"
NEW = {
    "name": "Parcels",
    "ship_from_country": "CN",
    "excluded_countries": ["ru"],
    "zones": [
        {"countries": ["FR", "DE"], "carrier": "yunexpress", "pricing": "per_item",
         "first_minor": 3000, "additional_minor": 500, "transit_days_min": 6,
         "transit_days_max": 12},
        {"groups": ["WORLD"], "service": "economy", "carrier": "china-post",
         "free_over_minor": 50000},
    ],
}  # fmt: skip


@pytest.fixture
def auth(store, clock):
    return bearer(store.seller.user, "catalog:read", "catalog:write")


@pytest.fixture
def intruder(other_store, clock):
    return bearer(other_store.seller.user, "catalog:read", "catalog:write")


@pytest.fixture
def template(store, clock):
    return writes.create_template(store=store, data=template_input(), now=clock.now())


def test_create_then_read_back(client, auth, store):
    response = send(client, "POST", TEMPLATES, NEW, **auth)

    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["name"], body["is_default"], body["currency"]) == ("Parcels", True, "CNY")
    assert body["excluded_countries"] == ["RU"]
    assert [(z["countries"], z["groups"], z["first_minor"]) for z in body["zones"]] == [
        (["FR", "DE"], [], 3000),
        ([], ["WORLD"], 0),
    ]
    again = send(client, "GET", f"{TEMPLATES}/{body['id']}", **auth)
    assert again.json() == body


@pytest.mark.parametrize(
    ("zone_changes", "field"),
    [
        ({"countries": ["XX"]}, "zones.0.countries"),
        ({"groups": ["ATLANTIS"]}, "zones.0.groups"),
        ({"carrier": "carrier-pigeon"}, "zones.0.carrier"),
        ({"first_minor": -1}, "zones.0.first_minor"),
        ({"transit_days_min": 12, "transit_days_max": 6}, "zones.0.transit_days_max"),
    ],
)
def test_bad_input_is_422_with_the_field_and_nothing_is_written(client, auth, zone_changes, field):
    payload = {**NEW, "zones": [{**NEW["zones"][0], **zone_changes}]}

    response = send(client, "POST", TEMPLATES, payload, **auth)

    assert response.status_code == 422
    error = error_of(response)
    assert error["code"] == "invalid_shipping_template"
    assert field in error["fields"], error
    assert (ShippingTemplate.objects.count(), ShippingZone.objects.count()) == (0, 0)


def test_unknown_fields_are_refused(client, auth):
    response = send(client, "POST", TEMPLATES, {**NEW, "store": "someone-else"}, **auth)

    assert response.status_code == 422
    assert not ShippingTemplate.objects.exists()


def test_replace_keeps_zones_sent_with_their_id(client, auth, template):
    kept = template.zones.get()
    payload = {
        **NEW,
        "zones": [{"id": kept.id, "groups": ["EU"], "carrier": "dhl", "first_minor": 1999},
                  {"groups": ["WORLD"], "carrier": "ups", "service": "express"}],
    }  # fmt: skip

    response = send(client, "PUT", f"{TEMPLATES}/{template.public_id}", payload, **auth)

    assert response.status_code == 200, response.content
    zones = response.json()["zones"]
    assert [(z["id"] == kept.id, z["first_minor"], z["service"]) for z in zones] == [
        (True, 1999, "standard"),
        (False, 0, "express"),
    ]
    assert response.json()["is_default"] is True


def test_switching_the_default_off_is_refused(client, auth, template):
    payload = {**NEW, "is_default": False}

    response = send(client, "PUT", f"{TEMPLATES}/{template.public_id}", payload, **auth)

    assert (response.status_code, error_of(response)["code"]) == (409, "default_template_required")
    template.refresh_from_db()
    assert (template.name, template.is_default) == ("Standard", True)


def test_delete_the_default_with_a_new_default(client, auth, store, template, clock):
    other = writes.create_template(store=store, data=template_input(name="B"), now=clock.now())
    url = f"{TEMPLATES}/{template.public_id}"

    refused = send(client, "DELETE", url, **auth)
    deleted = send(client, "DELETE", f"{url}?new_default={other.public_id}", **auth)

    assert (refused.status_code, error_of(refused)["code"]) == (409, "default_template_required")
    assert deleted.status_code == 204
    assert list(ShippingTemplate.objects.values_list("name", "is_default")) == [("B", True)]


def test_another_seller_gets_404_and_nothing_changes(client, intruder, template):
    url = f"{TEMPLATES}/{template.public_id}"
    responses = [
        send(client, "GET", url, **intruder),
        send(client, "PUT", url, NEW, **intruder),
        send(client, "DELETE", url, **intruder),
    ]

    for response in responses:
        assert response.status_code == 404
        assert error_of(response)["code"] == "shipping_template_not_found"
    assert send(client, "GET", TEMPLATES, **intruder).json() == {"items": []}
    template.refresh_from_db()
    assert (template.name, template.zones.count()) == ("Standard", 1)


def test_scopes(client, store, template):
    read_only = bearer(store.seller.user, "catalog:read")
    orders_only = bearer(store.seller.user, "orders:read")

    assert send(client, "GET", TEMPLATES, **read_only).status_code == 200
    assert send(client, "GET", TEMPLATES, **orders_only).status_code == 403
    assert send(client, "POST", TEMPLATES, NEW, **read_only).status_code == 403
    assert (
        send(client, "DELETE", f"{TEMPLATES}/{template.public_id}", **read_only).status_code == 403
    )
    assert ShippingTemplate.objects.count() == 1


def test_list_is_a_fixed_number_of_queries(
    client, auth, store, listing, clock, django_assert_max_num_queries
):
    for index in range(6):
        writes.create_template(
            store=store, now=clock.now(),
            data=template_input(name=f"T{index}", zones=[zone(), zone(groups=["WORLD"], service="express")]),
        )  # fmt: skip

    with django_assert_max_num_queries(5):
        response = send(client, "GET", TEMPLATES, **auth)

    items = response.json()["items"]
    assert len(items) == 6 and all(len(item["zones"]) == 2 for item in items)
    assert items[0]["is_default"] is True
