"""Who may use the listing pages: a signed-in seller with a store. Views get `(request, store)`."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from tradepost.errors import DomainError
from tradepost.sellers import selectors
from tradepost.web.forms import add_domain_error


def store_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        seller = selectors.find_seller_for_user(user=request.user)
        if seller is None:
            return redirect("sellercenter:onboarding_kind")
        store = getattr(seller, "store", None)
        if store is None:
            messages.info(request, _("Set up your store first."))
            return redirect("sellercenter:onboarding")
        return view(request, store, *args, **kwargs)

    return login_required(wrapper)


def run(form, action):
    """Call the service; a DomainError becomes form errors (404s propagate). None on failure."""
    try:
        return action()
    except DomainError as error:
        if error.http_status == 404:
            raise
        add_domain_error(form, error)
        return None


def message_error(request, error: DomainError) -> None:
    details = [str(m) for messages_ in error.fields.values() for m in messages_]
    text = " ".join(dict.fromkeys([str(error.message), *details]))
    messages.error(request, text)
