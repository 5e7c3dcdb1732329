"""Shipping options a seller group can choose at checkout (for now: the store's flat rate)."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from tradepost.sellers.models import Store
from tradepost.shipping.models import FlatRate

STANDARD = "standard"


@dataclass(frozen=True)
class ShippingOption:
    code: str
    label: str
    store_amount_minor: int  # in the store's settlement currency
    days_min: int
    days_max: int
    free_over_minor: int | None  # items subtotal (store currency) from which it is free


def flat_rates_for(store_ids: list[int]) -> dict[int, FlatRate]:
    return {rate.store_id: rate for rate in FlatRate.objects.filter(store_id__in=store_ids)}


def options_for(
    store: Store, *, store_items_minor: int, flat_rate: FlatRate | None
) -> list[ShippingOption]:
    """The options for a group whose items cost `store_items_minor` (store currency). A store
    with no rate set ships for free."""
    if flat_rate is None:
        return [ShippingOption(STANDARD, str(_("Standard shipping")), 0, 7, 20, None)]
    free = flat_rate.free_over_minor is not None and store_items_minor >= flat_rate.free_over_minor
    return [
        ShippingOption(
            STANDARD,
            str(_("Standard shipping")),
            0 if free else flat_rate.rate_minor,
            flat_rate.delivery_days_min,
            flat_rate.delivery_days_max,
            flat_rate.free_over_minor,
        )
    ]


def set_flat_rate(
    *,
    store: Store,
    rate_minor: int,
    free_over_minor: int | None = None,
    days_min: int = 7,
    days_max: int = 20,
) -> FlatRate:
    rate, _created = FlatRate.objects.update_or_create(
        store=store,
        defaults={
            "rate_minor": rate_minor,
            "free_over_minor": free_over_minor,
            "delivery_days_min": days_min,
            "delivery_days_max": days_max,
        },
    )
    return rate
