"""Staff switch countries off and on, restrict categories and listings, and lift restrictions;
the cart, checkout and product pages call `check_ship_to` / `check_products`.

Every write records a legal basis and a reason, keeps the old rows (history), forgets the cached
country policy and moves the catalog's `shared` version so cached pages show the change at once.
"""

import datetime as dt
from collections.abc import Sequence

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from tradepost.catalog import versions
from tradepost.catalog.models import Category, Product
from tradepost.errors import PermissionDenied
from tradepost.restrictions import selectors
from tradepost.restrictions.errors import (
    CountryUnavailable,
    InvalidRestriction,
    RestrictedInCountry,
    RestrictionAlreadyLifted,
    RestrictionNotFound,
    UnknownCountry,
)
from tradepost.restrictions.models import (
    MANAGE_PERMISSION,
    CategoryRestriction,
    CountryPolicy,
    ListingRestriction,
)

# A change "from now" typed into a form lands a little in the past by the time it is saved.
PAST_GRACE = dt.timedelta(minutes=5)
MAX_COUNTRIES = 50

# --- what the cart, checkout and product pages call ------------------------------------------


def check_ship_to(country: str, *, now: dt.datetime) -> None:
    """Raise CountryUnavailable (451) when goods cannot be delivered to `country` at `now`;
    UnknownCountry (422) when it is not an ISO alpha-2 code."""
    code = selectors.normalise_country(country)
    if not code:
        raise UnknownCountry(str(country or ""))
    if not selectors.country_available(code, now=now):
        raise CountryUnavailable(code)


def check_products(products: Sequence[selectors.Restrictable], country: str) -> None:
    """Raise RestrictedInCountry (451) naming the products that cannot be delivered there."""
    blocked = selectors.blocked_products(products, country)
    if blocked:
        reasons = {p.public_id: blocked[p.id] for p in products if p.id in blocked}
        raise RestrictedInCountry(country=selectors.normalise_country(country), reasons=reasons)


# --- staff -----------------------------------------------------------------------------------


def require_restrictions_staff(staff) -> None:
    if not (staff is not None and staff.is_active and staff.is_staff):
        raise PermissionDenied()
    if not staff.has_perm(MANAGE_PERMISSION):
        raise PermissionDenied()


def _text(value: str, field: str, problems: dict[str, list[str]]) -> str:
    text = " ".join(str(value or "").split())
    if not text:
        problems[field] = [_("This field is required.")]
    return text


def _countries(codes: Sequence[str], problems: dict[str, list[str]]) -> list[str]:
    cleaned, unknown = [], []
    for raw in codes:
        code = selectors.normalise_country(raw)
        if code:
            cleaned.append(code)
        elif str(raw).strip():
            unknown.append(str(raw).strip()[:8])
    if unknown:
        problems["countries"] = [
            _("Not country codes: %(codes)s") % {"codes": ", ".join(unknown[:10])}
        ]
    elif not cleaned:
        problems["countries"] = [_("Give at least one country code.")]
    elif len(set(cleaned)) > MAX_COUNTRIES:
        problems["countries"] = [
            _("At most %(count)d countries at once.") % {"count": MAX_COUNTRIES}
        ]
    return list(dict.fromkeys(cleaned))


def _changed(countries: Sequence[str] = ()) -> None:
    """Forget cached country policies now and after commit (another process may have re-read
    the old rows in between); cached pages are keyed by the catalog version."""
    keys = [selectors.country_cache_key(code) for code in countries]
    if keys:
        cache.delete_many(keys)
        transaction.on_commit(lambda: cache.delete_many(keys))
    versions.bump(listings=False, shared=True)


@transaction.atomic
def set_country_availability(
    *,
    staff,
    country: str,
    available: bool,
    legal_ref: str,
    reason: str,
    effective_from: dt.datetime | None = None,
    now: dt.datetime,
) -> CountryPolicy:
    """Switch deliveries to `country` off (available=False) or back on from `effective_from`
    (default: now). Earlier rows stay as history; a later `effective_from` schedules the change."""
    require_restrictions_staff(staff)
    problems: dict[str, list[str]] = {}
    code = selectors.normalise_country(country)
    if not code:
        problems["country"] = [str(UnknownCountry(str(country or "")).message)]
    legal_ref = _text(legal_ref, "legal_ref", problems)
    reason = _text(reason, "reason", problems)
    starts = effective_from or now
    if starts < now - PAST_GRACE:
        problems["effective_from"] = [_("A change cannot take effect in the past.")]
    if problems:
        raise InvalidRestriction(fields=problems)
    policy = CountryPolicy.objects.create(
        country=code, buy_enabled=available, legal_ref=legal_ref, reason=reason,
        effective_from=starts, created_by=staff, created_at=now,
    )  # fmt: skip
    _changed([code])
    return policy


def _create_each(model, rows: list[dict]) -> list:
    """Create each row unless an active one exists for its target and country (kept as is)."""
    created = []
    for row in rows:
        try:
            with transaction.atomic():  # a concurrent twin hits the one-active constraint
                created.append(model.objects.create(**row))
        except IntegrityError:
            continue
    return created


@transaction.atomic
def restrict_category(
    *,
    staff,
    category_id: int,
    countries: Sequence[str],
    legal_ref: str,
    reason: str,
    now: dt.datetime,
) -> list[CategoryRestriction]:
    """The category and every category under it cannot be delivered to `countries`. Countries
    where it is already restricted are skipped; returns the new rows."""
    require_restrictions_staff(staff)
    problems: dict[str, list[str]] = {}
    category = Category.objects.filter(pk=category_id).first() if category_id else None
    if category is None:
        problems["category"] = [_("Choose a category.")]
    codes = _countries(countries, problems)
    basis = {"legal_ref": _text(legal_ref, "legal_ref", problems),
             "reason": _text(reason, "reason", problems)}  # fmt: skip
    if problems:
        raise InvalidRestriction(fields=problems)
    rows = [dict(category=category, country=code, created_by=staff, created_at=now, **basis)
            for code in codes]  # fmt: skip
    created = _create_each(CategoryRestriction, rows)
    _changed()
    return created


@transaction.atomic
def restrict_listing(
    *,
    staff,
    product_public_id: str,
    countries: Sequence[str],
    legal_ref: str,
    reason: str,
    now: dt.datetime,
) -> list[ListingRestriction]:
    """One listing (any store, any status) cannot be delivered to `countries`; returns the new
    rows (countries where it is already restricted are skipped)."""
    require_restrictions_staff(staff)
    problems: dict[str, list[str]] = {}
    public_id = str(product_public_id or "").strip().lower()
    product = Product.objects.filter(public_id=public_id).first() if public_id else None
    if product is None:
        problems["product"] = [_("There is no listing with this id.")]
    codes = _countries(countries, problems)
    basis = {"legal_ref": _text(legal_ref, "legal_ref", problems),
             "reason": _text(reason, "reason", problems)}  # fmt: skip
    if problems:
        raise InvalidRestriction(fields=problems)
    rows = [dict(product=product, country=code, created_by=staff, created_at=now, **basis)
            for code in codes]  # fmt: skip
    created = _create_each(ListingRestriction, rows)
    _changed()
    return created


@transaction.atomic
def lift_restriction(
    *, staff, public_id: str, now: dt.datetime
) -> CategoryRestriction | ListingRestriction:
    """The restriction stops applying; its row stays with who lifted it and when."""
    require_restrictions_staff(staff)
    for model in (CategoryRestriction, ListingRestriction):
        restriction = model.objects.select_for_update().filter(public_id=public_id).first()
        if restriction is not None:
            break
    else:
        raise RestrictionNotFound()
    if restriction.lifted_at is not None:
        raise RestrictionAlreadyLifted()
    restriction.lifted_at, restriction.lifted_by = now, staff
    restriction.save(update_fields=["lifted_at", "lifted_by"])
    _changed()
    return restriction
