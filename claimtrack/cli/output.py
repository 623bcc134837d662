"""Turn lists of models into the CLI's output formats; one place so every listing agrees."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pydantic import BaseModel

# Table cells longer than this are cut with an ellipsis; the full text is in json/csv.
MAX_CELL = 60


class OutputFormat(StrEnum):
    """The formats every listing command can print."""

    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


def render(
    rows: Sequence[BaseModel] | Sequence[Mapping[str, Any]],
    fmt: str,
    columns: list[str] | None = None,
    *,
    model: type[BaseModel] | None = None,
) -> str:
    """Format rows; json/jsonl/csv carry every field, the table only ``columns``.

    ``model`` names the fields when there are no rows, so an empty CSV still has
    its header. The result has no trailing newline.
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
            return _table(dicts, columns or fields)


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
    return "" if value is None else value


def _table(dicts: list[dict[str, Any]], columns: list[str]) -> str:
    cells = [[_table_cell(d.get(c)) for c in columns] for d in dicts]
    widths = [max([len(c), *(len(row[i]) for row in cells)]) for i, c in enumerate(columns)]
    lines = [
        "  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip(),
        "  ".join("-" * w for w in widths),
    ]
    for row in cells:
        lines.append("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())
    return "\n".join(lines)


def _table_cell(value: Any) -> str:
    if value is None:
        text = ""
    elif isinstance(value, list):
        text = ", ".join(_table_cell(v) for v in value)
    elif isinstance(value, dict):
        text = str(value.get("text", json.dumps(value, ensure_ascii=False)))
    elif isinstance(value, float) and value.is_integer():
        text = str(int(value))
    else:
        text = str(value)
    text = " ".join(text.split())
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"
