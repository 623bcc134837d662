"""Boilerplate filter: find the spans of scraped article text that are news prose.

Scraped pages carry donation appeals, cookie and login prompts, photo credits,
bylines, author bios and "Key Takeaways" boxes. None of them are reported
statements, so the extractor only looks inside the spans returned here. The
patterns are general (phrases and shapes seen across many sites), kept in
module-level tables so they can be reviewed and extended in one place.

Blocks are lines: a scraped paragraph is usually one line. Hard-wrapped text
(paragraphs broken at a fixed width) is detected and each wrapped paragraph
becomes one block.

Speed: Python's regex engine tries every alternative at every position, so
searching whole paragraphs for dozens of phrases would cost milliseconds per
article. Instead each phrase rule is keyed by the word it starts with: a block
is split into words once (in C, on an ASCII-folded copy), the words are
intersected with the trigger set, and a rule's regex is only *matched* at the
positions where its trigger word occurs.
"""

from __future__ import annotations

import re
from collections.abc import Set
from itertools import pairwise
from typing import NamedTuple

__all__ = ["content_spans", "is_boilerplate"]


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


def _bwordset(words: str) -> frozenset[bytes]:
    """Word set in the ASCII-folded form that blocks are split into."""
    return frozenset(words.encode("ascii").split())


# A phrase table row: (trigger words, pattern, back). Trigger words are
# lower-case ASCII letters/digits: the units a block splits into once
# punctuation is folded to spaces ("i'm" -> "i", "m"; "epa-efe" -> "epa",
# "efe"). With back == 0 the pattern is matched at each occurrence of a trigger
# word, so it starts with that word; otherwise it is searched from `back`
# characters before the trigger and must start at or before it. Patterns run
# on the lower-cased block with quoted speech blanked out.
_PhraseTable = tuple[tuple[tuple[str, ...], str, int], ...]

# Origin: donation, membership, subscription and paywall boxes of UK/US news
# sites ("Your support helps us...", "Support our journalism", "Subscribe now",
# "...paid for by those who can afford it") and newsletter sign-up widgets.
# Such a paragraph also opens an appeal box: the paragraphs after it that are
# written as "we"/"our" belong to the box.
_APPEAL_RULES: _PhraseTable = (
    (
        ("your",),
        r"your (?:support|donations?|contributions?|subscription|membership|generosity)\b",
        0,
    ),
    (
        ("support",),
        r"support (?:our|independent|quality|trusted|local|fearless|free|public[- ]interest)"
        r" (?:[\w-]+ )?(?:journalism|reporting|newsroom|work|journalists)\b",
        0,
    ),
    (("donate", "contribute", "give"), r"(?:donate|contribute|give) (?:now|today|monthly)\b", 0),
    (
        ("donation", "contribution"),
        r"make a (?:one-off |one-time |monthly |small )?(?:donation|contribution) to (?:us|our)\b",
        30,
    ),
    (
        ("sign",),
        r"sign up (?:for|to) (?:our|the|a|this) (?:[\w-]+ ){0,3}"
        r"(?:newsletters?|briefings?|emails?|alerts?|updates|digest)\b",
        0,
    ),
    (
        ("subscribe",),
        r"subscribe (?:now|today|here|for (?:free|just|only|less)|to (?:our|the|this) "
        r"(?:[\w-]+ ){0,3}(?:newsletters?|podcast|channel|alerts?|updates|edition|digital|print"
        r"|briefing))\b",
        0,
    ),
    (("become",), r"become an? (?:[\w-]+ )?(?:member|subscriber|supporter|patron)\b", 0),
    (("paywall", "paywalls"), r"paywalls?\b", 0),
    (
        ("subscriber", "subscribers"),
        r"(?:already an? )?subscriber(?:s? only|[- ]only|[- ]exclusive)?\b",
        12,
    ),
    (("journalism",), r"journalism\b[^.!?]{0,160}\bpaid for by\b", 0),
    (
        ("journalism", "reporting", "newsroom", "journalists", "reporters"),
        r"(?:journalism|reporting|newsroom|journalists|reporters) needs? "
        r"(?:you|your (?:help|support))\b",
        0,
    ),
    (
        ("keep", "keeps", "keeping"),
        r"keep(?:s|ing)? (?:our )?(?:journalism|reporting|journalists?|reporters) "
        r"(?:free|open|independent|going|on the ground)\b",
        0,
    ),
    (
        ("unlock",),
        r"unlock (?:this|unlimited|full|all) (?:article|access|stor(?:y|ies)|content)\b",
        0,
    ),
    (("continue",), r"continue reading\b", 0),
    (("trial",), r"start (?:your|a) free trial\b", 20),
    (("free",), r"free articles? (?:left|remaining)\b", 0),
)

# Origin: site chrome that survives scraping: push-notification and cookie
# banners, login and registration walls, comment-section widgets, share and
# follow buttons, ad markers, copyright footers and app promotions.
_PROMPT_RULES: _PhraseTable = (
    (
        ("notification", "notifications"),
        r"notifications?\b[^.!?]{0,60}(?:\bin (?:your )?browser|\bbrowser (?:settings|preferences)"
        r"|\bpreferences|\bcan be (?:managed|turned off|changed|disabled))\b",
        0,
    ),
    (
        ("cookie", "cookies"),
        r"we use cookies\b|cookie (?:policy|settings|preferences|notice)\b"
        r"|cookies?\b[^.!?]{0,80}\b(?:accept|consent)\b",
        7,
    ),
    (
        ("comment", "comments"),
        r"\b(?:view|show|hide|load|join) (?:all |the |our )?(?:\d+ )?comments\b"
        r"|\b(?:read|see) (?:all |our )?(?:\d+ )?comments\b"
        r"|\b(?:leave|post|add|write) (?:a|your) comment\b"
        r"|\bcomments? (?:are|have been) (?:closed|disabled|turned off|moderated)\b",
        20,
    ),
    (("commenting",), r"commenting (?:forum|guidelines|policy|section)\b", 0),
    (
        ("thank",),
        r"thank you for (?:registering|subscribing|signing up|your (?:support|donation"
        r"|subscription))\b",
        0,
    ),
    (("refresh",), r"refresh (?:the|this|your) (?:page|browser)\b", 0),
    (("navigate",), r"navigate to another page\b", 0),
    (("logged",), r"(?<=automatically )logged in\b|(?<=to be )logged in\b", 0),
    (
        ("log", "login", "sign", "signin"),
        r"\b(?:log|sign) ?in (?:to|or) (?:continue|read|comment|your account|register|create"
        r"|subscribe|sign up|keep reading|access)\b|\bplease (?:log|sign) ?in\b",
        8,
    ),
    (("account",), r"\bcreate (?:a free |an |your )account\b", 20),
    (("forgot", "forgotten"), r"forgot(?:ten)? (?:your )?password\b", 0),
    (
        ("share",),
        r"share (?:this|the) (?:article|story|page|post|video)\b"
        r"|share (?:it )?(?:on|to|via) (?:facebook|twitter|whatsapp|linkedin|telegram|reddit"
        r"|pinterest|email)\b",
        0,
    ),
    (("follow",), r"follow us\b", 0),
    (("click", "tap"), r"click here\b|(?:tap|click) the (?:link|button|bell|icon)\b", 0),
    (("continues",), r"\bstory continues below\b", 6),
    (("advert",), r"\bcontinues? after (?:the )?advert\b", 20),
    (("reserved",), r"(?<=all rights )reserved\b", 0),
    (("copyright",), r"copyright (?:©\s*)?\d{4}\b", 0),
    (("download",), r"download (?:our|the [\w ]{0,20}) app\b", 0),
    (("listen",), r"listen to this (?:article|story)\b", 0),
    (("min", "mins", "minute", "minutes"), r"(?<=\d[- ])min(?:ute)?s? read\b", 0),
    (("skip",), r"skip to (?:main )?content\b", 0),
    (
        ("article", "story", "piece", "post"),
        r"(?<=this )(?:article|story|piece|post) (?:was|is|has been) (?:first |originally )?"
        r"(?:re)?published (?:by|on|in|with)\b",
        0,
    ),
)

# Origin: author bios in the first person, appended by content farms and
# personal blogs ("I am a ... specializing in ...", "My expertise ...").
_FIRST_PERSON_BIO_RULES: _PhraseTable = (
    (
        ("i",),
        r"i(?: am|'m|’m) an? (?:[\w-]+,? ){0,5}(?:journalist|writer|reporter|editor"
        r"|correspondent|professional|analyst|researcher|author|blogger|student|graduate"
        r"|specialist|expert|enthusiast|columnist|freelancer|content creator|storyteller"
        r"|commentator)\b"
        r"|i (?:write|blog|report) (?:about|on)\b"
        r"|i(?: have|'ve|’ve) been (?:writing|covering|reporting|blogging)\b",
        0,
    ),
    (
        ("my",),
        r"my (?:expertise|passion for|areas? of (?:interest|expertise|focus)|research interests"
        r"|work (?:focuses|has appeared|has been published))\b",
        0,
    ),
    (
        ("writer", "journalist", "blogger"),
        r"\bas an? (?:content )?(?:writer|journalist|blogger), i\b",
        14,
    ),
)

# Origin: photo and video credits of agency-fed sites ("... Getty Images",
# "REUTERS/Kim Hong-Ji", "(AP Photo/...)", "KCNA via Reuters"). This wording
# can occur in prose ("Getty Images said ..."), so it only counts at the end
# of a block (_CREDIT_TAIL characters) under _CREDIT_MAX_WORDS words.
_CREDIT_RULES: _PhraseTable = (
    (
        ("getty", "shutterstock", "alamy", "istock", "istockphoto", "ap", "afp"),
        r"(?:getty images|shutterstock|alamy|istock(?:photo)?|ap photo|afp photo)\b",
        0,
    ),
    (("via",), r"via (?:reuters|getty|ap|afp)\b", 0),
    (("epa",), r"epa-efe\b", 0),
    (("reuters", "afp", "ap", "epa", "yonhap"), r"(?:reuters|afp|ap|epa|yonhap) ?/ ?\w", 0),
)
_CREDIT_MAX_WORDS = 40
_CREDIT_TAIL = 50

# Origin: the same widgets in wording that also occurs in news prose, so these
# only count in blocks under _WEAK_MAX_WORDS words: "Stay up to date with ...",
# "Follow Jane on X", "Join the conversation", "Advertisement".
_WEAK_RULES: _PhraseTable = (
    (("stay", "keep"), r"(?:stay|keep) (?:up to date|updated|informed) with\b", 0),
    (
        ("alerts", "notifications", "updates", "newsletter", "newsletters"),
        r"\b(?:get|receive|turn on|enable|allow) (?:[\w-]+ ){0,2}"
        r"(?:alerts|notifications|updates|newsletters?) from\b",
        40,
    ),
    (
        ("join",),
        r"join (?:the |our )?(?:[\w-]+[ -]){0,2}(?:conversations?|discussion|debate)\b",
        0,
    ),
    (
        ("follow",),
        r"follow (?:[\w.@-]+ ){0,3}on (?:twitter|x|facebook|instagram|linkedin|threads|bluesky"
        r"|tiktok|youtube|telegram|whatsapp|google news)\b",
        0,
    ),
    (
        ("advertisement", "sponsored", "promoted", "partner"),
        r"(?:advertisement|sponsored|promoted content|partner content)\b",
        0,
    ),
)
_WEAK_MAX_WORDS = 20

# Origin: one-word calls to action that open a short block ("Subscribe to
# read", "Sign up", "Register", "Log in", "Donate", "Share on ...").
_WEAK_FIRST_WORDS: frozenset[bytes] = _bwordset("subscribe register login donate")
_WEAK_START = r"(?:sign (?:up|in)|log in|support us|share (?:on|via|this))\b"
_WEAK_START_WORDS: frozenset[bytes] = _bwordset("sign log support share")

# Origin: caption and credit line openings ("Photo: EPA-EFE", "Image: AFP/Getty",
# "FILE PHOTO: ...", "(Reuters)" alone, "Photo by ..." without a full stop) and
# captions ending "(Photo: ...)".
_CREDIT_START = (
    r"(?:file )?(?:photo(?:graph)?s?|images?|pictures?|pic|credits?|caption|video|illustration"
    r"|graphic|source|photo credit|image credit|main image|top image|header image)"
    r"\s*(?:(?P<by>by)\b|[:|/©])"
    r"|file (?:photo|image|picture)\b"
    r"|\((?:reuters|afp|ap|yonhap|xinhua|kcna|ani|pti|ians|bloomberg|efe|dpa|upi|cnn|bbc)\)$"
)
_CREDIT_FIRST_WORDS: frozenset[bytes] = _bwordset(
    """file photo photos photograph photographs image images picture pictures pic credit
    credits caption video illustration graphic source main top header reuters afp ap yonhap
    xinhua kcna ani pti ians bloomberg efe dpa upi cnn bbc"""
)
_CREDIT_END = r"\((?:[^()]{0,80}\b)?(?:photo|image|picture|credit|file)\b[^()]{0,80}\)$"

# Origin: CMS artefacts that appear as lines of their own after scraping
# ("author-image", "New Update", "Comments", "Advertisement", menu items).
_UI_LINES: frozenset[str] = frozenset(
    """
    author-image|author image|new update|updated|comments|comment|advertisement|advert
    |sponsored|share|share this|share article|follow us|follow|print|email|e-mail|copy link
    |link copied|save|bookmark|listen|loading|loading...|menu|home|close|back to top|more
    |show more|see more|trending|live|breaking|breaking news|exclusive|opinion|analysis
    |video|watch|gallery|photos|topics|tags
    """.replace("\n", "")
    .replace("    ", "")
    .split("|")
)

# Origin: summary boxes that repeat the story ("Key Takeaways", "Highlights",
# "Why this matters:"). The heading and the bullets/short lines after it go.
_SUMMARY_HEADINGS: tuple[str, ...] = (
    r"key takeaways?",
    r"key points?",
    r"key facts",
    r"top takeaways",
    r"takeaways",
    r"(?:story )?highlights?",
    r"at a glance",
    r"in brief",
    r"in short",
    r"quick read",
    r"summary",
    r"tl;? ?dr",
    r"what you need to know",
    r"why (?:this|it) matters",
    r"the big picture",
)

# Origin: "more stories" link lists ("Read more:", "Related:", "Also read").
# The heading and the headline lines after it go.
_LINK_HEADINGS: tuple[str, ...] = (
    r"read more",
    r"read also",
    r"also read",
    r"must read",
    r"related(?: (?:articles?|stories|news|coverage|content|topics|reading|links?|posts?))?",
    r"see also",
    r"further reading",
    r"more (?:stories|news|coverage|on this(?: story)?|from [^.!?:]{1,40})",
    r"recommended(?: for you| reading| stories| articles)?",
    r"you (?:may|might) (?:also )?(?:like|be interested in)",
    r"most (?:read|popular|viewed|shared)",
    r"trending(?: now| stories| news)?",
    r"top stories",
    r"editor'?s? picks?",
    r"don'?t miss",
    r"latest (?:news|stories)",
)
# First words of the headings above, to skip the heading regex for most blocks.
_HEADING_FIRST_WORDS: frozenset[bytes] = _bwordset(
    """key top takeaways story highlight highlights at in quick summary tl tldr what why the
    read also must related see further more recommended you most trending editor editors
    don latest"""
)

# Origin: byline and wire-service trailer formats ("By Jane Doe",
# "Reporting by ...; Editing by ...", "Written by", "Compiled by").
_BYLINE = (
    r"(?:by|written by|words by|reported by|story by|text by)\s+\S"
    r"|(?:additional )?(?:reporting|writing|editing|research|compiled|contributing)"
    r"(?: and [a-z]+)? by\b"
)
_BYLINE_FIRST_WORDS: frozenset[bytes] = _bwordset(
    """by written words reported story text additional reporting writing editing research
    compiled contributing"""
)
_BYLINE_MAX_WORDS = 14

# Origin: third-person contributor notes at the foot of articles ("Jane Doe
# is a reporter at ...", "John Roe covers security for ..."). Case-sensitive,
# and only applied to the trailing blocks of an article.
_THIRD_PERSON_BIO = (
    r"(?:(?:Dr|Prof)\.? )?[A-Z][\w.’'-]+(?: [A-Z][\w.’'-]+){0,3},? "
    r"(?:(?:is|was|has been) (?:an?|the) (?:[\w’'-]+,? ){0,6}"
    r"(?:reporter|journalist|correspondent|editor|writer|columnist|contributor|producer|fellow"
    r"|analyst|researcher|freelancer|author|stringer|intern)s?\b"
    r"|(?:covers|writes about|writes on|reports on)\b)"
)
_BIO_MAX_WORDS = 80

# Origin: stand-alone timestamp and dateline lines ("Tuesday 16 June 2020 09:12
# BST", "Published: 5 March 2024", "Updated June 16, 2020 at 9:12 a.m. EDT").
_TIMESTAMP = (
    r"(?:(?:first |last )?(?:published|updated|posted|modified)(?: on| at)?:?\s*)?"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
    r"(?:\d{1,2}(?:st|nd|rd|th)?\s+)?"
    r"(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d|\d{1,4}[-/.]\d"
    r"|\d{1,2}:\d{2}|\d+ (?:min(?:ute)?s?|hours?|days?) ago)"
)
_TIMESTAMP_MAX_WORDS = 14

# Origin: common English verbs and auxiliaries; a short line with none of them
# (and no final punctuation) is a name, title, label or heading, not a sentence.
_VERBS: frozenset[str] = _wordset(
    """
    is are was were be been being am has have had do does did will would can could may might
    must shall should says said say tells told tell warns warned claims claimed denies denied
    confirms confirmed adds added states stated announces announced urges urged calls called
    reports reported writes wrote asks asked notes noted insists insisted believes believe
    thinks think knows know gets got goes went makes made takes took sees saw comes came gives
    gave wants want needs need agrees agreed vows vowed threatens threatened rejects rejected
    accuses accused meets met visits visited fires fired kills killed dies died hits launches
    launched plans planned seeks sought faces faced expects expected admits admitted argues
    argued hopes hoped fears feared
    """
)
# Words that stay lower-case in Title Case headlines.
_SMALL_WORDS: frozenset[str] = _wordset(
    "a an and as at but by for from in into of off on or over per the to up via vs with amid"
)

_SHORT_LINE_WORDS = 6  # under this, a line without a verb or final stop is a label
_SECTION_SHORT_WORDS = 25  # summary-box lines are shorter than this
_WRAP_MIN_CHARS = 40  # hard-wrapped lines are at least this long
_WINDOW = 160  # how far past a trigger word a look-back rule may match
_FINAL_PUNCT = frozenset(".!?:…\"”’'»")
_BULLET_CHARS = "•·▪●◦‣○■□►▸➤✓✔→"
_LEAD_CHARS = frozenset("#*_>-" + _BULLET_CHARS)
_PUNCT_STRIP = "\"'“”‘’«»()[]{},.;:!?*_"
# No-break and thin spaces, read as plain spaces by the phrase rules.
_ODD_SPACES = ("\xa0", "\u2007", "\u2009", "\u202f")
# ASCII folding for word splitting: keep a-z and 0-9, everything else is a space.
_FOLD = bytes(c if (0x61 <= c <= 0x7A or 0x30 <= c <= 0x39) else 0x20 for c in range(256))

# --------------------------------------------------------------------------
# Compiled forms (built once at import; content_spans runs per article).
# --------------------------------------------------------------------------

# Block kinds.
_PROSE = 0
_JUNK = 1
_SUMMARY = 2
_LINK = 3
_APPEAL = 4


class _Rule(NamedTuple):
    kind: int
    max_words: int  # the rule applies to blocks with fewer words than this
    pattern: re.Pattern[str]
    back: int
    tail: int  # when non-zero, the match must start this close to the block's end


class _Trigger(NamedTuple):
    needle: bytes  # b" word ", searched in the space-padded folded block
    rules: tuple[_Rule, ...]  # appeals first
    tail: int  # when every rule is tail-bound: how far from the end to start looking


def _build_rules() -> dict[bytes, _Trigger]:
    """Trigger word -> what to look for and which rules to try where it occurs."""
    by_word: dict[bytes, list[_Rule]] = {}
    tables: tuple[tuple[_PhraseTable, int, int, int], ...] = (
        (_APPEAL_RULES, _APPEAL, 1 << 30, 0),
        (_PROMPT_RULES, _JUNK, 1 << 30, 0),
        (_FIRST_PERSON_BIO_RULES, _JUNK, 1 << 30, 0),
        (_CREDIT_RULES, _JUNK, _CREDIT_MAX_WORDS, _CREDIT_TAIL),
        (_WEAK_RULES, _JUNK, _WEAK_MAX_WORDS, 0),
    )
    for table, kind, max_words, tail in tables:
        for words, pattern, back in table:
            rule = _Rule(kind, max_words, re.compile(pattern), back, tail)
            for word in words:
                key = word.encode("ascii")
                if key.translate(_FOLD) != key or not key:
                    raise ValueError(f"trigger {word!r} is not a folded word")
                by_word.setdefault(key, []).append(rule)
    return {
        word: _Trigger(
            b" " + word + b" ",
            tuple(rules),
            0 if any(r.tail == 0 for r in rules) else max(r.tail for r in rules),
        )
        for word, rules in by_word.items()
    }


_TRIGGERS = _build_rules()
_TRIGGER_WORDS = frozenset(_TRIGGERS)
_WEAK_START_RE = re.compile(_WEAK_START)
_CREDIT_START_RE = re.compile(_CREDIT_START)
_CREDIT_END_RE = re.compile(_CREDIT_END)
_BYLINE_RE = re.compile(_BYLINE)
_THIRD_BIO_RE = re.compile(_THIRD_PERSON_BIO)
_TIMESTAMP_RE = re.compile(_TIMESTAMP)
_HEADING_RE = re.compile(
    r"(?:(?P<summary>"
    + "|".join(_SUMMARY_HEADINGS)
    + r")|(?P<link>"
    + "|".join(_LINK_HEADINGS)
    + r"))[\s*_]*(?:[:|–—-]|$)"
)
_MARKUP_LEAD_RE = re.compile(r"[\s#*_>" + _BULLET_CHARS + r"-]+")
_BULLET_RE = re.compile(r"[" + _BULLET_CHARS + r"]|[-*+–](?=\s)")
# Quoted speech is blanked (same length) before phrase checks: a quoted
# "I am a journalist" or "your support" is news, not page furniture.
_QUOTED_RE = re.compile(r"“[^”]*(?:”|$)|\"[^\"\n]*(?:\"|$)|«[^»]*(?:»|$)")
_FIRST_PLURAL_RE = re.compile(r"\b(?:[Ww]e|[Oo]ur|us)\b")
# One block per line, without its surrounding whitespace.
_LINE_RE = re.compile(r"\S(?:[^\n\r]*\S)?")


def _has_verb(words: list[str]) -> bool:
    for word in words:
        w = word.strip(_PUNCT_STRIP)
        if not w or not w[0].islower():
            continue
        if w in _VERBS or (len(w) > 4 and w.isalpha() and w.endswith(("ed", "ing"))):
            return True
        if w.endswith(("n't", "n’t")):
            return True
    return False


def _is_title_case(words: list[str]) -> bool:
    """True for 'South Korea Raises Alert for Offices': a headline, not a sentence."""
    caps = 0
    counted = 0
    for word in words:
        w = word.strip(_PUNCT_STRIP)
        if not w or not w[0].isalpha():
            continue
        if counted and w.lower() in _SMALL_WORDS:
            continue
        counted += 1
        if w[0].isupper():
            caps += 1
    return counted >= 2 and caps >= 0.85 * counted


def _blank(match: re.Match[str]) -> str:
    return " " * (match.end() - match.start())


def _unquoted(text: str) -> str:
    """text with quoted passages blanked out, offsets unchanged."""
    if '"' not in text and "“" not in text and "«" not in text:
        return text
    return _QUOTED_RE.sub(_blank, text)


def _fold(low: str) -> bytes:
    """ASCII word characters of `low`, one byte per character, others as spaces."""
    return low.encode("ascii", "replace").translate(_FOLD)


def _lower(text: str) -> str:
    """text.lower() with odd spaces as ' ', keeping offsets ('İ' grows when lower-cased)."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    for space in _ODD_SPACES:
        if space in low:
            low = low.replace(space, " ")
    return low


def _phrase_kind(low: str, folded: bytes, hits: Set[bytes], nwords: int) -> int:
    """_APPEAL or _JUNK if a phrase rule matches where one of its trigger words occurs."""
    text = _unquoted(low)
    padded = b" " + folded + b" "  # so b" word " finds whole words only
    size_all = len(folded)
    found = _PROSE
    for word in hits:
        trigger = _TRIGGERS[word]
        rules = [r for r in trigger.rules if nwords < r.max_words]
        if not rules:
            continue
        # pos indexes `folded`: the match of b" word " starts one earlier in `padded`.
        pos = padded.find(trigger.needle, max(0, size_all - trigger.tail) if trigger.tail else 0)
        while pos != -1:
            for rule in rules:
                if rule.tail and pos < size_all - rule.tail:
                    continue
                if rule.back:
                    m = rule.pattern.search(text, max(0, pos - rule.back), pos + _WINDOW)
                    hit = m is not None and m.start() <= pos
                else:
                    hit = rule.pattern.match(text, pos) is not None
                if hit:
                    if rule.kind == _APPEAL:
                        return _APPEAL
                    found = rule.kind
            pos = padded.find(trigger.needle, pos + 1)
    return found


def _classify(block: str, low: str, folded: bytes) -> int:
    """Kind of one block on its own; boxes and trailing bios are left to the caller.

    `low` is the lower-cased block and `folded` its ASCII-folded bytes, both
    the same length as `block`.
    """
    fwords = folded.split()
    if not fwords:  # no ASCII word at all: symbols, or a non-Latin script
        fwords = [b""]
    nwords = len(fwords)
    first = fwords[0]
    final = block[-1] in _FINAL_PUNCT

    bare = low
    if low[0] in _LEAD_CHARS:
        lead = _MARKUP_LEAD_RE.match(low)
        if lead is not None and lead.end() < len(low):
            bare = low[lead.end() :]
    if first in _HEADING_FIRST_WORDS:
        heading = _HEADING_RE.match(bare)
        if heading is not None:
            return _SUMMARY if heading.group("summary") is not None else _LINK
    if nwords <= 3 and bare.rstrip(" :|*_") in _UI_LINES:
        return _JUNK
    hits = _TRIGGER_WORDS.intersection(fwords)
    if hits:
        kind = _phrase_kind(low, folded, hits, nwords)
        if kind != _PROSE:
            return kind
    if nwords < _WEAK_MAX_WORDS and (
        first in _WEAK_FIRST_WORDS or (first in _WEAK_START_WORDS and _WEAK_START_RE.match(bare))
    ):
        return _JUNK
    if first in _CREDIT_FIRST_WORDS or bare[0] == "(":
        credit = _CREDIT_START_RE.match(bare)
        # "Photographs by residents showed ..." is prose; "Photo by Jane Roe/AFP" is not.
        if credit is not None and (credit.group("by") is None or not final):
            return _JUNK
    if low[-1] == ")" and _CREDIT_END_RE.search(low):
        return _JUNK
    if "©" in low and nwords < _WEAK_MAX_WORDS:
        return _JUNK
    if (
        nwords < _BYLINE_MAX_WORDS
        and first in _BYLINE_FIRST_WORDS
        and _BYLINE_RE.match(bare)
        and (not final or nwords < 8)
    ):
        return _JUNK
    if not final:
        words = block.split()
        if len(words) < _SHORT_LINE_WORDS and not _has_verb(words):
            return _JUNK
        if len(words) < _TIMESTAMP_MAX_WORDS and _TIMESTAMP_RE.match(bare):
            return _JUNK
        if _is_title_case(words):
            return _JUNK
    return _PROSE


def is_boilerplate(block: str) -> bool:
    """Whether one block, seen on its own, is page furniture rather than news prose.

    Context matters for some blocks (bullets under "Key Takeaways", "we"
    paragraphs after "Your support helps..."); content_spans applies that.
    """
    block = block.strip()
    if not block:
        return True
    low = _lower(block)
    return _classify(block, low, _fold(low)) != _PROSE


def _is_soft_break(line: str, nxt: str) -> bool:
    """Whether the break between two lines is a hard wrap inside one paragraph."""
    return (
        len(line) >= _WRAP_MIN_CHARS
        and line[-1] not in _FINAL_PUNCT
        and _BULLET_RE.match(nxt) is None
        and (nxt[0].islower() or line[-1] in ",;-–—(")
    )


def _blocks(text: str) -> list[tuple[int, int, bool]]:
    """Blocks of text as (start, end, blank_line_before)."""
    lines: list[tuple[int, int, bool]] = []
    prev_end = 0
    for m in _LINE_RE.finditer(text):
        start, end = m.span()
        gap = bool(lines) and text.count("\n", prev_end, start) >= 2
        lines.append((start, end, gap))
        prev_end = end
    if len(lines) < 2:
        return lines
    # Hard-wrapped text: paragraph lines continue in lower case. When a document
    # shows that shape often enough, join every unpunctuated long line to the next.
    candidates = 0
    soft = 0
    for (s1, e1, _), (s2, e2, gap) in pairwise(lines):
        if gap or e1 - s1 < _WRAP_MIN_CHARS or text[e1 - 1] in _FINAL_PUNCT:
            continue
        candidates += 1
        if _is_soft_break(text[s1:e1], text[s2:e2]):
            soft += 1
    if soft == 0:
        return lines
    wrapped_doc = soft * 4 >= candidates
    blocks: list[tuple[int, int, bool]] = [lines[0]]
    s1, e1 = lines[0][0], lines[0][1]
    for s2, e2, gap in lines[1:]:
        line = text[s1:e1]
        nxt = text[s2:e2]
        join = not gap and (
            _is_soft_break(line, nxt)
            or (
                wrapped_doc
                and e1 - s1 >= _WRAP_MIN_CHARS
                and line[-1] not in _FINAL_PUNCT
                and _BULLET_RE.match(nxt) is None
            )
        )
        if join:
            blocks[-1] = (blocks[-1][0], e2, blocks[-1][2])
        else:
            blocks.append((s2, e2, gap))
        s1, e1 = s2, e2
    return blocks


def content_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of `text` (paragraphs or lines, in order) that are news prose.

    Boilerplate is excluded; text[start:end] is the block, stripped of
    surrounding whitespace, so offsets found inside a block add to `start`.
    """
    blocks = _blocks(text)
    if not blocks:
        return []
    low_text = _lower(text)
    folded_text = _fold(low_text)
    keep: list[bool] = []
    box = _PROSE  # _SUMMARY or _LINK while inside such a box
    in_appeal = False
    for start, end, gap in blocks:
        block = text[start:end]
        kind = _classify(block, low_text[start:end], folded_text[start:end])
        if kind in (_SUMMARY, _LINK):
            box = kind
            in_appeal = False
            keep.append(False)
            continue
        if kind == _APPEAL:
            in_appeal = True
            box = _PROSE
            keep.append(False)
            continue
        if box != _PROSE:
            inside = (
                kind != _PROSE
                or block[-1] not in _FINAL_PUNCT
                or _BULLET_RE.match(block) is not None
            )
            if box == _SUMMARY and not inside:
                # Takeaway lines are short and follow each other without a gap.
                inside = not gap and block.count(" ") + 1 < _SECTION_SHORT_WORDS
            if inside:
                keep.append(False)
                continue
            box = _PROSE
        if in_appeal:
            # Appeal boxes run over several paragraphs written as "we"/"our".
            if kind != _PROSE or _FIRST_PLURAL_RE.search(_unquoted(block)):
                keep.append(False)
                continue
            in_appeal = False
        keep.append(kind == _PROSE)
    # Contributor notes ("Jane Doe is a reporter at ...") only at the foot.
    for i in range(len(blocks) - 1, -1, -1):
        if not keep[i]:
            continue
        block = text[blocks[i][0] : blocks[i][1]]
        if block.count(" ") + 1 < _BIO_MAX_WORDS and _THIRD_BIO_RE.match(block):
            keep[i] = False
            continue
        break
    return [(s, e) for (s, e, _), k in zip(blocks, keep, strict=True) if k]
