"""Publications and platforms that carried someone's words go into `via`, whatever the order."""

from __future__ import annotations

import pytest

from claimtrack.extraction.claims import extract
from claimtrack.models import Article


def only(text: str, outlet: str | None = None) -> tuple[str | None, list[str]]:
    [claim] = extract(Article(text="Harbour news\n\n" + text, path="t.txt", outlet=outlet)).claims
    return claim.speaker, claim.via


@pytest.mark.parametrize(
    ("text", "speaker", "via"),
    [
        ("“The plan will fail,” Ines Ko wrote on Instagram.", "Ines Ko", ["Instagram"]),
        (
            "“The pier is closed,” Ines Ko told the Harbour Tribune.",
            "Ines Ko",
            ["Harbour Tribune"],
        ),
        (
            "“The pier is closed,” said Ines Ko on “Coast Report Tonight.”",
            "Ines Ko",
            ["Coast Report Tonight"],
        ),
        (
            "In an interview with Time magazine, Ines Ko said the pier would reopen.",
            "Ines Ko",
            ["Time magazine"],
        ),
        ("Ines Ko told the Union-Tribune the pier would reopen.", "Ines Ko", ["Union-Tribune"]),
        (
            "Ines Ko said in a guest column in Saturday’s Coast Herald that the pier reopens.",
            "Ines Ko",
            ["Coast Herald"],
        ),
        (
            "“The pier will reopen,” Ines Ko wrote in a statement to Wired.",
            "Ines Ko",
            ["Wired"],
        ),
        # Places, people and audiences are not media.
        ("Ines Ko said on Capitol Hill that the pier would reopen.", "Ines Ko", []),
        ("“The pier will reopen,” Ines Ko said to the harbour master.", "Ines Ko", []),
        ("“The pier will reopen,” Ines Ko told reporters on Friday.", "Ines Ko", []),
    ],
)
def test_medium_goes_into_via(text: str, speaker: str, via: list[str]) -> None:
    assert only(text) == (speaker, via)


def test_the_articles_own_outlet_is_not_a_link_in_the_chain() -> None:
    text = "Ines Ko said in an interview with the Coast Herald that the pier would reopen."
    assert only(text) == ("Ines Ko", ["Coast Herald"])
    assert only(text, outlet="www.coastherald.com") == ("Ines Ko", [])
    assert only(text, outlet="harbourdaily.com") == ("Ines Ko", ["Coast Herald"])
    assert only(text, outlet="Coast Herald") == ("Ines Ko", [])
