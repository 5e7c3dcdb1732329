"""Seller center: the store settings page — name and languages, the description per language,
the logo and the banner (uploaded with htmx, progress shown; plain form posts work too).

Thin: forms → sellers.services. Every page acts on the signed-in seller's own store: no URL
names a store, so another seller's store cannot be reached.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tradepost import clock
from tradepost.sellercenter.access import run, store_required
from tradepost.sellercenter.store_forms import StoreImageForm, StoreProfileForm, StoreTextForm
from tradepost.sellers import services
from tradepost.sellers.images import KINDS
from tradepost.sellers.states import SellerStatus


def _language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def _section_url(section: str, **query) -> str:
    url = reverse("sellercenter:store")
    if query:
        url += "?" + urlencode(query)
    return f"{url}#{section}"


def _done_message(kind: str, *, removed: bool) -> str:
    if kind == "logo":
        return _("Logo removed.") if removed else _("Logo saved.")
    return _("Banner removed.") if removed else _("Banner saved.")


def image_context(store, kind: str, form=None, done: str = "") -> dict:
    """What `_store_image.html` needs for the logo or the banner."""
    return {"store": store, "kind": kind, "image": getattr(store, kind),
            "image_form": form or StoreImageForm(kind=kind), "done": done}  # fmt: skip


def _render(request, store, *, language: str | None = None, **bound):
    """The whole page; `bound` holds the one submitted form that has errors, if any."""
    language = language or request.GET.get("lang") or store.original_language
    if language not in _language_codes():
        language = store.original_language
    texts = {t.language: t.description for t in store.translations.all() if t.description}
    profile = {"name": store.name, "languages_spoken": store.languages_spoken}
    context = {
        "store": store, "language": language,
        "public": store.seller.status == SellerStatus.VERIFIED,
        "locked": store.seller.status not in services.EDITABLE,
        "profile_form": bound.get("profile_form") or StoreProfileForm(initial=profile),
        "languages": [(code, name, code in texts) for code, name in settings.LANGUAGES],
        "text_form": bound.get("text_form")
        or StoreTextForm(initial={"description": texts.get(language, "")}),
        "logo": image_context(store, "logo", bound.get("logo_form")),
        "banner": image_context(store, "banner", bound.get("banner_form")),
    }  # fmt: skip
    return render(request, "sellercenter/store_edit.html", context)


@store_required
def store_edit(request, store):
    if request.method != "POST":
        return _render(request, store)
    form = StoreProfileForm(request.POST)
    if form.is_valid():
        done = run(
            form,
            lambda: services.update_store_profile(
                seller=store.seller, now=clock.now(), **form.cleaned_data
            ),
        )
        if done is not None:
            messages.success(request, _("Store details saved."))
            return redirect(_section_url("profile"))
    return _render(request, store, profile_form=form)


@store_required
@require_POST
def store_text(request, store, language: str):
    if language not in _language_codes():
        raise Http404
    form = StoreTextForm(request.POST)
    if form.is_valid():
        text = form.cleaned_data["description"]
        done = run(
            form,
            lambda: services.set_store_description(
                seller=store.seller, language=language, text=text, now=clock.now()
            ),
        )
        if done is not None:
            messages.success(
                request, _("Description saved.") if text else _("Description removed.")
            )
            return redirect(_section_url("about", lang=language))
    return _render(request, store, text_form=form, language=language)


@store_required
@require_POST
def store_image(request, store, kind: str):
    """Upload the logo or the banner. htmx gets the refreshed section; a plain form post the page."""
    if kind not in KINDS:
        raise Http404
    form = StoreImageForm(request.POST, request.FILES, kind=kind)
    saved = None
    if form.is_valid():
        upload = form.cleaned_data["image"]
        saved = run(
            form,
            lambda: services.set_store_image(
                seller=store.seller, kind=kind, upload=upload, now=clock.now()
            ),
        )
    if saved is not None:
        store, form = saved, None
    if request.htmx:
        done = _done_message(kind, removed=False) if saved is not None else ""
        return render(
            request, "sellercenter/_store_image.html", image_context(store, kind, form, done)
        )
    if saved is not None:
        messages.success(request, _done_message(kind, removed=False))
        return redirect(_section_url(kind))
    return _render(request, store, **{f"{kind}_form": form})


@store_required
@require_POST
def store_image_remove(request, store, kind: str):
    if kind not in KINDS:
        raise Http404
    store = services.remove_store_image(seller=store.seller, kind=kind, now=clock.now())
    done = _done_message(kind, removed=True)
    if request.htmx:
        return render(
            request, "sellercenter/_store_image.html", image_context(store, kind, done=done)
        )
    messages.success(request, done)
    return redirect(_section_url(kind))
