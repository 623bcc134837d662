"""The attribution patterns a cue can head: leading, trailing, inverted, continued,
"according to" and "quoted ... as saying".

Each pattern takes the cue's token indices and returns one RawAttribution
or None; sentence.py decides how the patterns found in a sentence combine.
"""

from __future__ import annotations

from claimtrack.extraction import lexicon
from claimtrack.extraction.attribution.content import (
    after_parenthetical,
    before_closing,
    content_index,
    end_of_content,
    is_clause,
    skip_object,
    strip_end,
    trailing_tail_ok,
)
from claimtrack.extraction.attribution.media import media
from claimtrack.extraction.attribution.objects import (
    OBJECT_CUES,
    characterises,
    infinitive_after,
    proposition,
)
from claimtrack.extraction.attribution.phrases import (
    appositive_subject,
    clause_start,
    determined_subject,
    left_np,
    long_subject,
    name_before_appositive,
    name_with_appositives,
    np_ok,
    relative_head,
    right_np,
    skip_left,
    source_span,
    subject_end,
    trailing_appositive,
)
from claimtrack.extraction.attribution.spans import Mention, RawAttribution, Token, mention_of
from claimtrack.extraction.attribution.words import (
    ADJUNCT_START,
    FINITE_VERBS,
    PASSIVE_AUX,
    QUOTE_MARKS,
)
from claimtrack.extraction.clauses import title_case

# Verbs of saying so unambiguous that a long, post-modified subject is accepted.
_STRONG_SAY = frozenset("say tell write claim insist argue warn deny acknowledge admit".split())


def verb_cue(
    tokens: list[Token],
    k: int,
    last: int,
    lemma: str,
    form: str,
    cue_text: str,
    text: str,
    sentence_end: int,
) -> RawAttribution | None:
    """A reporting verb heading a trailing, inverted or leading attribution.

    Trailing is "C, X said", inverted '"C," said X', leading "X said (that) C".
    """
    if not _finite_cue(tokens, k, form, cue_text):
        return None
    after = last + 1
    # Trailing / inverted: cue right after a comma or closing quote (maybe after the source).
    aux = _progressive_aux(tokens, k) if form == "gerund" else None
    j = skip_left(tokens, k - 1 if aux is None else aux - 1)
    np_span = left_np(tokens, j, 0) if j >= 0 else None
    if np_span is None and j >= 0 and tokens[j].text == ",":
        np_span = trailing_appositive(tokens, j) or name_before_appositive(tokens, j)
    cue = (k, lemma, cue_text)
    found = _trailing(tokens, cue, np_span, after, text, sentence_end)
    if found is None and form in ("past", "third"):
        found = _inverted(tokens, cue, after, text, sentence_end)
    if found is None:
        found = _leading(tokens, cue, np_span, j, after, text, sentence_end)
    if found is None and np_span is not None:
        found = _as_said(tokens, cue, np_span, after, text, sentence_end)
    return found


def _plain_subject(
    tokens: list[Token], np_span: tuple[int, int] | None, j: int, after: int, lemma: str
) -> tuple[int, int] | None:
    """A subject no name or known noun marks: 'A court document filed Thursday says',
    'The intelligence community concluded that'."""
    if (np_span is None or not clause_start(tokens, np_span[0])) and lemma in _STRONG_SAY:
        np_span = long_subject(tokens, j) or np_span
    if np_span is None and after < len(tokens) and tokens[after].low == "that":
        np_span = determined_subject(tokens, j)
    return np_span


def _as_said(
    tokens: list[Token],
    cue: _Cue,
    np_span: tuple[int, int],
    after: int,
    text: str,
    sentence_end: int,
) -> RawAttribution | None:
    """'As Politico first reported on Monday, C': the source and cue open the sentence."""
    k, lemma, cue_text = cue
    if np_span[0] != 1 or tokens[0].low != "as" or not np_ok(tokens, np_span):
        return None
    comma = next(
        (m for m in range(after, min(len(tokens), after + 8)) if tokens[m].text == ","), None
    )
    if comma is None or any(
        t.low in FINITE_VERBS or t.text in QUOTE_MARKS for t in tokens[after:comma]
    ):
        return None
    content_start = tokens[comma + 1].start if comma + 1 < len(tokens) else sentence_end
    content_end = end_of_content(text, sentence_end)
    if content_end - content_start < 8:
        return None
    return RawAttribution(
        source=mention_of(tokens, np_span, text),
        cue=cue_text,
        cue_lemma=lemma,
        cue_start=tokens[k].start,
        content_start=content_start,
        content_end=content_end,
        via=media(tokens, after, comma, text),
        pattern="leading",
    )


def _finite_cue(tokens: list[Token], k: int, form: str, cue_text: str) -> bool:
    """Whether the cue word is a finite reporting verb here, not a name, noun or participle."""
    nxt = tokens[k + 1].text if k + 1 < len(tokens) else ""
    if (
        not cue_text[0].islower()
        and k != 0
        and not _title_case(tokens)
        # "Murphy Tweeted: …", '"…," Murphy, the PAC's head, Tweeted': still a cue
        and not (nxt == ":" or nxt in QUOTE_MARKS or tokens[0].text in QUOTE_MARKS)
    ):
        return False  # a capitalised cue mid-sentence is a name ("Warns Inc.")
    prev = tokens[k - 1] if k > 0 else None
    if form == "base" and (prev is None or prev.low in lexicon.NON_FINITE_BEFORE):
        return False
    if prev is not None and (
        prev.low.endswith(("’s", "'s"))
        or (
            prev.low in ("’", "'")
            and tokens[k - 2].text.isalnum()
            and tokens[k - 2].end == prev.start
        )
    ):
        return False  # a noun after a possessive: "the agency's report", "the judges' ruling"
    if (
        form == "base"
        and prev is not None
        and not (
            prev.low in ("they", "we", "i", "you")
            or prev.low in PLURAL_NOUNS
            or (prev.low.endswith("s") and not prev.low.endswith("ss"))
            or prev.text in QUOTE_MARKS
            or prev.text == ","
            or _plural_before_place(tokens, k)
            or _joined_names_before(tokens, k)
        )
    ):
        return False
    nxt = tokens[k + 1].low if k + 1 < len(tokens) else ""
    if form in ("third", "base") and (nxt in _AUX_AFTER_NOUN or nxt in lexicon.CUE_FORMS):
        return False  # "Recent reports have revealed", "the claims were": a noun
    if form == "gerund" and _progressive_aux(tokens, k) is None:
        return False  # "saying", "denying": a participle, unless "is saying" (AP style)
    if prev is not None and prev.low in PASSIVE_AUX and form == "past":
        return False
    # A noun after a determiner: "the report", "a claim".
    return prev is None or prev.low not in ("the", "a", "an", "his", "her", "its", "their")


_BE = frozenset("is are was were".split())
_AUX_AFTER_NOUN = frozenset("have has had are were is was will would can could".split())
_BETWEEN = frozenset("once again also now still increasingly repeatedly".split())


def _progressive_aux(tokens: list[Token], k: int) -> int | None:
    """Index of the 'is' of a progressive cue ('Trump is once again warning …'), if any."""
    i = k - 1
    while i >= 0 and (tokens[i].low in _BETWEEN or tokens[i].low.endswith("ly")):
        i -= 1
    return i if i > 0 and tokens[i].low in _BE else None


def _title_case(tokens: list[Token]) -> bool:
    """A headline in title case ('Trump Could Address Clean Energy, Graham Says'), where a
    capitalised cue is still a cue."""
    return title_case(" ".join(t.text for t in tokens))


def _joined_names_before(tokens: list[Token], k: int) -> bool:
    """'Mr. Grassley and Mr. Leahy say': two names joined before a plural verb."""
    window = tokens[max(0, k - 5) : k]
    return (
        k >= 3
        and tokens[k - 1].text[:1].isupper()
        and any(t.low == "and" for t in window)
        and all(t.text[:1].isupper() or t.low == "and" or t.text == "." for t in window[-3:])
    )


def _plural_before_place(tokens: list[Token], k: int) -> bool:
    """'Developers and supporters in Congress say': a plural head before 'in X'."""
    return (
        k >= 3
        and tokens[k - 1].text[:1].isupper()
        and tokens[k - 2].low in ("in", "of", "from", "at", "for")
        and tokens[k - 3].low.endswith("s")
        and not tokens[k - 3].low.endswith("ss")
    )


# Plural nouns without a final -s that take a plural verb: "Police say …".
PLURAL_NOUNS = frozenset("police people staff media data children men women personnel".split())

# The cue as the verb patterns need it: token index, lemma and text as written.
_Cue = tuple[int, str, str]


def _trailing(
    tokens: list[Token],
    cue: _Cue,
    np_span: tuple[int, int] | None,
    after: int,
    text: str,
    sentence_end: int,
) -> RawAttribution | None:
    """'C, X said': the source sits between a comma or closing quote and the cue."""
    k, lemma, cue_text = cue
    if np_span is None or np_span[0] <= 0:
        return None
    tail = skip_object(tokens, after) if lemma == "tell" else after
    if infinitive_after(tokens, tail):
        return None  # "However, despite …, the family continued to shun …": a main verb
    before = tokens[np_span[0] - 1]
    resumed = _resumed_after_that(tokens, tail)
    if not (
        (before.text in (",", "—") or before.text in QUOTE_MARKS)
        and (
            trailing_tail_ok(tokens, tail)
            or _closed_quote_before(tokens, np_span[0], tail)
            or resumed is not None
        )
    ):
        return None
    content_end = before.start if before.text == "," else before_closing(tokens, np_span[0] - 1)
    content_start = tokens[0].start
    if not (
        content_end - content_start > 8
        and np_ok(tokens, np_span)
        and is_clause(tokens, np_span[0] - 1)
    ):
        return None
    extra = after_parenthetical(tokens, after, text, sentence_end)
    if resumed is not None:  # 'The documents indicate, he said in an interview, that C2'
        extra = [(tokens[resumed].start, end_of_content(text, sentence_end))]
    return RawAttribution(
        source=mention_of(tokens, np_span, text),
        cue=cue_text,
        cue_lemma=lemma,
        cue_start=tokens[k].start,
        content_start=content_start,
        content_end=strip_end(text, content_start, content_end),
        via=media(tokens, after, _adjuncts_end(tokens, after), text, tell=lemma == "tell"),
        pattern="trailing",
        extra_content=extra,
    )


def _resumed_after_that(tokens: list[Token], tail: int) -> int | None:
    """Where a sentence resumes after a parenthetical cue: '…, he said in an interview,
    that C2'; the adjuncts between may hold no verb."""
    n = len(tokens)
    for m in range(tail, min(n - 2, tail + 10)):
        if tokens[m].text == ",":
            return m + 2 if tokens[m + 1].low == "that" else None
        if tokens[m].low in FINITE_VERBS or tokens[m].text in QUOTE_MARKS:
            return None
    return None


def _closed_quote_before(tokens: list[Token], source: int, tail: int) -> bool:
    """'“…,” she said several months later, and …': a quotation closed by ',”' before
    the source is the content, whatever narration follows the cue."""
    if source < 2 or tokens[source - 1].text not in QUOTE_MARKS:
        return False
    if tokens[source - 2].text not in (",", "?", "!"):
        return False
    return tail >= len(tokens) or (
        tokens[tail].low != "that"
        and tokens[tail].text not in QUOTE_MARKS
        and tokens[tail].text != ":"
    )


def _inverted(
    tokens: list[Token], cue: _Cue, after: int, text: str, sentence_end: int
) -> RawAttribution | None:
    """'"C," said Mr Smith.': the source follows a cue that follows the content."""
    k, lemma, cue_text = cue
    if k <= 1:
        return None
    prev = tokens[k - 1]
    if not (prev.text == "," or prev.text in QUOTE_MARKS):
        return None
    quoted = prev.text in QUOTE_MARKS or (k > 1 and tokens[k - 2].text in QUOTE_MARKS)
    span = right_np(tokens, after, plain=quoted)
    if span is None:
        return None
    n = len(tokens)
    tail = span[1] + 1
    closing = _closing_paren(tokens, tail)
    if closing is not None:  # '"C," said Rep. Jane Roe (D-Ore.), who …': party and state
        span, tail = (span[0], closing), closing + 1
    if not (
        tail >= n or tokens[tail].text in (",", ".", "!", "?") or tokens[tail].low in ADJUNCT_START
    ):
        return None
    content_end = prev.start if prev.text == "," else before_closing(tokens, k - 1)
    if content_end - tokens[0].start <= 8:
        return None
    mention = mention_of(tokens, span, text)
    if tail < n and tokens[tail].text == ",":
        mention.appositive = text[tokens[tail].end : sentence_end].strip(" .")
    return RawAttribution(
        source=mention,
        cue=cue_text,
        cue_lemma=lemma,
        cue_start=tokens[k].start,
        content_start=tokens[0].start,
        content_end=strip_end(text, tokens[0].start, content_end),
        via=media(tokens, tail, _adjuncts_end(tokens, tail), text),
        pattern="inverted",
    )


def _adjuncts_end(tokens: list[Token], i: int) -> int:
    """Where the adjuncts after a closing cue end ('told CNN on Friday, adding …')."""
    j, n = i, len(tokens)
    while j < n and tokens[j].text not in (",", ".", "!", "?", ";", ":"):
        if tokens[j].text in QUOTE_MARKS:  # 'on "Fox News Sunday."': the title is one unit
            close = next(
                (m for m in range(j + 1, min(n, j + 12)) if tokens[m].text in QUOTE_MARKS), None
            )
            if close is not None:
                j = close
        j += 1
    return j


def _closing_paren(tokens: list[Token], i: int) -> int | None:
    """Index of the ")" closing a short parenthesis that opens at token i, if one does."""
    if i >= len(tokens) or tokens[i].text != "(":
        return None
    for j in range(i + 1, min(len(tokens), i + 9)):
        if tokens[j].text == ")":
            return j
    return None


def _leading(
    tokens: list[Token],
    cue: _Cue,
    np_span: tuple[int, int] | None,
    j: int,
    after: int,
    text: str,
    sentence_end: int,
) -> RawAttribution | None:
    """'X said (that) C': the source opens the clause, the content follows the cue.

    `j` is the last token before the cue once adverbs and dates are stepped over.
    """
    k, lemma, cue_text = cue
    n = len(tokens)
    appositive = False
    if j >= 1 and tokens[j].text == "who" and (np_span is None or np_span[1] == j):
        # "an architect who said he was stiffed", "Jones, who said C": the relative's head.
        end = j - 2 if j >= 2 and tokens[j - 1].text == "," else j - 1
        head = relative_head(tokens, end)
        if head is None or tokens[head[1]].low in lexicon.PRONOUNS:
            return None
        np_span, appositive = head, True
        if tokens[j - 1].text == ",":  # "Ann Lee, who said C, added …": C ends at the comma
            sentence_end = next((t.start for t in tokens[k + 1 :] if t.text == ","), sentence_end)
    if np_span is None:
        np_span = appositive_subject(tokens, j) or name_with_appositives(tokens, j)
        appositive = np_span is not None
    np_span = _plain_subject(tokens, np_span, j, after, lemma)
    if np_span is None or not np_ok(tokens, np_span):
        return None
    cleaned = source_span(tokens, np_span, k)
    if cleaned is None:
        return None
    if cleaned[0] != np_span[0]:  # share-bar words went: the name opens the clause
        np_span = cleaned
    elif not appositive and not clause_start(tokens, np_span[0]):
        # "…, and quoted …": subject of the coordinated verb is the sentence subject.
        return None
    content_from = content_index(tokens, after, hearer=lemma == "tell", lemma=lemma)
    if content_from >= n:
        return None
    if lemma in OBJECT_CUES and not proposition(tokens, content_from):
        return None  # "rejected Trump's offer", "recalled the effort": an act, no statement
    content_start = tokens[content_from].start
    content_end = end_of_content(text, sentence_end)
    continues = text[content_end:sentence_end].strip().startswith(":") or (
        content_end <= content_start and text[sentence_end - 1] == ":"
    )
    if content_end - content_start < 3 and not continues:
        return None
    if (
        lemma in lexicon.WEAK_CUES
        and " " not in cue_text  # "released a statement saying …" names its statement
        and not any(
            t.low == "that" or t.text in QUOTE_MARKS or t.text == ":"
            for t in tokens[after : after + 7]
        )
        and not (lemma == "call" and characterises(tokens, after))
    ):
        return None
    mention = mention_of(tokens, np_span, text)
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
        # "In an interview with Time magazine, Khan said": a medium before the source too.
        via=media(tokens, 0, np_span[0], text)
        + media(tokens, after, content_from, text, tell=lemma == "tell"),
        pattern="leading",
        continues=continues,
    )


_SPEECH_GERUNDS = frozenset(
    """saying adding telling warning noting claiming insisting arguing calling accusing
    describing stating explaining denying urging suggesting citing declaring
    stressing emphasizing emphasising vowing promising""".split()
)


def continued(
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
    j = skip_left(tokens, k - 1)
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
        span = right_np(tokens, start)
        if span is None or span[1] + 1 >= j or not np_ok(tokens, span):
            return None
        follower = tokens[span[1] + 1]
        if not (follower.text.islower() and follower.text.isalpha()):
            return None
        source = mention_of(tokens, span, text)
    elif form == "gerund":
        span = left_np(tokens, subject_end(tokens), 0)
        if span is None or span[0] != 0 or not np_ok(tokens, span):
            return None
        source = mention_of(tokens, span, text)
    else:
        return None
    content_from = content_index(tokens, last + 1, hearer=lemma == "tell")
    if content_from >= len(tokens):
        return None
    content_start = tokens[content_from].start
    content_end = end_of_content(text, sentence_end)
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


def quoted(tokens: list[Token], k: int, text: str, sentence_end: int) -> RawAttribution | None:
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
    content_from = content_index(tokens, as_idx + 2, hearer=telling)
    if content_from >= n:
        return None
    content_start = tokens[content_from].start
    content_end = end_of_content(text, sentence_end)
    prev = skip_left(tokens, k - 1)
    if prev >= 0 and tokens[prev].low in ("was", "were", "been", "is", "are"):
        # Passive: 'Y was quoted by X as saying'.
        subj = left_np(tokens, skip_left(tokens, prev - 1), 0)
        if subj is None:
            return None
        via: list[Mention] = []
        if tokens[k + 1].low == "by" and as_idx > k + 2:
            via.append(mention_of(tokens, (k + 2, as_idx - 1), text))
        if subj[0] > 0 and (
            tokens[subj[0] - 1].text == "," or tokens[subj[0] - 1].text in QUOTE_MARKS
        ):
            # '"C," Y was quoted by X as saying': the content is what came before.
            content_start = tokens[0].start
            content_end = strip_end(text, content_start, before_closing(tokens, subj[0] - 1))
        return RawAttribution(
            source=mention_of(tokens, subj, text),
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
    speaker = mention_of(tokens, (k + 1, as_idx - 1), text)
    cue = f"{tokens[k].text} … as {tokens[as_idx + 1].text}"
    reporter = left_np(tokens, prev, 0) if prev >= 0 else None
    via = []
    if reporter is not None and clause_start(tokens, reporter[0]):
        via.append(mention_of(tokens, reporter, text))
    elif prev >= 0 and tokens[prev].low == "and":
        subject = left_np(tokens, subject_end(tokens), 0)
        if subject is not None:
            via.append(mention_of(tokens, subject, text))
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
