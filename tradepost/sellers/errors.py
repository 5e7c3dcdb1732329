"""Domain errors of the sellers app. Codes are stable: never rename one once published."""

from django.utils.translation import gettext_lazy as _

from tradepost.errors import DomainError, InvalidInput, NotFound


class InvalidTraderDetails(InvalidInput):
    """Several kinds of problem at once; each field still carries its own message."""

    code = "invalid_trader_details"
    default_message = _("Some trader details are not valid.")


class IncompleteTraderDetails(InvalidInput):
    code = "incomplete_trader_details"
    default_message = _("Some required trader details are missing.")


class InvalidRegistrationNumber(InvalidInput):
    code = "invalid_registration_number"
    default_message = _("The registration or ID number is not valid for the selected country.")


class InvalidVatNumber(InvalidInput):
    code = "invalid_vat_number"
    default_message = _("The VAT number is not valid.")


class InvalidIban(InvalidInput):
    code = "invalid_iban"
    default_message = _("The IBAN is not valid.")


class InvalidPayoutAccount(InvalidInput):
    code = "invalid_payout_account"
    default_message = _("Give an IBAN, or another account with its country.")


class InvalidPhone(InvalidInput):
    code = "invalid_phone"
    default_message = _("The phone number is not valid.")


class InvalidEmail(InvalidInput):
    code = "invalid_email"
    default_message = _("The e-mail address is not valid.")


class InvalidTraderAddress(InvalidInput):
    code = "invalid_trader_address"
    default_message = _("The address is not valid.")


class InvalidSellerKind(InvalidInput):
    code = "invalid_seller_kind"
    default_message = _("Choose company or individual.")


class InvalidStore(InvalidInput):
    code = "invalid_store"
    default_message = _("Some store details are not valid.")


class StoreSlugTaken(InvalidInput):
    code = "store_slug_taken"
    default_message = _("This store address is already taken.")


class IncompleteApplication(InvalidInput):
    code = "incomplete_application"
    default_message = _("The application is not complete yet.")


class SellerAlreadyExists(DomainError):
    code = "seller_already_exists"
    http_status = 409
    default_message = _("You have already applied to sell.")


class StoreAlreadyExists(DomainError):
    code = "store_already_exists"
    http_status = 409
    default_message = _("You already have a store.")


class ApplicationLocked(DomainError):
    code = "seller_application_locked"
    http_status = 409
    default_message = _("The application cannot be changed while it is under review or decided.")


class StoreSlugLocked(DomainError):
    code = "store_slug_locked"
    http_status = 409
    default_message = _("The store address cannot change after verification.")


class IllegalSellerTransition(DomainError):
    code = "illegal_seller_transition"
    http_status = 409
    default_message = _("The seller cannot move to this status from its current one.")


class SellerChangedConcurrently(DomainError):
    code = "seller_changed_concurrently"
    http_status = 409
    default_message = _("Someone else changed this seller at the same moment. Reload and retry.")


class ReasonRequired(InvalidInput):
    code = "reason_required"
    default_message = _("Give a reason: the seller will see it.")


class NotAStaffMember(DomainError):
    code = "not_a_staff_member"
    http_status = 403
    default_message = _("Only staff can review sellers.")


class SellerNotFound(NotFound):
    code = "seller_not_found"
    default_message = _("Seller not found.")


class StoreNotFound(NotFound):
    code = "store_not_found"
    default_message = _("Store not found.")


# Fees, deposits, closing, payout account --------------------------------------------------


class InvalidFeeProgramme(InvalidInput):
    code = "invalid_fee_programme"
    default_message = _("Some details of the fee programme are not valid.")


class InvalidCommission(InvalidInput):
    code = "invalid_commission"
    default_message = _("Give a commission between 0 and 10000 basis points (0–100 %).")


class FeeProgrammeNotFound(NotFound):
    code = "fee_programme_not_found"
    default_message = _("Fee programme not found.")


class DepositRequired(DomainError):
    code = "deposit_required"
    http_status = 409
    default_message = _("This category asks for a seller deposit. Pay it before publishing.")


class NoDepositDue(DomainError):
    code = "no_deposit_due"
    http_status = 409
    default_message = _("No deposit is due in this currency.")


class IllegalDepositTransition(DomainError):
    code = "illegal_deposit_transition"
    http_status = 409
    default_message = _("The deposit cannot move to this status from its current one.")


class StoreHasObligations(DomainError):
    code = "store_has_obligations"
    http_status = 409
    default_message = _(
        "The store cannot close while it has open orders or money in escrow or to be paid out."
    )


class StoreNotOpen(DomainError):
    code = "store_not_open"
    http_status = 409
    default_message = _("Only a verified seller's open store can do this.")


class ReauthenticationRequired(DomainError):
    code = "reauthentication_required"
    http_status = 403
    default_message = _("Enter your current password to change the payout account.")
