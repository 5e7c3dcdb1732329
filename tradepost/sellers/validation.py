"""Trader details (DSA Art. 30, US INFORM): required fields and identifiers checked with libraries.

Registration / ID numbers use python-stdnum where it has a validator for the trader's country and
kind; elsewhere they are accepted as free text. VAT numbers use `stdnum.eu.vat` for EU prefixes and
the country's own VAT module where stdnum has one. IBANs use schwifty, phones phonenumbers.
Every problem is collected first, so one error lists every bad field.
"""

import importlib
from dataclasses import dataclass, replace
from types import ModuleType

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from schwifty import IBAN
from schwifty.exceptions import SchwiftyException
from stdnum.eu import vat as eu_vat
from stdnum.exceptions import ValidationError as StdnumError

from tradepost.accounts.addresses import check_postal_code, normalise_phone
from tradepost.errors import DomainError
from tradepost.sellers import errors
from tradepost.sellers.models import SellerKind

# stdnum modules that validate a trader's registration or ID number, per country and kind.
# A number is accepted when any listed module accepts it (e.g. PL companies: REGON or NIP).
REGISTRATION_MODULES: dict[str, dict[str, tuple[str, ...]]] = {
    "AU": {SellerKind.COMPANY: ("abn", "acn"), SellerKind.INDIVIDUAL: ("abn", "tfn")},
    "BR": {SellerKind.COMPANY: ("cnpj",), SellerKind.INDIVIDUAL: ("cpf",)},
    "CA": {SellerKind.COMPANY: ("bn",), SellerKind.INDIVIDUAL: ("sin",)},
    "CN": {SellerKind.COMPANY: ("uscc",), SellerKind.INDIVIDUAL: ("ric",)},
    "DE": {SellerKind.COMPANY: ("handelsregisternummer",), SellerKind.INDIVIDUAL: ("idnr", "stnr")},
    "ES": {SellerKind.COMPANY: ("cif", "nif"), SellerKind.INDIVIDUAL: ("nif", "dni", "nie")},
    "FR": {
        SellerKind.COMPANY: ("siren", "siret"),
        SellerKind.INDIVIDUAL: ("nif", "siren", "siret"),
    },
    "IN": {SellerKind.COMPANY: ("pan", "gstin"), SellerKind.INDIVIDUAL: ("pan",)},
    "IT": {SellerKind.COMPANY: ("iva",), SellerKind.INDIVIDUAL: ("codicefiscale",)},
    "JP": {SellerKind.COMPANY: ("cn",)},
    "KR": {SellerKind.COMPANY: ("brn",), SellerKind.INDIVIDUAL: ("rrn", "brn")},
    "MX": {SellerKind.COMPANY: ("rfc",), SellerKind.INDIVIDUAL: ("rfc", "curp")},
    "PL": {SellerKind.COMPANY: ("regon", "nip"), SellerKind.INDIVIDUAL: ("pesel", "nip")},
    "RU": {SellerKind.COMPANY: ("ogrn", "inn"), SellerKind.INDIVIDUAL: ("inn",)},
    "TR": {SellerKind.COMPANY: ("vkn",), SellerKind.INDIVIDUAL: ("tckimlik", "vkn")},
    "UA": {SellerKind.COMPANY: ("edrpou",), SellerKind.INDIVIDUAL: ("rntrc",)},
    "US": {SellerKind.COMPANY: ("ein",), SellerKind.INDIVIDUAL: ("ssn", "itin", "ein")},
}

EU_VAT_PREFIXES = {"EL" if cc == "gr" else cc.upper() for cc in eu_vat.MEMBER_STATES}

REQUIRED = _("This field is required.")


@dataclass(frozen=True)
class TraderDetailsInput:
    legal_name: str
    address_line1: str
    city: str
    country: str
    phone: str
    email: str
    registration_number: str
    address_line2: str = ""
    region: str = ""
    postal_code: str = ""
    trade_register: str = ""
    vat_number: str = ""


@dataclass(frozen=True)
class PayoutInput:
    iban: str = ""
    account: str = ""
    country: str = ""


class _Problems:
    """Field messages, each remembered with the error class it belongs to."""

    def __init__(self) -> None:
        self.fields: dict[str, list[str]] = {}
        self.kinds: list[type[DomainError]] = []

    def add(self, kind: type[DomainError], field: str, message) -> None:
        self.fields.setdefault(field, []).append(str(message))
        if kind not in self.kinds:
            self.kinds.append(kind)

    def raise_if_any(self, mixed: type[DomainError]) -> None:
        if not self.fields:
            return
        kind = self.kinds[0] if len(self.kinds) == 1 else mixed
        raise kind(fields=self.fields)


def _stdnum_module(country: str, name: str) -> ModuleType | None:
    try:
        return importlib.import_module(f"stdnum.{country.lower()}.{name}")
    except ImportError:
        return None


def registration_modules(country: str, kind: str) -> list[ModuleType]:
    names = REGISTRATION_MODULES.get(country, {}).get(kind, ())
    return [module for name in names if (module := _stdnum_module(country, name))]


def clean_registration_number(country: str, kind: str, value: str) -> str:
    """The number in its compact form, or the stripped text where no validator applies.

    Raises InvalidRegistrationNumber when validators exist and none accepts the number.
    """
    value = value.strip()
    modules = registration_modules(country, kind)
    if not modules:
        return value
    for module in modules:
        try:
            return module.validate(value)
        except StdnumError:
            continue
    raise errors.InvalidRegistrationNumber(
        fields={"registration_number": [str(errors.InvalidRegistrationNumber.default_message)]}
    )


def clean_vat_number(country: str, value: str) -> str:
    """Compact VAT number; EU numbers keep their country prefix. Empty stays empty."""
    compact = "".join(ch for ch in value.upper() if ch.isalnum())
    if not compact:
        return ""
    try:
        if compact[:2] in EU_VAT_PREFIXES:
            return eu_vat.validate(compact)
        if country.lower() in eu_vat.MEMBER_STATES:
            prefix = "EL" if country == "GR" else country
            return eu_vat.validate(prefix + compact)
        if module := _stdnum_module(country, "vat"):
            return module.validate(compact)
    except StdnumError:
        raise errors.InvalidVatNumber(
            fields={"vat_number": [str(errors.InvalidVatNumber.default_message)]}
        ) from None
    return value.strip()


def _collect(problems: _Problems, field: str, check, *args):
    try:
        return check(*args)
    except DomainError as error:
        for message in error.fields.get(field, [str(error.message)]):
            problems.add(type(error), field, message)
        return None


def validate_trader_details(kind: str, data: TraderDetailsInput) -> TraderDetailsInput:
    """Check every field; raise one error naming each bad field, else return clean values."""
    problems = _Problems()
    clean = {f: getattr(data, f).strip() for f in TraderDetailsInput.__dataclass_fields__}
    _check_required(problems, kind, clean)
    country = _check_address(problems, clean)
    _check_contact(problems, country, clean)
    _check_identifiers(problems, kind, country, clean)
    problems.raise_if_any(errors.InvalidTraderDetails)
    return replace(data, **clean)


def _check_required(problems: _Problems, kind: str, clean: dict[str, str]) -> None:
    required = ("legal_name", "address_line1", "city", "country", "phone", "email")
    for field in (*required, "registration_number"):
        if not clean[field]:
            problems.add(errors.IncompleteTraderDetails, field, REQUIRED)
    if kind not in SellerKind.values:
        problems.add(errors.InvalidSellerKind, "kind", errors.InvalidSellerKind.default_message)


def _check_address(problems: _Problems, clean: dict[str, str]) -> str:
    """Normalise country and postal code in place; return the country if it is valid."""
    country = clean["country"] = clean["country"].upper()
    clean["postal_code"] = " ".join(clean["postal_code"].upper().split())
    if country and country not in countries:
        problems.add(errors.InvalidTraderAddress, "country", _("Choose a valid country."))
        return ""
    if country and (message := check_postal_code(country, clean["postal_code"])):
        problems.add(errors.InvalidTraderAddress, "postal_code", message)
    return country


def _check_contact(problems: _Problems, country: str, clean: dict[str, str]) -> None:
    if clean["phone"]:
        phone, message = normalise_phone(country, clean["phone"])
        if message:
            problems.add(errors.InvalidPhone, "phone", message)
        clean["phone"] = phone or ""
    if clean["email"]:
        try:
            validate_email(clean["email"])
        except DjangoValidationError:
            problems.add(errors.InvalidEmail, "email", errors.InvalidEmail.default_message)


def _check_identifiers(problems: _Problems, kind: str, country: str, clean: dict[str, str]) -> None:
    if not country:
        return
    number, vat = clean["registration_number"], clean["vat_number"]
    if number and kind in SellerKind.values:
        checked = _collect(
            problems, "registration_number", clean_registration_number, country, kind, number
        )
        clean["registration_number"] = checked or ""
    if vat:
        clean["vat_number"] = _collect(problems, "vat_number", clean_vat_number, country, vat) or ""


def validate_payout(data: PayoutInput) -> PayoutInput:
    """An IBAN (its country comes from the IBAN), or another scheme as free text with a country."""
    iban_text, account, country = data.iban.strip(), data.account.strip(), data.country.strip()
    if iban_text:
        try:
            iban = IBAN(iban_text)
        except SchwiftyException:
            raise errors.InvalidIban(
                fields={"iban": [str(errors.InvalidIban.default_message)]}
            ) from None
        return PayoutInput(iban=iban.compact, account="", country=iban.country_code)
    problems = _Problems()
    if not account:
        problems.add(
            errors.InvalidPayoutAccount, "iban", errors.InvalidPayoutAccount.default_message
        )
    if not country or country.upper() not in countries:
        problems.add(errors.InvalidPayoutAccount, "country", _("Choose the account's country."))
    problems.raise_if_any(errors.InvalidPayoutAccount)
    return PayoutInput(iban="", account=account, country=country.upper())
