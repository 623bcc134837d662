"""Which part of an apposition speaks: "the city's prosecutor, Ann Lee" is Ann Lee;
"Tom Molomby, SC" is Tom Molomby; "Reuters, the agency" is Reuters."""

from __future__ import annotations

import re

# Letters after a name: honours, degrees, generations ("QC", "PhD", "Jr.").
POST_NOMINAL = re.compile(
    r"[RDI]-[A-Z][A-Za-z.]*|[A-Z]{2,3}|Ph\.?D\.?|M\.?D\.?|Jr\.?|Sr\.?|I{2,3}|IV|Esq\.?"
)
# "R-Ky.", "D-Mass.": a legislator's party and state.
PARTY_TAG = re.compile(r"[RDI]-[A-Z][A-Za-z.]*")
# Two to four capitalised words: a name.
PROPER = re.compile(r"[A-Z][\w’'.\-]*(?: [A-Z][\w’'.\-]*){1,3}")


def named_part(mention: str, text: str, appositive: str | None) -> tuple[str, str | None]:
    """The words that name the speaker and the words that describe them."""
    if ", " in text:
        # "the authority's director, Karin Voss": the name speaks, the rest is a title.
        head, _, tail = text.rpartition(", ")
        tail_words = tail.split()
        post_nominal = len(tail_words) == 1 and POST_NOMINAL.fullmatch(tail_words[0])
        head_words = head.split()
        party = len(tail_words) == 1 and PARTY_TAG.fullmatch(tail_words[0]) is not None
        if party or (
            post_nominal
            and 2 <= len(head_words) <= 4
            and all(w[:1].isupper() and not w.endswith(("’s", "'s")) for w in head_words)
        ):
            text = head  # "Tom Molomby, SC", "John Smith, Jr.": the letters are no name
        elif tail_words and all(w[:1].isupper() for w in tail_words) and len(tail_words) <= 4:
            text, appositive = tail, appositive or head
        else:
            text, appositive = head, appositive or tail
        if not text.split():  # ", Reuters said" or worse: keep what was written
            text = mention.strip()
    if (
        appositive
        and PROPER.fullmatch(appositive)
        and text.split()
        and (text[:1].islower() or text.split()[-1][:1].islower())
    ):
        # "said the city's chief prosecutor, Lynne Abraham": the name speaks.
        text, appositive = appositive, text
    return text, appositive
