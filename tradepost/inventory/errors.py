"""Domain errors of inventory. Codes are published API: never rename them."""

from django.utils.translation import gettext_lazy as _

from tradepost.errors import DomainError


class OutOfStock(DomainError):
    """Raised inside the placing transaction: everything it wrote is rolled back."""

    code = "out_of_stock"
    http_status = 409
    default_message = _("Not enough stock is left for an item in your cart.")

    def __init__(self, *, sku: str, message=None):
        super().__init__(
            message or _("Not enough stock is left for %(sku)s.") % {"sku": sku}, sku=sku
        )
