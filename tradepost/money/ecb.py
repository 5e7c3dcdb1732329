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
        raise InvalidRateFile("Not an ECB reference-rate file (no gesmes:Envelope root).")
    days = root.findall(f"{_CUBE}/{_CUBE}")
    if not days:
        raise InvalidRateFile("The file contains no rate date (no Cube with a time attribute).")
    rows: list[ParsedRate] = []
    for day in days:
        rows.extend(_parse_day(day))
    return rows


def _reject_dtd(*_args) -> None:
    raise InvalidRateFile("DTDs and entity declarations are not allowed in a rate file.")


def _parse_xml(xml_bytes: bytes) -> ET.Element:
    if not isinstance(xml_bytes, bytes | bytearray):
        raise InvalidRateFile("The rate file must be given as bytes.")
    # A first pass with a bare expat parser refuses DTDs (entity expansion) before building a tree.
    checker = expat.ParserCreate()
    checker.StartDoctypeDeclHandler = _reject_dtd
    checker.EntityDeclHandler = _reject_dtd
    try:
        checker.Parse(xml_bytes, True)
        return ET.fromstring(xml_bytes)
    except (expat.ExpatError, ET.ParseError) as exc:
        raise InvalidRateFile(f"The rate file is not well-formed XML: {exc}.") from None


def _parse_day(day: ET.Element) -> list[ParsedRate]:
    raw_date = day.get("time")
    if not raw_date:
        raise InvalidRateFile("A day of rates has no date (Cube without a time attribute).")
    try:
        rate_date = dt.date.fromisoformat(raw_date.strip())
    except ValueError:
        raise InvalidRateFile(f"“{raw_date[:32]}” is not a date (expected YYYY-MM-DD).") from None
    cubes = day.findall(_CUBE)
    if not cubes:
        raise InvalidRateFile(f"The day {rate_date} has no rates.")
    seen: set[str] = set()
    rows = []
    for cube in cubes:
        row = ParsedRate(_currency(cube, rate_date), _rate(cube, rate_date), rate_date)
        if row.quote in seen:
            raise InvalidRateFile(f"{row.quote} appears twice on {rate_date}.")
        seen.add(row.quote)
        rows.append(row)
    return rows


def _currency(cube: ET.Element, rate_date: dt.date) -> str:
    code = (cube.get("currency") or "").strip()
    if not code:
        raise InvalidRateFile(f"A rate on {rate_date} has no currency attribute.")
    if code == EUR or not currencies.is_known_currency(code):
        raise InvalidRateFile(f"Unknown currency code “{code[:16]}” on {rate_date}.")
    return code


def _rate(cube: ET.Element, rate_date: dt.date) -> Decimal:
    code = cube.get("currency")
    raw = (cube.get("rate") or "").strip()
    try:
        rate = Decimal(raw)
    except InvalidOperation:
        raise InvalidRateFile(
            f"The {code} rate on {rate_date} is not a number: “{raw[:32]}”."
        ) from None
    if not rate.is_finite() or rate <= 0:
        raise InvalidRateFile(f"The {code} rate on {rate_date} must be positive, not {raw[:32]}.")
    _, digits, exponent = rate.normalize().as_tuple()  # trailing zeros cost nothing
    if -exponent > _MAX_DECIMALS or len(digits) + exponent > _MAX_INTEGER_DIGITS:
        raise InvalidRateFile(f"The {code} rate on {rate_date} has too many digits: {raw[:32]}.")
    return rate
