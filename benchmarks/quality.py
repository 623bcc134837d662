"""Extraction-quality benchmark: how many attributions claimtrack finds, and how well.

Two gold sets, one scorer:

* ``--polnear DIR``: PolNeAR (real 2016 US election news, brat standoff).  The
  corpus may not be redistributed, so it is read from a path, never copied in.
* ``--real``: the real-news gold (``benchmarks/realnews``): 48 articles by other
  writers annotated by hand for speaker, stance and intermediaries, scored
  with the speaker required to be right (``benchmarks/realnews.py``).
* ``--gold [DIR]``: the project's own annotated examples in ``benchmarks/gold``,
  which also label speaker, stance, cue, intermediaries, figures and
  boilerplate, and which ``tests/test_quality_gate.py`` gates on.

The functions are importable (the gate test loads this file by path) so that
the numbers in CI and on a developer's terminal come from the same code.

Examples::

    python benchmarks/quality.py --polnear ../shared/data/polnear/dev --limit 20 --verbose
    python benchmarks/quality.py --gold --json
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run as a script from anywhere, without installing
    sys.path.insert(0, str(REPO))

from claimtrack.models import Article, Claim, Extraction  # noqa: E402

GOLD_DIR = REPO / "benchmarks" / "gold"
BASELINE = REPO / "benchmarks" / "baseline.json"

Span = tuple[int, int]
Extractor = Callable[[Article], Extraction]

# Share of the smaller span's word tokens that must be shared for two
# content spans to count as the same attribution (the usual "soft" match of
# attribution work, which tolerates different boundaries around "that" and
# quotation marks).
MIN_OVERLAP = 0.5

# --- Speech cues ---------------------------------------------------------------
# Reporting verbs that make a PolNeAR attribution a *reported statement*, the
# subset claimtrack extracts.  Kept here rather than imported from
# claimtrack.extraction.lexicon on purpose: the benchmark must not define its gold by the
# extractor's own vocabulary.  Compiled from the brief's list plus the speech
# cues that are frequent in PolNeAR train (continued, asked, cited, read...);
# belief, intention and endorsement cues (think, want, back, expect, show,
# find) are left out.
_SPEECH_LEMMAS = """
say tell state announce confirm warn deny dismiss quote report add note claim argue
insist explain write tweet post declare acknowledge admit suggest reply respond ask
urge call accuse allege assert contend describe characterise characterize indicate
demand condemn criticize criticise reject refute promise vow predict testify recall
complain estimate reveal disclose comment maintain emphasise emphasize stress concede
boast joke mention inform signal blast slam praise continue answer email recount
reiterate echo lament decry denounce mock charge blame cite attack knock question
challenge defend counter retort quip assure pledge threaten speak read repeat caution
conclude observe dispute rebuff label brand hail highlight underscore agree disagree
proclaim exclaim remark muse wonder shout scream swear grumble gripe
"""
SPEECH_LEMMAS: tuple[str, ...] = tuple(_SPEECH_LEMMAS.split())

# Multi-word cues: the first word is inflected, the rest kept as is.
SPEECH_PHRASES = (
    "according to",
    "point out",
    "go on to say",
    "go on",
    "make clear",
    "make it clear",
    "put it",
    "rail against",
    "talk about",
    "weigh in",
    "in a statement",
    "in an interview",
    "in a tweet",
)

_IRREGULAR = {
    "say": ("says", "said", "saying"),
    "tell": ("tells", "told", "telling"),
    "write": ("writes", "wrote", "written", "writing"),
    "speak": ("speaks", "spoke", "spoken", "speaking"),
    "read": ("reads", "reading"),
    "go": ("goes", "went", "gone", "going"),
    "make": ("makes", "made", "making"),
    "put": ("puts", "putting"),
    "swear": ("swears", "swore", "sworn", "swearing"),
}


def _inflections(lemma: str) -> set[str]:
    """Regular English inflections; over-generating is harmless for matching."""
    forms = {lemma}
    if lemma in _IRREGULAR:
        forms.update(_IRREGULAR[lemma])
    elif lemma.endswith("e"):
        forms |= {lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    elif lemma.endswith("y") and lemma[-2] not in "aeiou":
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    elif lemma.endswith(("s", "sh", "ch", "x", "z")):
        forms |= {lemma + "es", lemma + "ed", lemma + "ing"}
    else:
        forms |= {lemma + "s", lemma + "ed", lemma + "ing"}
        if re.search(r"[^aeiou][aeiou][bdgklmnprt]$", lemma):  # admit -> admitted
            forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms


# surface form -> lemma ('said' -> 'say')
SPEECH_LEMMA_OF: dict[str, str] = {
    form: lemma for lemma in SPEECH_LEMMAS for form in _inflections(lemma)
}
SPEECH_FORMS: frozenset[str] = frozenset(SPEECH_LEMMA_OF)
_PHRASE_FORMS: tuple[str, ...] = tuple(
    " ".join((form, *rest))
    for first, *rest in (phrase.split() for phrase in SPEECH_PHRASES)
    for form in _inflections(first)
)

_PRONOUNS = """he she they it we i you his her their its our my your him them us me himself
herself themselves itself ourselves myself yourself one this that these those who which"""
PRONOUNS = frozenset(_PRONOUNS.split())

_WORD = re.compile(r"[^\W_]+")
_DETERMINERS = frozenset(("the", "a", "an", "some", "several", "many", "two", "three", "four"))
_STOP = frozenset(
    ("the", "a", "an", "of", "and", "s", "for", "at", "in", "on", "to", "by", "from", "with")
)


def normalise_cue(cue: str) -> str:
    """Lower-case, punctuation to spaces: the form cue lists are compared in."""
    return " ".join(_WORD.findall(cue.lower()))


def is_speech_cue(cue: str) -> bool:
    """True when the cue contains a reporting verb or phrase (said, according to...)."""
    norm = normalise_cue(cue)
    if any(token in SPEECH_FORMS for token in norm.split()):
        return True
    padded = f" {norm} "
    return any(f" {phrase} " in padded for phrase in _PHRASE_FORMS)


def fold(text: str) -> str:
    """Case, accents and hyphens folded: 'Jean-Luc Mélenchon' ~ 'jean luc melenchon'."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(_WORD.findall(plain.lower()))


def is_pronoun(surface: str) -> bool:
    """A source that is only pronouns ('he', 'they', 'his'), which claimtrack resolves."""
    words = [w for w in _WORD.findall(surface.lower()) if w != "s"]
    return bool(words) and all(w in PRONOUNS for w in words)


# --- Spans and tokens ------------------------------------------------------------


class TokenIndex:
    """Word tokens of one document, so spans can be compared by shared words."""

    def __init__(self, text: str) -> None:
        tokens = [(m.start(), m.end()) for m in _WORD.finditer(text)]
        self.starts = [s for s, _ in tokens]
        self.ends = [e for _, e in tokens]

    def tokens_in(self, spans: Iterable[Span]) -> frozenset[int]:
        """Indices of the tokens that overlap any of the spans."""
        found: set[int] = set()
        for start, end in spans:
            first = bisect_right(self.ends, start)
            last = bisect_left(self.starts, end)
            found.update(range(first, last))
        return frozenset(found)


def overlap_ratio(a: frozenset[int], b: frozenset[int]) -> float:
    """Shared tokens over the smaller side (0 when either side has no words)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def spans_overlap(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def find_near(haystack: str, needle: str, offset: int, target: Span) -> Span | None:
    """The occurrence of ``needle`` nearest ``target``, preferring ones outside it.

    Used to place a cue given as a string ('said') in the text; a cue inside
    the content (a quote that itself contains 'said') is the last resort.
    """
    needle = needle.strip()
    if not needle:
        return None
    pattern = re.compile(r"(?<!\w)" + re.escape(needle) + r"(?!\w)", re.IGNORECASE)
    best: tuple[bool, int, Span] | None = None
    for m in pattern.finditer(haystack):
        span = (offset + m.start(), offset + m.end())
        inside = spans_overlap(span, target)
        distance = 0 if inside else max(target[0] - span[1], span[0] - target[1])
        key = (inside, distance, span)
        if best is None or key[:2] < best[:2]:
            best = key
    return best[2] if best else None


# --- Gold attributions -----------------------------------------------------------


@dataclass(frozen=True)
class GoldAttribution:
    """One gold attribution; the label fields are set only for the project's own gold."""

    content: tuple[Span, ...]
    cue: tuple[Span, ...]
    source: tuple[Span, ...]
    content_text: str
    cue_text: str
    source_text: str
    speech: bool = True
    speaker: str | None = None
    mention: str | None = None
    stance: str | None = None
    via: tuple[str, ...] = ()
    figures: tuple[tuple[float, str | None], ...] = ()
    quote: str | None = None
    hedges: tuple[str, ...] = ()


_T_LINE = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)(?:\t|$)")
_E_LINE = re.compile(r"^(E\d+)\t(.*)$")


def parse_ann(ann: str, text: str) -> list[GoldAttribution]:
    """Attribution relations of one brat ``.ann`` file over ``text``.

    Surfaces are re-read from ``text`` by offset rather than taken from the
    file, because brat writes multi-line surfaces over several lines; any line
    that is not a T or E record (notes, continuations) is ignored.  Content2
    (a second content span) is merged into Content.
    """
    spans: dict[str, tuple[str, tuple[Span, ...]]] = {}
    relations: list[dict[str, list[str]]] = []
    for line in ann.split("\n"):
        if m := _T_LINE.match(line):
            parts = tuple(
                (int(a), int(b)) for a, b in (chunk.split() for chunk in m.group(3).split(";"))
            )
            spans[m.group(1)] = (m.group(2), parts)
        elif m := _E_LINE.match(line):
            roles: dict[str, list[str]] = {}
            for arg in m.group(2).split():
                role, _, ref = arg.partition(":")
                role = re.sub(r"\d+$", "", role)  # Content2 -> Content
                roles.setdefault(role, []).append(ref)
            relations.append(roles)

    def collect(roles: dict[str, list[str]], role: str) -> tuple[Span, ...]:
        found: list[Span] = []
        for ref in roles.get(role, []):
            if ref in spans:
                found.extend(spans[ref][1])
        return tuple(sorted(set(found)))

    def surface(parts: tuple[Span, ...]) -> str:
        return " ".join(text[a:b] for a, b in parts)

    result: list[GoldAttribution] = []
    for roles in relations:
        content, cue, source = (collect(roles, r) for r in ("Content", "Cue", "Source"))
        if not content and not cue:
            continue  # nothing to match against
        cue_text = surface(cue)
        result.append(
            GoldAttribution(
                content=content,
                cue=cue,
                source=source,
                content_text=surface(content),
                cue_text=cue_text,
                source_text=surface(source),
                speech=bool(cue) and is_speech_cue(cue_text),
            )
        )
    return result


@dataclass
class Doc:
    """One article with its gold; ``boilerplate`` spans must yield no claim."""

    name: str
    text: str
    title: str | None
    gold: list[GoldAttribution]
    boilerplate: list[Span] = field(default_factory=list)


def read_text(path: Path) -> str:
    """Read an article exactly as annotated.

    ``newline=''`` keeps any \\r, so Python offsets equal the annotation
    offsets; the same string is what extract() sees, so predicted offsets
    are in the same coordinates.  (PolNeAR dev and train have no \\r.)
    """
    with open(path, encoding="utf-8", newline="") as fh:
        return fh.read()


def title_of(text: str) -> str | None:
    first = text.lstrip().split("\n", 1)[0].strip()
    return first or None


def load_polnear(folder: Path, limit: int | None = None) -> tuple[list[Doc], list[str]]:
    """Articles of one PolNeAR split, each with its first annotator's relations.

    Returns the documents and the names of texts that had no annotation file.
    """
    text_dir, ann_dir = folder / "text", folder / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise FileNotFoundError(f"{folder}: expected text/ and attributions/ folders")
    anns: dict[str, list[Path]] = {}
    for ann in sorted(ann_dir.glob("*.ann")):
        anns.setdefault(ann.stem.rsplit("_", 1)[0], []).append(ann)
    docs: list[Doc] = []
    missing: list[str] = []
    for path in sorted(text_dir.glob("*.txt")):
        if limit is not None and len(docs) >= limit:
            break
        if path.stem not in anns:
            missing.append(path.stem)
            continue
        text = read_text(path)
        gold = parse_ann(read_text(anns[path.stem][0]), text)
        docs.append(Doc(path.stem, text, title_of(text), gold))
    return docs, missing


_QUOTES = frozenset(("direct", "indirect", "mixed"))
_STANCES = frozenset(("assert", "deny"))
_ATTRIBUTION_KEYS = frozenset(
    ("speaker", "mention", "cue", "content", "stance", "via", "figures", "quote", "hedges")
)


def validate_gold(record: dict[str, Any]) -> list[str]:
    """Problems with one project gold record; empty when it is well formed."""
    errors: list[str] = []
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return ["'text' must be a non-empty string"]
    for key in record:
        if key not in ("text", "title", "attributions", "boilerplate", "notes"):
            errors.append(f"unknown key {key!r}")
    for i, item in enumerate(record.get("attributions", [])):
        where = f"attributions[{i}]"
        for key in item:
            if key not in _ATTRIBUTION_KEYS:
                errors.append(f"{where}: unknown key {key!r}")
        content = item.get("content")
        if not isinstance(content, str) or not content:
            errors.append(f"{where}: 'content' missing")
        elif text.count(content) != 1:
            errors.append(f"{where}: content found {text.count(content)} times, need 1")
        if not isinstance(item.get("speaker"), str):
            errors.append(f"{where}: 'speaker' must be a string")
        cue = item.get("cue")
        if not isinstance(cue, str) or find_near(text, cue, 0, (0, 0)) is None:
            errors.append(f"{where}: cue {cue!r} not in text")
        if item.get("stance") not in _STANCES:
            errors.append(f"{where}: stance must be one of {sorted(_STANCES)}")
        if item.get("quote") not in _QUOTES:
            errors.append(f"{where}: quote must be one of {sorted(_QUOTES)}")
        if not isinstance(item.get("via", []), list):
            errors.append(f"{where}: 'via' must be a list")
        for fig in item.get("figures", []):
            if not isinstance(fig.get("value"), int | float):
                errors.append(f"{where}: figure without numeric value: {fig}")
    for line in record.get("boilerplate", []):
        if line not in text:
            errors.append(f"boilerplate line not in text: {line[:40]!r}")
    return errors


def gold_from_record(name: str, record: dict[str, Any]) -> Doc:
    """A project gold record (see benchmarks/gold/README.md) as a scored document."""
    errors = validate_gold(record)
    if errors:
        raise ValueError(f"{name}: " + "; ".join(errors))
    text: str = record["text"]
    gold: list[GoldAttribution] = []
    for item in record.get("attributions", []):
        start = text.index(item["content"])
        content = (start, start + len(item["content"]))
        cue = find_near(text, item["cue"], 0, content)
        gold.append(
            GoldAttribution(
                content=(content,),
                cue=(cue,) if cue else (),
                source=(),
                content_text=item["content"],
                cue_text=item["cue"],
                source_text=item.get("mention") or item["speaker"],
                speaker=item["speaker"],
                mention=item.get("mention"),
                stance=item["stance"],
                via=tuple(item.get("via", [])),
                figures=tuple((float(f["value"]), f.get("unit")) for f in item.get("figures", [])),
                quote=item["quote"],
                hedges=tuple(item.get("hedges", [])),
            )
        )
    boilerplate = []
    for line in record.get("boilerplate", []):
        start = text.index(line)
        boilerplate.append((start, start + len(line)))
    return Doc(name, text, record.get("title") or title_of(text), gold, boilerplate)


def load_gold(folder: Path = GOLD_DIR) -> list[Doc]:
    """All ``*.json`` gold records of the project, sorted by file name."""
    docs = []
    for path in sorted(folder.glob("*.json")):
        with open(path, encoding="utf-8") as fh:
            docs.append(gold_from_record(path.stem, json.load(fh)))
    if not docs:
        raise FileNotFoundError(f"{folder}: no gold *.json files")
    return docs


# --- Matching --------------------------------------------------------------------


@dataclass(frozen=True)
class Predicted:
    """Where a claim's content and cue sit in the article text."""

    claim: Claim
    content: Span
    cue: Span | None


def locate(claim: Claim) -> Predicted:
    """Absolute spans of a claim: its text found in its sentence, else the sentence."""
    idx = claim.sentence.find(claim.text) if claim.text else -1
    if idx >= 0:
        content = (claim.start + idx, claim.start + idx + len(claim.text))
    else:
        content = (claim.start, claim.end)
    cue = find_near(claim.sentence, claim.cue, claim.start, content)
    return Predicted(claim, content, cue)


def match(
    predicted: Sequence[Predicted], gold: Sequence[GoldAttribution], index: TokenIndex
) -> list[tuple[int, int]]:
    """Greedy one-to-one pairs (prediction index, gold index).

    A pair is allowed when the contents share at least MIN_OVERLAP of the
    smaller span's words, or when the prediction's cue sits on the gold cue.
    Best overlaps are taken first; on ties speech attributions win, so the
    non-speech relations only absorb predictions nothing better wants.
    """
    gold_tokens = [index.tokens_in(g.content) for g in gold]
    candidates: list[tuple[float, bool, int, int]] = []
    for i, pred in enumerate(predicted):
        pred_tokens = index.tokens_in((pred.content,))
        for j, g in enumerate(gold):
            ratio = overlap_ratio(pred_tokens, gold_tokens[j])
            cue_hit = pred.cue is not None and any(spans_overlap(pred.cue, c) for c in g.cue)
            if ratio >= MIN_OVERLAP or cue_hit:
                score = (ratio if ratio >= MIN_OVERLAP else 0.0) + (0.5 if cue_hit else 0.0)
                candidates.append((score, g.speech, i, j))
    candidates.sort(key=lambda c: (-c[0], not c[1], c[2], c[3]))
    used_pred: set[int] = set()
    used_gold: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, _, i, j in candidates:
        if i not in used_pred and j not in used_gold:
            used_pred.add(i)
            used_gold.add(j)
            pairs.append((i, j))
    return sorted(pairs)


def source_head(surface: str) -> str | None:
    """Head of a source phrase: its last capitalised word, else its last word.

    'Republican nominee Donald Trump' -> 'trump'; 'a source' -> 'source'.
    Parentheses are dropped first ('Sen. Rand Paul (R-Ky.)' -> 'paul').
    """
    words = [w for w in _WORD.findall(re.sub(r"\([^)]*\)", " ", surface)) if w.lower() not in _STOP]
    capitalised = [w for w in words if w[0].isupper()]
    pick = capitalised or words
    return fold(pick[-1]) if pick else None


def source_matches(gold_source: str, speaker: str | None, mention: str | None) -> bool:
    """Whether a predicted speaker names the gold source (head words shared either way)."""
    head = source_head(gold_source)
    gold_words = set(fold(gold_source).split()) - _STOP
    for candidate in (speaker, mention):
        if not candidate:
            continue
        if head and head in set(fold(candidate).split()):
            return True
        their_head = source_head(candidate)
        if their_head and their_head not in PRONOUNS and their_head in gold_words:
            return True
    return False


def _default_extractor() -> Extractor:
    from claimtrack.extraction.claims import extract

    def attributed(article: Article) -> Extraction:
        # The article's own voice is no attribution: attribution scores leave it out.
        found = extract(article)
        return found.model_copy(update={"claims": [c for c in found.claims if c.attributed]})

    return attributed


def _run(docs: Sequence[Doc], extractor: Extractor | None) -> tuple[list[list[Claim]], float]:
    """Claims per document and total seconds spent inside the extractor."""
    fn = extractor or _default_extractor()
    claims: list[list[Claim]] = []
    elapsed = 0.0
    for doc in docs:
        article = Article(text=doc.text, title=doc.title, path=doc.name)
        t0 = time.perf_counter()
        extraction = fn(article)
        elapsed += time.perf_counter() - t0
        claims.append(list(extraction.claims))
    return claims, elapsed


def _ratio(num: int, den: int) -> float:
    """A rate, 0.0 when there is nothing to count (so floors stay comparable)."""
    return num / den if den else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _short(text: str, n: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


# --- PolNeAR scoring -------------------------------------------------------------


@dataclass
class PolnearReport:
    """Counts behind the PolNeAR numbers; ``metrics()`` turns them into rates."""

    articles: int = 0
    gold_speech: int = 0
    gold_all: int = 0
    predicted: int = 0
    matched_predictions: int = 0
    matched_predictions_speech: int = 0
    matched_speech: int = 0
    matched_all: int = 0
    source_pairs: int = 0
    source_correct: int = 0
    pronoun_pairs: int = 0
    pronoun_resolved: int = 0
    seconds: float = 0.0
    missing_annotations: int = 0
    split_predictions: int = 0  # unmatched, but inside an annotated content span
    texts_with_cr: int = 0
    misses: list[dict[str, str]] = field(default_factory=list)
    false_positives: list[dict[str, str]] = field(default_factory=list)
    source_errors: list[dict[str, str]] = field(default_factory=list)

    def metrics(self) -> dict[str, float]:
        # Precision counts a prediction as right when it matches any annotated
        # attribution (PolNeAR annotates belief and intention too, and a claim
        # on one of those is not spurious) or lies inside one (a quotation that
        # runs on is one annotation and several claims).  precision_speech and
        # precision_one_to_one are the strict forms.
        precision = _ratio(self.matched_predictions + self.split_predictions, self.predicted)
        recall = _ratio(self.matched_speech, self.gold_speech)
        return {
            "precision": precision,
            "precision_one_to_one": _ratio(self.matched_predictions, self.predicted),
            "precision_speech": _ratio(self.matched_predictions_speech, self.predicted),
            "recall": recall,
            "recall_all": _ratio(self.matched_all, self.gold_all),
            "f1": _f1(precision, recall),
            "source_accuracy": _ratio(self.source_correct, self.source_pairs),
            "pronoun_resolved": _ratio(self.pronoun_resolved, self.pronoun_pairs),
            "ms_per_article": 1000 * self.seconds / self.articles if self.articles else 0.0,
        }


def score_polnear(docs: Sequence[Doc], extractor: Extractor | None = None) -> PolnearReport:
    """Match predictions against each article's gold and count (see module docstring)."""
    # Sources are checked on every matched pair, speech or not: a claim that
    # matched an annotated attribution should name its source either way.
    report = PolnearReport(articles=len(docs))
    all_claims, report.seconds = _run(docs, extractor)
    for doc, claims in zip(docs, all_claims, strict=True):
        report.texts_with_cr += "\r" in doc.text
        index = TokenIndex(doc.text)
        predicted = [locate(c) for c in claims]
        pairs = match(predicted, doc.gold, index)
        report.gold_all += len(doc.gold)
        report.gold_speech += sum(g.speech for g in doc.gold)
        report.predicted += len(predicted)
        report.matched_predictions += len(pairs)
        report.matched_all += len(pairs)
        matched_gold = {j for _, j in pairs}
        matched_pred = {i for i, _ in pairs}
        for i, j in pairs:
            g, claim = doc.gold[j], predicted[i].claim
            if g.speech:
                report.matched_speech += 1
                report.matched_predictions_speech += 1
            if not g.source_text.strip():
                continue
            if is_pronoun(g.source_text):
                report.pronoun_pairs += 1
                if claim.speaker and not is_pronoun(claim.speaker):
                    report.pronoun_resolved += 1
                continue
            report.source_pairs += 1
            if source_matches(g.source_text, claim.speaker, claim.speaker_mention):
                report.source_correct += 1
            else:
                report.source_errors.append(
                    {
                        "article": doc.name,
                        "gold_source": g.source_text,
                        "speaker": str(claim.speaker),
                        "mention": claim.speaker_mention,
                        "content": _short(g.content_text),
                    }
                )
        for j, g in enumerate(doc.gold):
            if g.speech and j not in matched_gold:
                report.misses.append(
                    {
                        "article": doc.name,
                        "source": g.source_text,
                        "cue": g.cue_text,
                        "content": _short(g.content_text),
                    }
                )
        gold_tokens = [index.tokens_in(g.content) for g in doc.gold]
        for i, pred in enumerate(predicted):
            if i in matched_pred:
                continue
            tokens = index.tokens_in((pred.content,))
            if tokens and any(len(tokens & g) >= MIN_OVERLAP * len(tokens) for g in gold_tokens):
                # A piece of an annotated statement: PolNeAR keeps a quotation that runs
                # on ('"A," X said. "B."') as one content, claimtrack gives each sentence
                # a claim.  Right as a prediction; no extra recall.
                report.split_predictions += 1
                continue
            report.false_positives.append(_claim_row(doc.name, pred.claim))
    return report


def _claim_row(article: str, claim: Claim) -> dict[str, str]:
    return {
        "article": article,
        "speaker": str(claim.speaker),
        "mention": claim.speaker_mention,
        "cue": claim.cue,
        "content": _short(claim.text),
    }


# --- Project gold scoring --------------------------------------------------------

# Unit classes treated as equal when comparing figures; the extractor's own
# classes are being written in parallel, so spellings and near-synonyms are
# folded here instead of prescribing one vocabulary.
_UNIT_ALIASES = {
    "%": "percent",
    "per cent": "percent",
    "pct": "percent",
    "percentage points": "percent",
    "$": "usd",
    "us$": "usd",
    "dollar": "usd",
    "dollars": "usd",
    "£": "gbp",
    "pound": "gbp",
    "pounds": "gbp",
    "€": "eur",
    "euro": "eur",
    "euros": "eur",
    "soldier": "troops",
    "soldiers": "troops",
    "force": "troops",
    "forces": "troops",
    "troop": "troops",
    "person": "people",
    "persons": "people",
    "civilian": "people",
    "civilians": "people",
    "resident": "people",
    "residents": "people",
    "adult": "people",
    "adults": "people",
    "patient": "people",
    "patients": "people",
    "volunteer": "people",
    "volunteers": "people",
    "meter": "metres",
    "meters": "metres",
    "metre": "metres",
    "m": "metres",
    "millimetre": "mm",
    "millimetres": "mm",
    "millimeter": "mm",
    "millimeters": "mm",
    "miles per hour": "mph",
}


def unit_class(unit: str | None) -> str | None:
    if unit is None:
        return None
    key = unit.strip().lower()
    key = _UNIT_ALIASES.get(key, key)
    if len(key) > 4 and key.endswith("ies"):
        key = key[:-3] + "y"  # countries ~ country
    elif len(key) > 3 and key.endswith("s") and not key.endswith("ss"):
        key = key[:-1]  # jobs ~ job; keeps 'mph', 'usd'
    return key


def figures_equal(
    gold: Iterable[tuple[float, str | None]], predicted: Iterable[tuple[float, str | None]]
) -> bool:
    """Same set of (value, unit class); values equal to a relative 1e-6."""
    a = {(round(v, 6), unit_class(u)) for v, u in gold}
    b = {(round(v, 6), unit_class(u)) for v, u in predicted}
    return a == b


def names_equal(gold: str | None, predicted: str | None) -> bool:
    """Case-, accent- and hyphen-folded equality of canonical names."""
    if gold is None or predicted is None:
        return gold is predicted
    return fold(gold) == fold(predicted)


def cue_equal(gold: str, predicted: str) -> bool:
    """Cues agree when one's words contain the other's ('has said' ~ 'said') or
    they share a reporting verb ('was quoted by' ~ 'quoted by X as saying')."""
    a, b = normalise_cue(gold), normalise_cue(predicted)
    if not a or not b:
        return a == b
    if f" {a} " in f" {b} " or f" {b} " in f" {a} ":
        return True
    lemmas_a = {SPEECH_LEMMA_OF[t] for t in a.split() if t in SPEECH_LEMMA_OF}
    lemmas_b = {SPEECH_LEMMA_OF[t] for t in b.split() if t in SPEECH_LEMMA_OF}
    return bool(lemmas_a & lemmas_b)


def _strip_determiner(name: str) -> str:
    words = fold(name).split()
    while words and words[0] in _DETERMINERS:
        words = words[1:]
    return " ".join(words)


def via_equal(gold: Sequence[str], predicted: Sequence[str]) -> bool:
    """Same intermediaries in order; each equal without determiners, or same head."""
    if len(gold) != len(predicted):
        return False
    for g, p in zip(gold, predicted, strict=True):
        if _strip_determiner(g) != _strip_determiner(p) and not source_matches(g, p, None):
            return False
    return True


def hedges_equal(gold: Iterable[str], predicted: Iterable[str]) -> bool:
    return {fold(h) for h in gold} == {fold(h) for h in predicted}


@dataclass
class GoldReport:
    """Counts behind the project-gold numbers; ``metrics()`` turns them into rates."""

    articles: int = 0
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    speaker_correct: int = 0
    stance_correct: int = 0
    cue_correct: int = 0
    quote_correct: int = 0
    via_pairs: int = 0
    via_correct: int = 0
    figure_pairs: int = 0
    figure_correct: int = 0
    hedge_pairs: int = 0
    hedge_correct: int = 0
    gold_denials: int = 0
    denials_found: int = 0  # gold denials matched and labelled deny
    # mention form -> [right, matched] ("pronoun", "description", "one name", "name").
    speaker_by_form: dict[str, list[int]] = field(default_factory=dict)
    boilerplate_lines: int = 0
    boilerplate_lines_hit: int = 0
    boilerplate_false_positives: int = 0
    seconds: float = 0.0
    misses: list[dict[str, str]] = field(default_factory=list)
    false_positives: list[dict[str, str]] = field(default_factory=list)
    mismatches: list[dict[str, str]] = field(default_factory=list)

    def metrics(self) -> dict[str, float]:
        # via, figures and hedges are rated only on pairs where either side has
        # some, or an extractor that never finds them would score ~90%.
        precision = _ratio(self.matched, self.predicted)
        recall = _ratio(self.matched, self.gold)
        return {
            "precision": precision,
            "recall": recall,
            "f1": _f1(precision, recall),
            "speaker_accuracy": _ratio(self.speaker_correct, self.matched),
            "stance_accuracy": _ratio(self.stance_correct, self.matched),
            "cue_accuracy": _ratio(self.cue_correct, self.matched),
            "quote_accuracy": _ratio(self.quote_correct, self.matched),
            "via_accuracy": _ratio(self.via_correct, self.via_pairs),
            "figure_accuracy": _ratio(self.figure_correct, self.figure_pairs),
            "hedge_accuracy": _ratio(self.hedge_correct, self.hedge_pairs),
            # A denial missed altogether counts as not found.
            "deny_recall": _ratio(self.denials_found, self.gold_denials),
            # Share of boilerplate lines (appeals, bios, "follow us") left without a claim.
            "boilerplate_clean": 1.0 - _ratio(self.boilerplate_lines_hit, self.boilerplate_lines),
            "boilerplate_false_positives": float(self.boilerplate_false_positives),
            "ms_per_article": 1000 * self.seconds / self.articles if self.articles else 0.0,
        }


def score_gold(docs: Sequence[Doc], extractor: Extractor | None = None) -> GoldReport:
    """Attribution P/R/F1 plus per-field accuracy over matched pairs."""
    report = GoldReport(articles=len(docs))
    all_claims, report.seconds = _run(docs, extractor)
    for doc, claims in zip(docs, all_claims, strict=True):
        index = TokenIndex(doc.text)
        predicted = [locate(c) for c in claims]
        pairs = match(predicted, doc.gold, index)
        report.gold += len(doc.gold)
        report.gold_denials += sum(g.stance == "deny" for g in doc.gold)
        report.predicted += len(predicted)
        report.matched += len(pairs)
        for i, j in pairs:
            _score_pair(report, doc.name, doc.gold[j], predicted[i].claim)
        matched_gold = {j for _, j in pairs}
        matched_pred = {i for i, _ in pairs}
        for j, g in enumerate(doc.gold):
            if j not in matched_gold:
                report.misses.append(
                    {
                        "article": doc.name,
                        "speaker": str(g.speaker),
                        "cue": g.cue_text,
                        "content": _short(g.content_text),
                    }
                )
        boiler_tokens = [index.tokens_in((span,)) for span in doc.boilerplate]
        report.boilerplate_lines += len(doc.boilerplate)
        hit_lines: set[int] = set()
        for i, pred in enumerate(predicted):
            hits = {
                k
                for k, tokens in enumerate(boiler_tokens)
                if tokens & index.tokens_in((pred.content,))
            }
            if hits:
                report.boilerplate_false_positives += 1
                hit_lines |= hits
            if i not in matched_pred:
                row = _claim_row(doc.name, pred.claim)
                if hits:
                    row["boilerplate"] = "yes"
                report.false_positives.append(row)
        report.boilerplate_lines_hit += len(hit_lines)
    return report


_DETERMINERS = ("the ", "a ", "an ", "one ", "two ", "some ", "several ")


def mention_form(mention: str) -> str:
    """How a speaker is written: pronoun, description, one name (a surname or acronym), name."""
    words = mention.strip().split()
    if not words:
        return "description"
    if len(words) == 1 and words[0].lower() in PRONOUNS:
        return "pronoun"
    if mention.lower().startswith(_DETERMINERS) or words[-1][:1].islower():
        return "description"
    return "one name" if len(words) == 1 else "name"


def _score_pair(report: GoldReport, article: str, g: GoldAttribution, claim: Claim) -> None:
    """Add one matched pair's field agreements to the report."""
    wrong: dict[str, str] = {}
    tally = report.speaker_by_form.setdefault(mention_form(g.mention or g.source_text), [0, 0])
    tally[1] += 1
    if names_equal(g.speaker, claim.speaker):
        report.speaker_correct += 1
        tally[0] += 1
    else:
        wrong["speaker"] = f"{g.speaker!r} vs {claim.speaker!r}"
    if g.stance == "deny" and claim.stance.value == "deny":
        report.denials_found += 1
    if g.stance == claim.stance.value:
        report.stance_correct += 1
    else:
        wrong["stance"] = f"{g.stance} vs {claim.stance.value}"
    if cue_equal(g.cue_text, claim.cue):
        report.cue_correct += 1
    else:
        wrong["cue"] = f"{g.cue_text!r} vs {claim.cue!r}"
    if g.quote == claim.quote.value:
        report.quote_correct += 1
    else:
        wrong["quote"] = f"{g.quote} vs {claim.quote.value}"
    if g.via or claim.via:
        report.via_pairs += 1
        if via_equal(g.via, claim.via):
            report.via_correct += 1
        else:
            wrong["via"] = f"{list(g.via)} vs {claim.via}"
    predicted_figures = [(f.value, f.unit) for f in claim.figures]
    if g.figures or predicted_figures:
        report.figure_pairs += 1
        if figures_equal(g.figures, predicted_figures):
            report.figure_correct += 1
        else:
            wrong["figures"] = f"{list(g.figures)} vs {predicted_figures}"
    if g.hedges or claim.hedges:
        report.hedge_pairs += 1
        if hedges_equal(g.hedges, claim.hedges):
            report.hedge_correct += 1
        else:
            wrong["hedges"] = f"{list(g.hedges)} vs {claim.hedges}"
    if wrong:
        report.mismatches.append(
            {"article": article, "content": _short(g.content_text, 60)} | wrong
        )


# --- Baseline --------------------------------------------------------------------


def below_floor(metrics: dict[str, float], floors: dict[str, float]) -> list[str]:
    """Metrics under their pinned floor (or unknown to the scorer), as messages."""
    problems = []
    for name, floor in floors.items():
        if name.startswith("_"):
            continue
        if name not in metrics:
            problems.append(f"{name}: no such metric")
        elif metrics[name] + 1e-9 < floor:
            problems.append(f"{name}: {metrics[name]:.3f} < floor {floor:.3f}")
    return problems


def load_baseline(path: Path = BASELINE) -> dict[str, dict[str, float]]:
    with open(path, encoding="utf-8") as fh:
        data: dict[str, dict[str, float]] = json.load(fh)
    return data


# --- Command line ----------------------------------------------------------------


def _table(rows: Sequence[tuple[str, str]]) -> str:
    width = max(len(label) for label, _ in rows)
    return "\n".join(f"  {label:<{width}}  {value}" for label, value in rows)


def _listing(title: str, rows: Sequence[dict[str, str]], show: int) -> str:
    if not rows:
        return f"\n{title}: none"
    lines = [f"\n{title} ({len(rows)}, first {min(show, len(rows))}):"]
    for row in rows[:show]:
        lines.append("  " + " | ".join(f"{k}={v}" for k, v in row.items()))
    return "\n".join(lines)


def _polnear_text(report: PolnearReport, name: str, verbose: bool, show: int) -> str:
    m = report.metrics()
    rows = [
        ("articles", f"{report.articles}  (first annotator each)"),
        ("gold (speech)", str(report.gold_speech)),
        ("gold (all types)", str(report.gold_all)),
        ("predicted", str(report.predicted)),
        ("matched", f"{report.matched_speech} speech, {report.matched_all} any type"),
        (
            "precision",
            f"{m['precision']:.3f}  (speech only {m['precision_speech']:.3f}; one claim per"
            f" annotation {m['precision_one_to_one']:.3f}; {report.split_predictions} claims"
            " inside an annotated statement)",
        ),
        ("recall", f"{m['recall']:.3f}  (all types {m['recall_all']:.3f})"),
        ("F1", f"{m['f1']:.3f}"),
        (
            "source accuracy",
            f"{m['source_accuracy']:.3f}  ({report.source_correct}/{report.source_pairs}"
            " named sources)",
        ),
        (
            "pronoun sources",
            f"{report.pronoun_pairs} matched, {report.pronoun_resolved} given a name",
        ),
        ("time/article", f"{m['ms_per_article']:.2f} ms"),
    ]
    out = f"PolNeAR {name}\n" + _table(rows)
    if report.missing_annotations:
        out += f"\n  ({report.missing_annotations} texts without annotations skipped)"
    if verbose:
        out += _listing("Missed speech attributions", report.misses, show)
        out += _listing("False positives", report.false_positives, show)
        out += _listing("Wrong sources", report.source_errors, show)
    return out


def _gold_text(report: GoldReport, verbose: bool, show: int) -> str:
    m = report.metrics()
    rows = [
        ("articles", str(report.articles)),
        ("gold", str(report.gold)),
        ("predicted", str(report.predicted)),
        ("matched", str(report.matched)),
        ("precision", f"{m['precision']:.3f}"),
        ("recall", f"{m['recall']:.3f}"),
        ("F1", f"{m['f1']:.3f}"),
        ("speaker accuracy", f"{m['speaker_accuracy']:.3f}"),
        ("stance accuracy", f"{m['stance_accuracy']:.3f}"),
        ("cue accuracy", f"{m['cue_accuracy']:.3f}"),
        ("quote accuracy", f"{m['quote_accuracy']:.3f}"),
        ("via accuracy", f"{m['via_accuracy']:.3f}  ({report.via_pairs} pairs)"),
        ("figure accuracy", f"{m['figure_accuracy']:.3f}  ({report.figure_pairs} pairs)"),
        ("hedge accuracy", f"{m['hedge_accuracy']:.3f}  ({report.hedge_pairs} pairs)"),
        ("deny recall", f"{m['deny_recall']:.3f}  ({report.gold_denials} denials)"),
        *(
            (f"speaker: {form}", f"{right}/{matched}")
            for form, (right, matched) in sorted(report.speaker_by_form.items())
        ),
        (
            "boilerplate FPs",
            f"{report.boilerplate_false_positives} claims on "
            f"{report.boilerplate_lines_hit}/{report.boilerplate_lines} lines",
        ),
        ("time/article", f"{m['ms_per_article']:.2f} ms"),
    ]
    out = "Project gold (benchmarks/gold)\n" + _table(rows)
    if verbose:
        out += _listing("Missed attributions", report.misses, show)
        out += _listing("False positives", report.false_positives, show)
        out += _listing("Field mismatches on matched pairs", report.mismatches, show)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--polnear", type=Path, metavar="DIR", help="a PolNeAR split folder")
    which.add_argument(
        "--real",
        action="store_true",
        help="the real-news gold (benchmarks/realnews; articles read from ../shared/data)",
    )
    which.add_argument(
        "--gold",
        type=Path,
        nargs="?",
        const=GOLD_DIR,
        metavar="DIR",
        help="project gold folder (default benchmarks/gold)",
    )
    parser.add_argument("--limit", type=int, help="score only the first N articles")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument("--verbose", action="store_true", help="list misses and false positives")
    parser.add_argument("--show", type=int, default=20, help="rows per --verbose list")
    parser.add_argument(
        "--check",
        type=Path,
        nargs="?",
        const=BASELINE,
        metavar="BASELINE",
        help="exit 1 when a metric is below its floor in baseline.json",
    )
    args = parser.parse_args(argv)
    if args.real:  # one scorer for the real-news gold: benchmarks/realnews.py
        import realnews

        command = [
            "score",
            *(["--json"] if args.json else []),
            *(["--verbose"] if args.verbose else []),
        ]
        if args.check is not None:
            command += ["--check", str(args.check)]
        return realnews.main([*command, "--show", str(args.show)])

    try:
        if args.polnear is not None:
            docs, missing = load_polnear(args.polnear, args.limit)
            section = f"polnear_{args.polnear.resolve().name}"
            polnear = score_polnear(docs)
            polnear.missing_annotations = len(missing)
            metrics = polnear.metrics()
            text = _polnear_text(polnear, args.polnear.resolve().name, args.verbose, args.show)
            payload: dict[str, Any] = {
                "corpus": "polnear",
                "path": str(args.polnear),
                "counts": {k: v for k, v in vars(polnear).items() if isinstance(v, int | float)},
                "metrics": metrics,
            }
            lists = {
                "misses": polnear.misses,
                "false_positives": polnear.false_positives,
                "source_errors": polnear.source_errors,
            }
        else:
            gold_docs = load_gold(args.gold)[: args.limit]
            section = "gold"
            gold = score_gold(gold_docs)
            metrics = gold.metrics()
            text = _gold_text(gold, args.verbose, args.show)
            payload = {
                "corpus": "gold",
                "path": str(args.gold),
                "counts": {k: v for k, v in vars(gold).items() if isinstance(v, int | float)},
                "metrics": metrics,
            }
            lists = {
                "misses": gold.misses,
                "false_positives": gold.false_positives,
                "mismatches": gold.mismatches,
            }
    except (OSError, ValueError) as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 2

    if args.json:
        if args.verbose:
            payload |= {k: v[: args.show] for k, v in lists.items()}
        print(json.dumps(payload, indent=2, ensure_ascii=False))
    else:
        print(text)

    if args.check is not None:
        floors = load_baseline(args.check).get(section, {})
        problems = below_floor(metrics, floors)
        for problem in problems:
            print(f"below baseline [{section}] {problem}", file=sys.stderr)
        if problems:
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
