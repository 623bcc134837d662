"""The article's own voice (issue 20, item 7): figures stated in narration are claims of the
outlet, marked attributed: false, shown by `figures` and `match`, linked only to the same
figure (a suggestion, never confirmed alone) and never disputed."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from claimtrack.cli.main import app
from claimtrack.extraction.claims import extract
from claimtrack.link.linker import Linker
from claimtrack.models import Article, Relation, SpeakerKind
from claimtrack.query.figures import figures
from claimtrack.query.match import match
from claimtrack.store.database import Store

WIRE = (
    "Flood in Harbourton\n\n"
    "At least 42 people were killed when the river burst its banks in Harbourton on Monday.\n\n"
    "The regional governor said rescue teams were still searching the valley.\n\n"
    "Was the dam to blame?\n\n"
    '"We lost 30 homes in one night," a resident said.\n'
)


def test_a_narrated_figure_is_a_claim_of_the_outlet() -> None:
    found = extract(Article(text=WIRE, outlet="Valley Wire", path="wire.txt")).claims
    own = [c for c in found if not c.attributed]
    assert [(c.speaker, c.speaker_kind, c.cue, c.speaker_mention) for c in own] == [
        ("Valley Wire", SpeakerKind.media, "", "")
    ]
    assert own[0].text.startswith("At least 42 people were killed")
    assert [(f.value, f.unit, f.outcome) for f in own[0].figures] == [(42, "people", "killed")]
    assert WIRE[own[0].start : own[0].end] == own[0].sentence  # provenance as for any claim
    # The governor's statement is attributed; the question and the quotation are no
    # statements of the outlet's.
    assert [c.speaker_mention for c in found if c.attributed] == [
        "The regional governor",
        "a resident",
    ]
    assert not any("dam" in c.text or "30 homes" in c.text for c in own)


def test_the_outlet_is_the_urls_host_when_front_matter_names_none() -> None:
    article = Article(text=WIRE, url="https://www.valleywire.example/news/flood", path="w.txt")
    (own,) = [c for c in extract(article).claims if not c.attributed]
    assert own.speaker == "valleywire.example"


def test_with_no_outlet_the_article_itself_speaks_and_nothing_is_linked(store: Store) -> None:
    linker = Linker(store)
    for name, text, outlet in [
        ("a", WIRE, None),
        ("b", WIRE.replace("At least 42", "At least 57"), "Harbour Post"),
    ]:
        stored = store.add(extract(Article(text=text, outlet=outlet, path=f"{name}.txt")))
        assert stored.article_id is not None
        linker.link_article(stored.article_id)
    own = store.claims(attributed=False)
    assert [c.speaker for c in own] == ["article 1", "Harbour Post"]
    assert all(c.attributed for c in store.claims(attributed=True))
    linked = {i for link in linker.links() for i in (link.claim_id, link.other_id)}
    assert not linked & {c.id for c in own}  # two figures: no link, and no dispute
    groups = figures(linker, "people killed")
    assert [(g.label, g.outlets) for g in groups] == [
        ("approximately 42", []),
        ("approximately 57", ["Harbour Post"]),
    ]
    found = match(linker, "42 people were killed in Harbourton when the river burst")
    assert any(m.claim.id == own[0].id and m.relation is Relation.corroborates for m in found)


def test_each_article_without_an_outlet_speaks_for_itself_alone(store: Store) -> None:
    """'article 10' and 'article 100' are two articles: their names are close, never one."""
    for number in range(1, 102):
        text = WIRE.replace("At least 42", f"At least {40 + number}").replace(
            "Harbourton", f"Harbourton {number}"
        )
        store.add(extract(Article(text=text, path=f"{number}.txt")))
    own = store.claims(attributed=False)
    assert len({c.speaker for c in own}) == len({c.speaker_id for c in own}) == 101


def test_claims_listing_filters_the_own_voice(tmp_path: Path) -> None:
    path = tmp_path / "wire.md"
    path.write_text("---\noutlet: Valley Wire\n---\n" + WIRE, encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'ct.db'}"
    runner = CliRunner()
    assert runner.invoke(app, ["--db", db, "ingest", str(path)]).exit_code == 0
    own = runner.invoke(app, ["--db", db, "claims", "--own-voice", "--format", "json"])
    said = runner.invoke(app, ["--db", db, "claims", "--attributed", "--format", "json"])
    assert own.exit_code == said.exit_code == 0
    assert [(c["speaker"], c["attributed"]) for c in json.loads(own.stdout)] == [
        ("Valley Wire", False)
    ]
    assert all(c["attributed"] for c in json.loads(said.stdout))


def test_an_apostrophe_or_a_quoted_term_keeps_a_sentence_narration() -> None:
    text = (
        "Climber dies on ridge\n\n"
        "The day after Rait’s death, a 31-year-old climber fell 150 meters from the ridge.\n\n"
        'The monitors sent eight experts to draw up an "internal report" on the vote.\n\n'
        'Officials said "we sent 40 experts and they all came home safely" on Monday.\n'
    )
    own = [c for c in extract(Article(text=text, path="a.txt")).claims if not c.attributed]
    assert [[(f.value, f.unit) for f in c.figures] for c in own] == [
        [(31, "age"), (150, "m")],
        [(8, "expert")],
    ]


def test_a_number_between_commas_after_a_name_is_an_age() -> None:
    from claimtrack.extraction.numbers import find_figures

    text = "Robert Vale, 32, died while climbing; the toll, 12, was revised."
    assert [(f.value, f.unit) for f in find_figures(text)] == [(32, "age"), (12, None)]


def test_the_same_narrated_figure_is_a_suggested_link_never_a_dispute(store: Store) -> None:
    from claimtrack.models import LinkStatus
    from claimtrack.query.disputes import disputes

    linker = Linker(store)
    for name, text, outlet in [
        ("a", WIRE, "Valley Wire"),
        ("b", WIRE.replace("Flood in Harbourton", "Harbourton flood"), "Harbour Post"),
        ("c", WIRE.replace("At least 42", "At least 57"), "River Times"),
    ]:
        stored = store.add(extract(Article(text=text, outlet=outlet, path=f"{name}.txt")))
        assert stored.article_id is not None
        linker.link_article(stored.article_id)
    own = {c.id: c for c in store.claims(attributed=False)}
    narrated = [k for k in linker.links() if k.claim_id in own or k.other_id in own]
    # Two outlets narrating 42 deaths: one link, a suggestion for a person.
    assert [(k.relation, k.status) for k in narrated] == [
        (Relation.corroborates, LinkStatus.suggested)
    ]
    assert {own[k].outlet for link in narrated for k in (link.claim_id, link.other_id)} == {
        "Valley Wire",
        "Harbour Post",
    }
    # 57 against 42 in narration is no dispute: the own voice is never disputed.
    assert not {i for d in disputes(linker) for p in d.positions for i in p.claim_ids} & set(own)
