"""Demo listings in bulk: products, translations, variants, tiers, events and shared pictures.

Thousands of listings through the services would take minutes, so rows are written with
`bulk_create` in chunks, keeping what the services keep: `min_price_minor` is the lowest active
variant price, `option_names` the order the options were declared in (catalog.options), slugs
come from `fields.slug_for`, SKUs are unique per store, every status has its event. Pictures go
through `ingest_product_image` once per palette entry; other listings get ProductImage rows
pointing at the same stored files.
"""

import datetime as dt
import random
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from tradepost.catalog.images import ingest_product_image
from tradepost.catalog.models import (
    Category,
    CertificationDocument,
    Product,
    ProductEvent,
    ProductImage,
    ProductTranslation,
    Variant,
    WholesaleTier,
)
from tradepost.catalog.options import names_in_order
from tradepost.catalog.services.fields import slug_for
from tradepost.catalog.states import ProductStatus
from tradepost.demo_catalog import pictures
from tradepost.demo_catalog.categories import LANGUAGES
from tradepost.demo_catalog.kinds import (
    APPAREL_SIZES,
    COLOURS,
    DESCRIPTIONS,
    KINDS,
    QUALIFIERS,
    RESTRICTED_KINDS,
    SHOE_SIZES,
    WHOLESALE,
    Kind,
)
from tradepost.demo_catalog.rows import NextIds, Rows
from tradepost.demo_catalog.sellers import DemoSeller
from tradepost.money.currencies import exponent

MODELS = ("X", "S", "Pro", "Max", "Lite", "Neo", "Air", "Go", "Plus", "Mini")
CERTIFICATE = b"%PDF-1.4\n% demo certificate of conformity\n%%EOF\n"
KIND_COLOUR_COUNT = 4  # colours each kind comes in (pictures per kind)
PICTURES_PER_PLAIN_KIND = 2


@dataclass
class Palette:
    """Picture keys → the first listing using each (ingested) and every other use (copied)."""

    colours: dict[str, list[str]]
    uses: dict[tuple, list[tuple[int, int | None, int, str]]] = field(default_factory=dict)

    def use(self, key: tuple, product_id: int, variant_id, position: int, alt: str) -> None:
        self.uses.setdefault(key, []).append((product_id, variant_id, position, alt))


@dataclass
class Counts:
    products: int = 0
    variants: int = 0
    translations: int = 0
    images: int = 0
    tiers: int = 0
    pending_review: int = 0
    palette: int = 0


def to_minor(rng: random.Random, cents: int, currency: str, per_usd: float) -> int:
    """A shop-like price in the currency's minor units (x.99, or round numbers without decimals)."""
    value = cents / 100 * per_usd
    if exponent(currency) == 0:
        step = 100 if value >= 5000 else 10
        return max(step, int(round(value / step)) * step)
    unit = 10 ** exponent(currency)
    return int(value) * unit + unit - 1  # 12.99


def _matrix(rng: random.Random, kind: Kind, colours: list[str]) -> list[dict[str, str]]:
    if kind.options == "apparel":
        start = rng.randint(0, 2)
        sizes = APPAREL_SIZES[start : start + rng.randint(3, 4)]
        chosen = rng.sample(colours, rng.randint(2, 3))
        return [{"Colour": c, "Size": s} for c in chosen for s in sizes]
    if kind.options == "shoes":
        start = rng.randint(0, 2)
        chosen = rng.sample(colours, rng.randint(1, 2))
        return [{"Colour": c, "Size": s} for c in chosen for s in SHOE_SIZES[start : start + 4]]
    if kind.options == "colour":
        return [{"Colour": c} for c in rng.sample(colours, rng.randint(2, 4))]
    if kind.options in ("capacity", "size"):
        name = "Capacity" if kind.options == "capacity" else "Size"
        count = rng.randint(2, len(kind.capacities))
        return [{name: value} for value in kind.capacities[:count]]
    return [{}]


def _languages(rng: random.Random, original: str) -> list[str]:
    chosen = [original] + (["en"] if original != "en" else [])
    if rng.random() < 0.6:  # a good share in five or more languages
        others = [code for code in LANGUAGES if code not in chosen]
        chosen += rng.sample(others, rng.randint(5, 8) - len(chosen))
    return chosen


def _texts(rng, kind: Kind, seller: DemoSeller, languages, wholesale: bool) -> dict[str, dict]:
    model = f"{rng.choice(MODELS)} {rng.randint(1, 99)}"
    qualifier = rng.choice(QUALIFIERS) if rng.random() < 0.5 else None
    days = rng.randint(1, 5)
    texts = {}
    for language in languages:
        index = LANGUAGES.index(language)
        noun = kind.noun(language)
        title = " ".join(part for part in (seller.brand, noun, model) if part)
        if qualifier:
            title += " – " + qualifier.split("|")[index]
        if wholesale:
            title += " – " + WHOLESALE.split("|")[index]
        store = seller.store.name
        description = DESCRIPTIONS[language].format(noun=noun, store=store, days=days)
        texts[language] = {"title": title, "slug": slug_for(title), "description": description}
    return texts


def _tiers(price: int) -> list[tuple[int, int]]:
    tiers, previous = [], price
    for quantity, factor in ((10, 0.92), (50, 0.85), (200, 0.78)):
        unit = min(previous - 1, int(price * factor))
        if unit < 1:
            break
        tiers.append((quantity, unit))
        previous = unit
    return tiers


class Writer:
    """The rows of every listing, written in batches; ids are given here (see rows.NextIds)."""

    def __init__(self, palette: Palette, pending_target: int):
        self.palette, self.pending_target = palette, pending_target
        self.product_ids, self.variant_ids = NextIds(Product), NextIds(Variant)
        self.products = Rows(Product, with_pk=True)
        self.variants = Rows(Variant, with_pk=True)
        self.translations = Rows(ProductTranslation)
        self.tiers = Rows(WholesaleTier)
        self.events = Rows(ProductEvent)
        self.certificates = Rows(CertificationDocument)
        self.pending = 0

    def flush(self, counts: Counts) -> None:
        for rows in (self.products, self.variants, self.translations, self.tiers, self.events,
                     self.certificates):  # fmt: skip
            rows.flush()
        self.product_ids.reset_sequence()
        self.variant_ids.reset_sequence()
        counts.products, counts.variants = self.products.total, self.variants.total
        counts.translations, counts.tiers = self.translations.total, self.tiers.total
        counts.pending_review = self.pending

    def add(self, rng, seller: DemoSeller, kind: Kind, serial: int, now) -> None:
        store = seller.store
        opened = dt.datetime.combine(store.opened_on, dt.time(9), tzinfo=dt.UTC)
        created = opened + (now - opened) * rng.random() ** 0.5
        wholesale = rng.random() < 0.2
        restricted = kind.category in RESTRICTED_KINDS
        status = ProductStatus.ACTIVE
        if restricted and self.pending < self.pending_target:
            status, self.pending = ProductStatus.PENDING_REVIEW, self.pending + 1
        variants = self._variants(rng, seller, kind, serial)
        product_id = self.product_ids.take()
        self.products.add({
            "id": product_id, "store_id": store.pk, "category_id": CATEGORY_IDS[kind.category],
            "status": status, "status_changed_at": created,
            "original_language": store.original_language, "brand": seller.brand,
            "attributes": {"Material": kind.material} if kind.material else {},
            "option_names": names_in_order(v["options"] for v in variants),
            "hs_code": kind.hs_code, "origin_country": store.country.code,
            "weight_g": max(1, int(kind.weight_g * rng.uniform(0.7, 1.3))),
            "length_mm": rng.randint(50, 600), "width_mm": rng.randint(30, 400),
            "height_mm": rng.randint(10, 300),
            "min_order_quantity": rng.choice((2, 5, 10)) if wholesale else 1,
            "lot_size": 10 if wholesale and rng.random() < 0.25 else 1,
            "min_price_minor": min(v["price_minor"] for v in variants),
            "order_count": min(5000, int(rng.paretovariate(1.2) * 3) - 3),
            "created_at": created, "updated_at": created,
        })  # fmt: skip
        for variant in variants:
            variant["product_id"] = product_id
            self.variants.add(variant)
            if wholesale:
                for quantity, price in _tiers(variant["price_minor"]):
                    self.tiers.add({"variant_id": variant["id"], "min_quantity": quantity,
                                    "unit_price_minor": price})  # fmt: skip
        languages = _languages(rng, store.original_language)
        for language, text in _texts(rng, kind, seller, languages, wholesale).items():
            self.translations.add({"product_id": product_id, "language": language, **text})
        self._history(product_id, status, created, store.seller.user_id, restricted)
        _use_pictures(self.palette, kind, product_id, variants, rng.randrange(100))

    def _variants(self, rng, seller: DemoSeller, kind: Kind, serial: int) -> list[dict]:
        store = seller.store
        base = to_minor(rng, rng.randint(*kind.price_usd), store.settlement_currency,
                        seller.spec.per_usd)  # fmt: skip
        prefix = f"{kind.category.replace('-', '')[:4].upper()}{serial:06d}"
        variants = []
        for position, options in enumerate(_matrix(rng, kind, self.palette.colours[kind.category])):
            step = base // 10 if "Capacity" in options or kind.options == "size" else 0
            sku = "-".join([prefix, *(v.replace(" ", "").upper() for v in options.values())])
            variants.append({
                "id": self.variant_ids.take(), "store_id": store.pk, "sku": sku[:64],
                "options": options, "price_minor": base + step * position,
                "stock": 0 if rng.random() < 0.05 else rng.randint(5, 800),
                "position": position + 1, "is_active": True,
            })  # fmt: skip
        return variants

    def _history(self, product_id, status, at, actor, restricted: bool) -> None:
        """The events the status machine would have written, and the certificate on file."""
        event = {"product_id": product_id, "actor_id": actor, "reason": "demo listing",
                 "created_at": at, "from_status": ProductStatus.DRAFT}  # fmt: skip
        if not restricted:
            self.events.add({**event, "to_status": ProductStatus.ACTIVE})
            return
        self.certificates.add({"product_id": product_id, "file": CERTIFICATE_PATH[0],
                               "description": "Certificate of conformity",
                               "uploaded_at": at})  # fmt: skip
        self.events.add({**event, "to_status": ProductStatus.PENDING_REVIEW})
        if status == ProductStatus.ACTIVE:
            self.events.add({**event, "from_status": ProductStatus.PENDING_REVIEW,
                             "to_status": ProductStatus.ACTIVE, "actor_id": None,
                             "reason": "certificate checked"})  # fmt: skip


CATEGORY_IDS: dict[str, int] = {}
CERTIFICATE_PATH = [""]


def _use_pictures(palette: Palette, kind: Kind, product_id: int, variants, pick: int) -> None:
    noun = kind.noun("en")
    if variants[0]["options"].get("Colour"):
        seen: dict[str, int] = {}
        for variant in variants:
            seen.setdefault(variant["options"]["Colour"], variant["id"])
        for position, (colour, variant_id) in enumerate(seen.items(), start=1):
            palette.use((kind.category, colour), product_id, variant_id, position,
                        f"{colour} {noun}")  # fmt: skip
        return
    first = pick % PICTURES_PER_PLAIN_KIND
    palette.use((kind.category, first), product_id, None, 1, noun)
    if pick < 40:  # some listings show a second picture
        second = (first + 1) % PICTURES_PER_PLAIN_KIND
        palette.use((kind.category, second), product_id, None, 2, f"{noun}, other view")


def _colour_of(key: tuple, palette: Palette) -> tuple[str, tuple[int, int, int]]:
    if isinstance(key[1], str):
        return key[1], COLOURS[key[1]]
    name = palette.colours[key[0]][key[1] % KIND_COLOUR_COUNT]
    return name, COLOURS[name]


def ingest_palette(palette: Palette, now: dt.datetime, counts: Counts) -> None:
    """Each picture through the real upload path once, then shared by every other listing."""
    kinds = {kind.category: kind for kind in KINDS}
    products = Product.objects.select_related("store__seller").in_bulk(
        [uses[0][0] for uses in palette.uses.values()]
    )
    copies = Rows(ProductImage)
    for number, (key, uses) in enumerate(sorted(palette.uses.items(), key=str)):
        kind = kinds[key[0]]
        colour_name, rgb = _colour_of(key, palette)
        label = kind.noun("en") if isinstance(key[1], str) else f"{kind.noun('en')} {key[1] + 1}"
        data = pictures.draw(kind.shape, rgb, label, seed=number)
        product_id, variant_id, _position, alt = uses[0]
        product = products[product_id]
        stored = ingest_product_image(
            store=product.store, product=product,
            upload=ContentFile(data, name=f"{key[0]}.jpg"), alt_text=alt,
            variant=Variant(pk=variant_id) if variant_id else None, now=now,
        )  # fmt: skip
        counts.palette += 1
        for product_id, variant_id, position, alt in uses[1:]:
            copies.add({
                "product_id": product_id, "variant_id": variant_id,
                "original": stored.original.name, "width": stored.width,
                "height": stored.height, "thumbnails": stored.thumbnails, "alt_text": alt,
                "position": position,
            })  # fmt: skip
    copies.flush()
    counts.images = copies.total + counts.palette


def create_products(
    rng: random.Random, sellers: list[DemoSeller], count: int, now: dt.datetime, *, images: bool
) -> Counts:
    CATEGORY_IDS.update(Category.objects.values_list("slug", "id"))
    CERTIFICATE_PATH[0] = default_storage.save(
        "products/certificates/demo-certificate.pdf", ContentFile(CERTIFICATE)
    )
    palette = Palette(
        colours={kind.category: rng.sample(sorted(COLOURS), KIND_COLOUR_COUNT) for kind in KINDS}
    )
    writer = Writer(palette, pending_target=max(2, count // 400))
    weights = [seller.weight for seller in sellers]
    serials: dict[int, int] = {}
    for index in range(count):
        if index < len(KINDS):  # every kind (category) has listings, then weighted at random
            kind = KINDS[index]
            seller = next(s for s in sellers if kind in s.kinds)
        else:
            seller = rng.choices(sellers, weights)[0]
            kind = rng.choice(seller.kinds)
        serials[seller.store.pk] = serials.get(seller.store.pk, 0) + 1
        writer.add(rng, seller, kind, serials[seller.store.pk], now)
    counts = Counts()
    writer.flush(counts)
    if images:
        ingest_palette(palette, now, counts)
    return counts
