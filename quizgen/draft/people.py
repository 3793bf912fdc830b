"""People, organisations and places: mentions merged into one record per person ("Dmitri S.
Peskov", "Mr. Peskov", "Peskov"), each with the role and affiliation the text gives."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from . import lexicon
from .lexicon import words
from .mentions import Mention, find_mentions
from .text import Document, Token

_DETERMINERS = words("a an the his her their its our my your this that")
_BOUNDARY_WORDS = words(
    """and or but by with from that according including said says wrote writes told tells added
    adds when while after before since as than like between among"""
)
_ROLE_STOP = frozenset(',.;:!?()[]—–“”"')
_POSSESSIVE = ("’s", "'s")
_VERBS = words("is are was were has have had will would can could should")
_LEADING_VERBS = words(
    "chairs chaired heads headed leads led runs ran directs directed manages managed founded "
    "owns owned represents represented coaches coached edits edited teaches taught"
)
_REGIME_NOUNS = words("regime government administration cabinet")


@dataclass
class Role:
    text: str  # the role as the draft gives it ("the Kremlin’s spokesman")
    evidence: tuple[int, int]  # the passage: name and role together
    affiliation: str | None = None
    relative: bool = False  # "who chairs the committee": a role only with a title before it
    head: str = ""  # the noun a role phrase before the name ends with ("newspaper")


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


def _token_index(document: Document, offset: int) -> int:
    """The index of the first token starting at or after ``offset``."""
    return bisect.bisect_left(document.token_starts, offset)


def _affiliation(tokens: list[Token]) -> str | None:
    """The organisation or country a role names: "Iran’s ...", "... of Iran", "Russian ..."."""
    for index, token in enumerate(tokens):
        if token.text in _POSSESSIVE and index > 0 and tokens[index - 1].is_capitalised:
            begin = index - 1
            while begin > 0 and tokens[begin - 1].is_capitalised:
                begin -= 1
            if begin > 0 and tokens[begin - 1].text == "the":
                begin -= 1
            return " ".join(t.text for t in tokens[begin:index])
    for index, token in enumerate(tokens):
        if token.text in ("of", "at", "with", "for") and index + 1 < len(tokens):
            rest = tokens[index + 1 :]
            begin = 1 if rest and rest[0].text == "the" else 0
            end = begin
            while end < len(rest) and (
                rest[end].is_capitalised
                or (rest[end].text in ("of", "for", "and") and end + 1 < len(rest))
            ):
                end += 1
            if (
                end < len(rest)
                and rest[end].is_word
                and not rest[end].is_capitalised
                and (rest[end].lower not in ("think", "tank", "news", "agency"))
            ):
                continue  # "of Middle Eastern affairs": an adjective, not a name
            if end > begin:
                words = [t.text for t in rest[:end]]
                while words and words[-1] in ("of", "for", "and"):
                    words.pop()
                if end < len(rest) and rest[end].text in ("think", "tank", "news", "agency"):
                    words += [t.text for t in rest[end:]]
                return " ".join(words)
    for token in tokens:
        if token.text in lexicon.DEMONYMS:
            return lexicon.DEMONYMS[token.text]
    return None


def _lower_determiner(text: str) -> str:
    """ "The club's owner" -> "the club's owner" (a role is read inside a sentence)."""
    first, _, rest = text.partition(" ")
    if rest and first.casefold() in _DETERMINERS:
        return first.casefold() + " " + rest
    return text


def _role_words(tokens: list[Token], nouns: frozenset[str] = lexicon.ROLE_NOUNS) -> bool:
    if nouns is lexicon.ROLE_NOUNS:
        return any(lexicon.is_role_noun(t.text) and not t.is_capitalised for t in tokens)
    return any(t.lower in nouns and not t.is_capitalised for t in tokens)


class _RoleFinder:
    def __init__(self, document: Document) -> None:
        self.document = document
        self.tokens = document.tokens
        self.text = document.text

    def span(self, first: Token, last: Token) -> str:
        return self.text[first.start : last.end]

    def after(self, mention: Mention, nouns: frozenset[str] = lexicon.ROLE_NOUNS) -> Role | None:
        """ ", the Kremlin’s spokesman," after the name; ", 42, a nurse"; ", who is the ...";
        with ``nouns`` the organisation nouns: ", an Iranian news agency"."""
        tokens, i = self.tokens, _token_index(self.document, mention.end)
        if i >= len(tokens) or tokens[i].text != ",":
            return None
        sentence = self.document.sentence_at(mention.start)
        j = i + 1
        if j < len(tokens) and tokens[j].text.isdigit():  # an age: "Ana Ruiz, 34, a nurse"
            j += 1
            if j < len(tokens) and tokens[j].text == ",":
                j += 1
        relative = False
        if j + 1 < len(tokens) and tokens[j].text == "who":
            if tokens[j + 1].text in ("is", "was", "has"):
                j += 2
                if j < len(tokens) and tokens[j].text == "been":
                    j += 1
            elif tokens[j + 1].lower in _LEADING_VERBS:
                relative = True  # "who chairs the transport committee"
        begin = j
        while (
            j < len(tokens) and tokens[j].end <= sentence.end and tokens[j].text not in _ROLE_STOP
        ):
            j += 1
        phrase = tokens[begin:j]
        if not phrase or len(phrase) > 25:
            return None
        if relative:
            return Role(
                self.span(phrase[0], phrase[-1]),
                (mention.text_start, phrase[-1].end),
                _affiliation(phrase),
                relative=True,
            )
        head = phrase[0]
        starts_well = (
            head.lower in _DETERMINERS
            or (len(phrase) > 1 and phrase[1].text in _POSSESSIVE)
            or (
                head.lower in nouns
                if nouns is not lexicon.ROLE_NOUNS
                else lexicon.is_role_noun(head.text)
            )
            or (head.text in lexicon.DEMONYMS and _role_words(phrase[:4], nouns))
        )
        # "a hospital cleaner": a short phrase ending in a noun of someone who does something
        doer = (
            nouns is lexicon.ROLE_NOUNS
            and head.lower in ("a", "an")
            and len(phrase) <= 6
            and phrase[-1].lower.endswith(("er", "or"))
            and not phrase[-1].is_capitalised
            and phrase[-1].lower not in _ORGANISATION_NOUNS
        )
        if not starts_well or not (doer or _role_words(phrase, nouns)):
            return None
        if any(t.lower in lexicon.SPEECH_VERBS for t in phrase[:2]):
            return None
        if any(t.lower in _VERBS for t in phrase[:3]):
            return None  # ", the organization is based on ...": a clause, not an appositive
        return Role(
            _lower_determiner(self.span(phrase[0], phrase[-1])),
            (mention.text_start, phrase[-1].end),
            _affiliation(phrase),
        )

    def before(self, mention: Mention) -> Role | None:
        """ "Iran’s foreign minister, Abbas Araghchi"; "the engineer Luigi Menabrea"."""
        tokens, i = self.tokens, _token_index(self.document, mention.text_start) - 1
        if i < 0:
            return None
        sentence = self.document.sentence_at(mention.start)
        if i > 0 and tokens[i].lower == "the" and tokens[i - 1].text == ",":
            i -= 1  # "The local newspaper, the Larchmont Echo"
        comma = tokens[i].text == ","
        if comma:
            # the appositive must close after the name (", Abbas Araghchi," or the sentence end)
            k = _token_index(self.document, mention.end)
            if (
                k < len(tokens)
                and tokens[k].text not in (",", ".", ";")
                and tokens[k].end <= sentence.end
            ):
                return None
            i -= 1
        end = i
        while (
            i >= 0
            and tokens[i].start >= sentence.start
            and tokens[i].text not in _ROLE_STOP
            and tokens[i].lower not in _BOUNDARY_WORDS
            and tokens[i].lower not in lexicon.SPEECH_VERBS
            and (
                comma
                or not tokens[i].is_capitalised
                or tokens[i].lower in _DETERMINERS
                or tokens[i + 1].text in _POSSESSIVE
            )
        ):
            i -= 1
            if not comma and tokens[i + 1].lower in _DETERMINERS:
                break
        phrase = tokens[i + 1 : end + 1]
        if not phrase or len(phrase) > 12 or end < 0:
            return None
        if comma and [t.lower for t in phrase] == ["one", "of", "them"]:
            return self.one_of_them(phrase, mention)
        if comma:
            if not _role_words(phrase):
                if (
                    tokens[end].lower in _ORGANISATION_NOUNS
                    and phrase[0].lower in _DETERMINERS
                    and len(phrase) <= 5
                ):
                    # "The local newspaper, the Larchmont Echo": kept to tell it is no person
                    text = _lower_determiner(self.span(phrase[0], phrase[-1]))
                    return Role(text, (phrase[0].start, mention.end), head=tokens[end].lower)
                return None
        elif not lexicon.is_role_noun(tokens[end].text) or not (
            phrase[0].lower in _DETERMINERS or (len(phrase) > 1 and phrase[1].text in _POSSESSIVE)
        ):
            return None
        text = _lower_determiner(self.span(phrase[0], phrase[-1]))
        head = next((t.lower for t in phrase if lexicon.is_role_noun(t.text)), tokens[end].lower)
        return Role(text, (phrase[0].start, mention.end), _affiliation(phrase), head=head)

    def one_of_them(self, phrase: list[Token], mention: Mention) -> Role | None:
        """ "Farmers agreed ... One of them, Robert Hale, ...": one of the farmers."""
        sentences = self.document.sentences
        here = sentences.index(self.document.sentence_at(phrase[0].start))
        if here == 0:
            return None
        before = sentences[here - 1]
        for token in reversed(self.document.tokens_in(before.start, before.end)):
            word = token.lower
            if (token.is_capitalised and token.start != before.start) or not word.endswith("s"):
                continue
            if word in lexicon.GROUP_NOUNS or lexicon.is_role_noun(word[:-1]):
                text = f"one of the {word}"
                return Role(text, (phrase[0].start, mention.end), head=word[:-1])
        return None

    def title(self, mention: Mention) -> Role | None:
        """ "President Masoud Pezeshkian of Iran": the title, and "of ..." after the name."""
        title = [t for t in mention.title if t.text not in lexicon.HONORIFICS]
        if not title or not any(t.text in lexicon.TITLE_HEADS for t in title):
            return None
        text = "the " + self.span(title[0], title[-1])  # "Who is the Mayor?"
        end = mention.end
        tokens, k = self.tokens, _token_index(self.document, mention.end)
        affiliation = _affiliation(list(title))
        if k + 1 < len(tokens) and tokens[k].text == "of" and tokens[k + 1].is_capitalised:
            last = k + 1
            while last + 1 < len(tokens) and tokens[last + 1].is_capitalised:
                last += 1
            place = self.span(tokens[k + 1], tokens[last])
            text, end, affiliation = f"{text} of {place}", tokens[last].end, place
        return Role(text, (title[0].start, end), affiliation)

    def as_role(self, mention: Mention) -> Role | None:
        """ "the return of Mr. Trump as U.S. president"."""
        tokens, k = self.tokens, _token_index(self.document, mention.end)
        if k >= len(tokens) or tokens[k].text != "as":
            return None
        for last in range(k + 1, min(k + 6, len(tokens))):
            if tokens[last].text in _ROLE_STOP:
                return None
            if lexicon.is_role_noun(tokens[last].text):
                phrase = tokens[k + 1 : last + 1]
                return Role(
                    self.span(phrase[0], phrase[-1]),
                    (mention.text_start, phrase[-1].end),
                    _affiliation(phrase),
                )
        return None

    def regime(self, mention: Mention) -> Role | None:
        """ "Bashar al-Assad’s regime in Syria": the head of that regime."""
        tokens, k = self.tokens, _token_index(self.document, mention.end)
        if k + 1 >= len(tokens) or tokens[k].text not in _POSSESSIVE:
            return None
        if tokens[k + 1].lower not in _REGIME_NOUNS:
            return None
        last = k + 1
        if (
            k + 3 < len(tokens)
            and tokens[k + 2].text in ("in", "of")
            and tokens[k + 3].is_capitalised
        ):
            last = k + 3
        rest = self.span(tokens[k + 1], tokens[last])
        place = tokens[last].text if last > k + 1 else None
        return Role(f"head of the {rest}", (mention.text_start, tokens[last].end), place)

    def roles(self, mention: Mention) -> list[Role]:
        found = []
        for rule in (self.title, self.after, self.before, self.as_role, self.regime):
            role = rule(mention)
            if role is not None:
                found.append(role)
        relative = next((r for r in found if r.relative), None)
        if relative is not None:
            found.remove(relative)
            title = self.title(mention)
            if title is None:
                # "Priya Raman, who owns the Lantern Bookshop"
                found.insert(
                    0,
                    Role(f"the person {relative.text}", relative.evidence, relative.affiliation),
                )
            elif found and found[0].text == title.text:
                # "Councillor Maria Lind, who chairs the transport committee"
                found[0] = Role(
                    f"{title.text} {relative.text}",
                    (title.evidence[0], relative.evidence[1]),
                    title.affiliation or relative.affiliation,
                )
        return found


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


_ORGANISATION_NOUNS = lexicon.ORGANISATION_NOUNS | words(
    "fund firm company agency newspaper broadcaster charity group maker manufacturer bank"
)


def _is_organisation(document: Document, person: Person) -> bool:
    """ "The local newspaper, the Larchmont Echo": named by an organisation noun; "Veltra Energy,
    said it would appeal": spoken of as "it"."""
    if any(
        r.head in _ORGANISATION_NOUNS and not lexicon.is_role_noun(r.head) for r in person.roles
    ):
        return True
    tokens = document.tokens
    for mention in person.mentions:
        k = _token_index(document, mention.end)
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
        before = _token_index(document, mention.text_start) - 1
        if before >= 0 and tokens[before].lower in lexicon.SPEECH_VERBS:
            return True  # "said Joanna Pike"
        k = _token_index(document, mention.end)
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
    finder = _RoleFinder(document)
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
        description = finder.after(mention, _ORGANISATION_NOUNS)
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
