"""The seller's shipping templates over the API: list, create, read, replace, delete.

Scopes as the other seller catalog endpoints (`catalog:read`, `catalog:write`). Another store's
template is `shipping_template_not_found` (404) and nothing changes. Writes go through
shipping.writes.
"""

from django.http import HttpResponse
from ninja import Router, Status

from tradepost import clock
from tradepost.api.idempotency import idempotent
from tradepost.catalog.api import store_of
from tradepost.shipping import template_selectors as selectors
from tradepost.shipping import writes
from tradepost.shipping.schemas import TemplateIn, TemplateListOut, TemplateOut, template_out

router = Router(tags=["shipping"])
TEMPLATES = "/seller/shipping-templates"
TEMPLATE = TEMPLATES + "/{public_id}"


def _out(store, public_id: str) -> TemplateOut:
    template = selectors.get_template_for_store(store=store, public_id=public_id)
    return template_out(template, store.settlement_currency)


@router.get(TEMPLATES, response=TemplateListOut)
def list_my_shipping_templates(request):
    """The store's templates, the default first, with their zones."""
    store = store_of(request, "catalog:read")
    templates = selectors.list_templates_for_store(store=store)
    return TemplateListOut(items=[template_out(t, store.settlement_currency) for t in templates])


@router.post(TEMPLATES, response={201: TemplateOut})
@idempotent
def create_my_shipping_template(request, payload: TemplateIn):
    """A template with its zones; the store's first template becomes its default."""
    store = store_of(request, "catalog:write")
    template = writes.create_template(store=store, data=payload.to_input(), now=clock.now())
    return Status(201, _out(store, template.public_id))


@router.get(TEMPLATE, response=TemplateOut)
def get_my_shipping_template(request, public_id: str):
    store = store_of(request, "catalog:read")
    return _out(store, public_id)


@router.put(TEMPLATE, response=TemplateOut)
def replace_my_shipping_template(request, public_id: str, payload: TemplateIn):
    """Replace the template and its zones: zones sent with their `id` are kept (changed in
    place), new ones are created, zones left out are deleted."""
    store = store_of(request, "catalog:write")
    writes.update_template(
        store=store, template=public_id, data=payload.to_input(), now=clock.now()
    )
    return _out(store, public_id)


@router.delete(TEMPLATE, response={204: None})
def delete_my_shipping_template(request, public_id: str, new_default: str | None = None):
    """Listings that chose the template ship with the default from then on. Deleting the
    default needs `new_default` (another template's id) while other templates exist
    (`default_template_required`); the last template cannot go while the store has listings
    (`shipping_template_in_use`)."""
    store = store_of(request, "catalog:write")
    writes.delete_template(
        store=store, template=public_id, new_default=new_default, now=clock.now()
    )
    return HttpResponse(status=204)
