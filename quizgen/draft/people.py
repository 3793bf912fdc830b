"""People, organisations and places: mentions merged into one record per person ("Dmitri S.
Peskov", "Mr. Peskov", "Peskov"), each with the role and affiliation the text gives (found by
:mod:`.roles`), and a name kept as a person's only when the text gives a sign of it."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from . import lexicon
from .mentions import Mention, find_mentions
from .roles import ORGANISATION_HEADS, Role, RoleFinder
from .text import Document


@dataclass
class Person:
    name: str
    words: tuple[str, ...]
    mentions: list[Mention] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    gender: str | None = None

    @property
    def surname(self) -> str:
        return self.words[-1]

    @property
    def first(self) -> Mention:
        return self.mentions[0]


@dataclass
class Entity:
    """An organisation or a place the text names."""

    name: str
    kind: str  # organisation or place
    mentions: list[Mention] = field(default_factory=list)
    description: Role | None = None


@dataclass
class Cast:
    """Everyone and everything the text names, with a way to look up a mention by offset."""

    document: Document
    people: list[Person]
    entities: list[Entity]
    person_mentions: list[tuple[int, int, Person]]  # (start, end, person), by start
    other_mentions: list[Mention]

    def people_in(self, start: int, end: int) -> list[tuple[int, int, Person]]:
        starts = [m[0] for m in self.person_mentions]
        low = bisect.bisect_left(starts, start)
        found = []
        for item in self.person_mentions[low:]:
            if item[0] >= end:
                break
            if item[1] <= end:
                found.append(item)
        return found

    def others_in(self, start: int, end: int) -> list[Mention]:
        return [m for m in self.other_mentions if start <= m.text_start and m.end <= end]


def _same_person(person: Person, words: tuple[str, ...]) -> bool:
    if person.surname != words[-1]:
        return False
    if len(words) == 1 or len(person.words) == 1:
        return True
    return person.words[0] == words[0]


def _resolve_possessor(
    document: Document,
    role: Role,
    person: Person,
    people: list[Person],
    mentions: list[tuple[int, int, Person]],
) -> None:
    """ "his Russian counterpart" -> "the Russian counterpart of Masoud Pezeshkian", when the
    sentence names exactly one other person before it."""
    first = role.text.split(" ", 1)
    if len(first) < 2 or first[0] not in ("his", "her"):
        return
    sentence = document.sentence_at(role.evidence[0])
    before = {
        p.name for s, _, p in mentions if sentence.start <= s < role.evidence[0] and p is not person
    }
    if len(before) == 1:
        role.text = f"the {first[1]} of {before.pop()}"


def _is_organisation(document: Document, person: Person) -> bool:
    """ "The local newspaper, the Larchmont Echo": named by an organisation noun; "Veltra Energy,
    said it would appeal": spoken of as "it"."""
    if any(r.head in ORGANISATION_HEADS and not lexicon.is_role_noun(r.head) for r in person.roles):
        return True
    tokens = document.tokens
    for mention in person.mentions:
        k = document.token_index(mention.end)
        following = [t.lower for t in tokens[k : k + 3]]
        if any(
            following[i] in lexicon.SPEECH_VERBS and following[i + 1] in ("it", "its")
            for i in range(len(following) - 1)
        ):
            return True
    return False


def _looks_personal(document: Document, person: Person) -> bool:
    if any(m.title or m.honorific for m in person.mentions):
        return True
    if _is_organisation(document, person):
        return False
    if person.roles:
        return True
    if any(
        w in lexicon.NAME_PARTICLES or w.startswith(lexicon.NAME_PREFIXES[:5]) for w in person.words
    ):
        return True
    tokens = document.tokens
    for mention in person.mentions:
        before = document.token_index(mention.text_start) - 1
        if before >= 0 and tokens[before].lower in lexicon.SPEECH_VERBS:
            return True  # "said Joanna Pike"
        k = document.token_index(mention.end)
        if k < len(tokens) and tokens[k].text == ",":
            nxt = tokens[k + 1] if k + 1 < len(tokens) else None
            if nxt is not None and (nxt.lower == "who" or nxt.text.isdigit()):
                return True  # "Ana Ruiz, who ..." / "Ana Ruiz, 34, ..."
            # skip an appositive: "Nikita Smagin, an expert on ..., said"
            j = k + 1
            while j < len(tokens) and tokens[j].text not in (",", ".", ";") and j - k < 30:
                j += 1
            k = j + 1 if j < len(tokens) and tokens[j].text == "," else k + 1
        for token in tokens[k : k + 2]:
            if token.lower in lexicon.SPEECH_VERBS:
                return True  # "Kazem Jalali told", "Ms. Liang also said"
    return False


def find_cast(document: Document) -> Cast:
    mentions = find_mentions(document)
    finder = RoleFinder(document)
    people: list[Person] = []
    by_mention: dict[int, Person] = {}

    def add(person: Person, mention: Mention) -> None:
        person.mentions.append(mention)
        by_mention[mention.start] = person
        if mention.honorific and lexicon.HONORIFICS.get(mention.honorific):
            person.gender = lexicon.HONORIFICS[mention.honorific]
        for token in mention.title:
            if token.text in lexicon.GENDERED_TITLES:
                person.gender = lexicon.GENDERED_TITLES[token.text]

    # full names first, then titled single names ("Mr. Trump"), then bare surnames ("Peskov")
    for mention in mentions:
        if mention.kind in ("name", "person") and len(mention.words) > 1:
            match = next((p for p in people if _same_person(p, mention.words)), None)
            if match is None:
                match = Person(mention.name, mention.words)
                people.append(match)
            elif len(mention.words) > len(match.words):
                match.name, match.words = mention.name, mention.words
            add(match, mention)
    for mention in mentions:
        if mention.kind == "person" and len(mention.words) == 1:
            candidates = [p for p in people if p.surname == mention.words[0]]
            if candidates:
                match = max(
                    candidates,
                    key=lambda p: (
                        max(m.start for m in p.mentions if m.start < mention.start)
                        if any(m.start < mention.start for m in p.mentions)
                        else -1
                    ),
                )
            else:
                match = Person(mention.name, mention.words)
                people.append(match)
            add(match, mention)
    for mention in mentions:
        if mention.kind == "single" and mention.start not in by_mention:
            candidates = [p for p in people if p.surname == mention.words[0]]
            if candidates:
                add(candidates[0], mention)

    for person in people:
        person.mentions.sort(key=lambda m: m.start)
        for mention in person.mentions:
            person.roles.extend(finder.roles(mention))
    # a name is a person's only with a sign of it: a title, a role, a particle (al-, von), or
    # speech ("Kazem Jalali told"); "Ashford Rovers" and "Brook Lane" have none
    people = [p for p in people if _looks_personal(document, p)]
    kept = {m.start for p in people for m in p.mentions}
    by_mention = {k: v for k, v in by_mention.items() if k in kept}
    person_mentions = sorted(
        ((m.text_start, m.end, p) for p in people for m in p.mentions), key=lambda x: x[0]
    )
    for person in people:
        for role in person.roles:
            _resolve_possessor(document, role, person, people, person_mentions)
    people.sort(key=lambda p: p.first.start)

    entities: dict[str, Entity] = {}
    others = [m for m in mentions if m.start not in by_mention]
    for mention in others:
        description = finder.after(mention, ORGANISATION_HEADS)
        kind = mention.kind
        if kind not in ("organisation", "place"):
            if description is None and mention.name not in entities:
                continue
            kind = "organisation"  # "Harlow Capital, a London-based investment fund"
        key = mention.name
        entity = entities.get(key)
        if entity is None:
            entity = entities[key] = Entity(mention.name, kind)
        entity.mentions.append(mention)
        if entity.description is None:
            entity.description = description
    return Cast(document, people, list(entities.values()), person_mentions, others)
