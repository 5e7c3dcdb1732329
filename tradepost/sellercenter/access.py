"""Who may use the listing pages: a signed-in seller with a store. Views get `(request, store)`."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tradepost.errors import DomainError, RateLimited
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
    """Call the service; a DomainError becomes form errors. None on failure.

    404s propagate (the 404 page), and so does RateLimited: the view answers with `refuse`, or
    the error page says it (both 429 with Retry-After)."""
    try:
        return action()
    except DomainError as error:
        if error.http_status == 404 or isinstance(error, RateLimited):
            raise
        add_domain_error(form, error)
        return None


def refuse(request, form, error: RateLimited, template: str, context: dict):
    """The form's page again with the refusal on top: status 429 with Retry-After."""
    add_domain_error(form, error)
    response = render(request, template, context, status=error.http_status)
    response["Retry-After"] = str(error.retry_after)
    return response


def message_error(request, error: DomainError) -> None:
    details = [str(m) for messages_ in error.fields.values() for m in messages_]
    text = " ".join(dict.fromkeys([str(error.message), *details]))
    messages.error(request, text)
