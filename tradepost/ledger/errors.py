"""Domain errors of the ledger and payouts. Codes are published API: never rename them."""

from django.utils.translation import gettext_lazy as _

from tradepost.errors import DomainError, InvalidInput, NotFound


class LedgerError(DomainError):
    """A posting the ledger refuses: nothing was written."""

    code = "ledger_error"
    http_status = 409
    default_message = _("The ledger refused this money movement.")


class UnbalancedEntry(LedgerError):
    code = "ledger_unbalanced"
    default_message = _("The entry does not balance in every currency.")


class InvalidLegs(LedgerError):
    code = "ledger_invalid_legs"
    default_message = _("An entry needs at least two non-zero integer amounts.")


class ReferenceConflict(LedgerError):
    """The reference was already used by a different movement (a repeat must be identical)."""

    code = "ledger_reference_conflict"
    default_message = _("This reference was already used for a different movement.")


class AppendOnly(LedgerError):
    """Journal entries and postings are never changed or deleted: post a correcting entry."""

    code = "ledger_append_only"
    default_message = _("Posted ledger entries cannot be changed or deleted.")


class ExceedsEscrow(LedgerError):
    code = "refund_exceeds_escrow"
    default_message = _("The refund is more than the order still holds in escrow.")


class NothingInEscrow(LedgerError):
    code = "nothing_in_escrow"
    default_message = _("The order holds no money in escrow.")


class NothingToReturn(LedgerError):
    code = "no_deposit_held"
    default_message = _("No deposit is held in this currency.")


class PayoutNotFound(NotFound):
    """Also for another seller's payout: nobody learns that it exists."""

    code = "payout_not_found"
    default_message = _("Payout not found.")


class InsufficientBalance(DomainError):
    code = "insufficient_balance"
    http_status = 409
    default_message = _("The amount is more than your available balance.")


class BelowPayoutMinimum(InvalidInput):
    code = "payout_below_minimum"
    default_message = _("The amount is below the minimum payout.")


class InvalidAmount(InvalidInput):
    code = "invalid_amount"
    default_message = _("Enter a positive amount in minor units.")


class PayoutAccountMissing(DomainError):
    code = "payout_account_missing"
    http_status = 409
    default_message = _("Add a payout account before requesting a payout.")


class PayoutsOnHold(DomainError):
    """A suspended (or not yet verified) seller keeps its balance but cannot withdraw it: money
    may be owed back to buyers while its listings are investigated."""

    code = "payouts_on_hold"
    http_status = 409
    default_message = _("Payouts are on hold while your seller account is not active.")


class IllegalPayoutTransition(DomainError):
    code = "illegal_payout_transition"
    http_status = 409
    default_message = _("The payout cannot move to that status now.")

    def __init__(self, *, current: str, target: str):
        super().__init__(
            _("A payout cannot go from “%(current)s” to “%(target)s”.")
            % {"current": current, "target": target},
            current=current,
            target=target,
        )


class NothingToExport(DomainError):
    code = "no_payouts_to_export"
    http_status = 409
    default_message = _("No approved payouts are waiting to be exported.")
