"""Every write of the sellers app: applying, trader details, the store, review decisions.

`transition_seller` is the only place a seller's status changes (DESIGN.md §4).
"""

from dataclasses import asdict
from datetime import datetime

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_slug
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django_countries import countries

from tradepost.accounts.models import User
from tradepost.accounts.roles import SELLER
from tradepost.money.currencies import is_known_currency
from tradepost.notifications import outbox
from tradepost.sellers import errors, reauth, states
from tradepost.sellers import images as store_images
from tradepost.sellers.models import Seller, SellerEvent, SellerKind, Store, StoreTranslation
from tradepost.sellers.states import SellerStatus
from tradepost.sellers.validation import (
    PayoutInput,
    TraderDetailsInput,
    validate_payout,
    validate_trader_details,
)

EDITABLE = frozenset({SellerStatus.DRAFT, SellerStatus.REJECTED})
# The payout account may also change after verification (never while under review).
PAYOUT_EDITABLE = EDITABLE | {SellerStatus.VERIFIED}
REVIEW_PERMISSION = "sellers.review_seller"


def _lock(seller: Seller) -> Seller:
    """Lock the row and re-read it into the caller's object, so the caller sees the outcome."""
    Seller.objects.select_for_update().filter(pk=seller.pk).values_list("pk").get()
    seller.refresh_from_db()
    return seller


def ensure_editable(seller: Seller) -> None:
    if seller.status not in EDITABLE:
        raise errors.ApplicationLocked(status=seller.status)


def _check_kind(kind: str) -> None:
    if kind not in SellerKind.values:
        raise errors.InvalidSellerKind(
            fields={"kind": [str(errors.InvalidSellerKind.default_message)]}
        )


@transaction.atomic
def start_application(*, user: User, kind: str, now: datetime) -> Seller:
    """Open a draft application as a company or an individual (one per account)."""
    _check_kind(kind)
    if Seller.objects.filter(user=user).exists():
        raise errors.SellerAlreadyExists()
    return Seller.objects.create(user=user, kind=kind, email=user.email, created_at=now)


@transaction.atomic
def change_seller_kind(*, seller: Seller, kind: str, now: datetime) -> Seller:
    _check_kind(kind)
    locked = _lock(seller)
    ensure_editable(locked)
    if locked.kind != kind:
        # The registration number's validator depends on the kind: ask for it again.
        locked.kind, locked.registration_number = kind, ""
        locked.save(update_fields=["kind", "registration_number"])
    return locked


@transaction.atomic
def update_trader_details(*, seller: Seller, data: TraderDetailsInput, now: datetime) -> Seller:
    """Validate and store the trader details (DSA Art. 30 (a)(d)), only while draft or rejected."""
    locked = _lock(seller)
    ensure_editable(locked)
    clean = validate_trader_details(locked.kind, data)
    for field, value in asdict(clean).items():
        setattr(locked, field, value)
    locked.save(update_fields=list(asdict(clean)))
    return locked


def has_payout_account(seller: Seller) -> bool:
    return bool(seller.payout_iban or seller.payout_account)


@transaction.atomic
def update_payout_account(
    *, seller: Seller, data: PayoutInput, now: datetime, password: str | None = None
) -> Seller:
    """Store the payout account (DSA Art. 30 (c)): while draft or rejected, or once verified.

    Replacing an account already given needs the user's current `password` in the same request
    (sellers.reauth: ReauthenticationRequired, rate-limited); the first entry, during
    onboarding, does not: no payout can go anywhere before there is an account.
    """
    locked = _lock(seller)
    if locked.status not in PAYOUT_EDITABLE:
        raise errors.ApplicationLocked(status=locked.status)
    replacing = has_payout_account(locked)
    if replacing:
        reauth.confirm_password(user=locked.user, password=password, now=now)
    clean = validate_payout(data)
    locked.payout_iban, locked.payout_account = clean.iban, clean.account
    locked.payout_country = clean.country
    locked.save(update_fields=["payout_iban", "payout_account", "payout_country"])
    if replacing:
        outbox.emit("seller.payout_account_changed", {"seller": locked.public_id}, now=now)
    return locked


def _missing_for_submission(seller: Seller) -> dict[str, list[str]]:
    missing: dict[str, list[str]] = {}
    details = TraderDetailsInput(
        **{f: str(getattr(seller, f)) for f in TraderDetailsInput.__dataclass_fields__}
    )
    try:
        validate_trader_details(seller.kind, details)
    except errors.DomainError as error:
        missing.update(error.fields)
    if not (seller.payout_iban or (seller.payout_account and seller.payout_country)):
        missing["payout"] = [_("Add the account we pay your earnings into.")]
    if not Store.objects.filter(seller=seller).exists():
        missing["store"] = [_("Set up your store.")]
    return missing


@transaction.atomic
def submit_application(*, seller: Seller, self_certified: bool, now: datetime) -> Seller:
    """Send a complete application for review. The trader certifies (Art. 30 (e)) each time."""
    locked = _lock(seller)
    ensure_editable(locked)
    missing = _missing_for_submission(locked)
    if not self_certified:
        missing["self_certified"] = [
            _("Confirm that you will offer only products that comply with the law.")
        ]
    if missing:
        raise errors.IncompleteApplication(fields=missing)
    locked.self_certified_at, locked.rejection_reason = now, ""
    locked.save(update_fields=["self_certified_at", "rejection_reason"])
    transition_seller(
        locked,
        to=SellerStatus.SUBMITTED,
        actor=locked.user,
        reason="application submitted",
        now=now,
    )
    outbox.emit("seller.submitted", {"seller": locked.public_id}, now=now)
    return locked


def transition_seller(
    seller: Seller, *, to: str, actor: User | None, reason: str, now: datetime
) -> SellerEvent:
    """The one place a seller's status changes: checks the table, compare-and-set, writes an event."""
    current = seller.status
    if not states.can_move(current, to):
        raise errors.IllegalSellerTransition(current=current, target=to)
    with transaction.atomic():
        moved = Seller.objects.filter(pk=seller.pk, status=current).update(
            status=to, status_changed_at=now
        )
        if moved != 1:
            raise errors.SellerChangedConcurrently()
        seller.status, seller.status_changed_at = to, now
        # Cached public pages are keyed by the catalog version: a suspended seller's
        # listings go at once, from every process.
        _public_catalog_changed()
        return SellerEvent.objects.create(
            seller=seller, from_status=current, to_status=to, actor=actor, reason=reason,
            created_at=now,
        )  # fmt: skip


def _public_catalog_changed() -> None:
    from tradepost.catalog import versions  # catalog depends on sellers, not the other way

    versions.bump(listings=True, shared=True)


def _check_reviewer(actor: User | None) -> None:
    """Staff with the review permission; None is the system itself (sweeps, strike rules)."""
    if actor is not None and not (actor.is_staff and actor.has_perm(REVIEW_PERMISSION)):
        raise errors.NotAStaffMember()


def _require_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise errors.ReasonRequired(fields={"reason": [_("This field is required.")]})
    return reason


def seller_group() -> Group:
    return Group.objects.get_or_create(name=SELLER)[0]


@transaction.atomic
def verify_seller(*, seller: Seller, actor: User | None, now: datetime, reason: str = "") -> Seller:
    """Approve a submitted application: the store opens today and the user joins the seller role."""
    _check_reviewer(actor)
    locked = _lock(seller)
    if locked.status != SellerStatus.SUBMITTED:  # a suspended seller is reinstated, not verified
        raise errors.IllegalSellerTransition(current=locked.status, target=SellerStatus.VERIFIED)
    transition_seller(
        locked, to=SellerStatus.VERIFIED, actor=actor, reason=reason.strip() or "verified", now=now
    )
    Store.objects.filter(seller=locked).update(opened_on=now.date())
    locked.user.groups.add(seller_group())
    outbox.emit("seller.verified", {"seller": locked.public_id}, now=now)
    return locked


@transaction.atomic
def reject_seller(*, seller: Seller, actor: User | None, reason: str, now: datetime) -> Seller:
    _check_reviewer(actor)
    reason = _require_reason(reason)
    locked = _lock(seller)
    transition_seller(locked, to=SellerStatus.REJECTED, actor=actor, reason=reason, now=now)
    locked.rejection_reason = reason
    locked.save(update_fields=["rejection_reason"])
    outbox.emit("seller.rejected", {"seller": locked.public_id, "reason": reason}, now=now)
    return locked


@transaction.atomic
def suspend_seller(*, seller: Seller, actor: User | None, reason: str, now: datetime) -> Seller:
    """The store and its listings leave the storefront at once (public selectors check status)."""
    _check_reviewer(actor)
    reason = _require_reason(reason)
    locked = _lock(seller)
    transition_seller(locked, to=SellerStatus.SUSPENDED, actor=actor, reason=reason, now=now)
    locked.user.groups.remove(seller_group())
    outbox.emit("seller.suspended", {"seller": locked.public_id, "reason": reason}, now=now)
    return locked


@transaction.atomic
def reinstate_seller(
    *, seller: Seller, actor: User | None, now: datetime, reason: str = ""
) -> Seller:
    _check_reviewer(actor)
    locked = _lock(seller)
    if locked.status != SellerStatus.SUSPENDED:
        raise errors.IllegalSellerTransition(current=locked.status, target=SellerStatus.VERIFIED)
    note = f"reinstated: {reason.strip()}" if reason.strip() else "reinstated"
    transition_seller(locked, to=SellerStatus.VERIFIED, actor=actor, reason=note, now=now)
    locked.user.groups.add(seller_group())
    outbox.emit("seller.reinstated", {"seller": locked.public_id}, now=now)
    return locked


# Store --------------------------------------------------------------------------------------


def _clean_store(
    *, name, slug, country, settlement_currency, original_language, languages_spoken, exclude=None
) -> dict:
    problems: dict[str, list[str]] = {}
    name, slug = name.strip(), slug.strip().lower()
    country, currency = country.strip().upper(), settlement_currency.strip().upper()
    offered = dict(settings.LANGUAGES)
    if not name:
        problems["name"] = [_("This field is required.")]
    try:
        validate_slug(slug)
    except DjangoValidationError:
        problems["slug"] = [_("Use letters, numbers, hyphens or underscores.")]
    if country not in countries:
        problems["country"] = [_("Choose a valid country.")]
    if not is_known_currency(currency):
        problems["settlement_currency"] = [_("Choose a valid currency.")]
    if original_language not in offered:
        problems["original_language"] = [_("Choose a valid language.")]
    if any(code not in offered for code in languages_spoken):
        problems["languages_spoken"] = [_("Choose valid languages.")]
    if problems:
        raise errors.InvalidStore(fields=problems)
    if Store.objects.filter(slug=slug).exclude(pk=exclude).exists():
        raise errors.StoreSlugTaken(fields={"slug": [str(errors.StoreSlugTaken.default_message)]})
    spoken = sorted(set(languages_spoken) | {original_language})
    return {"name": name, "slug": slug, "country": country, "settlement_currency": currency,
            "original_language": original_language, "languages_spoken": spoken}  # fmt: skip


def _save_store(store: Store) -> None:
    try:
        with transaction.atomic():  # a savepoint: a slug taken meanwhile is a clean error
            store.save()
    except IntegrityError:
        raise errors.StoreSlugTaken(
            fields={"slug": [str(errors.StoreSlugTaken.default_message)]}
        ) from None


def _set_description(store: Store, description: str) -> None:
    StoreTranslation.objects.update_or_create(
        store=store, language=store.original_language,
        defaults={"description": description.strip()},
    )  # fmt: skip


@transaction.atomic
def create_store(
    *, seller: Seller, name: str, slug: str, country: str, settlement_currency: str,
    original_language: str, languages_spoken: list[str], description: str = "", now: datetime,
) -> Store:  # fmt: skip
    """The seller's one store; its description is written in the store's original language."""
    locked = _lock(seller)
    ensure_editable(locked)
    if Store.objects.filter(seller=locked).exists():
        raise errors.StoreAlreadyExists()
    fields = _clean_store(
        name=name, slug=slug, country=country, settlement_currency=settlement_currency,
        original_language=original_language, languages_spoken=languages_spoken,
    )  # fmt: skip
    store = Store(seller=locked, opened_on=now.date(), **fields)
    _save_store(store)
    _set_description(store, description)
    return store


@transaction.atomic
def update_store(
    *, seller: Seller, name: str, slug: str, country: str, settlement_currency: str,
    original_language: str, languages_spoken: list[str], description: str | None = None,
    now: datetime,
) -> Store:  # fmt: skip
    """Change the store; its address (slug) and currency are fixed once the seller is reviewed.

    The description (in the store's original language) stays as it is when none is given."""
    locked = _lock(seller)
    store = Store.objects.select_for_update().get(seller=locked)
    fields = _clean_store(
        name=name, slug=slug, country=country, settlement_currency=settlement_currency,
        original_language=original_language, languages_spoken=languages_spoken, exclude=store.pk,
    )  # fmt: skip
    fixed = {"slug": store.slug, "settlement_currency": store.settlement_currency}
    if locked.status not in EDITABLE and any(fields[k] != v for k, v in fixed.items()):
        raise errors.StoreSlugLocked()
    for field, value in fields.items():
        setattr(store, field, value)
    _save_store(store)
    if description is not None:
        _set_description(store, description)
    _public_catalog_changed()  # its name and card show on many pages
    return store


# Store settings (seller center): any seller that has a store, whatever its status ------------

MAX_STORE_DESCRIPTION = 5000


def _own_store(seller: Seller) -> Store:
    """The seller's store, locked; the seller row is locked first, as everywhere else."""
    locked = _lock(seller)
    store = Store.objects.select_for_update().filter(seller=locked).first()
    if store is None:
        raise errors.StoreNotFound()
    return store


@transaction.atomic
def update_store_profile(
    *, seller: Seller, name: str, languages_spoken: list[str], now: datetime
) -> Store:
    """Rename the store and set the languages it answers in; nothing else changes."""
    store = _own_store(seller)
    return update_store(
        seller=seller, name=name, slug=store.slug, country=store.country.code,
        settlement_currency=store.settlement_currency, original_language=store.original_language,
        languages_spoken=languages_spoken, now=now,
    )  # fmt: skip


@transaction.atomic
def set_store_description(*, seller: Seller, language: str, text: str, now: datetime) -> Store:
    """Write the store's description in one language; an empty text removes that language.

    The other languages are not touched. Buyers read it in their language, else the store's
    original language, else English (sellers.selectors.store_description).
    """
    if language not in dict(settings.LANGUAGES):
        raise errors.InvalidStore(fields={"language": [_("Choose a valid language.")]})
    text = (text or "").replace("\r\n", "\n").strip()
    if len(text) > MAX_STORE_DESCRIPTION:
        message = _("Write at most %(max)s characters.") % {"max": MAX_STORE_DESCRIPTION}
        raise errors.InvalidStore(message, fields={"description": [message]})
    store = _own_store(seller)
    if text:
        StoreTranslation.objects.update_or_create(
            store=store, language=language, defaults={"description": text}
        )
    else:
        StoreTranslation.objects.filter(store=store, language=language).delete()
    _public_catalog_changed()  # the store page and its cached copies show it
    return store


def _check_image_kind(kind: str) -> None:
    if kind not in store_images.KINDS:
        raise errors.InvalidStore(fields={"kind": [_("Choose the logo or the banner.")]})


def set_store_image(*, seller: Seller, kind: str, upload, now: datetime) -> Store:
    """Check and clean the picture as a product image, keep it as one WebP (sellers.images).

    The pixels are decoded and resized before the transaction opens, so a large upload never
    holds the lock. A bad file raises catalog's InvalidImage or ImageTooLarge and changes
    nothing; the picture it replaces is deleted once the change is committed.
    """
    _check_image_kind(kind)
    data = store_images.render(kind, upload)
    with transaction.atomic():
        store = _own_store(seller)
        old = getattr(store, kind).name
        path = store_images.save(kind, store, data)
        setattr(store, kind, path)
        try:
            store.save(update_fields=[kind])
        except Exception:
            store_images.delete(path)
            raise
        if old:
            transaction.on_commit(lambda: store_images.delete(old))
        _public_catalog_changed()  # the logo shows on the store page and the product pages
    return store


@transaction.atomic
def remove_store_image(*, seller: Seller, kind: str, now: datetime) -> Store:
    """Remove the logo or the banner; its file is deleted once the change is committed."""
    _check_image_kind(kind)
    store = _own_store(seller)
    old = getattr(store, kind).name
    if old:
        setattr(store, kind, "")
        store.save(update_fields=[kind])
        transaction.on_commit(lambda: store_images.delete(old))
        _public_catalog_changed()
    return store


# Deposits and closing (sellers.deposits, sellers.closing), under the names other apps call ------


def deposit_paid(*, seller: Seller, intent, now: datetime):
    """Payments captured a deposit payment: the deposit is held (idempotent per intent)."""
    from tradepost.sellers import deposits

    return deposits.deposit_paid(seller=seller, intent=intent, now=now)


def close_store(*, seller: Seller, now: datetime) -> Seller:
    """Close the store for good (StoreHasObligations while orders or money are open)."""
    from tradepost.sellers import closing

    return closing.close_store(seller=seller, now=now)
