"""Tests for claimtrack.extraction.clean: page furniture goes, news prose stays.

The pages below are written for these tests in the style of scraped news
sites (one paragraph per line, or blank-line separated, or hard-wrapped).
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimtrack.extraction.clean import content_spans, is_boilerplate


def kept(text: str) -> list[str]:
    return [text[s:e] for s, e in content_spans(text)]


FLOOD_PAGE = """\
Get breaking news alerts from The Harbour Gazette

Notifications can be turned off at any time in your browser settings.

Marrow Valley Floods Force Thousands From Their Homes

Priya Raman
Environment Correspondent
Wednesday 3 April 2024 07:45 CEST
Comments

Independent journalism needs you

For twenty years we have reported on the valley's floods, fires and elections without \
fear or favour. We do not answer to shareholders or billionaire owners.

Every contribution, however small, keeps our reporters in the field. Please consider \
making a monthly gift to support our journalism.

More than 4,000 people were evacuated from low-lying districts of Marrow Valley on \
Tuesday night after the Tessel river burst its banks, the regional emergency agency said.
Photo: Lukas Brandt/AFP via Getty Images
"We have never seen the water rise this quickly," said Henrike Vos, the mayor of Estel, \
one of the worst-hit towns.
The agency said about 300 soldiers had been deployed to help with sandbagging.
Read more: Drought warnings issued for southern farms
Environment minister Tomas Adler told reporters the government would release emergency \
funds, but declined to say how much.
The plan had broad support among members of the regional assembly, according to its speaker.
He declined to comment.
Key Takeaways
• More than 4,000 people evacuated after the Tessel burst its banks.
• About 300 soldiers deployed to help with sandbagging.
• Government promises emergency funds.
Follow us on:
Share on Facebook
Click here to get the Gazette app
Priya Raman is the environment correspondent at The Harbour Gazette, covering climate \
and water policy.
"""

FLOOD_PROSE = [
    "More than 4,000 people were evacuated from low-lying districts of Marrow Valley on "
    "Tuesday night after the Tessel river burst its banks, the regional emergency agency said.",
    '"We have never seen the water rise this quickly," said Henrike Vos, the mayor of Estel, '
    "one of the worst-hit towns.",
    "The agency said about 300 soldiers had been deployed to help with sandbagging.",
    "Environment minister Tomas Adler told reporters the government would release emergency "
    "funds, but declined to say how much.",
    "The plan had broad support among members of the regional assembly, according to its speaker.",
    "He declined to comment.",
]


def test_flood_page_keeps_only_the_story() -> None:
    assert kept(FLOOD_PAGE) == FLOOD_PROSE


TRADE_PAGE = """\
Highlights

- Lisbon and Rabat sign a deal cutting tariffs on tomatoes and olive oil.
- Farmers' unions in both countries threaten protests.

Portugal and Morocco on Friday signed an agreement to phase out tariffs on most farm \
produce by 2027, the two trade ministries said in a joint statement.

"This is a good day for growers on both sides of the strait," Portuguese trade minister \
Helena Duarte told a news conference in Rabat.

Related:
Why olive oil prices doubled in two years
Moroccan tomato exports hit record

Farmers' groups in the Alentejo said the deal would flood local markets with cheaper \
produce and called a protest for next week.

We asked the ministry how many jobs the deal would create but received no answer.

Moroccan officials said the agreement still had to be approved by parliament.

I'm a freelance journalist based in Lisbon who writes about trade, migration and labour. \
My work has appeared in regional and international outlets.
"""


def test_trade_page_blank_line_paragraphs() -> None:
    assert kept(TRADE_PAGE) == [
        "Portugal and Morocco on Friday signed an agreement to phase out tariffs on most farm "
        "produce by 2027, the two trade ministries said in a joint statement.",
        '"This is a good day for growers on both sides of the strait," Portuguese trade minister '
        "Helena Duarte told a news conference in Rabat.",
        "Farmers' groups in the Alentejo said the deal would flood local markets with cheaper "
        "produce and called a protest for next week.",
        "We asked the ministry how many jobs the deal would create but received no answer.",
        "Moroccan officials said the agreement still had to be approved by parliament.",
    ]


APPEAL_PAGE = """\
Your support keeps us reporting

Since 2009 we have covered the harbour, the council and the courts. Our reporters do not \
sit behind a paywall because we believe news is a public good.

We rely on readers. A gift of any size makes a difference.

“We are not leaving,” said Anna Berg, who has run the harbour café for thirty years.

Council leader Jonas Ek said repairs to the sea wall would begin in May.
"""


def test_appeal_box_runs_over_we_paragraphs_and_stops_at_the_story() -> None:
    assert kept(APPEAL_PAGE) == [
        "“We are not leaving,” said Anna Berg, who has run the harbour café for thirty years.",
        "Council leader Jonas Ek said repairs to the sea wall would begin in May.",
    ]


WRAPPED_PAGE = """\
Coastguard Ends Search for Missing Trawler Crew

The coastguard said on Sunday it had called off the search for four fishermen
whose trawler sank in a storm off the Faroe Islands, after three days of sweeps by
ships and aircraft found no survivors.

A spokesperson said the trawler's emergency beacon had been found about 40
nautical miles north of Tórshavn.

Photo: Faroe Coastguard
"""


def test_hard_wrapped_paragraphs_are_one_span_each() -> None:
    assert kept(WRAPPED_PAGE) == [
        "The coastguard said on Sunday it had called off the search for four fishermen\n"
        "whose trawler sank in a storm off the Faroe Islands, after three days of sweeps by\n"
        "ships and aircraft found no survivors.",
        "A spokesperson said the trawler's emergency beacon had been found about 40\n"
        "nautical miles north of Tórshavn.",
    ]


def test_key_takeaways_box_ends_at_next_paragraph() -> None:
    text = (
        "Key Points\n\n"
        "  • Rail strike halts trains across the north.\n"
        "  • Talks resume on Monday.\n\n"
        "Train drivers in the north walked out on Thursday over pay, the union said.\n"
    )
    assert kept(text) == [
        "Train drivers in the north walked out on Thursday over pay, the union said."
    ]


def test_why_this_matters_paragraph_is_dropped() -> None:
    text = (
        "The central bank raised its main rate to 4.5 percent on Thursday, its governor said.\n\n"
        "Why this matters: Higher rates will push up mortgage costs for millions of households "
        "who are already struggling with rent and energy bills.\n\n"
        "The governor said further rises could not be ruled out.\n"
    )
    assert kept(text) == [
        "The central bank raised its main rate to 4.5 percent on Thursday, its governor said.",
        "The governor said further rises could not be ruled out.",
    ]


def test_third_person_bio_only_at_the_foot() -> None:
    text = (
        "Lena Ortiz is a former correspondent who was expelled from the country in 2019.\n"
        "The foreign ministry said on Tuesday that her appeal had been rejected.\n"
        "Marco Weiss is a senior reporter at the Danube Herald covering courts and crime.\n"
    )
    assert kept(text) == [
        "Lena Ortiz is a former correspondent who was expelled from the country in 2019.",
        "The foreign ministry said on Tuesday that her appeal had been rejected.",
    ]


def test_spans_point_into_the_text() -> None:
    text = "  Photo: AFP\r\n\n   The mayor said the bridge would reopen on Monday.  \n"
    spans = content_spans(text)
    assert spans == [(18, 67)]
    assert text[18:67] == "The mayor said the bridge would reopen on Monday."


BOILERPLATE_LINES = [
    # appeals and paywalls
    "Your support helps us to tell the story",
    "Your donation allows us to keep reporters on the ground.",
    "Support independent journalism today.",
    "Sign up for our free morning briefing",
    "Subscribe to our newsletter",
    "Subscribe",
    "Become a member and get unlimited access.",
    "Already a subscriber? Log in",
    "This article is for subscribers only.",
    "Unlike many outlets, we keep our reporting free of paywalls, paid for by those who can "
    "afford it.",
    "We believe independent journalism should be available to everyone, paid for by those "
    "who can afford it.",
    # notifications, cookies, login, comments
    "Stay up to date with notifications from The Harbour Gazette",
    "Notifications can be managed in browser preferences.",
    "We use cookies to improve your experience on our site.",
    "By continuing to browse you accept our cookie policy.",
    "Join our commenting forum",
    "Join thought-provoking conversations, follow other readers and see their replies",
    "Comments",
    "View 112 comments",
    "Leave a comment",
    "Comments are closed.",
    "Thank you for registering",
    "Please refresh the page or navigate to another page on the site to be automatically logged in",
    "Please log in to continue reading.",
    "Create an account to keep reading.",
    "Share this article",
    # social prompts
    "Follow us on:",
    "Share on Facebook",
    "Follow Priya Raman on X",
    "Click here",
    "Click here to get the Gazette app",
    # credits and captions
    "Photo: EPA-EFE",
    "Photo by Jane Roe/AFP",
    "Photograph: Ahn Min-ho/AP",
    "Image: AFP/Getty",
    "FILE PHOTO: Soldiers patrol the border near Paju, March 3, 2023. REUTERS/Kim Soo-jin",
    "A resident wades through floodwater in Estel on Tuesday. (Photo: Lukas Brandt/AFP)",
    "Villagers gather outside the damaged church on Sunday. AFP via Getty Images",
    "(Reuters)",
    "author-image",
    "New Update",
    "File photo",
    # site chrome
    "Advertisement",
    "Story continues below advertisement",
    "© 2024 The Harbour Gazette. All rights reserved.",
    "5 min read",
    "Listen to this article",
    "This article was originally published by The Conversation.",
    # bios
    "I am a dynamic professional, specializing in security studies and maritime law.",
    "I'm a freelance journalist based in Lisbon who writes about migration and labour.",
    "My expertise lies in European energy markets and climate finance.",
    "I write about technology, culture and the people who shape both.",
    "As a writer, I have covered three general elections.",
    # bylines, datelines, headlines
    "By Priya Raman",
    "Written by Priya Raman and Tomas Ek",
    "Reporting by Jane Roe; Editing by John Poe",
    "Asia Editor",
    "Priya Raman",
    "Tuesday 16 June 2020 09:12 BST",
    "Published: 3 April 2024",
    "Updated April 3, 2024 at 9:12 a.m. EDT",
    "Marrow Valley Floods: Thousands Flee Rising Water",
    "South Korea",
    # section headings
    "Key Takeaways",
    "Key Points:",
    "Highlights",
    "Why this matters: The flood is the third in five years.",
    "Read more",
    "Read more: Drought warnings issued for southern farms",
    "Related: How the valley rebuilt after the 2019 floods",
    "## Related stories",
    "",
    "   ",
]


@pytest.mark.parametrize("line", BOILERPLATE_LINES)
def test_boilerplate_lines(line: str) -> None:
    assert is_boilerplate(line)


PROSE_LINES = [
    "The minister said the plan had broad support among members.",
    "He declined to comment.",
    "The ministry did not respond to a request for comment.",
    "Comments by the minister drew sharp criticism from opposition lawmakers.",
    "He said he had read the comments on social media but would not respond.",
    "Photographs by a local resident showed the dam wall giving way.",
    '"I am a journalist, not a spy," Kowalski told the court on Monday.',
    "“Your support means everything to us,” the candidate told supporters in Estel.",
    "Sales of the newspaper's digital subscriptions rose 12 percent, the company said.",
    "The party has lost members in every region since 2019.",
    "Police said the suspects had used stolen passwords to log in to the ministry's network.",
    "Residents were told to follow evacuation orders.",
    "The agency, which shares intelligence with Seoul, said the launch failed.",
    "Investors who subscribe to the bond issue will be repaid in 2030.",
    "The United States said it would support Ukraine for as long as it takes.",
    "Highlights of the report include a sharp rise in rural poverty.",
    "Getty Images chief executive Craig Peters said the company would cut 5 percent of its "
    "staff, a move he described as painful but necessary.",
    "Kim told reporters he would visit Tokyo.",
    "Officials confirmed the death toll had risen to 14.",
    "Rutte stated:",
    "Yes.",
    "“If that were the case, it would mark a significant escalation.”",
    "STEADFAST ALLY: The bill passed the lower house by 312 votes to 4 on Friday.",
    "SEOUL, June 16 (Reuters) - North Korea blew up a liaison office on its side of the "
    "border on Tuesday, South Korea said.",
    "The strike went ahead, while the union",  # truncated prose stays prose
]


@pytest.mark.parametrize("line", PROSE_LINES)
def test_prose_lines(line: str) -> None:
    assert not is_boilerplate(line)


def test_prose_lines_survive_in_context() -> None:
    text = "\n".join(PROSE_LINES)
    assert kept(text) == PROSE_LINES


def test_dotted_capital_i_does_not_shift_offsets() -> None:
    # "İ".lower() is two characters; offsets must still index the original text.
    text = "İzmir officials said the port would reopen on Friday.\nPhoto: AFP\n"
    assert kept(text) == ["İzmir officials said the port would reopen on Friday."]


def test_empty_and_blank_text() -> None:
    assert content_spans("") == []
    assert content_spans(" \n\t\n") == []


# ---------------------------------------------------------------------------
# Property tests: content_spans never raises and its spans are well formed.
# ---------------------------------------------------------------------------

_LINE_POOL = [*BOILERPLATE_LINES, *PROSE_LINES, "", "   ", "•", "-", "- item", "Key Takeaways"]
_messy_lines = st.one_of(
    st.sampled_from(_LINE_POOL),
    st.text(max_size=80),
    st.text(alphabet=" \t\r\n\u00a0\u2028\x0b\x0c.!?:“”\"'«»İıß-•#*()/aI", max_size=40),
)
_separators = st.sampled_from(["\n", "\n\n", "\r\n", " \n", "\n \n", "\u2029", "\r"])


@st.composite
def messy_pages(draw: st.DrawFn) -> str:
    lines = draw(st.lists(_messy_lines, max_size=25))
    out = []
    for line in lines:
        out.append(line)
        out.append(draw(_separators))
    return "".join(out)


def _check_spans(text: str) -> None:
    spans = content_spans(text)
    previous_end = 0
    for start, end in spans:
        assert 0 <= previous_end <= start < end <= len(text)
        block = text[start:end]
        assert block == block.strip()
        previous_end = end


@settings(max_examples=300, deadline=None)
@given(messy_pages())
def test_spans_well_formed_on_messy_pages(text: str) -> None:
    _check_spans(text)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_spans_well_formed_on_any_text(text: str) -> None:
    _check_spans(text)
    for line in text.splitlines():
        _check_line_agrees(line)


def _check_line_agrees(line: str) -> None:
    """A one-line text is kept whole exactly when is_boilerplate says it is prose.

    The one exception is a contributor note ("Jane Roe is a reporter ..."),
    which only content_spans drops, being judged by its place at the foot.
    """
    spans = content_spans(line)
    if is_boilerplate(line):
        assert spans == []
    elif spans:
        assert [line[s:e] for s, e in spans] == [line.strip()]
    else:
        assert re.search(r"\b(?:is|was|has been|covers|writes|reports)\b", line), line


@pytest.mark.parametrize("line", [*BOILERPLATE_LINES, *PROSE_LINES, "", "  Key Takeaways  "])
def test_line_verdict_agrees_with_content_spans(line: str) -> None:
    _check_line_agrees(line)
