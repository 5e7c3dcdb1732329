"""Product images: check the upload, clean it, store the original and WebP thumbnails (Pillow).

The upload must be a real JPEG, PNG, WebP or GIF (decoded by Pillow with only those decoders,
whatever the file is called), at most MAX_BYTES and MAX_PIXELS (decompression bombs are refused
before any pixel is decoded). EXIF orientation is applied, then every metadata block (EXIF with
GPS, XMP, ICC, comments) is dropped. Thumbnails are WebP at THUMBNAIL_WIDTHS, never upscaled;
`ProductImage.thumbnails` maps the width (as a string, JSON keys) to the storage path.
"""

import datetime as dt
import io
import warnings

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from tradepost.catalog.errors import (
    ImageTooLarge,
    InvalidImage,
    ProductImageNotFound,
    VariantNotFound,
)
from tradepost.catalog.models import Product, ProductImage, Variant
from tradepost.catalog.services import fields
from tradepost.catalog.services._lookup import product_for_store
from tradepost.catalog.services.products import _refuse_removed, emit_product_event, touch
from tradepost.sellers.models import Store

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
MAX_SIDE = 20_000
MAX_IMAGES_PER_PRODUCT = 30
THUMBNAIL_WIDTHS = (160, 320, 640, 1280)
ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP", "GIF")
# Cleaned originals keep their format, except GIF (first frame only) which becomes PNG.
_SAVE_AS = {"JPEG": ("JPEG", "jpg"), "PNG": ("PNG", "png"), "WEBP": ("WEBP", "webp")}
_ORIGINALS_DIR = "products/originals"
_THUMBS_DIR = "products/thumbs"

# Pillow's own guard, as a second line behind our pixel check: refuse rather than warn.
Image.MAX_IMAGE_PIXELS = max(Image.MAX_IMAGE_PIXELS or 0, MAX_PIXELS)


def read_upload(upload, limit: int = MAX_BYTES) -> bytes:
    """The upload's bytes, refusing more than `limit` without reading the rest."""
    size = getattr(upload, "size", None)
    if size is not None and size > limit:
        raise _too_large_bytes(limit)
    if hasattr(upload, "seek"):
        upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise _too_large_bytes(limit)
    return data


def _too_large_bytes(limit: int) -> ImageTooLarge:
    message = _("The file is larger than %(mb)s MB.") % {"mb": limit // (1024 * 1024)}
    return ImageTooLarge(message, fields={"image": [message]})


def _too_many_pixels() -> ImageTooLarge:
    message = _("The image has more than %(mpx)s megapixels.") % {"mpx": MAX_PIXELS // 1_000_000}
    return ImageTooLarge(message, fields={"image": [message]})


def _invalid() -> InvalidImage:
    return InvalidImage(fields={"image": [str(InvalidImage.default_message)]})


def decode(data: bytes) -> tuple[Image.Image, str]:
    """(pixels with orientation applied and no metadata, source format) or a domain error."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=ACCEPTED_FORMATS)
            width, height = image.size
            if width * height > MAX_PIXELS or max(width, height) > MAX_SIDE:
                raise _too_many_pixels()
            source_format = image.format
            image.seek(0)
            image.load()
            upright = ImageOps.exif_transpose(image)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_many_pixels() from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise _invalid() from None
    if not width or not height:
        raise _invalid()
    return _strip(upright), source_format


def _strip(image: Image.Image) -> Image.Image:
    """A copy of the pixels only: RGB, or RGBA where the picture has transparency."""
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
    )
    clean = image.convert("RGBA" if has_alpha else "RGB")
    if clean is image:
        clean = image.copy()
    clean.info = {}
    return clean


def _encode(image: Image.Image, image_format: str, **options) -> bytes:
    if image_format == "JPEG" and image.mode != "RGB":
        image = image.convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, format=image_format, **options)
    return buffer.getvalue()


def _thumbnail_widths(width: int) -> list[int]:
    return [w for w in THUMBNAIL_WIDTHS if w <= width] or [width]


def render_thumbnails(image: Image.Image) -> dict[int, bytes]:
    """{width: WebP bytes} for each thumbnail width that does not upscale the picture."""
    width, height = image.size
    rendered = {}
    for target in _thumbnail_widths(width):
        size = (target, max(1, round(height * target / width)))
        resized = image if size == image.size else image.resize(size, Image.Resampling.LANCZOS)
        rendered[target] = _encode(resized, "WEBP", quality=82, method=4)
    return rendered


def _save_files(image: ProductImage, clean: Image.Image, source_format: str) -> list[str]:
    """Write the cleaned original and the thumbnails; returns every path written."""
    save_format, extension = _SAVE_AS.get(source_format, ("PNG", "png"))
    options = {"quality": 90} if save_format in ("JPEG", "WEBP") else {"optimize": True}
    original = _encode(clean, save_format, **options)
    written = []
    try:
        path = default_storage.save(
            f"{_ORIGINALS_DIR}/{image.public_id}.{extension}", ContentFile(original)
        )
        written.append(path)
        image.original.name = path
        for width, data in render_thumbnails(clean).items():
            thumb = default_storage.save(
                f"{_THUMBS_DIR}/{image.public_id}-{width}.webp", ContentFile(data)
            )
            written.append(thumb)
            image.thumbnails[str(width)] = thumb
    except Exception:
        _delete_files(written)
        raise
    return written


def _delete_files(paths) -> None:
    for path in paths:
        default_storage.delete(path)


def _variant_of(product: Product, variant) -> Variant | None:
    if variant is None:
        return None
    key = {"pk": variant.pk} if isinstance(variant, Variant) else {"public_id": str(variant)}
    found = product.variants.filter(**key).first()
    if found is None:
        raise VariantNotFound()
    return found


@transaction.atomic
def ingest_product_image(
    *,
    store: Store,
    product: Product | str,
    upload,
    alt_text: str = "",
    variant: Variant | str | None = None,
    now: dt.datetime,
) -> ProductImage:
    """Check, clean and store one uploaded picture of the store's product (optionally a variant's)."""
    product = product_for_store(store=store, product=product)
    _refuse_removed(product)
    variant = _variant_of(product, variant)
    try:
        alt_text = fields.clean_text(alt_text, max_length=200)
    except fields.Invalid as error:
        raise InvalidImage(fields={"alt_text": [str(error)]}) from None
    if product.images.count() >= MAX_IMAGES_PER_PRODUCT:
        message = _("A listing has at most %(max)s images.") % {"max": MAX_IMAGES_PER_PRODUCT}
        raise InvalidImage(message, fields={"image": [message]})
    clean, source_format = decode(read_upload(upload))
    position = (product.images.aggregate(top=Max("position"))["top"] or 0) + 1
    image = ProductImage(
        product=product, variant=variant, width=clean.width, height=clean.height,
        thumbnails={}, alt_text=alt_text, position=position,
    )  # fmt: skip
    written = _save_files(image, clean, source_format)
    try:
        image.save()
    except Exception:
        _delete_files(written)
        raise
    touch(product, now)
    emit_product_event("product.updated", product, now)
    return image


@transaction.atomic
def delete_product_image(*, store: Store, image: ProductImage | str, now: dt.datetime) -> None:
    """Remove one picture of the store's product, with its files."""
    key = {"pk": image.pk} if isinstance(image, ProductImage) else {"public_id": str(image)}
    found = (
        ProductImage.objects.select_related("product__store")
        .filter(product__store=store, **key)
        .first()
    )
    if found is None:
        raise ProductImageNotFound()
    paths = [found.original.name, *found.thumbnails.values()]
    product = found.product
    found.delete()
    transaction.on_commit(lambda: _delete_files(paths))
    touch(product, now)
    emit_product_event("product.updated", product, now)
