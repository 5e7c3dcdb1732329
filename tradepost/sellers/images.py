"""Store logos and banners: the product-image checks, then one cleaned WebP file per picture.

The upload goes through catalog.images exactly like a product picture: a real JPEG, PNG, WebP or
GIF only, at most its byte and pixel limits, decompression bombs refused before decoding, EXIF
orientation applied and every metadata block (EXIF with GPS, XMP, ICC, comments) dropped.

A logo is fitted whole into LOGO_BOX (word marks are wide: nothing is cut off). A banner is cut
around its centre to BANNER_SIZE's 4:1 shape, so the store page reserves its space before it
loads. Neither is ever upscaled. Files are named afresh on every upload, so a browser or proxy
never shows the picture it had before.
"""

import io
import secrets

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image

from tradepost.sellers.models import Store

KINDS = ("logo", "banner")
LOGO_BOX = (512, 512)
BANNER_SIZE = (1600, 400)
_QUALITY = 85


def render(kind: str, upload) -> bytes:
    """The upload checked, cleaned, resized for `kind` and encoded as WebP; or a domain error
    (catalog.errors.InvalidImage or ImageTooLarge, with the message under the "image" field)."""
    # Imported here: catalog depends on sellers, not the other way round.
    from tradepost.catalog.images import decode, read_upload

    image, _source_format = decode(read_upload(upload))
    fitted = fit_banner(image) if kind == "banner" else fit_logo(image)
    buffer = io.BytesIO()
    fitted.save(buffer, format="WEBP", quality=_QUALITY, method=4)
    return buffer.getvalue()


def fit_logo(image: Image.Image) -> Image.Image:
    if image.width <= LOGO_BOX[0] and image.height <= LOGO_BOX[1]:
        return image
    scale = min(LOGO_BOX[0] / image.width, LOGO_BOX[1] / image.height)
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    return image.resize(size, Image.Resampling.LANCZOS)


def fit_banner(image: Image.Image) -> Image.Image:
    """The largest 4:1 band around the centre, at most BANNER_SIZE."""
    ratio_w, ratio_h = BANNER_SIZE
    width, height = image.size
    band_w = min(width, height * ratio_w // ratio_h)
    band_h = max(1, min(height, band_w * ratio_h // ratio_w))
    left, top = (width - band_w) // 2, (height - band_h) // 2
    band = image.crop((left, top, left + band_w, top + band_h))
    if band_w <= ratio_w:
        return band
    return band.resize(BANNER_SIZE, Image.Resampling.LANCZOS)


def save(kind: str, store: Store, data: bytes) -> str:
    """Write the WebP bytes under the field's folder; returns the stored path."""
    folder = Store._meta.get_field(kind).upload_to.rstrip("/")
    name = f"{folder}/{store.public_id}-{secrets.token_hex(4)}.webp"
    return default_storage.save(name, ContentFile(data))


def delete(path: str) -> None:
    if path:
        default_storage.delete(path)
