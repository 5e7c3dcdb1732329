"""Every write of the catalog (DESIGN.md §3): one function per business action.

All take keyword arguments and `now=` last, run in a transaction and raise a `catalog.errors`
DomainError. Seller actions take the acting `store=` and look the listing up within it, so
another store's product or variant is "not found" and nothing changes. A product or variant
may be given as a model instance or as its public id.
"""

from tradepost.catalog.services.bulk import bulk_update_stock_and_price
from tradepost.catalog.services.certificates import add_certification_document
from tradepost.catalog.services.products import (
    UNSET,
    create_product,
    delete_product_translation,
    set_product_translation,
    update_product,
)
from tradepost.catalog.services.status import (
    approve_product,
    hide_product,
    publish_product,
    remove_product,
    send_back_product,
    transition_product,
    unhide_product,
)
from tradepost.catalog.services.variants import (
    add_variant,
    generate_variants,
    set_wholesale_tiers,
    sync_min_price,
    update_variant,
)

__all__ = [
    "UNSET",
    "add_certification_document",
    "add_variant",
    "approve_product",
    "bulk_update_stock_and_price",
    "create_product",
    "delete_product_translation",
    "generate_variants",
    "hide_product",
    "publish_product",
    "remove_product",
    "send_back_product",
    "set_product_translation",
    "set_wholesale_tiers",
    "sync_min_price",
    "transition_product",
    "unhide_product",
    "update_product",
    "update_variant",
]
