"""The fallback chain for translated content (DESIGN.md §4): requested → original → English → any.

Pure functions over `{language: value}` mappings, so product titles and descriptions, category
names and store descriptions all resolve the same way. A missing or empty value counts as absent.
Language codes are Django's (`"pt"`, `"zh-hans"`); a regional request (`"pt-br"`) also tries its
base language (`"pt"`) before falling back.
"""

from collections.abc import Iterator, Mapping
from typing import Any, TypeVar

T = TypeVar("T")

FALLBACK_LANGUAGE = "en"


def _normalise(language: str | None) -> str:
    return (language or "").strip().lower().replace("_", "-")


def chain(requested: str | None, original: str | None) -> list[str]:
    """The languages tried in order, without repeats: requested, its base, original, English."""
    ordered: list[str] = []
    wanted = _normalise(requested)
    for language in (wanted, wanted.split("-", 1)[0], _normalise(original), FALLBACK_LANGUAGE):
        if language and language not in ordered:
            ordered.append(language)
    return ordered


def _present(translations: Mapping[str, T]) -> Iterator[tuple[str, T]]:
    for language, value in translations.items():
        if value is not None and value != "":
            yield _normalise(language), value


def pick(
    translations: Mapping[str, T], requested: str | None, original: str | None
) -> tuple[str, T] | None:
    """`(language, value)` of the best translation, or None when there is none at all.

    After the chain, "any" is the alphabetically first language, so the answer never depends on
    the order the rows came from the database in.
    """
    present = dict(_present(translations))
    for language in chain(requested, original):
        if language in present:
            return language, present[language]
    if not present:
        return None
    language = min(present)
    return language, present[language]


def resolve(
    translations_by_language: Mapping[str, T],
    requested: str | None,
    original: str | None,
    default: Any = None,
) -> T | Any:
    """The value in the best available language (see `pick`), or `default` when there is none."""
    found = pick(translations_by_language, requested, original)
    return default if found is None else found[1]


def resolve_language(
    translations_by_language: Mapping[str, Any], requested: str | None, original: str | None
) -> str | None:
    """The language `resolve` would answer in (for a page's `lang` attribute), or None."""
    found = pick(translations_by_language, requested, original)
    return None if found is None else found[0]
