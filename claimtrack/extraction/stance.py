"""Stance: whether a reported statement asserts a proposition or rejects one.

A statement is a denial when its cue rejects (deny, dismiss, reject), when its
main clause is negated ("the offer had not been made", "no threats were
made", "the deal does not change our strategy"), or when it brands something
false ("the report is totally ludicrous", "a hoax").  A negated wish, plan or
opinion ("I don't want", "we will not run", "I don't think we should") stays
an assertion: it rejects nothing anyone claimed; "I don't think this is so"
rejects a fact, and is a denial.
"""

from __future__ import annotations

import re
from functools import cache

from claimtrack.extraction import lexicon
from claimtrack.extraction.numbers.zeros import without_zeros
from claimtrack.models import Stance

# Words before the negated verb: the subject, a few words long ("Mr. Zimmerman",
# "the AMD-SeaMicro deal"), never across a comma, colon or quotation mark.
_W = r"[\w’'\-.$%]+"
# Negated futures and conditionals ("Seoul would not sit idly by", "we will not run")
# are intentions and predictions, not denials, so will/would are left out.
_AUX = (
    r"(?:is|are|was|were|am|be|been|being|do|does|did|has|have|had|can|could|"
    r"should|shall|may|might|must|’s|'s|’re|'re)"
)
_AUX_NT = r"(?:isn|aren|wasn|weren|don|doesn|didn|hasn|haven|hadn|can|couldn|shouldn|mustn)[’']t"
_MODAL = r"(?:will|would|won[’']t|wouldn[’']t|shall|’ll|'ll)"
_NEGATED_MAIN = re.compile(
    rf"^(?:{_W}\s+){{0,7}}?[\"“‘']?(?:{_AUX}\s+(?:not|never)|\w+[’'](?:s|re|m)\s+(?:not|never)|"
    rf"{_AUX_NT}|cannot|never)(?:\s+[\"“‘']?(?P<next>{_W})|\s*[.!]?$|(?P<elided>,))",
    re.I,
)
_NEGATIVE_SUBJECT = re.compile(
    rf"^(?:{_W}\s+){{0,2}}?(?:no|nobody|none|nothing|neither|no\s+one)\b(?:\s+{_W}){{0,6}}?\s+"
    rf"(?:is|are|was|were|has|have|had|did|does|do|took|involved?|"
    rf"\w+ed)\b"
    r"|^there\s+(?:is|are|was|were|(?:will|would)\s+be|ha(?:s|ve|d)\s+been)\s+no\b"
    rf"|^(?:{_W}\s+){{0,7}}?(?:has|have|had|is|are|was|were)\s+no\s+(?:longer|bearing|role|"
    r"part|knowledge|involvement|connection|link|contact|evidence|record|plans?|intention)\b",
    re.I,
)
# After the negation: a wish, plan, feeling or opinion, which a denial is not.
_ATTITUDES = frozenset(
    """want wants wish hope plan plans intend intends expect expects like likes feel feels
    felt need needs care mind think thinks believe believes know knows remember recall
    support back endorse agree seem seems only just merely necessarily clear immediately
    yet known sure certain available able allowed likely expected pleased happy satisfied
    aware interested willing""".split()
)
# A quotation or an apposition inside the subject ('The "dirty tricks" that …',
# 'the original site, GunBroker.com, was not …') is no clause boundary.
_QUOTED = re.compile(r"[\"“][^\"“”]{0,80}[\"”]")
_APPOSED = re.compile(r",\s[^,;:]{1,40},")
# A content that opens with a subordinate clause ("If he does not win, …").
_SUBORDINATE = frozenset(
    "if when unless although though because while as once until before after whether".split()
)
_PERSONAL = frozenset("i we he she they you".split())
# A proposition branded false: "is totally ludicrous", "was a hoax", "are lies".
_BRANDED_FALSE = re.compile(
    r"\b(?:is|are|was|were|be|been|’s|'s|’re|'re|called\s+\w+(?:\s+\w+)?)\s+"
    r"(?:(?:completely|totally|absolutely|simply|utterly|patently|just|entirely|all|pure|"
    r"a\s+complete|a\s+total|an?\s+absolute)\s+)?"
    r"(?:false|untrue|wrong|a\s+lie|lies|lying|a\s+hoax|hoax|nonsense|ridiculous|ludicrous|"
    r"absurd|fake|fabricated|misleading|inaccurate|baseless|groundless|unfounded|a\s+rumou?r|"
    r"rumou?rs|innocent|not\s+guilty|not\s+true|a\s+myth|a\s+smear|made\s+up)\b"
    r"|\b(?:my|his|her|their|our)\s+innocence\b"
    r"|\b(?:absolutely|totally|completely|dead|flatly|simply|plain)\s+wrong\b"
    r"|^(?:totally|completely|absolutely|utterly)?\s*(?:wrong|false|untrue|a\s+hoax|nonsense|"
    r"ridiculous|ludicrous|absurd|fake\s+news|lies)\b",
    re.I,
)


# Every rule below needs one of these words; most statements have none, so one scan
# settles them.
_TRIGGER = re.compile(
    r"(?<!\w)(?:not|no|never|neither|nor|nobody|none|nothing|cannot|\w+n[’']t|false|untrue|"
    r"wrong|lies?|lying|hoax|nonsense|ridiculous|ludicrous|absurd|fake|fabricat\w*|"
    r"misleading|inaccurate|baseless|groundless|unfounded|rumou?rs?|innocen\w*|guilty|"
    r"myth|smear|made\s+up|evidence|basis|aimed)(?!\w)",
    re.I,
)


@cache
def _rejection_re() -> re.Pattern[str]:
    words = sorted(lexicon.REJECTION_PHRASES, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)", re.I)


_STRONG_REJECTION = re.compile(
    r"(?<!\w)(?:not aimed (?:at|against)|no evidence|not true|untrue|baseless|groundless|"
    r"unfounded|fabricated|a fabrication|no basis|without basis)(?!\w)",
    re.I,
)


def stance(cue_lemma: str, content: str) -> Stance:
    """`deny` when the cue, the content's main clause or a judgement in it rejects."""
    if cue_lemma in lexicon.DENIAL_VERBS:
        return Stance.deny
    if cue_lemma in lexicon.CHARACTERISING_VERBS:
        first_words = content.lower().split()[:4]
        if any(w.strip(",.") in lexicon.ALLEGATION_NOUNS for w in first_words):
            return Stance.deny
        if _rejection_re().search(content):
            return Stance.deny
    text = content.strip(" \"'“”‘’")
    if text.endswith("?") or _TRIGGER.search(text) is None:
        return Stance.assert_  # a question, or nothing negated or branded false
    if _TRIGGER.search(without_zeros(text)) is None:
        return Stance.assert_  # "no one was hurt" states a count of none (numbers/zeros.py)
    if _STRONG_REJECTION.search(text) or _BRANDED_FALSE.search(_QUOTES.sub("", text)):
        return Stance.deny
    if _NEGATIVE_SUBJECT.search(text) or negated_main_clause(text):
        return Stance.deny
    clause = _after_opening_phrase(text)
    if clause and (_NEGATIVE_SUBJECT.search(clause) or negated_main_clause(clause)):
        return Stance.deny
    for later in _LATER_SENTENCE.split(text)[1:]:
        if len(later.split()) <= 4 and negated_main_clause(later):
            return Stance.deny  # "They may think I'm radical. I'm not."
    return Stance.assert_


# After "don't think": a statement of fact ("this is …", "he was …"), not a plan.
_BELIEF_OF_FACT = re.compile(
    rf"\s+(?:that\s+)?(?:{_W}\s+){{1,4}}?(?:is|are|was|were|has\s+been|have\s+been|had\s+been)"
    r"\s+(?!going\b)",
    re.I,
)
_LATER_SENTENCE = re.compile(r"(?<=[.!?])[\"”’']?\s+(?=[\"“‘']?[A-Z])")


_QUOTES = re.compile(r"[\"“”‘’]|(?<!\w)'|'(?!\w)")
_OPENING_PHRASE = re.compile(
    r"^(?:in fact|indeed|frankly|beyond|despite|after|before|for|in|on|at|with|under|"
    r"since|today|now|still|however|but)\b[^,;:]{0,60},\s+",
    re.I,
)


def _after_opening_phrase(text: str) -> str:
    """'Beyond all the declarations, there will be no change' -> 'there will be no change';
    'Sorry, but the item is no longer …' -> 'the item is no longer …'."""
    found = _OPENING_PHRASE.match(text) or _SHORT_OPENING.match(text)
    return text[found.end() :] if found else ""


# An interjection or short aside before the clause: "Sorry, but …", "Look, …".
_SHORT_OPENING = re.compile(r"^[A-Za-z]+(?:\s+[a-z]+)?,\s+(?:but\s+|and\s+)?")


def negated_main_clause(text: str) -> bool:
    """'the deal does not change …', "he's not backing …": not a wish, plan or opinion."""
    text = _APPOSED.sub(" ", _QUOTED.sub("quote", text))
    found = _NEGATED_MAIN.search(text)
    if found is None:
        return False
    if found.group("next") is None:
        return True  # "I'm not.", "he did not, but …": the negation is the whole clause
    before = text[: found.start("next")]
    if any(p in before for p in (",", ";", ":", "“", "”", '"')):
        return False  # the negation sits in another clause than the first
    if re.search(r"\b(?:can|could)(?:not|n[’']t)?\s*(?:not\s*)?$", before, re.I) and found.group(
        "next"
    ).lower() not in ("be", "have"):
        return False  # "cannot afford": an ability or a judgement, not a denial
    if found.group("next").lower() in ("think", "believe") and _BELIEF_OF_FACT.match(
        text, found.end("next")
    ):
        return True  # "I don't think this is a country in decline": the fact rejected
    if found.group("next").lower() in _ATTITUDES:
        return False
    words = before.split()
    if words and words[0].lower() in _SUBORDINATE:
        return False
    if re.search(r"\b(?:should|must|ought|shall)(?:n[’']t)?\s*(?:not\s*)?$", before, re.I):
        return False  # "people should not travel": advice, not a denial
    if re.match(r"[^.;]{0,60}?,?\s+but\b", text[found.end() :], re.I):
        return False  # "It is not a skating rink, but it is real": a contrast
    if re.search(r"\buntil\b", text[found.end() : found.end() + 40], re.I):
        return False  # "will not leave until March": timing, not a denial
    subject = before.split()[0].lower() if before.split() else ""
    # "we will not back down", "he would not run": a plan, not a denial.
    return not (subject in _PERSONAL and re.search(rf"\b{_MODAL}\b", before, re.I))
