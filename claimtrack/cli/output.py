"""Turn lists of models into the CLI's output formats; one place so every listing agrees.

Article text is untrusted: table cells show control and bidi characters visibly
(a terminal would run an escape sequence), CSV cells never start a formula, and
JSON escapes controls itself. Only the table is fitted to the terminal; json,
jsonl and csv always carry every field in full.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import sys
from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from claimtrack.textsafety import spreadsheet_cell, visible

if TYPE_CHECKING:
    from pydantic import BaseModel

# Table cells longer than this are cut with an ellipsis; the full text is in json/csv.
MAX_CELL = 60
# A column fitted to the terminal keeps at least this many characters (or its header):
# short columns (ids, relations, cues) are never cut, only the long text ones.
MIN_CELL = 16


class OutputFormat(StrEnum):
    """The formats every listing command can print."""

    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


def terminal_width() -> int | None:
    """Columns to fit a table to: $COLUMNS, else the terminal's; None when piped."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    if sys.stdout.isatty():
        return shutil.get_terminal_size().columns
    return None


def render(
    rows: Sequence[BaseModel] | Sequence[Mapping[str, Any]],
    fmt: str,
    columns: list[str] | None = None,
    *,
    model: type[BaseModel] | None = None,
    width: int | None = None,
) -> str:
    """Format rows; json/jsonl/csv carry every field, the table only ``columns``.

    ``model`` names the fields when there are no rows, so an empty CSV still has
    its header; ``width`` is the widest a table line may be. The result has no
    trailing newline.
    """
    dicts = [_as_dict(row) for row in rows]
    fields = _fields(dicts, model)
    match OutputFormat(fmt):
        case OutputFormat.json:
            return json.dumps(dicts, ensure_ascii=False, indent=2)
        case OutputFormat.jsonl:
            return "\n".join(json.dumps(d, ensure_ascii=False) for d in dicts)
        case OutputFormat.csv:
            return _csv(dicts, fields)
        case OutputFormat.table:
            return _table(dicts, columns or fields, width)


def _as_dict(row: BaseModel | Mapping[str, Any]) -> dict[str, Any]:
    # Duck-typed, so that importing this module (for --help) does not load pydantic.
    dump = getattr(row, "model_dump", None)
    if dump is not None:
        result: dict[str, Any] = dump(mode="json")
        return result
    return dict(row)


def _fields(dicts: list[dict[str, Any]], model: type[BaseModel] | None) -> list[str]:
    if dicts:
        return list(dicts[0])
    return list(model.model_fields) if model is not None else []


def _csv(dicts: list[dict[str, Any]], fields: list[str]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    if fields:
        writer.writerow(fields)
    for d in dicts:
        writer.writerow([_csv_cell(d.get(f)) for f in fields])
    return buffer.getvalue().rstrip("\n")


def _csv_cell(value: Any) -> Any:
    # Lists and objects stay machine-readable: a spreadsheet cell of JSON.
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, str):
        return spreadsheet_cell(value)
    return "" if value is None else value  # numbers and booleans stay as they are


def _table(dicts: list[dict[str, Any]], columns: list[str], width: int | None) -> str:
    cells = [[one_line(_table_cell(d.get(c))) for c in columns] for d in dicts]
    widths = [
        max([len(c), *(min(len(row[i]), MAX_CELL) for row in cells)]) for i, c in enumerate(columns)
    ]
    if width is not None:
        _fit(widths, [len(c) for c in columns], width)
    lines = [
        "  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip(),
        "  ".join("-" * w for w in widths),
    ]
    for row in cells:
        fitted = (cut(v, w).ljust(w) for v, w in zip(row, widths, strict=True))
        lines.append("  ".join(fitted).rstrip())
    return "\n".join(lines)


def _fit(widths: list[int], headers: list[int], width: int) -> None:
    """Narrow columns until a line fits ``width``, each in proportion to what it can spare.

    So the text column, the widest, gives up most and still shows most; a
    column never goes below its header or MIN_CELL, and a short one is left whole.
    """
    floors = [max(h, min(w, MIN_CELL)) for h, w in zip(headers, widths, strict=True)]
    excess = sum(widths) + 2 * (len(widths) - 1) - width
    spare = [max(w - f, 0) for w, f in zip(widths, floors, strict=True)]
    if excess <= 0 or not sum(spare):
        return  # fits, or as narrow as it goes: the terminal wraps the rest
    cuts = [min(s, excess * s // sum(spare)) for s in spare]
    for i, c in enumerate(cuts):
        widths[i] -= c
    left = excess - sum(cuts)
    while left > 0 and any(w > f for w, f in zip(widths, floors, strict=True)):
        widest = max(range(len(widths)), key=lambda i: widths[i] - floors[i])
        widths[widest] -= 1
        left -= 1


def cut(text: str, width: int) -> str:
    """``text`` in at most ``width`` characters, an ellipsis marking a cut."""
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def one_line(text: str) -> str:
    """Text for one table line: whitespace collapsed, control and bidi characters visible."""
    return visible(" ".join(text.split()))


def field_text(value: Any) -> str:
    """One field as a reader expects it, on one line and safe for a terminal."""
    return one_line(_table_cell(value))


def _table_cell(value: Any) -> str:
    """A value as a reader expects it: nothing for None, yes/no, figures as written."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(_table_cell(v) for v in value)
    if isinstance(value, dict):
        if "value" in value:
            return figure_text(value)
        return str(value.get("text", json.dumps(value, ensure_ascii=False)))
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def figure_text(figure: Mapping[str, Any]) -> str:
    """A figure as a reader says it: '1,500 troops', '3,000 troops (approx.)'."""
    value = figure.get("value")
    number = f"{value:,.0f}" if isinstance(value, float | int) and value == int(value) else value
    unit = figure.get("unit") or figure.get("noun") or ""
    text = f"{number} {unit}".strip()
    return f"{text} (approx.)" if figure.get("approximate") else text
