"""Business tax numbers for the reverse charge: format and check digits only (python-stdnum, no
network look-up such as VIES).

`validate(country, number)` returns the number normalised (EU: with its VAT prefix, "FR40303265045",
Greece "EL…"; GB: "GB980780684"; AU: the 11-digit ABN; NO: the 9-digit organisation number) or
raises InvalidVatNumber, also for a valid number of another country than `country`.
"""

import re
from collections.abc import Callable

from django.utils.translation import gettext as _
from django_countries import countries
from stdnum.au import abn
from stdnum.eu import vat as eu_vat
from stdnum.exceptions import ValidationError
from stdnum.gb import vat as gb_vat
from stdnum.no import orgnr

from tradepost.taxes.errors import InvalidVatNumber

EU_MEMBER_STATES = frozenset(
    "AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK".split()
)
# The VAT prefix differs from the ISO country code only for Greece.
_EU_PREFIX = {"GR": "EL"}
_SEPARATORS = re.compile(r"[\s.\-/,]+")
_MAX_LENGTH = 32


def _clean(number: str) -> str:
    return _SEPARATORS.sub("", number or "").upper()


def _prefix_of(code: str) -> str:
    return code[:2] if len(code) > 2 and code[:2].isalpha() else ""


def _name(country: str) -> str:
    return str(countries.name(country) or country)


def _wrong_country(country: str) -> InvalidVatNumber:
    return InvalidVatNumber(
        _("Enter a VAT number of %(country)s.") % {"country": _name(country)}, country=country
    )


def _eu(country: str, code: str) -> str:
    expected = _EU_PREFIX.get(country, country)
    prefix = _prefix_of(code)
    if prefix == "GR" and country == "GR":
        code, prefix = "EL" + code[2:], "EL"
    if not prefix:
        code, prefix = expected + code, expected
    if prefix != expected:
        raise _wrong_country(country)
    return eu_vat.validate(code)


def _gb(country: str, code: str) -> str:
    if _prefix_of(code) not in ("", "GB", "XI"):
        raise _wrong_country(country)
    return "GB" + gb_vat.validate(code)


def _au(country: str, code: str) -> str:
    return abn.validate(code)


def _no(country: str, code: str) -> str:
    if _prefix_of(code) not in ("", "NO"):
        raise _wrong_country(country)
    code = code.removeprefix("NO").removesuffix("MVA")
    return orgnr.validate(code)


def _validator(country: str) -> Callable[[str, str], str] | None:
    if country in EU_MEMBER_STATES:
        return _eu
    return {"GB": _gb, "AU": _au, "NO": _no}.get(country)


def supports(country: str) -> bool:
    """Whether business numbers of `country` can be checked (and reverse charge applies)."""
    return _validator((country or "").upper()) is not None


def validate(country: str, number: str) -> str:
    country = (country or "").upper()
    code = _clean(number)
    if not code:
        raise InvalidVatNumber(_("Enter a VAT number."), country=country)
    if len(code) > _MAX_LENGTH:
        raise InvalidVatNumber(country=country, number=number)
    check = _validator(country)
    if check is None:
        raise InvalidVatNumber(
            _("Business tax numbers of %(country)s cannot be checked here.")
            % {"country": _name(country)},
            country=country,
        )
    try:
        return check(country, code)
    except ValidationError:
        raise InvalidVatNumber(
            _("“%(number)s” is not a valid VAT number of %(country)s.")
            % {"number": code[:_MAX_LENGTH], "country": _name(country)},
            country=country,
            number=code,
        ) from None
