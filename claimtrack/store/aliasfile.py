"""The alias file (docs/SPEAKERS.md): people's speaker corrections, one per line."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from claimtrack.errors import InputError


class AliasLine(NamedTuple):
    """One correction of an alias file: names[0] canonical, or two names kept apart."""

    names: list[str]
    apart: bool


def parse_alias_file(path: str) -> list[tuple[int, AliasLine]]:
    """Read the whole file before touching the database, so a typo changes nothing."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        cause = (err.strerror if isinstance(err, OSError) else None) or str(err)
        raise InputError(path, cause) from None
    lines: list[tuple[int, AliasLine]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if "!=" in line:
            names = [part.strip() for part in line.split("!=")]
            apart = True
        elif "=" in line:
            head, _, rest = line.partition("=")
            names = [head.strip(), *(part.strip() for part in rest.split(";"))]
            names = [names[0], *(n for n in names[1:] if n)]
            apart = False
        else:
            names, apart = [], False
        if (apart and len(names) != 2) or len(names) < 2 or not all(names):
            raise InputError(
                path, f"line {number}: expected 'NAME = ALIAS; ALIAS' or 'NAME != NAME'"
            )
        lines.append((number, AliasLine(names, apart)))
    return lines
