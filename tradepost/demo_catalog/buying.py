"""What the demo needs to buy: addresses for the demo buyers, shipping templates per store,
a few coupons and running flash deals. Idempotent, like the rest of the demo."""

import datetime as dt

from django.conf import settings

from tradepost import clock
from tradepost.accounts.models import Address, User
from tradepost.catalog.models import Variant
from tradepost.catalog.states import ProductStatus
from tradepost.demo_catalog import shipping as demo_shipping
from tradepost.money import currencies
from tradepost.promotions import services as promotions
from tradepost.promotions.models import Coupon, CouponKind, FlashDeal
from tradepost.sellers.models import Store

# (line1, city, postal code, phone) per demo buyer country.
BUYER_ADDRESSES = {
    "BR": ("Av. Paulista 1000", "São Paulo", "01310-100", "+55 11 91234-5678"),
    "RU": ("ул. Тверская, 7", "Москва", "125009", "+7 495 123-45-67"),
    "ES": ("Calle de Alcalá 45", "Madrid", "28014", "+34 612 345 678"),
    "FR": ("12 rue de Rivoli", "Paris", "75004", "+33 6 12 34 56 78"),
    "KR": ("세종대로 110", "서울", "04524", "+82 10-1234-5678"),
    "GB": ("221B Baker Street", "London", "NW1 6XE", "+44 7700 900123"),
    "AU": ("1 Martin Place", "Sydney", "2000", "+61 412 345 678"),
}
DEMO_DEALS = 6
DEAL_UNITS = 50


def _minor(major: int, currency: str) -> int:
    return major * 10 ** currencies.exponent(currency)


def ensure_addresses(buyers) -> int:
    created = 0
    for spec in buyers:
        user = User.objects.get(email=spec.email)
        if user.addresses.exists() or spec.country not in BUYER_ADDRESSES:
            continue
        line1, city, postal_code, phone = BUYER_ADDRESSES[spec.country]
        Address.objects.create(
            user=user,
            full_name=spec.name,
            line1=line1,
            city=city,
            postal_code=postal_code,
            country=spec.country,
            phone=phone,
            is_default=True,
        )
        created += 1
    return created


def ensure_coupons(staff) -> int:
    if Coupon.objects.exists():
        return 0
    now = clock.now()
    year = dt.timedelta(days=365)
    promotions.create_platform_coupon(
        staff=staff,
        data=promotions.CouponInput(
            code="WELCOME10", kind=CouponKind.PERCENT, percent_bps=1000, currency="EUR",
            min_spend_minor=2000, starts_at=now, ends_at=now + year, max_uses=10_000,
        ),
        now=now,
    )  # fmt: skip
    promotions.create_platform_coupon(
        staff=staff,
        data=promotions.CouponInput(
            code="SAVE5", kind=CouponKind.FIXED, amount_minor=500, currency="EUR",
            min_spend_minor=3000, starts_at=now, ends_at=now + year, max_uses_per_buyer=3,
        ),
        now=now,
    )  # fmt: skip
    made = 2
    for store in Store.objects.order_by("id")[:5]:
        promotions.create_coupon_for_store(
            store=store,
            actor=store.seller.user,
            data=promotions.CouponInput(
                code=f"{store.slug[:20].upper()}-15",
                kind=CouponKind.PERCENT,
                percent_bps=1500,
                starts_at=now,
                ends_at=now + year,
            ),
            now=now,
        )
        made += 1
    return made


def ensure_flash_deals(staff) -> int:
    """A week-long deal on the first in-stock variant of a few stores, at 30 % off."""
    now = clock.now()
    if FlashDeal.objects.filter(ends_at__gt=now, is_cancelled=False).exists():
        return 0
    made = 0
    for store in Store.objects.order_by("id")[:DEMO_DEALS]:
        variant = (
            Variant.objects.filter(
                store=store,
                is_active=True,
                stock__gte=DEAL_UNITS,
                product__status=ProductStatus.ACTIVE,
            )
            .order_by("id")
            .first()
        )
        if variant is None:
            continue
        promotions.create_flash_deal_as_staff(
            staff=staff,
            data=promotions.FlashDealInput(
                variant=variant.public_id,
                deal_price_minor=max(variant.price_minor * 7 // 10, 1),
                quantity=DEAL_UNITS,
                starts_at=now,
                ends_at=now + dt.timedelta(days=7),
                max_per_order=5,
            ),
            now=now,
        )
        made += 1
    return made


def ensure_buying(buyers, staff) -> dict:
    return {
        "addresses": ensure_addresses(buyers),
        "shipping_templates": demo_shipping.ensure_templates(),
        "coupons": ensure_coupons(staff),
        "flash_deals": ensure_flash_deals(staff),
        "pay_within_minutes": settings.CHECKOUT_PAY_WITHIN_MINUTES,
    }
