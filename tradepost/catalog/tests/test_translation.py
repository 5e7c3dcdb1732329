"""The content fallback chain: requested → seller's original language → English → any."""

from tradepost.catalog.translation import chain, pick, resolve, resolve_language

TITLES = {"en": "Phone", "ko": "휴대폰", "ja": "スマホ"}


def test_requested_language_wins_when_present():
    assert resolve(TITLES, "ja", "ko") == "スマホ"


def test_falls_back_to_the_original_language_before_english():
    assert resolve(TITLES, "fr", "ko") == "휴대폰"


def test_falls_back_to_english_when_neither_requested_nor_original_exists():
    assert resolve({"en": "Phone", "de": "Telefon"}, "fr", "ko") == "Phone"


def test_falls_back_to_any_language_deterministically():
    assert resolve({"tr": "Telefon", "de": "Handy"}, "fr", "ko") == "Handy"
    assert resolve({"de": "Handy", "tr": "Telefon"}, "fr", "ko") == "Handy"


def test_empty_values_count_as_missing():
    assert resolve({"ja": "", "ko": None, "en": "Phone"}, "ja", "ko") == "Phone"


def test_nothing_at_all_gives_the_default():
    assert resolve({}, "ja", "ko") is None
    assert resolve({"en": ""}, "ja", "ko", default="—") == "—"


def test_regional_request_tries_its_base_language():
    assert resolve({"pt": "Telefone", "en": "Phone"}, "pt-BR", "en") == "Telefone"
    assert resolve({"zh-hans": "手机", "en": "Phone"}, "zh-Hans", "en") == "手机"


def test_resolve_language_and_pick_say_which_language_answered():
    assert resolve_language(TITLES, "fr", "ko") == "ko"
    assert pick(TITLES, "en", "ko") == ("en", "Phone")
    assert resolve_language({}, "fr", "ko") is None


def test_chain_has_no_repeats():
    assert chain("en", "en") == ["en"]
    assert chain("pt-br", "ko") == ["pt-br", "pt", "ko", "en"]
    assert chain(None, None) == ["en"]


def test_works_for_any_value_type_such_as_translation_rows():
    rows = {"en": object(), "ko": object()}
    assert resolve(rows, "ko", "en") is rows["ko"]
