"""Speaker resolution within one article.

Turns source phrases as written ("Ukrainian President Volodymyr Zelenskiy",
"he", "Ms Kim", "the intelligence agency", "the NIS") into canonical
speakers.  A short or pronominal mention goes to the nearest compatible
entity named earlier; full names are never merged on a shared surname, so
"Kim Hong-kyun" and "Kim You-geun" stay two people.
"""

from __future__ import annotations

import re

from claimtrack.extraction import clauses, lexicon, places
from claimtrack.extraction.antecedents import Antecedents
from claimtrack.extraction.apposition import named_part
from claimtrack.extraction.attribution.words import TIME_WORDS
from claimtrack.extraction.descriptions import (
    AUTHORED,
    BODY_HEADS,
    DEFINITE,
    DESCRIPTION_SYNONYMS,
    GROUP_IN_PLACE,
    ORG_HEADS,
    PERSON_NOUNS,
    RESOLVABLE_ORG_HEADS,
    STUDY_HEADS,
    TITLE_CASE_STOPS,
    TYPE_WORDS,
    affiliated,
    could_be_person,
    country_in_description,
    mostly_common,
    no_one_named,
    not_a_name,
    people_described,
    singular_description,
)
from claimtrack.extraction.entities import (
    SPOKES,
    Entity,
    compact_key,
    country_in,
    demonym_country,
    name_tokens,
    org_kind,
    split_conjunction,
    strip_title,
    title_gender,
    verb_like,
)
from claimtrack.models import Speaker, SpeakerKind

_ACRONYM_DEF = re.compile(
    r"((?:[A-Z][\w’'\-.&]*\s+)(?:(?:of|for|the|and|on|&|de)\s+|[A-Z][\w’'\-.&]*\s+){0,8}"
    r"[A-Z][\w’'\-.&]*)\s*\(([A-Z][A-Za-z.&]{1,9})\)"
)
_CAP_RUN = re.compile(r"[A-Z][\w’'\-.]*(?:\s+[A-Z][\w’'\-.]*)*")

_POSSESSIVE = re.compile(r"^(.+?)(?:’s|'s|’|')\s+(.+)$")
_PAREN_ACRONYM = re.compile(r"^(.*?)\s*\(([A-Z][A-Za-z.&]{1,9})\)$")
_AGE = re.compile(r"\d+-year-old")
_LOWER_WORD = re.compile(r"(?<![\w’'.-])[a-z][a-z]{2,}(?![\w’'-])")
_TRAILING_DAY = re.compile(  # "a prison statement Monday": the day is no part of it
    r"\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today)$",
    re.IGNORECASE,
)
_LEADING_DET = re.compile(r"^(?:the|a|an|both|also|some of the)\s+", re.IGNORECASE)


class ArticleSpeakers(Antecedents):
    """Entity memory of one article, filled in reading order."""

    def __init__(self) -> None:
        self.entities: list[Entity] = []
        self._by_key: dict[str, Entity] = {}
        self._by_token: dict[str, list[Entity]] = {}
        self.acronyms: dict[str, Entity] = {}
        self.last_country: str | None = None
        self.statement_owner: Entity | None = None
        self._sentences: list[int] = []  # start of each sentence observed, ascending
        self._definite = False  # the mention being resolved opens with "the", "his", …
        # Words the article writes in lower case: no part of a person's name there.
        self.text = ""  # the article, for the words it writes in lower case
        self._common: frozenset[str] | None = None

    @property
    def common_words(self) -> frozenset[str]:
        """Words the article writes in lower case (read once, when first needed)."""
        if self._common is None:
            self._common = frozenset(_LOWER_WORD.findall(self.text))
        return self._common

    def mark_statement(self, name: str) -> None:
        """Remember who issued the latest statement, for a later 'the statement said'."""
        self.statement_owner = self._find_exact(name)

    # --- observation -------------------------------------------------------
    def observe(self, text: str, start: int, end: int) -> None:
        """Register names, countries, subjects and acronym definitions in a sentence."""
        sentence = text[start:end]
        self._sentences.append(start)
        if "(" in sentence:
            for m in _ACRONYM_DEF.finditer(sentence):
                self._define_acronym(m.group(1), m.group(2), start + m.start())
        opener = clauses.PRONOUN_SUBJECT.match(sentence)
        if opener is not None and verb_like(opener.group(2)):
            # "He currently serves as …": the pronoun's antecedent leads this clause too.
            antecedent = self._pronoun(opener.group(1).lower())
            if antecedent is not None:
                antecedent.subject_at = max(antecedent.subject_at, start)
        # A title-case headline ('Obama Sees Personal Stake …') names no one by its capitals.
        headline = len(self._sentences) == 1 and clauses.title_case(sentence)
        for m in _CAP_RUN.finditer(sentence):
            phrase = m.group()
            words = phrase.split()
            lead = 0
            while lead < len(words) - 1 and not_a_name(words[lead]):
                lead += 1  # "Though YouTube", "Yesterday Mohamed": capitals of position
            if lead:
                words = words[lead:]
                phrase = " ".join(words)
            cut = next(
                (i for i in range(1, len(words)) if words[i].lower() in TITLE_CASE_STOPS), None
            )
            if cut is not None:  # "Mr. Sanders Is Not a Brave Truth-Teller": a headline's capitals
                words = words[:cut]
                phrase = " ".join(words)
            owner = next((i for i, w in enumerate(words[:-1]) if w.endswith(("’s", "'s"))), None)
            if owner is not None:  # "Intel's Waxman": the owner's name is no part of his
                words = words[owner + 1 :]
                phrase = " ".join(words)
            country = country_in(words)
            if country is not None:
                self.last_country = country
            while len(words) > 1 and words[-1].lower() in TIME_WORDS:
                words = words[:-1]  # "Sam's Club Wednesday": the day is no name
                phrase = " ".join(words)
            if len(words) >= 2 and places.lookup(phrase) is None and not headline:
                before = sentence[max(0, m.start() - 30) : m.start()].split()
                role = before[-1] if before and before[-1] in lexicon.TITLE_WORDS else None
                apposed = clauses.APPOSED_ROLE.match(sentence, m.end())
                if role is None and apposed is not None:
                    role = apposed.group(1)  # "Tom Fitton, the president of Judicial Watch,"
                self._observe_person(phrase, start + m.start(), role)
            self._note_gender(words)
            if (
                m.start() == 0
                and m.group().startswith("For ")
                and "," in sentence[m.end() : m.end() + 2]
            ):
                self._note_topic(words, start + m.start())
            if clauses.leads_clause(sentence, m.end()):
                self._mark_subject(words, start + m.start())

    def _mark_subject(self, words: list[str], pos: int) -> None:
        """A person right before a verb is a clause subject: salient for 'he'/'she'."""
        name, _ = strip_title(words)
        if not name:
            return
        entity = (
            self._find_exact(" ".join(name))
            if len(name) > 1
            else self._by_name_token(name[0], title_gender(words))
        )
        if entity is not None and entity.kind == SpeakerKind.person:
            entity.subject_at = pos

    def _note_topic(self, words: list[str], pos: int) -> None:
        name, _ = strip_title(words)
        entity = self._find_exact(" ".join(name)) if len(name) > 1 else None
        if entity is not None and entity.kind == SpeakerKind.person:
            entity.topic_at = pos

    def _note_gender(self, words: list[str]) -> None:
        """'Mrs. Clinton' anywhere in the text tells who a later 'he' cannot be."""
        gender = title_gender(words[:1])
        if gender is None:
            return
        name, _ = strip_title(words)
        if not name:
            return
        entity = (
            self._find_exact(" ".join(name))
            if len(name) > 1
            else self._by_name_token(name[0], gender)
        )
        if entity is not None and entity.kind == SpeakerKind.person and entity.gender is None:
            entity.gender = gender

    def _define_acronym(self, name: str, acronym: str, pos: int) -> None:
        name = _LEADING_DET.sub("", name.strip())
        possessive = _POSSESSIVE.match(name)
        country = None
        if possessive is not None:
            owner = possessive.group(1)
            country = places.country_of(owner) or (
                self.last_country if owner.lower() in ("the country", "the nation") else None
            )
            name = possessive.group(2)
        entity = self._find_org(name) or self._add(
            name, org_kind(name), pos, country=country or demonym_country(name)
        )
        entity.acronym = acronym
        entity.last_seen = pos
        self.acronyms[compact_key(acronym)] = entity

    def _observe_person(self, phrase: str, pos: int, role: str | None = None) -> None:
        name, title = strip_title(phrase.split())
        if not could_be_person(name):
            return
        if name[-1].lower() in STUDY_HEADS:
            # "the Australian National Iodine Nutrition Study": a document, which a
            # later "the report" may mean.
            title_case = " ".join(name)
            self._find_exact(title_case) or self._add(title_case, SpeakerKind.organization, pos)
            return
        full = re.sub(r"(?:’s|'s)$", "", " ".join(name).rstrip("."))
        if places.lookup(full) is not None or mostly_common(name, self.common_words):
            return  # a place ("… Australia New Zealand"), or common words ("Iodine Deficiency")
        entity = self._find_exact(full)
        if entity is None:
            entity = self._add(full, SpeakerKind.person, pos, title=title)
        if role and not (entity.title and role in entity.title.lower()):
            entity.title = f"{role} {entity.title}" if entity.title else role
        entity.last_seen = pos

    # --- resolution --------------------------------------------------------
    def resolve(self, mention: str, pos: int, appositive: str | None = None) -> list[Speaker]:
        """Canonical speakers for a source phrase; a conjunction gives several."""
        text = _LEADING_DET.sub("", _TRAILING_DAY.sub("", mention.strip()))
        text, appositive = named_part(mention, text, appositive)
        parts = split_conjunction(text)
        speakers = []
        self._definite = DEFINITE.match(mention.strip()) is not None
        for part in parts:
            entity = self._resolve_one(part, pos, appositive)
            entity.last_seen = pos
            entity.spoke_at = pos
            if (
                len(parts) == 1
                and mention not in entity.aliases
                and mention.lower() not in lexicon.PRONOUNS
            ):
                entity.aliases.append(mention.strip())
            speakers.append(entity.speaker())
        return speakers

    def medium(self, mention: str, pos: int) -> Speaker:
        """A publication or platform that carried someone's words, named as written."""
        name = _LEADING_DET.sub("", mention.strip())
        entity = self._find_exact(name) or self._add(name, SpeakerKind.media, pos)
        entity.last_seen = pos
        return entity.speaker()

    def _resolve_one(self, text: str, pos: int, appositive: str | None) -> Entity:
        words = text.split()
        if len(words) > 1 and not_a_name(words[0]) and words[1][:1].isupper():
            text = " ".join(words[1:])  # "Yesterday Advanced Micro Devices Inc."
        low = text.lower()
        if low in lexicon.PRONOUNS:
            # Unresolved: the claim keeps the pronoun, and nothing is remembered under it.
            return self._pronoun(low) or Entity(text, SpeakerKind.unknown, [], last_seen=pos)
        words = text.split()
        if not words:
            return self._add(text, SpeakerKind.unknown, pos)
        if " for " in text and words[0][:1].isupper():
            head, _ = strip_title(text.split(" for ", 1)[0].split())
            if (
                len(head) >= 2
                and all(w[:1].isupper() for w in head)
                and not any(w.lower() in lexicon.ORG_WORDS for w in head)
            ):
                # "Lydia Buchtmann for Food Standards Australia": a person speaking for a body
                return self._person(text.split(" for ", 1)[0].split(), pos, appositive or text)
        if " of " in text and affiliated(text):
            # "soil scientist Ingrid Solberg of the University of Tromvik": a person
            # with an affiliation, not the university.
            head, _ = strip_title(text.split(" of ", 1)[0].split())
            if (
                len(head) >= 2
                and all(w[:1].isupper() for w in head)
                and not any(w.lower() in lexicon.ORG_WORDS for w in head)
            ):
                return self._person(words, pos, appositive)
        if words[-1].lower() in SPOKES and len(words) > 1 and words[0][0].isupper():
            # "a Fairway spokesman", "RCA spokeswoman": the organisation speaks.
            return self._resolve_one(" ".join(words[:-1]), pos, None)
        if (words[0].lower() in SPOKES or words[0].lower() == "staff") and " for " in text:
            return self._resolve_one(_LEADING_DET.sub("", text.split(" for ", 1)[1]), pos, None)
        return self._resolve_named(text, pos, appositive)

    def _resolve_named(self, text: str, pos: int, appositive: str | None) -> Entity:
        """Acronyms, places, possessives, descriptions, bodies and people, in that order."""
        group = GROUP_IN_PLACE.match(text)
        if group is not None and group.group(1).lower() in lexicon.ANONYMOUS_HEADS:
            # "Officials in Kabul", "Analysts in London": the group, placed, not the city.
            label, place = f"{group.group(1).lower()} {group.group(2)}", group.group(3)
            placed = self._find_exact(label) or self._add(
                label, SpeakerKind.anonymous, pos, country=places.country_of(place)
            )
            placed.plural = True
            return placed
        head = [w.lower() for w in people_described(text)]
        if head and head[-1].endswith("s") and head[-1] not in lexicon.TITLE_WORDS:
            label = text[:1].lower() + text[1:]  # "doctors in Gaza": a group, placed
            people = self._find_exact(label) or self._add(label, SpeakerKind.anonymous, pos)
            people.plural = True
            return people
        if head:  # "the ambassador to the EU": someone the phrase describes, unresolved
            return Entity(text, SpeakerKind.unknown, [], last_seen=pos)
        acronym = _PAREN_ACRONYM.match(text)
        if acronym is None and text.endswith(")") and "(" in text:
            text = text[: text.rindex("(")].strip()  # "Sen. Jane Roe (D-Ore.)"
            if not text:
                return self._add(clauses.mention_fallback(text), SpeakerKind.unknown, pos)
        if acronym is not None:
            self._define_acronym(acronym.group(1), acronym.group(2), pos)
            return self.acronyms[compact_key(acronym.group(2))]
        key = compact_key(text)
        if key in self.acronyms:
            return self.acronyms[key]
        if " " not in text and text[:1].isupper():
            known = self._by_name_token(text, None)
            if known is not None and known.kind == SpeakerKind.person:
                return known  # "Paris" after "Valeska Paris": her surname, not the city
        place = places.lookup(text)
        if place is not None and place[1] != "demonym":
            country = place[0]
            self.last_country = country
            return self._find_exact(country) or self._add(
                country, SpeakerKind.government, pos, country=country
            )
        possessive = _POSSESSIVE.match(text)
        if possessive is not None:
            return self._possessive(possessive.group(1), possessive.group(2), pos)
        words = text.split()
        if words and (
            words[-1][0].islower()
            or _AGE.fullmatch(words[-1]) is not None  # "the 29-year-old"
            or (len(words) == 1 and words[0].lower() in lexicon.SPEAKER_HEADS)
        ):
            return self._description(words, pos)
        if (
            len(words) >= 3
            and words[0][0].isupper()
            and any(w in ("for", "of", "and", "&") for w in words[1:-1])
            and words[-1][0].isupper()
        ):
            # "Centers for Disease Control and Prevention": glue words mark an institution.
            name_part, _ = strip_title(words)
            if len(name_part) < 2 or "and" in words or "for" in words:
                return self._find_org(text) or self._add(
                    text, org_kind(text), pos, country=demonym_country(text)
                )
        name, _title = strip_title(words)
        names_a_body = _title is not None and _title.split()[-1].lower() in ("of", "for", "and")
        if (
            len(name) >= 2
            and not names_a_body  # "Ministry of Public Works" is not a person
            and not any(w.lower() in lexicon.ORG_WORDS for w in name)
        ):
            return self._person(words, pos, appositive)
        if any(w.lower() in lexicon.ORG_WORDS for w in words) or (
            len(words) == 1 and words[0].isupper() and len(words[0]) > 1
        ):
            return self._find_org(text) or self._add(
                text, org_kind(text), pos, country=demonym_country(text)
            )
        return self._person(words, pos, appositive)

    def _person(self, words: list[str], pos: int, appositive: str | None) -> Entity:
        if "of" in words[1:]:
            # "Professor Alan Whitcombe of Easton University": the affiliation is a title.
            cut = words.index("of", 1)
            head, _ = strip_title(words[:cut])
            if len(head) >= 2:
                appositive = appositive or " ".join(words[cut:])
                words = words[:cut]
        if len(words) == 1 and self._definite and words[0].endswith("s"):
            family = self._by_name_token(words[0][:-1], None)
            if family is not None and family.kind == SpeakerKind.person:
                # "the Sams": the family of the Sam named before, not one of them.
                family_of = self._find_exact(words[0]) or self._add(
                    words[0], SpeakerKind.person, pos
                )
                family_of.plural = True
                return family_of
        name, title = strip_title(words)
        gender = title_gender(words)
        if not name and len(words) >= 2 and words[-1].lower() in BODY_HEADS:
            # "the Islamic State", "the Orange Party": a body whose last word reads as a title.
            full = " ".join(words)
            return self._find_exact(full) or self._add(full, SpeakerKind.organization, pos)
        if not name:
            name = words[-1:]
        full = " ".join(name)
        if len(name) == 1:
            entity = self._by_name_token(name[0], gender)
            if entity is not None:
                if gender and not entity.gender:
                    entity.gender = gender
                return entity
            if no_one_named(name[0]) or (title and name[0].lower() in self.common_words):
                # "Retired General", "Additionally", "PC World": a title or a stray word
                return Entity(" ".join(words), SpeakerKind.unknown, [], last_seen=pos)
        entity = self._find_exact(full)
        if entity is None:
            entity = self._add(full, SpeakerKind.person, pos, title=title or appositive)
        if title and not entity.title:
            entity.title = title
        if appositive and not entity.title:
            entity.title = appositive
        if gender and not entity.gender:
            entity.gender = gender
        return entity

    def _possessive(self, owner: str, rest: str, pos: int) -> Entity:
        """'South Korea's spy agency', "Yoon's office", "the country's ministry"."""
        country = places.country_of(owner)
        if country is None and owner.lower() in ("the country", "the nation"):
            country = self.last_country
        owner = _LEADING_DET.sub("", owner)
        if country is None and owner.lower() in ("country", "nation"):
            country = self.last_country
        if country is not None:
            self.last_country = country
            name = f"{country}'s {rest}" if rest[0].islower() else rest
            entity = self._find_org_in(rest, country) if rest[0].isupper() else None
            if entity is None:
                entity = self._find_exact(name) or self._add(
                    name, org_kind(rest, default=SpeakerKind.government), pos, country=country
                )
            return entity
        if owner[:1].isupper() and all(
            w.lower() in lexicon.TITLE_WORDS for w in re.split(r"[\s\-]+", rest)
        ):
            # "NATO's Secretary-General": a person known by office, or the one named
            # with that title ("the Afghan team's coach" after "coach Ali Rahimi").
            titled = self._titled_person(re.split(r"[\s\-]+", rest)[-1].lower())
            if titled is not None:
                return titled
            name = f"{owner} {rest}"
            return self._find_exact(name) or self._add(name, SpeakerKind.person, pos)
        head = rest.split()[-1].lower()
        if head in AUTHORED and owner[:1].isupper():
            # "Cornyn's statement said": the statement speaks for its author.
            return self._resolve_one(owner, pos, None)
        if rest[:1].islower() and singular_description(rest.split()) and head not in ORG_HEADS:
            # "his mother", "Clinton's lawyer": someone else than the owner, known
            # here only by that relation unless a person holds it as a title.
            return self._titled_person(head) or Entity(
                f"{owner}'s {rest}", SpeakerKind.unknown, [], last_seen=pos
            )
        named = rest.split()
        if (
            rest[:1].isupper()
            and named[0].lower() not in lexicon.TITLE_WORDS
            and not any(w.lower() in lexicon.ORG_WORDS for w in named)
            and (len(named) > 1 or self._by_name_token(rest, None) is not None)
        ):
            return self._resolve_one(rest, pos, None)  # "Intel's Waxman" is Waxman
        owner_entity = self._resolve_one(owner, pos, None)
        name = f"{owner_entity.name}'s {rest}"
        return self._find_exact(name) or self._add(
            name,
            org_kind(rest, default=SpeakerKind.organization),
            pos,
            country=owner_entity.country,
        )

    def _description(self, words: list[str], pos: int) -> Entity:
        """Lower-case heads: 'the ministry', 'senior officials', 'some observers'."""
        head = words[-1].lower()
        if head in ("statement", "release", "readout") and self.statement_owner is not None:
            return self.statement_owner
        study = self._named_study() if head in STUDY_HEADS and self._definite else None
        if study is not None and len(words) == 1:
            return study  # "The report says" after the named study
        if words[0].lower() in (
            "some",
            "many",
            "several",
            "other",
            "most",
            "two",
            "three",
            "four",
            "five",
            "few",
        ):
            words = words[1:] or words
        if head in lexicon.TITLE_WORDS and head not in SPOKES:
            # "the regional governor", "the candidate": the latest person with that title.
            titled = self._titled_person(head)
            if titled is not None:
                return titled
        modifiers = {w.lower() for w in words[:-1]}
        country = country_in_description(words)
        joined = " ".join(words)
        if head in lexicon.ANONYMOUS_HEADS or head in ("people", "officials"):
            kind = (
                SpeakerKind.government if country and head == "officials" else SpeakerKind.anonymous
            )
            entity = self._find_exact(joined) or self._add(joined, kind, pos, country=country)
            entity.plural = True
            return entity
        synonyms = DESCRIPTION_SYNONYMS.get(head, {head})
        type_words = {TYPE_WORDS[m] for m in modifiers if m in TYPE_WORDS}
        if country is None and len(words) <= 3:
            # 'the intelligence agency': nearest organisation of that type named earlier.
            for entity in sorted(self.entities, key=lambda e: -e.last_seen):
                if entity.kind not in (
                    SpeakerKind.organization,
                    SpeakerKind.government,
                    SpeakerKind.media,
                ):
                    continue
                name_words = set(name_tokens(entity.name)) | {
                    compact_key(a) for a in entity.aliases
                }
                if not (name_words & synonyms):
                    continue
                if type_words and not all(
                    t in name_words or t in {compact_key(x) for x in entity.name.split()}
                    for t in type_words
                ):
                    continue
                return entity
        if country is None and self._definite and singular_description(words):
            # 'the company', 'the candidate', 'the message': a reference to someone the
            # article named, or nobody it lets a reader tell; never a record of its own.
            referent = self._generic_org(head) if head in RESOLVABLE_ORG_HEADS else None
            return referent or Entity(joined, SpeakerKind.unknown, [], last_seen=pos)
        if head in PERSON_NOUNS:  # "an Australian woman": one person, not a body
            entity = self._find_exact(joined) or self._add(joined, SpeakerKind.person, pos)
            entity.gender = entity.gender or PERSON_NOUNS[head]
            return entity
        kind = org_kind(joined, default=SpeakerKind.organization)
        return self._find_exact(joined) or self._add(joined, kind, pos, country=country)

    def _add(
        self,
        name: str,
        kind: SpeakerKind,
        pos: int,
        *,
        title: str | None = None,
        country: str | None = None,
    ) -> Entity:
        entity = Entity(
            name=name,
            kind=kind,
            tokens=name_tokens(name),
            title=title,
            country=country,
            last_seen=pos,
        )
        self.entities.append(entity)
        self._by_key.setdefault(compact_key(name), entity)
        if kind == SpeakerKind.person and len(entity.tokens) >= 2:
            parts = name.split()
            for part in {compact_key(parts[0]), compact_key(parts[-1])}:
                self._by_token.setdefault(part, []).append(entity)
        return entity

    def _find_exact(self, name: str) -> Entity | None:
        return self._by_key.get(compact_key(name))

    def _find_org(self, name: str) -> Entity | None:
        found = self._find_exact(name)
        if found is not None:
            return found
        key = compact_key(name)
        for entity in self.entities:
            if entity.kind != SpeakerKind.person and compact_key(entity.name).endswith(key):
                return entity
        return None

    def _find_org_in(self, name: str, country: str) -> Entity | None:
        key = compact_key(name)
        for entity in self.entities:
            if (
                entity.kind != SpeakerKind.person
                and compact_key(entity.name) == key
                and (entity.country in (None, country))
            ):
                entity.country = country
                return entity
        return None

    def _by_name_token(self, token: str, gender: str | None) -> Entity | None:
        """Most recent person whose first or last name is this word ('Kim', 'Rutte')."""
        best: Entity | None = None
        for entity in self._by_token.get(compact_key(token), ()):
            if gender and entity.gender and entity.gender != gender:
                continue
            if best is None or entity.last_seen > best.last_seen:
                best = entity
        return best
