"""Reads of country restrictions: what the storefront, cart and checkout ask, and the console lists.

Hot-path reads are cached: a country's policy timeline for CACHE_SECONDS in the shared cache
(services forget it on every write), and the category parent map per process under the catalog's
`shared` version (which moves whenever the category tree changes).
"""

import dataclasses
import datetime as dt
from collections.abc import Sequence
from typing import Protocol

from django.core.cache import cache, caches
from django.db.models import IntegerField, QuerySet, Value
from django.utils.translation import gettext as _
from django_countries import countries

from tradepost.catalog import versions
from tradepost.catalog.models import Category, Product
from tradepost.catalog.states import ProductStatus
from tradepost.restrictions.errors import country_name
from tradepost.restrictions.models import CategoryRestriction, CountryPolicy, ListingRestriction

CACHE_SECONDS = 60
TREE_SECONDS = 600
_LISTING, _CATEGORY = 1, 2


class Restrictable(Protocol):
    """A catalog Product, or anything with its id, public id and category id."""

    id: int
    public_id: str
    category_id: int


# --- countries -------------------------------------------------------------------------------


def normalise_country(code: str | None) -> str:
    """The ISO 3166-1 alpha-2 code in capitals, or "" when `code` is not one."""
    code = str(code or "").strip().upper()
    return code if len(code) == 2 and code in countries else ""


def country_cache_key(country: str) -> str:
    return f"restrictions:country:{country}"


def _timeline(country: str) -> tuple[tuple[dt.datetime, bool], ...]:
    """(effective_from, buy_enabled) of every policy row of the country, oldest first."""
    key = country_cache_key(country)
    timeline = cache.get(key)
    if timeline is None:
        rows = CountryPolicy.objects.filter(country=country).order_by("effective_from", "id")
        timeline = tuple(rows.values_list("effective_from", "buy_enabled"))
        cache.set(key, timeline, CACHE_SECONDS)
    return timeline


def country_available(country: str, *, now: dt.datetime) -> bool:
    """Whether goods may be delivered to `country` at `now`: the newest policy row that has taken
    effect decides; no row (or not a country code) means available."""
    country = normalise_country(country)
    if not country:
        return True
    available = True
    for effective_from, buy_enabled in _timeline(country):
        if effective_from > now:
            break
        available = buy_enabled
    return available


def country_notice(country: str, *, now: dt.datetime) -> str:
    """The storefront's notice for that ship-to country, translated; "" when it is available."""
    country = normalise_country(country)
    if country_available(country, now=now):
        return ""
    return _("tradepost is not available for delivery to %(country)s.") % {
        "country": country_name(country)
    }


# --- categories and listings -----------------------------------------------------------------


def _category_parents() -> dict[int, int | None]:
    """category id → parent id, for the whole tree (< 1000 rows); never changed once cached."""
    key = f"restrictions:parents:{versions.current().shared}"
    local = caches["objects"]
    parents = local.get(key)
    if parents is None:
        parents = dict(Category.objects.order_by().values_list("id", "parent_id"))
        local.set(key, parents, TREE_SECONDS)
    return parents


def _active_rows(country: str, product_ids: list[int]) -> list[tuple[int, int, str]]:
    """(kind, product or category id, reason) of the restrictions in force, in one query."""
    kind = IntegerField()
    listings = ListingRestriction.objects.filter(
        country=country, lifted_at__isnull=True, product_id__in=product_ids
    ).values_list(Value(_LISTING, output_field=kind), "product_id", "reason")
    categories = CategoryRestriction.objects.filter(
        country=country, lifted_at__isnull=True
    ).values_list(Value(_CATEGORY, output_field=kind), "category_id", "reason")
    return list(listings.order_by().union(categories.order_by(), all=True))


def _category_reason(
    category_id: int | None, reasons: dict[int, str], parents: dict[int, int | None]
) -> str | None:
    """The reason of the nearest restricted category on the way up to the root, if any."""
    seen: set[int] = set()
    while category_id is not None and category_id not in seen:
        if category_id in reasons:
            return reasons[category_id]
        seen.add(category_id)
        category_id = parents.get(category_id)
    return None


def blocked_products(products: Sequence[Restrictable], country: str) -> dict[int, str]:
    """product id → reason, for the products that cannot be delivered to `country`.

    A listing restriction wins over a category one; a category restriction covers every category
    under it. One query for the restrictions (plus the catalog version, usually already read by
    the request, and the parent map when this process has not cached it yet)."""
    country = normalise_country(country)
    if not products or not country:
        return {}
    parents = _category_parents()
    rows = _active_rows(country, sorted({p.id for p in products}))
    listing_reasons = {ref: reason for kind, ref, reason in rows if kind == _LISTING}
    category_reasons = {ref: reason for kind, ref, reason in rows if kind == _CATEGORY}
    blocked: dict[int, str] = {}
    for product in products:
        reason = listing_reasons.get(product.id)
        if reason is None and category_reasons:
            reason = _category_reason(product.category_id, category_reasons, parents)
        if reason is not None:
            blocked[product.id] = reason
    return blocked


# --- console ---------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class CountryState:
    """A country that has policy rows: where it stands now and what is scheduled."""

    country: str
    name: str
    available: bool
    current: CountryPolicy | None  # None: no row has taken effect yet (available by default)
    scheduled: tuple[CountryPolicy, ...]


def country_states(*, now: dt.datetime) -> list[CountryState]:
    """Every country with policy rows, by name, in one query."""
    by_country: dict[str, list[CountryPolicy]] = {}
    rows = CountryPolicy.objects.select_related("created_by").order_by("effective_from", "id")
    for policy in rows:
        by_country.setdefault(policy.country.code, []).append(policy)
    states = []
    for code, policies in by_country.items():
        past = [p for p in policies if p.effective_from <= now]
        current = past[-1] if past else None
        states.append(
            CountryState(
                country=code,
                name=country_name(code),
                available=current.buy_enabled if current else True,
                current=current,
                scheduled=tuple(p for p in policies if p.effective_from > now),
            )
        )
    return sorted(states, key=lambda state: state.name)


def list_unavailable_countries(*, now: dt.datetime) -> list[str]:
    """Codes of the countries deliveries cannot go to at `now`."""
    return [state.country for state in country_states(now=now) if not state.available]


def list_country_policies() -> QuerySet[CountryPolicy]:
    """The full history, newest first."""
    return CountryPolicy.objects.select_related("created_by").order_by("-created_at", "-id")


def _newest_first(active: bool) -> str:
    return "-created_at" if active else "-lifted_at"


def list_category_restrictions(*, active: bool = True) -> QuerySet[CategoryRestriction]:
    return (
        CategoryRestriction.objects.filter(lifted_at__isnull=active)
        .select_related("category", "created_by", "lifted_by")
        .prefetch_related("category__translations")
        .order_by(_newest_first(active), "-id")
    )


def list_listing_restrictions(*, active: bool = True) -> QuerySet[ListingRestriction]:
    return (
        ListingRestriction.objects.filter(lifted_at__isnull=active)
        .select_related("product", "product__store", "created_by", "lifted_by")
        .prefetch_related("product__translations")
        .order_by(_newest_first(active), "-id")
    )


def category_choices() -> list[tuple[int, str]]:
    """(id, "parent › child" path) of every category, for the console's form."""
    rows = list(Category.objects.order_by().values_list("id", "parent_id", "slug"))
    parents = {pk: parent for pk, parent, _slug in rows}
    slugs = {pk: slug for pk, _parent, slug in rows}

    def path(pk: int) -> str:
        chain, seen = [], set()
        while pk is not None and pk not in seen:
            seen.add(pk)
            chain.append(slugs[pk])
            pk = parents.get(pk)
        return " › ".join(reversed(chain))

    return sorted(((pk, path(pk)) for pk in slugs), key=lambda choice: choice[1])


def public_products_by_public_id(public_ids: Sequence[str]) -> list[Product]:
    """Active listings by public id (what the restrictions API checks), in one query."""
    if not public_ids:
        return []
    rows = Product.objects.filter(public_id__in=set(public_ids), status=ProductStatus.ACTIVE)
    return list(rows.only("id", "public_id", "category_id").order_by("public_id"))
