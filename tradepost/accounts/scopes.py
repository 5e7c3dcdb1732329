"""What a personal API token may do. A token with no scopes can do nothing (deny by default)."""

from django.utils.translation import gettext_lazy as _

API_SCOPES: dict[str, object] = {
    "account:read": _("Read your profile and address book"),
    "account:write": _("Change your profile and address book"),
    "catalog:read": _("Read your store's listings, variants and stock"),
    "catalog:write": _("Create and change your store's listings, variants, stock and images"),
    "orders:read": _("Read your cart, checkouts and orders, and your store's orders"),
    "orders:write": _(
        "Change your cart, place and cancel orders, ship and cancel your store's orders"
    ),
    "seller:read": _("Read your seller application and store"),
    "seller:write": _("Change your seller application and store"),
}


def has_scope(granted: list[str], required: str) -> bool:
    return required in API_SCOPES and required in granted
