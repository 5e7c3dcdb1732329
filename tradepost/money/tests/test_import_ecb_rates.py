import datetime as dt
from decimal import Decimal

import pytest

from tradepost.errors import InvalidInput
from tradepost.money.errors import InvalidRateFile
from tradepost.money.models import ExchangeRate
from tradepost.money.services import import_ecb_rates

JULY_8 = dt.date(2022, 7, 8)


def test_stores_every_rate_of_the_day(db, clock, ecb_2022_xml):
    result = import_ecb_rates(ecb_2022_xml, now=clock.now())

    assert result.count == 31
    assert result.rate_dates == (JULY_8,)
    assert ExchangeRate.objects.count() == 31
    jpy = ExchangeRate.objects.get(quote="JPY")
    assert (jpy.source, jpy.base, jpy.rate, jpy.rate_date) == (
        "ECB",
        "EUR",
        Decimal("138.05"),
        JULY_8,
    )
    assert jpy.imported_at == clock.now()
    assert not ExchangeRate.objects.filter(quote="RUB").exists()


def test_records_the_given_source(db, clock, ecb_2022_xml):
    import_ecb_rates(ecb_2022_xml, source="ECB-TEST", now=clock.now())

    assert set(ExchangeRate.objects.values_list("source", flat=True)) == {"ECB-TEST"}


def test_reimport_is_idempotent(db, clock, ecb_2022_xml):
    import_ecb_rates(ecb_2022_xml, now=clock.now())
    later = clock.advance(hours=1)

    result = import_ecb_rates(ecb_2022_xml, now=later)

    assert result.count == 31
    assert ExchangeRate.objects.count() == 31
    assert ExchangeRate.objects.get(quote="USD").rate == Decimal("1.0163")
    assert set(ExchangeRate.objects.values_list("imported_at", flat=True)) == {later}


def test_reimport_of_a_corrected_file_updates_the_rate(db, clock, ecb_2022_xml):
    import_ecb_rates(ecb_2022_xml, now=clock.now())
    corrected = ecb_2022_xml.replace(b"rate='1.0163'", b"rate='1.0170'")

    import_ecb_rates(corrected, now=clock.now())

    assert ExchangeRate.objects.count() == 31
    assert ExchangeRate.objects.get(quote="USD").rate == Decimal("1.0170")


def test_two_days_are_kept_side_by_side(db, clock, ecb_2022_xml, ecb_2020_xml):
    import_ecb_rates(ecb_2022_xml, now=clock.now())
    import_ecb_rates(ecb_2020_xml, now=clock.now())

    assert ExchangeRate.objects.count() == 31 + 32
    assert ExchangeRate.objects.get(quote="RUB").rate_date == dt.date(2020, 5, 26)


BAD_FILES = {
    "not xml": lambda good: b"this is not xml",
    "truncated": lambda good: good[: len(good) // 2],
    "empty": lambda good: b"",
    "wrong root": lambda good: b"<rates><rate currency='USD' value='1.1'/></rates>",
    "no date cube": lambda good: good.replace(b"<Cube time='2022-07-08'>", b"<Cube>"),
    "bad date": lambda good: good.replace(b"2022-07-08", b"2022-13-45"),
    "negative rate": lambda good: good.replace(b"rate='138.05'", b"rate='-138.05'"),
    "zero rate": lambda good: good.replace(b"rate='138.05'", b"rate='0'"),
    "non-numeric rate": lambda good: good.replace(b"rate='138.05'", b"rate='138,05'"),
    "nan rate": lambda good: good.replace(b"rate='138.05'", b"rate='NaN'"),
    "missing rate": lambda good: good.replace(b"rate='138.05'", b""),
    "too many decimals": lambda good: good.replace(b"rate='138.05'", b"rate='138.050000000001'"),
    "unknown currency": lambda good: good.replace(b"currency='JPY'", b"currency='XYZ'"),
    "eur quoted in eur": lambda good: good.replace(b"currency='JPY'", b"currency='EUR'"),
    "duplicate currency": lambda good: good.replace(b"currency='JPY'", b"currency='USD'"),
    "last rate bad": lambda good: good.replace(b"rate='17.1922'", b"rate='-1'"),
    "entity expansion": lambda good: good.replace(
        b"<gesmes:Envelope",
        b'<!DOCTYPE lol [<!ENTITY lol "lol">]>\n<gesmes:Envelope',
    ),
}


@pytest.mark.parametrize("make_bad", BAD_FILES.values(), ids=BAD_FILES.keys())
def test_bad_file_is_refused_and_nothing_is_written(db, clock, ecb_2022_xml, make_bad):
    with pytest.raises(InvalidRateFile) as caught:
        import_ecb_rates(make_bad(ecb_2022_xml), now=clock.now())

    assert caught.value.code == "invalid_rate_file"
    assert caught.value.http_status == 422
    assert str(caught.value)
    assert ExchangeRate.objects.count() == 0


def test_bad_reimport_leaves_earlier_rates_untouched(db, clock, ecb_2022_xml):
    import_ecb_rates(ecb_2022_xml, now=clock.now())
    bad = ecb_2022_xml.replace(b"rate='1.0163'", b"rate='2.0'").replace(
        b"rate='17.1922'", b"rate='-1'"
    )

    with pytest.raises(InvalidRateFile):
        import_ecb_rates(bad, now=clock.advance(hours=1))

    assert ExchangeRate.objects.count() == 31
    assert ExchangeRate.objects.get(quote="USD").rate == Decimal("1.0163")


def test_message_names_the_problem(db, clock, ecb_2022_xml):
    bad = ecb_2022_xml.replace(b"rate='138.05'", b"rate='-138.05'")

    with pytest.raises(InvalidRateFile, match="JPY rate on 2022-07-08 must be positive"):
        import_ecb_rates(bad, now=clock.now())


def test_refuses_an_overlong_source(db, clock, ecb_2022_xml):
    with pytest.raises(InvalidInput):
        import_ecb_rates(ecb_2022_xml, source="X" * 17, now=clock.now())

    assert ExchangeRate.objects.count() == 0
