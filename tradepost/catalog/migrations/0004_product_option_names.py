"""Product.option_names: the order a listing's options are shown in (catalog.options).

Existing listings get the names of their variants in the order of first appearance: active
variants first, each in (position, id) order, each variant's names in the order its stored
options give them. On SQLite that is the order the seller typed; on PostgreSQL it is the jsonb
order the storefront has shown so far. Either way the same data gives the same list.
"""

from django.db import migrations, models

BATCH = 1000


def _flush(Product, orders: dict[int, list[str]]) -> None:
    products = [Product(pk=pk, option_names=names) for pk, names in orders.items() if names]
    Product.objects.bulk_update(products, ["option_names"], batch_size=BATCH)
    orders.clear()


def fill_option_names(apps, schema_editor):
    Product = apps.get_model("catalog", "Product")
    Variant = apps.get_model("catalog", "Variant")
    rows = (
        Variant.objects.order_by("product_id", "-is_active", "position", "id")
        .values_list("product_id", "options")
        .iterator(chunk_size=BATCH)
    )
    orders: dict[int, list[str]] = {}
    for product_id, options in rows:
        if product_id not in orders and len(orders) >= BATCH:
            _flush(Product, orders)  # rows come by product, so a flushed one never comes back
        names = orders.setdefault(product_id, [])
        if isinstance(options, dict):
            names.extend(name for name in options if name not in names)
    _flush(Product, orders)


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0003_product_revision"),
    ]

    operations = [
        migrations.AddField(
            model_name="product",
            name="option_names",
            field=models.JSONField(blank=True, default=list, verbose_name="option order"),
        ),
        migrations.RunPython(fill_option_names, migrations.RunPython.noop, elidable=True),
    ]
