"""Domain errors of the catalog. Codes are published API: never rename them."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from tradepost.errors import (
    DomainError,
    InvalidInput,
    NotFound,
    PermissionDenied,
    RateLimited,
    duration_text,
)


class ProductNotFound(NotFound):
    """Also for another store's product: a seller never learns that it exists."""

    code = "product_not_found"
    default_message = _("Product not found.")


class VariantNotFound(NotFound):
    code = "variant_not_found"
    default_message = _("Variant not found.")


class ProductImageNotFound(NotFound):
    code = "product_image_not_found"
    default_message = _("Image not found.")


class IllegalProductTransition(DomainError):
    code = "illegal_product_transition"
    http_status = 409
    default_message = _("The listing cannot move to that status now.")

    def __init__(self, *, product_id: str, current: str, target: str):
        message = _("A listing cannot go from “%(current)s” to “%(target)s”.") % {
            "current": current,
            "target": target,
        }
        super().__init__(message, product_id=product_id, current=current, target=target)


class ProductChangedConcurrently(DomainError):
    code = "product_changed_concurrently"
    http_status = 409
    default_message = _("The listing was changed by someone else meanwhile. Please try again.")


class SellerNotVerified(PermissionDenied):
    code = "seller_not_verified"
    default_message = _("Only verified sellers can publish listings.")


class StaffOnly(PermissionDenied):
    code = "staff_only"
    default_message = _("Only staff can do this.")


class CategoryProhibited(DomainError):
    code = "category_prohibited"
    http_status = 422
    default_message = _("Products of this category cannot be sold on the marketplace.")


class CategoryChangeNeedsReview(DomainError):
    code = "category_change_needs_review"
    http_status = 409
    default_message = _(
        "A published listing cannot move into a restricted category; create a new listing."
    )


class CertificateRequired(DomainError):
    code = "certificate_required"
    http_status = 422
    default_message = _(
        "Listings in this category need a certification document before they can be reviewed."
    )


class ProductIncomplete(DomainError):
    code = "product_incomplete"
    http_status = 422
    default_message = _("A listing needs a title and at least one active variant.")


class InvalidProduct(InvalidInput):
    code = "invalid_product"
    default_message = _("Some fields of the listing are not valid.")


class InvalidOptions(InvalidInput):
    code = "invalid_options"
    default_message = _("The variant options are not valid.")


class DuplicateSku(DomainError):
    code = "duplicate_sku"
    http_status = 409
    default_message = _("This SKU is already used by another variant of your store.")


class InvalidPrice(InvalidInput):
    code = "invalid_price"
    default_message = _("The price must be a positive amount.")


class InvalidStock(InvalidInput):
    code = "invalid_stock"
    default_message = _("The stock must be a whole number, zero or more.")


class InvalidTier(InvalidInput):
    code = "invalid_tier"
    default_message = _(
        "Wholesale tiers need increasing quantities from 2 up and decreasing unit prices "
        "below the variant's price."
    )


class InvalidBulkUpdate(InvalidInput):
    code = "invalid_bulk_update"
    default_message = _("Some lines of the update are not valid; nothing was changed.")


class InvalidImage(DomainError):
    code = "invalid_image"
    http_status = 422
    default_message = _("The file is not a JPEG, PNG, WebP or GIF image.")


class ImageTooLarge(DomainError):
    code = "image_too_large"
    http_status = 413
    default_message = _("The image is too large.")


class InvalidDocument(DomainError):
    code = "invalid_document"
    http_status = 422
    default_message = _("The document must be a PDF or an image of at most 10 MB.")


class InvalidCsv(DomainError):
    """The file was refused; `report` lists every bad row with its column and reason."""

    code = "invalid_csv"
    http_status = 422
    default_message = _("The file has errors; nothing was imported.")

    def __init__(self, report=None, message=None):
        fields: dict[str, list[str]] = {}
        for error in getattr(report, "errors", ()):
            fields.setdefault(f"row {error.row}", []).append(f"{error.column}: {error.reason}")
        super().__init__(message, fields=fields)
        self.report = report


class ListingQuotaReached(RateLimited):
    """The store's quota of new listings (RATE_LIMIT_LISTINGS) has no room for `wanted` more."""

    default_message = _("Your store has created as many listings as it may for now.")

    def __init__(self, *, wanted: int, left: int, limit: int, period: int, retry_after: int):
        values = {"wanted": wanted, "left": left, "limit": limit, "period": duration_text(period),
                  "wait": duration_text(retry_after)}  # fmt: skip
        if wanted == 1:
            template = _(
                "Your store can create at most %(limit)s new listings in %(period)s. "
                "Try again in %(wait)s."
            )
        else:
            template = ngettext(
                "%(wanted)s new listing is more than your store may create now (%(left)s left "
                "of %(limit)s in %(period)s). Nothing was created: try again in %(wait)s, or "
                "create fewer at once.",
                "%(wanted)s new listings are more than your store may create now (%(left)s left "
                "of %(limit)s in %(period)s). Nothing was created: try again in %(wait)s, or "
                "create fewer at once.",
                wanted,
            )
        super().__init__(
            template % values, retry_after=retry_after, limit=limit, wanted=wanted, left=left
        )


class CsvImportQuotaReached(RateLimited):
    """The store has uploaded as many CSV files as RATE_LIMIT_CSV_IMPORTS allows in the period."""

    default_message = _("Your store has imported as many files as it may for now.")

    def __init__(self, *, limit: int, period: int, retry_after: int):
        message = _(
            "Your store can import at most %(limit)s files in %(period)s. Try again in %(wait)s."
        ) % {"limit": limit, "period": duration_text(period), "wait": duration_text(retry_after)}
        super().__init__(message, retry_after=retry_after, limit=limit)
