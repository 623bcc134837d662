"""Event scope: claims about two similar events are never linked (invented wire copy).

Two outlets tell one earthquake in the Harbourton valley; a third tells an
earthquake of the same size in Ostrel province, with the same words and a
different toll.  The first two link; neither links to the third, unless a
claim of it names the first event itself.
"""

from __future__ import annotations

from claimtrack.extraction.claims import extract
from claimtrack.link.linker import Linker
from claimtrack.link.scope import frame, same_event
from claimtrack.models import Article
from claimtrack.store.database import Store

VALLEY_WIRE = """\
Earthquake kills 24 in Harbourton valley

A magnitude 6.1 earthquake struck the Harbourton valley in Veldia on Tuesday, flattening \
houses in Dunmore and Carrick.

The Veldia disaster agency said at least 24 people were killed and more than 200 injured by \
the quake.
"""

VALLEY_POST = """\
Rescuers dig through rubble in Dunmore

Rescuers in Dunmore and Carrick searched collapsed homes on Wednesday after Tuesday's \
earthquake in the Harbourton valley.

The Veldia disaster agency said 26 people were killed and more than 200 injured by the quake.
"""

PROVINCE = """\
Quake hits Ostrel province

A magnitude 6.1 earthquake shook Ostrel province in Marrak on Friday, damaging roads near \
Sefton and Pell.

The Marrak emergency office said at least 12 people were killed and more than 200 injured by \
the quake.

Roads to the villages near Sefton were blocked by landslides, and the power was cut in Pell \
for most of the night, the provincial governor's office said in a written update.

Schools in the province will stay closed until engineers have checked every building, and \
families whose houses were damaged have been offered places in two sports halls.

The Marrak emergency office said the quake was weaker than the one that struck the Harbourton \
valley in Veldia, where 24 people were killed.
"""


def stored(store: Store, linker: Linker, name: str, text: str) -> int:
    result = store.add(extract(Article(text=text, outlet=name, path=f"{name}.txt")))
    assert result.article_id is not None
    linker.link_article(result.article_id)
    return result.article_id


def test_a_frame_holds_the_names_of_title_and_lead() -> None:
    found = frame("Quake hits Ostrel province", PROVINCE.split("\n", 1)[1])
    assert {"ostrel", "marrak", "sefton", "pell"} <= found
    assert "friday" not in found and "the" not in found and "a" not in found


def test_frames_sharing_two_names_can_be_one_event() -> None:
    valley = frame(None, VALLEY_WIRE)
    assert same_event(valley, frame(None, VALLEY_POST))
    assert not same_event(valley, frame(None, PROVINCE))
    assert same_event(valley, frozenset())  # nothing to go on: no veto


def test_claims_about_a_similar_event_are_not_linked(store: Store) -> None:
    linker = Linker(store)
    wire = stored(store, linker, "wire", VALLEY_WIRE)
    post = stored(store, linker, "post", VALLEY_POST)
    province = stored(store, linker, "province", PROVINCE)
    claims = {c.id: c for c in store.claims()}
    joined = []
    for link in linker.links():
        a, b = claims[link.claim_id], claims[link.other_id]
        joined.append(({a.article_id, b.article_id}, a.text + " | " + b.text))
    assert any(articles == {wire, post} for articles, _ in joined)
    across = [texts for articles, texts in joined if province in articles and len(articles) == 2]
    # Only the province's sentence that recalls the valley's quake may reach it.
    assert all("Harbourton" in texts for texts in across), across
