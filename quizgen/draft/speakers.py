"""Who a stretch of text names as a speaker: a person of the cast, or a document, a group of people
or an organisation (a :class:`Source`: "the signed treaty", "U.S. officials", "Gazprom"), or the
person an unnamed role stands for ("the mayor")."""

from __future__ import annotations

from dataclasses import dataclass

from . import lexicon
from .lexicon import words
from .people import Cast, Person
from .text import Document, Token

_DETERMINERS = words("the a an its their his her our this that these those")
_NP_STOP = words(
    """in on at after before during since for with to from by of that which who whom whose and
    or but while when where as than about over under into through"""
)
_HEADS = lexicon.DOCUMENT_NOUNS | lexicon.GROUP_NOUNS | lexicon.ORGANISATION_NOUNS


@dataclass(frozen=True)
class Source:
    """A speaker that is not a person: a document, a group of people or an organisation."""

    name: str  # as the text gives it: "the signed treaty", "U.S. and European officials"
    kind: str  # document, group or organisation
    evidence: tuple[int, int]

    @property
    def key(self) -> str:
        words = self.name.split()
        if words and words[0].casefold() in _DETERMINERS:
            words = words[1:]
        return " ".join(words).casefold()


Speaker = Person | Source


def strip_appositives(tokens: list[Token]) -> list[Token]:
    """Drop ", an expert on ..., " and ", who ..., " segments from a subject."""
    kept: list[Token] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.text == "," and i + 1 < len(tokens):
            nxt = tokens[i + 1]
            if (
                nxt.lower in _DETERMINERS
                or nxt.lower in ("who", "which", "whose")
                or (nxt.is_word and not nxt.is_capitalised)
                or (i + 2 < len(tokens) and tokens[i + 2].text in ("’s", "'s"))
            ):
                j = i + 1
                while j < len(tokens) and tokens[j].text != ",":
                    j += 1
                if j < len(tokens):  # a closed appositive: skip it and its commas
                    i = j + 1
                    continue
        kept.append(token)
        i += 1
    return kept


class SpeakerFinder:
    """The speaker a run of tokens names, if it names one."""

    def __init__(self, document: Document, cast: Cast) -> None:
        self.document = document
        self.cast = cast
        self.text = document.text

    def person_in(self, tokens: list[Token], last: bool) -> tuple[Person, int, int] | None:
        if not tokens:
            return None
        found = self.cast.people_in(tokens[0].start, tokens[-1].end)
        kept = {t.start for t in tokens}
        found = [f for f in found if f[0] in kept]  # not inside a dropped appositive
        if not found:
            return None
        start, end, person = found[-1] if last else found[0]
        return person, start, end

    def source_in(self, tokens: list[Token], last: bool) -> Speaker | None:
        """A document, group or organisation named in ``tokens`` ("the signed treaty", "U.S.
        officials"), or the person an unnamed role stands for ("the mayor said", when one
        person's role is mayor). With ``last``, ``tokens`` is a subject before its verb: the
        head is the first noun of its last comma-separated part ("A report by the council's
        auditors" is a report)."""
        if last:
            parts: list[list[Token]] = [[]]
            for token in tokens:
                if token.text == ",":
                    parts.append([])
                else:
                    parts[-1].append(token)
            for part in reversed(parts):
                found = self._source_from(part, range(len(part)))
                if found is not None:
                    return found
            return None
        return self._source_from(tokens, range(len(tokens)))

    def _kind_of(self, token: Token) -> str | None:
        if not token.is_capitalised or token.lower in _DETERMINERS:
            if token.lower in lexicon.DOCUMENT_NOUNS:
                return "document"
            if token.lower in lexicon.GROUP_NOUNS:
                return "group"
            if lexicon.is_role_noun(token.text):
                return "role"  # "a spokesman for the ministry", "the mayor"
            if token.lower in lexicon.ORGANISATION_NOUNS:
                return "organisation"
            return None
        mention = next(
            (m for m in self.cast.other_mentions if m.start <= token.start < m.end), None
        )
        if mention is not None and mention.kind in ("organisation", "place", "single", "other"):
            # "Gazprom said", "Moscow said": a company, or a country's government; but not a
            # name that qualifies a noun after it ("U.S. officials")
            following = self.document.tokens_in(mention.end, mention.end + 40)[:1]
            if following and (
                following[0].lower in _HEADS or lexicon.is_role_noun(following[0].text)
            ):
                return None
            return "organisation"
        return None

    def _source_from(self, tokens: list[Token], indexes: range) -> Speaker | None:
        for index in indexes:
            kind = self._kind_of(tokens[index])
            if kind is None:
                continue
            if index + 1 < len(tokens) and tokens[index + 1].text in ("’s", "'s"):
                continue  # a possessor: the phrase's head comes after it
            begin = index
            while begin > 0 and index - begin < 7:
                previous = tokens[begin - 1]
                if previous.text in ("’s", "'s"):
                    begin -= 1  # the possessor belongs to the phrase: "the health authority's plan"
                    continue
                if previous.text in (
                    ",",
                    ".",
                    ";",
                    ":",
                    "“",
                    "”",
                    '"',
                ) or previous.lower in _NP_STOP - {"and"}:
                    break
                if previous.lower in lexicon.SPEECH_VERBS:
                    break
                if previous.lower in _HEADS and tokens[begin].text not in ("’s", "'s"):
                    break  # another noun phrase ("the agreement covers military issues")
                begin -= 1
                if previous.lower in _DETERMINERS:
                    break
            while begin < index and tokens[begin].lower == "and":
                begin += 1
            end = index
            while (
                end + 1 < len(tokens)
                and tokens[end + 1].is_capitalised
                and tokens[end + 1].start == tokens[end].end + 1
                and kind == "organisation"
                and tokens[index].is_capitalised
            ):
                end += 1  # the whole name: "Redline Buses"
            # "a spokesman for the ministry", "a report by the council's own auditors"
            if end + 1 < len(tokens) and tokens[end + 1].lower in ("for", "of", "at", "by", "from"):
                stop = end + 1
                while (
                    stop + 1 < len(tokens)
                    and stop - end < 7
                    and tokens[stop + 1].text not in (",", ".", ";", ":", "“", "”", '"')
                    and tokens[stop + 1].lower not in lexicon.SPEECH_VERBS
                ):
                    stop += 1
                if stop > end + 1:
                    end = stop
            if kind == "role":
                person = self._person_by_role(tokens[index])
                if person is not None:
                    return person
                kind = "group"
            name = self.text[tokens[begin].start : tokens[end].end]
            if name[:1].isupper() and tokens[begin].lower in _DETERMINERS:
                name = name[0].lower() + name[1:]
            return Source(name, kind, (tokens[begin].start, tokens[end].end))
        return None

    def _person_by_role(self, noun: Token) -> Person | None:
        """The person whose role is this noun ("the mayor" for Mayor Helen Okafor), if one is,
        among those named before; the most recently named if several are."""
        candidates = [
            (max(m.start for m in p.mentions if m.start < noun.start), p)
            for p in self.cast.people
            if any(m.start < noun.start for m in p.mentions)
            and any(noun.lower in r.text.casefold().split() for r in p.roles)
        ]
        return max(candidates, key=lambda c: c[0])[1] if candidates else None
