"""Seller center shipping templates: list, editor with zone rows (htmx and without JavaScript),
default, delete, the listing's template select; another seller's templates are 404."""

import pytest

from tradepost.catalog.models import Product
from tradepost.shipping import writes
from tradepost.shipping.models import ShippingTemplate, ShippingZone
from tradepost.shipping.tests.template_fixtures import template_input, zone

pytestmark = pytest.mark.django_db

LIST = "/en/seller/shipping/"
NEW = "/en/seller/shipping/new/"
ROWS = "/en/seller/shipping/zones/"
HTMX = {"HX-Request": "true"}


def _edit(template) -> str:
    return f"/en/seller/shipping/templates/{template.public_id}/"


def _row(key: str, **fields) -> dict:
    """One zone row as the editor posts it (a valid standard zone to the EU by default)."""
    values = {"groups": ["EU"], "service": "standard", "carrier": "dhl", "pricing": "flat",
              "first_price": "4.50", "additional_price": "0", "weight_unit_g": "500",
              "free_over": "", "processing_days": "2", "transit_days_min": "5",
              "transit_days_max": "9", **fields}  # fmt: skip
    return {f"zone-{key}-{name}": value for name, value in values.items()}


def _post(name="Small parcels", rows=None, **fields) -> dict:
    rows = rows if rows is not None else {"a1": {}}
    data = {"name": name, "ship_from_country": "DE", "excluded_countries": "", "zone": list(rows)}
    for key, row in rows.items():
        data.update(_row(key, **row))
    return {**data, **fields}


@pytest.fixture
def template(store, clock):
    return writes.create_template(
        store=store, now=clock.now(),
        data=template_input(ship_from_country="DE", zones=[zone(), zone(groups=["WORLD"], service="express")]),
    )  # fmt: skip


@pytest.fixture
def intruder_client(client, other_store):
    client.force_login(other_store.seller.user)
    return client


def test_creates_a_template_with_its_zones(seller_client, store):
    data = _post(
        excluded_countries="ru, by",
        rows={"a1": {"countries": "fr de", "groups": [], "free_over": "60"},
              "b2": {"groups": ["WORLD"], "service": "economy", "carrier": "deutsche-post",
                     "pricing": "per_item", "first_price": "3", "additional_price": "1.25"}},
    )  # fmt: skip

    response = seller_client.post(NEW, data)

    assert response.status_code == 302 and response["Location"] == LIST
    template = ShippingTemplate.objects.get(store=store)
    assert (template.name, template.is_default, template.excluded_countries) == (
        "Small parcels", True, ["RU", "BY"],
    )  # fmt: skip
    zones = template.zones.order_by("id").values_list(
        "countries", "groups", "service", "first_minor", "additional_minor", "free_over_minor"
    )
    assert list(zones) == [
        (["FR", "DE"], [], "standard", 450, 0, 6000),
        ([], ["WORLD"], "economy", 300, 125, None),
    ]
    page = seller_client.get(LIST).content.decode()
    assert "Small parcels" in page and "France, Germany" in page


@pytest.mark.parametrize(
    ("row", "field", "message"),
    [
        ({"countries": "FR, XX", "groups": []}, "countries", "Unknown country code: XX."),
        ({"first_price": "-2"}, "first_price", "Enter an amount of 0 or more."),
        ({"transit_days_min": "9", "transit_days_max": "3"}, "transit_days_max",
         "The maximum cannot be less than the minimum."),
        ({"processing_days": "45"}, "processing_days", "Enter 0 to 30 business days."),
        ({"first_price": "4.555"}, "first_price", None),
        ({"carrier": "owl-post"}, "carrier", None),
    ],
)  # fmt: skip
def test_bad_zone_is_shown_under_its_field_and_nothing_is_saved(
    seller_client, store, row, field, message
):
    response = seller_client.post(NEW, _post(rows={"a1": {}, "b2": {"service": "express", **row}}))

    assert response.status_code == 200
    first, second = (form for _key, form in response.context["rows"])
    assert not first.errors and field in second.errors, second.errors
    assert "Some zones need a correction" in response.content.decode()
    if message:
        assert message in second.errors[field]
        assert 'aria-invalid="true"' in response.content.decode()
    assert not ShippingTemplate.objects.exists() and not ShippingZone.objects.exists()


def test_a_template_without_zones_is_refused(seller_client, store):
    response = seller_client.post(NEW, _post(rows={}))

    assert response.status_code == 200
    assert "Add at least one zone" in response.content.decode()
    assert not ShippingTemplate.objects.exists()


def test_htmx_adds_a_row_keeping_what_was_typed(seller_client):
    data = {"zone": ["a1"], **_row("a1", countries="JP", first_price="7.10"), "add_zone": "1"}

    response = seller_client.post(ROWS, data, headers=HTMX)

    assert response.status_code == 200
    rows = response.context["rows"]
    assert [key for key, _form in rows][0] == "a1" and len(rows) == 2
    html = response.content.decode()
    assert 'value="JP"' in html and 'value="7.10"' in html
    assert "Zone 2 added." in html and 'hx-swap-oob="innerHTML"' in html
    assert "errorlist" not in html  # nothing is checked before saving


def test_htmx_removes_the_row_whose_button_was_pressed(seller_client):
    data = {"zone": ["a1", "b2"], **_row("a1"), **_row("b2", countries="US"), "remove_zone": "a1"}

    response = seller_client.post(ROWS, data, headers=HTMX)

    assert [key for key, _form in response.context["rows"]] == ["b2"]
    html = response.content.decode()
    assert "Zone removed." in html and 'value="US"' in html
    assert "Zone 1" in html and "Zone 2" not in html


def test_without_javascript_add_zone_re_renders_the_editor_and_saves_nothing(seller_client):
    response = seller_client.post(NEW, {**_post(name=""), "add_zone": "1"})

    assert response.status_code == 200
    assert len(response.context["rows"]) == 2
    assert not response.context["form"].errors
    assert not ShippingTemplate.objects.exists()


def test_edit_keeps_zones_and_saves_changes(seller_client, template):
    page = seller_client.get(_edit(template))
    keys = [key for key, _form in page.context["rows"]]
    kept, dropped = template.zones.order_by("id")
    data = _post(name="Standard 2027", rows={keys[0]: {"id": str(kept.id), "first_price": "3.99"}})

    response = seller_client.post(_edit(template), data)

    assert response.status_code == 302
    template.refresh_from_db()
    assert template.name == "Standard 2027" and template.is_default
    assert list(template.zones.values_list("id", "first_minor")) == [(kept.id, 399)]
    assert not ShippingZone.objects.filter(id=dropped.id).exists()


def test_list_shows_default_and_listing_counts_in_few_queries(
    seller_client, store, template, product, clock, django_assert_max_num_queries
):
    for name in ("Bulky", "Letters", "Express only"):
        writes.create_template(store=store, data=template_input(name=name), now=clock.now())

    with django_assert_max_num_queries(7):
        response = seller_client.get(LIST)

    rows = response.context["rows"]
    assert [row.template.name for row in rows] == ["Standard", "Bulky", "Express only", "Letters"]
    assert (rows[0].listing_count, rows[1].listing_count) == (1, 0)  # the draft uses the default
    html = response.content.decode()
    assert html.count('data-testid="template-row"') == 4 and "Default" in html
    assert 'aria-current="page">Shipping<' in html


def test_make_another_template_the_default(seller_client, store, template, clock):
    bulky = writes.create_template(store=store, data=template_input(name="Bulky"), now=clock.now())

    response = seller_client.post(f"{_edit(bulky)}default/", follow=True)

    assert "“Bulky” is now the default shipping template." in response.content.decode()
    assert ShippingTemplate.objects.get(is_default=True) == bulky


def test_the_editor_can_make_a_template_the_default(seller_client, store, template, clock):
    bulky = writes.create_template(store=store, data=template_input(name="Bulky"), now=clock.now())
    page = seller_client.get(_edit(bulky))
    keys = [key for key, _form in page.context["rows"]]
    data = _post(name="Bulky", rows={keys[0]: {"id": str(bulky.zones.get().id)}}, is_default="on")

    seller_client.post(_edit(bulky), data)
    default_page = seller_client.get(_edit(bulky))

    assert ShippingTemplate.objects.get(is_default=True) == bulky
    assert "is_default" not in default_page.context["form"].fields  # only another can take over
    assert "This is your default template" in default_page.content.decode()


def test_deleting_the_default_asks_for_the_new_one(seller_client, store, template, clock):
    bulky = writes.create_template(store=store, data=template_input(name="Bulky"), now=clock.now())
    url = f"{_edit(template)}delete/"

    refused = seller_client.post(url, {})
    deleted = seller_client.post(url, {"new_default": bulky.public_id}, follow=True)

    assert "new_default" in refused.context["form"].errors
    assert "Shipping template “Standard” deleted." in deleted.content.decode()
    assert list(ShippingTemplate.objects.values_list("name", "is_default")) == [("Bulky", True)]


def test_the_last_template_of_a_store_with_listings_is_kept(seller_client, template, product):
    page = seller_client.get(f"{_edit(template)}delete/").content.decode()
    response = seller_client.post(f"{_edit(template)}delete/", {})

    assert "It is your only template" in page
    assert response.status_code == 200
    assert "Create another template before deleting it." in response.content.decode()
    assert ShippingTemplate.objects.filter(pk=template.pk).exists()


def test_another_seller_gets_404_and_nothing_changes(intruder_client, store, template, clock):
    bulky = writes.create_template(store=store, data=template_input(name="Bulky"), now=clock.now())
    responses = [
        intruder_client.get(_edit(template)),
        intruder_client.post(_edit(template), _post(name="Mine now")),
        intruder_client.post(f"{_edit(bulky)}default/"),
        intruder_client.get(f"{_edit(bulky)}delete/"),
        intruder_client.post(f"{_edit(bulky)}delete/", {}),
    ]

    assert [response.status_code for response in responses] == [404] * 5
    assert list(ShippingTemplate.objects.order_by("id").values_list("name", "is_default")) == [
        ("Standard", True), ("Bulky", False),
    ]  # fmt: skip
    assert "Standard" not in intruder_client.get(LIST).content.decode()


# --- the listing's template select --------------------------------------------------------------


def _details(product, **fields) -> dict:
    return {"category": product.category_id, "weight_g": 0, "length_mm": 0, "width_mm": 0,
            "height_mm": 0, "min_order_quantity": 1, "lot_size": 1, **fields}  # fmt: skip


def test_the_listing_form_offers_only_the_stores_templates(
    seller_client, store, other_store, template, product, clock
):
    bulky = writes.create_template(store=store, data=template_input(name="Bulky"), now=clock.now())
    foreign = writes.create_template(
        store=other_store, data=template_input(name="Foreign"), now=clock.now()
    )

    page = seller_client.get(f"/en/seller/products/{product.public_id}/")

    choices = page.context["details_form"].fields["shipping_template"].choices
    assert choices == [
        ("", "Default template (Standard)"),
        (template.public_id, "Standard"),
        (bulky.public_id, "Bulky"),
    ]
    assert foreign.public_id not in page.content.decode()
    assert '<label for="id_shipping_template">Shipping template</label>' in page.content.decode()


def test_the_listing_ships_with_the_chosen_template(seller_client, store, template, product, clock):
    bulky = writes.create_template(store=store, data=template_input(name="Bulky"), now=clock.now())
    url = f"/en/seller/products/{product.public_id}/"

    seller_client.post(url, _details(product, shipping_template=bulky.public_id))
    chosen = Product.objects.get(pk=product.pk).shipping_template_id
    seller_client.post(url, _details(product, shipping_template=""))

    assert chosen == bulky.pk
    assert Product.objects.get(pk=product.pk).shipping_template_id is None
    page = seller_client.get(url)
    assert page.context["details_form"]["shipping_template"].value() == ""


def test_another_stores_template_cannot_be_chosen(
    seller_client, other_store, template, product, clock
):
    foreign = writes.create_template(store=other_store, data=template_input(), now=clock.now())
    url = f"/en/seller/products/{product.public_id}/"

    response = seller_client.post(
        url, _details(product, brand="Changed", shipping_template=foreign.public_id)
    )

    assert response.status_code == 200
    assert "shipping_template" in response.context["details_form"].errors
    product.refresh_from_db()
    assert (product.shipping_template_id, product.brand) == (None, "")
