"""The order a listing's options are shown in: `Product.option_names`.

A variant's `options` is a JSON object ({"Size": "M", "Colour": "Blue"}). PostgreSQL stores it
as jsonb, which keeps its own key order (shorter keys first, then bytewise), so the object cannot
remember the order the seller gave. The product's `option_names` (a JSON array, which keeps its
order everywhere) does; the catalog services keep it:

- an option matrix (editor, API) and the rows of a CSV file declare the order of their names,
  which go first, before names they do not mention;
- a single variant created or changed with a name the listing does not know yet appends it.

Everything that shows or exports options goes through `ordered_options`; names missing from the
order (data older than it) go last, sorted, so that every database shows the same.
"""

from collections.abc import Iterable, Mapping, Sequence


def ordered_options(options: Mapping[str, str], names: Sequence[str]) -> list[tuple[str, str]]:
    """One variant's (name, value) pairs in the listing's order: [("Size", "M"), ("Colour", …)]."""
    known = [(name, options[name]) for name in dict.fromkeys(names or ()) if name in options]
    order = {name for name, _value in known}
    return known + sorted((name, value) for name, value in options.items() if name not in order)


def option_label(options: Mapping[str, str], names: Sequence[str], sep: str = " / ") -> str:
    """The values in the listing's order, e.g. "M / Blue" ("" without options)."""
    return sep.join(str(value) for _name, value in ordered_options(options, names))


def names_in_order(option_dicts: Iterable[Mapping[str, str]]) -> list[str]:
    """Every option name, in the order of first appearance."""
    names: dict[str, None] = {}
    for options in option_dicts:
        names.update(dict.fromkeys(options))
    return list(names)


def names_in_use(names: Sequence[str], option_dicts: Iterable[Mapping[str, str]]) -> list[str]:
    """The names the given variants use, in the listing's order (unknown ones last, sorted)."""
    used = names_in_order(option_dicts)
    known = [name for name in dict.fromkeys(names or ()) if name in used]
    return known + sorted(set(used) - set(known))


def appended(names: Sequence[str], new: Iterable[str]) -> list[str]:
    """`names`, then those of `new` it lacks, in the order given (a single variant's names)."""
    return list(dict.fromkeys([*(names or ()), *new]))


def declared(names: Sequence[str], new: Iterable[str]) -> list[str]:
    """`new` in the order given, then the rest of `names` (a matrix or a file declares order)."""
    return list(dict.fromkeys([*new, *(names or ())]))
