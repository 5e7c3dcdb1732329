"""Checks and normalisation of what a seller may type into a listing (shared by services and CSV).

Each `clean_*` returns the normalised value or raises `_Invalid` with a human reason; the
callers collect reasons per field (services) or per row and column (CSV import).
"""

from collections.abc import Callable, Mapping
from typing import Any

from django.conf import settings
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django_countries import countries

MAX_TITLE = 200
MAX_DESCRIPTION = 20_000
MAX_BRAND = 120
MAX_SKU = 64
MAX_PRICE_MINOR = 10**13
MAX_STOCK = 2_147_483_647  # PositiveIntegerField on every backend
MAX_WEIGHT_G = 10_000_000
MAX_DIMENSION_MM = 100_000
MAX_QUANTITY = 1_000_000
MAX_ATTRIBUTES = 50
MAX_OPTIONS = 5
MAX_OPTION_VALUES = 50
MAX_VARIANTS_PER_PRODUCT = 500
MAX_OPTION_TEXT = 60
# An option is written "Colour=Red;Size=M" in CSV files, so names hold neither "=" nor ";".
OPTION_NAME_FORBIDDEN = "=;"
OPTION_VALUE_FORBIDDEN = ";"


class Invalid(ValueError):
    """A reason (already translated) why one value is refused."""


def language_codes() -> frozenset[str]:
    return frozenset(code for code, _name in settings.LANGUAGES)


def clean_int(value: Any, *, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise Invalid(_("Enter a whole number."))
    if not low <= value <= high:
        raise Invalid(
            _("Enter a whole number from %(low)s to %(high)s.") % {"low": low, "high": high}
        )
    return value


def clean_text(value: Any, *, max_length: int, required: bool = False) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise Invalid(_("Enter text."))
    value = value.strip()
    if required and not value:
        raise Invalid(_("This field is required."))
    if len(value) > max_length:
        raise Invalid(_("At most %(max)s characters.") % {"max": max_length})
    return value


def clean_language(value: Any) -> str:
    if not isinstance(value, str) or value not in language_codes():
        raise Invalid(_("Unknown language."))
    return value


def clean_hs_code(value: Any) -> str:
    text = clean_text(value, max_length=20)
    digits = text.replace(".", "").replace(" ", "")
    if digits and (not digits.isdigit() or not 6 <= len(digits) <= 12):
        raise Invalid(_("An HS code has 6 to 12 digits."))
    return digits


def clean_country(value: Any) -> str:
    code = clean_text(value, max_length=2).upper()
    if code and code not in countries:
        raise Invalid(_("Unknown country."))
    return code


def _clean_attribute_value(value: Any) -> Any:
    if isinstance(value, list):
        return [clean_text(item, max_length=200) for item in value[:MAX_OPTION_VALUES]]
    if isinstance(value, bool | int | float):
        return value
    return clean_text(value, max_length=200)


def clean_attributes(value: Any) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, Mapping) or len(value) > MAX_ATTRIBUTES:
        raise Invalid(_("At most %(max)s named attributes.") % {"max": MAX_ATTRIBUTES})
    clean = {}
    for name, item in value.items():
        key = clean_text(name, max_length=MAX_OPTION_TEXT, required=True)
        clean[key] = _clean_attribute_value(item)
    return clean


def clean_price_minor(value: Any) -> int:
    try:
        return clean_int(value, low=1, high=MAX_PRICE_MINOR)
    except Invalid:
        raise Invalid(_("The price must be a positive amount.")) from None


def clean_stock(value: Any) -> int:
    return clean_int(value, low=0, high=MAX_STOCK)


def clean_sku(value: Any) -> str:
    sku = clean_text(value, max_length=MAX_SKU, required=True)
    if not sku.isprintable():
        raise Invalid(_("A SKU holds printable characters only."))
    return sku


def clean_variant_weight(value: Any) -> int | None:
    return None if value is None else clean_int(value, low=0, high=MAX_WEIGHT_G)


# Product fields a seller may set, with their checks (server-owned fields are not here).
PRODUCT_FIELDS: dict[str, Callable[[Any], Any]] = {
    "brand": lambda v: clean_text(v, max_length=MAX_BRAND),
    "attributes": clean_attributes,
    "hs_code": clean_hs_code,
    "origin_country": clean_country,
    "weight_g": lambda v: clean_int(v, low=0, high=MAX_WEIGHT_G),
    "length_mm": lambda v: clean_int(v, low=0, high=MAX_DIMENSION_MM),
    "width_mm": lambda v: clean_int(v, low=0, high=MAX_DIMENSION_MM),
    "height_mm": lambda v: clean_int(v, low=0, high=MAX_DIMENSION_MM),
    "min_order_quantity": lambda v: clean_int(v, low=1, high=MAX_QUANTITY),
    "lot_size": lambda v: clean_int(v, low=1, high=MAX_QUANTITY),
    "original_language": clean_language,
}


def clean_product_fields(data: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """(clean values, {field: [reason]}) for the given subset of PRODUCT_FIELDS."""
    clean: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    for field, value in data.items():
        try:
            clean[field] = PRODUCT_FIELDS[field](value)
        except Invalid as error:
            errors[field] = [str(error)]
    return clean, errors


def clean_translation(language: Any, content: Any) -> dict[str, str]:
    """{title, description, slug} of one language; raises Invalid naming the bad part."""
    clean_language(language)
    if not isinstance(content, Mapping):
        raise Invalid(_("A translation has a title and a description."))
    title = clean_text(content.get("title"), max_length=MAX_TITLE, required=True)
    description = clean_text(content.get("description"), max_length=MAX_DESCRIPTION)
    return {"title": title, "description": description, "slug": slug_for(title)}


def clean_translations(
    translations: Any, *, required: bool = True
) -> tuple[dict[str, dict[str, str]], dict[str, list[str]]]:
    if not isinstance(translations, Mapping) or (required and not translations):
        return {}, {"translations": [_("Give a title in at least one language.")]}
    clean: dict[str, dict[str, str]] = {}
    errors: dict[str, list[str]] = {}
    for language, content in translations.items():
        try:
            clean[language] = clean_translation(language, content)
        except Invalid as error:
            errors[f"translations.{language}"] = [str(error)]
    return clean, errors


def slug_for(title: str) -> str:
    return slugify(title, allow_unicode=True)[:200].strip("-") or "product"


def _clean_option_name(name: Any) -> str:
    name = clean_text(name, max_length=MAX_OPTION_TEXT, required=True)
    if any(char in name for char in OPTION_NAME_FORBIDDEN):
        raise Invalid(_("An option name cannot contain “=” or “;”."))
    return name


def _clean_option_value(value: Any) -> str:
    value = clean_text(value, max_length=MAX_OPTION_TEXT, required=True)
    if OPTION_VALUE_FORBIDDEN in value:
        raise Invalid(_("An option value cannot contain “;”."))
    return value


def clean_options(options: Any) -> dict[str, str]:
    """One variant's option values: {"Colour": "Red", "Size": "M"}."""
    if options is None:
        return {}
    if not isinstance(options, Mapping) or len(options) > MAX_OPTIONS:
        raise Invalid(_("At most %(max)s options.") % {"max": MAX_OPTIONS})
    clean: dict[str, str] = {}
    for name, value in options.items():
        key = _clean_option_name(name)
        if key.casefold() in {existing.casefold() for existing in clean}:
            raise Invalid(_("Option “%(name)s” is given twice.") % {"name": key})
        clean[key] = _clean_option_value(value)
    return clean


def clean_option_matrix(options: Any) -> dict[str, list[str]]:
    """The editor's option lists: {"Colour": ["Red", "Blue"], "Size": ["S", "M"]}."""
    if options is None:
        return {}
    if not isinstance(options, Mapping) or len(options) > MAX_OPTIONS:
        raise Invalid(_("At most %(max)s options.") % {"max": MAX_OPTIONS})
    clean: dict[str, list[str]] = {}
    for name, values in options.items():
        key = _clean_option_name(name)
        if key.casefold() in {existing.casefold() for existing in clean}:
            raise Invalid(_("Option “%(name)s” is given twice.") % {"name": key})
        if isinstance(values, str) or not values or len(values) > MAX_OPTION_VALUES:
            raise Invalid(_("Give each option a list of values."))
        cleaned = [_clean_option_value(value) for value in values]
        if len({value.casefold() for value in cleaned}) != len(cleaned):
            raise Invalid(_("Option “%(name)s” lists a value twice.") % {"name": key})
        clean[key] = cleaned
    return clean


def options_key(options: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    """A comparable form of one variant's options (case- and order-insensitive)."""
    return tuple(sorted((name.casefold(), value.casefold()) for name, value in options.items()))
