"""Which zone of a template serves a destination, and the templates of a set of stores loaded in
two queries.

Precedence, per service level: a zone that names the country beats one that covers it through
a named group (the smaller group first), which beats "WORLD". A country in the template's
excluded destinations gets nothing.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch

from tradepost.shipping import regions
from tradepost.shipping.models import ShippingTemplate, ShippingZone


def _rank(zone: ShippingZone, country: str) -> int | None:
    """How specifically `zone` covers `country` (lower is more specific), None if it does not."""
    if country in zone.countries:
        return 0
    sizes = [
        len(regions.GROUPS[group])
        for group in zone.groups
        if group in regions.GROUPS and country in regions.GROUPS[group]
    ]
    if sizes:
        return min(sizes)
    if regions.WORLD in zone.groups:
        return 10_000
    return None


def best_zones(template: ShippingTemplate, country: str) -> dict[str, ShippingZone]:
    """service level → the most specific zone of `template` serving `country` (uses the
    template's prefetched zones)."""
    country = (country or "").upper()
    if not country or country in (template.excluded_countries or []):
        return {}
    best: dict[str, tuple[int, int, ShippingZone]] = {}
    for zone in template.zones.all():
        rank = _rank(zone, country)
        if rank is None:
            continue
        key = (rank, zone.id)
        if zone.service not in best or key < best[zone.service][:2]:
            best[zone.service] = (*key, zone)
    return {service: entry[2] for service, entry in best.items()}


@dataclass
class StoreTemplates:
    """One store's templates with their zones."""

    templates: dict[int, ShippingTemplate] = field(default_factory=dict)
    default: ShippingTemplate | None = None

    @property
    def any(self) -> bool:
        return bool(self.templates)

    def get(self, template_id: int) -> ShippingTemplate:
        return self.templates[template_id]

    def for_product(self, template_id: int | None) -> ShippingTemplate | None:
        """The product's template, else the store's default (None: the product has none)."""
        if template_id is not None and template_id in self.templates:
            return self.templates[template_id]
        return self.default


def templates_for_stores(store_ids) -> dict[int, StoreTemplates]:
    """store id → its templates: two queries for any number of stores."""
    found = {store_id: StoreTemplates() for store_id in store_ids}
    rows = ShippingTemplate.objects.filter(store_id__in=list(found)).prefetch_related(
        Prefetch("zones", queryset=ShippingZone.objects.order_by("id"))
    )
    for template in rows:
        entry = found[template.store_id]
        entry.templates[template.id] = template
        if template.is_default:
            entry.default = template
    return found
