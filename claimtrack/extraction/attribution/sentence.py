"""analyse: the attributions of one sentence, with the patterns found in it combined."""

from __future__ import annotations

from claimtrack.extraction import lexicon
from claimtrack.extraction.attribution.according import according_to, nominal
from claimtrack.extraction.attribution.content import strip_end
from claimtrack.extraction.attribution.cues import find_cues
from claimtrack.extraction.attribution.patterns import continued, quoted, verb_cue
from claimtrack.extraction.attribution.spans import RawAttribution, Token, tokenize
from claimtrack.extraction.attribution.words import QUOTE_MARKS


def analyse(text: str, start: int, end: int) -> list[RawAttribution]:
    """Attributions in the sentence text[start:end]; offsets index `text`."""
    tokens = tokenize(text[start:end], start)
    cues = find_cues(tokens)
    if not cues:
        return []
    leading, trailing = _by_pattern(tokens, cues, text, end)
    if trailing is not None:
        # '"C1," the mayor said, adding that C2': the gerund is a claim of its own.
        adding = [
            a for a in leading if a.pattern == "continued" and a.cue_start > trailing.cue_start
        ]
        leading = [a for a in leading if a not in adding]
        if text[trailing.content_start] in QUOTE_MARKS:
            return [trailing, *adding]  # '"People say, 'C,'" said King': all King's quotation
        return [_join_trailing(leading, trailing), *adding]
    if not leading:
        return []
    return _chain_leading(leading, tokens, text)


def _by_pattern(
    tokens: list[Token], cues: list[tuple[int, int, str, str]], text: str, end: int
) -> tuple[list[RawAttribution], RawAttribution | None]:
    """Each cue's attribution in reading order: those led by their source, and the last other.

    A continued cue ("… and said B") looks back at the leading ones found so
    far, so the cues are taken strictly in order.
    """
    leading: list[RawAttribution] = []
    trailing: RawAttribution | None = None
    for k, last, lemma, form in cues:
        cue_text = text[tokens[k].start : tokens[last].end]
        if lemma == "according to":
            att = according_to(tokens, k, last, text, end)
            if att is not None:
                if att.pattern == "trailing":
                    trailing = att
                else:
                    leading.append(att)
            continue
        if form in ("quoted", "noun"):
            att = (
                quoted(tokens, k, text, end) if form == "quoted" else nominal(tokens, k, text, end)
            )
            if att is not None:
                leading.append(att)
            continue
        if form == "phrase":
            form = "past"
        before = leading if trailing is None else [*leading, trailing]
        att = continued(tokens, k, last, lemma, form, cue_text, text, end, before)
        if att is None:
            att = verb_cue(tokens, k, last, lemma, form, cue_text, text, end)
        if att is None:
            continue
        if att.pattern in ("trailing", "inverted"):
            trailing = att
        else:
            leading.append(att)
    return leading, trailing


def _join_trailing(leading: list[RawAttribution], trailing: RawAttribution) -> RawAttribution:
    """A sentence with a trailing cue gives one attribution.

    When a leading one sits inside the trailing one's content ('"Y said C," X
    wrote'), Y speaks via X; otherwise the trailing one stands alone.
    """
    inner = [
        a
        for a in leading
        if a.cue_start < trailing.cue_start and a.source.start < trailing.source.start
    ]
    if not inner or trailing.source.text.lower() in lexicon.PRONOUNS:
        return trailing  # 'The documents indicate, he said, that …': he is no intermediary
    first = inner[0]
    first.via.append(trailing.source)
    first.content_end = min(first.content_end, trailing.content_end)
    first.extra_content = trailing.extra_content
    return first


def _chain_leading(
    leading: list[RawAttribution], tokens: list[Token], text: str
) -> list[RawAttribution]:
    """Keep the later leading attributions that open a clause of their own.

    Each one kept cuts the content of the one before it where its clause begins.
    """
    by_start = {t.start: k for k, t in enumerate(tokens)}
    results = [leading[0]]
    for att in leading[1:]:
        prev = results[-1]
        if att.pattern == "continued":
            # "X said A and said B", "X said A, adding B": the first content stops at the join.
            cut = att.extra_content[0][0] if att.extra_content else att.cue_start
            att.extra_content = []
            if cut > prev.content_start:
                prev.content_end = strip_end(text, prev.content_start, min(prev.content_end, cut))
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
