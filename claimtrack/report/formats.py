"""The formats of `claimtrack report`; apart from build.py so `--help` lists them cheaply."""

from __future__ import annotations

from enum import StrEnum


class ReportFormat(StrEnum):
    """The formats of `claimtrack report`."""

    md = "md"
    html = "html"
    json = "json"
    csv = "csv"
    claimreview = "claimreview"
