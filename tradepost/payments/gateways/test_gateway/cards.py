"""The test card numbers and the checks a processor makes on a typed card. A number and CVC are
only ever held in local variables here: callers keep the resulting token, brand, last 4 and
expiry (base.Card)."""

import datetime as dt
import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

SUCCESS = "success"
GENERIC_DECLINE = "generic_decline"
INSUFFICIENT_FUNDS = "insufficient_funds"
EXPIRED_CARD = "expired_card"
CHALLENGE = "challenge"

TEST_CARDS = {
    "4242424242424242": SUCCESS,
    "4000000000000002": GENERIC_DECLINE,
    "4000000000009995": INSUFFICIENT_FUNDS,
    "4000000000000069": EXPIRED_CARD,
    "4000000000003220": CHALLENGE,
}

# The decline code each behaviour produces (what webhooks and the buyer's status page show).
DECLINE_CODES = {
    GENERIC_DECLINE: "card_declined",
    INSUFFICIENT_FUNDS: "insufficient_funds",
    EXPIRED_CARD: "expired_card",
}
AUTHENTICATION_FAILED = "authentication_failed"

_DIGITS = re.compile(r"\d{12,19}")
_CVC = re.compile(r"\d{3,4}")


class CardInvalid(Exception):
    """The typed card cannot be used at all (not a decline): `fields` says what to correct."""

    def __init__(self, fields: dict[str, str]):
        self.fields = fields
        super().__init__(", ".join(sorted(fields)))


@dataclass(frozen=True)
class CheckedCard:
    brand: str
    last4: str
    exp_month: int
    exp_year: int
    behaviour: str


def luhn_valid(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2:
            value = value * 2 - 9 if value > 4 else value * 2  # noqa: PLR2004 - Luhn's doubling
        total += value
    return total % 10 == 0


def brand_of(digits: str) -> str:
    if digits.startswith("4"):
        return "visa"
    if digits[:2] in {"34", "37"}:
        return "amex"
    if 51 <= int(digits[:2]) <= 55 or 2221 <= int(digits[:4]) <= 2720:  # noqa: PLR2004
        return "mastercard"
    return "unknown"


def check(*, number: str, exp_month: int, exp_year: int, cvc: str, today: dt.date) -> CheckedCard:
    """Validate a typed card and say how it behaves; the number and CVC do not leave here."""
    digits = re.sub(r"[\s-]", "", number or "")
    fields = {}
    if not _DIGITS.fullmatch(digits) or not luhn_valid(digits):
        fields["number"] = str(_("The card number is not valid."))
    if not 1 <= exp_month <= 12 or not 2000 <= exp_year <= 2099:  # noqa: PLR2004
        fields["expiry"] = str(_("The expiry date is not valid."))
    if not _CVC.fullmatch(cvc or ""):
        fields["cvc"] = str(_("The security code is 3 or 4 digits."))
    if fields:
        raise CardInvalid(fields)
    behaviour = TEST_CARDS.get(digits, GENERIC_DECLINE)
    if (exp_year, exp_month) < (today.year, today.month):
        behaviour = EXPIRED_CARD
    return CheckedCard(brand_of(digits), digits[-4:], exp_month, exp_year, behaviour)
