"""Forms of the product editor and listing table. They only shape input: catalog.services checks
every rule (prices, SKUs, tiers, images) and its errors come back as form errors."""

from decimal import Decimal

from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from tradepost.catalog.options import option_label
from tradepost.catalog.states import ProductStatus
from tradepost.money.errors import InvalidAmount
from tradepost.money.money import Money
from tradepost.sellercenter import listings

MAX_TIER_ROWS = 3


def to_minor(amount: Decimal | None, currency: str) -> int | None:
    """A decimal in the store currency → minor units (the exponent comes from the currency)."""
    if amount is None:
        return None
    return Money.from_decimal(amount, currency).minor


def parse_lines(text: str, *, split_values: bool) -> dict:
    """ "Colour: Red, Blue" lines → {"Colour": ["Red", "Blue"]} (or {"Colour": "Red, Blue"})."""
    parsed: dict = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        name, colon, values = line.partition(":")
        if not colon or not name.strip() or not values.strip():
            raise forms.ValidationError(
                _("Line %(line)s: write it as “Name: value”."), params={"line": number}
            )
        if split_values:
            parsed[name.strip()] = [v.strip() for v in values.split(",") if v.strip()]
        else:
            parsed[name.strip()] = values.strip()
    return parsed


def _categories():
    return [("", "—"), *listings.category_choices(get_language() or "en")]


def _origin_countries():
    return [("", "—"), *countries]


class ProductDetailsForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"), choices=_categories)
    brand = forms.CharField(label=_("Brand"), max_length=120, required=False)
    attributes = forms.CharField(
        label=_("Attributes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line, e.g. “Material: cotton”."),
    )
    hs_code = forms.CharField(
        label=_("HS code"), max_length=20, required=False, help_text=_("6 to 12 digits.")
    )
    origin_country = forms.ChoiceField(
        label=_("Country of origin"), choices=_origin_countries, required=False
    )
    shipping_template = forms.ChoiceField(
        label=_("Shipping template"), required=False,
        help_text=_("Where the listing ships, how and at what price. Empty: your default template."),
    )  # fmt: skip
    weight_g = forms.IntegerField(label=_("Weight (g)"), initial=0)
    length_mm = forms.IntegerField(label=_("Length (mm)"), initial=0)
    width_mm = forms.IntegerField(label=_("Width (mm)"), initial=0)
    height_mm = forms.IntegerField(label=_("Height (mm)"), initial=0)
    min_order_quantity = forms.IntegerField(label=_("Minimum order quantity"), initial=1)
    lot_size = forms.IntegerField(
        label=_("Pieces per lot"), initial=1, help_text=_("1 = sold by the piece.")
    )

    def __init__(self, *args, shipping_templates=(), **kwargs):
        """`shipping_templates`: the store's (shipping.template_selectors.TemplateChoice)."""
        super().__init__(*args, **kwargs)
        default = next((t.name for t in shipping_templates if t.is_default), None)
        blank = (
            _("Default template (%(name)s)") % {"name": default}
            if default
            else _("Free standard shipping (you have no shipping template yet)")
        )
        self.fields["shipping_template"].choices = [
            ("", blank),
            *((t.public_id, t.name) for t in shipping_templates),
        ]

    def clean_attributes(self):
        return parse_lines(self.cleaned_data["attributes"], split_values=False)

    def clean_category(self):
        category = listings.get_category(self.cleaned_data["category"])
        if category is None:
            raise forms.ValidationError(_("Choose a category."))
        return category

    def service_kwargs(self) -> dict:
        """catalog.services' arguments (the shipping template is shipping.writes')."""
        return {k: v for k, v in self.cleaned_data.items() if k != "shipping_template"}

    def chosen_shipping_template(self) -> str | None:
        """The chosen template's public id; None: the store's default."""
        return self.cleaned_data.get("shipping_template") or None


class NewProductForm(ProductDetailsForm):
    """The first save: the text in one language comes with the details."""

    field_order = ["language", "title", "description", "category"]
    language = forms.ChoiceField(label=_("Language of the text"), choices=settings.LANGUAGES)
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )

    def service_kwargs(self) -> dict:
        data = super().service_kwargs()
        language = data.pop("language")
        content = {"title": data.pop("title"), "description": data.pop("description")}
        return {**data, "translations": {language: content}, "original_language": language}


class TextForm(forms.Form):
    prefix = "text"
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 8})
    )


class OptionsForm(forms.Form):
    prefix = "opt"
    options = forms.CharField(
        label=_("Options"),
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": "Colour: Red, Blue\nSize: S, M"}),
        help_text=_("One option per line: its name, a colon, then the values separated by commas."),
    )
    price = forms.DecimalField(label=_("Price of each new variant"), max_digits=16)
    stock = forms.IntegerField(label=_("Stock of each new variant"), initial=0)
    sku_prefix = forms.CharField(
        label=_("SKU prefix"), max_length=40, required=False, help_text=_("e.g. TEE")
    )

    def clean_options(self):
        return parse_lines(self.cleaned_data["options"], split_values=True)


class VariantForm(forms.Form):
    """One row of the variant table (the form's prefix is the variant's public id)."""

    sku = forms.CharField(label=_("SKU"), max_length=64)
    price = forms.DecimalField(label=_("Price"), max_digits=16)
    stock = forms.IntegerField(label=_("Stock"))
    is_active = forms.BooleanField(label=_("On sale"), required=False)

    def __init__(self, *args, currency: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.currency = currency

    def clean_price(self):
        try:
            return to_minor(self.cleaned_data["price"], self.currency)
        except InvalidAmount as error:
            raise forms.ValidationError(str(error.message)) from None


class TiersForm(forms.Form):
    """Up to three wholesale tiers of one variant: from N units, a unit price."""

    def __init__(self, *args, currency: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.currency = currency
        for index in range(1, MAX_TIER_ROWS + 1):
            self.fields[f"quantity_{index}"] = forms.IntegerField(
                label=_("From (units), tier %(n)s") % {"n": index}, required=False
            )
            self.fields[f"price_{index}"] = forms.DecimalField(
                label=_("Unit price, tier %(n)s") % {"n": index}, required=False, max_digits=16
            )

    def rows(self):
        return [
            (self[f"quantity_{index}"], self[f"price_{index}"])
            for index in range(1, MAX_TIER_ROWS + 1)
        ]

    def tiers(self) -> list[tuple[int, int]]:
        tiers = []
        for index in range(1, MAX_TIER_ROWS + 1):
            quantity = self.cleaned_data.get(f"quantity_{index}")
            price = self.cleaned_data.get(f"price_{index}")
            if quantity is None and price is None:
                continue
            if quantity is None or price is None:
                raise forms.ValidationError(_("Give both the quantity and the unit price."))
            try:
                tiers.append((quantity, to_minor(price, self.currency)))
            except InvalidAmount as error:
                raise forms.ValidationError(str(error.message)) from None
        return tiers


class ImageForm(forms.Form):
    prefix = "img"
    image = forms.FileField(label=_("Image"), help_text=_("JPEG, PNG, WebP or GIF, up to 10 MB."))
    alt_text = forms.CharField(
        label=_("Alt text"),
        max_length=200,
        required=False,
        help_text=_("What the picture shows, for people who cannot see it."),
    )
    variant = forms.ChoiceField(label=_("Picture of the variant"), required=False)

    def __init__(self, *args, variants=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["variant"].choices = [
            ("", _("The whole listing")),
            *((v.public_id, _variant_label(v)) for v in variants if v.is_active),
        ]


def _variant_label(variant) -> str:
    """ "TEE-M-BLUE (M / Blue)"; the variants come from the listing's prefetch, product cached."""
    options = option_label(variant.options, variant.product.option_names)
    return f"{variant.sku} ({options})" if options else variant.sku


class CertificateForm(forms.Form):
    prefix = "cert"
    document = forms.FileField(
        label=_("Certification document"), help_text=_("PDF or image, up to 10 MB.")
    )
    description = forms.CharField(label=_("Description"), max_length=200, required=False)


class ListFilterForm(forms.Form):
    q = forms.CharField(label=_("Title or SKU"), max_length=100, required=False)
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All but removed")), *ProductStatus.choices],
        required=False,
    )  # fmt: skip


class BulkForm(forms.Form):
    ACTIONS = (
        ("hide", _("Hide")),
        ("unhide", _("Show again")),
        ("publish", _("Publish")),
        ("remove", _("Remove")),
    )
    action = forms.ChoiceField(label=_("With the selected listings"), choices=ACTIONS)


class CsvImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"), help_text=_("UTF-8, with the columns of the export.")
    )
