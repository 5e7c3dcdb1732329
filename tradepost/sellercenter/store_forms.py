"""Forms of the store settings page. They only shape input: sellers.services checks every rule
(name, languages, description length, the pictures) and its errors come back as form errors."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from tradepost.sellers.services import MAX_STORE_DESCRIPTION

IMAGE_TYPES = "image/jpeg,image/png,image/webp,image/gif"


class StoreProfileForm(forms.Form):
    prefix = "store"
    name = forms.CharField(label=_("Store name"), max_length=120)
    languages_spoken = forms.MultipleChoiceField(
        label=_("Languages you answer buyers in"),
        choices=settings.LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("The language you write your listings in is always included."),
    )


class StoreTextForm(forms.Form):
    prefix = "text"
    description = forms.CharField(
        label=_("About the store"),
        max_length=MAX_STORE_DESCRIPTION,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Leave it empty to remove the description in this language."),
    )


class StoreImageForm(forms.Form):
    """One picture; the prefix is its kind ("logo" or "banner"), so both forms fit on one page."""

    image = forms.FileField(widget=forms.FileInput(attrs={"accept": IMAGE_TYPES}))

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, prefix=kind, **kwargs)
        field = self.fields["image"]
        if kind == "logo":
            field.label = _("Logo")
            field.help_text = _(
                "JPEG, PNG, WebP or GIF, up to 10 MB. A square picture works best; "
                "it is shown at most 512 × 512 pixels."
            )
        else:
            field.label = _("Banner")
            field.help_text = _(
                "JPEG, PNG, WebP or GIF, up to 10 MB. It is cut to a 4 : 1 band around its "
                "centre; 1600 × 400 pixels is ideal."
            )
