"""NinjaAPI plus what keeps every answer in the one error envelope (api.handlers).

Outside its operations Ninja answers with Django's HTML 404 page (unknown URL, the API root) or a
bare 405 (wrong method); here those get the envelope too. Validation errors are keyed by the
client's own field names.
"""

import functools

from django.http import Http404, HttpResponseNotAllowed, JsonResponse
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI
from ninja.utils import is_async_callable

from tradepost.api.handlers import envelope


@csrf_exempt
def not_found(request, **kwargs):
    return JsonResponse(envelope("not_found", _("Not found.")), status=404)


def _enveloped(view):
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            response = view(request, *args, **kwargs)
        except Http404:
            return not_found(request)
        if isinstance(response, HttpResponseNotAllowed):
            body = envelope("method_not_allowed", _("This method is not allowed here."))
            enveloped = JsonResponse(body, status=405)
            enveloped["Allow"] = response["Allow"]
            return enveloped
        return response

    return wrapper


class TradepostAPI(NinjaAPI):
    @property
    def urls(self):
        patterns, app_name, namespace = super().urls
        patterns = [
            URLPattern(p.pattern, _enveloped(p.callback), p.default_args, p.name)
            if isinstance(p, URLPattern) and not is_async_callable(p.callback)
            else p
            for p in patterns
        ]
        # Appended last so it can never shadow a router's path, whatever order routers are added.
        return [*patterns, path("<path:rest>", not_found, name="not-found")], app_name, namespace

    def validation_error_from_error_contexts(self, error_contexts):
        error = super().validation_error_from_error_contexts(error_contexts)
        # A single body schema is read as {"payload": body}; drop that name from error paths.
        wrappers = {
            (ctx.model.__ninja_param_source__, ctx.model.__read_from_single_attr__)
            for ctx in error_contexts
            if getattr(ctx.model, "__read_from_single_attr__", None)
        }
        for item in error.errors:
            loc = tuple(item["loc"])
            if loc[:2] in wrappers:
                item["loc"] = (loc[0], *loc[2:])
        return error
