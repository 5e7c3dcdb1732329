"""The order options are shown in: the helper every display uses, and the back-fill of old data."""

import importlib

import pytest
from django.apps import apps

from tradepost.catalog.models import Product
from tradepost.catalog.options import names_in_use, option_label, ordered_options
from tradepost.catalog.testing import make_category, make_product, make_seller_store

backfill = importlib.import_module("tradepost.catalog.migrations.0004_product_option_names")


def test_options_follow_the_listing_order_not_the_dict_order():
    options = {"Colour": "Blue", "Size": "M"}

    assert ordered_options(options, ["Size", "Colour"]) == [("Size", "M"), ("Colour", "Blue")]
    assert option_label(options, ["Size", "Colour"]) == "M / Blue"


def test_names_missing_from_the_order_go_last_sorted_whatever_the_dict_order():
    first = ordered_options({"Width": "2", "Material": "Oak", "Size": "M"}, ["Size"])
    second = ordered_options({"Material": "Oak", "Size": "M", "Width": "2"}, ["Size"])

    assert first == second == [("Size", "M"), ("Material", "Oak"), ("Width", "2")]
    assert ordered_options({"Size": "M"}, []) == [("Size", "M")]
    assert option_label({}, ["Size"]) == ""


def test_names_in_use_leaves_out_names_no_variant_has_any_more():
    variants = [{"Colour": "Red", "Size": "S"}, {"Colour": "Blue", "Fit": "Slim"}]

    assert names_in_use(["Size", "Material", "Colour"], variants) == ["Size", "Colour", "Fit"]


@pytest.mark.django_db
def test_back_fill_takes_names_in_order_of_first_appearance_active_variants_first():
    store, category = make_seller_store(), make_category()
    product = make_product(store=store, category=category, variants=[
        {"options": {"Material": "Oak"}, "is_active": False},  # position 0
        {"options": {"Size": "L", "Colour": "Red"}},  # position 1
        {"options": {"Size": "M"}},  # position 2
    ])  # fmt: skip
    plain = make_product(store=store, category=category)
    Product.objects.update(option_names=[])

    backfill.fill_option_names(apps, None)

    product.refresh_from_db()
    plain.refresh_from_db()
    stored = product.variants.get(position=1).options  # jsonb may have reordered this one
    assert product.option_names == [*stored, "Material"]
    assert plain.option_names == []
