"""One CSV row of the product import: columns, cell escaping and per-cell checks (no database)."""

import re
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from tradepost.catalog.services import fields
from tradepost.money.errors import InvalidAmount
from tradepost.money.money import Money

COLUMNS: tuple[str, ...] = (
    "product_ref", "language", "title", "description", "category", "brand", "hs_code",
    "origin_country", "weight_g", "min_order_quantity", "lot_size", "sku", "options", "price",
    "stock",
)  # fmt: skip
VARIANT_COLUMNS = ("sku", "options", "price", "stock")
TEXT_COLUMNS = frozenset({"title", "description", "brand", "sku", "options", "product_ref"})
# A cell starting with one of these is a formula to spreadsheet programs (CSV injection):
# export prefixes it with an apostrophe, import takes the apostrophe off again.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_INTEGER = re.compile(r"[0-9]{1,12}")
MAX_REF = 64


@dataclass(frozen=True)
class RowError:
    row: int  # 1 is the header, 2 the first data row; 0 for the file as a whole
    column: str
    reason: str

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "reason": self.reason}


@dataclass
class ParsedRow:
    line: int
    ref: str = ""
    language: str = ""
    title: str = ""
    description: str = ""
    category: str = ""
    product_cells: dict[str, Any] = field(default_factory=dict)
    is_variant: bool = False
    sku: str = ""
    options: dict[str, str] = field(default_factory=dict)
    price_minor: int = 0
    stock: int = 0
    errors: list[RowError] = field(default_factory=list)

    def failed(self, column: str) -> bool:
        return any(error.column in (column, "") for error in self.errors)

    def fail(self, column: str, reason: str) -> None:
        self.errors.append(RowError(self.line, column, str(reason)))


def escape_cell(column: str, value: Any) -> Any:
    if column in TEXT_COLUMNS and isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _unescape(value: str) -> str:
    if value.startswith("'") and value[1:2] and value[1:].startswith(_FORMULA_START):
        return value[1:]
    return value


def check_header(header: list[str]) -> list[RowError]:
    names = [name.strip().lower() for name in header]
    errors = [RowError(1, name, _("Unknown column.")) for name in names if name not in COLUMNS]
    errors += [
        RowError(1, name, _("This column is given twice."))
        for index, name in enumerate(names)
        if name in COLUMNS and name in names[:index]
    ]
    errors += [
        RowError(1, name, _("This column is missing.")) for name in COLUMNS if name not in names
    ]
    return errors


def _integer(text: str) -> int:
    if not _INTEGER.fullmatch(text):
        raise fields.Invalid(_("Enter a whole number, zero or more."))
    return int(text)


def parse_price(text: str, currency: str) -> int:
    try:
        minor = Money.from_decimal(text, currency).minor
    except InvalidAmount:
        raise fields.Invalid(
            _("Enter the price as a number such as 12.50, in %(currency)s.")
            % {"currency": currency}
        ) from None
    return fields.clean_price_minor(minor)


def parse_options(text: str) -> dict[str, str]:
    """ "Colour=Red;Size=M" → {"Colour": "Red", "Size": "M"}."""
    options = {}
    for part in filter(None, (piece.strip() for piece in text.split(";"))):
        name, sep, value = part.partition("=")
        if not sep:
            raise fields.Invalid(_("Write options as Name=Value;Name=Value."))
        if name.strip() in options:
            raise fields.Invalid(_("Option “%(name)s” is given twice.") % {"name": name.strip()})
        options[name.strip()] = value.strip()
    return fields.clean_options(options)


_PRODUCT_CELLS = {
    "brand": lambda text: fields.clean_text(text, max_length=fields.MAX_BRAND),
    "hs_code": fields.clean_hs_code,
    "origin_country": fields.clean_country,
    "weight_g": lambda text: fields.clean_int(_integer(text), low=0, high=fields.MAX_WEIGHT_G),
    "min_order_quantity": lambda text: fields.clean_int(
        _integer(text), low=1, high=fields.MAX_QUANTITY
    ),
    "lot_size": lambda text: fields.clean_int(_integer(text), low=1, high=fields.MAX_QUANTITY),
}


def _run(row: ParsedRow, column: str, check, text: str, default: Any = None) -> Any:
    try:
        return check(text)
    except fields.Invalid as error:
        row.fail(column, str(error))
        return default


def _parse_text(row: ParsedRow, cells: dict[str, str]) -> None:
    row.ref = _run(
        row,
        "product_ref",
        lambda v: fields.clean_text(v, max_length=MAX_REF, required=True),
        cells["product_ref"],
        "",
    )
    row.language = _run(row, "language", fields.clean_language, cells["language"], "")
    row.title = _run(
        row,
        "title",
        lambda v: fields.clean_text(v, max_length=fields.MAX_TITLE),
        cells["title"],
        "",
    )
    row.description = _run(
        row,
        "description",
        lambda v: fields.clean_text(v, max_length=fields.MAX_DESCRIPTION),
        cells["description"],
        "",
    )
    row.category = cells["category"]
    for column, check in _PRODUCT_CELLS.items():
        if cells[column]:
            value = _run(row, column, check, cells[column])
            if value is not None:
                row.product_cells[column] = value


def _parse_variant(row: ParsedRow, cells: dict[str, str], currency: str) -> None:
    row.is_variant = any(cells[column] for column in VARIANT_COLUMNS)
    if not row.is_variant:
        return
    row.sku = _run(row, "sku", fields.clean_sku, cells["sku"], "")
    row.options = _run(row, "options", parse_options, cells["options"], {})
    if not cells["price"]:
        row.fail("price", _("This field is required."))
    else:
        row.price_minor = _run(row, "price", lambda v: parse_price(v, currency), cells["price"], 0)
    if cells["stock"]:
        row.stock = _run(row, "stock", lambda v: fields.clean_stock(_integer(v)), cells["stock"], 0)


def parse_row(line: int, names: list[str], raw: list[str], currency: str) -> ParsedRow:
    row = ParsedRow(line=line)
    if len(raw) != len(names):
        row.fail(
            "", _("The row has %(cells)s cells, the header %(columns)s.")
            % {"cells": len(raw), "columns": len(names)},
        )  # fmt: skip
        return row
    cells = {name: _unescape(cell.strip()) for name, cell in zip(names, raw, strict=True)}
    _parse_text(row, cells)
    _parse_variant(row, cells, currency)
    return row
