"""What buyers type finds what they mean, in their language."""

import pytest

from tradepost.catalog.testing import make_product
from tradepost.search.selectors import SearchParams, search

pytestmark = pytest.mark.django_db


def _ids(text, language="en", **filters):
    return search(SearchParams(text=text, language=language, **filters)).ids


def test_an_exact_title_match_ranks_first(cn_store, audio, rates):
    others = [
        make_product(
            store=cn_store,
            category=audio,
            titles={"en": f"Headphones case {n}"},
            descriptions={"en": "Fits studio monitor headphones"},
            order_count=50,
        )
        for n in range(5)
    ]
    exact = make_product(store=cn_store, category=audio, titles={"en": "Studio monitor headphones"})

    found = _ids("studio monitor headphones")

    assert found[0] == exact.id
    assert set(found) == {exact.id, *(p.id for p in others)}


def test_a_russian_query_finds_the_russian_translation(cn_store, kitchen, rates):
    kettle = make_product(
        store=cn_store,
        category=kitchen,
        titles={"en": "Electric kettle 1.7 l", "ru": "Электрический чайник 1,7 л"},
    )
    make_product(store=cn_store, category=kitchen, titles={"en": "Cast iron pan"})

    assert _ids("электрические чайники", language="ru") == [kettle.id]
    # a Cyrillic query finds it whatever the buyer's interface language
    assert _ids("чайник", language="de") == [kettle.id]


def test_japanese_and_thai_queries_find_their_listings(cn_store, kitchen, rates):
    rice = make_product(
        store=cn_store,
        category=kitchen,
        titles={"ja": "ステンレス炊飯器 5合", "en": "Stainless rice cooker"},
    )
    mortar = make_product(store=cn_store, category=kitchen, titles={"th": "ครกหินแกรนิตขนาดใหญ่"})
    make_product(store=cn_store, category=kitchen, titles={"ja": "電気ケトル"})

    assert _ids("炊飯器", language="ja") == [rice.id]
    assert _ids("ครกหิน", language="th") == [mortar.id]
    assert _ids("ครกหิน", language="en") == [mortar.id]  # found by its script, any UI language
    assert _ids("炊飯", language="en") == [rice.id]


def test_a_misspelt_query_finds_headphones_and_suggests_the_spelling(
    cn_store, kitchen, audio, rates
):
    headphones = make_product(
        store=cn_store, category=kitchen, titles={"en": "Wireless headphones"}
    )
    make_product(store=cn_store, category=kitchen, titles={"en": "Wireless charger"})

    result = search(SearchParams(text="hedphones"))

    assert result.ids == [headphones.id]
    assert result.fuzzy is True
    assert result.suggestion == "headphones"


def test_stemming_finds_other_forms_and_accents_do_not_matter(de_store, kitchen, rates):
    pan = make_product(
        store=de_store,
        category=kitchen,
        titles={"de": "Gusseiserne Pfanne", "fr": "Poêle en fonte"},
    )

    assert _ids("pfannen", language="de") == [pan.id]
    assert _ids("poele", language="fr") == [pan.id]


def test_the_category_path_in_any_language_matches(cn_store, audio, rates):
    product = make_product(store=cn_store, category=audio, titles={"zh-hans": "蓝牙耳机"})

    assert _ids("наушники", language="ru") == [product.id]
    assert _ids("kopfhörer", language="de") == [product.id]


def test_words_found_only_across_title_and_brand_still_match(cn_store, audio, rates):
    product = make_product(
        store=cn_store, category=audio, titles={"en": "Over-ear headphones"}, brand="Soundcore"
    )

    assert _ids("soundcore headphones") == [product.id]


def test_little_words_do_not_turn_fuzzy(cn_store, kitchen, rates):
    make_product(store=cn_store, category=kitchen, titles={"en": "Blue mug"})

    result = search(SearchParams(text="bleu"))  # 4 letters: no edit distance allowed

    assert (result.ids, result.fuzzy) == ([], False)
