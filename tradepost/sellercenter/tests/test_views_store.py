"""The store settings page: name and languages, description tabs, logo and banner, and what
buyers then see on the (cached) store page."""

import io
import re

import pytest
from django.conf import settings as django_settings
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import ExifTags, Image

from tradepost.catalog.images import MAX_BYTES
from tradepost.sellers.models import Store, StoreTranslation

pytestmark = pytest.mark.django_db

PAGE = "/en/seller/store/"
LOGO, BANNER = f"{PAGE}images/logo/", f"{PAGE}images/banner/"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _picture(size=(600, 400), fmt="PNG", name="logo.png", **save) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, fmt, **save)
    return SimpleUploadedFile(name, buffer.getvalue())


def _photo_with_gps() -> SimpleUploadedFile:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "SpyCam"
    exif.get_ifd(ExifTags.IFD.GPSInfo)[ExifTags.GPS.GPSLatitude] = (52.0, 22.0, 12.0)
    return _picture((900, 900), "JPEG", "logo.jpg", exif=exif.tobytes())


def _bomb() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("1", (8_000, 6_000), 1).save(buffer, "PNG")  # 48 Mpx in a few kilobytes
    return SimpleUploadedFile("white.png", buffer.getvalue())


def _texts(store) -> dict[str, str]:
    return dict(StoreTranslation.objects.filter(store=store).values_list("language", "description"))


def _store_page(language: str, store) -> str:
    """The public page as an anonymous visitor sees it (cached page included)."""
    response = Client().get(f"/{language}/s/{store.slug}/")
    assert response.status_code == 200
    return response.content.decode()


def test_anonymous_visitor_is_sent_to_log_in(client, store):
    for method, url in [("get", PAGE), ("post", LOGO), ("post", f"{PAGE}text/en/")]:
        response = getattr(client, method)(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url


def test_seller_without_a_store_is_sent_to_set_it_up(client, draft_seller, png_bytes):
    client.force_login(draft_seller.user)

    assert client.get(PAGE)["Location"] == "/en/seller/onboarding/"
    response = client.post(LOGO, {"logo-image": SimpleUploadedFile("a.png", png_bytes)})

    assert response["Location"] == "/en/seller/onboarding/"
    assert not Store.objects.filter(seller=draft_seller).exists()


def test_page_has_a_tab_for_every_language_and_both_pictures(seller_client, store):
    body = seller_client.get(PAGE).content.decode()

    for code, _name in django_settings.LANGUAGES:
        assert f'href="?lang={code}#about"' in body
    # The store's original language is open first, marked as having text.
    assert 'href="?lang=de#about" lang="de" aria-current="page" class="has-text">German' in body
    assert 'id="store-logo"' in body and 'id="store-banner"' in body
    assert f'href="/en/s/{store.slug}/"' in body


def test_htmx_logo_upload_stores_clean_webp_shown_on_the_store_page(seller_client, store, clock):
    response = seller_client.post(LOGO, {"logo-image": _photo_with_gps()}, HTTP_HX_REQUEST="true")

    assert response.status_code == 200
    body = response.content.decode()
    assert body.startswith('<div id="store-logo"') and "Logo saved." in body
    store.refresh_from_db()
    with default_storage.open(store.logo.name) as stored, Image.open(stored) as logo:
        assert (logo.format, logo.size) == ("WEBP", (512, 512))
        assert not logo.getexif() and "exif" not in logo.info
    page = _store_page("en", store)
    assert (
        f'<img class="store-logo" src="/media/{store.logo.name}" alt="{store.name}" '
        'width="96" height="96"'
    ) in page


def test_banner_upload_without_javascript_shows_on_the_store_page(seller_client, store, clock):
    response = seller_client.post(BANNER, {"banner-image": _picture((2000, 1000), name="b.png")})

    assert response["Location"] == f"{PAGE}#banner"
    store.refresh_from_db()
    page = _store_page("en", store)
    assert re.search(
        rf'<img class="store-banner" src="/media/{store.banner.name}" alt="Banner of {store.name}"'
        r' width="1600" height="400"',
        page,
    )


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        pytest.param(lambda: SimpleUploadedFile("x.png", b"%PDF-1.4 not a picture"),
                     "The file is not a JPEG, PNG, WebP or GIF image.", id="not-an-image"),
        pytest.param(lambda: SimpleUploadedFile("big.jpg", b"\xff\xd8" + b"0" * MAX_BYTES),
                     "The file is larger than 10 MB.", id="too-large"),
        pytest.param(_bomb, "The image has more than 40 megapixels.", id="decompression-bomb"),
    ],
)  # fmt: skip
def test_bad_file_is_a_form_error_and_the_old_logo_stays(
    seller_client, store, clock, upload, message
):
    seller_client.post(LOGO, {"logo-image": _picture()})
    old = Store.objects.get(pk=store.pk).logo.name

    response = seller_client.post(LOGO, {"logo-image": upload()}, HTTP_HX_REQUEST="true")

    assert response.status_code == 200
    body = response.content.decode()
    assert message in body and 'role="alert"' in body and "Logo saved." not in body
    assert Store.objects.get(pk=store.pk).logo.name == old
    assert f'src="/media/{old}"' in _store_page("en", store)


def test_remove_button_takes_the_logo_off_the_store_page(
    seller_client, store, clock, django_capture_on_commit_callbacks
):
    seller_client.post(LOGO, {"logo-image": _picture()})
    path = Store.objects.get(pk=store.pk).logo.name
    assert path in _store_page("en", store)

    with django_capture_on_commit_callbacks(execute=True):
        response = seller_client.post(f"{LOGO}remove/", HTTP_HX_REQUEST="true")

    assert "Logo removed." in response.content.decode()
    assert not default_storage.exists(path)
    assert 'class="store-logo"' not in _store_page("en", store)


def test_japanese_description_leaves_the_others_and_falls_back_elsewhere(
    seller_client, store, clock
):
    response = seller_client.post(f"{PAGE}text/ja/", {"text-description": "アーヘンの工具。"})

    assert response["Location"] == f"{PAGE}?lang=ja#about"
    assert _texts(store) == {"de": "Werkzeug aus Aachen.", "ja": "アーヘンの工具。"}
    assert "アーヘンの工具。" in _store_page("ja", store)
    french = _store_page("fr", store)  # no French text: the store's original language
    assert '<p lang="de">Werkzeug aus Aachen.</p>' in french and "アーヘン" not in french


def test_tab_shows_the_text_of_its_language(seller_client, store, clock):
    seller_client.post(f"{PAGE}text/ja/", {"text-description": "アーヘンの工具。"})

    assert "アーヘンの工具。" in seller_client.get(f"{PAGE}?lang=ja").content.decode()
    assert "アーヘンの工具。" not in seller_client.get(f"{PAGE}?lang=en").content.decode()


def test_empty_text_deletes_that_translation(seller_client, store, clock):
    seller_client.post(f"{PAGE}text/en/", {"text-description": "Tools from Aachen."})

    seller_client.post(f"{PAGE}text/en/", {"text-description": ""})

    assert _texts(store) == {"de": "Werkzeug aus Aachen."}


def test_unknown_language_is_not_found(seller_client, store, clock):
    response = seller_client.post(f"{PAGE}text/xx/", {"text-description": "Hi"})

    assert response.status_code == 404
    assert _texts(store) == {"de": "Werkzeug aus Aachen."}


def test_cached_store_page_shows_the_new_description_at_once(seller_client, store, clock):
    assert "Werkzeug aus Aachen." in _store_page("de", store)  # now in the page cache

    seller_client.post(f"{PAGE}text/de/", {"text-description": "Neu: Zangen aus Aachen."})

    page = _store_page("de", store)
    assert "Neu: Zangen aus Aachen." in page and "Werkzeug aus Aachen." not in page


def test_profile_changes_name_and_languages_but_not_the_address(seller_client, store, clock):
    response = seller_client.post(
        PAGE,
        {"store-name": "Muster Zangen", "store-languages_spoken": ["en", "fr"],
         "store-slug": "stolen-address", "slug": "stolen-address"},
    )  # fmt: skip

    assert response["Location"] == f"{PAGE}#profile"
    store.refresh_from_db()
    assert (store.name, store.languages_spoken) == ("Muster Zangen", ["de", "en", "fr"])
    assert store.slug != "stolen-address"
    assert "Muster Zangen" in _store_page("en", store)


def _snapshot(store):
    store = Store.objects.get(pk=store.pk)
    return (store.name, store.languages_spoken, store.logo.name, store.banner.name, _texts(store))


def test_another_seller_changes_only_their_own_store(client, store, other_store, clock, png_bytes):
    """No URL names a store: whatever seller B posts, seller A's store stays as it was."""
    before = _snapshot(store)
    client.force_login(other_store.seller.user)
    attempts = [
        (PAGE, {"store-name": "Stolen", "store": store.public_id, "slug": store.slug}),
        (f"{PAGE}text/de/", {"text-description": "Gestohlen", "store": store.public_id}),
        (LOGO, {"logo-image": SimpleUploadedFile("a.png", png_bytes), "store": store.slug}),
        (BANNER, {"banner-image": SimpleUploadedFile("a.png", png_bytes)}),
        (f"{LOGO}remove/", {"store": store.public_id}),
    ]

    for url, data in attempts:
        assert client.post(url, data).status_code == 302, url

    assert _snapshot(store) == before
    other = _snapshot(other_store)
    assert other[0] == "Stolen" and other[3] and other[4]["de"] == "Gestohlen"
