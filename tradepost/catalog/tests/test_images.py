"""Product image upload: type and size checks, bombs refused, EXIF stripped, WebP thumbnails."""

import io
import struct
import zlib

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image

from tradepost.catalog import images
from tradepost.catalog.errors import ImageTooLarge, InvalidImage, VariantNotFound
from tradepost.catalog.models import ProductImage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _upload(image: Image.Image, fmt: str, name: str = "photo.jpg", **save) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **save)
    return SimpleUploadedFile(name, buffer.getvalue())


def _photo_with_gps_rotated() -> SimpleUploadedFile:
    """A 2000×1500 JPEG whose EXIF says "rotate 90°" and holds GPS coordinates and a maker."""
    picture = Image.new("RGB", (2000, 1500), (200, 30, 30))
    picture.paste((30, 30, 200), (0, 0, 1000, 1500))
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.Base.Make] = "SpyCam"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (52.0, 22.0, 12.0)
    return _upload(picture, "JPEG", exif=exif.tobytes())


def _ingest(store, product, upload, **kwargs):
    from tradepost import clock

    return images.ingest_product_image(
        store=store, product=product, upload=upload, now=clock.now(), **kwargs
    )


def test_photo_is_turned_upright_stripped_of_exif_and_gets_thumbnails(draft, store, clock):
    upload = _photo_with_gps_rotated()
    with Image.open(io.BytesIO(upload.read())) as source:  # the test input really has GPS
        assert source.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    upload.seek(0)

    image = _ingest(store, draft, upload, alt_text=" Red and blue ")

    image.refresh_from_db()
    assert (image.width, image.height, image.alt_text) == (1500, 2000, "Red and blue")
    with default_storage.open(image.original.name) as stored, Image.open(stored) as original:
        assert original.format == "JPEG"
        assert original.size == (1500, 2000)
        assert not original.getexif()
        assert not {"exif", "xmp", "icc_profile", "comment"} & set(original.info)
    assert sorted(image.thumbnails, key=int) == ["160", "320", "640", "1280"]
    for width, path in image.thumbnails.items():
        with default_storage.open(path) as stored, Image.open(stored) as thumb:
            assert thumb.format == "WEBP"
            assert thumb.size == (int(width), round(2000 * int(width) / 1500))
            assert not thumb.getexif()


def test_small_image_is_never_upscaled(draft, store):
    image = _ingest(store, draft, _upload(Image.new("RGB", (200, 100)), "PNG", "a.png"))

    assert list(image.thumbnails) == ["160"]
    tiny = _ingest(store, draft, _upload(Image.new("RGB", (90, 60)), "PNG", "b.png"))
    assert list(tiny.thumbnails) == ["90"]


def test_transparent_gif_becomes_a_png_original_with_alpha(draft, store):
    gif = Image.new("P", (400, 300), 0)
    gif.info["transparency"] = 0

    image = _ingest(store, draft, _upload(gif, "GIF", "anim.gif", transparency=0))

    assert image.original.name.endswith(".png")
    with default_storage.open(image.original.name) as stored, Image.open(stored) as original:
        assert original.mode == "RGBA"


def test_image_can_belong_to_a_variant_of_the_same_product(draft, store, make_product, category):
    variant = draft.variants.first()
    other_variant = make_product(store, category, title="Other").variants.first()

    image = _ingest(
        store, draft, _upload(Image.new("RGB", (50, 50)), "PNG"), variant=variant.public_id
    )
    with pytest.raises(VariantNotFound):
        _ingest(store, draft, _upload(Image.new("RGB", (50, 50)), "PNG"), variant=other_variant)

    assert image.variant == variant
    assert ProductImage.objects.count() == 1


def test_text_file_named_jpg_is_not_an_image(draft, store, tmp_path):
    upload = SimpleUploadedFile("photo.jpg", b"hello, I am not a picture\n" * 10)

    with pytest.raises(InvalidImage) as raised:
        _ingest(store, draft, upload)

    assert (raised.value.code, raised.value.http_status) == ("invalid_image", 422)
    assert not ProductImage.objects.exists()
    assert not any(tmp_path.rglob("*.*"))


def test_other_formats_are_refused_even_when_pillow_could_read_them(draft, store):
    with pytest.raises(InvalidImage):
        _ingest(store, draft, _upload(Image.new("RGB", (20, 20)), "BMP", "a.png"))


def test_truncated_jpeg_is_refused(draft, store):
    whole = _upload(Image.effect_noise((400, 400), 50).convert("RGB"), "JPEG").read()

    with pytest.raises(InvalidImage):
        _ingest(store, draft, SimpleUploadedFile("cut.jpg", whole[: len(whole) // 2]))

    assert not ProductImage.objects.exists()


def test_file_over_the_byte_limit_is_refused(draft, store, settings):
    upload = SimpleUploadedFile("big.jpg", b"\xff\xd8" + b"0" * images.MAX_BYTES)

    with pytest.raises(ImageTooLarge) as raised:
        _ingest(store, draft, upload)

    assert (raised.value.code, raised.value.http_status) == ("image_too_large", 413)


def _png_header_only(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims `width`×`height` (a decompression bomb's calling card)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b""))
        + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize(("width", "height"), [(100_000, 100_000), (8_000, 6_000), (30_000, 10)])
def test_decompression_bomb_headers_are_refused_before_decoding(draft, store, width, height):
    upload = SimpleUploadedFile("bomb.png", _png_header_only(width, height))

    with pytest.raises(ImageTooLarge):
        _ingest(store, draft, upload)

    assert not ProductImage.objects.exists()


def test_real_one_bit_bomb_is_refused(draft, store):
    # 48 Mpx of white compresses to a few kilobytes but would decode to 144 MB of RGB.
    upload = _upload(Image.new("1", (8_000, 6_000), 1), "PNG", "white.png")
    assert upload.size < 100_000

    with pytest.raises(ImageTooLarge):
        _ingest(store, draft, upload)


def test_delete_image_removes_row_and_files(
    draft, store, clock, django_capture_on_commit_callbacks
):
    image = _ingest(store, draft, _upload(Image.new("RGB", (400, 300)), "PNG"))
    paths = [image.original.name, *image.thumbnails.values()]

    with django_capture_on_commit_callbacks(execute=True):
        images.delete_product_image(store=store, image=image.public_id, now=clock.now())

    assert not ProductImage.objects.exists()
    assert not any(default_storage.exists(path) for path in paths)
