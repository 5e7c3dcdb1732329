"""Sellers create, change and delete shipping templates; bad input is refused whole."""

import pytest

from tradepost.catalog.models import Product
from tradepost.shipping import selectors, writes
from tradepost.shipping.errors import (
    DefaultTemplateRequired,
    InvalidShippingTemplate,
    ShippingTemplateInUse,
    ShippingTemplateLimitReached,
    ShippingTemplateNotFound,
)
from tradepost.shipping.models import ShippingTemplate, ShippingZone
from tradepost.shipping.tests.template_fixtures import *  # noqa: F403
from tradepost.shipping.tests.template_fixtures import template_input, zone

pytestmark = pytest.mark.django_db


def _snapshot(store) -> list:
    """Everything the writes could change about a store's templates."""
    return [
        (t.public_id, t.name, t.is_default, t.ship_from_country.code, t.excluded_countries,
         list(t.zones.order_by("id").values_list("id", "countries", "groups", "first_minor")))
        for t in ShippingTemplate.objects.filter(store=store).order_by("id")
    ]  # fmt: skip


def test_first_template_is_the_default_and_prices_shipping(store, listing, clock):
    data = template_input(
        excluded_countries=["ru", "BY"],
        zones=[zone(countries=["fr"], groups=[], first_minor=1800), zone(groups=["WORLD"])],
    )

    template = writes.create_template(store=store, data=data, now=clock.now())

    assert (template.is_default, template.excluded_countries) == (True, ["RU", "BY"])
    assert list(template.zones.values_list("countries", "groups")) == [
        (["FR"], []),
        ([], ["WORLD"]),
    ]
    listing.refresh_from_db()
    options = selectors.product_options(
        listing, unit_price_minor=1000, quantity=1, destination="FR"
    )
    assert [(o.code, o.store_amount_minor, o.days_max) for o in options] == [("standard", 1800, 9)]
    assert selectors.ships_to(listing, "RU") is False


def test_another_template_becomes_default_only_when_asked(store, clock):
    first = writes.create_template(store=store, data=template_input(), now=clock.now())
    second = writes.create_template(store=store, data=template_input(name="Bulky"), now=clock.now())
    third = writes.create_template(
        store=store, data=template_input(name="Express", is_default=True), now=clock.now()
    )

    defaults = dict(ShippingTemplate.objects.values_list("public_id", "is_default"))
    assert defaults == {first.public_id: False, second.public_id: False, third.public_id: True}


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"zones": [zone(countries=["FR", "XX"])]}, "zones.0.countries"),
        ({"zones": [zone(groups=["MARS"])]}, "zones.0.groups"),
        ({"zones": [zone(carrier="pigeon-post")]}, "zones.0.carrier"),
        ({"zones": [zone(first_minor=-1)]}, "zones.0.first_minor"),
        ({"zones": [zone(additional_minor=10**11)]}, "zones.0.additional_minor"),
        ({"zones": [zone(transit_days_min=10, transit_days_max=5)]}, "zones.0.transit_days_max"),
        ({"zones": [zone(processing_days=31)]}, "zones.0.processing_days"),
        ({"zones": [zone(service="teleport")]}, "zones.0.service"),
        ({"zones": [zone(groups=[], countries=[])]}, "zones.0.countries"),
        ({"zones": [zone(), zone(groups=["EU", "ASIA_PACIFIC"])]}, "zones.1.groups"),
        ({"zones": []}, "zones"),
        ({"excluded_countries": ["RU", "Narnia"]}, "excluded_countries"),
        ({"ship_from_country": "ZZ"}, "ship_from_country"),
        ({"name": "   "}, "name"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(store, clock, changes, field):
    with pytest.raises(InvalidShippingTemplate) as caught:
        writes.create_template(store=store, data=template_input(**changes), now=clock.now())

    assert caught.value.code == "invalid_shipping_template"
    assert caught.value.http_status == 422
    assert field in caught.value.fields, caught.value.fields
    assert (ShippingTemplate.objects.count(), ShippingZone.objects.count()) == (0, 0)


def test_every_problem_is_reported_at_once(store, clock):
    data = template_input(name="", zones=[zone(carrier="x", first_minor=-5), zone(groups=["?"])])

    with pytest.raises(InvalidShippingTemplate) as caught:
        writes.create_template(store=store, data=data, now=clock.now())

    assert set(caught.value.fields) == {
        "name", "zones.0.carrier", "zones.0.first_minor", "zones.1.groups",
    }  # fmt: skip


def test_names_are_unique_within_the_store(store, other_store, clock):
    writes.create_template(store=store, data=template_input(), now=clock.now())
    writes.create_template(store=other_store, data=template_input(), now=clock.now())

    with pytest.raises(InvalidShippingTemplate) as caught:
        writes.create_template(store=store, data=template_input(name="standard"), now=clock.now())
    assert list(caught.value.fields) == ["name"]


def test_a_store_has_at_most_fifty_templates(store, clock, monkeypatch):
    monkeypatch.setattr(writes.rules, "MAX_TEMPLATES", 2)
    for name in ("One", "Two"):
        writes.create_template(store=store, data=template_input(name=name), now=clock.now())

    with pytest.raises(ShippingTemplateLimitReached):
        writes.create_template(store=store, data=template_input(name="Three"), now=clock.now())
    assert ShippingTemplate.objects.filter(store=store).count() == 2


def test_update_keeps_named_zones_and_replaces_the_rest(store, clock):
    template = writes.create_template(
        store=store,
        data=template_input(zones=[zone(countries=["FR"], groups=[]), zone(groups=["WORLD"])]),
        now=clock.now(),
    )
    kept, dropped = template.zones.order_by("id")
    data = template_input(
        name="Standard 2027", ship_from_country="HK",
        zones=[zone(id=kept.id, countries=["FR"], groups=[], first_minor=900),
               zone(groups=["ASIA_PACIFIC"], service="express")],
    )  # fmt: skip

    writes.update_template(store=store, template=template.public_id, data=data, now=clock.now())

    template.refresh_from_db()
    assert (template.name, template.ship_from_country.code) == ("Standard 2027", "HK")
    zones = list(template.zones.order_by("id").values_list("id", "first_minor", "groups"))
    assert zones[0] == (kept.id, 900, [])
    assert zones[1][1:] == (2500, ["ASIA_PACIFIC"])
    assert not ShippingZone.objects.filter(id=dropped.id).exists()


def test_update_refuses_a_zone_of_another_template(store, clock):
    mine = writes.create_template(store=store, data=template_input(), now=clock.now())
    other = writes.create_template(store=store, data=template_input(name="B"), now=clock.now())
    foreign_zone = other.zones.get()
    before = _snapshot(store)

    with pytest.raises(InvalidShippingTemplate) as caught:
        writes.update_template(
            store=store, template=mine, data=template_input(zones=[zone(id=foreign_zone.id)]),
            now=clock.now(),
        )  # fmt: skip

    assert list(caught.value.fields) == ["zones.0.id"]
    assert _snapshot(store) == before


def test_invalid_update_changes_nothing(store, clock):
    template = writes.create_template(store=store, data=template_input(), now=clock.now())
    before = _snapshot(store)

    with pytest.raises(InvalidShippingTemplate):
        writes.update_template(
            store=store, template=template,
            data=template_input(name="New", zones=[zone(), zone(transit_days_min=9, transit_days_max=2)]),
            now=clock.now(),
        )  # fmt: skip

    assert _snapshot(store) == before


def test_another_store_cannot_touch_the_template(store, other_store, clock):
    template = writes.create_template(store=store, data=template_input(), now=clock.now())
    before = _snapshot(store)
    attempts = [
        lambda: writes.update_template(
            store=other_store, template=template.public_id, data=template_input(name="Mine"),
            now=clock.now(),
        ),
        lambda: writes.set_default(store=other_store, template=template.public_id, now=clock.now()),
        lambda: writes.delete_template(
            store=other_store, template=template.public_id, now=clock.now()
        ),
    ]  # fmt: skip
    for attempt in attempts:
        with pytest.raises(ShippingTemplateNotFound) as caught:
            attempt()
        assert caught.value.http_status == 404

    assert _snapshot(store) == before


def test_the_default_stays_until_another_takes_over(store, clock):
    default = writes.create_template(store=store, data=template_input(), now=clock.now())
    other = writes.create_template(store=store, data=template_input(name="B"), now=clock.now())

    with pytest.raises(DefaultTemplateRequired):
        writes.update_template(
            store=store, template=default, data=template_input(is_default=False), now=clock.now()
        )
    writes.set_default(store=store, template=other.public_id, now=clock.now())

    assert dict(ShippingTemplate.objects.values_list("name", "is_default")) == {
        "Standard": False, "B": True,
    }  # fmt: skip


def test_deleting_a_template_moves_its_listings_to_the_default(store, listing, clock):
    writes.create_template(store=store, data=template_input(), now=clock.now())
    bulky = writes.create_template(store=store, data=template_input(name="Bulky"), now=clock.now())
    writes.assign_product_template(
        store=store, product=listing, template=bulky.public_id, now=clock.now()
    )
    revision = Product.objects.get(pk=listing.pk).revision

    moved = writes.delete_template(store=store, template=bulky.public_id, now=clock.now())

    listing.refresh_from_db()
    assert (moved, listing.shipping_template_id) == (1, None)
    assert listing.revision > revision  # its cached page is rebuilt
    assert selectors.ships_to(listing, "FR") is True  # through the default


def test_deleting_the_default_needs_a_new_default(store, clock):
    default = writes.create_template(store=store, data=template_input(), now=clock.now())
    other = writes.create_template(store=store, data=template_input(name="B"), now=clock.now())

    with pytest.raises(DefaultTemplateRequired) as caught:
        writes.delete_template(store=store, template=default, now=clock.now())
    assert list(caught.value.fields) == ["new_default"]
    assert ShippingTemplate.objects.filter(store=store).count() == 2

    writes.delete_template(store=store, template=default, new_default=other, now=clock.now())
    assert list(ShippingTemplate.objects.values_list("name", "is_default")) == [("B", True)]


def test_the_last_template_stays_while_the_store_has_listings(store, listing, clock):
    template = writes.create_template(store=store, data=template_input(), now=clock.now())

    with pytest.raises(ShippingTemplateInUse) as caught:
        writes.delete_template(store=store, template=template, now=clock.now())

    assert (caught.value.code, caught.value.http_status) == ("shipping_template_in_use", 409)
    assert ShippingTemplate.objects.filter(store=store).count() == 1


def test_the_last_template_of_a_store_without_listings_can_go(store, clock):
    template = writes.create_template(store=store, data=template_input(), now=clock.now())

    writes.delete_template(store=store, template=template, now=clock.now())

    assert not ShippingTemplate.objects.filter(store=store).exists()
