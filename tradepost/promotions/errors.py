"""Domain errors of coupons and flash deals. Codes are published API: never rename them."""

from django.utils.translation import gettext_lazy as _

from tradepost.errors import DomainError, InvalidInput, NotFound, PermissionDenied

# Codes a buyer typed are echoed in messages, so cap their length.
_ECHO_LIMIT = 32


def _echo(code: str) -> str:
    return code if len(code) <= _ECHO_LIMIT else code[:_ECHO_LIMIT] + "…"


# --- applying a coupon at checkout ---------------------------------------------------------------


class CouponNotFound(NotFound):
    """Also for another store's coupon in the seller center: a seller never learns it exists."""

    code = "coupon_not_found"
    default_message = _("Coupon not found.")

    def __init__(self, coupon_code: str | None = None):
        message = None
        if coupon_code:
            message = _("There is no coupon “%(code)s”.") % {"code": _echo(coupon_code)}
        super().__init__(message, fields={"coupons": [str(message or self.default_message)]})


class CouponNotActive(DomainError):
    """Outside its validity window, or switched off by its owner."""

    code = "coupon_expired"
    http_status = 422
    default_message = _("This coupon is not valid now.")

    def __init__(self, coupon_code: str | None = None):
        message = None
        if coupon_code:
            message = _("The coupon “%(code)s” is not valid now.") % {"code": _echo(coupon_code)}
        super().__init__(message, fields={"coupons": [str(message or self.default_message)]})


class InvalidCouponCombination(DomainError):
    code = "coupon_combination"
    http_status = 422
    default_message = _("Use at most one marketplace coupon and one coupon per seller in an order.")


class CouponNotApplicable(DomainError):
    code = "coupon_not_applicable"
    http_status = 422
    default_message = _("This coupon does not apply to anything in your cart.")

    def __init__(self, coupon_code: str | None = None):
        message = None
        if coupon_code:
            message = _("The coupon “%(code)s” does not apply to anything in your cart.") % {
                "code": _echo(coupon_code)
            }
        super().__init__(message, fields={"coupons": [str(message or self.default_message)]})


class CouponMinimumSpend(DomainError):
    code = "coupon_minimum_spend"
    http_status = 422
    default_message = _("Your order does not reach the coupon's minimum spend.")

    def __init__(self, *, coupon_code: str, minimum: str):
        message = _("The coupon “%(code)s” needs a minimum spend of %(minimum)s.") % {
            "code": _echo(coupon_code),
            "minimum": minimum,
        }
        super().__init__(message, fields={"coupons": [str(message)]}, minimum=minimum)


class CouponUsedUp(DomainError):
    """Every use of the coupon is taken (a race at checkout is decided here)."""

    code = "coupon_used_up"
    http_status = 409
    default_message = _("This coupon has been used up.")

    def __init__(self, coupon_code: str | None = None, message=None):
        if message is None and coupon_code:
            message = _("The coupon “%(code)s” has been used up.") % {"code": _echo(coupon_code)}
        super().__init__(message, fields={"coupons": [str(message or self.default_message)]})


class CouponLimitReached(CouponUsedUp):
    """This buyer has used the coupon as often as it allows (a CouponUsedUp for one buyer)."""

    code = "coupon_limit_reached"
    default_message = _("You have already used this coupon as often as it allows.")

    def __init__(self, coupon_code: str | None = None):
        message = None
        if coupon_code:
            message = _("You have already used the coupon “%(code)s” as often as it allows.") % {
                "code": _echo(coupon_code)
            }
        super().__init__(coupon_code, message=message or self.default_message)


# --- managing coupons and deals --------------------------------------------------------------------


class InvalidCoupon(InvalidInput):
    code = "invalid_coupon"
    default_message = _("Some fields of the coupon are not valid.")


class CouponCodeTaken(DomainError):
    code = "coupon_code_taken"
    http_status = 409
    default_message = _("This code is already taken. Choose another one.")

    def __init__(self):
        super().__init__(fields={"code": [str(self.default_message)]})


class PromotionsStaffOnly(PermissionDenied):
    code = "promotions_staff_only"
    default_message = _("Only staff who manage promotions can do this.")


class FlashDealNotFound(NotFound):
    """Also for another store's deal: a seller never learns that it exists."""

    code = "flash_deal_not_found"
    default_message = _("Flash deal not found.")


class InvalidFlashDeal(InvalidInput):
    code = "invalid_flash_deal"
    default_message = _("Some fields of the flash deal are not valid.")


class FlashDealOverlaps(DomainError):
    code = "flash_deal_overlap"
    http_status = 409
    default_message = _(
        "This variant already has a flash deal in that period. Cancel it or choose other dates."
    )

    def __init__(self):
        super().__init__(fields={"starts_at": [str(self.default_message)]})


class FlashDealEnded(DomainError):
    code = "flash_deal_ended"
    http_status = 409
    default_message = _("The flash deal has already ended.")
