"""Creating and editing listings and their translations."""

import pytest

from tradepost.catalog import services
from tradepost.catalog.errors import CategoryChangeNeedsReview, InvalidProduct
from tradepost.catalog.models import Product, ProductTranslation
from tradepost.notifications.models import OutboxEvent

pytestmark = pytest.mark.django_db


def test_create_product_writes_a_draft_with_translations_and_unicode_slugs(store, category, clock):
    product = services.create_product(
        store=store, category=category,
        translations={
            "en": {"title": "  Cotton T-shirt ", "description": "Soft."},
            "ko": {"title": "면 티셔츠", "description": "부드러운"},
        },
        brand="Acme", attributes={"Material": "Cotton"}, hs_code="6109.10", origin_country="kr",
        weight_g=180, length_mm=300, min_order_quantity=2, lot_size=10, now=clock.now(),
    )  # fmt: skip

    product.refresh_from_db()
    assert (product.status, product.store, product.category) == ("draft", store, category)
    assert (product.hs_code, product.origin_country.code, product.lot_size) == ("610910", "KR", 10)
    assert product.original_language == "en"  # the store's language, since it is given
    assert product.created_at == product.updated_at == clock.now()
    texts = {t.language: (t.title, t.slug) for t in product.translations.all()}
    assert texts == {"en": ("Cotton T-shirt", "cotton-t-shirt"), "ko": ("면 티셔츠", "면-티셔츠")}
    assert OutboxEvent.objects.filter(topic="product.created").count() == 1


def test_original_language_is_the_first_given_when_the_store_language_is_missing(
    store, category, clock
):
    product = services.create_product(
        store=store, category=category, translations={"tr": {"title": "Tişört"}}, now=clock.now()
    )

    assert product.original_language == "tr"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"translations": {}}, "translations"),
        ({"translations": {"xx": {"title": "T"}}}, "translations.xx"),
        ({"translations": {"en": {"title": "   "}}}, "translations.en"),
        ({"translations": {"en": {"title": "x" * 201}}}, "translations.en"),
        ({"hs_code": "12ab"}, "hs_code"),
        ({"origin_country": "ZZ"}, "origin_country"),
        ({"weight_g": -1}, "weight_g"),
        ({"weight_g": 1.5}, "weight_g"),
        ({"min_order_quantity": 0}, "min_order_quantity"),
        ({"lot_size": True}, "lot_size"),
        ({"attributes": ["not", "a", "dict"]}, "attributes"),
    ],
)
def test_bad_fields_are_refused_per_field_and_nothing_is_written(
    store, category, clock, kwargs, field
):
    arguments = {"translations": {"en": {"title": "T-shirt"}}, **kwargs}

    with pytest.raises(InvalidProduct) as raised:
        services.create_product(store=store, category=category, now=clock.now(), **arguments)

    assert raised.value.code == "invalid_product"
    assert field in raised.value.fields
    assert not Product.objects.exists()
    assert not OutboxEvent.objects.exists()


def test_update_product_changes_only_given_fields_and_upserts_translations(
    draft, store, other_category, clock
):
    later = clock.advance(hours=1)

    services.update_product(
        store=store, product=draft.public_id, category=other_category, brand="Acme",
        translations={"es": {"title": "Camiseta", "description": ""}}, now=later,
    )  # fmt: skip

    draft.refresh_from_db()
    assert (draft.category, draft.brand, draft.weight_g) == (other_category, "Acme", 0)
    assert draft.updated_at == later
    assert set(draft.translations.values_list("language", flat=True)) == {"en", "es"}
    assert OutboxEvent.objects.filter(topic="product.updated").exists()


def test_update_refuses_an_original_language_without_a_title(draft, store, clock):
    with pytest.raises(InvalidProduct) as raised:
        services.update_product(store=store, product=draft, original_language="ja", now=clock.now())

    assert "original_language" in raised.value.fields
    draft.refresh_from_db()
    assert draft.original_language == "en"


def test_published_listing_cannot_move_into_a_restricted_category(
    active, store, restricted_category, clock
):
    with pytest.raises(CategoryChangeNeedsReview):
        services.update_product(
            store=store, product=active, category=restricted_category, now=clock.now()
        )

    active.refresh_from_db()
    assert active.category.restricted is False


def test_set_product_translation_replaces_the_title_and_slug(draft, store, clock):
    services.set_product_translation(
        store=store, product=draft, language="en", title="Linen Shirt", now=clock.now()
    )

    translation = ProductTranslation.objects.get(product=draft, language="en")
    assert (translation.title, translation.slug, translation.description) == (
        "Linen Shirt", "linen-shirt", "",
    )  # fmt: skip


def test_original_language_translation_cannot_be_deleted_but_others_can(draft, store, clock):
    services.set_product_translation(
        store=store, product=draft, language="de", title="Hemd", now=clock.now()
    )

    services.delete_product_translation(store=store, product=draft, language="de", now=clock.now())
    with pytest.raises(InvalidProduct):
        services.delete_product_translation(
            store=store, product=draft, language="en", now=clock.now()
        )

    assert list(draft.translations.values_list("language", flat=True)) == ["en"]
