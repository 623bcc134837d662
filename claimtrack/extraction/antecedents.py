"""Antecedents: who a pronoun or a description refers to, or nobody.

Resolution prefers "unknown" to a guess: an antecedent is taken only when it
is clearly the most salient compatible entity, with no rival named since it
last spoke or led a clause.  A desk prints what this returns.
"""

from __future__ import annotations

import bisect
import sys

from claimtrack.extraction import lexicon
from claimtrack.extraction.descriptions import INSTITUTIONS, MEDIA_HEADS, STUDY_HEADS
from claimtrack.extraction.entities import Entity
from claimtrack.models import SpeakerKind


class Antecedents:
    """The pronoun and description half of the article's entity memory."""

    entities: list[Entity]
    _sentences: list[int]

    def _titled_person(self, head: str) -> Entity | None:
        """The latest person whose title holds `head` ('governor', 'lawyer'), if any."""
        for entity in sorted(self.entities, key=lambda e: -e.last_seen):
            if (
                entity.kind == SpeakerKind.person
                and entity.title
                and head in entity.title.lower().replace(",", " ").split()
            ):
                return entity
        return None

    def _named_study(self) -> Entity | None:
        """The latest study or report the article names ('… Nutrition Study')."""
        for entity in sorted(self.entities, key=lambda e: -e.last_seen):
            last = entity.name.split()[-1]
            if last.lower() in STUDY_HEADS and last[:1].isupper() and " of " not in entity.name:
                return entity
        return None

    def _generic_org(self, head: str) -> Entity | None:
        """'the company', 'the team': the one clearly most salient organisation, else None."""
        kinds = (SpeakerKind.media,) if head in MEDIA_HEADS else (SpeakerKind.organization,)
        pool = [
            e
            for e in self.entities
            if e.kind in kinds
            and not e.plural
            and not {w.lower() for w in e.name.split()} & INSTITUTIONS  # a company is no agency
        ]
        if not pool:
            return None
        best = max(pool, key=_salience)
        role = max(best.spoke_at, best.subject_at)
        if role < 0:
            return None
        if any(e is not best and self._rivals(e, role) for e in pool):
            return None
        return best

    def _pronoun(self, pronoun: str) -> Entity | None:
        """The one clearly most salient compatible antecedent, else None (unresolved).

        Salience is the latest time an entity spoke or was a clause subject, then
        its latest mention. A rival is another compatible entity named after the
        best one last spoke or led a clause: "The actor praised his co-star. 'He
        ...,' he said" could be either, so neither is guessed. A first-person
        "I" or "we" outside its quotation names nobody the article identified.
        """
        want = lexicon.PRONOUNS[pronoun]
        if pronoun in ("i", "we"):
            return None
        if want in ("male", "female"):
            pool = [
                e
                for e in self.entities
                if e.kind == SpeakerKind.person and e.gender in (None, want) and not e.plural
            ]
        elif want == "plural":
            # "they": groups named as such ("officials", "researchers") first, then bodies.
            pool = [e for e in self.entities if e.kind != SpeakerKind.person and e.plural] or [
                e for e in self.entities if e.kind != SpeakerKind.person
            ]
        else:
            pool = [e for e in self.entities if e.kind != SpeakerKind.person and not e.plural]
        pool = [e for e in pool if not _document(e)]  # "Recent reports … they said": people
        if not pool:
            return None
        best = max(pool, key=_salience)
        role = max(best.spoke_at, best.subject_at)
        if role < 0 and best.gender is None and best.title is None:
            return None  # only ever mentioned: nothing says it is who speaks
        speaker = self._speaker_going_on(pool, best, role)
        if speaker is None and best.spoke_at >= 0 and best.spoke_at == role:
            speaker = best  # the most salient entity is the last speaker itself
        topic = self._topic_of(pool, best, role) if speaker is None else None
        if topic is not None:
            # "For Kevin Allton, a USI instructor, Warhol was a legend. He said …": the
            # fronted topic's view goes on; the sentence's own subject is no rival.
            best, role = topic, self._sentence_end(topic.topic_at)
            rivals = [e for e in pool if e is not best and _evident(e) and e.last_seen > role]
        elif speaker is not None:
            # "Westmacott also said that Obama shows great charm. '…,' he said": the
            # speaker goes on; names inside his own statement are no rivals.
            best, role = speaker, self._sentence_end(speaker.spoke_at)
            rivals = [e for e in pool if e is not best and e.last_seen > role]
        else:
            rivals = [e for e in pool if e is not best and _evident(e) and self._rivals(e, role)]
        if rivals:
            return None
        if want in ("male", "female") and best.gender is None:
            best.gender = want
        return best

    def _topic_of(self, pool: list[Entity], best: Entity, role: int) -> Entity | None:
        """The person a fronted 'For X, …' named in the sentence where `best` led a clause."""
        if role != best.subject_at or role < 0:
            return None
        sentence = self._sentence_of(role)
        topics = [
            e
            for e in pool
            if e is not best and e.topic_at >= 0 and self._sentence_of(e.topic_at) == sentence
        ]
        return topics[0] if len(topics) == 1 else None

    def _rivals(self, other: Entity, role: int) -> bool:
        """Whether `other` competes with an antecedent last active at `role`.

        It does when it was named after that, or was itself active in the same
        sentence ("Jafari said she felt Mohamed had been ...": both lead a clause).
        """
        if other.last_seen > role:
            return True
        acted = max(other.spoke_at, other.subject_at)
        sentence = self._sentence_of(role)
        if sentence > 0 and other.topic_at >= 0 and self._sentence_of(other.topic_at) == sentence:
            return True  # "For Kevin Allton, a USI instructor, Warhol was a legend. He said …"
        return acted >= 0 and sentence > 0 and self._sentence_of(acted) == sentence

    def _speaker_going_on(self, pool: list[Entity], best: Entity, role: int) -> Entity | None:
        """The last speaker, when the most salient entity only acted inside its statement."""
        speakers = [e for e in pool if e.spoke_at >= 0]
        if not speakers:
            return None
        last = max(speakers, key=lambda e: e.spoke_at)
        if last is best or self._sentence_of(role) != self._sentence_of(last.spoke_at):
            return None
        return last

    def _sentence_end(self, pos: int) -> int:
        """The last offset of the sentence holding `pos` (observed sentences only)."""
        index = self._sentence_of(pos)
        # The last sentence observed runs to whatever comes next.
        return self._sentences[index] - 1 if index < len(self._sentences) else sys.maxsize

    def _sentence_of(self, pos: int) -> int:
        """1 for the first sentence observed, …; 0 before any (or when none was)."""
        return bisect.bisect_right(self._sentences, pos)

    # --- lookup helpers ------------------------------------------------------


_DOCUMENT_HEADS = frozenset(
    "report reports document documents poll polls survey surveys study data records emails"
    " statement letter memo".split()
)


def _document(entity: Entity) -> bool:
    return entity.name.rsplit(" ", 1)[-1].lower() in _DOCUMENT_HEADS


def _salience(entity: Entity) -> tuple[int, int]:
    return (max(entity.spoke_at, entity.subject_at), entity.last_seen)


def _evident(entity: Entity) -> bool:
    """An entity the article shows acting (speaking, leading a clause) or titled."""
    return (
        entity.spoke_at >= 0
        or entity.subject_at >= 0
        or entity.title is not None
        or entity.gender is not None
    )
