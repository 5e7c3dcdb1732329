"""How text becomes index terms, per language (the same code analyses documents and queries).

- Languages with a tantivy stemmer (en, es, fr, de, it, nl, pt, tr, ru, ar): words are
  lower-cased, stemmed, then folded to ASCII where they can be (café → cafe), so a query finds
  the other inflections and spellings without accents.
- Chinese, Japanese, Korean and Thai have no spaces between words: runs of those scripts become
  overlapping character bigrams ("耳机壳" → "耳机 机壳"); a query matches when all its bigrams do.
- Every other language: lower-case and ASCII folding only.
"""

import re
import unicodedata

import tantivy
from django.conf import settings

# tantivy's stemmer names (Snowball) for the UI languages that have one.
STEMMERS = {
    "en": "english",
    "es": "spanish",
    "fr": "french",
    "de": "german",
    "it": "italian",
    "nl": "dutch",
    "pt": "portuguese",
    "tr": "turkish",
    "ru": "russian",
    "ar": "arabic",
}
BIGRAM_LANGUAGES = frozenset({"zh-hans", "ja", "ko", "th"})
LANGUAGES = tuple(code for code, _ in settings.LANGUAGES)
MAX_TOKEN_CHARS = 40

# Han, kana, hangul (syllables and jamo) and Thai: the scripts written without spaces.
_DENSE = (
    "\u0e00-\u0e7f"  # Thai
    "\u1100-\u11ff\u3130-\u318f\uac00-\ud7af"  # Hangul
    "\u3040-\u30ff\u31f0-\u31ff"  # Hiragana, Katakana
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # Han
)
_DENSE_RUN = re.compile(f"[{_DENSE}]+")
_WORD_OR_DENSE = re.compile(f"[{_DENSE}]+|[^\\W{_DENSE}]+")

# Which languages' fields a query is also looked up in, by the scripts it is written in.
_SCRIPTS = (
    (re.compile("[\u0400-\u04ff]"), ("ru", "uk")),
    (re.compile("[\u3400-\u4dbf\u4e00-\u9fff]"), ("zh-hans", "ja")),
    (re.compile("[\u3040-\u30ff]"), ("ja",)),
    (re.compile("[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]"), ("ko",)),
    (re.compile("[\u0e00-\u0e7f]"), ("th",)),
    (re.compile("[\u0600-\u06ff]"), ("ar",)),
    (re.compile("[\u0590-\u05ff]"), ("he",)),
)


def analyzer_name(language: str) -> str:
    if language in BIGRAM_LANGUAGES:
        return "tp_bigram"
    if language in STEMMERS:
        return f"tp_stem_{language}"
    return "tp_plain"


def _builder(tokenizer):
    return (
        tantivy.TextAnalyzerBuilder(tokenizer)
        .filter(tantivy.Filter.remove_long(MAX_TOKEN_CHARS * 4))  # bytes, not characters
        .filter(tantivy.Filter.lowercase())
    )


def _build_analyzers() -> dict[str, tantivy.TextAnalyzer]:
    analyzers = {
        "tp_plain": _builder(tantivy.Tokenizer.simple()).filter(tantivy.Filter.ascii_fold()),
        # bigram fields receive text already cut by `bigrams()`: split on spaces only, since
        # Thai vowel signs are not "alphanumeric" for the simple tokenizer.
        "tp_bigram": _builder(tantivy.Tokenizer.whitespace()),
        # autocomplete vocabulary: whole words as written (lower-case), accents kept for display
        "tp_words": _builder(tantivy.Tokenizer.simple()),
    }
    for language, stemmer in STEMMERS.items():
        builder = _builder(tantivy.Tokenizer.simple()).filter(tantivy.Filter.stemmer(stemmer))
        analyzers[f"tp_stem_{language}"] = builder.filter(tantivy.Filter.ascii_fold())
    return {name: builder.build() for name, builder in analyzers.items()}


ANALYZERS = _build_analyzers()


def register(index: tantivy.Index) -> None:
    """Every Index object needs the analyzers registered before it is searched or written."""
    for name, analyzer in ANALYZERS.items():
        index.register_tokenizer(name, analyzer)


# Control characters, format characters (soft hyphen, zero-width and bidi marks, BOM, ...) and
# the private-use area: one regular-expression pass instead of a category look-up per character.
_INVISIBLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f\u180e\u200b-\u200f"
    "\u202a-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb\ue000-\uf8ff\ud800-\udfff]"
)


def clean(text: str) -> str:
    """Drop control and format characters (NUL, bidi marks, ...) and normalise to NFKC."""
    return _INVISIBLE.sub(" ", unicodedata.normalize("NFKC", text))


def bigrams(text: str) -> str:
    """Runs of the dense scripts as overlapping bigrams; other words kept as they are."""
    out: list[str] = []
    for match in _WORD_OR_DENSE.finditer(text):
        run = match.group()
        if _DENSE_RUN.fullmatch(run) and len(run) > 1:
            out.extend(run[i : i + 2] for i in range(len(run) - 1))
        else:
            out.append(run)
    return " ".join(out)


def prepare(language: str, text: str) -> str:
    """Text as it is given to the index for a field of `language`."""
    return bigrams(text) if language in BIGRAM_LANGUAGES else text


def terms(language: str, text: str) -> list[str]:
    """The index terms of `text` for a field of `language`, in order, duplicates removed."""
    tokens = ANALYZERS[analyzer_name(language)].analyze(prepare(language, text))
    return list(dict.fromkeys(tokens))


def words(text: str) -> list[str]:
    return ANALYZERS["tp_words"].analyze(text)


def query_languages(text: str, language: str) -> tuple[str, ...]:
    """The buyer's language, English, and any language whose script the query is written in."""
    found = [language, "en"]
    for pattern, languages in _SCRIPTS:
        if pattern.search(text):
            found.extend(languages)
    return tuple(dict.fromkeys(code for code in found if code in LANGUAGES))
