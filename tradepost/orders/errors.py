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
            % {"current": current, "target": target},
            current=current,
            target=target,
        )


class ReasonRequired(InvalidInput):
    code = "reason_required"
    default_message = _("Say why you cancel the order.")


class InvalidShipment(InvalidInput):
    code = "invalid_shipment"
    default_message = _("Enter the carrier and the tracking number.")
