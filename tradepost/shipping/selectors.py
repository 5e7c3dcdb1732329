"""Shipping reads for pages: the options one product has to a destination."""

from tradepost.shipping import services, zones


def product_options(
    product, *, unit_price_minor: int, quantity: int, destination: str
) -> list[services.ShippingOption]:
    """How `quantity` units of `product` alone could reach `destination`, cheapest first (empty:
    it does not ship there). Two queries (the store's templates and zones)."""
    templates = zones.templates_for_stores([product.store_id])[product.store_id]
    return services.options_for_group(
        store=product.store,
        lines=[
            services.ParcelLine(
                template_id=product.shipping_template_id,
                quantity=quantity,
                weight_g=product.weight_g,
            )
        ],
        destination=destination,
        store_items_minor=unit_price_minor * quantity,
        templates=templates,
    )


def ships_to(product, destination: str) -> bool:
    return bool(product_options(product, unit_price_minor=0, quantity=1, destination=destination))
