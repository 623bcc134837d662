"""Country gazetteer: names, demonyms and capitals map to one country.

Used to tell governments from people ("Russia denied", "Seoul said") and to
give organisations a country ("South Korea's spy agency"), which speaker
resolution needs to keep "South Korea's presidential office" apart from a
ministry of another state.
"""

from __future__ import annotations

from functools import cache, lru_cache
from importlib.resources import files


@cache
def _table() -> dict[str, tuple[str, str]]:
    """Lower-cased surface form -> (country, role) with role name|demonym|capital."""
    table: dict[str, tuple[str, str]] = {}
    text = files("claimtrack.extraction").joinpath("data/countries.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = [*line.split("\t"), "", "", ""][:4]
        country, demonyms, capitals, others = cells
        table[country.lower()] = (country, "name")
        for alias in filter(None, others.split(",")):
            table.setdefault(alias.strip().lower(), (country, "name"))
        for demonym in filter(None, demonyms.split(",")):
            table.setdefault(demonym.strip().lower(), (country, "demonym"))
        for capital in filter(None, capitals.split(",")):
            table.setdefault(capital.strip().lower(), (country, "capital"))
    return table


@cache
def longest_place() -> int:
    """Most words in any gazetteer entry, so callers know how far to look."""
    return max(len(key.split()) for key in _table())


@lru_cache(maxsize=65536)
def lookup(phrase: str) -> tuple[str, str] | None:
    """(country, role) for a country name, demonym or capital; None otherwise."""
    key = phrase.strip().lower().replace("’", "'")
    if key.startswith("the "):
        key = key[4:]
    return _table().get(key)


def country_of(phrase: str) -> str | None:
    """The country a phrase names or implies, if it is exactly a place word."""
    hit = lookup(phrase)
    return hit[0] if hit else None
