"""Quality gate: extraction scores may only go up (floors in benchmarks/baseline.json).

Like trafilatura's eval gate, but on attribution.  The scorer itself is unit
tested here too: a parser or matcher that silently scored nothing would let
every regression through the gate.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from claimtrack.models import Article, Claim, Extraction, Figure, QuoteKind, Stance
from tests.scripts import load_script

ROOT = Path(__file__).resolve().parent.parent
POLNEAR_DEV = Path(os.environ.get("CLAIMTRACK_POLNEAR", ROOT.parent / "shared/data/polnear/dev"))


quality = load_script("benchmarks/quality.py", "claimtrack_benchmarks_quality")
BASELINE: dict[str, dict[str, float]] = quality.load_baseline(ROOT / "benchmarks/baseline.json")


# --- the gate ------------------------------------------------------------------------


def test_gold_files_are_well_formed() -> None:
    paths = sorted((ROOT / "benchmarks/gold").glob("*.json"))
    assert len(paths) >= 20
    for path in paths:
        record = json.loads(path.read_text(encoding="utf-8"))
        assert quality.validate_gold(record) == [], path.name


def test_gold_quality_meets_baseline() -> None:
    report = quality.score_gold(quality.load_gold(ROOT / "benchmarks/gold"))
    assert report.gold >= 80
    problems = quality.below_floor(report.metrics(), BASELINE["gold"])
    assert not problems, "below baseline: " + "; ".join(problems)


def test_polnear_dev_quality_meets_baseline() -> None:
    if not POLNEAR_DEV.is_dir():
        if os.environ.get("CI"):  # under CI a gate fails, never skips, without its data
            pytest.fail(f"{POLNEAR_DEV} is missing: the PolNeAR gate cannot run")
        pytest.skip("PolNeAR dev not available")
    docs, _ = quality.load_polnear(POLNEAR_DEV)
    report = quality.score_polnear(docs)
    assert report.gold_speech > 0
    problems = quality.below_floor(report.metrics(), BASELINE["polnear_dev"])
    assert not problems, "below baseline: " + "; ".join(problems)


def test_baseline_names_only_known_metrics() -> None:
    gold_metrics = quality.GoldReport().metrics()
    polnear_metrics = quality.PolnearReport().metrics()
    assert quality.below_floor(gold_metrics, {k: 0.0 for k in BASELINE["gold"]}) == []
    assert quality.below_floor(polnear_metrics, {k: 0.0 for k in BASELINE["polnear_dev"]}) == []
    assert quality.below_floor({"f1": 0.4}, {"f1": 0.5, "recal": 0.0}) == [
        "f1: 0.400 < floor 0.500",
        "recal: no such metric",
    ]


# --- the .ann parser -----------------------------------------------------------------

DOC = (
    "Vote count delayed.\n\n"
    "Officials said the count would finish Friday, and Jane Roe warned of delays.\n"
    "He thinks it will be close. “It is tight,” Roe added, “very tight.”"
)


def _span(text: str, part: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return start, start + len(part)


def _ann() -> str:
    """A brat file with the awkward parts: discontinuous spans, Content2, a note,
    a surface split over two lines, a relation without source."""
    s = {
        k: _span(DOC, v)
        for k, v in {
            "src1": "Officials",
            "cue1": "said",
            "con1": "the count would finish Friday",
            "src2": "Jane Roe",
            "cue2": "warned",
            "con2": "of delays",
            "src3": "He",
            "cue3": "thinks",
            "con3": "it will be close",
            "cue4": "added",
            "con4a": "It is tight",
            "con4b": "very tight",
            "discard": "Vote count delayed.",
        }.items()
    }
    a, b = s["con4a"], s["con4b"]
    lines = [
        f"T1\tSource {s['src1'][0]} {s['src1'][1]}\tOfficials",
        f"T2\tCue {s['cue1'][0]} {s['cue1'][1]}\tsaid",
        f"T3\tContent {s['con1'][0]} {s['con1'][1]}\tthe count would finish Friday",
        f"T4\tAttribution {s['cue1'][0]} {s['cue1'][1]}\tsaid",
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
        f"T5\tSource {s['src2'][0]} {s['src2'][1]}\tJane Roe",
        f"T6\tCue {s['cue2'][0]} {s['cue2'][1]}\twarned",
        f"T7\tContent {s['con2'][0]} {s['con2'][1]}\tof",
        "delays",  # brat continues a surface with a newline on the next line
        "E2\tAttribution:T8 Cue:T6 Source:T5 Content:T7",
        "#1\tAnnotatorNotes T7\tcheck this one",
        f"T9\tSource {s['src3'][0]} {s['src3'][1]}\tHe",
        f"T10\tCue {s['cue3'][0]} {s['cue3'][1]}\tthinks",
        f"T11\tContent {s['con3'][0]} {s['con3'][1]}\tit will be close",
        "E3\tAttribution:T12 Source:T9 Cue:T10 Content:T11",
        f"T13\tCue {s['cue4'][0]} {s['cue4'][1]}\tadded",
        f"T14\tContent {a[0]} {a[1]};{b[0]} {b[1]}\tIt is tight very tight",
        f"T15\tContent {b[0]} {b[1]}\tvery tight",
        "E4\tAttribution-no-source:T16 Cue:T13 Content:T14 Content2:T15",
        "E5\tAttribution-no-source:T17",
        f"T18\tDiscard {s['discard'][0]} {s['discard'][1]}\tVote count delayed.",
    ]
    return "\n".join(lines) + "\n"


def test_parse_ann_reads_relations_by_offset() -> None:
    gold = quality.parse_ann(_ann(), DOC)
    assert [g.source_text for g in gold] == ["Officials", "Jane Roe", "He", ""]
    assert [g.cue_text for g in gold] == ["said", "warned", "thinks", "added"]
    assert gold[0].content_text == "the count would finish Friday"
    assert gold[1].content_text == "of delays"  # from the text, not the split surface
    # A discontinuous Content and a Content2 repeating one of its parts merge into one.
    assert gold[3].content == (_span(DOC, "It is tight"), _span(DOC, "very tight"))
    assert gold[3].content_text == "It is tight very tight"


def test_parse_ann_marks_the_speech_subset() -> None:
    gold = quality.parse_ann(_ann(), DOC)
    assert [g.speech for g in gold] == [True, True, False, True]


@pytest.mark.parametrize(
    ("cue", "speech"),
    [
        ("said", True),
        ("has said", True),
        ("Said", True),
        ("according to", True),
        ("According to", True),
        ("pointed out", True),
        ("told", True),
        ("admitted", True),
        ("testified", True),
        ("tweeted", True),
        ("“said”", True),
        ("thinks", False),
        ("backs", False),
        ("wants", False),
        ("is expected", False),
        ("in", False),
        ("", False),
    ],
)
def test_is_speech_cue(cue: str, speech: bool) -> None:
    assert quality.is_speech_cue(cue) is speech


def test_pronoun_sources() -> None:
    assert quality.is_pronoun("He")
    assert quality.is_pronoun("they")
    assert not quality.is_pronoun("his campaign")
    assert not quality.is_pronoun("Trump")


# --- the matcher ---------------------------------------------------------------------


def _claim(
    text: str,
    content: str,
    *,
    cue: str = "said",
    sentence: str | None = None,
    speaker: str | None = "Jane Roe",
    **extra: Any,
) -> Claim:
    sentence = sentence if sentence is not None else content
    start = text.index(sentence)
    return Claim(
        speaker=speaker,
        speaker_mention=speaker or "",
        cue=cue,
        text=content,
        sentence=sentence,
        start=start,
        end=start + len(sentence),
        **extra,
    )


def _gold(text: str, content: str, cue: str, source: str = "") -> Any:
    c = _span(text, content)
    cue_span = quality.find_near(text, cue, 0, c)
    src = (_span(text, source),) if source else ()
    return quality.GoldAttribution(
        content=(c,),
        cue=(cue_span,),
        source=src,
        content_text=content,
        cue_text=cue,
        source_text=source,
    )


TEXT = "Officials said the count would finish on Friday. Jane Roe said voters were patient."


def test_match_needs_half_the_smaller_span() -> None:
    index = quality.TokenIndex(TEXT)
    gold = [_gold(TEXT, "the count would finish on Friday", "said")]
    sentence = "Officials said the count would finish on Friday."
    # 3 of the 3 predicted words are inside the gold span.
    inside = quality.locate(_claim(TEXT, "would finish on", cue="", sentence=sentence))
    assert quality.match([inside], gold, index) == [(0, 0)]
    # 1 of 4 words shared: no match (and no cue to fall back on).
    far = quality.locate(_claim(TEXT, "Friday. Jane Roe said", cue="", sentence=TEXT))
    assert quality.match([far], gold, index) == []


def test_match_falls_back_on_the_cue() -> None:
    index = quality.TokenIndex(TEXT)
    gold = [_gold(TEXT, "voters were patient", "said")]
    sentence = "Jane Roe said voters were patient."
    # A claim whose content shares no word with the gold still matches when
    # its cue is the gold's cue (the "said" nearest its content).
    wrong = quality.locate(_claim(TEXT, "Jane Roe", sentence=sentence))
    assert wrong.cue == _span(TEXT, "said", 1)
    assert quality.match([wrong], gold, index) == [(0, 0)]
    # The same claim with the first "said" as its cue does not.
    other = quality.locate(
        _claim(TEXT, "Officials", sentence="Officials said the count would finish on Friday.")
    )
    assert quality.match([other], gold, index) == []


def test_match_is_one_to_one_and_greedy() -> None:
    index = quality.TokenIndex(TEXT)
    gold = [
        _gold(TEXT, "the count would finish on Friday", "said"),
        _gold(TEXT, "voters were patient", "said"),
    ]
    s1 = "Officials said the count would finish on Friday."
    exact = quality.locate(_claim(TEXT, "the count would finish on Friday", sentence=s1))
    partial = quality.locate(_claim(TEXT, "count would finish", sentence=s1, cue="reported"))
    second = quality.locate(
        _claim(TEXT, "voters were patient", sentence="Jane Roe said voters were patient.")
    )
    pairs = quality.match([partial, exact, second], gold, index)
    # Both claims overlap gold 0 fully; the one with the right cue too wins it.
    assert pairs == [(1, 0), (2, 1)]


def test_locate_falls_back_to_the_sentence() -> None:
    sentence = "Jane Roe said voters were patient."
    claim = _claim(TEXT, "voters, she said, were patient", sentence=sentence)
    located = quality.locate(claim)
    assert located.content == _span(TEXT, sentence)


@pytest.mark.parametrize(
    ("gold", "speaker", "mention", "ok"),
    [
        ("Republican nominee Donald Trump", "Donald Trump", "Trump", True),
        ("The New York Post", "New York Post", "The Post", True),
        ("Sen. Rand Paul (R-Ky.)", "Rand Paul", "Paul", True),
        ("a campaign spokesman", "spokesman", "a campaign spokesman", True),
        ("Clinton’s campaign", "Hillary Clinton", "Clinton's campaign", True),
        ("a source", "Hillary Clinton", "Clinton", False),
        ("Donald Trump", "Mike Pence", "he", False),
        ("Donald Trump", None, "", False),
    ],
)
def test_source_matches(gold: str, speaker: str | None, mention: str, ok: bool) -> None:
    assert quality.source_matches(gold, speaker, mention) is ok


# --- field comparisons and the gold scorer ----------------------------------------------


def test_field_comparisons() -> None:
    assert quality.names_equal("Jean-Luc Mélenchon", "jean luc melenchon")
    assert not quality.names_equal("Daniel Okafor", "Maria Okafor")
    assert quality.cue_equal("said", "has said")
    assert quality.cue_equal("According to", "according to")
    assert quality.cue_equal("was quoted by", "quoted by the agency as saying")
    assert not quality.cue_equal("said", "denied")
    assert not quality.cue_equal("told", "said")
    assert quality.figures_equal([(41.0, "countries")], [(41.0, "country")])
    assert quality.figures_equal([(61.0, "percent")], [(61.0, "%")])
    assert quality.figures_equal([(3000.0, "troops")], [(3000.0, "soldiers")])
    assert not quality.figures_equal([(3000.0, "troops")], [(300.0, "troops")])
    assert quality.via_equal(["Daily Meridian"], ["the Daily Meridian"])
    assert not quality.via_equal(["VTV"], [])


def _oracle(docs: list[Any], *, spoil: str | None = None) -> Any:
    """An extractor that returns the gold itself, optionally with one field spoiled."""
    by_text = {d.text: d for d in docs}

    def extract(article: Article) -> Extraction:
        claims = []
        for g in by_text[article.text].gold:
            start, end = g.content[0]
            claims.append(
                Claim(
                    speaker="Nobody" if spoil == "speaker" else g.speaker,
                    speaker_mention=g.mention or g.speaker or "",
                    cue=g.cue_text,
                    via=list(g.via),
                    text=g.content_text,
                    sentence=article.text[start:end],
                    start=start,
                    end=end,
                    quote=QuoteKind(g.quote),
                    stance=Stance.deny if spoil == "stance" else Stance(g.stance),
                    hedges=list(g.hedges),
                    figures=[
                        Figure(value=v, unit=u, text=str(v), start=start, end=start)
                        for v, u in g.figures
                    ],
                )
            )
        return Extraction(article=article, claims=claims)

    return extract


def test_score_gold_is_perfect_for_the_gold_itself() -> None:
    docs = quality.load_gold(ROOT / "benchmarks/gold")
    metrics = quality.score_gold(docs, _oracle(docs)).metrics()
    for name in (
        "precision",
        "recall",
        "speaker_accuracy",
        "stance_accuracy",
        "cue_accuracy",
        "quote_accuracy",
        "via_accuracy",
        "figure_accuracy",
        "hedge_accuracy",
        "boilerplate_clean",
    ):
        assert metrics[name] == pytest.approx(1.0), name
    assert metrics["boilerplate_false_positives"] == 0


def test_score_gold_notices_wrong_fields() -> None:
    docs = quality.load_gold(ROOT / "benchmarks/gold")
    spoiled = quality.score_gold(docs, _oracle(docs, spoil="speaker"))
    assert spoiled.metrics()["speaker_accuracy"] == 0.0
    assert spoiled.metrics()["f1"] == pytest.approx(1.0)
    assert spoiled.mismatches and "speaker" in spoiled.mismatches[0]


def test_score_gold_counts_boilerplate_claims() -> None:
    record = {
        "text": "Mayor Ann Lee said roads would reopen.\n\nDonate to the Gazette today.",
        "attributions": [
            {
                "speaker": "Ann Lee",
                "mention": "Mayor Ann Lee",
                "cue": "said",
                "content": "roads would reopen",
                "stance": "assert",
                "via": [],
                "figures": [],
                "quote": "indirect",
            }
        ],
        "boilerplate": ["Donate to the Gazette today."],
    }
    doc = quality.gold_from_record("t", record)
    text = record["text"]
    assert isinstance(text, str)

    def extract(article: Article) -> Extraction:
        claim = _claim(text, "Donate to the Gazette today", speaker=None, cue="")
        return Extraction(article=article, claims=[claim])

    report = quality.score_gold([doc], extract)
    assert report.boilerplate_false_positives == 1
    assert report.metrics()["boilerplate_clean"] == 0.0
    assert report.metrics()["precision"] == 0.0
    assert report.metrics()["recall"] == 0.0


def test_validate_gold_reports_problems() -> None:
    record = {
        "text": "Ann Lee said roads would reopen.",
        "attributions": [
            {"speaker": "Ann Lee", "cue": "told", "content": "roads will reopen", "stance": "yes"}
        ],
    }
    errors = quality.validate_gold(record)
    assert any("content found 0 times" in e for e in errors)
    assert any("cue 'told' not in text" in e for e in errors)
    assert any("stance" in e for e in errors)
    assert any("quote" in e for e in errors)


def test_mention_forms_are_told_apart() -> None:
    assert quality.mention_form("he") == "pronoun"
    assert quality.mention_form("The ministry") == "description"
    assert quality.mention_form("senior officials") == "description"
    assert quality.mention_form("Halden") == "one name"
    assert quality.mention_form("NIS") == "one name"
    assert quality.mention_form("Port director Ivo Halden") == "name"


def test_a_missed_denial_counts_against_deny_recall() -> None:
    report = quality.GoldReport(gold_denials=4, denials_found=3)
    assert report.metrics()["deny_recall"] == 0.75
