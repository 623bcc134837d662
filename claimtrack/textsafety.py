"""Article text is untrusted: make it safe for a terminal and for a spreadsheet.

A core module so that every output may use the same rules: the CLI's tables,
status lines and CSV listings, and the report's CSV.
"""

from __future__ import annotations

import re

# Characters a terminal acts on or that reorder what it shows: C0 controls and DEL
# (ESC starts colours, OSC 8 hyperlinks and window titles), C1 controls, and the
# bidi marks, embeddings, overrides and isolates (the "Trojan Source" characters:
# U+061C, U+200E/F, U+202A-U+202E, U+2066-U+2069).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")

# A cell starting with one of these is run as a formula by Excel, LibreOffice or
# Google Sheets (a tab or carriage return by some); OWASP's advice is a leading
# apostrophe. A plain number such as -3 is left as it is.
_FORMULA = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"-?\d+(\.\d+)?")


def _show(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode control picture: ESC shows as ␛
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"<U+{code:04X}>"


def visible(text: str) -> str:
    """`text` with every control and bidi character shown, so a terminal prints it as is."""
    return _UNSAFE.sub(_show, text)


def spreadsheet_cell(value: object) -> str:
    """A value as a CSV cell that a spreadsheet shows and never evaluates."""
    text = "" if value is None else str(value)
    if text.startswith(_FORMULA) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text
