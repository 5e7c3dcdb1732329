"""Sellers and promotions staff create, change and switch off coupons.

A seller coupon belongs to the seller's store and the seller funds it; its amounts are in the
store's settlement currency unless another is given. A platform coupon (staff) applies to every
seller group or only to the listed stores, and says who funds it.
"""

import dataclasses
import datetime as dt
import re

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from tradepost.money import currencies
from tradepost.promotions import selectors
from tradepost.promotions.errors import CouponCodeTaken, InvalidCoupon, PromotionsStaffOnly
from tradepost.promotions.models import Coupon, CouponKind, FundedBy
from tradepost.promotions.services.redemption import normalise_code
from tradepost.sellers.models import Store

MANAGE_PERMISSION = "promotions.manage_promotions"
CODE_PATTERN = re.compile(r"^[A-Z0-9][A-Z0-9_-]{2,31}$")
MAX_BPS = 10_000
UNSET = object()


@dataclasses.dataclass
class CouponInput:
    """What the seller or staff member typed, already parsed into minor units and basis points
    (`amount_minor` for a fixed coupon, `percent_bps` for a percent one)."""

    code: str
    kind: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    amount_minor: int = 0
    percent_bps: int = 0
    currency: str = ""
    min_spend_minor: int = 0
    max_uses: int | None = None
    max_uses_per_buyer: int = 1


def require_promotions_staff(actor) -> None:
    if not (actor is not None and actor.is_active and actor.is_staff):
        raise PromotionsStaffOnly()
    if not actor.has_perm(MANAGE_PERMISSION):
        raise PromotionsStaffOnly()


@transaction.atomic
def create_coupon_for_store(*, store: Store, actor, data: CouponInput, now: dt.datetime) -> Coupon:
    """A coupon of the seller's own store, funded by the seller."""
    data = dataclasses.replace(data, currency=data.currency or store.settlement_currency)
    fields = _validated(data, now)
    return _create(fields, store=store, funded_by=FundedBy.SELLER, actor=actor, now=now)


@transaction.atomic
def create_platform_coupon(
    *,
    staff,
    data: CouponInput,
    funded_by: str = FundedBy.PLATFORM,
    stores: list[Store] | None = None,
    now: dt.datetime,
) -> Coupon:
    """A marketplace coupon for every seller group, or only for `stores`."""
    require_promotions_staff(staff)
    if funded_by not in FundedBy.values:
        raise InvalidCoupon(fields={"funded_by": [_("Choose who funds the discount.")]})
    fields = _validated(data, now)
    coupon = _create(fields, store=None, funded_by=funded_by, actor=staff, now=now)
    if stores:
        coupon.stores.set(stores)
    return coupon


def _create(fields: dict, *, store, funded_by: str, actor, now) -> Coupon:
    try:
        with transaction.atomic():
            return Coupon.objects.create(
                **fields, store=store, funded_by=funded_by, created_by=actor, created_at=now
            )
    except IntegrityError:
        if Coupon.objects.filter(code__iexact=fields["code"]).exists():
            raise CouponCodeTaken() from None
        raise


@transaction.atomic
def update_coupon_for_store(*, store: Store, public_id: str, now: dt.datetime, **changes) -> Coupon:
    """Change the window, limits or minimum spend of one of the store's coupons."""
    coupon = selectors.get_coupon_for_store(store=store, public_id=public_id)
    return _update(coupon, changes, now)


@transaction.atomic
def update_platform_coupon(*, staff, public_id: str, now: dt.datetime, **changes) -> Coupon:
    require_promotions_staff(staff)
    coupon = selectors.get_platform_coupon(public_id=public_id)
    return _update(coupon, changes, now)


UPDATABLE = ("starts_at", "ends_at", "min_spend_minor", "max_uses", "max_uses_per_buyer")


def _update(coupon: Coupon, changes: dict, now: dt.datetime) -> Coupon:
    unknown = set(changes) - set(UPDATABLE)
    if unknown:
        raise InvalidCoupon(fields={name: [_("This field cannot be changed.")] for name in unknown})
    coupon = Coupon.objects.select_for_update().get(pk=coupon.pk)
    data = CouponInput(
        code=coupon.code, kind=coupon.kind, amount_minor=coupon.amount_minor,
        percent_bps=coupon.percent_bps, currency=coupon.currency,
        **{name: changes.get(name, getattr(coupon, name)) for name in UPDATABLE},
    )  # fmt: skip
    fields = _validated(data, now, changing=coupon)
    if fields["max_uses"] is not None and fields["max_uses"] < coupon.uses:
        message = _("The coupon has already been used %(n)s times.") % {"n": coupon.uses}
        raise InvalidCoupon(fields={"max_uses": [message]})
    for name in UPDATABLE:
        setattr(coupon, name, fields[name])
    coupon.save(update_fields=list(UPDATABLE))
    return coupon


@transaction.atomic
def deactivate_coupon_for_store(*, store: Store, public_id: str, now: dt.datetime) -> Coupon:
    """Switch the coupon off: buyers can no longer apply it (orders placed with it keep it)."""
    coupon = selectors.get_coupon_for_store(store=store, public_id=public_id)
    return _deactivate(coupon)


@transaction.atomic
def deactivate_platform_coupon(*, staff, public_id: str, now: dt.datetime) -> Coupon:
    require_promotions_staff(staff)
    coupon = selectors.get_platform_coupon(public_id=public_id)
    return _deactivate(coupon)


def _deactivate(coupon: Coupon) -> Coupon:
    Coupon.objects.filter(pk=coupon.pk).update(is_active=False)
    coupon.is_active = False
    return coupon


# --- validation -----------------------------------------------------------------------------------


def _validated(data: CouponInput, now: dt.datetime, changing: Coupon | None = None) -> dict:
    """The model fields for `data`, or InvalidCoupon with every problem under its field."""
    errors: dict[str, list[str]] = {}
    code = normalise_code(data.code or "")
    if not CODE_PATTERN.match(code):
        errors["code"] = [
            _(
                "Use 3 to 32 letters, digits, hyphens or underscores, starting with a letter or digit."
            )
        ]
    elif changing is None and Coupon.objects.filter(code__iexact=code).exists():
        errors["code"] = [str(CouponCodeTaken.default_message)]
    _check_value(data, errors)
    _check_window(data, now, errors, changing)
    _check_limits(data, errors)
    if errors:
        raise InvalidCoupon(fields=errors)
    fixed = data.kind == CouponKind.FIXED
    return {
        "code": code,
        "kind": data.kind,
        "amount_minor": data.amount_minor if fixed else 0,
        "percent_bps": 0 if fixed else data.percent_bps,
        "currency": data.currency,
        "min_spend_minor": data.min_spend_minor,
        "starts_at": data.starts_at,
        "ends_at": data.ends_at,
        "max_uses": data.max_uses,
        "max_uses_per_buyer": data.max_uses_per_buyer,
    }


def _aware(value) -> bool:
    return isinstance(value, dt.datetime) and value.tzinfo is not None


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_value(data: CouponInput, errors: dict) -> None:
    if data.kind not in CouponKind.values:
        errors["kind"] = [_("Choose a fixed amount or a percentage.")]
    elif data.kind == CouponKind.PERCENT:
        if not _is_int(data.percent_bps) or not 1 <= data.percent_bps <= MAX_BPS:
            errors["percent"] = [_("The percentage must be more than 0 and at most 100.")]
    elif not _is_int(data.amount_minor) or data.amount_minor <= 0:
        errors["amount"] = [_("The amount must be more than zero.")]
    if not currencies.is_known_currency(data.currency):
        errors["currency"] = [_("Choose a known currency.")]
    if not _is_int(data.min_spend_minor) or data.min_spend_minor < 0:
        errors["min_spend"] = [_("The minimum spend must be zero or more.")]


def _check_window(data: CouponInput, now, errors: dict, changing: Coupon | None) -> None:
    if not (_aware(data.starts_at) and _aware(data.ends_at)):
        errors["starts_at"] = [_("Give the start and end of the validity period.")]
        return
    if data.ends_at <= data.starts_at:
        errors["ends_at"] = [_("The end must be after the start.")]
    elif data.ends_at <= now and (changing is None or data.ends_at != changing.ends_at):
        errors["ends_at"] = [_("The end must be in the future.")]


def _check_limits(data: CouponInput, errors: dict) -> None:
    if data.max_uses is not None and (not _is_int(data.max_uses) or data.max_uses < 1):
        errors["max_uses"] = [_("Leave empty for no limit, or give 1 or more.")]
    if not _is_int(data.max_uses_per_buyer) or data.max_uses_per_buyer < 1:
        errors["max_uses_per_buyer"] = [_("Each buyer must be able to use it at least once.")]
