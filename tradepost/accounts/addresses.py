"""Country-aware address validation: postal codes where the format is known, phones via phonenumbers."""

import re
from dataclasses import dataclass

import phonenumbers
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from tradepost.accounts.errors import InvalidAddress

# Postal code formats published by each country's postal operator (facts, not code).
POSTAL_CODE_PATTERNS: dict[str, str] = {
    "AR": r"[A-Z]?\d{4}([A-Z]{3})?",
    "AT": r"\d{4}",
    "AU": r"\d{4}",
    "BE": r"\d{4}",
    "BR": r"\d{5}-?\d{3}",
    "CA": r"[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] ?\d[ABCEGHJ-NPRSTV-Z]\d",
    "CH": r"\d{4}",
    "CN": r"\d{6}",
    "CZ": r"\d{3} ?\d{2}",
    "DE": r"\d{5}",
    "DK": r"\d{4}",
    "ES": r"(0[1-9]|[1-4]\d|5[0-2])\d{3}",
    "FI": r"\d{5}",
    "FR": r"\d{2} ?\d{3}",
    "GB": r"[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}",
    "GR": r"\d{3} ?\d{2}",
    "ID": r"\d{5}",
    "IL": r"\d{5}(\d{2})?",
    "IN": r"\d{6}",
    "IT": r"\d{5}",
    "JP": r"\d{3}-?\d{4}",
    "KR": r"\d{5}",
    "MX": r"\d{5}",
    "NL": r"\d{4} ?[A-Z]{2}",
    "NO": r"\d{4}",
    "PL": r"\d{2}-\d{3}",
    "PT": r"\d{4}-\d{3}",
    "RU": r"\d{6}",
    "SA": r"\d{5}(-\d{4})?",
    "SE": r"\d{3} ?\d{2}",
    "TH": r"\d{5}",
    "TR": r"\d{5}",
    "UA": r"\d{5}",
    "US": r"\d{5}(-\d{4})?",
    "VN": r"\d{6}",
}


@dataclass(frozen=True)
class AddressInput:
    full_name: str
    line1: str
    city: str
    country: str
    phone: str
    line2: str = ""
    region: str = ""
    postal_code: str = ""


def normalise_postal_code(country: str, postal_code: str) -> str:
    return " ".join(postal_code.upper().split())


def check_postal_code(country: str, postal_code: str) -> str | None:
    """Return an error message, or None when the code is acceptable for the country."""
    pattern = POSTAL_CODE_PATTERNS.get(country)
    if pattern is None:
        return None  # format unknown (or no postal codes at all): accept what was given
    if not postal_code:
        return str(_("A postal code is required for this country."))
    if not re.fullmatch(pattern, postal_code):
        return str(_("This is not a valid postal code for the selected country."))
    return None


def normalise_phone(country: str, phone: str) -> tuple[str | None, str | None]:
    """Return (E.164 number, None) or (None, error message)."""
    try:
        parsed = phonenumbers.parse(phone, country or None)
    except phonenumbers.NumberParseException:
        return None, str(_("This is not a valid phone number."))
    if not phonenumbers.is_valid_number(parsed):
        return None, str(_("This is not a valid phone number."))
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164), None


def validate_address(data: AddressInput) -> AddressInput:
    """Check every field; raise InvalidAddress listing each bad field, else return clean values."""
    errors: dict[str, list[str]] = {}
    required = {"full_name": data.full_name, "line1": data.line1, "city": data.city}
    for field, value in required.items():
        if not value.strip():
            errors[field] = [str(_("This field is required."))]
    country = (data.country or "").upper()
    if country not in countries:
        errors["country"] = [str(_("Choose a valid country."))]
    postal_code = normalise_postal_code(country, data.postal_code)
    if "country" not in errors and (message := check_postal_code(country, postal_code)):
        errors["postal_code"] = [message]
    phone, phone_error = normalise_phone(country, data.phone.strip())
    if phone_error:
        errors["phone"] = [phone_error]
    if errors:
        raise InvalidAddress(fields=errors)
    return AddressInput(
        full_name=data.full_name.strip(),
        line1=data.line1.strip(),
        line2=data.line2.strip(),
        city=data.city.strip(),
        region=data.region.strip(),
        postal_code=postal_code,
        country=country,
        phone=phone,
    )
