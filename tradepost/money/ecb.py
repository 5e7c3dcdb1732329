"""Parser for the ECB reference-rate XML (`eurofxref-daily.xml` and its 90-day/history variants).

    <gesmes:Envelope ...><Cube><Cube time="2022-07-08"><Cube currency="USD" rate="1.0163"/>...

Pure: bytes in, validated rows out, or InvalidRateFile naming the first problem. Each rate is
units of the currency per 1 EUR.
"""

import datetime as dt
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from xml.parsers import expat

from django.utils.translation import gettext as _

from tradepost.money import currencies
from tradepost.money.errors import InvalidRateFile
from tradepost.money.models import EUR

_GESMES = "{http://www.gesmes.org/xml/2002-08-01}"
_EUROFXREF = "{http://www.ecb.int/vocabulary/2002-08-01/eurofxref}"
_CUBE = f"{_EUROFXREF}Cube"
# What ExchangeRate.rate can hold without rounding (max_digits=24, decimal_places=10).
_MAX_DECIMALS = 10
_MAX_INTEGER_DIGITS = 14


@dataclass(frozen=True)
class ParsedRate:
    quote: str
    rate: Decimal
    rate_date: dt.date


def parse_ecb_xml(xml_bytes: bytes) -> list[ParsedRate]:
    root = _parse_xml(xml_bytes)
    if root.tag != f"{_GESMES}Envelope":
        raise InvalidRateFile(_("Not an ECB reference-rate file (no gesmes:Envelope root)."))
    days = root.findall(f"{_CUBE}/{_CUBE}")
    if not days:
        raise InvalidRateFile(_("The file contains no rate date (no Cube with a time attribute)."))
    rows: list[ParsedRate] = []
    for day in days:
        rows.extend(_parse_day(day))
    return rows


def _reject_dtd(*_args) -> None:
    raise InvalidRateFile(_("DTDs and entity declarations are not allowed in a rate file."))


def _parse_xml(xml_bytes: bytes) -> ET.Element:
    if not isinstance(xml_bytes, bytes | bytearray):
        raise InvalidRateFile(_("The rate file must be given as bytes."))
    # A first pass with a bare expat parser refuses DTDs (entity expansion) before building a tree.
    checker = expat.ParserCreate()
    checker.StartDoctypeDeclHandler = _reject_dtd
    checker.EntityDeclHandler = _reject_dtd
    try:
        checker.Parse(xml_bytes, True)
        return ET.fromstring(xml_bytes)
    except (expat.ExpatError, ET.ParseError) as exc:
        raise InvalidRateFile(
            _("The rate file is not well-formed XML: %(error)s.") % {"error": exc}
        ) from None


def _parse_day(day: ET.Element) -> list[ParsedRate]:
    raw_date = day.get("time")
    if not raw_date:
        raise InvalidRateFile(_("A day of rates has no date (Cube without a time attribute)."))
    try:
        rate_date = dt.date.fromisoformat(raw_date.strip())
    except ValueError:
        raise InvalidRateFile(
            _("“%(value)s” is not a date (expected YYYY-MM-DD).") % {"value": raw_date[:32]}
        ) from None
    cubes = day.findall(_CUBE)
    if not cubes:
        raise InvalidRateFile(_("The day %(day)s has no rates.") % {"day": rate_date})
    seen: set[str] = set()
    rows = []
    for cube in cubes:
        row = ParsedRate(_currency(cube, rate_date), _rate(cube, rate_date), rate_date)
        if row.quote in seen:
            raise InvalidRateFile(
                _("%(currency)s appears twice on %(day)s.")
                % {"currency": row.quote, "day": rate_date}
            )
        seen.add(row.quote)
        rows.append(row)
    return rows


def _currency(cube: ET.Element, rate_date: dt.date) -> str:
    code = (cube.get("currency") or "").strip()
    if not code:
        raise InvalidRateFile(
            _("A rate on %(day)s has no currency attribute.") % {"day": rate_date}
        )
    if code == EUR or not currencies.is_known_currency(code):
        raise InvalidRateFile(
            _("Unknown currency code “%(currency)s” on %(day)s.")
            % {"currency": code[:16], "day": rate_date}
        )
    return code


def _rate(cube: ET.Element, rate_date: dt.date) -> Decimal:
    code = cube.get("currency")
    raw = (cube.get("rate") or "").strip()
    try:
        rate = Decimal(raw)
    except InvalidOperation:
        raise InvalidRateFile(
            _("The %(currency)s rate on %(day)s is not a number: “%(value)s”.")
            % {"currency": code, "day": rate_date, "value": raw[:32]}
        ) from None
    if not rate.is_finite() or rate <= 0:
        raise InvalidRateFile(
            _("The %(currency)s rate on %(day)s must be positive, not %(value)s.")
            % {"currency": code, "day": rate_date, "value": raw[:32]}
        )
    _sign, digits, exponent = rate.normalize().as_tuple()  # trailing zeros cost nothing
    if -exponent > _MAX_DECIMALS or len(digits) + exponent > _MAX_INTEGER_DIGITS:
        raise InvalidRateFile(
            _("The %(currency)s rate on %(day)s has too many digits: %(value)s.")
            % {"currency": code, "day": rate_date, "value": raw[:32]}
        )
    return rate
