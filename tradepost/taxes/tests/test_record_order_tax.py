"""record_order_tax keeps what an order's consignment was assessed; record_tax_refund gives tax
back with a negative adjustment, never more than was collected, and writes nothing on bad input."""

import datetime as dt

import pytest

from tradepost.taxes.errors import (
    InvalidConsignment,
    OrderTaxAlreadyRecorded,
    OrderTaxNotFound,
    TaxRefundTooLarge,
)
from tradepost.taxes.models import OrderTax, TaxAdjustment
from tradepost.taxes.services import (
    ConsignmentLine,
    assess_consignment,
    record_order_tax,
    record_tax_refund,
    tax_share_of_refund,
)
from tradepost.taxes.testing import placed_order, record_tax

pytestmark = pytest.mark.django_db

PLACED = dt.datetime(2026, 7, 10, 9, tzinfo=dt.UTC)


@pytest.fixture
def order(clock):
    clock.move_to(PLACED)
    return placed_order(country="DE", price_minor=10000, now=PLACED)


@pytest.fixture
def taxed(order):
    return record_tax(order, destination="DE")


def test_records_the_assessment(order, taxed):
    taxable = order.items_minor + order.shipping_minor - order.discount_minor
    assert (taxed.order, taxed.regime, taxed.jurisdiction, taxed.rate_bps) == (
        order, "eu_ioss", "DE", 1900,
    )  # fmt: skip
    assert (taxed.taxable_minor, taxed.vat_minor, taxed.duty_minor, taxed.currency) == (
        taxable, taxable * 19 // 100, 300, "EUR",
    )  # fmt: skip
    assert (taxed.reverse_charge, taxed.vat_number, taxed.created_at) == (False, "", PLACED)
    assert order.import_tax == taxed


def test_records_a_reverse_charge_with_the_number(order):
    taxed = record_tax(order, destination="DE", business_vat_number="DE 136 695 976")

    assert (taxed.regime, taxed.reverse_charge, taxed.vat_number) == ("", True, "DE136695976")
    assert (taxed.vat_minor, taxed.duty_minor) == (0, 0)


def test_a_second_record_is_refused(order, taxed):
    with pytest.raises(OrderTaxAlreadyRecorded) as caught:
        record_tax(order, destination="DE")

    assert caught.value.http_status == 409
    assert OrderTax.objects.filter(order=order).count() == 1


def test_an_assessment_in_another_currency_is_refused(order):
    assessment = assess_consignment(
        destination="GB", lines=[ConsignmentLine("620610", 1, False)], value_minor=5000,
        value_currency="GBP", taxable_minor=5000, currency="GBP", on=PLACED.date(),
    )  # fmt: skip

    with pytest.raises(InvalidConsignment):
        record_order_tax(order=order, assessment=assessment, now=PLACED)

    assert not OrderTax.objects.exists()


def test_a_partial_refund_gives_back_vat_and_taxable_in_proportion(order, taxed, clock):
    later = PLACED + dt.timedelta(days=40)

    adjustment = record_tax_refund(order=order, vat_minor=950, duty_minor=0, now=later)

    assert (adjustment.taxable_minor, adjustment.vat_minor, adjustment.duty_minor) == (
        -(taxed.taxable_minor * 950 // taxed.vat_minor), -950, 0,
    )  # fmt: skip
    assert adjustment.created_at == later


def test_refunds_add_up_to_exactly_what_was_collected(order, taxed):
    record_tax_refund(order=order, vat_minor=333, duty_minor=100, now=PLACED)
    record_tax_refund(order=order, vat_minor=taxed.vat_minor - 333, duty_minor=200, now=PLACED)

    rows = TaxAdjustment.objects.filter(order_tax=taxed)
    assert -sum(row.taxable_minor for row in rows) == taxed.taxable_minor
    assert -sum(row.vat_minor for row in rows) == taxed.vat_minor
    assert -sum(row.duty_minor for row in rows) == taxed.duty_minor


def test_more_than_was_collected_is_refused_and_nothing_written(order, taxed):
    record_tax_refund(order=order, vat_minor=1000, duty_minor=0, now=PLACED)

    with pytest.raises(TaxRefundTooLarge) as caught:
        record_tax_refund(order=order, vat_minor=taxed.vat_minor - 999, duty_minor=0, now=PLACED)
    with pytest.raises(TaxRefundTooLarge):
        record_tax_refund(order=order, vat_minor=0, duty_minor=301, now=PLACED)

    assert (caught.value.code, caught.value.http_status) == ("tax_refund_too_large", 422)
    assert TaxAdjustment.objects.count() == 1


@pytest.mark.parametrize(("vat", "duty"), [(-1, 0), (0, -300), (True, 0)])
def test_negative_or_odd_amounts_are_refused(order, taxed, vat, duty):
    with pytest.raises(InvalidConsignment):
        record_tax_refund(order=order, vat_minor=vat, duty_minor=duty, now=PLACED)

    assert not TaxAdjustment.objects.exists()


def test_an_order_without_tax_has_nothing_to_refund(order):
    assert record_tax_refund(order=order, vat_minor=0, duty_minor=0, now=PLACED) is None
    with pytest.raises(OrderTaxNotFound):
        record_tax_refund(order=order, vat_minor=100, duty_minor=0, now=PLACED)

    assert not TaxAdjustment.objects.exists()


def test_share_of_a_refund_is_proportional_and_capped(order, taxed):
    half = order.total_minor // 2

    vat, duty = tax_share_of_refund(order=order, refund_minor=half)
    record_tax_refund(order=order, vat_minor=vat, duty_minor=duty, now=PLACED)
    rest = tax_share_of_refund(order=order, refund_minor=order.total_minor)

    assert (vat, duty) == (
        round(taxed.vat_minor * half / order.total_minor),
        round(taxed.duty_minor * half / order.total_minor),
    )
    assert rest == (taxed.vat_minor - vat, taxed.duty_minor - duty)
    assert tax_share_of_refund(order=order, refund_minor=0) == (0, 0)
