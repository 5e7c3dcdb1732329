"""Account pages: profile and preferences, address book, API tokens. Thin: forms → services."""

from allauth.account.views import LoginView
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tradepost import clock
from tradepost.accounts import selectors, services
from tradepost.accounts.addresses import AddressInput
from tradepost.accounts.forms import AddressForm, ApiTokenForm, PreferencesForm
from tradepost.errors import DomainError
from tradepost.web import preferences
from tradepost.web.forms import add_domain_error


@login_required
def profile(request):
    user = request.user
    initial = {
        "preferred_language": user.preferred_language or request.LANGUAGE_CODE,
        "display_currency": user.display_currency or preferences.current_currency(request),
        "ship_to_country": user.ship_to_country.code or preferences.current_ship_to(request),
    }
    form = PreferencesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_preferences(user=user, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Your preferences were saved."))
            response = redirect("accounts:profile")
            preferences.remember(
                response,
                currency=user.display_currency,
                ship_to=user.ship_to_country.code,
            )
            return response
    return render(request, "accounts/profile.html", {"form": form, "section": "profile"})


def _address_input(data: dict) -> AddressInput:
    fields = {k: v for k, v in data.items() if k in AddressInput.__dataclass_fields__}
    return AddressInput(**fields)


@login_required
def address_list(request):
    form = AddressForm(
        request.POST or None, initial={"country": preferences.current_ship_to(request)}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.add_address(
                user=request.user,
                data=_address_input(form.cleaned_data),
                make_default=form.cleaned_data["make_default"],
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The address was added."))
            return redirect("accounts:addresses")
    addresses = selectors.list_addresses_for_user(user=request.user)
    context = {"form": form, "addresses": addresses, "section": "addresses"}
    return render(request, "accounts/address_list.html", context)


@login_required
def address_edit(request, public_id: str):
    address = selectors.get_address_for_user(user=request.user, public_id=public_id)
    initial = {f: getattr(address, f) for f in AddressInput.__dataclass_fields__}
    initial["country"] = address.country.code
    form = AddressForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_address(
                user=request.user, public_id=public_id, data=_address_input(form.cleaned_data)
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The address was saved."))
            return redirect("accounts:addresses")
    context = {"form": form, "address": address, "section": "addresses"}
    return render(request, "accounts/address_edit.html", context)


@login_required
@require_POST
def address_delete(request, public_id: str):
    services.delete_address(user=request.user, public_id=public_id)
    messages.success(request, _("The address was deleted."))
    return redirect("accounts:addresses")


@login_required
@require_POST
def address_make_default(request, public_id: str):
    services.set_default_address(user=request.user, public_id=public_id)
    return redirect("accounts:addresses")


@login_required
def api_tokens(request):
    form = ApiTokenForm(request.POST or None)
    new_secret = None
    if request.method == "POST" and form.is_valid():
        try:
            _token, new_secret = services.create_api_token(
                user=request.user, now=clock.now(), **form.cleaned_data
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            form = ApiTokenForm()
    tokens = selectors.list_api_tokens_for_user(user=request.user)
    context = {"form": form, "tokens": tokens, "new_secret": new_secret, "section": "tokens"}
    return render(request, "accounts/api_tokens.html", context)


@login_required
@require_POST
def api_token_revoke(request, public_id: str):
    services.revoke_api_token(user=request.user, public_id=public_id, now=clock.now())
    messages.success(request, _("The token was revoked. Programs using it can no longer connect."))
    return redirect("accounts:api_tokens")


@login_required
def security(request):
    return render(request, "accounts/security.html", {"section": "security"})


_allauth_login = LoginView.as_view()


def login(request, *args, **kwargs):
    """allauth's log-in page; when failed attempts are throttled it answers 429 with Retry-After."""
    response = _allauth_login(request, *args, **kwargs)
    form = (getattr(response, "context_data", None) or {}).get("form")
    if form is not None and form.is_bound and _throttled(form):
        response.status_code = 429
        response["Retry-After"] = str(settings.RATE_LIMIT_RETRY_AFTER_SECONDS)
    return response


def _throttled(form) -> bool:
    errors = form.errors.as_data() if form.errors else {}
    return any(e.code == "too_many_login_attempts" for errs in errors.values() for e in errs)
