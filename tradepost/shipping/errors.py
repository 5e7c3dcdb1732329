"""Domain errors of sellers' shipping templates. Codes are published API: never rename them."""

from django.utils.translation import gettext_lazy as _

from tradepost.errors import DomainError, InvalidInput, NotFound


class ShippingTemplateNotFound(NotFound):
    """Also for another store's template: a seller never learns it exists."""

    code = "shipping_template_not_found"
    default_message = _("Shipping template not found.")


class ShippingZoneNotFound(NotFound):
    code = "shipping_zone_not_found"
    default_message = _("Shipping zone not found.")


class InvalidShippingTemplate(InvalidInput):
    """Per-field messages: `name`, `ship_from_country`, `excluded_countries`, `zones` and, for
    the template's zones, `zones.<index>.<field>` (e.g. `zones.1.carrier`)."""

    code = "invalid_shipping_template"
    default_message = _("Some fields of the shipping template are not valid.")


class InvalidShippingZone(InvalidInput):
    """One zone written on its own (add_zone, update_zone): messages under the zone's fields."""

    code = "invalid_shipping_zone"
    default_message = _("Some fields of the shipping zone are not valid.")


class ShippingTemplateInUse(DomainError):
    """Deleting would leave listings without any way to ship."""

    code = "shipping_template_in_use"
    http_status = 409
    default_message = _(
        "Your listings ship with this template. Create another template before deleting it."
    )


class DefaultTemplateRequired(DomainError):
    """The store's default template cannot go (or stop being the default) without another
    template taking its place."""

    code = "default_template_required"
    http_status = 409
    default_message = _("Choose another template as the default first.")


class ShippingTemplateLimitReached(DomainError):
    code = "shipping_template_limit_reached"
    http_status = 409
    default_message = _("The store has as many shipping templates as it can have.")

    def __init__(self, limit: int):
        message = _("A store can have at most %(n)s shipping templates.") % {"n": limit}
        super().__init__(message, limit=limit)
