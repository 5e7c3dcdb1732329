"""Cart quantity rules, stale lines and bad input: a clear error and nothing changed or reserved."""

import datetime as dt

import pytest

from tradepost.accounts.models import Address
from tradepost.cart import errors, services
from tradepost.cart.models import Cart, CartLine, Checkout
from tradepost.cart.pricing import Problem, quote
from tradepost.cart.testing import address_of, cart_with, make_buyer, place
from tradepost.catalog.errors import VariantNotFound
from tradepost.catalog.models import Variant
from tradepost.catalog.testing import make_category, make_product, make_seller_store
from tradepost.errors import DomainError
from tradepost.inventory.models import Reservation
from tradepost.promotions.models import Coupon, CouponKind, FundedBy
from tradepost.sellers.models import Seller

NOW = dt.datetime(2026, 11, 25, 10, tzinfo=dt.UTC)


@pytest.fixture
def store(db, clock):
    clock.move_to(NOW)
    # A German store: its parcels to the Spanish buyer stay in the EU (no import tax).
    return make_seller_store(country="DE", currency="EUR")


@pytest.fixture
def bolts(store):
    """Sold in lots of 10 from 50 pieces; 120 in stock."""
    product = make_product(
        store=store,
        category=make_category(["tools"]),
        min_order_quantity=50,
        lot_size=10,
        variants=[{"price_minor": 25, "stock": 120}],
    )
    return product.variants.get()


@pytest.fixture
def mug(store):
    product = make_product(store=store, category=make_category(["home"]), variants=[{"stock": 5}])
    return product.variants.get()


@pytest.fixture
def buyer(db):
    return make_buyer()


@pytest.fixture
def cart(buyer):
    return services.cart_for(user=buyer, create=True, now=NOW)


@pytest.mark.parametrize(
    ("quantity", "error"),
    [
        (0, errors.InvalidQuantity),
        (-3, errors.InvalidQuantity),
        ("two", errors.InvalidQuantity),
        (None, errors.InvalidQuantity),
        (True, errors.InvalidQuantity),
        (40, errors.BelowMinimumOrder),
        (55, errors.NotALotMultiple),
        (130, errors.NotEnoughStock),
        (10_010, errors.AboveOrderMaximum),
    ],
)
def test_bad_quantities_are_refused_and_nothing_is_added(cart, bolts, quantity, error):
    with pytest.raises(error) as raised:
        services.add_to_cart(
            ship_to="FR", cart=cart, variant=bolts.public_id, quantity=quantity, now=NOW
        )
    assert raised.value.http_status in (409, 422)
    assert not CartLine.objects.exists()


def test_an_unknown_variant_is_not_found(cart):
    with pytest.raises(VariantNotFound):
        services.add_to_cart(ship_to="FR", cart=cart, variant="nope", quantity=1, now=NOW)
    with pytest.raises(VariantNotFound):
        services.add_to_cart(ship_to="FR", cart=cart, variant={"x": 1}, quantity=1, now=NOW)


def test_a_hidden_listing_or_suspended_seller_cannot_be_added(cart, mug, store):
    Seller.objects.filter(store=store).update(status="suspended")
    with pytest.raises(errors.ItemUnavailable):
        services.add_to_cart(ship_to="FR", cart=cart, variant=mug.public_id, quantity=1, now=NOW)
    assert not CartLine.objects.exists()


def test_adding_again_adds_up_and_setting_replaces(cart, bolts):
    services.add_to_cart(ship_to="FR", cart=cart, variant=bolts.public_id, quantity=50, now=NOW)
    services.add_to_cart(ship_to="FR", cart=cart, variant=bolts.public_id, quantity=20, now=NOW)
    assert cart.lines.get().quantity == 70
    services.set_quantity(cart=cart, variant=bolts.public_id, quantity=60, now=NOW)
    assert cart.lines.get().quantity == 60
    with pytest.raises(errors.InvalidQuantity):
        services.set_quantity(cart=cart, variant=bolts.public_id, quantity=0, now=NOW)
    assert cart.lines.get().quantity == 60
    services.remove_line(cart=cart, variant=bolts.public_id, now=NOW)
    assert not cart.lines.exists()
    with pytest.raises(errors.CartLineNotFound):
        services.remove_line(cart=cart, variant=bolts.public_id, now=NOW)


def test_stale_lines_are_flagged_and_checkout_refuses_them(buyer, mug, bolts):
    cart = cart_with(buyer, (mug, 2), (bolts, 50))
    Variant.objects.filter(pk=mug.pk).update(price_minor=1200)
    Variant.objects.filter(pk=bolts.pk).update(stock=0)

    priced = quote(cart=cart, currency="EUR", language="en", now=NOW, ship_to="FR")
    problems = {line.variant.pk: line.problems for line in priced.lines}
    assert problems == {mug.pk: [Problem.PRICE_CHANGED], bolts.pk: [Problem.OUT_OF_STOCK]}
    with pytest.raises(errors.CartNeedsAttention) as refused:
        place(buyer)
    assert refused.value.fields == {
        mug.public_id: ["price_changed"],
        bolts.public_id: ["out_of_stock"],
    }
    assert not Checkout.objects.exists()
    assert not Reservation.objects.exists()

    services.remove_line(cart=cart, variant=bolts.public_id, now=NOW)
    assert services.accept_current_prices(cart=cart, now=NOW) == 1
    order = place(buyer).orders.get()
    assert order.lines.get().unit_price_minor == 1200


def test_a_suspended_seller_makes_the_line_unorderable(buyer, mug, store):
    cart_with(buyer, (mug, 1))
    Seller.objects.filter(store=store).update(status="suspended")
    with pytest.raises(errors.CartNeedsAttention) as refused:
        place(buyer)
    assert refused.value.fields == {mug.public_id: [Problem.SELLER_UNAVAILABLE]}
    assert Variant.objects.get(pk=mug.pk).stock == 5


def test_a_changed_total_asks_for_a_new_review(buyer, mug):
    cart_with(buyer, (mug, 1))
    with pytest.raises(errors.TotalChanged):
        place(buyer, expected_total_minor=999)
    assert not Checkout.objects.exists()
    assert place(buyer, expected_total_minor=1000).total_minor == 1000


def test_an_empty_cart_or_another_buyers_address_is_refused(buyer, mug):
    with pytest.raises(errors.EmptyCart):
        place(buyer)
    cart_with(buyer, (mug, 1))
    stranger = make_buyer()
    with pytest.raises(errors.AddressNotFound):
        services.place_checkout(
            buyer=buyer,
            cart=services.cart_for(user=buyer, now=NOW),
            address_id=address_of(stranger),
            currency="EUR",
            language="en",
            request_key="k",
            now=NOW,
        )
    assert not Checkout.objects.exists()
    assert Address.objects.filter(user=buyer).count() == 1


def test_coupon_errors_leave_nothing_behind(buyer, mug, store):
    other_store = make_seller_store(currency="EUR")
    window = {"starts_at": NOW - dt.timedelta(days=2), "funded_by": FundedBy.SELLER}
    Coupon.objects.create(
        code="OLD", kind=CouponKind.FIXED, amount_minor=100, currency="EUR",
        ends_at=NOW - dt.timedelta(days=1), created_at=NOW, store=store, **window,
    )  # fmt: skip
    Coupon.objects.create(
        code="ELSEWHERE", kind=CouponKind.FIXED, amount_minor=100, currency="EUR",
        ends_at=NOW + dt.timedelta(days=1), created_at=NOW, store=other_store, **window,
    )  # fmt: skip
    cart_with(buyer, (mug, 1))
    for code, expected in [
        ("OLD", "coupon_expired"),
        ("ELSEWHERE", "coupon_not_applicable"),
        ("NOSUCH", "coupon_not_found"),
    ]:
        with pytest.raises(DomainError) as refused:
            place(buyer, coupon_codes=[code])
        assert refused.value.code == expected
    assert not Checkout.objects.exists()
    assert Variant.objects.get(pk=mug.pk).stock == 5


def test_an_anonymous_cart_merges_into_the_buyers_cart(buyer, mug, bolts):
    token = services.new_cart_token()
    anonymous = services.cart_for(token=token, create=True, now=NOW)
    services.add_to_cart(ship_to="FR", cart=anonymous, variant=mug.public_id, quantity=3, now=NOW)
    services.add_to_cart(
        ship_to="FR", cart=anonymous, variant=bolts.public_id, quantity=50, now=NOW
    )
    mine = cart_with(buyer, (mug, 1))

    services.merge_carts(anonymous=anonymous, into=mine, now=NOW)

    assert dict(mine.lines.values_list("variant_id", "quantity")) == {mug.pk: 3, bolts.pk: 50}
    assert not Cart.objects.filter(session_key=token).exists()


def test_a_display_currency_without_a_rate_pays_in_euros(db):
    from tradepost.cart.pricing import payable_currency
    from tradepost.cart.testing import add_rates

    add_rates(CNY="7.5")
    assert payable_currency("CNY", now=NOW) == "CNY"
    assert payable_currency("EUR", now=NOW) == "EUR"
    assert payable_currency("UAH", now=NOW) == "EUR"  # the ECB publishes no UAH rate
    assert payable_currency("XYZ", now=NOW) == "EUR"


def test_quantity_errors_say_the_numbers(cart, bolts, mug):
    messages = {}
    for quantity in (40, 55, 130):
        with pytest.raises(DomainError) as refused:
            services.add_to_cart(
                ship_to="FR", cart=cart, variant=bolts.public_id, quantity=quantity, now=NOW
            )
        messages[quantity] = str(refused.value)
    assert messages == {
        40: "The minimum order for this item is 50.",
        55: "This item is sold in lots of 10: choose a multiple of 10.",
        130: "Only 120 left.",
    }
    Variant.objects.filter(pk=mug.pk).update(stock=0)
    with pytest.raises(errors.NotEnoughStock, match="sold out"):
        services.add_to_cart(ship_to="FR", cart=cart, variant=mug.public_id, quantity=1, now=NOW)
