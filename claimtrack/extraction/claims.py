"""Extraction stage: article text in, attributed claims out (pure, no I/O).

Reads the article once in order: boilerplate blocks are skipped, each
sentence feeds the speaker memory, and sentences with a reporting cue are
analysed into claims with their speaker, cue, chain, stance, hedges and
figures.  Offsets always index ``article.text``.
"""

from __future__ import annotations

import bisect
import re
from functools import cache

from claimtrack.extraction import lexicon
from claimtrack.extraction.attribution import RawAttribution, analyse, has_cue
from claimtrack.extraction.clean import content_spans
from claimtrack.extraction.continued import continuation
from claimtrack.extraction.descriptions import PERSON_NOUNS
from claimtrack.extraction.mentions import ArticleSpeakers
from claimtrack.extraction.narration import own_voice
from claimtrack.extraction.numbers import find_figures
from claimtrack.extraction.segment import Span, quote_spans, split_sentences
from claimtrack.extraction.stance import stance as stance_of
from claimtrack.extraction.transcript import turn
from claimtrack.models import (
    Article,
    Claim,
    Extraction,
    Figure,
    QuoteKind,
    Speaker,
    SpeakerKind,
)

_QUOTE_CHARS = '"“”‘’«»'


@cache
def _hedge_re() -> re.Pattern[str]:
    words = sorted(lexicon.HEDGES, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)", re.I)


def extract(article: Article) -> Extraction:
    """Split one article into attributed claims; offsets index ``article.text``."""
    text = article.text
    blocks = [Span(s, e) for s, e in content_spans(text)]
    quotes = quote_spans(text, blocks)
    sentences: list[Span] = []
    for block in blocks:
        sentences.extend(split_sentences(text, block.start, block.end))
    memory = ArticleSpeakers()
    memory.text = text
    claims: list[Claim] = []
    continued: set[int] = set()  # sentences already claimed as a quotation going on
    starts = [s.start for s in sentences]
    opening = {b.start for b in blocks}
    for index, sent in enumerate(sentences):
        body = text[sent.start : sent.end]
        spoken = (
            turn(text, sent.start, sent.end, index == 0, lambda: memory.common_words)
            if sent.start in opening
            else None
        )
        if spoken is not None:  # "CLINTON: I feel …" in a transcript
            claims.extend(_claims_from(spoken, text, sent, sentences, index, starts, [], memory))
        if not has_cue(body):
            memory.observe(text, sent.start, sent.end)
            continue
        if index in continued:
            memory.observe(text, sent.start, sent.end)
            continue
        found: list[Claim] = []
        for raw in analyse(text, sent.start, sent.end):
            if _quoted_inside(raw, quotes):
                continue  # "… I said …" inside a quotation is the quoted speaker's narrative
            found.extend(_claims_from(raw, text, sent, sentences, index, starts, quotes, memory))
        claims.extend(found)
        for covered, claim in _continued(text, found, sentences, starts, blocks, quotes):
            continued.update(covered)
            claims.append(claim)
        memory.observe(text, sent.start, sent.end)
    if article.outlet:
        claims = [_without_own_outlet(c, article.outlet) for c in claims]
    claims = _named_later(claims, memory)
    claims.extend(own_voice(article, sentences, claims, quotes))
    claims.sort(key=lambda c: (c.start, not c.attributed))
    return Extraction(article=article, claims=claims, speakers=_speakers(claims, memory))


def _without_own_outlet(claim: Claim, outlet: str) -> Claim:
    """'he said in the interview with Breitbart News', read on breitbart.com: the outlet
    itself carried the words, so it is the article's publisher, not a link in the chain."""
    key = _outlet_key(outlet)

    def own(via: str) -> bool:
        words = _outlet_key(via, all_words=True).split()
        return key in words or key == "".join(words)  # 'coastherald' ~ 'Coast Herald'

    kept = [v for v in claim.via if not own(v)]
    return claim if len(kept) == len(claim.via) else claim.model_copy(update={"via": kept})


def _outlet_key(name: str, all_words: bool = False) -> str:
    """'www.breitbart.com' -> 'breitbart'; 'Breitbart News' -> 'breitbart news' (all words)."""
    low = name.lower().removeprefix("www.")
    if not all_words and "." in low and " " not in low:
        low = low.split(".")[0]  # a host name: its first label
    words = re.findall(r"[a-z0-9]+", low)
    return " ".join(words) if all_words else (words[0] if words else "")


def _continued(
    text: str,
    found: list[Claim],
    sentences: list[Span],
    starts: list[int],
    blocks: list[Span],
    quotes: list[Span],
) -> list[tuple[range, Claim]]:
    """Claims for the sentences that carry on the last quotation found: '"A," X said. "B."'."""
    quoted = [c for c in found if c.quote is not QuoteKind.indirect]
    if not quoted:
        return []
    base = quoted[-1]
    last = bisect.bisect_right(starts, base.end - 1) - 1
    out: list[tuple[range, Claim]] = []
    for sent in continuation(text, sentences, last, blocks, quotes):
        body = text[sent.start : sent.end]
        if has_cue(body) and analyse(text, sent.start, sent.end):
            break  # '"B," Kim added.': an attribution of its own
        a, b = _trim_quotes(text, sent.start, sent.end)
        if b - a < 2:
            break
        content = text[a:b]
        first = bisect.bisect_left(starts, sent.start)
        out.append(
            (
                range(first, bisect.bisect_left(starts, sent.end)),
                base.model_copy(
                    update={
                        "text": content,
                        "sentence": body,
                        "start": sent.start,
                        "end": sent.end,
                        "quote": QuoteKind.direct,
                        "stance": stance_of("say", content),
                        "hedges": _hedges(content, ""),
                        "figures": find_figures(content, offset=a),
                    }
                ),
            )
        )
    return out


def _claims_from(
    raw: RawAttribution,
    text: str,
    sent: Span,
    sentences: list[Span],
    index: int,
    starts: list[int],
    quotes: list[Span],
    memory: ArticleSpeakers,
) -> list[Claim]:
    segments = [(raw.content_start, raw.content_end), *raw.extra_content]
    passage_start, passage_end = sent.start, sent.end
    if raw.continues and index + 1 < len(sentences):
        nxt = sentences[index + 1]
        segments = (
            [(nxt.start, nxt.end)]
            if raw.content_end <= raw.content_start
            else [*segments, (nxt.start, nxt.end)]
        )
        passage_end = nxt.end
    # A direct quotation that runs past the sentence belongs to the claim whole.
    for q in quotes:
        if q.end <= passage_start or q.start >= passage_end:
            continue
        if q.start < passage_start - 1 or q.end > passage_end:
            lo = min(passage_start, q.start - 1)
            hi = max(passage_end, q.end + 1)
            passage_start = sentences[max(0, bisect.bisect_right(starts, lo) - 1)].start
            passage_end = sentences[max(0, bisect.bisect_right(starts, hi - 1) - 1)].end
            segments = _extend_segments(segments, q)
    segments = [_trim_quotes(text, a, _cut_gloss(text, a, b)) for a, b in segments if b > a]
    if not segments:
        return []
    content = " … ".join(text[a:b] for a, b in segments)
    if len(content.strip()) < 2 or _question(content, text[segments[-1][1] :][:2]):
        return []
    quote_kind = _quote_kind(segments, quotes)
    cue_region = text[min(raw.source.end, raw.cue_start) : raw.cue_start + len(raw.cue)]
    stance = stance_of(raw.cue_lemma, content)
    hedges = _hedges(content, cue_region)
    figures: list[Figure] = []
    for a, b in segments:
        figures.extend(find_figures(text[a:b], offset=a))
    speakers = memory.resolve(raw.source.text, raw.source.start, raw.source.appositive)
    via_names: list[str] = []
    for v in raw.via:
        if v.medium:
            via_names.append(memory.medium(v.text, v.start).name)
            continue
        for spk in memory.resolve(v.text, v.start):
            via_names.append(spk.name)
    outside = text[sent.start : raw.content_start] + text[raw.content_end : sent.end]
    if "statement" in outside and speakers:
        memory.mark_statement(via_names[-1] if via_names else speakers[0].name)
    return [
        Claim(
            speaker=None if _unresolved(spk) else spk.name,
            speaker_mention=raw.source.text,
            speaker_kind=spk.kind,
            cue=" ".join(raw.cue.split()),
            via=via_names,
            text=content,
            sentence=text[passage_start:passage_end],
            start=passage_start,
            end=passage_end,
            quote=quote_kind,
            stance=stance,
            hedges=hedges,
            figures=figures,
        )
        for spk in speakers
    ]


def _question(content: str, after: str) -> bool:
    """'Secretary Clinton, did you lie to them?': a question states nothing to check."""
    bare = content.strip().strip("\"“”‘’' ")
    asks = bare.endswith("?") or after.lstrip("\"“”‘’' ").startswith("?")
    return asks and not re.search(r"[.!?;:]\s", bare)


def _unresolved(speaker: Speaker) -> bool:
    """A pronoun or description no antecedent was clearly meant by: the claim names no speaker."""
    return speaker.kind is SpeakerKind.unknown


# ", further complicating …" after a quotation is the writer's gloss, not the claim.
_GLOSS = re.compile(
    r"(?:[”\"’],|,[”\"’]?)\s+(?:further|thereby|effectively|potentially|a move|in a move)\b"
    r"|[”\"’],\s+\w+ing\b"
)


def _cut_gloss(text: str, a: int, b: int) -> int:
    found = _GLOSS.search(text, a, b)
    if found is None or found.start() - a < 20:
        return b
    cut = found.start()
    if text[cut] in '”"’':
        return cut + 1
    if text[cut + 1] in '”"’':
        return cut + 2  # 'rumors,” further …': keep the closing mark
    return cut


def _quoted_inside(raw: RawAttribution, quotes: list[Span]) -> bool:
    for q in quotes:
        if q.start <= raw.cue_start < q.end and q.start <= raw.source.start < q.end:
            return True
    return False


def _extend_segments(segments: list[tuple[int, int]], q: Span) -> list[tuple[int, int]]:
    """Grow the content segment that touches a quotation to cover all of it."""
    out = []
    for a, b in segments:
        if a <= q.end and b >= q.start - 1:
            out.append((min(a, q.start), max(b, q.end)))
        else:
            out.append((a, b))
    return out


def _trim_quotes(text: str, a: int, b: int) -> tuple[int, int]:
    """Content without white space, trailing punctuation and an enclosing pair of marks."""
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1] in " ,.;:\n":
        b -= 1
    if text.startswith("''", a) and b - a > 4:
        a += 2  # ''…'': two apostrophes as a quotation mark (the closing pair may be cut)
        while b > a and text[b - 1] in " ,.;:\n'":
            b -= 1
    elif b - a > 1 and text[a] in _QUOTE_CHARS and text[b - 1] in _QUOTE_CHARS:
        a, b = a + 1, b - 1
        while b > a and text[b - 1] in " ,.;:\n":
            b -= 1
    elif a < b and text[a] in _QUOTE_CHARS and not _has_quote_mark(text[a + 1 : b]):
        a += 1  # an opening mark whose quotation closes beyond the content
    return a, b


# An apostrophe between letters ("That’s") is not a quotation mark.
_APOSTROPHE = re.compile(r"(?<=\w)[’'](?=\w)")


def _has_quote_mark(span: str) -> bool:
    return any(c in _QUOTE_CHARS for c in _APOSTROPHE.sub("", span))


def _quote_kind(segments: list[tuple[int, int]], quotes: list[Span]) -> QuoteKind:
    total = sum(b - a for a, b in segments)
    inside = 0
    for a, b in segments:
        for q in quotes:
            lo, hi = max(a, q.start), min(b, q.end)
            if hi > lo:
                inside += hi - lo
    if total == 0:
        return QuoteKind.none
    if inside >= 0.85 * total:
        return QuoteKind.direct
    if inside > 0:
        return QuoteKind.mixed
    return QuoteKind.indirect


def _hedges(content: str, cue_region: str) -> list[str]:
    found: list[str] = []
    for source in (cue_region, content):
        for m in _hedge_re().finditer(source):
            word = m.group().lower()
            if word not in found:
                found.append(word)
    return found


def _named_later(claims: list[Claim], memory: ArticleSpeakers) -> list[Claim]:
    """A headline's 'Australian woman claims …' is the one person the article later
    describes so ('Ann Lee, an Australian woman and former nurse'); two such, or none,
    leave the description as it was written."""
    renamed: dict[str, str] = {}
    for entity in memory.entities:
        words = entity.name.split()
        if entity.kind is not SpeakerKind.person or words[-1] not in PERSON_NOUNS:
            continue
        pattern = re.compile(r"\b" + re.escape(entity.name.lower()) + r"\b")
        named = [
            other.name
            for other in memory.entities
            if other is not entity
            and other.kind is SpeakerKind.person
            and other.title
            and other.name.split()[-1][:1].isupper()
            and pattern.search(other.title.lower())
        ]
        if len(named) == 1:
            renamed[entity.name] = named[0]
    if not renamed:
        return claims
    return [
        c.model_copy(update={"speaker": renamed[c.speaker]}) if c.speaker in renamed else c
        for c in claims
    ]


def _speakers(claims: list[Claim], memory: ArticleSpeakers) -> list[Speaker]:
    """The article's speakers, one per canonical name, in order of first claim."""
    by_name = {e.name: e for e in memory.entities}
    seen: dict[str, Speaker] = {}
    for claim in claims:
        if claim.speaker is None or claim.speaker in seen:
            continue
        entity = by_name.get(claim.speaker)
        if entity is not None:
            seen[claim.speaker] = entity.speaker()
    return list(seen.values())
