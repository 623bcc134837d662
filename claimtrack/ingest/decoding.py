"""Bytes to text: which encoding a news file is in, and whether it is text at all.

Files come from scrapers, exports and mail in whatever encoding their source
used; a wrong guess turns every accented letter into mojibake, and a binary
file read as text floods extraction with noise.
"""

from __future__ import annotations

import codecs

import charset_normalizer

from claimtrack.ingest.articles import BadInput

_SNIFF_BYTES = 64 * 1024  # how much of a file the binary test looks at
_CONTROL_RATIO = 0.05  # more control bytes than this: binary
_DAMAGED_UTF8_RATIO = 10  # valid multi-byte sequences per invalid one
_LATIN_ACCENT_RATIO = 0.25  # at most this share of letters outside ASCII: cp1252 text

# Bytes that do not occur in text files (tab, LF, FF, CR and ESC do).
_CONTROL_BYTES = bytes(set(range(0x20)) - {0x09, 0x0A, 0x0C, 0x0D, 0x1B}) + b"\x7f"
_ASCII_LETTERS = bytes(range(0x41, 0x5B)) + bytes(range(0x61, 0x7B))
# Bytes that cp1252 decodes to non-ASCII letters (Š Œ Ž š œ ž Ÿ ª µ º À-Ö Ø-ö ø-ÿ).
_CP1252_LETTERS = (
    b"\x8a\x8c\x8e\x9a\x9c\x9e\x9f\xaa\xb5\xba"
    + bytes(range(0xC0, 0xD7))
    + bytes(range(0xD8, 0xF7))
    + bytes(range(0xF8, 0x100))
)


def _looks_binary(data: bytes) -> bool:
    """NUL bytes, or many control bytes near the start, mean the file is not text."""
    if b"\x00" in data:
        return True
    sample = data[:_SNIFF_BYTES]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls > _CONTROL_RATIO * len(sample)


def _damaged_utf8(data: bytes) -> str | None:
    """Text decoded as UTF-8 when only a few bytes are invalid (a damaged UTF-8 file).

    Guessing another encoding for a file that is mostly valid UTF-8 turns every
    accented letter and curly quote into mojibake; U+FFFD for the few bad bytes
    loses less.
    """
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    non_ascii = len(text) - len(text.encode("ascii", "ignore"))
    valid = non_ascii - bad
    if bad > 0 and valid >= _DAMAGED_UTF8_RATIO * bad:
        return text
    return None


def _western(data: bytes) -> str | None:
    """Text decoded as cp1252 when it reads as a Latin-script language.

    charset-normalizer guesses poorly on short single-byte files (a French
    paragraph in Latin-1 can come out as Urdu cp1006), and Windows-1252/Latin-1
    is by far the most common non-UTF-8 encoding of Western news text. Text in
    a Latin-script language has few non-ASCII letters; Cyrillic or Greek bytes
    read as cp1252 are almost all accented letters, so they fail this test.
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    # Counted on the bytes (C speed, no per-character Python loop).
    accented = len(data) - len(data.translate(None, _CP1252_LETTERS))
    ascii_letters = len(data) - len(data.translate(None, _ASCII_LETTERS))
    if accented <= _LATIN_ACCENT_RATIO * (accented + ascii_letters):
        return text
    return None


def decode(data: bytes) -> str:
    """Decode file contents: BOM, UTF-8, damaged UTF-8, cp1252, then charset-normalizer.

    Raises BadInput with the reason when the bytes are not text.
    """
    if not data:
        raise BadInput("file is empty")
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                raise BadInput(f"cannot decode text (invalid {codec.upper()})") from None
    if _looks_binary(data):
        raise BadInput("binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    text = _damaged_utf8(data)
    if text is None:
        text = _western(data)
    if text is None:
        best = charset_normalizer.from_bytes(data).best()
        if best is None:
            raise BadInput("cannot decode text (not UTF-8 and no other encoding detected)")
        text = str(best)
    return text
