"""Domain errors of the cart and checkout. Codes are published API: never rename them."""

from django.utils.translation import gettext_lazy as _

from tradepost.errors import DomainError, InvalidInput, NotFound


class CartLineNotFound(NotFound):
    code = "cart_line_not_found"
    default_message = _("That item is not in your cart.")


class ItemUnavailable(DomainError):
    """The listing is not for sale (hidden, removed, inactive variant, seller not verified)."""

    code = "item_unavailable"
    http_status = 409
    default_message = _("This item is not available any more.")


class InvalidQuantity(InvalidInput):
    code = "invalid_quantity"
    default_message = _("Enter a whole number of items of at least 1.")


class BelowMinimumOrder(InvalidInput):
    code = "below_minimum_order"
    default_message = _("The seller sells this item from a minimum quantity.")


class NotALotMultiple(InvalidInput):
    code = "not_a_lot_multiple"
    default_message = _("This item is sold in lots: choose a multiple of the lot size.")


class AboveOrderMaximum(InvalidInput):
    code = "above_order_maximum"
    default_message = _("That is more than one order can hold of this item.")


class NotEnoughStock(DomainError):
    code = "not_enough_stock"
    http_status = 409
    default_message = _("Not enough stock is left.")


class EmptyCart(DomainError):
    code = "cart_empty"
    http_status = 409
    default_message = _("Your cart is empty.")


class CartNeedsAttention(DomainError):
    """Some line changed since the buyer added it (price, stock, availability): the buyer must
    look at the cart again. `fields` maps each line's variant id to its problems."""

    code = "cart_needs_attention"
    http_status = 409
    default_message = _("Some items in your cart changed. Check your cart before you order.")


class TotalChanged(DomainError):
    code = "checkout_total_changed"
    http_status = 409
    default_message = _("The total changed since you reviewed your order. Review it again.")


class AddressNotFound(NotFound):
    code = "address_not_found"
    default_message = _("Choose an address from your address book.")


class DoesNotShipTo(DomainError):
    code = "does_not_ship_here"
    http_status = 422
    default_message = _("This item cannot be shipped to your country.")


class UnknownShippingOption(InvalidInput):
    code = "unknown_shipping_option"
    default_message = _("Choose one of the shipping options offered.")


class CheckoutNotFound(NotFound):
    code = "checkout_not_found"
    default_message = _("Checkout not found.")
