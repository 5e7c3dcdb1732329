"""A logging filter that masks anything looking like a card number (13–19 digits, spaces or
dashes allowed, passing the Luhn check) in every log record, as a last line of defence
(RELIABILITY.md §10): card numbers are never logged on purpose, and this keeps an accident —
a stray request body in an error message — from writing one to disk."""

import logging
import re

from tradepost.payments.gateways.test_gateway.cards import luhn_valid

_CANDIDATE = re.compile(r"(?<!\d)(?:\d[ -]?){12,18}\d(?!\d)")
MASK = "[card number removed]"


def redact(text: str) -> str:
    def replace(match: re.Match) -> str:
        digits = re.sub(r"\D", "", match.group())
        return MASK if luhn_valid(digits) else match.group()

    return _CANDIDATE.sub(replace, text)


class CardNumberFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


def install() -> None:
    """Put the filter on every handler of the root logger (configured before apps are ready)."""
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, CardNumberFilter) for f in handler.filters):
            handler.addFilter(CardNumberFilter())
