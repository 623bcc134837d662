"""Descriptions of speakers: which heads name an institution, which refer to someone
the article names ("the company", "his mother"), and the words that type them."""

from __future__ import annotations

import re

from claimtrack.extraction import lexicon, places
from claimtrack.extraction.attribution.words import TIME_WORDS
from claimtrack.extraction.entities import FUNCTION_WORDS, SPOKES

DESCRIPTION_SYNONYMS = {
    "agency": {"agency", "service", "bureau", "intelligence", "organization", "organisation"},
    "regulator": {"regulator", "board", "authority", "commission", "agency", "administration"},
    "watchdog": {"watchdog", "board", "authority", "commission", "agency", "regulator"},
    "service": {"agency", "service", "bureau"},
    "ministry": {"ministry", "department"},
    "department": {"ministry", "department"},
    "office": {"office", "presidency", "bureau"},
    "embassy": {"embassy", "mission"},
    "mission": {"mission", "embassy"},
    "government": {"government", "administration", "cabinet"},
    "administration": {"government", "administration"},
    "company": {"company", "firm", "corporation", "inc", "group"},
    "firm": {"company", "firm", "corporation", "inc", "group"},
    "military": {"military", "army", "forces", "command"},
    "army": {"military", "army", "forces"},
}
# Lower-case description words that name an organisation type.
TYPE_WORDS = {
    "spy": "intelligence",
    "intelligence": "intelligence",
    "foreign": "foreign",
    "defence": "defense",
    "defense": "defense",
    "health": "health",
    "presidential": "presidential",
    "president's": "presidential",
}


# A definite description: "the team", "his campaign", "that company".
DEFINITE = re.compile(r"(?:the|this|that|his|her|its|their)\s", re.IGNORECASE)
# Heads of a definite description that can only refer to a named organisation.
GENERICORG_HEADS = frozenset(
    """company firm organization organisation group team club business retailer maker
    manufacturer chain network site website paper newspaper outlet publication
    broadcaster""".split()
)
ORG_HEADS = GENERICORG_HEADS | frozenset(DESCRIPTION_SYNONYMS)
# Heads any organisation (or publication) may be called; 'the team' is not any company.
RESOLVABLE_ORG_HEADS = frozenset(
    """company firm organization organisation group network site website paper newspaper
    outlet publication broadcaster""".split()
)
MEDIA_HEADS = frozenset(
    "network site website paper newspaper outlet publication broadcaster".split()
)
# Singular heads that still name a group or a document, which speak as themselves.
_SELF_NAMING = frozenset(
    """police staff data report statement study survey poll document filing letter memo
    analysis complaint indictment lawsuit ruling verdict order release notice government
    administration media military""".split()
)


# Heads that say what an institution is, so that a lower-case description names it
# ("the health ministry", "the electoral commission"), unlike "the company".
INSTITUTIONS = frozenset(
    """ministry department agency authority commission council committee court tribunal
    parliament congress senate assembly embassy office board bureau service regulator
    watchdog cabinet presidency secretariat municipality mission command coastguard
    ombudsman inspectorate prosecution inquiry panel legislature""".split()
)
_POSSESSIVE_PRONOUNS = frozenset("his her their its the this that".split())


def singular_description(words: list[str]) -> bool:
    """A lower-case description with a singular head ('company', 'chief prosecutor')."""
    if words and words[0].lower() in _POSSESSIVE_PRONOUNS:
        words = words[1:]  # "His mother" opening a sentence
    words = [w for w in words if w.lower() not in PARTY_WORDS]  # "the Republican nominee"
    if not words or not all(w[:1].islower() or w[:1] in "’'" or w[:1].isdigit() for w in words):
        return False
    head = words[-1].lower()
    if head in lexicon.ANONYMOUS_HEADS or head in _SELF_NAMING or head in SPOKES:
        return False
    if head in INSTITUTIONS:
        return False  # "the electoral commission": an institution by what it is
    return not (head.endswith("s") and not head.endswith(("ss", "us", "is")))


def affiliated(text: str) -> bool:
    """'scientist X of …', 'X Y of the Agency', 'X Y of Easton University': a person's
    affiliation follows "of" (where 'Bank of England' and 'United States of
    America' are names)."""
    before, after = text.split(" of ", 1)
    if before[:1].islower():
        return True
    return after.startswith("the ") or any(w.lower() in lexicon.ORG_WORDS for w in after.split())


# Capitalised only because they start a sentence or clause: never part of a name.
LEADING_NON_NAMES = (
    lexicon.CLAUSE_STARTERS
    | FUNCTION_WORDS
    | frozenset(
        """yesterday today tomorrow tonight recently last next this it's there's here's
        then also still now even only""".split()
    )
)


# Last words that make a capitalised phrase a body rather than an office.
BODY_HEADS = frozenset(
    "state states republic union nation nations party front movement brotherhood".split()
)
# Words a title-case headline capitalises that never sit inside a name.
TITLE_CASE_STOPS = frozenset(
    """is are was were be been not no has have had do does did to in on at for with by
    from as the a an and or but if that this it its his her their our we you they he she
    says said say tells told""".split()
)


def not_a_name(word: str) -> bool:
    return word.lower().replace("’", "'") in LEADING_NON_NAMES


# Head nouns that describe people, one or many: "the ambassador to …", "doctors in …".
_TITLE_MODIFIERS = frozenset(
    """state foreign national security first finance health interior defence defense
    unification affairs former acting interim junior senior vice deputy associate
    assistant prime chief justice executive staff""".split()
)
_PEOPLE = frozenset(
    """doctors lawyers nurses teachers students workers soldiers villagers survivors
    relatives families members leaders supporters voters protesters demonstrators
    parents victims journalists reporters employees neighbours neighbors""".split()
)
PERSON_HEADS = (
    (lexicon.TITLE_WORDS - _TITLE_MODIFIERS)
    | {w + "s" for w in lexicon.TITLE_WORDS - _TITLE_MODIFIERS}
    | lexicon.ANONYMOUS_HEADS
    | _PEOPLE
)
_ADVERB = re.compile(r"[a-z]+(?:ally|ually|ously|ively|ently|antly|ately|fully|edly|ingly|tly)")
_DATELINE = re.compile(r"[A-Z]{2,}[A-Z.,]*-[A-Za-z]+")
_SEQUENCE = frozenset(
    """first second third fourth finally lastly meanwhile however additionally moreover
    furthermore full one two three four five some something someone upon previous public
    users proponents opponents""".split()
)
_CONTRACTION = re.compile(r".+['’](?:ve|re|ll|d|m)")
_PARTY_TAG = re.compile(r"[RDI]-[A-Z][A-Za-z.]*")


def no_one_named(word: str) -> bool:
    """A lone word that cannot be a person's name: an adverb ('Additionally'), a
    title alone ('General'), a dateline ('ALASKA-Shortly'), a number ('(52-3')."""
    low = word.lower().strip(".,")
    return (
        not word[:1].isalpha()
        or _ADVERB.fullmatch(low) is not None
        or _DATELINE.fullmatch(word) is not None
        or low in _SEQUENCE
        or low in LEADING_NON_NAMES
        or low in TIME_WORDS
        or _CONTRACTION.fullmatch(low) is not None
        or _PARTY_TAG.fullmatch(word) is not None
        or low in lexicon.TITLE_WORDS
        or not any(c.isalpha() for c in word)
    )


def country_in_description(words: list[str]) -> str | None:
    """The country a description's modifiers name ('the Russian embassy'), if any."""
    country = None
    for w in words[:-1]:
        found = places.country_of(w) or places.country_of(w.rstrip("’'s"))
        if found:
            country = found
    for k in range(len(words) - 1):
        found = places.country_of(" ".join(words[k : k + 2]))
        if found:
            country = found
    if country is None:
        country = next(
            (
                places.country_of(" ".join(words[i:j]))
                for i in range(len(words))
                for j in range(i + 1, len(words))
                if places.country_of(" ".join(words[i:j]))
            ),
            None,
        )
    return country


# Heads of a description that name one person, with the gender they tell.
PERSON_NOUNS = {
    "woman": "female",
    "girl": "female",
    "mother": "female",
    "daughter": "female",
    "wife": "female",
    "sister": "female",
    "grandmother": "female",
    "man": "male",
    "boy": "male",
    "father": "male",
    "son": "male",
    "husband": "male",
    "brother": "male",
    "grandfather": "male",
}
# Kin and people nouns describe people too: "the mother of Tom Lee" is not Tom Lee.
PERSON_HEADS = PERSON_HEADS | frozenset(PERSON_NOUNS)


# Heads of a named study or report ("… Nutrition Study", "the report").
STUDY_HEADS = frozenset("study report survey poll review inquiry census audit".split())
# Documents whose owner is their author.
AUTHORED = frozenset(
    """statement letter email e-mail tweet post memo message blog policy rules guidelines
    constitution charter""".split()
)


# Party adjectives, which describe rather than name ("the Republican nominee").
PARTY_WORDS = frozenset(
    """republican democratic democrat labour conservative liberal socialist green
    libertarian progressive""".split()
)


# "Officials in Kabul": a group placed by a name, which is not the speaker.
GROUP_IN_PLACE = re.compile(r"(\w+) ((?:in|from|at) ([A-Z][\w.\-]*(?: [A-Z][\w.\-]*)*))$")


def could_be_person(name: list[str]) -> bool:
    """Two or more name words, none a function word or an institution word."""
    return (
        len(name) >= 2
        and not any(w.lower() in FUNCTION_WORDS for w in name)
        and not any(w.lower().strip("’'s") in lexicon.ORG_WORDS for w in name)
    )


def mostly_common(name: list[str], common: frozenset[str]) -> bool:
    """'Iodine Deficiency Disorders' where the article writes 'iodine' and 'deficiency' in
    lower case; 'Mark Rutte' survives a 'would mark' elsewhere."""
    return 2 * sum(w.lower() in common for w in name) > len(name)


# A description of people and a place or body after it: "Doctors in Gaza".
_DESCRIBED_BY_PLACE = re.compile(
    r"^([A-Za-z][a-z’'\-]*(?:\s+[a-z][a-z’'\-]*){0,3})\s+(?:of|in|to|from|at)\s+(?:the\s+)?[A-Z]"
)


def people_described(text: str) -> list[str]:
    """The head words of 'Doctors in Gaza', 'the Israeli ambassador to the EU' or 'the
    mother of Tom Lee': people a phrase describes by a place, a body or a relative, who
    are not that place, body or relative; empty for anything else."""
    found = _DESCRIBED_BY_PLACE.match(text)
    head = found.group(1).split() if found is not None else []
    if not head or head[-1].lower() not in PERSON_HEADS:
        return []
    if not (len(head) > 1 or head[0][-1] == "s" or head[0].islower()):
        return []  # "Secretary of State John Kerry": a title and a name
    if head[-1].lower() in lexicon.TITLE_WORDS and _ends_in_name(text):
        return []  # "director of the Acme Group Ann Lee": the name speaks
    return head


def _ends_in_name(text: str) -> bool:
    """Whether the last two words could be a person's name, not a body or a place."""
    words = text.split()
    last = words[-2:]
    return (
        len(words) >= 4
        and all(w[:1].isupper() and w.isalpha() for w in last)
        and not any(w.lower() in lexicon.ORG_WORDS for w in last)
        and places.lookup(" ".join(last)) is None
        and places.lookup(last[-1]) is None
    )
