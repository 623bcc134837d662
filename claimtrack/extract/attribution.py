"""Find attribution relations in one sentence: source, cue and content.

Rule-based and pure: a single regex finds candidate cues, then short token
walks find the source phrase to the left (or right, for "said X" and
"according to X") and the content.  Patterns follow newswire grammar:
leading ("X said that C"), trailing ("C, X said"), inverted ("C, said X"),
"according to X", "X quoted Y as saying C" and "Y was quoted by X as saying".
Speakers are left as written; `speakers.py` resolves them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from claimtrack.extract import lexicon
from claimtrack.extract.lexicon import CUE_FORMS, PHRASE_CUES


class Token(NamedTuple):
    text: str
    start: int
    end: int
    low: str


@dataclass
class Mention:
    """A source phrase as written, with offsets into the article."""

    text: str
    start: int
    end: int
    appositive: str | None = None

    @property
    def is_pronoun(self) -> bool:
        return self.text.lower() in lexicon.PRONOUNS


@dataclass
class RawAttribution:
    """One attribution before speaker resolution."""

    source: Mention
    cue: str
    cue_lemma: str
    cue_start: int
    content_start: int
    content_end: int
    via: list[Mention] = field(default_factory=list)
    pattern: str = "leading"
    extra_content: list[tuple[int, int]] = field(default_factory=list)
    continues: bool = False  # content continues in the next sentences (ends with ':')


_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|\w[\w'’\-.&]*\w|\w|[^\w\s]")
_POSSESSIVE = ("’s", "'s", "’", "'")

# Cue detection is a set lookup over lower-cased words, not one big regex
# alternation: the alternation cost 2 ms per article, the set test is C-level.
_WORD = re.compile(r"[A-Za-z]+")
_PHRASES: dict[str, list[tuple[list[str], str]]] = {}
for _phrase, _lemma in PHRASE_CUES.items():
    _first, *_rest = _phrase.split()
    _PHRASES.setdefault(_first, []).append((_rest, _lemma))
_TRIGGERS = frozenset(CUE_FORMS) | frozenset(_PHRASES) | {"quoted"}


_QUOTE_MARKS = "\"“”‘’«»'"
_CLAUSE_PUNCT = {",", ";", ":", "—", "–", "(", "-"}
_FUNCTION_CAPS = frozenset(
    """in on at during after before earlier later meanwhile however but and yet
    while although though since when if as this that these those it he she they
    we i there here why what also still even now then so thus today yesterday
    last next meanwhile separately speaking asked despite under over from with
    without by for to of following amid among instead because unlike like
    according citing given though once whether both either neither such
    maybe perhaps indeed instead finally eventually clearly obviously only just
    that’s it’s there’s here’s what’s that's it's there's here's what's
    """.split()
)
_RELATIVES = frozenset(["that", "which", "who", "whom", "whose", "as"])
# Words that follow a determiner without being the noun ("the same", "the first").
_NOT_NOUNS = frozenset(
    """same other first last new old whole only next former latter following best
    most latest very more less such own""".split()
)
_PASSIVE_AUX = frozenset("was were been being is are be".split())
_NP_GLUE = frozenset(["of", "for", "the", "and", "&", "de", "al", "von", "van", "bin"])
_NP_PREP = frozenset(["to", "in", "at", "on"])
_DETERMINERS = frozenset(["the", "a", "an"])
_LEAD_TRIM = frozenset(["of", "for", "and", "&", "to", "in", "at", "on", "both", "also"])
_TIME_WORDS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday today yesterday
    tonight week month year morning afternoon evening night weekend earlier later
    january february march april may june july august september october november
    december""".split()
)
_ADJUNCT_START = frozenset(
    """in on at to during after before last this earlier later late early when
    while on yesterday today adding citing according as without through via
    from with over via""".split()
)
_SOURCE_WRAPPERS = re.compile(
    r"^(?:(?:a|an|the)\s+)?(?:(?:joint\s+|written\s+|new\s+|recent\s+)?"
    r"(?:statement|report|release|press release|readout|post|letter|transcript|"
    r"filing|memo|survey|poll|study|analysis|data|figures|estimate|estimates|"
    r"tally|count|assessment|briefing|spokesman|spokeswoman|spokesperson|"
    r"official|officials|source|sources)\s+(?:from|by|of|for|released by|"
    r"issued by|published by|at|in|close to|familiar with)\s+)",
    re.IGNORECASE,
)
_RELEASED_BY = re.compile(
    r"^(?:(?:a|an|the)\s+)?(?:\w+\s+){0,2}(?:statement|report|poll|survey|study|data|"
    r"figures|estimate|estimates|analysis|document|documents|filing|memo|letter|release)"
    r"\b.{0,60}?\b(?:by|from)\s+(.+)$",
    re.IGNORECASE,
)
_WRAPPED_SPEAKERS = frozenset(
    ["spokesman", "spokeswoman", "spokesperson", "official", "officials", "source", "sources"]
)


def tokenize(text: str, offset: int = 0) -> list[Token]:
    return [
        Token(m.group(), m.start() + offset, m.end() + offset, m.group().lower())
        for m in _TOKEN.finditer(text)
    ]


def has_cue(sentence: str) -> bool:
    """Cheap pre-check so most sentences skip the token walk entirely."""
    return not _TRIGGERS.isdisjoint(_WORD.findall(sentence.lower()))


def _cues(tokens: list[Token]) -> list[tuple[int, int, str, str]]:
    """(first token, last token, lemma, form) of each cue in reading order."""
    found = []
    n = len(tokens)
    for k, tok in enumerate(tokens):
        low = tok.low
        if low in _PHRASES:
            for rest, lemma in _PHRASES[low]:
                if [t.low for t in tokens[k + 1 : k + 1 + len(rest)]] == rest:
                    found.append((k, k + len(rest), lemma, "phrase"))
                    break
            else:
                if low in CUE_FORMS:
                    found.append((k, k, *CUE_FORMS[low]))
            continue
        if low == "quoted":
            found.append((k, k, "quote", "quoted"))
        elif low in CUE_FORMS and (k + 1 >= n or tokens[k + 1].text != "-"):
            found.append((k, k, *CUE_FORMS[low]))
    return found


def _is_cap(tok: Token) -> bool:
    first = tok.text[0]
    return first.isupper() or (first.isdigit() and False)


def _is_np_word(tok: Token) -> bool:
    low = tok.low
    if tok.text[0].isupper():
        return low not in _FUNCTION_CAPS or low == "the"
    return (
        low in lexicon.SPEAKER_HEADS
        or low in lexicon.SPEAKER_MODIFIERS
        or low in _NP_GLUE
        or (low.endswith(("’s", "'s")) and len(low) > 3)
    )


def _is_head(tok: Token) -> bool:
    if tok.text[0].isupper():
        return tok.low not in _FUNCTION_CAPS and tok.low not in _NP_GLUE
    return tok.low in lexicon.SPEAKER_HEADS


def _skip_left(tokens: list[Token], i: int) -> int:
    """Step left over auxiliaries, adverbs and time phrases between source and cue."""
    while i >= 0:
        low = tokens[i].low
        if low in lexicon.SKIPPABLE_BEFORE_CUE or low in _TIME_WORDS or low in '“‘"':
            i -= 1
            continue
        if low.endswith("ly") and not tokens[i].text[0].isupper() and len(low) > 4:
            i -= 1
            continue
        # "on Friday", "in June", "last week" after a source: dates are skipped above,
        # a bare preposition left over after them goes too.
        if (
            low in ("on", "in", "at", "of")
            and i + 1 < len(tokens)
            and (tokens[i + 1].low in _TIME_WORDS)
        ):
            i -= 1
            continue
        break
    return i


def _left_np(tokens: list[Token], end: int, floor: int) -> tuple[int, int] | None:
    """The noun phrase ending at token index `end` (inclusive), not before `floor`.

    The strict walk takes capitalised words and known speaker nouns.  A relaxed
    walk may also take up to two unknown lower-case words ("county election
    officials", "Opposition councillor Derek Huang"); it wins only when it ends
    at a clause boundary, which is where a subject must start.
    """
    if end < floor or end < 0:
        return None
    tok = tokens[end]
    if tok.low in lexicon.PRONOUNS:
        return (end, end)
    if tok.text == ")":
        # "the National Intelligence Service (NIS)", "Sen. Jane Roe (D-Ore.)"
        opening = next(
            (i for i in range(end - 1, max(floor, end - 7) - 1, -1) if tokens[i].text == "("),
            None,
        )
        if opening is None or opening - 1 < floor:
            return None
        inner = _left_np(tokens, opening - 1, floor)
        return (inner[0], end) if inner is not None else None
    if tok.low.endswith(_POSSESSIVE) and tok.text[0].isupper() is False:
        return None
    # "A whistleblower said", "the challenger said": a determiner makes it a noun.
    determined_noun = (
        tok.text.isalpha()
        and tok.text.islower()
        and end - 1 >= floor
        and (tokens[end - 1].low in _DETERMINERS or tokens[end - 1].low.endswith(("’s", "'s")))
        and tok.low not in _FUNCTION_CAPS
        and tok.low not in _NOT_NOUNS
    )
    if not _is_head(tok) and not determined_noun:
        return None
    strict = _walk_left(tokens, end, floor, relaxed=False)
    relaxed = _walk_left(tokens, end, floor, relaxed=True)
    if relaxed is not None and relaxed != strict and _clause_start(tokens, relaxed[0]):
        return relaxed
    return strict


def _walk_left(tokens: list[Token], end: int, floor: int, relaxed: bool) -> tuple[int, int] | None:
    i = end
    unknown = 0
    while i - 1 >= floor:
        prev = tokens[i - 1]
        if prev.low in ("and", "&") and not (
            i - 2 >= floor and tokens[i].text[0].isupper() and tokens[i - 2].text[0].isupper()
        ):
            break  # "Prices rose and analysts said": 'and' joins names, not clauses
        if _is_np_word(prev):
            i -= 1
            continue
        if (
            prev.low in _NP_PREP
            and i - 2 >= floor
            and (tokens[i].text[0].isupper() or tokens[i].low == "the")
            and (tokens[i - 2].text[0].isupper() or tokens[i - 2].low in lexicon.SPEAKER_HEADS)
        ):
            i -= 1
            continue
        if prev.text == "-" and i - 2 >= floor:
            i -= 1
            continue
        if prev.text == "." and i - 2 >= floor and tokens[i - 2].low in lexicon.ABBREVIATIONS:
            i -= 1  # "Gov. Jeb Bush", "Sen. Marco Rubio"
            continue
        if (
            relaxed
            and unknown < 2
            and prev.text.isalpha()
            and prev.text.islower()
            and prev.low not in _FUNCTION_CAPS
            and prev.low not in lexicon.CLAUSE_STARTERS
            and prev.low not in _PASSIVE_AUX
            and prev.low not in lexicon.CUE_FORMS
            and not prev.low.endswith("ed")
        ):
            unknown += 1
            i -= 1
            continue
        break
    while i <= end and (tokens[i].low in _LEAD_TRIM or tokens[i].text == "-"):
        i += 1
    if i > end:
        return None
    return (i, end)


def _np_ok(tokens: list[Token], span: tuple[int, int]) -> bool:
    """A source phrase needs a capitalised word, a known head, or a pronoun."""
    a, b = span
    if a == b and tokens[a].low in lexicon.PRONOUNS:
        return True
    return any(
        (_is_cap(t) and t.low not in _DETERMINERS) or t.low in lexicon.SPEAKER_HEADS
        for t in tokens[a : b + 1]
    )


def _clause_start(tokens: list[Token], i: int) -> bool:
    """True when token i begins a clause (so a phrase starting there can be a subject)."""
    if i == 0:
        return True
    prev = tokens[i - 1]
    return (
        prev.text in _CLAUSE_PUNCT
        or prev.text in _QUOTE_MARKS
        or (prev.low in lexicon.CLAUSE_STARTERS and prev.low not in _RELATIVES)
        or prev.low in ("both", "also", "then")
    )


def _mention(sentence_tokens: list[Token], span: tuple[int, int], text: str) -> Mention:
    a, b = span
    start, end = sentence_tokens[a].start, sentence_tokens[b].end
    return Mention(text=text[start:end], start=start, end=end)


def _skip_content_start(tokens: list[Token], i: int, lemma: str) -> int:
    """Step over what sits between a cue and its content: 'that', time, 'in a statement'."""
    n = len(tokens)
    while i < n:
        low = tokens[i].low
        if low in ("that", ",", ":", "—", "–") or low in _TIME_WORDS:
            i += 1
            continue
        if (
            low in ("on", "last", "this", "earlier", "late", "early")
            and i + 1 < n
            and (tokens[i + 1].low in _TIME_WORDS)
        ):
            i += 2
            continue
        if (
            low == "in"
            and i + 2 < n
            and tokens[i + 1].low in ("a", "an", "the")
            and tokens[i + 2].low
            in ("statement", "interview", "post", "tweet", "speech", "letter", "briefing")
        ):
            i += 3
            continue
        if low == "to" and i + 1 < n and tokens[i + 1].low in ("reporters", "journalists"):
            i += 2
            continue
        if low in (
            "on",
            "in",
            "at",
            "during",
            "to",
            "via",
            "through",
            "after",
            "before",
            "outside",
            "from",
            "with",
            "by",
            "over",
            "inside",
            "while",
        ):
            # 'wrote on social media that …': the content starts after 'that'.
            for j in range(i + 1, min(n, i + 9)):
                if tokens[j].low == "that":
                    return j + 1
                if tokens[j].text in ",;:" or tokens[j].text in _QUOTE_MARKS:
                    break
        break
    return i


def _content_index(tokens: list[Token], i: int, lemma: str, hearer: bool) -> int:
    """Where the content starts after a cue: past the hearer ('told reporters'), 'that'…"""
    if hearer:
        i = _skip_object(tokens, i)
    return _skip_content_start(tokens, i, lemma)


def _skip_object(tokens: list[Token], i: int) -> int:
    """'told reporters', 'told a briefing', 'told The Independent': step over the hearer."""
    n = len(tokens)
    j = i
    while j < n and (
        tokens[j].low in _DETERMINERS
        or tokens[j].text[0].isupper()
        or tokens[j].low
        in (
            "reporters",
            "journalists",
            "briefing",
            "conference",
            "news",
            "lawmakers",
            "parliament",
            "an",
            "interview",
            "me",
            "him",
            "her",
            "them",
            "us",
            "audience",
            "crowd",
            "supporters",
        )
    ):
        if tokens[j].low in ("that",):
            break
        j += 1
        if j < n and tokens[j].low == "that":
            return j + 1
    return j if j > i else i


def _content_end(tokens: list[Token], sentence_end: int, text: str) -> int:
    """Content ends at the sentence end, minus the final full stop."""
    end = sentence_end
    while end > 0 and text[end - 1] in ".!?… ":
        end -= 1
    return end


def _trailing_tail_ok(tokens: list[Token], i: int) -> bool:
    """After a trailing cue only short adjuncts may follow: 'in a statement', 'on Tuesday'."""
    n = len(tokens)
    if i >= n:
        return True
    rest = tokens[i:]
    if tokens[i].text == ",":
        return True  # '…," Anderson said, adding that …': the gerund is its own claim
    if any(t.low == "that" or t.text in _QUOTE_MARKS for t in rest) and not all(
        t.text in ".!?" or t.text in _QUOTE_MARKS for t in rest
    ):
        return False
    tok = tokens[i]
    if tok.text in ".!?" or tok.text in _QUOTE_MARKS:
        return all(t.text in ".!?" or t.text in _QUOTE_MARKS for t in rest)
    if tok.text == ",":
        return True
    if len(rest) > 15:
        return False
    return tok.low in _ADJUNCT_START or tok.low in _TIME_WORDS


def _is_clause(tokens: list[Token], upto: int) -> bool:
    """Content before a trailing cue must be more than an opening adverbial phrase."""
    first = tokens[0]
    if (
        first.low in _FUNCTION_CAPS
        and first.text[0].isupper()
        and first.low not in ("it", "he", "she", "they", "we", "i", "this", "there", "the")
    ):
        return any(t.text == "," for t in tokens[1:upto])
    return True


def analyse(text: str, start: int, end: int) -> list[RawAttribution]:
    """Attributions in the sentence text[start:end]; offsets index `text`."""
    sentence = text[start:end]
    tokens = tokenize(sentence, start)
    cues = _cues(tokens)
    if not cues:
        return []
    by_start = {t.start: k for k, t in enumerate(tokens)}
    results: list[RawAttribution] = []
    leading: list[RawAttribution] = []
    trailing: RawAttribution | None = None
    for k, last, lemma, form in cues:
        cue_text = text[tokens[k].start : tokens[last].end]
        if lemma == "according to":
            att = _according_to(tokens, k, last, text, end)
            if att is not None:
                if att.pattern == "trailing":
                    trailing = att
                else:
                    leading.append(att)
            continue
        if form == "quoted":
            att = _quoted(tokens, k, text, end)
            if att is not None:
                leading.append(att)
            continue
        if form == "phrase":
            form = "past"
        att = _continued(tokens, k, last, lemma, form, cue_text, text, end, leading)
        if att is None:
            att = _verb_cue(tokens, k, last, lemma, form, cue_text, text, end)
        if att is None:
            continue
        if att.pattern in ("trailing", "inverted"):
            trailing = att
        else:
            leading.append(att)
    if trailing is not None:
        inner = [
            a
            for a in leading
            if a.cue_start < trailing.cue_start and a.source.start < trailing.source.start
        ]
        if inner:
            first = inner[0]
            first.via.append(trailing.source)
            first.content_end = min(first.content_end, trailing.content_end)
            first.extra_content = trailing.extra_content
            results.append(first)
        else:
            results.append(trailing)
        return results
    if not leading:
        return []
    results.append(leading[0])
    for att in leading[1:]:
        prev = results[-1]
        if att.pattern == "continued":
            # "X said A and said B", "X said A, adding B": the first content stops at the join.
            cut = att.extra_content[0][0] if att.extra_content else att.cue_start
            att.extra_content = []
            if cut > prev.content_start:
                prev.content_end = _strip_end(text, prev.content_start, min(prev.content_end, cut))
                results.append(att)
            continue
        found = by_start.get(att.source.start)
        if att.cue_start <= prev.cue_start or found is None:
            continue
        k = found
        # A second attribution in its own clause ("…, although Russia denied it").
        while k > 1 and tokens[k - 1].low in ("both", "also", "then"):
            k -= 1
        if k > 0 and (
            tokens[k - 1].text in (",", ";")
            or (
                k > 1 and tokens[k - 1].low in lexicon.CLAUSE_STARTERS and tokens[k - 2].text == ","
            )
        ):
            cut = tokens[k - 1].start if tokens[k - 1].text in (",", ";") else tokens[k - 2].start
            if cut > prev.content_start:
                prev.content_end = cut
                results.append(att)
    return results


def _verb_cue(
    tokens: list[Token],
    k: int,
    last: int,
    lemma: str,
    form: str,
    cue_text: str,
    text: str,
    sentence_end: int,
) -> RawAttribution | None:
    n = len(tokens)
    if not cue_text[0].islower() and k != 0:
        return None  # a capitalised cue mid-sentence is a name ("Warns Inc.")
    prev = tokens[k - 1] if k > 0 else None
    if form == "base" and (prev is None or prev.low in lexicon.NON_FINITE_BEFORE):
        return None
    if prev is not None and (prev.low.endswith(("’s", "'s")) or prev.low in ("’", "'")):
        return None  # a noun after a possessive: "the agency's report"
    if (
        form == "base"
        and prev is not None
        and not (
            prev.low in ("they", "we", "i", "you")
            or (prev.low.endswith("s") and not prev.low.endswith("ss"))
            or prev.text in _QUOTE_MARKS
            or prev.text == ","
        )
    ):
        return None
    if form == "gerund":
        return None
    if prev is not None and prev.low in _PASSIVE_AUX and form == "past":
        return None
    if prev is not None and prev.low in ("the", "a", "an", "his", "her", "its", "their"):
        return None  # a noun: "the report", "a claim"
    after = last + 1
    tail = _skip_object(tokens, after) if lemma == "tell" else after
    # Trailing / inverted: cue right after a comma or closing quote (maybe after the source).
    j = _skip_left(tokens, k - 1)
    np_span = _left_np(tokens, j, 0) if j >= 0 else None
    if np_span is None and j >= 0 and tokens[j].text == ",":
        np_span = _trailing_appositive(tokens, j)
    if np_span is not None and np_span[0] > 0:
        before = tokens[np_span[0] - 1]
        if (before.text in (",", "—") or before.text in _QUOTE_MARKS) and _trailing_tail_ok(
            tokens, tail
        ):
            content_end = (
                before.start if before.text == "," else _before_closing(tokens, np_span[0] - 1)
            )
            content_start = tokens[0].start
            if (
                content_end - content_start > 8
                and _np_ok(tokens, np_span)
                and _is_clause(tokens, np_span[0] - 1)
            ):
                extra = _after_parenthetical(tokens, after, text, sentence_end)
                return RawAttribution(
                    source=_mention(tokens, np_span, text),
                    cue=cue_text,
                    cue_lemma=lemma,
                    cue_start=tokens[k].start,
                    content_start=content_start,
                    content_end=_strip_end(text, content_start, content_end),
                    pattern="trailing",
                    extra_content=extra,
                )
    if (
        prev is not None
        and (prev.text == "," or prev.text in _QUOTE_MARKS)
        and k > 1
        and form
        in (
            "past",
            "third",
        )
    ):
        # Inverted: '…, said Mr Smith.'
        span = _right_np(tokens, after)
        if span is not None:
            tail = span[1] + 1
            if (
                tail >= n
                or tokens[tail].text in (",", ".", "!", "?")
                or tokens[tail].low in (_ADJUNCT_START)
            ):
                content_end = prev.start if prev.text == "," else _before_closing(tokens, k - 1)
                if content_end - tokens[0].start > 8:
                    mention = _mention(tokens, span, text)
                    if tail < n and tokens[tail].text == ",":
                        mention.appositive = text[tokens[tail].end : sentence_end].strip(" .")
                    return RawAttribution(
                        source=mention,
                        cue=cue_text,
                        cue_lemma=lemma,
                        cue_start=tokens[k].start,
                        content_start=tokens[0].start,
                        content_end=_strip_end(text, tokens[0].start, content_end),
                        pattern="inverted",
                    )
    # Leading: 'X said (that) C'.
    appositive = False
    if np_span is None:
        np_span = _appositive_subject(tokens, j)
        appositive = np_span is not None
    if (np_span is None or not _clause_start(tokens, np_span[0])) and lemma in _STRONG_SAY:
        np_span = _long_subject(tokens, j) or np_span
    if np_span is None or not _np_ok(tokens, np_span):
        return None
    a = np_span[0]
    if not appositive and not _clause_start(tokens, a):
        # "…, and quoted …": subject of the coordinated verb is the sentence subject.
        return None
    content_from = _content_index(tokens, after, lemma, hearer=lemma == "tell")
    if content_from >= n:
        return None
    content_start = tokens[content_from].start
    content_end = _content_end(tokens, sentence_end, text)
    continues = text[content_end:sentence_end].strip().startswith(":") or (
        content_end <= content_start and text[sentence_end - 1] == ":"
    )
    if content_end - content_start < 3 and not continues:
        return None
    if lemma in lexicon.WEAK_CUES and not any(
        t.low == "that" or t.text in _QUOTE_MARKS or t.text == ":"
        for t in tokens[after : after + 7]
    ):
        return None
    mention = _mention(tokens, np_span, text)
    if appositive:
        comma_a = np_span[1] + 1
        mention.appositive = text[tokens[comma_a].end : tokens[j].start].strip(" ,")
    return RawAttribution(
        source=mention,
        cue=cue_text,
        cue_lemma=lemma,
        cue_start=tokens[k].start,
        content_start=content_start,
        content_end=max(content_start, content_end),
        pattern="leading",
        continues=continues,
    )


_SPEECH_GERUNDS = frozenset(
    """saying adding telling warning noting claiming insisting arguing calling accusing
    describing stating explaining denying urging suggesting citing declaring
    stressing emphasizing emphasising vowing promising""".split()
)


def _continued(
    tokens: list[Token],
    k: int,
    last: int,
    lemma: str,
    form: str,
    cue_text: str,
    text: str,
    sentence_end: int,
    leading: list[RawAttribution],
) -> RawAttribution | None:
    """A cue sharing the subject of an earlier one: '… and said B', '…, adding B'."""
    j = _skip_left(tokens, k - 1)
    if j < 1:
        return None
    joiner = tokens[j]
    if form == "gerund":
        if joiner.text != "," or tokens[k].low not in _SPEECH_GERUNDS:
            return None
    elif not (joiner.low == "and" and form in ("past", "third")):
        return None
    if leading and leading[-1].cue_start < joiner.start:
        source = leading[-1].source
    elif joiner.low == "and":
        # "Eight years ago, he backed Obama and said, …": the clause's subject speaks.
        start = max((i + 1 for i in range(j) if tokens[i].text in (",", ";")), default=0)
        span = _right_np(tokens, start)
        if span is None or span[1] + 1 >= j or not _np_ok(tokens, span):
            return None
        follower = tokens[span[1] + 1]
        if not (follower.text.islower() and follower.text.isalpha()):
            return None
        source = _mention(tokens, span, text)
    elif form == "gerund":
        span = _left_np(tokens, _subject_end(tokens), 0)
        if span is None or span[0] != 0 or not _np_ok(tokens, span):
            return None
        source = _mention(tokens, span, text)
    else:
        return None
    content_from = _content_index(tokens, last + 1, lemma, hearer=lemma == "tell")
    if content_from >= len(tokens):
        return None
    content_start = tokens[content_from].start
    content_end = _content_end(tokens, sentence_end, text)
    if content_end - content_start < 3:
        return None
    return RawAttribution(
        source=Mention(source.text, source.start, source.end, source.appositive),
        cue=cue_text,
        cue_lemma=lemma,
        cue_start=tokens[k].start,
        content_start=content_start,
        content_end=content_end,
        pattern="continued",
        extra_content=[(joiner.start, joiner.start)],
    )


# Verbs of saying so unambiguous that a long, post-modified subject is accepted.
_STRONG_SAY = frozenset("say tell write claim insist argue warn deny acknowledge admit".split())


def _long_subject(tokens: list[Token], j: int) -> tuple[int, int] | None:
    """'A court document filed Thursday says', 'Democrats trying to … say': the clause subject.

    Only for unambiguous verbs of saying, and only when the clause before the
    cue is short and holds no other cue, quotation or subordinator.
    """
    if j < 0:
        return None
    i = j
    while (
        i >= 0
        and tokens[i].text not in (",", ";", ":", "—", "(")
        and (tokens[i].text not in _QUOTE_MARKS)
    ):
        low = tokens[i].low
        if low in ("that", "which", "who", "whom", "if", "because", "when", "while"):
            return None
        if low in CUE_FORMS or (low in _PASSIVE_AUX and i != j):
            return None
        i -= 1
    start = i + 1
    if j - start > 11 or start > j:
        return None
    first = tokens[start]
    if not (first.text[0].isupper() or first.low in _DETERMINERS or first.text[0].isdigit()):
        return None
    if first.low in _FUNCTION_CAPS and first.low not in ("the",):
        return None
    if not _clause_start(tokens, start):
        return None
    return (start, j)


def _trailing_appositive(tokens: list[Token], j: int) -> tuple[int, int] | None:
    """'"…," the authority's director, Karin Voss, told reporters': the name."""
    k = j - 1
    while k > 0 and tokens[k].text != ",":
        if not (tokens[k].text[0].isupper() or tokens[k].text in "-."):
            return None
        k -= 1
    if k <= 0 or k == j - 1:
        return None
    outer = _left_np(tokens, k - 1, 0)
    if outer is None or outer[0] == 0:
        return None
    before = tokens[outer[0] - 1]
    if before.text in (",", "—") or before.text in _QUOTE_MARKS:
        return (outer[0], j - 1)
    return None


def _appositive_subject(tokens: list[Token], j: int) -> tuple[int, int] | None:
    """'Harry Smith, a fellow at X, said' or 'The charity, Patient Voice, said'.

    Of the phrase before the appositive and the appositive itself, a proper
    name wins: it is what a fact-checker needs as the speaker.
    """
    if j < 2 or tokens[j].text != ",":
        return None
    k = j - 1
    while k > 0 and tokens[k].text != ",":
        if tokens[k].text in ";:":
            return None
        k -= 1
    if k <= 0 or j - k > 25:
        return None
    span = _left_np(tokens, k - 1, 0)
    if span is None or not _clause_start(tokens, span[0]):
        return None
    inner = tokens[k + 1 : j]
    if inner and len(inner) <= 4 and all(t.text[0].isupper() or t.text in "-." for t in inner):
        head = tokens[span[1]]
        if not head.text[0].isupper() or inner[0].low not in ("the", "a", "an"):
            return (k + 1, j - 1)
    return span


def _right_np(tokens: list[Token], i: int) -> tuple[int, int] | None:
    """A source phrase starting at token i: 'Mr Smith', 'the ministry', 'one official'."""
    n = len(tokens)
    j = i
    while j < n and (_is_np_word(tokens[j]) or tokens[j].low in ("a", "an", "one")):
        j += 1
    while j > i and not _is_head(tokens[j - 1]):
        j -= 1
    if j == i:
        if i < n and tokens[i].low in lexicon.PRONOUNS:
            return (i, i)
        return None
    return (i, j - 1)


def _before_closing(tokens: list[Token], k: int) -> int:
    """Content offset before a closing quote and its comma: '…," he said'."""
    end = tokens[k].start
    if k > 0 and tokens[k - 1].text in (",", "!", "?"):
        end = tokens[k - 1].start
    return end


def _strip_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in " ,;:—–":
        end -= 1
    return end


def _after_parenthetical(
    tokens: list[Token], after: int, text: str, sentence_end: int
) -> list[tuple[int, int]]:
    """'C1, Kazianis said, and C2': the words after a parenthetical attribution."""
    if after < len(tokens) and tokens[after].text == ",":
        nxt = after + 1
        if nxt < len(tokens) and tokens[nxt].low not in _ADJUNCT_START:
            end = _content_end(tokens, sentence_end, text)
            if end > tokens[nxt].start:
                return [(tokens[nxt].start, end)]
    return []


def _according_to(
    tokens: list[Token], k: int, last: int, text: str, sentence_end: int
) -> RawAttribution | None:
    n = len(tokens)
    i = last + 1
    j = i
    while (
        j < n
        and tokens[j].text not in (",", ".", ";", ":")
        and tokens[j].text not in (_QUOTE_MARKS)
    ):
        j += 1
    if j == i:
        return None
    span_start, span_end = tokens[i].start, tokens[j - 1].end
    source_text = text[span_start:span_end]
    released = _RELEASED_BY.match(source_text)
    if released is not None:
        # "a poll released on Monday by the Brennan Institute": the institute.
        span_start += released.start(1)
        source_text = text[span_start:span_end]
    wrapper = _SOURCE_WRAPPERS.match(source_text)
    if wrapper is not None:
        word = wrapper.group(0).split()
        if not (word and any(w.lower() in _WRAPPED_SPEAKERS for w in word)):
            span_start += wrapper.end()
            source_text = text[span_start:span_end]
    mention = Mention(text=source_text, start=span_start, end=span_end)
    cue = text[tokens[k].start : tokens[last].end]
    if k == 0 or (k > 0 and tokens[k - 1].text in _QUOTE_MARKS and k == 1):
        # 'According to X, C.'
        if j >= n or tokens[j].text != ",":
            return None
        content_start = tokens[j + 1].start if j + 1 < n else sentence_end
        return RawAttribution(
            source=mention,
            cue=cue,
            cue_lemma="according to",
            cue_start=tokens[k].start,
            content_start=content_start,
            content_end=_content_end(tokens, sentence_end, text),
            pattern="leading",
        )
    prev = tokens[k - 1]
    if prev.text in (",", "(", "—") or prev.text in _QUOTE_MARKS:
        content_end = _strip_end(text, tokens[0].start, prev.start)
        if content_end - tokens[0].start < 8:
            return None
        return RawAttribution(
            source=mention,
            cue=cue,
            cue_lemma="according to",
            cue_start=tokens[k].start,
            content_start=tokens[0].start,
            content_end=content_end,
            pattern="trailing",
        )
    # 'C according to X' with no comma: still trailing when X runs to the end.
    if j >= n - 1:
        content_end = _strip_end(text, tokens[0].start, prev.end)
        return RawAttribution(
            source=mention,
            cue=cue,
            cue_lemma="according to",
            cue_start=tokens[k].start,
            content_start=tokens[0].start,
            content_end=content_end,
            pattern="trailing",
        )
    return None


def _quoted(tokens: list[Token], k: int, text: str, sentence_end: int) -> RawAttribution | None:
    """'X quoted Y as saying C' (speaker Y via X) and 'Y was quoted (by X) as saying C'."""
    n = len(tokens)
    as_idx = next(
        (
            i
            for i in range(k + 1, min(n - 1, k + 30))
            if tokens[i].low == "as"
            and tokens[i + 1].low in ("saying", "telling", "stating", "warning", "claiming")
        ),
        None,
    )
    if as_idx is None:
        return None
    telling = tokens[as_idx + 1].low == "telling"
    content_from = _content_index(tokens, as_idx + 2, "say", hearer=telling)
    if content_from >= n:
        return None
    content_start = tokens[content_from].start
    content_end = _content_end(tokens, sentence_end, text)
    prev = _skip_left(tokens, k - 1)
    if prev >= 0 and tokens[prev].low in ("was", "were", "been", "is", "are"):
        # Passive: 'Y was quoted by X as saying'.
        subj = _left_np(tokens, _skip_left(tokens, prev - 1), 0)
        if subj is None:
            return None
        via: list[Mention] = []
        if tokens[k + 1].low == "by" and as_idx > k + 2:
            via.append(_mention(tokens, (k + 2, as_idx - 1), text))
        if subj[0] > 0 and (
            tokens[subj[0] - 1].text == "," or tokens[subj[0] - 1].text in _QUOTE_MARKS
        ):
            # '"C," Y was quoted by X as saying': the content is what came before.
            content_start = tokens[0].start
            content_end = _strip_end(text, content_start, _before_closing(tokens, subj[0] - 1))
        return RawAttribution(
            source=_mention(tokens, subj, text),
            cue=text[tokens[k].start : tokens[as_idx + 1].end],
            cue_lemma="say",
            cue_start=tokens[k].start,
            content_start=content_start,
            content_end=content_end,
            via=via,
            pattern="leading",
        )
    if as_idx == k + 1:
        return None
    speaker = _mention(tokens, (k + 1, as_idx - 1), text)
    cue = f"{tokens[k].text} … as {tokens[as_idx + 1].text}"
    reporter = _left_np(tokens, prev, 0) if prev >= 0 else None
    via = []
    if reporter is not None and _clause_start(tokens, reporter[0]):
        via.append(_mention(tokens, reporter, text))
    elif prev >= 0 and tokens[prev].low == "and":
        subject = _left_np(tokens, _subject_end(tokens), 0)
        if subject is not None:
            via.append(_mention(tokens, subject, text))
    return RawAttribution(
        source=speaker,
        cue=cue,
        cue_lemma="say",
        cue_start=tokens[k].start,
        content_start=content_start,
        content_end=content_end,
        via=via,
        pattern="leading",
    )


def _subject_end(tokens: list[Token]) -> int:
    """Index of the last token of the sentence-initial noun phrase."""
    i = 0
    while i < len(tokens) and _is_np_word(tokens[i]):
        i += 1
    return i - 1
