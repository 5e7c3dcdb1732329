"""Log-in moves the visitor's anonymous cart into their account cart.

A thin adapter from Django's `user_logged_in` to `cart.services.merge_carts`: the anonymous cart
is found by the random token the storefront keeps in the session under `SESSION_KEY` (not the
session key itself, which log-in rotates).
"""

from tradepost import clock

SESSION_KEY = "cart_token"


def merge_anonymous_cart(sender, request, user, **kwargs) -> None:
    from tradepost.cart import services

    session = getattr(request, "session", None)
    token = session.pop(SESSION_KEY, None) if session is not None else None
    if not token:
        return
    now = clock.now()
    anonymous = services.cart_for(token=token, now=now)
    if anonymous is None or not anonymous.lines.exists():
        if anonymous is not None:
            anonymous.delete()
        return
    into = services.cart_for(user=user, create=True, now=now)
    services.merge_carts(anonymous=anonymous, into=into, now=now)
