"""Fixtures of the money tests: the bundled ECB files, imported or raw."""

from pathlib import Path

import pytest

from tradepost.money.services import import_ecb_rates

ECB_DIR = Path(__file__).resolve().parents[1] / "data" / "ecb"


@pytest.fixture
def ecb_2022_xml() -> bytes:
    return (ECB_DIR / "eurofxref-2022-07-08.xml").read_bytes()


@pytest.fixture
def ecb_2020_xml() -> bytes:
    return (ECB_DIR / "eurofxref-2020-05-26.xml").read_bytes()


@pytest.fixture
def rates_2022(db, clock, ecb_2022_xml):
    """Only the 2022-07-08 file: 31 currencies, no RUB."""
    return import_ecb_rates(ecb_2022_xml, now=clock.now())


@pytest.fixture
def rates_both(rates_2022, clock, ecb_2020_xml):
    """Both bundled days: 2020-05-26 (with RUB) and 2022-07-08."""
    return import_ecb_rates(ecb_2020_xml, now=clock.now())
