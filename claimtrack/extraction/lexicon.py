"""Word lists the rule-based extractor is built on.

Configuration is data: every list is general English newswire vocabulary
(reporting verbs from the attribution literature and style guides, titles
and institution words from wire-service usage), never words of one story.
"""

from __future__ import annotations

# --- Reporting verbs -------------------------------------------------------
# Verbs of saying, denying and characterising used as attribution cues in
# newswire (after Krestel et al. 2008 and the PolNeAR speech-act cues).
# Irregular inflections are listed; regular ones are generated below.
_REPORTING_VERBS = """
say tell state announce confirm warn deny dismiss report add note claim argue
insist explain write tweet post declare acknowledge admit suggest reply respond
urge demand accuse allege assert contend describe characterize characterise
indicate condemn criticize criticise reject refute promise vow predict testify
recall complain estimate reveal disclose emphasize emphasise stress concede
mention inform signal caution threaten pledge repeat reiterate conclude observe
comment assure dispute rebuff denounce slam blast praise hail highlight
underscore cite boast quip retort counter maintain recount agree disagree
announce brief assess label brand call question continue charge remark lament
remind advise joke affirm
"""

_IRREGULAR = {
    "say": ("says", "said", "saying"),
    "tell": ("tells", "told", "telling"),
    "write": ("writes", "wrote", "writing"),
    "speak": ("speaks", "spoke", "speaking"),
}

# Verbs that reject the proposition they report (stance = deny).
DENIAL_VERBS = frozenset("deny dismiss reject refute dispute rebuff repudiate".split())

# Verbs that characterise their object ("X dismissed the claims as rumours").
CHARACTERISING_VERBS = frozenset(
    "dismiss describe characterize characterise call label brand criticize criticise "
    "denounce condemn slam blast".split()
)

# Cues only accepted with an explicit clausal complement or a trailing
# attribution, because they are common outside reporting ("added troops").
WEAK_CUES = frozenset(
    """add post call cite question state label brand maintain counter agree continue
    disagree brief assess signal repeat praise hail highlight
    underscore inform respond reply comment mention charge""".split()
)


def _inflect(verb: str) -> tuple[str, str, str]:
    """Regular English inflection: third person, past, gerund."""
    if verb in _IRREGULAR:
        return _IRREGULAR[verb]
    if verb.endswith("e"):
        return verb + "s", verb + "d", verb[:-1] + "ing"
    if verb.endswith("y") and verb[-2] not in "aeiou":
        return verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"
    if verb.endswith(("s", "sh", "ch", "x", "z")):
        return verb + "es", verb + "ed", verb + "ing"
    if verb in {"admit", "quip", "refer", "regret"}:
        return verb + "s", verb + verb[-1] + "ed", verb + verb[-1] + "ing"
    return verb + "s", verb + "ed", verb + "ing"


def _forms() -> dict[str, tuple[str, str]]:
    table: dict[str, tuple[str, str]] = {}
    for lemma in _REPORTING_VERBS.split():
        third, past, gerund = _inflect(lemma)
        table[lemma] = (lemma, "base")
        table[third] = (lemma, "third")
        table[past] = (lemma, "past")
        table[gerund] = (lemma, "gerund")
    # British spellings of the past tense are covered by the -ise lemmas.
    return table


# surface form -> (lemma, form)
CUE_FORMS: dict[str, tuple[str, str]] = _forms()

# Nouns that report a statement when its owner precedes them and its content
# follows ("Trump's claim that …", "the ministry's denial that …"); the value is
# the lemma used for stance.
NOMINAL_CUES = {
    "claim": "claim",
    "claims": "claim",
    "assertion": "assert",
    "assertions": "assert",
    "allegation": "allege",
    "allegations": "allege",
    "argument": "argue",
    "insistence": "insist",
    "contention": "contend",
    "denial": "deny",
    "denials": "deny",
    "warning": "warn",
    "warnings": "warn",
    "promise": "promise",
    "pledge": "pledge",
    "suggestion": "suggest",
    "statement": "state",
    "admission": "admit",
    "prediction": "predict",
}

# Multi-word cues matched as phrases; the value is the lemma used for stance.
PHRASE_CUES = {
    "according to": "according to",
    "issued a warning": "warn",
    "issued a statement": "state",
    "issued the following statement": "state",
    "issued a brief statement": "state",
    "issued a written statement": "state",
    "released a statement": "state",
    "released the following statement": "state",
    "put out a statement": "state",
    "expressed concern": "express concern",
    "raised concern": "express concern",
    "raised concerns": "express concern",
    "voiced concern": "express concern",
    "made clear": "state",
    "pointed out": "note",
    "went on to say": "say",
    "called for": "urge",
    "called on": "urge",
}

# Words before a base-form verb that make it not a report ("declined to say").
NON_FINITE_BEFORE = frozenset(
    "to not n't will would could may might should must can cannot did does do never "
    "shall let please".split()
)

# Auxiliaries and adverbs that may stand between a source and its cue.
SKIPPABLE_BEFORE_CUE = frozenset(
    """has had have also earlier later previously again then further publicly
    repeatedly separately subsequently already initially once recently reportedly
    allegedly officially formally privately openly flatly strongly firmly
    categorically explicitly clearly bluntly simply since last this week month year
    today yesterday tonight morning afternoon evening night monday tuesday wednesday
    thursday friday saturday sunday on late early has've hasn't long often always
    frequently consistently""".split()
)

# --- Speakers ----------------------------------------------------------------
# Titles and roles that precede a personal name in wire copy; they are
# stripped from the canonical name and kept as the speaker's title.
TITLE_WORDS = frozenset(
    """president vice prime minister deputy secretary general secretary-general
    chancellor premier king queen prince princess sheikh emir ambassador envoy
    senator sen rep representative congressman congresswoman governor gov mayor
    judge justice chief director head chairman chairwoman chair ceo cfo coo founder
    spokesman spokeswoman spokesperson adviser advisor commander admiral general gen
    colonel col lieutenant lt major maj captain capt sergeant sgt officer minister
    foreign defence defense interior finance health affairs state national security
    unification leader speaker lawmaker mp professor prof dr doctor mr mrs ms miss
    sir dame lord lady rev reverend pope bishop cardinal inspector superintendent
    commissioner attorney prosecutor counsel economist analyst editor correspondent
    reporter columnist executive officer senior junior former acting interim
    assistant associate marshal mister madam first foreign-minister chief-of-staff
    staff leader coach manager captain skipper chef pastor rabbi imam sheriff
    detective dean principal headteacher nurse farmer owner trooper deputy-director
    chief-executive spokesperson-general candidate challenger incumbent nominee
    councillor councilman councilwoman supervisor chairman ombudsman negotiator
    supt insp det cpl pte cllr dci sgt-major constable pc cmdr adm
    """.split()
)

# Titles that tell a person's gender (used for pronoun resolution only).
FEMALE_TITLES = frozenset(
    "ms mrs miss madam dame lady queen princess spokeswoman chairwoman congresswoman".split()
)
MALE_TITLES = frozenset("mr sir lord king prince spokesman chairman congressman".split())

# Head nouns of organisations, as they appear capitalised in names.
ORG_WORDS = frozenset(
    """ministry department agency service office council committee commission
    embassy consulate mission government administration parliament congress senate
    assembly court tribunal bank fund party union association federation institute
    institution university college school hospital company corporation corp inc ltd
    llc group foundation organization organisation authority board bureau center
    centre command army navy force forces police military military's cabinet
    kremlin pentagon secretariat alliance coalition network broadcaster newspaper
    times post news press agency channel radio television tv journal herald
    tribune guardian telegraph reuters observatory program programme initiative
    campaign movement front watch nato
    """.split()
)

# Organisation heads that make a speaker a government body.
GOVERNMENT_WORDS = frozenset(
    """ministry government administration parliament congress senate assembly
    embassy consulate mission cabinet kremlin pentagon presidency president's
    presidential office military army navy police command council
    """.split()
)

# Words marking news organisations (kind = media).
MEDIA_WORDS = frozenset(
    """times post news press journal herald tribune guardian telegraph reuters
    broadcaster newspaper channel radio television tv media outlet daily gazette
    wire bloomberg yonhap xinhua tass kcna afp ap bbc cnn nbc cbs abc npr
    """.split()
)

# Lower-case nouns that can head a speaker phrase ("officials", "the ministry").
SPEAKER_HEADS = frozenset(
    """official officials spokesman spokeswoman spokesperson spokespeople minister
    ministers ministry agency office government administration police military army
    embassy mission analyst analysts expert experts observer observers source sources
    diplomat diplomats lawmaker lawmakers legislator legislators leader leaders
    president secretary adviser advisers advisor advisors director chief head
    commander prosecutor prosecutors investigator investigators researcher researchers
    scientist scientists doctor doctors resident residents witness witnesses people
    critic critics supporter supporters opponent opponents aide aides staff team
    board council committee department service authorities authority regulator
    regulators company firm statement report media newspaper court judge lawyer
    lawyers attorney attorneys campaign party officer officers spokespersons
    executive executives economist economists activist activists group groups
    organisers organizers union unions democrats republicans voters poll survey
    study data figures website letter document documents memo filing complaint
    lawsuit ruling indictment intelligence service council bureau commission
    representative representatives envoy ambassador governor mayor senator
    candidate candidates party's official's agency's commanders commander fighters
    troops soldiers rebels militants protesters demonstrators students teachers
    workers employees residents parents patients victims survivors farmers
    negotiators mediators monitors inspectors auditors police spokesman reports
    records polls surveys emails messages transcript transcripts coach coaches
    manager managers chairman chairwoman founder owner owners mother father wife
    husband son daughter brother sister friend friends neighbour neighbor neighbours
    neighbors player players captain pilot driver passenger passengers professor
    historian author writer editor reporter reporters correspondent columnist host
    anchor nurse nurses engineer engineers lawyer's policy rules guidelines constitution
    nominee nominees contender challenger incumbent frontrunner front-runner hopeful
    hopefuls rival rivals businessman businesswoman businessmen businesswomen
    charter
    """.split()
)

# Lower-case modifiers inside speaker phrases ("senior South Korean officials").
SPEAKER_MODIFIERS = frozenset(
    """senior deputy vice former top chief state national foreign defence defense
    security intelligence spy presidential military local federal regional health
    interior unnamed anonymous some many several two three four five other
    independent western international opposition government ruling party campaign
    press public private news legal economic financial justice police election
    electoral military's white house u.s. us un u.n. eu, ministry agency's
    human rights environmental nuclear energy education trade foreign-affairs
    unification counter terrorism counter-terrorism working special prime
    a an the his her their its our
    """.split()
)

# Speakers that are not identified (kind = anonymous).
ANONYMOUS_HEADS = frozenset(
    """analysts experts observers sources critics witnesses residents people
    insiders diplomats officials observers commentators economists scholars
    researchers activists""".split()
)

PRONOUNS = {
    "he": "male",
    "she": "female",
    "they": "plural",
    "it": "neuter",
    "we": "plural",
    "i": "any",
}

# Words that start a clause; a source phrase cannot extend across them.
CLAUSE_STARTERS = frozenset(
    """that which who whom whose while although though but and or because since
    if when where as after before whereas however meanwhile yet so""".split()
)

# --- Hedges ------------------------------------------------------------------
# Epistemic hedges and verification caveats (after Hyland's hedging lexicon,
# trimmed to what fact-checkers flag in news copy).
HEDGES = (
    "allegedly",
    "reportedly",
    "purportedly",
    "supposedly",
    "apparently",
    "possibly",
    "probably",
    "likely",
    "unconfirmed",
    "unverified",
    "could not verify",
    "could not independently verify",
    "could not be verified",
    "could not be independently verified",
    "not independently verified",
    "has not been verified",
    "have not been verified",
    "it is unclear",
    "it was unclear",
    "appears to",
    "appeared to",
    "seems to",
    "seemed to",
    "believed to",
    "thought to",
    "suspected",
    "may",
    "might",
    "could",
    "perhaps",
    "alleged",
    "purported",
)

# Content phrases with which a speaker rejects a proposition.
REJECTION_PHRASES = (
    "not aimed at",
    "not aimed against",
    "no evidence",
    "not true",
    "untrue",
    "baseless",
    "groundless",
    "unfounded",
    "fabricated",
    "fabrication",
    "false",
    "fake news",
    "nonsense",
    "lies",
    "rumors",
    "rumours",
    "misinformation",
    "disinformation",
    "smear",
    "no basis",
    "without basis",
)

# Objects whose characterisation means rejecting them ("dismissed the claims").
ALLEGATION_NOUNS = frozenset(
    """allegation allegations claim claims report reports accusation accusations
    charge charges suggestion suggestions assertion assertions rumour rumours rumor
    rumors speculation""".split()
)

# Abbreviations after which a full stop does not end a sentence.
ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof gen sen rep gov lt col sgt capt maj adm cmdr st jr sr inc
    corp ltd co vs etc no nos fig jan feb mar apr jun jul aug sep sept oct nov dec
    mt ft dept est approx u.s u.k u.n e.u d.c a.m p.m e.g i.e rev hon pres govt
    u.s.a ave blvd supt insp det cpl cllr""".split()
)
