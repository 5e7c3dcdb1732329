"""The store's own settings: name and languages, a description per language, logo and banner."""

import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image

from tradepost.catalog import versions
from tradepost.catalog.errors import ImageTooLarge, InvalidImage
from tradepost.catalog.images import MAX_BYTES
from tradepost.sellers import errors, services
from tradepost.sellers.models import Store, StoreTranslation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _upload(image: Image.Image, fmt: str = "PNG", name: str = "logo.png", **save):
    buffer = io.BytesIO()
    image.save(buffer, fmt, **save)
    return SimpleUploadedFile(name, buffer.getvalue())


def _photo_with_gps_rotated() -> SimpleUploadedFile:
    """A 2000×1500 JPEG whose EXIF says "rotate 90°" and holds GPS coordinates and a maker."""
    picture = Image.new("RGB", (2000, 1500), (200, 30, 30))
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.Base.Make] = "SpyCam"
    exif.get_ifd(ExifTags.IFD.GPSInfo)[ExifTags.GPS.GPSLatitude] = (52.0, 22.0, 12.0)
    return _upload(picture, "JPEG", "photo.jpg", exif=exif.tobytes())


def _texts(store) -> dict[str, str]:
    return dict(StoreTranslation.objects.filter(store=store).values_list("language", "description"))


def _set_logo(seller, upload, clock):
    return services.set_store_image(seller=seller, kind="logo", upload=upload, now=clock.now())


def test_description_in_one_language_leaves_the_others(verified_seller, clock):
    store = verified_seller.store

    services.set_store_description(
        seller=verified_seller, language="ja", text=" アーヘンの工具。\r\n", now=clock.now()
    )

    assert _texts(store) == {"de": "Werkzeug aus Aachen.", "ja": "アーヘンの工具。"}


def test_empty_text_removes_only_that_language(verified_seller, clock):
    store = verified_seller.store
    services.set_store_description(
        seller=verified_seller, language="en", text="Tools.", now=clock.now()
    )

    services.set_store_description(
        seller=verified_seller, language="en", text="  ", now=clock.now()
    )

    assert _texts(store) == {"de": "Werkzeug aus Aachen."}


@pytest.mark.parametrize(
    ("language", "text", "field"),
    [("xx", "Hello", "language"), ("en", "x" * 5001, "description")],
)
def test_bad_description_is_refused_and_nothing_changes(
    verified_seller, clock, language, text, field
):
    with pytest.raises(errors.InvalidStore) as raised:
        services.set_store_description(
            seller=verified_seller, language=language, text=text, now=clock.now()
        )

    assert raised.value.code == "invalid_store" and field in raised.value.fields
    assert _texts(verified_seller.store) == {"de": "Werkzeug aus Aachen."}


def test_seller_without_a_store_gets_not_found(draft_seller, clock):
    with pytest.raises(errors.StoreNotFound):
        services.set_store_description(
            seller=draft_seller, language="en", text="Hi", now=clock.now()
        )

    assert not StoreTranslation.objects.exists()


def test_every_change_of_the_card_moves_the_public_catalog_version(verified_seller, clock):
    before = versions.current()

    services.set_store_description(
        seller=verified_seller, language="en", text="Hi", now=clock.now()
    )
    after_text = versions.current()
    _set_logo(verified_seller, _upload(Image.new("RGB", (40, 40))), clock)
    after_logo = versions.current()
    services.remove_store_image(seller=verified_seller, kind="logo", now=clock.now())

    assert before.shared < after_text.shared < after_logo.shared < versions.current().shared


def test_logo_is_upright_webp_without_exif_and_fits_512(verified_seller, clock):
    store = _set_logo(verified_seller, _photo_with_gps_rotated(), clock)

    store.refresh_from_db()
    assert store.logo.name.startswith("stores/logos/") and store.logo.name.endswith(".webp")
    with default_storage.open(store.logo.name) as stored, Image.open(stored) as logo:
        assert logo.format == "WEBP"
        assert logo.size == (384, 512)  # 1500×2000 once turned upright
        assert not logo.getexif()
        assert not {"exif", "xmp", "icc_profile", "comment"} & set(logo.info)


def test_transparent_logo_keeps_its_transparency(verified_seller, clock):
    store = _set_logo(verified_seller, _upload(Image.new("RGBA", (300, 100), (0, 0, 0, 0))), clock)

    with default_storage.open(store.logo.name) as stored, Image.open(stored) as logo:
        assert (logo.size, logo.mode) == ((300, 100), "RGBA")


@pytest.mark.parametrize(
    ("size", "stored"),
    [((3000, 3000), (1600, 400)), ((6400, 800), (1600, 400)), ((800, 600), (800, 200))],
)
def test_banner_is_cut_to_four_by_one_never_upscaled(verified_seller, clock, size, stored):
    store = services.set_store_image(
        seller=verified_seller, kind="banner", upload=_upload(Image.new("RGB", size)),
        now=clock.now(),
    )  # fmt: skip

    with default_storage.open(store.banner.name) as file, Image.open(file) as banner:
        assert (banner.format, banner.size) == ("WEBP", stored)


def test_new_logo_replaces_the_old_file_after_commit(
    verified_seller, clock, django_capture_on_commit_callbacks
):
    first = _set_logo(verified_seller, _upload(Image.new("RGB", (40, 40))), clock).logo.name

    with django_capture_on_commit_callbacks(execute=True):
        second = _set_logo(verified_seller, _upload(Image.new("RGB", (50, 50))), clock).logo.name

    assert first != second
    assert default_storage.exists(second) and not default_storage.exists(first)


def _bomb() -> SimpleUploadedFile:
    # 48 Mpx of white compresses to a few kilobytes but would decode to 144 MB of RGB.
    return _upload(Image.new("1", (8_000, 6_000), 1), "PNG", "white.png")


@pytest.mark.parametrize(
    ("upload", "error"),
    [
        pytest.param(lambda: SimpleUploadedFile("a.png", b"not a picture" * 10), InvalidImage,
                     id="not-an-image"),
        pytest.param(lambda: SimpleUploadedFile("a.jpg", b"\xff\xd8" + b"0" * MAX_BYTES),
                     ImageTooLarge, id="too-large"),
        pytest.param(_bomb, ImageTooLarge, id="decompression-bomb"),
    ],
)  # fmt: skip
def test_bad_file_keeps_the_old_logo(verified_seller, clock, tmp_path, upload, error):
    old = _set_logo(verified_seller, _upload(Image.new("RGB", (40, 40))), clock).logo.name
    version = versions.current()

    with pytest.raises(error):
        _set_logo(verified_seller, upload(), clock)

    assert Store.objects.get(seller=verified_seller).logo.name == old
    assert [p.name for p in tmp_path.rglob("*.webp")] == [old.rsplit("/", 1)[1]]
    assert versions.current() == version


def test_remove_logo_deletes_its_file_after_commit(
    verified_seller, clock, django_capture_on_commit_callbacks
):
    path = _set_logo(verified_seller, _upload(Image.new("RGB", (40, 40))), clock).logo.name

    with django_capture_on_commit_callbacks(execute=True):
        store = services.remove_store_image(seller=verified_seller, kind="logo", now=clock.now())

    assert Store.objects.get(pk=store.pk).logo.name == ""
    assert not default_storage.exists(path)


def test_unknown_picture_kind_is_refused(verified_seller, clock):
    with pytest.raises(errors.InvalidStore):
        services.set_store_image(
            seller=verified_seller, kind="avatar", upload=_upload(Image.new("RGB", (9, 9))),
            now=clock.now(),
        )  # fmt: skip


def test_profile_renames_and_keeps_address_currency_and_description(verified_seller, clock):
    store = services.update_store_profile(
        seller=verified_seller, name=" Neuer Name ", languages_spoken=["fr"], now=clock.now()
    )

    store.refresh_from_db()
    assert (store.name, store.slug, store.settlement_currency) == (
        "Neuer Name",
        verified_seller.store.slug,
        "EUR",
    )
    assert store.languages_spoken == ["de", "fr"]  # the original language is always spoken
    assert _texts(store) == {"de": "Werkzeug aus Aachen."}


def test_profile_needs_a_name(verified_seller, clock):
    with pytest.raises(errors.InvalidStore):
        services.update_store_profile(
            seller=verified_seller, name=" ", languages_spoken=[], now=clock.now()
        )
