"""Domain errors of orders. Codes are published API: never rename them."""

from django.utils.translation import gettext_lazy as _

from tradepost.errors import DomainError, InvalidInput, NotFound


class OrderNotFound(NotFound):
    """Also for another buyer's or another store's order: nobody learns that it exists."""

    code = "order_not_found"
    default_message = _("Order not found.")


class IllegalOrderTransition(DomainError):
    code = "illegal_order_transition"
    http_status = 409
    default_message = _("The order cannot move to that status now.")

    def __init__(self, *, current: str, target: str):
        super().__init__(
            _("An order cannot go from “%(current)s” to “%(target)s”.")
            % {"current": _label(current), "target": _label(target)},
            current=current,
            target=target,
        )


def _label(status: str) -> str:
    from tradepost.orders.states import OrderStatus  # noqa: PLC0415 - keep errors import-light

    try:
        return str(OrderStatus(status).label)
    except ValueError:
        return status


class CannotConfirmReceipt(DomainError):
    code = "cannot_confirm_receipt"
    http_status = 409
    default_message = _("Receipt can be confirmed only once the order has been shipped.")

    def __init__(self, *, current: str):
        super().__init__(current=current)


class ReasonRequired(InvalidInput):
    code = "reason_required"
    default_message = _("Say why you cancel the order.")


class InvalidShipment(InvalidInput):
    code = "invalid_shipment"
    default_message = _("Enter the carrier and the tracking number.")


class ProtectionAlreadyExtended(DomainError):
    code = "protection_already_extended"
    http_status = 409
    default_message = _("Protection can be extended only once, and it already was.")


class CannotExtendProtection(DomainError):
    code = "cannot_extend_protection"
    http_status = 409
    default_message = _("Protection can be extended only once the order has been shipped.")

    def __init__(self, *, current: str):
        super().__init__(current=current)
