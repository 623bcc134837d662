"""Cross-article speaker rules (speakers/): spellings and descriptions meet, namesakes do not."""

from __future__ import annotations

from itertools import combinations

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from claimtrack.models import Speaker, SpeakerKind
from claimtrack.speakers.blocking import index_keys, search_keys
from claimtrack.speakers.names import name_key
from claimtrack.speakers.organisations import infer_country, org_signature, org_type
from claimtrack.speakers.records import SAME_NAME, RecordMatch, SpeakerRecord
from claimtrack.speakers.resolve import _unambiguous_persons, choose, match_record
from claimtrack.speakers.spelling import acronym_of, initials, name_rank

GOV = SpeakerKind.government
ORG = SpeakerKind.organization


def person(name: str) -> Speaker:
    return Speaker(name=name, kind=SpeakerKind.person)


def body(
    name: str,
    kind: SpeakerKind = GOV,
    country: str | None = None,
    acronym: str | None = None,
) -> Speaker:
    return Speaker(name=name, kind=kind, country=country, acronym=acronym)


def record(speaker: Speaker, record_id: int = 1) -> SpeakerRecord:
    return SpeakerRecord.of(speaker, record_id)


def joins(new: Speaker, stored: SpeakerRecord) -> str | None:
    """Why the store would file ``new`` under ``stored`` were it the only candidate, or None."""
    found = choose(new, [stored])
    return None if found is None else found.reason


def both_ways(a: Speaker, b: Speaker) -> tuple[str | None, str | None]:
    return joins(a, record(b)), joins(b, record(a))


# --- persons -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Volodymyr Zelenskiy", "Volodymyr Zelenskyy"),
        ("Volodymyr Zelensky", "Volodymyr Zelenskyy"),
        ("Andriy Kovalskiy", "Andriy Kovalskyy"),
        ("Sergei Lavrov", "Sergey Lavrov"),
        ("Reince Priebus", "Rence Priebus"),
    ],
)
def test_transliteration_variants_are_one_person(a: str, b: str) -> None:
    first, second = both_ways(person(a), person(b))
    assert first is not None and first.startswith("spelling variant (rapidfuzz ")
    assert second == first


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Yoon Suk-yeol", "Yoon Suk Yeol"),
        ("Kim Jong-un", "Kim Jong Un"),
        ("Park Ji-hoon", "Park Jihoon"),
    ],
)
def test_hyphenation_and_spacing_do_not_matter(a: str, b: str) -> None:
    assert all(both_ways(person(a), person(b)))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("John Smith", "Joan Smith"),
        ("Paul Smith", "Paula Smith"),
        ("Daniel Smith", "Danielle Smith"),
        ("Maria Rossi", "Mario Rossi"),
        ("Ivana Trump", "Ivanka Trump"),
        ("Kim Jong-un", "Kim Jong-il"),
        ("George Bush", "George W. Bush"),
        ("Jean-Pierre Dupont", "Pierre Dupont"),
        ("Park Min-jun", "Park Ji-hoon"),
    ],
)
def test_namesakes_sharing_a_surname_stay_apart(a: str, b: str) -> None:
    assert both_ways(person(a), person(b)) == (None, None)


def test_four_kims_are_four_people() -> None:
    kims = ["Kim Hong-kyun", "Kim You-geun", "Kim Yo-jong", "Kim Jong-un"]
    for a, b in combinations(kims, 2):
        assert both_ways(person(a), person(b)) == (None, None), (a, b)


def test_lone_name_is_short_for_the_one_full_name_it_fits() -> None:
    full = record(person("Volodymyr Zelenskyy"), 7)
    assert joins(person("Zelenskiy"), full) == "short form of Volodymyr Zelenskyy"
    found = choose(person("Zelensky"), [full, record(person("Yoon Suk-yeol"), 8)])
    assert found is not None and found.record.id == 7


def test_lone_name_shared_by_namesakes_joins_none() -> None:
    kims = [record(person(n), i) for i, n in enumerate(["Kim Hong-kyun", "Kim Yo-jong"], 1)]
    assert choose(person("Kim"), kims) is None
    found = choose(person("Kim"), kims[:1])
    assert found is not None and found.record.id == 1


def test_lone_first_name_must_be_spelt_exactly() -> None:
    assert joins(person("Goff"), record(person("Geoff Garin"))) is None
    assert joins(person("More"), record(person("Stephen Moore"))) is None


def test_lone_record_is_not_given_to_one_namesake_of_several() -> None:
    lone = record(person("Park"), 1)
    other = record(person("Park Min-jun"), 2)
    assert choose(person("Park Ji-hoon"), [lone, other]) is None
    found = choose(person("Park Ji-hoon"), [lone])
    assert found is not None and found.record.id == 1


def test_exact_name_wins_over_everything() -> None:
    pool = [record(person("Andriy Kovalskyy"), 1), record(person("Andriy Kovalskiy"), 2)]
    found = choose(person("Andriy Kovalskiy"), pool)
    assert found is not None and (found.record.id, found.reason) == (2, "same name")


# --- organisations --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("South Korea's spy agency", "intelligence"),
        ("the intelligence agency", "intelligence"),
        ("National Intelligence Service", "intelligence"),
        ("Ukraine's military intelligence agency", "military intelligence"),
        ("the presidential office", "presidency"),
        ("the president's office", "presidency"),
        ("Ministry of Foreign Affairs", "foreign ministry"),
        ("the foreign ministry", "foreign ministry"),
        ("Ministry of Defense", "defence ministry"),
        ("defence ministry", "defence ministry"),
        ("the Unification Ministry", "unification ministry"),
        ("mission to the United Nations in New York", "UN mission"),
        ("the embassy in Seoul", "embassy"),
        ("North Korean military", "military"),
        ("the army", "military"),
        ("state media", "state media"),
        ("the state news agency", "state media"),
        ("government", None),
        ("senior officials", None),
        ("the office", None),
        ("central bank head", None),
        ("defence ministry spokesman", None),
    ],
)
def test_organisation_types_are_specific(name: str, expected: str | None) -> None:
    assert org_type(name) == expected


def test_descriptions_and_the_proper_name_of_one_agency_meet() -> None:
    spy = body("South Korea's spy agency", country="South Korea")
    intel = body("South Korea's intelligence agency")
    nis = body("National Intelligence Service", ORG, country="South Korea", acronym="NIS")
    assert org_signature(spy.name, spy.country) == ("South Korea", "intelligence")
    assert org_signature(intel.name, None) == ("South Korea", "intelligence")
    for a, b in combinations([spy, intel, nis], 2):
        assert both_ways(a, b) == ("same organisation: South Korea intelligence",) * 2


def test_presidential_office_is_not_the_spy_agency() -> None:
    office = body("South Korea's presidential office", country="South Korea")
    spy = body("South Korea's spy agency", country="South Korea")
    assert both_ways(office, spy) == (None, None)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Russia's foreign ministry", "Ukraine's foreign ministry"),
        ("North Korean government", "South Korean government"),
        ("South Korean government", "South Korea's presidential office"),
        ("South Korea", "South Korean government"),
        ("Finance Ministry", "Interior Ministry"),
        ("Ukraine's military intelligence agency", "South Korea's spy agency"),
        ("campaign aide", "campaign aides"),
    ],
)
def test_a_shared_country_or_word_is_not_enough(a: str, b: str) -> None:
    assert both_ways(body(a), body(b)) == (None, None)


def test_acronym_meets_its_expansion() -> None:
    nis = body("National Intelligence Service", ORG)
    assert both_ways(body("NIS", ORG), nis) == ("acronym NIS",) * 2
    assert joins(body("the N.I.S.", ORG), record(nis)) == "acronym NIS"
    defined = SpeakerRecord(1, "United Nations", ORG, acronym="UN", keys={"united nations"})
    assert joins(body("U.N.", ORG), defined) == "acronym UN"


def test_two_letter_initials_alone_do_not_match() -> None:
    assert joins(body("N.C.", ORG), record(body("News Corporation", ORG))) is None


def test_acronyms_of_two_countries_do_not_match() -> None:
    ours = body("National Intelligence Service", ORG, country="South Korea", acronym="NIS")
    theirs = body("NIS", ORG, country="Norway")
    assert joins(theirs, record(ours)) is None


def test_organisation_spelling_variants() -> None:
    assert joins(body("Ministry of Defence"), record(body("Ministry of Defense")))


def test_known_alias_of_another_country_is_refused() -> None:
    stored = record(body("Russia's foreign ministry", country="Russia"))
    stored.keys.add(name_key("the foreign ministry"))
    assert joins(body("the foreign ministry", country="Russia"), stored) == "known alias"
    assert joins(body("the foreign ministry", country="Ukraine"), stored) is None


def test_proper_name_outranks_acronym_and_description() -> None:
    ranks = [
        name_rank(n, ORG)
        for n in ("National Intelligence Service", "NIS", "South Korea's spy agency")
    ]
    assert ranks == sorted(ranks, reverse=True) and len(set(ranks)) == 3
    assert name_rank("Volodymyr Zelenskiy", SpeakerKind.person) > name_rank(
        "Zelenskiy", SpeakerKind.person
    )


def test_initials_leave_out_function_words_and_owners() -> None:
    assert initials("Ministry of Foreign Affairs") == "mfa"
    assert initials("Chile's National Intelligence Agency (ANI)") == "nia"
    assert initials("South Korea's spy agency") is None
    assert acronym_of("U.N.") == "un"
    assert acronym_of("Nations") is None


def test_country_of_the_country_s_agency_comes_from_the_article() -> None:
    text = (
        "Chile raised its alert level for embassies in Peru and Bolivia on Monday. "
        "The decision came after the country's National Intelligence Agency (ANI) "
        "warned of threats. Chile's navy was also put on alert; Chile said more would follow."
    )
    agency = Speaker(
        name="National Intelligence Agency",
        kind=ORG,
        acronym="ANI",
        aliases=["the country's National Intelligence Agency (ANI)"],
    )
    assert infer_country(agency, text) == "Chile"
    assert infer_country(agency.model_copy(update={"aliases": []}), text) is None
    tied = "Chile and Peru raised their alert levels. " + text.split(". ", 1)[1]
    assert infer_country(agency, tied.replace("Chile's navy", "Peru's navy")) is None


def test_blocking_keys_find_variants_without_a_scan() -> None:
    def found(new: Speaker, name: str, kind: SpeakerKind, country: str | None = None) -> bool:
        acronym = new.acronym if kind is not SpeakerKind.person else None
        return bool(search_keys(new) & index_keys(name, kind, country, acronym))

    person_kind = SpeakerKind.person
    assert found(person("Volodymyr Zelenskyy"), "Volodymyr Zelenskiy", person_kind)
    assert found(person("Zelensky"), "Volodymyr Zelenskiy", person_kind)
    assert found(person("Yoon Suk Yeol"), "Yoon Suk-yeol", person_kind)
    spy = body("South Korea's intelligence agency", country="South Korea")
    assert found(spy, "National Intelligence Service", ORG, "South Korea")
    assert found(body("NIS", ORG), "National Intelligence Service", ORG)


# --- properties ---------------------------------------------------------------------

_WORD = st.from_regex(r"[A-Z][a-z]{1,7}(-[a-z]{2,5})?", fullmatch=True)
_NAMES = st.lists(_WORD, min_size=1, max_size=3).map(" ".join)
_ORG_NAMES = st.one_of(
    _NAMES,
    st.tuples(
        _NAMES, st.sampled_from(["spy agency", "foreign ministry", "presidential office"])
    ).map(lambda t: f"{t[0]}'s {t[1]}"),
    st.sampled_from(["NIS", "UN", "National Intelligence Service", "Ministry of Defence"]),
)
_ORG_KINDS = st.sampled_from([SpeakerKind.organization, SpeakerKind.government, SpeakerKind.media])


@given(_NAMES, _NAMES)
def test_joining_is_symmetric_for_persons(a: str, b: str) -> None:
    first, second = both_ways(person(a), person(b))
    assert (first is None) == (second is None)


@given(_NAMES, _ORG_NAMES, _ORG_KINDS)
def test_a_person_never_matches_an_organisation(a: str, b: str, kind: SpeakerKind) -> None:
    assume(name_key(a) != name_key(b))
    assert both_ways(person(a), body(b, kind)) == (None, None)


@given(
    st.sampled_from(["Kim", "Park", "Lee"]), st.lists(_WORD, min_size=2, max_size=4, unique=True)
)
def test_lone_surname_of_several_people_joins_none(surname: str, given_names: list[str]) -> None:
    pool = [record(person(f"{surname} {g}"), i) for i, g in enumerate(given_names, 1)]
    assume(len({name_key(r.name) for r in pool}) == len(pool))
    assume(not any(joins(person(a.name), b) for a, b in combinations(pool, 2)))
    assert choose(person(surname), pool) is None


_POOL_WORDS = st.sampled_from(["Kim", "Park", "Ivanova", "Ivanov", "Min-jun"])
_POOL_NAMES = st.lists(_POOL_WORDS, min_size=1, max_size=3).map(" ".join)


def _choose_plainly(new: Speaker, records: list[SpeakerRecord]) -> RecordMatch | None:
    """`choose` as its docstring says it, with every record matched: the oracle."""
    matches = [m for r in records if (m := match_record(new, r)) is not None]
    if not matches:
        return None
    exact = [m for m in matches if m.strength == SAME_NAME]
    if exact:
        return exact[0]
    if new.kind is SpeakerKind.person:
        matches = _unambiguous_persons(new, matches, records)
        if not matches:
            return None
    return max(matches, key=lambda m: (m.strength, m.score, -m.record.id))


@given(
    _POOL_NAMES,
    st.lists(
        st.tuples(_POOL_NAMES, st.sampled_from([SpeakerKind.person, SpeakerKind.unknown])),
        max_size=12,
    ),
)
@example(
    "Kim",
    [
        ("Kim Min-jun", SpeakerKind.person),
        ("Kim", SpeakerKind.person),
        ("Park Kim", SpeakerKind.person),
    ],
)
def test_choose_stops_early_but_decides_as_if_it_saw_every_record(
    name: str, pool: list[tuple[str, SpeakerKind]]
) -> None:
    # choose() stops at a second full name a lone name fits; the answer must be
    # the one matching every record gives.
    records = [SpeakerRecord.of(Speaker(name=n, kind=k), i) for i, (n, k) in enumerate(pool, 1)]
    new = person(name)
    assert choose(new, records) == _choose_plainly(new, records)
