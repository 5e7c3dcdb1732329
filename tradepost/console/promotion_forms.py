"""Staff forms for platform coupons and flash deals on any store's variant."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tradepost.promotions.models import FundedBy
from tradepost.sellercenter.promotion_forms import CouponForm, FlashDealForm


class PlatformCouponForm(CouponForm):
    funded_by = forms.ChoiceField(
        label=_("Funded by"), choices=FundedBy.choices, initial=FundedBy.PLATFORM
    )
    stores = forms.CharField(
        label=_("Only these stores"),
        required=False,
        help_text=_("Store addresses separated by commas. Empty: every seller."),
    )

    def clean_stores(self):
        return [slug for slug in self.cleaned_data["stores"].replace(",", " ").split() if slug]


class StaffFlashDealForm(FlashDealForm):
    variant = forms.CharField(
        label=_("Variant id"), max_length=24, help_text=_("The public id of any store's variant.")
    )
    deal_price = forms.DecimalField(
        label=_("Deal price"), max_digits=16, help_text=_("In the variant's store currency.")
    )
