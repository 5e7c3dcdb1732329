"""The ledger's accounts: one per (kind, owner, currency), created on first use.

Each helper returns the account, creating it if needed. Creation is race-safe: the account's
`code` is unique, and `get_or_create` falls back to reading the row another transaction created.
Sign convention of postings: + debit, − credit. Normal sides: gateway clearing and platform
promotions are debit-normal (money we hold at the processor; money we spend on discounts); all
others are credit-normal (what we owe: escrow, sellers, tax, money on its way; and revenue).
"""

from tradepost.ledger.errors import LedgerError
from tradepost.ledger.models import Account, AccountKind
from tradepost.money import currencies


def _currency(code: str) -> str:
    if not currencies.is_known_currency(code):
        raise LedgerError(f"Unknown currency {code!r}")
    return code


def _get(kind: str, currency: str, *, seller=None, jurisdiction: str = "") -> Account:
    currency = _currency(currency)
    owner = str(seller.pk) if seller is not None else jurisdiction
    code = ":".join(part for part in (kind, owner, currency) if part)
    label = AccountKind(kind).label
    name = " ".join(str(part) for part in (label, owner, currency) if part)
    account, _ = Account.objects.get_or_create(
        code=code,
        defaults={
            "kind": kind,
            "currency": currency,
            "seller": seller,
            "jurisdiction": jurisdiction,
            "name": name,
        },
    )
    return account


def gateway_clearing(currency: str) -> Account:
    """Money held for us by the payment processor (debit-normal)."""
    return _get(AccountKind.GATEWAY_CLEARING, currency)


def escrow(currency: str) -> Account:
    """Buyers' money held until release or refund; postings carry the order (its sub-ledger)."""
    return _get(AccountKind.ESCROW, currency)


def seller_payable(seller, currency: str) -> Account:
    """What we owe the seller: its available balance."""
    return _get(AccountKind.SELLER_PAYABLE, currency, seller=seller)


def seller_deposit(seller, currency: str) -> Account:
    """The seller's security deposit, held until the store closes."""
    return _get(AccountKind.SELLER_DEPOSIT, currency, seller=seller)


def commission_revenue(currency: str) -> Account:
    return _get(AccountKind.COMMISSION_REVENUE, currency)


def tax_payable(jurisdiction: str, currency: str) -> Account:
    """Tax collected for `jurisdiction` (ISO country code of the destination)."""
    code = (jurisdiction or "").strip().upper()
    if not code.isalpha() or len(code) > 8:
        raise LedgerError(f"Invalid tax jurisdiction {jurisdiction!r}")
    return _get(AccountKind.TAX_PAYABLE, currency, jurisdiction=code)


def fx_difference(currency: str) -> Account:
    """Conversion between currencies: the buyer-currency leg and the settlement-currency leg of
    each release meet here, and so does the rounding difference."""
    return _get(AccountKind.FX_DIFFERENCE, currency)


def payouts_in_transit(currency: str) -> Account:
    """Payouts requested and not yet confirmed paid or failed."""
    return _get(AccountKind.PAYOUTS_IN_TRANSIT, currency)


def platform_promotions(currency: str) -> Account:
    """Discounts the platform funds (debit-normal: an expense)."""
    return _get(AccountKind.PLATFORM_PROMOTIONS, currency)


def refunds(currency: str) -> Account:
    """Refunds decided and taken out of escrow that the gateway has not yet confirmed sent back
    to the buyer's card (nets to zero once every refund is confirmed)."""
    return _get(AccountKind.REFUNDS, currency)
