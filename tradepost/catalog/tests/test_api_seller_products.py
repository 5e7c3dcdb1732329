"""Seller catalog API: own listings only, scopes, idempotent creates, validation, images."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image

from tradepost.api.testing import bearer, error_of, send
from tradepost.catalog import services
from tradepost.catalog import testing as f
from tradepost.catalog.models import Product, ProductEvent, Variant

pytestmark = pytest.mark.django_db

SELLER = "/api/v1/seller"
PRODUCTS = f"{SELLER}/products"
NEW_PRODUCT = {
    "category": "t-shirts",
    "translations": {"en": {"title": "Linen shirt", "description": "Cool."},
                     "de": {"title": "Leinenhemd"}},
    "original_language": "de",
    "brand": "Acme",
    "attributes": {"Material": "Linen"},
    "origin_country": "pt",
    "weight_g": 180,
}  # fmt: skip


@pytest.fixture
def auth(store, clock):
    return bearer(store.seller.user, "catalog:read", "catalog:write")


@pytest.fixture
def intruder(other_store, clock):
    """Seller B's token, with every catalog scope."""
    return bearer(other_store.seller.user, "catalog:read", "catalog:write")


def _png(size=(40, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 10, 10)).save(buffer, "PNG")
    return buffer.getvalue()


def _upload(client, public_id, content: bytes, name="photo.png", **headers):
    upload = SimpleUploadedFile(name, content, content_type="image/png")
    return client.post(
        f"{PRODUCTS}/{public_id}/images", {"image": upload, "alt_text": "Front"}, headers=headers
    )


def _state(product: Product) -> tuple:
    """Everything a seller endpoint could change about a listing."""
    product = Product.objects.get(pk=product.pk)
    variants = sorted(Variant.objects.filter(product=product).values_list(
        "sku", "price_minor", "stock", "is_active", "weight_g"))  # fmt: skip
    return (
        product.status, product.updated_at, product.brand, product.min_price_minor,
        sorted(product.translations.values_list("language", "title")), variants,
        product.images.count(), ProductEvent.objects.filter(product=product).count(),
        sorted(product.variants.values_list("tiers__min_quantity", flat=True), key=str),
    )  # fmt: skip


# --- create, read ------------------------------------------------------------------------------


def test_create_makes_a_draft(client, auth, category):
    response = send(client, "POST", PRODUCTS, NEW_PRODUCT, **auth)

    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["status"], body["category"], body["original_language"]) == (
        "draft", "t-shirts", "de",
    )  # fmt: skip
    assert body["translations"]["de"]["title"] == "Leinenhemd"
    assert (body["origin_country"], body["attributes"]) == ("PT", {"Material": "Linen"})
    assert body["min_price"] == {"minor": 0, "currency": "USD"}
    assert Product.objects.get(public_id=body["public_id"]).store.slug == "alpha"


@pytest.mark.parametrize(
    ("field", "value"),
    [("status", "active"), ("store", "beta"), ("public_id", "x"), ("min_price_minor", 1),
     ("order_count", 100), ("option_names", ["Size"])],
)  # fmt: skip
def test_server_owned_fields_are_refused(client, auth, category, field, value):
    response = send(client, "POST", PRODUCTS, {**NEW_PRODUCT, field: value}, **auth)

    assert (response.status_code, error_of(response)["code"]) == (422, "invalid_input")
    assert field in error_of(response)["fields"]
    assert not Product.objects.exists()


def test_validation_errors_name_the_fields(client, auth, category):
    bad = {
        **NEW_PRODUCT,
        "weight_g": -1,
        "translations": {"en": {"title": ""}, "xx": {"title": "A"}},
    }

    response = send(client, "POST", PRODUCTS, bad, **auth)

    body = error_of(response)
    assert (response.status_code, body["code"]) == (422, "invalid_input")
    assert "weight_g" in body["fields"]


def test_service_validation_is_422_with_fields(client, auth, category):
    bad = {**NEW_PRODUCT, "translations": {"xx": {"title": "A"}}, "hs_code": "12"}

    response = send(client, "POST", PRODUCTS, bad, **auth)

    body = error_of(response)
    assert (response.status_code, body["code"]) == (422, "invalid_product")
    assert {"translations.xx", "hs_code"} <= set(body["fields"])


def test_unknown_category_is_422(client, auth, category):
    response = send(client, "POST", PRODUCTS, {**NEW_PRODUCT, "category": "nope"}, **auth)

    assert (response.status_code, set(error_of(response)["fields"])) == (422, {"category"})


def test_create_replays_with_the_same_key(client, auth, category):
    first = send(client, "POST", PRODUCTS, NEW_PRODUCT, **auth, **{"Idempotency-Key": "k1"})
    again = send(client, "POST", PRODUCTS, NEW_PRODUCT, **auth, **{"Idempotency-Key": "k1"})
    other = send(client, "POST", PRODUCTS, {**NEW_PRODUCT, "brand": "B"}, **auth,
                 **{"Idempotency-Key": "k1"})  # fmt: skip

    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json() and again["Idempotent-Replayed"] == "true"
    assert (other.status_code, error_of(other)["code"]) == (409, "idempotency_key_reused")
    assert Product.objects.count() == 1


def test_read_scope_cannot_write(client, store, category, clock):
    reader = bearer(store.seller.user, "catalog:read")

    response = send(client, "POST", PRODUCTS, NEW_PRODUCT, **reader)

    assert (response.status_code, error_of(response)["code"]) == (403, "insufficient_scope")
    assert not Product.objects.exists()


def test_token_without_catalog_scope_cannot_read(client, store, clock):
    response = client.get(PRODUCTS, headers=bearer(store.seller.user, "seller:read"))

    assert (response.status_code, error_of(response)["code"]) == (403, "insufficient_scope")


def test_anonymous_is_401(client):
    assert client.get(PRODUCTS).status_code == 401


def test_user_without_a_store_gets_404(client, buyer, clock):
    response = client.get(PRODUCTS, headers=bearer(buyer, "catalog:read"))

    assert (response.status_code, error_of(response)["code"]) == (404, "store_not_found")


def test_session_may_use_the_seller_api(client, store, draft):
    client.force_login(store.seller.user)

    body = client.get(PRODUCTS).json()

    assert [p["public_id"] for p in body["items"]] == [draft.public_id]


def test_list_shows_own_products_in_every_status_with_stock(client, auth, store, draft, active,
                                                            other_store, make_product, other_category):  # fmt: skip
    foreign = make_product(other_store, other_category, title="Foreign")

    body = client.get(PRODUCTS, headers=auth).json()

    assert [p["public_id"] for p in body["items"]] == [active.public_id]  # draft became active
    product = body["items"][0]
    assert product["status"] == "active"
    assert {(v["sku"], v["stock"]) for v in product["variants"]} == {
        ("COTTON-T-S-RED", 10), ("COTTON-T-S-BLUE", 10),
    }  # fmt: skip
    assert foreign.public_id not in str(body)


def test_list_filters_by_status_and_pages(client, auth, store, category, make_product):
    made = [make_product(store, category, title=f"Shirt {i}") for i in range(5)]
    services.publish_product(store=store, product=made[0], now=made[0].created_at)

    drafts = client.get(PRODUCTS, {"status": "draft"}, headers=auth).json()["items"]
    first = client.get(PRODUCTS, {"limit": 3}, headers=auth).json()
    rest = client.get(PRODUCTS, {"limit": 3, "cursor": first["next_cursor"]}, headers=auth).json()

    assert len(drafts) == 4
    ids = [p["public_id"] for p in first["items"] + rest["items"]]
    assert sorted(ids) == sorted(p.public_id for p in made) and rest["next_cursor"] is None


def test_seller_list_query_count_is_constant(client, auth, store, category):
    f.make_product(store=store, category=category, images=2, variants=[{"tiers": [(5, 900)]}])
    client.get(PRODUCTS, headers=auth)
    with CaptureQueriesContext(connection) as one:
        client.get(PRODUCTS, headers=auth)
    for _ in range(19):
        f.make_product(store=store, category=category, images=2,
                       variants=[{"tiers": [(5, 900)]}, {"price_minor": 2000}])  # fmt: skip

    with CaptureQueriesContext(connection) as twenty:
        response = client.get(PRODUCTS, {"limit": 50}, headers=auth)

    assert len(response.json()["items"]) == 20
    # token (read + last use), seller with store, products, translations, variants, tiers, images
    assert len(one.captured_queries) == len(twenty.captured_queries) <= 8


# --- update, variants, status -----------------------------------------------------------------


def test_patch_changes_only_the_fields_sent(client, auth, draft):
    response = send(client, "PATCH", f"{PRODUCTS}/{draft.public_id}",
                    {"brand": "Acme", "translations": {"es": {"title": "Camiseta"}}}, **auth)  # fmt: skip

    body = response.json()
    assert (response.status_code, body["brand"], body["weight_g"]) == (200, "Acme", 0)
    assert set(body["translations"]) == {"en", "es"}


def test_patch_cannot_set_status(client, auth, draft):
    response = send(client, "PATCH", f"{PRODUCTS}/{draft.public_id}", {"status": "active"}, **auth)

    assert response.status_code == 422
    assert Product.objects.get(pk=draft.pk).status == "draft"


def test_variant_matrix_and_single_variant(client, auth, store, category, make_product):
    product = make_product(store, category, variants=False)
    url = f"{PRODUCTS}/{product.public_id}/variants"

    matrix = send(client, "POST", url, {"matrix": {"Size": ["S", "M"], "Colour": ["Red"]},
                                        "price_minor": 1200, "stock": 3, "sku_prefix": "tee"},
                  **auth)  # fmt: skip
    single = send(client, "POST", url, {"sku": "TEE-XL", "options": {"Size": "XL", "Colour": "Red"},
                                        "price_minor": 1400}, **auth)  # fmt: skip

    assert matrix.status_code == 201, matrix.content
    assert [v["sku"] for v in matrix.json()] == ["TEE-S-RED", "TEE-M-RED"]
    assert single.json()[0]["price"] == {"minor": 1400, "currency": "USD"}
    assert Product.objects.get(pk=product.pk).min_price_minor == 1200


def test_option_names_follow_the_matrix_then_new_names_are_appended(
    client, auth, store, category, make_product
):
    product = make_product(store, category, variants=False)
    url = f"{PRODUCTS}/{product.public_id}/variants"

    send(client, "POST", url, {"matrix": {"Size": ["S", "M"], "Colour": ["Red"]},
                               "price_minor": 1200, "sku_prefix": "tee"}, **auth)  # fmt: skip
    send(client, "POST", url, {"sku": "TEE-FIT", "options": {"Fit": "Slim", "Size": "M",
                                                             "Colour": "Red"},
                               "price_minor": 1400}, **auth)  # fmt: skip
    body = client.get(f"{PRODUCTS}/{product.public_id}", headers=auth).json()

    assert body["option_names"] == ["Size", "Colour", "Fit"]
    assert body["variants"][0]["options"] == {"Size": "S", "Colour": "Red"}


def test_variants_need_exactly_one_shape(client, auth, draft):
    url = f"{PRODUCTS}/{draft.public_id}/variants"

    both = send(client, "POST", url, {"matrix": {"A": ["1"]}, "sku": "X", "price_minor": 1}, **auth)
    neither = send(client, "POST", url, {"price_minor": 100}, **auth)

    assert (both.status_code, neither.status_code) == (422, 422)


def test_variant_create_is_idempotent(client, auth, draft):
    url = f"{PRODUCTS}/{draft.public_id}/variants"
    data = {"sku": "ONE", "price_minor": 900}

    first = send(client, "POST", url, data, **auth, **{"Idempotency-Key": "v1"})
    again = send(client, "POST", url, data, **auth, **{"Idempotency-Key": "v1"})

    assert first.json() == again.json()
    assert Variant.objects.filter(sku="ONE").count() == 1


def test_duplicate_sku_is_409(client, auth, draft):
    sku = draft.variants.first().sku
    url = f"{PRODUCTS}/{draft.public_id}/variants"

    response = send(client, "POST", url, {"sku": sku, "price_minor": 900}, **auth)

    assert (response.status_code, error_of(response)["code"]) == (409, "duplicate_sku")


def test_patch_variant_with_tiers(client, auth, draft):
    variant = draft.variants.first()

    response = send(client, "PATCH", f"{SELLER}/variants/{variant.public_id}",
                    {"stock": 40, "tiers": [{"min_quantity": 10, "unit_price_minor": 1300}]},
                    **auth)  # fmt: skip

    body = response.json()
    assert (response.status_code, body["stock"], body["price"]["minor"]) == (200, 40, 1500)
    assert body["tiers"] == [{"min_quantity": 10, "unit_price": {"minor": 1300, "currency": "USD"}}]


def test_bad_tiers_change_nothing(client, auth, draft):
    variant = draft.variants.first()
    before = _state(draft)

    response = send(client, "PATCH", f"{SELLER}/variants/{variant.public_id}",
                    {"stock": 40, "tiers": [{"min_quantity": 10, "unit_price_minor": 9999}]},
                    **auth)  # fmt: skip

    assert (response.status_code, error_of(response)["code"]) == (422, "invalid_tier")
    assert _state(draft) == before


def test_publish_hide_unhide(client, auth, draft):
    url = f"{PRODUCTS}/{draft.public_id}"

    statuses = [send(client, "POST", f"{url}/{action}", **auth).json()["status"]
                for action in ("publish", "hide", "unhide")]  # fmt: skip

    assert statuses == ["active", "hidden", "active"]
    assert ProductEvent.objects.filter(product=draft).count() == 3


def test_unverified_seller_cannot_publish(client, unverified_store, category, make_product, clock):
    product = make_product(unverified_store, category)
    headers = bearer(unverified_store.seller.user, "catalog:write")

    response = send(client, "POST", f"{PRODUCTS}/{product.public_id}/publish", **headers)

    assert (response.status_code, error_of(response)["code"]) == (403, "seller_not_verified")
    assert Product.objects.get(pk=product.pk).status == "draft"


def test_illegal_transition_is_409(client, auth, draft):
    response = send(client, "POST", f"{PRODUCTS}/{draft.public_id}/hide", **auth)

    assert (response.status_code, error_of(response)["code"]) == (409, "illegal_product_transition")


# --- stock and prices ---------------------------------------------------------------------------


def test_bulk_update_applies_every_line(client, auth, draft):
    red, blue = draft.variants.order_by("sku")

    response = send(client, "POST", f"{SELLER}/stock-and-prices",
                    {"updates": [{"sku": red.sku, "stock": 0}, {"sku": blue.sku, "price_minor": 990}]},
                    **auth)  # fmt: skip

    assert response.status_code == 200, response.content
    red.refresh_from_db(), blue.refresh_from_db()
    assert (red.stock, blue.price_minor) == (0, 990)
    assert Product.objects.get(pk=draft.pk).min_price_minor == 990


def test_bulk_update_is_all_or_nothing(client, auth, draft):
    sku = draft.variants.first().sku
    before = _state(draft)

    response = send(client, "POST", f"{SELLER}/stock-and-prices",
                    {"updates": [{"sku": sku, "stock": 1}, {"sku": "NOPE", "stock": 2}]}, **auth)  # fmt: skip

    body = error_of(response)
    assert (response.status_code, body["code"]) == (422, "invalid_bulk_update")
    assert set(body["fields"]) == {"updates.1.sku"}
    assert _state(draft) == before


# --- images ------------------------------------------------------------------------------------


def test_upload_image(client, auth, draft, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path

    response = _upload(client, draft.public_id, _png((700, 500)), **auth)

    assert response.status_code == 201, response.content
    image = response.json()["images"][0]
    assert (image["width"], image["height"], image["alt"]) == (700, 500, "Front")
    assert set(image["thumbnails"]) == {"160", "320", "640"}


def test_upload_replays_with_the_same_key(client, auth, draft, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    key = {"Idempotency-Key": "img-1"}

    first = _upload(client, draft.public_id, _png(), **auth, **key)
    again = _upload(client, draft.public_id, _png(), **auth, **key)

    assert (first.status_code, again.status_code) == (201, 201)
    assert again["Idempotent-Replayed"] == "true" and draft.images.count() == 1


def test_upload_of_not_an_image_is_refused(client, auth, draft, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path

    response = _upload(client, draft.public_id, b"%PDF-1.4 not a picture", name="x.png", **auth)

    body = error_of(response)
    assert (response.status_code, body["code"], list(body["fields"])) == (
        422, "invalid_image", ["image"],
    )  # fmt: skip
    assert draft.images.count() == 0


def test_upload_without_a_file_is_422(client, auth, draft):
    response = client.post(f"{PRODUCTS}/{draft.public_id}/images", {}, headers=auth)

    assert (response.status_code, error_of(response)["code"]) == (422, "invalid_input")


# --- tenancy: seller B never sees or changes seller A's listings -------------------------------


def _b_calls(product: Product, variant: Variant):
    url = f"{PRODUCTS}/{product.public_id}"
    return {
        "get": ("GET", url, None),
        "patch": ("PATCH", url, {"brand": "Hijacked"}),
        "publish": ("POST", f"{url}/publish", None),
        "hide": ("POST", f"{url}/hide", None),
        "unhide": ("POST", f"{url}/unhide", None),
        "variants": ("POST", f"{url}/variants", {"sku": "B-1", "price_minor": 1}),
        "variant": ("PATCH", f"{SELLER}/variants/{variant.public_id}", {"stock": 0}),
    }


@pytest.mark.parametrize(
    "call", ["get", "patch", "publish", "hide", "unhide", "variants", "variant"]
)
@pytest.mark.parametrize("fixture", ["draft", "active"])
def test_other_seller_gets_not_found(client, intruder, request, call, fixture):
    product = request.getfixturevalue(fixture)
    if call == "unhide" and fixture == "active":
        services.hide_product(store=product.store, product=product, now=product.created_at)
    variant = product.variants.first()
    before = _state(product)
    method, url, data = _b_calls(product, variant)[call]

    response = send(client, method, url, data, **intruder)

    expected = "variant_not_found" if call == "variant" else "product_not_found"
    assert (response.status_code, error_of(response)["code"]) == (404, expected)
    assert _state(product) == before


def test_other_seller_cannot_restock(client, intruder, draft):
    sku = draft.variants.first().sku
    before = _state(draft)

    response = send(client, "POST", f"{SELLER}/stock-and-prices",
                    {"updates": [{"sku": sku, "stock": 0, "price_minor": 1}]}, **intruder)  # fmt: skip

    assert (response.status_code, error_of(response)["code"]) == (422, "invalid_bulk_update")
    assert _state(draft) == before


def test_other_seller_cannot_upload_images(client, intruder, draft, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    before = _state(draft)

    response = _upload(client, draft.public_id, _png(), **intruder)

    assert (response.status_code, error_of(response)["code"]) == (404, "product_not_found")
    assert _state(draft) == before and not list(tmp_path.rglob("*.*"))


def test_other_seller_does_not_list_it(client, intruder, draft):
    body = client.get(PRODUCTS, headers=intruder).json()

    assert body["items"] == [] and draft.public_id not in json.dumps(body)


def test_too_large_image_is_413(client, auth, draft, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path

    response = _upload(client, draft.public_id, b"\0" * (10 * 1024 * 1024 + 1), **auth)

    assert (response.status_code, error_of(response)["code"]) == (413, "image_too_large")
    assert draft.images.count() == 0


def test_keyed_upload_larger_than_the_memory_limit_streams_and_replays(
    client, auth, draft, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024  # the upload is streamed to a file, not buffered
    key = {"Idempotency-Key": "big"}

    first = _upload(client, draft.public_id, _png((300, 300)), **auth, **key)
    again = _upload(client, draft.public_id, _png((300, 300)), **auth, **key)
    other = _upload(client, draft.public_id, _png((200, 200)), **auth, **key)

    assert (first.status_code, again.status_code) == (201, 201)
    assert again["Idempotent-Replayed"] == "true"
    assert (other.status_code, error_of(other)["code"]) == (409, "idempotency_key_reused")
    assert draft.images.count() == 1
