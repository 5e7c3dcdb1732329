"""One zone at a time, and which template a listing ships with."""

import pytest

from tradepost.catalog.errors import ProductNotFound
from tradepost.catalog.testing import make_product
from tradepost.shipping import selectors, writes
from tradepost.shipping.errors import (
    InvalidShippingTemplate,
    InvalidShippingZone,
    ShippingTemplateNotFound,
    ShippingZoneNotFound,
)
from tradepost.shipping.models import ShippingZone
from tradepost.shipping.tests.template_fixtures import *  # noqa: F403
from tradepost.shipping.tests.template_fixtures import template_input, zone

pytestmark = pytest.mark.django_db


@pytest.fixture
def template(store, clock):
    return writes.create_template(store=store, data=template_input(), now=clock.now())


def _zones(template) -> list:
    return list(template.zones.order_by("id").values_list("service", "groups", "first_minor"))


def test_add_update_and_delete_a_zone(store, listing, template, clock):
    added = writes.add_zone(
        store=store, template=template.public_id,
        data=zone(groups=["WORLD"], service="express", first_minor=9900), now=clock.now(),
    )  # fmt: skip
    writes.update_zone(
        store=store, template=template, zone_id=added.id,
        data=zone(groups=["WORLD"], service="express", first_minor=7900), now=clock.now(),
    )  # fmt: skip

    options = selectors.product_options(listing, unit_price_minor=100, quantity=1, destination="US")
    assert [(o.code, o.store_amount_minor) for o in options] == [("express", 7900)]

    writes.delete_zone(store=store, template=template, zone_id=added.id, now=clock.now())
    assert _zones(template) == [("standard", ["EU"], 2500)]


def test_a_zone_clashing_with_another_of_its_service_is_refused(store, template, clock):
    with pytest.raises(InvalidShippingZone) as caught:
        writes.add_zone(
            store=store, template=template, data=zone(groups=["EU", "WORLD"]), now=clock.now()
        )

    assert (caught.value.code, list(caught.value.fields)) == ("invalid_shipping_zone", ["groups"])
    assert _zones(template) == [("standard", ["EU"], 2500)]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"countries": ["QQ"]}, "countries"),
        ({"groups": ["ATLANTIS"]}, "groups"),
        ({"carrier": "owl"}, "carrier"),
        ({"first_minor": -100}, "first_minor"),
        ({"transit_days_min": 8, "transit_days_max": 3}, "transit_days_max"),
        ({"weight_unit_g": 0}, "weight_unit_g"),
        ({"free_over_minor": -1}, "free_over_minor"),
    ],
)
def test_an_invalid_zone_changes_nothing(store, template, clock, changes, field):
    existing = template.zones.get()

    with pytest.raises(InvalidShippingZone) as caught:
        writes.update_zone(
            store=store, template=template, zone_id=existing.id,
            data=zone(service="express", **changes), now=clock.now(),
        )  # fmt: skip

    assert list(caught.value.fields) == [field]
    assert _zones(template) == [("standard", ["EU"], 2500)]


def test_the_last_zone_stays(store, template, clock):
    with pytest.raises(InvalidShippingTemplate) as caught:
        writes.delete_zone(
            store=store, template=template, zone_id=template.zones.get().id, now=clock.now()
        )

    assert list(caught.value.fields) == ["zones"]
    assert template.zones.count() == 1


def test_zones_of_other_templates_are_not_found(store, other_store, template, clock):
    other = writes.create_template(store=other_store, data=template_input(), now=clock.now())
    foreign = other.zones.get()

    with pytest.raises(ShippingZoneNotFound):
        writes.delete_zone(store=store, template=template, zone_id=foreign.id, now=clock.now())
    with pytest.raises(ShippingTemplateNotFound):
        writes.add_zone(store=store, template=other.public_id, data=zone(), now=clock.now())

    assert ShippingZone.objects.filter(id=foreign.id).exists()
    assert other.zones.count() == 1


def test_a_listing_ships_with_its_chosen_template(store, listing, template, clock):
    asia = writes.create_template(
        store=store, now=clock.now(),
        data=template_input(name="Asia", zones=[zone(groups=["ASIA_PACIFIC"])]),
    )  # fmt: skip

    writes.assign_product_template(
        store=store, product=listing, template=asia.public_id, now=clock.now()
    )
    listing.refresh_from_db()
    assert (selectors.ships_to(listing, "JP"), selectors.ships_to(listing, "FR")) == (True, False)

    writes.assign_product_template(store=store, product=listing, template="", now=clock.now())
    listing.refresh_from_db()
    assert (selectors.ships_to(listing, "JP"), selectors.ships_to(listing, "FR")) == (False, True)


def test_a_listing_cannot_use_another_stores_template(
    store, other_store, category, listing, template, clock
):
    foreign = writes.create_template(store=other_store, data=template_input(), now=clock.now())
    others_listing = make_product(store=other_store, category=category)

    with pytest.raises(ShippingTemplateNotFound):
        writes.assign_product_template(
            store=store, product=listing, template=foreign.public_id, now=clock.now()
        )
    with pytest.raises(ProductNotFound):
        writes.assign_product_template(
            store=store, product=others_listing, template=template.public_id, now=clock.now()
        )

    listing.refresh_from_db()
    others_listing.refresh_from_db()
    assert (listing.shipping_template_id, others_listing.shipping_template_id) == (None, None)
