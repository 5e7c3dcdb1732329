"""release_escrow: every leg to the minor unit, in one currency and across currencies, with
platform- and seller-funded coupons, tax, category commission and refunds before release.

Rates (1 EUR = …): CNY 7.5, JPY 160, KRW 1450. Store → EUR rates to 12 significant digits:
CNY 0.133333333333, JPY 0.00625, KRW 0.000689655172414.
"""

import datetime as dt

import pytest

from tradepost.cart.testing import add_rates, cart_with, make_buyer, place
from tradepost.catalog.testing import make_category, make_product, make_seller_store
from tradepost.ledger import accounts, selectors, services
from tradepost.ledger.errors import ExceedsEscrow, NothingInEscrow
from tradepost.ledger.models import EntryKind, JournalEntry
from tradepost.ledger.testing import complete, paid_orders
from tradepost.promotions.testing import make_coupon
from tradepost.shipping.testing import flat_rate as set_flat_rate


@pytest.fixture
def shop(db, clock):
    add_rates(CNY="7.5", JPY="160", KRW="1450")
    return make_category(["home"], commission_bps=800)


def _variant(store, category, price_minor, stock=20):
    product = make_product(
        store=store, category=category, variants=[{"price_minor": price_minor, "stock": stock}]
    )
    return product.variants.get()


def _legs(entry) -> dict[str, int]:
    """{account code: amount} with the order's seller id replaced by "S"; two postings on one
    account (FX conversion and rounding) are listed as code and code+"#2"."""
    found: dict[str, int] = {}
    for posting in entry.postings.select_related("account").order_by("id"):
        account = posting.account
        code = (
            account.code.replace(f":{account.seller_id}:", ":S:")
            if account.seller_id
            else account.code
        )
        found[code + ("#2" if code in found else "")] = posting.amount_minor
    return found


def _eur_store(category, **flat):
    store = make_seller_store(currency="EUR", country="DE")
    set_flat_rate(store, rate_minor=500, **flat)
    return store, _variant(store, category, 1000)


def test_same_currency_seller_gets_items_and_shipping_less_commission(shop):
    store, variant = _eur_store(shop)
    (order,) = paid_orders(make_buyer(), (variant, 2))
    assert order.total_minor == 2500  # 2 × 10.00 + 5.00 shipping

    entry = complete(order)

    # Commission: 8 % of the items (20.00) only, not of shipping.
    assert _legs(entry) == {
        "escrow:EUR": 2500,
        "seller_payable:S:EUR": -2340,
        "commission_revenue:EUR": -160,
    }
    assert entry.reference == f"release:{order.public_id}" and entry.kind == EntryKind.RELEASE
    assert selectors.escrow_by_order(order) == 0
    assert selectors.seller_balances(store.seller)["EUR"].available == 2340
    assert selectors.check_invariants() == []


def test_a_platform_coupon_is_paid_by_the_platform(shop):
    store, variant = _eur_store(shop)
    make_coupon(code="PLATFORM3", amount_minor=300, currency="EUR")
    (order,) = paid_orders(make_buyer(), (variant, 2), coupon_codes=["PLATFORM3"])
    assert order.total_minor == 2200

    entry = complete(order)

    assert _legs(entry) == {
        "escrow:EUR": 2200,
        "seller_payable:S:EUR": -2340,  # as without the coupon
        "commission_revenue:EUR": -160,
        "platform_promotions:EUR": 300,
    }
    assert selectors.check_invariants() == []


def test_a_seller_coupon_is_paid_by_the_seller(shop):
    store, variant = _eur_store(shop)
    make_coupon(code="SELLER3", store=store, amount_minor=300, currency="EUR")
    (order,) = paid_orders(make_buyer(), (variant, 2), coupon_codes=["SELLER3"])

    entry = complete(order)

    assert _legs(entry) == {
        "escrow:EUR": 2200,
        "seller_payable:S:EUR": -2040,  # 25.00 − 3.00 coupon − 1.60 commission
        "commission_revenue:EUR": -160,
    }


def test_commission_is_per_line_at_its_category_rate(shop):
    store, ten_pct = _eur_store(shop)
    cheap = make_category(["books"], commission_bps=500)
    other = _variant(store, cheap, 3000)
    ten_pct.product.category.commission_bps = 1000
    ten_pct.product.category.save()
    (order,) = paid_orders(make_buyer(), (ten_pct, 2), (other, 1))

    entry = complete(order)

    # 10 % of 20.00 + 5 % of 30.00 = 2.00 + 1.50
    assert _legs(entry)["commission_revenue:EUR"] == -350
    assert _legs(entry)["seller_payable:S:EUR"] == -(5500 - 350)


def test_buyer_in_eur_store_in_cny_with_an_explicit_rounding_leg(shop):
    store = make_seller_store(currency="CNY")
    set_flat_rate(store, rate_minor=3000)
    # A buyer in the US paying in euros: no import tax collected, the FX arithmetic alone.
    (order,) = paid_orders(make_buyer(country="US"), (_variant(store, shop, 9999), 1))
    # 99.99 CNY → 13.3319999999667 → €13.33; shipping 30.00 CNY → 3.99999999999 → €4.00.
    assert (order.items_minor, order.shipping_minor, order.total_minor) == (1333, 400, 1733)

    entry = complete(order)

    # €17.33 at 0.133333333333 = 129.975000000325 CNY → 129.98; the seller priced 129.99:
    # the missing 0.01 is the rounding leg. Commission 8 % of 99.99 = 7.9992 → 8.00.
    assert _legs(entry) == {
        "escrow:EUR": 1733,
        "seller_payable:S:CNY": -12199,
        "commission_revenue:CNY": -800,
        "fx_difference:EUR": -1733,
        "fx_difference:CNY": 12998,
        "fx_difference:CNY#2": 1,
    }
    assert selectors.check_invariants() == []


def test_store_in_jpy_without_minor_units(shop):
    store = make_seller_store(currency="JPY", country="JP")
    set_flat_rate(store, rate_minor=500)
    (order,) = paid_orders(make_buyer(country="US"), (_variant(store, shop, 1999), 3))
    # ¥5,997 × 0.00625 = €37.48125 → 37.48; ¥500 → €3.125 → 3.12 (half to even).
    assert order.total_minor == 3748 + 312

    entry = complete(order)

    # €40.60 / 0.00625 = ¥6,496 exactly; priced ¥6,497; commission ¥479.76 → ¥480.
    assert _legs(entry) == {
        "escrow:EUR": 4060,
        "seller_payable:S:JPY": -(6497 - 480),
        "commission_revenue:JPY": -480,
        "fx_difference:EUR": -4060,
        "fx_difference:JPY": 6496,
        "fx_difference:JPY#2": 1,
    }


@pytest.mark.parametrize(("country", "commission"), [("KR", 0), ("TR", 5600)])
def test_korean_sellers_pay_no_commission_under_their_programme(shop, country, commission):
    store = make_seller_store(currency="KRW", country=country)
    set_flat_rate(store, rate_minor=3000, free_over_minor=50000)
    (order,) = paid_orders(make_buyer(country="US"), (_variant(store, shop, 35000), 2))
    # ₩70,000 × 0.000689655172414 = €48.27586… → 48.28; free shipping.
    assert order.total_minor == 4828

    entry = complete(order)

    # €48.28 / 0.000689655172414 = ₩70,005.99999… → ₩70,006; priced ₩70,000: −6 rounding.
    legs = _legs(entry)
    assert legs["fx_difference:KRW"] == 70006
    assert legs["fx_difference:KRW#2"] == -6
    assert legs.get("commission_revenue:KRW", 0) == -commission
    assert legs["seller_payable:S:KRW"] == -(70000 - commission)


def test_a_programme_that_ended_yesterday_no_longer_waives_commission(shop, clock):
    from tradepost.sellers.models import FeeProgramme

    FeeProgramme.objects.filter(country="KR").update(
        ends_on=clock.now().date() - dt.timedelta(days=1)
    )
    store = make_seller_store(currency="KRW", country="KR")
    set_flat_rate(store, rate_minor=3000, free_over_minor=50000)
    (order,) = paid_orders(make_buyer(), (_variant(store, shop, 35000), 2))

    legs = _legs(complete(order))

    assert legs["commission_revenue:KRW"] == -5600  # the category's 8 % of ₩70,000
    assert legs["seller_payable:S:KRW"] == -(70000 - 5600)


def _imported_into_france(shop):
    """A Chinese store pricing in euros sells 2 × 10.00 + 5.00 shipping to a buyer in France:
    IOSS VAT 20 % × 25.00 = 5.00 and the €3 duty (one tariff subheading) are collected."""
    store = make_seller_store(currency="EUR", country="CN")
    set_flat_rate(store, rate_minor=500)
    (order,) = paid_orders(make_buyer(country="FR"), (_variant(store, shop, 1000), 2))
    assert (order.tax_minor, order.total_minor) == (800, 3300)
    return order


def test_import_tax_goes_to_the_destination_country_at_release(shop):
    order = _imported_into_france(shop)

    entry = complete(order)

    assert _legs(entry) == {
        "escrow:EUR": 3300,
        "seller_payable:S:EUR": -2340,
        "commission_revenue:EUR": -160,
        "tax_payable:FR:EUR": -800,
    }
    assert selectors.tax_payable_by_jurisdiction() == [("FR", "EUR", 800)]


def test_a_partial_refund_reverses_its_share_of_the_import_tax(shop, clock):
    from tradepost.payments.refunds import refund_order
    from tradepost.payments.testing import pay
    from tradepost.taxes.models import TaxAdjustment

    store = make_seller_store(currency="EUR", country="CN")
    set_flat_rate(store, rate_minor=500)
    buyer = make_buyer(country="FR")
    cart_with(buyer, (_variant(store, shop, 1000), 2))
    checkout = place(buyer)
    pay(checkout)
    order = checkout.orders.get()
    assert (order.tax_minor, order.total_minor) == (800, 3300)

    refund_order(order=order, amount_minor=1650, reason="Half the parcel was broken.",
                 actor=None, now=clock.now())  # fmt: skip

    # Half the order back: half its VAT (2.50) and duty (1.50) are no longer owed ...
    adjustment = TaxAdjustment.objects.get(order_tax__order=order)
    assert (adjustment.vat_minor, adjustment.duty_minor) == (-250, -150)
    # ... and the release posts only the other half to France.
    entry = complete(order)
    assert _legs(entry)["tax_payable:FR:EUR"] == -400
    assert selectors.tax_payable_by_jurisdiction() == [("FR", "EUR", 400)]
    assert selectors.check_invariants() == []


def test_a_partial_refund_before_release_shrinks_every_part_pro_rata(shop, clock):
    store, variant = _eur_store(shop)
    (order,) = paid_orders(make_buyer(), (variant, 2))

    services.record_refund(reference="refund:1", order=order, amount_minor=500, now=clock.now())
    assert selectors.escrow_by_order(order) == 2000

    entry = complete(order)

    # 2000 of 2500 left (80 %): commission 80 % of 1.60 = 1.28.
    assert _legs(entry) == {
        "escrow:EUR": 2000,
        "seller_payable:S:EUR": -1872,
        "commission_revenue:EUR": -128,
    }
    assert selectors.check_invariants() == []


def test_refunds_never_exceed_the_escrow(shop, clock):
    store, variant = _eur_store(shop)
    (order,) = paid_orders(make_buyer(), (variant, 2))

    with pytest.raises(ExceedsEscrow):
        services.record_refund(reference="r1", order=order, amount_minor=2501, now=clock.now())
    services.record_refund(reference="r2", order=order, amount_minor=2500, now=clock.now())
    # The same reference again is the same refund, not a second one.
    services.record_refund(reference="r2", order=order, amount_minor=2500, now=clock.now())
    with pytest.raises(ExceedsEscrow):
        services.record_refund(reference="r3", order=order, amount_minor=1, now=clock.now())
    assert selectors.escrow_by_order(order) == 0
    # Owed to the buyer until the gateway confirms it sent the money back.
    assert selectors.account_balance(accounts.refunds("EUR")) == 2500
    assert selectors.account_balance(accounts.gateway_clearing("EUR")) == 2500
    services.record_refund_sent(
        reference="r2-sent", order=order, amount_minor=2500, now=clock.now()
    )
    assert selectors.account_balance(accounts.refunds("EUR")) == 0
    assert selectors.account_balance(accounts.gateway_clearing("EUR")) == 0
    with pytest.raises(NothingInEscrow):
        services.release_escrow(order=order, now=clock.now())


def test_releasing_twice_posts_once(shop, clock):
    store, variant = _eur_store(shop)
    (order,) = paid_orders(make_buyer(), (variant, 1))

    first = complete(order)
    again = services.release_escrow(order=order, now=clock.now())

    assert again.pk == first.pk
    assert JournalEntry.objects.filter(kind=EntryKind.RELEASE).count() == 1
