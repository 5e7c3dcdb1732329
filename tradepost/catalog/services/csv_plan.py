"""The database half of the CSV import checks: group rows into products and check them against
the store (categories, SKUs of other products, existing translations and tiers)."""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Max
from django.utils.translation import gettext as _

from tradepost.catalog import options
from tradepost.catalog.models import Category, Product, ProductTranslation, Variant, WholesaleTier
from tradepost.catalog.services import fields
from tradepost.catalog.services.csv_rows import ParsedRow, RowError
from tradepost.catalog.states import ProductStatus
from tradepost.sellers.models import Store


@dataclass
class Group:
    """The rows of one product_ref and what they will write."""

    ref: str
    rows: list[ParsedRow]
    product: Product | None = None
    product_fields: dict[str, Any] = field(default_factory=dict)
    translations: dict[str, dict[str, str]] = field(default_factory=dict)
    existing_variants: list[Variant] = field(default_factory=list)

    @property
    def first_language(self) -> str:
        return self.rows[0].language

    @property
    def variant_rows(self) -> list[ParsedRow]:
        return [row for row in self.rows if row.is_variant]

    @property
    def option_names(self) -> list[str]:
        """The option names of the variant rows, in the order their cells first give them."""
        return options.names_in_order(row.options for row in self.variant_rows)


@dataclass
class FilePlan:
    groups: list[Group]
    errors: list[RowError] = field(default_factory=list)


@dataclass
class _Context:
    """Everything the checks need from the database, read in a constant number of queries."""

    products: dict[str, Product]
    categories: dict[str, Category]
    sku_owner: dict[str, int]
    variants: dict[int, list[Variant]]
    languages: dict[int, set[str]]
    tier_tops: dict[int, int]
    first_sku_row: dict[str, int] = field(default_factory=dict)


def _load(store: Store, rows: list[ParsedRow]) -> _Context:
    refs = {row.ref for row in rows}
    products = {
        product.public_id: product
        for product in Product.objects.filter(store=store, public_id__in=refs).select_related(
            "category"
        )
    }
    slugs = {row.category for row in rows if row.category}
    skus = {row.sku for row in rows if row.sku}
    variants: dict[int, list[Variant]] = defaultdict(list)
    for variant in Variant.objects.filter(product__in=products.values()).order_by("position"):
        variants[variant.product_id].append(variant)
    languages: dict[int, set[str]] = defaultdict(set)
    for product_id, language in ProductTranslation.objects.filter(
        product__in=products.values()
    ).values_list("product_id", "language"):
        languages[product_id].add(language)
    tops = (
        WholesaleTier.objects.filter(variant__product__in=products.values())
        .values("variant_id")
        .annotate(top=Max("unit_price_minor"))
    )
    return _Context(
        products=products,
        categories={c.slug: c for c in Category.objects.filter(slug__in=slugs)},
        sku_owner=dict(
            Variant.objects.filter(store=store, sku__in=skus).values_list("sku", "product_id")
        ),
        variants=variants,
        languages=languages,
        tier_tops={row["variant_id"]: row["top"] for row in tops},
    )


def _merge_product_cells(group: Group, errors: list[RowError]) -> dict[str, tuple[Any, int]]:
    """The product columns: the first non-blank value of each; a different later one is an error."""
    merged: dict[str, tuple[Any, int]] = {}
    for row in group.rows:
        cells = dict(row.product_cells)
        if row.category:
            cells["category"] = row.category
        for name, value in cells.items():
            if name not in merged:
                merged[name] = (value, row.line)
            elif merged[name][0] != value:
                reason = _("Differs from row %(row)s of the same product.") % {
                    "row": merged[name][1]
                }
                errors.append(RowError(row.line, name, reason))
    return merged


def _check_category(group: Group, merged, ctx: _Context, errors: list[RowError]) -> None:
    if "category" not in merged:
        if group.product is None:
            errors.append(RowError(group.rows[0].line, "category", _("This field is required.")))
        return
    slug, line = merged.pop("category")
    category = ctx.categories.get(slug)
    if category is None:
        errors.append(RowError(line, "category", _("Unknown category “%s”.") % slug[:80]))
    elif category.prohibited:
        errors.append(RowError(line, "category", _("This category is prohibited.")))
    elif (
        group.product is not None
        and category.restricted
        and not group.product.category.restricted
        and group.product.status != ProductStatus.DRAFT
    ):
        errors.append(
            RowError(line, "category", _("A published listing cannot move into this category."))
        )
    else:
        group.product_fields["category"] = category


def _check_translations(group: Group, ctx: _Context, errors: list[RowError]) -> None:
    known = ctx.languages.get(group.product.pk, set()) if group.product else set()
    first_use: dict[str, int] = {}
    for row in group.rows:
        if row.failed("language") or row.failed("title"):
            continue
        first_use.setdefault(row.language, row.line)
        if not row.title:
            continue
        content = {
            "title": row.title,
            "description": row.description,
            "slug": fields.slug_for(row.title),
        }
        previous = group.translations.setdefault(row.language, content)
        if previous != content:
            errors.append(
                RowError(row.line, "title", _("Another row gives this language another text."))
            )
    for language, line in first_use.items():
        if language not in group.translations and language not in known:
            errors.append(RowError(line, "title", _("Give a title in this language.")))


def _check_sku(row: ParsedRow, group: Group, ctx: _Context, errors: list[RowError]) -> None:
    first = ctx.first_sku_row.setdefault(row.sku, row.line)
    if first != row.line:
        errors.append(RowError(row.line, "sku", _("This SKU is also in row %s.") % first))
        return
    owner = ctx.sku_owner.get(row.sku)
    if owner is not None and (group.product is None or owner != group.product.pk):
        errors.append(RowError(row.line, "sku", _("Another product of your store uses this SKU.")))


def _check_variants(group: Group, ctx: _Context, errors: list[RowError]) -> None:
    rows = group.variant_rows
    if group.product is None and not rows:
        errors.append(
            RowError(group.rows[0].line, "sku", _("A new product needs at least one variant row."))
        )
    existing = ctx.variants.get(group.product.pk, []) if group.product else []
    group.existing_variants = existing
    by_sku = {variant.sku: variant for variant in existing}
    in_file = {row.sku for row in rows}
    seen = {
        fields.options_key(variant.options): None
        for variant in existing
        if variant.sku not in in_file and variant.is_active
    }
    for row in rows:
        _check_sku(row, group, ctx, errors)
        key = fields.options_key(row.options)
        if key in seen:
            errors.append(RowError(row.line, "options", _("Another variant has these options.")))
        seen[key] = None
        variant = by_sku.get(row.sku)
        top = ctx.tier_tops.get(variant.pk) if variant else None
        if top is not None and top >= row.price_minor:
            errors.append(RowError(row.line, "price", _("Lower the wholesale tier prices first.")))


def plan_import(store: Store, rows: list[ParsedRow]) -> FilePlan:
    """Check rows against each other and the store. Rows whose cells already failed are checked
    as far as their good cells allow, so that one pass reports every problem of the file."""
    rows = [row for row in rows if not row.failed("") and not row.failed("product_ref")]
    ctx = _load(store, rows)
    by_ref: dict[str, Group] = {}
    for row in rows:
        by_ref.setdefault(row.ref, Group(ref=row.ref, rows=[])).rows.append(row)
    errors: list[RowError] = []
    for group in by_ref.values():
        group.product = ctx.products.get(group.ref)
        if group.product is not None and group.product.status == ProductStatus.REMOVED:
            errors.append(
                RowError(group.rows[0].line, "product_ref", _("This product was removed."))
            )
            continue
        merged = _merge_product_cells(group, errors)
        _check_category(group, merged, ctx, errors)
        group.product_fields.update({name: value for name, (value, _line) in merged.items()})
        _check_translations(group, ctx, errors)
        _check_variants(group, ctx, errors)
    return FilePlan(groups=list(by_ref.values()), errors=errors)
