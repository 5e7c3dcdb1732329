"""A seller's shipping templates and their zones: create, change, delete, choose the default,
and which template a listing ships with.

Every function acts on the seller's own store: another store's template (or a zone of it) is not
found (404) and nothing changes. The whole input is checked before anything is written
(shipping.template_input): on any problem InvalidShippingTemplate / InvalidShippingZone carries a
message per field and nothing is written. Writes of one store are serialised on its row, so two
tabs can never leave it with two default templates.

Rules about the default: a store's first template becomes its default; the default stops being
it only when another template takes over (set_default, or delete_template with `new_default`);
a store's last template cannot be deleted while it has listings (they would have no way to ship).

Product pages are cached by the product's revision and show the delivery promise, so every write
raises the revision of the store's listings.
"""

import datetime as dt

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from tradepost.catalog import versions
from tradepost.catalog.errors import ProductNotFound
from tradepost.catalog.models import Product
from tradepost.catalog.services.products import touch
from tradepost.catalog.states import ProductStatus
from tradepost.sellers.models import Store
from tradepost.shipping import template_input as rules
from tradepost.shipping.errors import (
    DefaultTemplateRequired,
    InvalidShippingTemplate,
    InvalidShippingZone,
    ShippingTemplateInUse,
    ShippingTemplateLimitReached,
    ShippingTemplateNotFound,
    ShippingZoneNotFound,
)
from tradepost.shipping.models import ShippingTemplate, ShippingZone
from tradepost.shipping.template_input import TemplateInput, ZoneInput

__all__ = [
    "TemplateInput",
    "ZoneInput",
    "add_zone",
    "assign_product_template",
    "create_template",
    "delete_template",
    "delete_zone",
    "set_default",
    "update_template",
    "update_zone",
]


def _lock(store: Store) -> None:
    Store.objects.select_for_update().filter(pk=store.pk).first()


def _template(store: Store, template: ShippingTemplate | str) -> ShippingTemplate:
    public_id = template.public_id if isinstance(template, ShippingTemplate) else template
    found = None
    if isinstance(public_id, str) and public_id:
        found = ShippingTemplate.objects.filter(store=store, public_id=public_id).first()
    if found is None:
        raise ShippingTemplateNotFound()
    return found


def _pages_changed(store: Store) -> None:
    """The delivery promise on the store's product pages may have changed: rebuild them."""
    Product.objects.filter(store=store).update(revision=F("revision") + 1)
    versions.bump()


def _taken_names(store: Store, exclude: ShippingTemplate | None = None) -> set[str]:
    names = ShippingTemplate.objects.filter(store=store)
    if exclude is not None:
        names = names.exclude(pk=exclude.pk)
    return {name.lower() for name in names.values_list("name", flat=True)}


def _has_listings(store: Store) -> bool:
    return Product.objects.filter(store=store).exclude(status=ProductStatus.REMOVED).exists()


@transaction.atomic
def create_template(*, store: Store, data: TemplateInput, now: dt.datetime) -> ShippingTemplate:
    """A template with its zones (at least one). It becomes the store's default when asked to,
    or when the store has no template yet."""
    _lock(store)
    fields, errors = rules.clean_template(data, taken_names=_taken_names(store))
    zones = rules.clean_zones(data.zones, errors)
    if errors:
        raise InvalidShippingTemplate(fields=errors)
    existing = ShippingTemplate.objects.filter(store=store)
    if existing.count() >= rules.MAX_TEMPLATES:
        raise ShippingTemplateLimitReached(rules.MAX_TEMPLATES)
    is_default = bool(data.is_default) or not existing.filter(is_default=True).exists()
    if is_default:
        existing.filter(is_default=True).update(is_default=False, updated_at=now)
    template = ShippingTemplate.objects.create(
        store=store, **fields, is_default=is_default, created_at=now, updated_at=now
    )
    ShippingZone.objects.bulk_create(
        ShippingZone(template=template, **{k: v for k, v in zone.items() if k != "id"})
        for zone in zones
    )
    _pages_changed(store)
    return template


@transaction.atomic
def update_template(
    *, store: Store, template: ShippingTemplate | str, data: TemplateInput, now: dt.datetime
) -> ShippingTemplate:
    """Replace the template's fields and, unless `data.zones` is None, its zones: zones given
    with an `id` of this template are changed in place, new ones created, the others deleted."""
    _lock(store)
    template = _template(store, template)
    fields, errors = rules.clean_template(data, taken_names=_taken_names(store, template))
    zones = None
    if data.zones is not None:
        zones = rules.clean_zones(data.zones, errors)
        errors.update(_unknown_zone_ids(template, zones))
    if errors:
        raise InvalidShippingTemplate(fields=errors)
    if template.is_default and data.is_default is False:
        raise DefaultTemplateRequired(
            fields={"is_default": [_("Make another template the default instead.")]}
        )
    if data.is_default and not template.is_default:
        _move_default(store, template, now)
    for name, value in fields.items():
        setattr(template, name, value)
    template.updated_at = now
    template.save(update_fields=[*fields, "is_default", "updated_at"])
    if zones is not None:
        _replace_zones(template, zones)
    _pages_changed(store)
    return template


def _unknown_zone_ids(template: ShippingTemplate, zones: list[dict]) -> dict[str, list[str]]:
    ids = set(template.zones.values_list("id", flat=True))
    return {
        f"zones.{index}.id": [_("This zone is not part of the template.")]
        for index, zone in enumerate(zones)
        if zone["id"] is not None and zone["id"] not in ids
    }


def _replace_zones(template: ShippingTemplate, zones: list[dict]) -> None:
    kept = {zone["id"] for zone in zones if zone["id"] is not None}
    template.zones.exclude(id__in=kept).delete()
    for zone in zones:
        fields = {k: v for k, v in zone.items() if k != "id"}
        if zone["id"] is None:
            ShippingZone.objects.create(template=template, **fields)
        else:
            ShippingZone.objects.filter(template=template, id=zone["id"]).update(**fields)


def _move_default(store: Store, template: ShippingTemplate, now: dt.datetime) -> None:
    ShippingTemplate.objects.filter(store=store, is_default=True).exclude(pk=template.pk).update(
        is_default=False, updated_at=now
    )
    template.is_default = True


@transaction.atomic
def set_default(
    *, store: Store, template: ShippingTemplate | str, now: dt.datetime
) -> ShippingTemplate:
    """Listings without a template of their own ship with `template` from now on."""
    _lock(store)
    template = _template(store, template)
    if not template.is_default:
        _move_default(store, template, now)
        template.updated_at = now
        template.save(update_fields=["is_default", "updated_at"])
        _pages_changed(store)
    return template


@transaction.atomic
def delete_template(
    *,
    store: Store,
    template: ShippingTemplate | str,
    new_default: ShippingTemplate | str | None = None,
    now: dt.datetime,
) -> int:
    """Delete the template; its listings ship with the store's default from then on. Deleting
    the default needs `new_default` (another of the store's templates) while others exist, and
    the store's last template cannot go while the store has listings. Returns how many listings
    had chosen the template (they now use the default)."""
    _lock(store)
    template = _template(store, template)
    others = ShippingTemplate.objects.filter(store=store).exclude(pk=template.pk)
    replacement = None
    if template.is_default and others.exists():
        if not new_default:
            raise DefaultTemplateRequired(fields={"new_default": [_("Choose the new default.")]})
        replacement = _template(store, new_default)
        if replacement.pk == template.pk:
            raise DefaultTemplateRequired(
                fields={"new_default": [_("Choose another template as the default.")]}
            )
    elif not others.filter(is_default=True).exists() and _has_listings(store):
        raise ShippingTemplateInUse()
    moved = template.products.exclude(status=ProductStatus.REMOVED).count()
    template.delete()  # the listings' shipping_template becomes null: the default
    if replacement is not None:
        replacement.is_default = True
        replacement.updated_at = now
        replacement.save(update_fields=["is_default", "updated_at"])
    _pages_changed(store)
    return moved


# --- one zone at a time (the API and pages edit whole templates; these serve finer clients) ---


def _zone(template: ShippingTemplate, zone_id) -> ShippingZone:
    zone = None
    if isinstance(zone_id, int) and not isinstance(zone_id, bool):
        zone = template.zones.filter(id=zone_id).first()
    if zone is None:
        raise ShippingZoneNotFound()
    return zone


def _checked_zone(template: ShippingTemplate, data: ZoneInput, replacing: int | None) -> dict:
    """The zone's fields, checked on their own and against the template's other zones."""
    fields, errors = rules.clean_zone(data)
    if errors:
        raise InvalidShippingZone(fields=errors)
    others = [
        {"service": z.service, "countries": z.countries, "groups": z.groups}
        for z in template.zones.exclude(id=replacing)
    ]
    clashes = rules.overlap_errors([*others, fields], prefix="zone")
    if clashes:
        last = f"zone.{len(others)}."
        raise InvalidShippingZone(fields={k.removeprefix(last): v for k, v in clashes.items()})
    return fields


@transaction.atomic
def add_zone(
    *, store: Store, template: ShippingTemplate | str, data: ZoneInput, now: dt.datetime
) -> ShippingZone:
    _lock(store)
    template = _template(store, template)
    fields = _checked_zone(template, data, replacing=None)
    if template.zones.count() >= rules.MAX_ZONES:
        message = _("A template can have at most %(n)s zones.") % {"n": rules.MAX_ZONES}
        raise InvalidShippingTemplate(fields={"zones": [message]})
    zone = ShippingZone.objects.create(template=template, **fields)
    _template_changed(store, template, now)
    return zone


@transaction.atomic
def update_zone(
    *,
    store: Store,
    template: ShippingTemplate | str,
    zone_id: int,
    data: ZoneInput,
    now: dt.datetime,
) -> ShippingZone:
    _lock(store)
    template = _template(store, template)
    zone = _zone(template, zone_id)
    for name, value in _checked_zone(template, data, replacing=zone.id).items():
        setattr(zone, name, value)
    zone.save()
    _template_changed(store, template, now)
    return zone


@transaction.atomic
def delete_zone(
    *, store: Store, template: ShippingTemplate | str, zone_id: int, now: dt.datetime
) -> None:
    """A template keeps at least one zone (delete the template instead)."""
    _lock(store)
    template = _template(store, template)
    zone = _zone(template, zone_id)
    if template.zones.count() <= 1:
        message = _("A template needs at least one zone: delete the template instead.")
        raise InvalidShippingTemplate(fields={"zones": [message]})
    zone.delete()
    _template_changed(store, template, now)


def _template_changed(store: Store, template: ShippingTemplate, now: dt.datetime) -> None:
    ShippingTemplate.objects.filter(pk=template.pk).update(updated_at=now)
    template.updated_at = now
    _pages_changed(store)


# --- which template a listing ships with ---------------------------------------------------------


@transaction.atomic
def assign_product_template(
    *, store: Store, product: Product, template: str | None, now: dt.datetime
) -> Product:
    """The listing ships with the store's `template` (a public id); None or "": the store's
    default template."""
    if product.store_id != store.pk:
        raise ProductNotFound()
    chosen = _template(store, template) if template else None
    if (chosen.pk if chosen else None) != product.shipping_template_id:
        Product.objects.filter(pk=product.pk).update(shipping_template=chosen)
        product.shipping_template = chosen
        touch(product, now)
    return product
