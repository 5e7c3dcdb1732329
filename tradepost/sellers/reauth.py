"""Re-authentication: the signed-in user types the current password again for a sensitive change.

Used to change the payout account (the page and the API ask for `password` in the same request).
Wrong passwords are counted per user (tradepost.ratelimit): after `LIMIT` in `PERIOD` seconds
every attempt is refused with RateLimited, even with the right password, until the window resets.
A missing password is not counted: it is a form left empty, not a guess.
"""

import datetime as dt

from django.utils.translation import gettext as _

from tradepost import ratelimit
from tradepost.sellers import errors

SCOPE = "sellers.reauth"
LIMIT = 5
PERIOD = 15 * 60


def _take(identity: str, now: dt.datetime) -> None:
    ratelimit.take(SCOPE, identity, limit=LIMIT, period=PERIOD, now=now)


def confirm_password(*, user, password: str | None, now: dt.datetime) -> None:
    """Return when `password` is the user's; ReauthenticationRequired (or RateLimited) if not."""
    identity = str(user.pk)
    if ratelimit.hit(SCOPE, identity, limit=LIMIT, period=PERIOD, cost=0, now=now).remaining <= 0:
        _take(identity, now)  # over the limit: raises RateLimited with its Retry-After
    if password and user.check_password(password):
        return
    if password:
        _take(identity, now)
    message = _("Enter your current password.") if not password else _("Wrong password.")
    raise errors.ReauthenticationRequired(fields={"password": [message]})
