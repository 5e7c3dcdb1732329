"""The demo marketplace that `make run` loads into an empty database. Idempotent: safe to rerun.

Passwords here are for the local demo only and are printed by `make run` and listed in README.md.
"""

import io
import os
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import transaction

from tradepost import clock, demo_catalog
from tradepost.accounts import roles
from tradepost.accounts.models import User
from tradepost.demo_catalog import buying as demo_buying
from tradepost.demo_catalog import money as demo_money
from tradepost.demo_catalog import restrictions as demo_restrictions
from tradepost.demo_catalog.sellers import seller_logins
from tradepost.search import services as search
from tradepost.sellers.models import Store

BUYER_PASSWORD = "demo-buyer-2026"
# Every demo seller logs in with this password (a few are printed, see `seller_logins()`).
SELLER_PASSWORD = demo_catalog.SELLER_PASSWORD
# The size of the demo catalogue; tests and quick starts can make it smaller.
DEMO_SELLERS = 40
DEMO_PRODUCTS = 2000
ADMIN_PASSWORD = "demo-admin-2026"
# The demo admin's authenticator secret (base32): add it to any TOTP app, or use a recovery code.
ADMIN_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


@dataclass(frozen=True)
class DemoBuyer:
    email: str
    name: str
    country: str
    language: str
    currency: str


DEMO_BUYERS = (
    DemoBuyer("ana@demo.tradepost.test", "Ana Souza", "BR", "pt", "BRL"),
    DemoBuyer("ivan@demo.tradepost.test", "Иван Петров", "RU", "ru", "RUB"),
    DemoBuyer("lucia@demo.tradepost.test", "Lucía García", "ES", "es", "EUR"),
    DemoBuyer("claire@demo.tradepost.test", "Claire Martin", "FR", "fr", "EUR"),
    DemoBuyer("minji@demo.tradepost.test", "김민지", "KR", "ko", "KRW"),
    DemoBuyer("oliver@demo.tradepost.test", "Oliver Smith", "GB", "en", "GBP"),
    DemoBuyer("chloe@demo.tradepost.test", "Chloe Wilson", "AU", "en", "AUD"),
)
DEMO_ADMIN_EMAIL = "admin@demo.tradepost.test"


def _ensure_user(email: str, password: str, **fields) -> tuple[User, bool]:
    user, created = User.objects.get_or_create(email=email, defaults=fields)
    if created:
        user.set_password(password)
        user.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user, created


def _ensure_admin() -> User:
    admin, _ = _ensure_user(
        DEMO_ADMIN_EMAIL,
        ADMIN_PASSWORD,
        first_name="Demo",
        last_name="Admin",
        is_staff=True,
        is_superuser=True,
        preferred_language="en",
    )
    admin.groups.add(Group.objects.get(name=roles.ADMIN))
    if not Authenticator.objects.filter(user=admin, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(admin, ADMIN_TOTP_SECRET)
    if not Authenticator.objects.filter(
        user=admin, type=Authenticator.Type.RECOVERY_CODES
    ).exists():
        RecoveryCodes.activate(admin)
    return admin


def admin_recovery_codes(limit: int = 3) -> list[str]:
    authenticator = Authenticator.objects.filter(
        user__email=DEMO_ADMIN_EMAIL, type=Authenticator.Type.RECOVERY_CODES
    ).first()
    if authenticator is None:  # the database was not made by the demo
        return []
    return RecoveryCodes(authenticator).get_unused_codes()[:limit]


def demo_seller_logins() -> list[tuple[str, str, str]]:
    """(country, e-mail, store name) of the demo sellers `make run` prints."""
    return demo_catalog.seller_logins()


@transaction.atomic
def load_demo(*, sellers: int | None = None, products: int | None = None) -> dict:
    """Create what is missing; return what was created (counts) for the command to print.

    The catalogue's size defaults to DEMO_SELLERS / DEMO_PRODUCTS, or the environment's
    TRADEPOST_DEMO_SELLERS / TRADEPOST_DEMO_PRODUCTS; TRADEPOST_DEMO_IMAGES=0 skips pictures.
    """
    roles.ensure_roles()
    created = 0
    buyer_group = Group.objects.get(name=roles.BUYER)
    for spec in DEMO_BUYERS:
        first, _, last = spec.name.partition(" ")
        user, was_created = _ensure_user(
            spec.email,
            BUYER_PASSWORD,
            first_name=first,
            last_name=last,
            preferred_language=spec.language,
            display_currency=spec.currency,
            ship_to_country=spec.country,
        )
        user.groups.add(buyer_group)
        created += int(was_created)
    admin = _ensure_admin()
    call_command("import_rates", verbosity=0, stdout=io.StringIO())
    catalog = demo_catalog.generate_catalog(
        sellers=sellers or int(os.environ.get("TRADEPOST_DEMO_SELLERS", DEMO_SELLERS)),
        products=products or int(os.environ.get("TRADEPOST_DEMO_PRODUCTS", DEMO_PRODUCTS)),
        images=os.environ.get("TRADEPOST_DEMO_IMAGES", "1") != "0",
        reviewer=admin,
    )
    buying = demo_buying.ensure_buying(DEMO_BUYERS, admin)
    history = demo_money.ensure_order_history(
        list(User.objects.filter(email__in=[b.email for b in DEMO_BUYERS]).order_by("id")),
        admin,
        list(Store.objects.filter(seller__user__email__in=[e for _, e, _ in seller_logins()])),
    )
    restrictions = demo_restrictions.ensure_restrictions(admin, clock.now())
    search.rebuild()  # the listings were written in bulk, without outbox events
    return {
        "buyers_created": created,
        "catalog": catalog,
        "buying": buying,
        "order_history": history,
        "restrictions": restrictions,
    }
