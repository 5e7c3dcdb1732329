"""Test factories for the catalog: categories, sellers with stores, products, variants, images.

They write rows straight through the ORM (no services, no screening, no events) so that any test
can set up a catalogue in one line. Every argument has a sensible default:

    phones = make_category(path=["electronics", "phones", "smartphones"], names={"ja": "スマホ"})
    store = make_seller_store(country="CN", currency="CNY")
    product = make_product(store=store, category=phones, titles={"en": "Phone X"},
                           variants=[{"price_minor": 9900, "stock": 5, "options": {"Colour": "Red"}}])
    make_image(product, draw=True)  # real WebP files in MEDIA_ROOT, for browser checks
"""

import datetime as dt
import io
import itertools
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models import F
from django.utils.text import slugify

from tradepost import clock
from tradepost.catalog import options as option_order
from tradepost.catalog import versions
from tradepost.catalog.models import (
    Category,
    CategoryTranslation,
    Product,
    ProductImage,
    ProductTranslation,
    Variant,
    WholesaleTier,
)
from tradepost.sellers.models import Seller, Store

_serial = itertools.count(1)
THUMBNAIL_WIDTHS = (160, 320, 640)


def _next() -> int:
    return next(_serial)


def _title_case(slug: str) -> str:
    return slug.replace("-", " ").capitalize()


def make_category(
    path: Sequence[str] = ("electronics",),
    names: Mapping[str, str] | None = None,
    *,
    prohibited: bool = False,
    restricted: bool = False,
    commission_bps: int = 800,
    position: int = 0,
) -> Category:
    """The last category of `path` (slugs from the root), creating missing ancestors.

    `names` ({language: name}) names the leaf; every created category also gets an English name
    from its slug unless `names` gives one. Flags apply to the leaf only.
    """
    parent = None
    for depth, slug in enumerate(path):
        is_leaf = depth == len(path) - 1
        category, created = Category.objects.get_or_create(
            slug=slug,
            defaults={
                "parent": parent,
                "depth": depth,
                "position": position if is_leaf else 0,
                "commission_bps": commission_bps,
                "prohibited": prohibited and is_leaf,
                "restricted": restricted and is_leaf,
            },
        )
        wanted = dict(names or {}) if is_leaf else {}
        if created:
            wanted.setdefault("en", _title_case(slug))
        for language, name in wanted.items():
            CategoryTranslation.objects.update_or_create(
                category=category, language=language, defaults={"name": name}
            )
        parent = category
    return parent


def make_seller_store(
    *,
    country: str = "CN",
    currency: str = "CNY",
    status: str = "verified",
    name: str | None = None,
    slug: str | None = None,
    kind: str = "company",
    language: str = "en",
    opened_on: dt.date = dt.date(2019, 3, 1),
    languages_spoken: Iterable[str] = ("en",),
    descriptions: Mapping[str, str] | None = None,
    email: str | None = None,
) -> Store:
    """A seller (status `status`) with its user and its store; returns the store."""
    from tradepost.accounts.models import User

    number = _next()
    name = name or f"Store {number}"
    user = User.objects.create_user(email=email or f"seller{number}@example.com")
    seller = Seller.objects.create(
        user=user,
        kind=kind,
        status=status,
        legal_name=f"{name} Ltd",
        country=country,
        email=user.email,
        created_at=clock.now(),
    )
    store = Store.objects.create(
        seller=seller,
        name=name,
        slug=slug or f"{slugify(name)}-{number}",
        country=country,
        settlement_currency=currency,
        original_language=language,
        languages_spoken=list(languages_spoken),
        opened_on=opened_on,
    )
    for lang, text in (descriptions or {}).items():
        store.translations.create(language=lang, description=text)
    return store


def _changed(product: Product) -> None:
    """As the catalog services and the search worker do: cached pages showing the product are
    rebuilt and its search document is current."""
    from tradepost.search import services as search  # search builds on the catalog

    Product.objects.filter(pk=product.pk).update(revision=F("revision") + 1)
    versions.bump()
    search.reindex([product.pk])


def make_variant(
    product: Product,
    *,
    price_minor: int = 1000,
    stock: int = 10,
    options: Mapping[str, str] | None = None,
    sku: str | None = None,
    tiers: Sequence[tuple[int, int]] = (),
    is_active: bool = True,
    position: int = 0,
) -> Variant:
    """A variant; `tiers` are (min_quantity, unit_price_minor) pairs. Option names the product
    does not have yet are appended to its `option_names` in the order given, as the services do."""
    variant = Variant.objects.create(
        product=product,
        store_id=product.store_id,
        sku=sku or f"SKU-{_next()}",
        options=dict(options or {}),
        price_minor=price_minor,
        stock=stock,
        is_active=is_active,
        position=position,
    )
    WholesaleTier.objects.bulk_create(
        WholesaleTier(variant=variant, min_quantity=q, unit_price_minor=p) for q, p in tiers
    )
    names = option_order.appended(product.option_names, variant.options)
    if names != product.option_names:
        Product.objects.filter(pk=product.pk).update(option_names=names)
        product.option_names = names
    _changed(product)
    return variant


def make_product(  # noqa: PLR0913 - a factory: every field is optional
    *,
    store: Store,
    category: Category,
    titles: Mapping[str, str] | None = None,
    descriptions: Mapping[str, str] | None = None,
    variants: Sequence[Mapping[str, Any]] | None = None,
    status: str = "active",
    original_language: str | None = None,
    images: int = 0,
    order_count: int = 0,
    created_at: dt.datetime | None = None,
    min_order_quantity: int = 1,
    lot_size: int = 1,
    brand: str = "",
) -> Product:
    """A product with translations, variants (default: one at 10.00) and `images` fake images.

    `variants` are keyword dicts for `make_variant`. `min_price_minor` is the lowest active
    variant price, as the catalog services keep it. `original_language` defaults to the first
    language of `titles`.
    """
    titles = dict(titles or {"en": f"Product {_next()}"})
    original_language = original_language or next(iter(titles))
    now = created_at or clock.now()
    product = Product.objects.create(
        store=store,
        category=category,
        status=status,
        original_language=original_language,
        order_count=order_count,
        created_at=now,
        updated_at=now,
        min_order_quantity=min_order_quantity,
        lot_size=lot_size,
        brand=brand,
    )
    ProductTranslation.objects.bulk_create(
        ProductTranslation(
            product=product,
            language=language,
            title=title,
            slug=slugify(title, allow_unicode=True)[:200] or "item",
            description=(descriptions or {}).get(language, ""),
        )
        for language, title in titles.items()
    )
    made = [
        make_variant(product, position=i, **spec)
        for i, spec in enumerate(variants or [{"price_minor": 1000}])
    ]
    prices = [v.price_minor for v in made if v.is_active]
    product.min_price_minor = min(prices) if prices else 0
    product.save(update_fields=["min_price_minor"])
    for position in range(images):
        make_image(product, position=position)
    _changed(product)
    return product


def _drawn_webp(width: int, height: int, seed: int) -> bytes:
    from PIL import Image, ImageDraw

    hue = (seed * 47) % 255
    image = Image.new("RGB", (width, height), (hue, 120, 255 - hue))
    ImageDraw.Draw(image).ellipse(
        (width // 5, height // 5, width * 4 // 5, height * 4 // 5), fill=(250, 250, 250)
    )
    buffer = io.BytesIO()
    image.save(buffer, "WEBP", quality=70)
    return buffer.getvalue()


def make_image(
    product: Product,
    *,
    variant: Variant | None = None,
    position: int = 0,
    alt_text: str = "",
    widths: Sequence[int] = THUMBNAIL_WIDTHS,
    draw: bool = False,
) -> ProductImage:
    """An image row with thumbnails {width: path}; `draw=True` also writes real WebP files."""
    number = _next()
    name = f"{product.public_id}-{number}"
    original = f"products/originals/{name}.webp"
    thumbnails = {str(w): f"products/thumbs/{name}-{w}.webp" for w in widths}
    if draw:
        for width, path in [(800, original), *((int(w), p) for w, p in thumbnails.items())]:
            default_storage.save(path, ContentFile(_drawn_webp(width, width, number)))
    image = ProductImage.objects.create(
        product=product,
        variant=variant,
        original=original,
        width=800,
        height=800,
        thumbnails=thumbnails,
        alt_text=alt_text,
        position=position,
    )
    _changed(product)
    return image
