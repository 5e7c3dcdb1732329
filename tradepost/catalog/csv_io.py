"""Bulk export and import of a store's products and variants as CSV (UTF-8).

One row per variant. Product columns (category … lot_size) repeat on every row of a product and
must agree; `language`, `title` and `description` give the product's text in that language.
A row without sku, options, price and stock is a translation row: it only adds a language.
`product_ref` groups rows into a product: the public id of one of the store's products updates
that product (its variants are matched by SKU; variants missing from the file stay as they are);
any other value creates a new draft product. Prices are decimals in the store's currency
("12.50" USD, "1500" JPY); options are written "Colour=Red;Size=M", in the order the listing shows
them (catalog.options). On import, the order the cells give a product's option names becomes the
order it shows them in (names the file does not mention follow).

Import checks the whole file first and collects every error with its row and column; if there is
any, nothing is written and the report says why. Otherwise everything is applied in one
transaction. Export → import round-trips.
"""

import csv
import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from tradepost.catalog import quotas, versions
from tradepost.catalog.errors import InvalidCsv
from tradepost.catalog.models import Product, ProductTranslation, Variant
from tradepost.catalog.options import ordered_options
from tradepost.catalog.services.csv_plan import FilePlan, Group, plan_import
from tradepost.catalog.services.csv_rows import (
    COLUMNS,
    ParsedRow,
    RowError,
    check_header,
    escape_cell,
    parse_row,
)
from tradepost.catalog.services.products import emit_product_event, touch
from tradepost.catalog.services.variants import record_option_names, sync_min_price
from tradepost.catalog.states import ProductStatus
from tradepost.catalog.translation import resolve
from tradepost.money.money import Money
from tradepost.sellers.models import Store

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 50_000
Progress = Callable[[int, int], None]

__all__ = ["COLUMNS", "ImportReport", "RowError", "export_products_csv", "import_products_csv"]


@dataclass
class ImportReport:
    """What an import did, or every reason it did nothing (`errors`, each with row and column)."""

    rows_total: int = 0
    errors: list[RowError] = field(default_factory=list)
    products_created: int = 0
    products_updated: int = 0
    variants_created: int = 0
    variants_updated: int = 0
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def code(self) -> str | None:
        return None if self.ok else InvalidCsv.code

    def as_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "code": self.code,
            "rows_total": self.rows_total,
            "errors": [error.as_dict() for error in self.errors],
            "products_created": self.products_created,
            "products_updated": self.products_updated,
            "variants_created": self.variants_created,
            "variants_updated": self.variants_updated,
            "dry_run": self.dry_run,
        }

    def raise_if_invalid(self) -> "ImportReport":
        if not self.ok:
            raise InvalidCsv(self)
        return self


# --- export -------------------------------------------------------------------------------------


def _product_cells(product: Product) -> dict[str, Any]:
    return {
        "product_ref": product.public_id,
        "category": product.category.slug,
        "brand": product.brand,
        "hs_code": product.hs_code,
        "origin_country": str(product.origin_country or ""),
        "weight_g": product.weight_g,
        "min_order_quantity": product.min_order_quantity,
        "lot_size": product.lot_size,
    }


def _options_cell(variant: Variant, names: list[str]) -> str:
    """ "Size=M;Colour=Blue", in the order the listing shows its options."""
    return ";".join(f"{name}={value}" for name, value in ordered_options(variant.options, names))


def _product_rows(product: Product, currency: str) -> list[dict[str, Any]]:
    texts = {t.language: t for t in product.translations.all()}
    main_language = product.original_language if product.original_language in texts else None
    main = resolve(texts, product.original_language, product.original_language)
    if main is not None:
        main_language = main.language
    base = _product_cells(product)
    rows = []
    for variant in product.variants.all():
        if not variant.is_active:
            continue
        rows.append({
            **base, "language": main_language or "", "title": main.title if main else "",
            "description": main.description if main else "", "sku": variant.sku,
            "options": _options_cell(variant, product.option_names),
            "price": str(Money(variant.price_minor, currency).amount), "stock": variant.stock,
        })  # fmt: skip
    for language, text in sorted(texts.items()):
        if language != main_language or not rows:
            rows.append({
                "product_ref": product.public_id, "language": language, "title": text.title,
                "description": text.description,
            })  # fmt: skip
    return rows


def export_products_csv(*, store: Store) -> str:
    """The store's listings (all but removed ones) with their active variants, as CSV text."""
    products = (
        Product.objects.filter(store=store)
        .exclude(status=ProductStatus.REMOVED)
        .select_related("category")
        .prefetch_related("translations", "variants")
        .order_by("created_at", "id")
    )
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for product in products.iterator(chunk_size=500):
        for row in _product_rows(product, store.settlement_currency):
            writer.writerow({name: escape_cell(name, value) for name, value in row.items()})
    return buffer.getvalue()


# --- import -------------------------------------------------------------------------------------


def _decode(data: bytes) -> tuple[str | None, RowError | None]:
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        reason = _(
            "The file is not UTF-8 text (byte %(byte)s at position %(pos)s). "
            "Save it as “CSV UTF-8”."
        ) % {"byte": f"0x{data[error.start]:02x}", "pos": error.start}
        return None, RowError(line, "", reason)


def _read_rows(text: str, currency: str, report: ImportReport) -> tuple[list[str], list[ParsedRow]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, [])
        report.errors.extend(check_header(header))
        if report.errors:
            return header, []
        names = [name.strip().lower() for name in header]
        rows = []
        for number, cells in enumerate(reader, start=2):
            if not any(cell.strip() for cell in cells):
                continue
            if len(rows) >= MAX_ROWS:
                report.errors.append(
                    RowError(number, "", _("At most %(max)s rows.") % {"max": MAX_ROWS})
                )
                break
            rows.append(parse_row(number, names, cells, currency))
    except csv.Error as error:
        report.errors.append(RowError(reader.line_num, "", _("Not a CSV file: %s") % error))
        return header, []
    return names, rows


def _parse(store: Store, data: bytes, report: ImportReport) -> FilePlan | None:
    if not isinstance(data, bytes | bytearray) or len(data) > MAX_BYTES:
        limit = MAX_BYTES // (1024 * 1024)
        report.errors.append(RowError(0, "", _("The file is larger than %s MB.") % limit))
        return None
    text, error = _decode(bytes(data))
    if error is not None:
        report.errors.append(error)
        return None
    _names, rows = _read_rows(text, store.settlement_currency, report)
    report.rows_total = len(rows)
    if not report.errors and not rows:
        report.errors.append(RowError(2, "", _("The file has no rows.")))
    if report.errors:
        return None
    plan = plan_import(store, rows)
    cell_errors = [error for row in rows for error in row.errors]
    known = {(error.row, error.column) for error in cell_errors}
    report.errors = cell_errors + [
        error for error in plan.errors if (error.row, error.column) not in known
    ]
    return None if report.errors else plan


def import_products_csv(
    *,
    store: Store,
    data: bytes,
    progress: Progress | None = None,
    dry_run: bool = False,
    now: dt.datetime,
) -> ImportReport:
    """Check the whole file, then apply it atomically; the report lists every bad row if not.

    `progress(rows_done, rows_total)` is called as products are written (for a task's progress
    bar). With `dry_run=True` only the checks run. A report with errors has `code ==
    "invalid_csv"`; `report.raise_if_invalid()` turns it into the InvalidCsv domain error.
    A valid file with more new products than the store's listing quota has left (catalog.quotas)
    raises ListingQuotaReached (429) and writes nothing.
    """
    report = ImportReport(dry_run=dry_run)
    plan = _parse(store, data, report)
    report.errors.sort(key=lambda error: (error.row, error.column))
    if plan is None or dry_run:
        return report
    new_products = sum(1 for group in plan.groups if group.product is None)
    try:
        with quotas.creating_listings(store=store, count=new_products, now=now):
            _apply(store, plan, report, progress or (lambda done, total: None), now)
    except IntegrityError:
        # Another request took a SKU between the checks and the writes: nothing was written.
        report.errors = [RowError(0, "sku", _("The catalogue changed meanwhile; try again."))]
        report.products_created = report.products_updated = 0
        report.variants_created = report.variants_updated = 0
    return report


@transaction.atomic
def _apply(store: Store, plan: FilePlan, report: ImportReport, progress: Progress, now) -> None:
    done = 0
    touched: list[tuple[str, Product]] = []
    progress(0, report.rows_total)
    for group in plan.groups:
        product, created = _write_product(store, group, now)
        if created:
            report.products_created += 1
        else:
            report.products_updated += 1
        new, updated = _write_variants(store, product, group)
        report.variants_created += new
        report.variants_updated += updated
        touched.append(("product.created" if created else "product.updated", product))
        done += len(group.rows)
        progress(done, report.rows_total)
    sync_min_price(product.pk for _topic, product in touched)
    versions.bump()
    for topic, product in touched:
        emit_product_event(topic, product, now)


def _write_product(store: Store, group: Group, now) -> tuple[Product, bool]:
    if group.product is None:
        product = Product.objects.create(
            store=store, original_language=group.first_language, created_at=now,
            updated_at=now, option_names=group.option_names, **group.product_fields,
        )  # fmt: skip
        created = True
    else:
        product = group.product
        for name, value in group.product_fields.items():
            setattr(product, name, value)
        product.save(update_fields=list(group.product_fields))
        record_option_names(product, group.option_names, declare=True)
        touch(product, now)
        created = False
    for language, content in group.translations.items():
        ProductTranslation.objects.update_or_create(
            product=product, language=language, defaults=content
        )
    return product, created


def _write_variants(store: Store, product: Product, group: Group) -> tuple[int, int]:
    existing = {variant.sku: variant for variant in group.existing_variants}
    position = max((variant.position for variant in group.existing_variants), default=0)
    new, changed = [], []
    for row in group.variant_rows:
        variant = existing.get(row.sku)
        if variant is None:
            position += 1
            new.append(
                Variant(
                    product=product,
                    store=store,
                    sku=row.sku,
                    options=row.options,
                    price_minor=row.price_minor,
                    stock=row.stock,
                    position=position,
                )  # fmt: skip
            )
        else:
            variant.options, variant.price_minor, variant.stock = (
                row.options, row.price_minor, row.stock,
            )  # fmt: skip
            changed.append(variant)
    Variant.objects.bulk_create(new, batch_size=500)
    Variant.objects.bulk_update(changed, ["options", "price_minor", "stock"], batch_size=500)
    return len(new), len(changed)
