"""Roles are Django groups with permissions: buyer, seller and the staff roles.

`ensure_roles()` is idempotent and runs after every `migrate` (accounts.apps), so a fresh database
and the test database always have them.
"""

from django.contrib.auth.models import Group, Permission

BUYER = "buyer"
SELLER = "seller"
SUPPORT = "support"
TRUST_SAFETY = "trust_safety"
FINANCE = "finance"
ADMIN = "admin"
STAFF_ROLES = (SUPPORT, TRUST_SAFETY, FINANCE, ADMIN)

# The ledger, payouts and the ledger check, for finance and admin.
LEDGER_PERMISSIONS = (
    "ledger.view_account",
    "ledger.view_journalentry",
    "ledger.view_posting",
    "ledger.view_payout",
    "ledger.view_payoutbatch",
    "ledger.manage_payouts",
    "ledger.check_ledger",
)

# Permission codenames per role, "<app_label>.<codename>". Later apps add theirs here.
ROLE_PERMISSIONS: dict[str, tuple[str, ...]] = {
    BUYER: (),
    SELLER: (),
    SUPPORT: (
        "accounts.view_user",
        "accounts.view_address",
        "sellers.view_seller",
        "orders.view_order",
    ),
    TRUST_SAFETY: (
        "accounts.view_user",
        "sellers.view_seller",
        "sellers.review_seller",
        "restrictions.manage_restrictions",
    ),
    FINANCE: (
        "accounts.view_user",
        "money.view_exchangerate",
        "money.add_exchangerate",
        "sellers.manage_fees",
        *LEDGER_PERMISSIONS,
    ),
    ADMIN: (
        "accounts.view_user",
        "accounts.change_user",
        "accounts.view_address",
        "auth.view_group",
        "auth.change_group",
        "money.view_exchangerate",
        "money.add_exchangerate",
        "money.change_exchangerate",
        "notifications.view_outboxevent",
        "sellers.view_seller",
        "sellers.review_seller",
        "sellers.manage_fees",
        "orders.view_order",
        "inventory.view_reservation",
        "promotions.manage_promotions",
        "restrictions.manage_restrictions",
        *LEDGER_PERMISSIONS,
    ),
}


def _permissions(names: tuple[str, ...]) -> list[Permission]:
    found = []
    for name in names:
        app_label, codename = name.split(".", 1)
        found.extend(
            Permission.objects.filter(content_type__app_label=app_label, codename=codename)
        )
    return found


def ensure_roles() -> None:
    for role, permission_names in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.set(_permissions(permission_names))


def has_role(user, role: str) -> bool:
    return user.is_authenticated and user.groups.filter(name=role).exists()


def is_staff_member(user) -> bool:
    return bool(user.is_authenticated and user.is_staff)
