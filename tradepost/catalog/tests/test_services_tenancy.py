"""Tenancy: a store cannot change another store's listings; it gets "not found" and nothing moves."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tradepost.catalog import images, services
from tradepost.catalog.errors import InvalidBulkUpdate, ProductNotFound, VariantNotFound
from tradepost.catalog.models import Product, ProductEvent, Variant, WholesaleTier
from tradepost.notifications.models import OutboxEvent

pytestmark = pytest.mark.django_db


def _png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (32, 32), "red").save(buffer, "PNG")
    return SimpleUploadedFile("a.png", buffer.getvalue())


@pytest.fixture
def victim(active):
    """Seller A's published listing, as the database holds it before the attempt."""
    return active


@pytest.fixture
def attempts(victim, other_store, clock, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    now = clock.now()
    variant = victim.variants.first()
    return {
        "update": lambda: services.update_product(
            store=other_store, product=victim, brand="X", now=now
        ),
        "update by id": lambda: services.update_product(
            store=other_store, product=victim.public_id, brand="X", now=now
        ),
        "translate": lambda: services.set_product_translation(
            store=other_store, product=victim, language="de", title="X", now=now
        ),
        "hide": lambda: services.hide_product(store=other_store, product=victim, now=now),
        "remove": lambda: services.remove_product(store=other_store, product=victim, now=now),
        "publish": lambda: services.publish_product(store=other_store, product=victim, now=now),
        "generate": lambda: services.generate_variants(
            store=other_store, product=victim, options={"Size": ["S"]}, price_minor=1, now=now
        ),
        "add variant": lambda: services.add_variant(
            store=other_store, product=victim, sku="NEW", price_minor=1, now=now
        ),
        "restock": lambda: services.update_variant(
            store=other_store, variant=variant, stock=0, now=now
        ),
        "reprice by id": lambda: services.update_variant(
            store=other_store, variant=variant.public_id, price_minor=1, now=now
        ),
        "tiers": lambda: services.set_wholesale_tiers(
            store=other_store, variant=variant, tiers=[(5, 1)], now=now
        ),
        "image": lambda: images.ingest_product_image(
            store=other_store, product=victim, upload=_png(), now=now
        ),
    }


def _snapshot(product):
    product = Product.objects.get(pk=product.pk)
    return (
        product.status, product.brand, product.updated_at, product.min_price_minor,
        sorted(Variant.objects.filter(product=product).values_list("sku", "price_minor", "stock", "is_active")),
        sorted(product.translations.values_list("language", "title")),
        ProductEvent.objects.filter(product=product).count(),
        WholesaleTier.objects.count(), product.images.count(),
    )  # fmt: skip


@pytest.mark.parametrize(
    "action",
    ["update", "update by id", "translate", "hide", "remove", "publish", "generate",
     "add variant", "restock", "reprice by id", "tiers", "image"],
)  # fmt: skip
def test_other_store_gets_not_found_and_nothing_changes(victim, attempts, action):
    before = _snapshot(victim)
    events = OutboxEvent.objects.count()

    with pytest.raises((ProductNotFound, VariantNotFound)) as raised:
        attempts[action]()

    assert raised.value.http_status == 404
    assert _snapshot(victim) == before
    assert OutboxEvent.objects.count() == events


def test_bulk_update_treats_another_stores_sku_as_unknown(victim, other_store, clock):
    sku = victim.variants.first().sku

    with pytest.raises(InvalidBulkUpdate) as raised:
        services.bulk_update_stock_and_price(
            store=other_store, updates=[{"sku": sku, "stock": 0}], now=clock.now()
        )

    assert list(raised.value.fields) == ["updates.0.sku"]
    assert Variant.objects.get(sku=sku).stock == 10
