"""Staff review of seller applications (DSA Art. 30): the queue, one application, the decisions."""

from functools import wraps

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tradepost import clock
from tradepost.console.permissions import staff_required
from tradepost.errors import DomainError
from tradepost.sellers import selectors, services
from tradepost.sellers.states import SellerStatus

QUEUE_PAGE_SIZE = 50
DECISIONS = {
    "verify": services.verify_seller,
    "reject": services.reject_seller,
    "suspend": services.suspend_seller,
    "reinstate": services.reinstate_seller,
}


def permission_required(permission: str):
    """Staff without the role's permission get the same 404 as everyone else."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.has_perm(permission):
                raise Http404
            return view(request, *args, **kwargs)

        return staff_required(wrapper)

    return decorator


@permission_required("sellers.view_seller")
def seller_queue(request):
    status = request.GET.get("status") or ""
    if status not in SellerStatus.values:
        status = ""
    page = Paginator(selectors.list_sellers_for_review(status=status or None), QUEUE_PAGE_SIZE)
    context = {
        "page": page.get_page(request.GET.get("page")),
        "status": status,
        "statuses": SellerStatus.choices,
    }
    return render(request, "console/seller_queue.html", context)


@permission_required("sellers.view_seller")
def seller_review(request, public_id: str):
    seller = selectors.get_seller_for_review(public_id=public_id)
    context = {
        "seller": seller,
        "store": getattr(seller, "store", None),
        "can_review": request.user.has_perm(services.REVIEW_PERMISSION),
    }
    return render(request, "console/seller_review.html", context)


@permission_required(services.REVIEW_PERMISSION)
@require_POST
def seller_decide(request, public_id: str, decision: str):
    if decision not in DECISIONS:
        raise Http404
    seller = selectors.get_seller_for_review(public_id=public_id)
    action = DECISIONS[decision]
    reason = request.POST.get("reason", "")
    try:
        action(seller=seller, actor=request.user, reason=reason, now=clock.now())
    except DomainError as error:
        messages.error(request, " ".join([str(error.message), *_field_messages(error)]))
    else:
        messages.success(request, _decided_message(decision, seller))
    return redirect("console:seller_review", public_id=public_id)


def _field_messages(error: DomainError) -> list[str]:
    return [str(m) for messages_ in error.fields.values() for m in messages_]


def _decided_message(decision: str, seller) -> str:
    name = seller.legal_name or seller.user.email
    return {
        "verify": _("%(name)s is verified.") % {"name": name},
        "reject": _("%(name)s was rejected.") % {"name": name},
        "suspend": _("%(name)s is suspended.") % {"name": name},
        "reinstate": _("%(name)s is reinstated.") % {"name": name},
    }[decision]
