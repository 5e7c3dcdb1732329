"""The handler registry: stable names, one function per name, registrations undone by isolated()."""

import pytest

from tradepost.notifications import registry
from tradepost.notifications.registry import get_handler, handler_names, handles


def send_order_confirmation(event):
    pass


def reindex_listing(event):
    pass


def test_name_is_module_and_qualname_unless_given():
    handles("order.placed")(send_order_confirmation)
    handles("order.placed", name="search.reindex")(reindex_listing)

    assert handler_names("order.placed") == [
        f"{__name__}.send_order_confirmation",
        "search.reindex",
    ]
    assert get_handler("search.reindex") is reindex_listing
    assert handler_names("order.shipped") == []


def test_one_handler_may_serve_several_topics():
    handles("order.placed")(send_order_confirmation)
    handles("order.shipped")(send_order_confirmation)

    name = f"{__name__}.send_order_confirmation"
    assert (handler_names("order.placed"), handler_names("order.shipped")) == ([name], [name])


def test_two_handlers_cannot_share_a_name():
    handles("order.placed", name="emails.confirmation")(send_order_confirmation)

    with pytest.raises(ValueError, match="already registered"):
        handles("order.shipped", name="emails.confirmation")(reindex_listing)


def test_isolated_undoes_registrations_made_inside_it():
    handles("order.placed")(send_order_confirmation)

    with registry.isolated():
        handles("order.placed")(reindex_listing)
        handles("order.shipped")(reindex_listing)

    assert handler_names("order.placed") == [f"{__name__}.send_order_confirmation"]
    assert handler_names("order.shipped") == []
    assert get_handler(f"{__name__}.reindex_listing") is None
