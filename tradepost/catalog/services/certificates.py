"""Certification documents for listings in restricted categories (checked by staff at review)."""

import datetime as dt
import io

from django.core.files.base import ContentFile
from django.db import transaction
from PIL import Image, UnidentifiedImageError

from tradepost.catalog.errors import InvalidDocument
from tradepost.catalog.models import CertificationDocument, Product
from tradepost.catalog.services import fields
from tradepost.catalog.services._lookup import product_for_store
from tradepost.catalog.services.products import _refuse_removed, emit_product_event
from tradepost.sellers.models import Store

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024


def _read_limited(upload, limit: int) -> bytes:
    size = getattr(upload, "size", None)
    if size is not None and size > limit:
        raise InvalidDocument()
    if hasattr(upload, "seek"):
        upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise InvalidDocument()
    return data


def _extension(data: bytes) -> str:
    if data.startswith(b"%PDF-"):
        return "pdf"
    try:
        with Image.open(io.BytesIO(data), formats=["JPEG", "PNG", "WEBP"]) as image:
            image.verify()
            return image.format.lower()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise InvalidDocument() from None


@transaction.atomic
def add_certification_document(
    *, store: Store, product: Product | str, upload, description: str = "", now: dt.datetime
) -> CertificationDocument:
    """Attach a PDF or image (≤ 10 MB) proving that the listing may be sold."""
    product = product_for_store(store=store, product=product)
    _refuse_removed(product)
    data = _read_limited(upload, MAX_DOCUMENT_BYTES)
    extension = _extension(data)
    try:
        description = fields.clean_text(description, max_length=200)
    except fields.Invalid as error:
        raise InvalidDocument(fields={"description": [str(error)]}) from None
    document = CertificationDocument(product=product, description=description, uploaded_at=now)
    document.file.save(f"{product.public_id}.{extension}", ContentFile(data), save=False)
    try:
        document.save()
    except Exception:
        document.file.delete(save=False)
        raise
    emit_product_event("product.certificate_added", product, now)
    return document
