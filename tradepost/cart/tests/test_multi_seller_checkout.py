"""Three sellers in three currencies, a buyer paying in a fourth: every amount of the checkout and
its orders matches a hand computation to the minor unit.

Rates (ECB style, 1 EUR = …): CNY 7.5, KRW 1450, USD 1.05, GBP 0.85. Cross rates into GBP, to 12
significant digits: CNY 0.85/7.5 = 0.113333333333; KRW 0.85/1450 = 0.000586206896552;
USD 0.85/1.05 = 0.809523809524. Each line total and each shipping amount is converted once and
rounded half to even.
"""

import datetime as dt
from decimal import Decimal

import pytest

from tradepost.cart.models import Checkout
from tradepost.cart.testing import add_rates, cart_with, make_buyer, place
from tradepost.catalog.testing import make_category, make_product, make_seller_store
from tradepost.inventory.models import Reservation
from tradepost.orders.models import ChargeKind, Order
from tradepost.promotions.models import Coupon, CouponKind, FundedBy
from tradepost.shipping.testing import flat_rate as set_flat_rate

NOW = dt.datetime(2026, 11, 25, 10, tzinfo=dt.UTC)


@pytest.fixture
def shop(db, clock):
    clock.move_to(NOW)
    add_rates(CNY="7.5", KRW="1450", USD="1.05", GBP="0.85")
    category = make_category(["home", "kitchen"])
    cn = make_seller_store(currency="CNY", name="Guangzhou Kitchen")
    kr = make_seller_store(country="KR", currency="KRW", name="Seoul Tea")
    us = make_seller_store(country="US", currency="USD", name="Austin Knives")
    set_flat_rate(cn, rate_minor=3000, free_over_minor=200000)  # 30.00, free from 2,000
    set_flat_rate(kr, rate_minor=3000, free_over_minor=50000)  # ₩3,000, free from ₩50,000
    set_flat_rate(us, rate_minor=500)  # $5.00, never free
    wok = make_product(
        store=cn,
        category=category,
        titles={"en": "Carbon steel wok"},
        variants=[{"price_minor": 19900, "stock": 50, "tiers": [(10, 15000)]}],
    ).variants.get()
    lid = make_product(
        store=cn, category=category, variants=[{"price_minor": 4990, "stock": 5}]
    ).variants.get()
    tea = make_product(
        store=kr, category=category, variants=[{"price_minor": 35000, "stock": 9}]
    ).variants.get()
    knife = make_product(
        store=us, category=category, variants=[{"price_minor": 1299, "stock": 7}]
    ).variants.get()
    return {"cn": cn, "kr": kr, "us": us, "wok": wok, "lid": lid, "tea": tea, "knife": knife}


def _orders_by_store(checkout):
    return {order.store_id: order for order in checkout.orders.all()}


def test_every_amount_matches_the_hand_computation(shop):
    buyer = make_buyer(country="GB")
    cart_with(buyer, (shop["wok"], 10), (shop["lid"], 1), (shop["tea"], 2), (shop["knife"], 3))

    checkout = place(buyer, currency="GBP")

    orders = _orders_by_store(checkout)
    cn, kr, us = orders[shop["cn"].id], orders[shop["kr"].id], orders[shop["us"].id]
    # CNY: wok 10 × 150.00 (tier from 10) = 1,500.00 → 169.9999999995 → £170.00;
    # lid 49.90 → 5.65533333331 → £5.66; shipping 30.00 (items 1,549.90 < 2,000) → £3.40.
    wok_line = cn.lines.get(sku=shop["wok"].sku)
    assert (wok_line.unit_price_minor, wok_line.tier_min_quantity) == (15000, 10)
    assert (wok_line.store_line_total_minor, wok_line.line_total_minor) == (150000, 17000)
    assert cn.lines.get(sku=shop["lid"].sku).line_total_minor == 566
    assert (cn.store_items_minor, cn.items_minor, cn.shipping_minor) == (154990, 17566, 340)
    # KRW: 2 × ₩35,000 = ₩70,000 → 41.03448275864 → £41.03; free shipping from ₩50,000.
    # UK VAT (consignment ≤ £135, the marketplace collects): 20 % × 41.03 = 8.206 → £8.21.
    assert (kr.items_minor, kr.shipping_minor, kr.tax_minor) == (4103, 0, 821)
    assert kr.total_minor == 4103 + 821
    # USD: 3 × 12.99 = 38.97 → 31.5481428571 → £31.55; shipping 5.00 → 4.04761904762 → £4.05.
    # UK VAT on items + shipping: 20 % × 35.60 = £7.12.
    assert (us.items_minor, us.shipping_minor, us.tax_minor) == (3155, 405, 712)
    assert us.total_minor == 3560 + 712
    # The CNY parcel is worth 1,549.90 CNY = £175.65 > £135: no VAT collected at checkout.
    assert (cn.tax_minor, cn.total_minor) == (0, 17566 + 340)
    assert cn.import_tax.regime == "" and cn.import_tax.jurisdiction == "GB"
    assert (cn.currency, cn.store_currency, cn.fx_rate) == ("GBP", "CNY", Decimal("0.113333333333"))
    assert kr.fx_rate == Decimal("0.000586206896552")
    assert us.fx_rate == Decimal("0.809523809524")
    assert checkout.total_minor == 17906 + 4924 + 4272
    assert checkout.tax_minor == 821 + 712
    assert (checkout.items_minor, checkout.shipping_minor) == (17566 + 4103 + 3155, 340 + 405)
    shipping = {
        order.store_id: order.charges.get(kind=ChargeKind.SHIPPING).amount_minor
        for order in orders.values()
    }
    assert shipping == {shop["cn"].id: 340, shop["kr"].id: 0, shop["us"].id: 405}


def test_a_platform_coupon_is_computed_per_seller_group(shop):
    Coupon.objects.create(
        code="WINTER10",
        kind=CouponKind.PERCENT,
        percent_bps=1000,
        starts_at=NOW - dt.timedelta(days=1),
        ends_at=NOW + dt.timedelta(days=1),
        funded_by=FundedBy.PLATFORM,
        created_at=NOW,
    )
    buyer = make_buyer(country="GB")
    cart_with(buyer, (shop["wok"], 10), (shop["lid"], 1), (shop["tea"], 2), (shop["knife"], 3))

    checkout = place(buyer, currency="GBP", coupon_codes=["winter10"])

    orders = _orders_by_store(checkout)
    # 10 % of each group's items, half to even: 1,756.6 → 1,757; 410.3 → 410; 315.5 → 316.
    discounts = {store_id: order.discount_minor for store_id, order in orders.items()}
    assert discounts == {shop["cn"].id: 1757, shop["kr"].id: 410, shop["us"].id: 316}
    assert orders[shop["cn"].id].total_minor == 17566 + 340 - 1757
    # UK VAT applies after the discount: 20 % × 36.93 = 7.386 → £7.39; 20 % × 32.44 → £6.49.
    assert checkout.total_minor == (
        (17566 + 340 - 1757) + (4103 - 410 + 739) + (3155 + 405 - 316 + 649)
    )
    charge = orders[shop["us"].id].charges.get(kind=ChargeKind.DISCOUNT)
    assert (charge.amount_minor, charge.funded_by) == (-316, FundedBy.PLATFORM)
    assert Coupon.objects.get(code="WINTER10").uses == 1


def test_the_tier_price_switches_at_the_tier_boundary(shop):
    below, at = make_buyer(), make_buyer()
    cart_with(below, (shop["wok"], 9))
    cart_with(at, (shop["wok"], 10))
    add_rates(GBP="0.85", on=dt.date(2026, 11, 23))  # an older row must not be used

    nine = place(below, currency="CNY").orders.get().lines.get()
    ten = place(at, currency="CNY").orders.get().lines.get()

    assert (nine.unit_price_minor, nine.tier_min_quantity, nine.line_total_minor) == (
        19900,
        None,
        179100,
    )
    assert (ten.unit_price_minor, ten.tier_min_quantity, ten.line_total_minor) == (
        15000,
        10,
        150000,
    )


def test_placing_reserves_stock_and_empties_the_cart(shop):
    buyer = make_buyer()
    cart = cart_with(buyer, (shop["tea"], 2), (shop["knife"], 3))

    checkout = place(buyer)

    shop["tea"].refresh_from_db()
    shop["knife"].refresh_from_db()
    assert (shop["tea"].stock, shop["knife"].stock) == (7, 4)
    assert sorted(Reservation.objects.values_list("quantity", "status")) == [
        (2, "reserved"),
        (3, "reserved"),
    ]
    assert not cart.lines.exists()
    assert Order.objects.filter(checkout=checkout).count() == 2
    assert all(order.pay_by == NOW + dt.timedelta(minutes=30) for order in checkout.orders.all())
    assert checkout.pay_by == NOW + dt.timedelta(minutes=30)


def test_the_same_request_key_places_one_checkout(shop):
    buyer = make_buyer()
    cart_with(buyer, (shop["tea"], 1))

    first = place(buyer, key="double-click")
    again = place(buyer, key="double-click")

    assert first.pk == again.pk
    assert Checkout.objects.count() == 1
    shop["tea"].refresh_from_db()
    assert shop["tea"].stock == 8
