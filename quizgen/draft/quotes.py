"""Direct quotations and who said them.

A quotation is the text between a pair of double quotes, curly or straight, of three words or more
(shorter ones are terms or scare quotes: the “axis of resistance”). Its speaker comes from, in turn:

1. an attribution right after it: “…,” Mr. Suleymanov said / “…,” said Joanna Pike / “…,” he added;
2. a speech verb before it in the same sentence: Mr. Putin said that the agreement creates “…” /
   He added, “…” / The signed treaty said that Russia and Iran “…”;
3. the quotation before it, when it stands alone as a sentence after another quotation (the second
   half of a quote split over two sentences).

The speaker found is a person of the cast (a name, "Mr. X", or "he"/"she" resolved to the last named
speaker when no other person of that gender was named since), or, when the words belong to a
document, a group or an organisation ("the treaty says", "U.S. officials said"), that source as
such. A pronoun that cannot be resolved unambiguously leaves the speaker open, for the teacher.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from . import lexicon
from .lexicon import words
from .people import Cast, Person
from .text import Document, Token

_OPEN_CLOSE = {"“": "”", "„": "”", '"': '"'}
_CLAUSE_BREAKS = frozenset({";", ":", "—", "–", "(", ")"})
_PRONOUNS = {"he": "male", "she": "female", "they": None, "it": "thing"}
_DETERMINERS = words("the a an its their his her our this that these those")
_NP_STOP = words(
    """in on at after before during since for with to from by of that which who whom whose and
    or but while when where as than about over under into through"""
)
_NOT_ATTRIBUTION = words("and but because while which that when although if")
_HEADS = lexicon.DOCUMENT_NOUNS | lexicon.GROUP_NOUNS | lexicon.ORGANISATION_NOUNS
MIN_WORDS = 3


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


@dataclass
class Quote:
    open: int  # offset of the opening quote mark
    close: int  # offset just after the closing quote mark
    text: str  # the words inside, without a trailing comma
    speaker: Speaker | None = None
    how: str = ""  # what the speaker was found from, for the teacher
    doubt: str = ""  # why the speaker is left open or uncertain
    evidence: tuple[int, int] = (0, 0)


@dataclass
class _Event:
    """A speech verb in the text (outside quotations) and who spoke."""

    verb: Token
    speaker: Speaker | None
    cue: tuple[int, int]  # the passage naming the speaker and the verb
    doubt: str = ""


def find_quote_spans(document: Document) -> list[tuple[int, int]]:
    """(open, close) of every pair of double quotes; a quote left open at the end of a paragraph
    closes there (news style: the next paragraph reopens it)."""
    spans: list[tuple[int, int]] = []
    text = document.text
    for paragraph in document.paragraphs:
        if paragraph == document.headline:
            continue
        i = paragraph.start
        while i < paragraph.end:
            char = text[i]
            if char in _OPEN_CLOSE:
                closer = _OPEN_CLOSE[char]
                j = text.find(closer, i + 1, paragraph.end)
                if j == -1:
                    if char == '"':
                        break  # an odd straight quote: not a quotation
                    spans.append((i, paragraph.end))
                    break
                spans.append((i, j + 1))
                i = j + 1
                continue
            i += 1
    return spans


class _Attributor:
    def __init__(self, document: Document, cast: Cast, quote_spans: list[tuple[int, int]]) -> None:
        self.document = document
        self.cast = cast
        self.text = document.text
        self.tokens = document.tokens
        self.starts = [t.start for t in self.tokens]
        self.quote_spans = quote_spans
        self.quote_opens = [o for o, _ in quote_spans]
        self.events: dict[int, _Event] = {}  # by verb offset

    # ------------------------------------------------------------------ helpers

    def inside_quote(self, offset: int) -> bool:
        index = bisect.bisect_left(self.quote_opens, offset) - 1  # the last quote opened before
        return index >= 0 and offset < self.quote_spans[index][1]

    def tokens_between(self, start: int, end: int) -> list[Token]:
        low = bisect.bisect_left(self.starts, start)
        high = bisect.bisect_left(self.starts, end)
        return [t for t in self.tokens[low:high] if t.end <= end]

    def is_speech_verb(self, token: Token) -> bool:
        return token.lower in lexicon.SPEECH_VERBS and not self.inside_quote(token.start)

    def strip_appositives(self, tokens: list[Token]) -> list[Token]:
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
            following = self.tokens_between(mention.end, mention.end + 40)[:1]
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

    def clause_start(self, verb: Token, floor: int) -> int:
        """Where the clause of a speech verb starts: after "; ", ", but", ", and", a dash, or a
        quotation, and never before ``floor``."""
        start = floor
        for token in self.tokens_between(floor, verb.start):
            closes_quote = token.text in ("”", '"') and self.inside_quote(token.start - 1)
            if token.text in _CLAUSE_BREAKS or closes_quote:
                start = token.end
        previous = self.tokens_between(start, verb.start)
        for index in range(len(previous) - 1):
            if previous[index].text == "," and previous[index + 1].lower in (
                "but",
                "and",
                "while",
                "although",
            ):
                start = previous[index + 1].end
        return start

    # ------------------------------------------------------------------ speech events

    def subject_of(self, verb: Token) -> _Event:
        """Who spoke, for a speech verb: the name (or pronoun, or source) before it in its clause,
        or, for "said X" after a quotation, the name after it."""
        sentence = self.document.sentence_at(verb.start)
        start = self.clause_start(verb, sentence.start)
        before = self.tokens_between(start, verb.start)
        words_before = [t for t in before if t.is_word]
        if verb.lower == "according":
            return self._after_verb(verb, sentence.end)
        # adverbs between subject and verb ("he also said")
        near = [t for t in words_before[-3:]]
        for token in reversed(near):
            if token.lower in _PRONOUNS:
                return self._pronoun(verb, token)
        stripped = self.strip_appositives(before)
        if stripped and stripped[-1].text in ("”", '"', ",") and not words_before:
            return self._after_verb(verb, sentence.end)
        if not words_before or (before and before[-1].text in ("”", '"')):
            return self._after_verb(verb, sentence.end)
        found = self.person_in(stripped, last=True)
        if found is not None:
            person, begin, _ = found
            return _Event(verb, person, (begin, verb.end))
        source = self.source_in(stripped, last=True)
        if isinstance(source, Person):
            return _Event(verb, source, (stripped[0].start if stripped else verb.start, verb.end))
        if source is not None:
            return _Event(verb, source, (source.evidence[0], verb.end))
        for token in reversed(words_before):
            if token.lower in _PRONOUNS:
                return self._pronoun(verb, token)
        return _Event(verb, None, (verb.start, verb.end), "no speaker named before the verb")

    def subject_before_colon(self, before: list[Token]) -> _Event | None:
        """The person (or pronoun) a sentence ending in a colon is about: its first person
        named, or a pronoun starting it."""
        colon = before[-1]
        words_before = [t for t in before if t.is_word]
        if words_before and words_before[0].lower in _PRONOUNS:
            return self._pronoun(colon, words_before[0])
        found = self.person_in(self.strip_appositives(before[:-1]), last=False)
        if found is None:
            return None
        person, begin, _ = found
        return _Event(colon, person, (begin, colon.start))

    def _after_verb(self, verb: Token, limit: int) -> _Event:
        """ "said Joanna Pike, the club’s teacher": the speaker after the verb."""
        after = self.tokens_between(verb.end, limit)
        if verb.lower == "according" and after and after[0].lower == "to":
            after = after[1:]
        after = after[:14]
        stop = next((i for i, t in enumerate(after) if t.text in ("“", '"', ";")), len(after))
        after = after[:stop]
        if after and after[0].lower in _PRONOUNS:
            return self._pronoun(verb, after[0])
        found = self.person_in(after, last=False)
        if found is not None:
            person, _, end = found
            return _Event(verb, person, (verb.start, end))
        source = self.source_in(after[:6], last=False)
        if isinstance(source, Person):
            return _Event(verb, source, (verb.start, after[min(5, len(after) - 1)].end))
        if source is not None:
            return _Event(verb, source, (verb.start, source.evidence[1]))
        return _Event(verb, None, (verb.start, verb.end), "no speaker named after the verb")

    def _pronoun(self, verb: Token, pronoun: Token) -> _Event:
        cue = (min(pronoun.start, verb.start), max(pronoun.end, verb.end))
        gender = _PRONOUNS[pronoun.lower]
        said = f"“{self.text[cue[0] : cue[1]]}”"
        if gender is None:
            return _Event(verb, None, cue, f"{said}: the text does not say who “they” are")
        if gender == "thing":
            # "It warns that ...": the document or organisation that spoke last, if it is near
            for offset in sorted(self.events, reverse=True):
                if offset >= pronoun.start:
                    continue
                speaker = self.events[offset].speaker
                near = (
                    self.document.paragraph_index(offset)
                    >= self.document.paragraph_index(pronoun.start) - 1
                )
                if isinstance(speaker, Source) and near:
                    return _Event(verb, speaker, cue)
                if speaker is not None:
                    break
            return _Event(verb, None, cue, f"{said}: no document or organisation spoke just before")
        # the last person who spoke before, of that gender (or of unknown gender)
        last: tuple[int, Person] | None = None
        for offset in sorted(self.events):
            if offset >= pronoun.start:
                break
            speaker = self.events[offset].speaker
            if isinstance(speaker, Person) and speaker.gender in (None, gender):
                last = (offset, speaker)
        if last is None:
            # nobody has spoken yet: the one person of that gender named in this sentence or the
            # one before
            index = self.document.sentences.index(self.document.sentence_at(pronoun.start))
            start = self.document.sentences[max(0, index - 1)].start
            named = {
                p.name: p
                for _, _, p in self.cast.people_in(start, pronoun.start)
                if p.gender in (None, gender)
            }
            if len(named) > 1:
                return _Event(verb, None, cue, f"{said} could be {' or '.join(named)}")
            if not named:
                return _Event(verb, None, cue, f"{said}: no person named before speaks")
            person = next(iter(named.values()))
            if person.gender is None:
                person.gender = gender
            return _Event(verb, person, cue)
        offset, person = last
        paragraph = self.document.paragraph_index(pronoun.start)
        named_last = max((m.start for m in person.mentions if m.start < pronoun.start), default=0)
        if self.document.paragraph_index(max(offset, named_last)) < paragraph - 2:
            return _Event(
                verb, None, cue, f"{said}: the last speaker, {person.name}, is paragraphs away"
            )
        # anyone else who could be "he"/"she", named since that speaker last was
        last_named = max(
            (m.start for m in person.mentions if m.start < pronoun.start), default=offset
        )
        since = max(offset, last_named)
        rivals = sorted(
            {
                p.name
                for s, _, p in self.cast.people_in(since, pronoun.start)
                if p is not person and p.gender in (None, gender) and s > since
            }
        )
        if rivals:
            names = " or ".join([person.name, *rivals])
            return _Event(verb, None, cue, f"{said} could be {names}")
        if person.gender is None:
            person.gender = gender
        return _Event(verb, person, cue)

    def run(self) -> None:
        for token in self.tokens:
            if self.is_speech_verb(token) or (
                token.lower == "according" and not self.inside_quote(token.start)
            ):
                self.events[token.start] = self.subject_of(token)

    # ------------------------------------------------------------------ quotations

    def attribute(self, quote: Quote, previous: Quote | None) -> None:
        open_sentence = self.document.sentence_at(quote.open)
        close_sentence = self.document.sentence_at(max(quote.close - 1, quote.open))
        after_end = close_sentence.end
        later = [o for o, _ in self.quote_spans if o >= quote.close]
        if later and later[0] < after_end:
            after_end = later[0]
        before_start = open_sentence.start
        earlier = [c for _, c in self.quote_spans if c <= quote.open]
        if earlier and earlier[-1] > before_start:
            before_start = earlier[-1]
        after = self.tokens_between(quote.close, after_end)
        before = self.tokens_between(before_start, quote.open)
        evidence_start, evidence_end = open_sentence.start, close_sentence.end

        # 1. an attribution after the quotation
        words = [t for t in after if t.is_word]
        for token in words[:20]:
            between = self.strip_appositives(self.tokens_between(quote.close, token.start))
            if any(t.lower in _NOT_ATTRIBUTION for t in between):
                break  # "“…,” and residents said": another clause, another speaker
            if token.start in self.events and token.lower not in lexicon.ATTRIBUTION_ONLY_BEFORE:
                self._assign(quote, self.events[token.start])
                quote.evidence = self._whole(quote, evidence_start, evidence_end)
                return
        # 2. a speech verb before it, in the same sentence
        for token in reversed([t for t in before if t.is_word]):
            if token.start in self.events:
                self._assign(quote, self.events[token.start])
                quote.evidence = self._whole(quote, evidence_start, evidence_end)
                return
        # 2b. a sentence that introduces it with a colon: "Ms. Ruiz put it simply: “…”"
        if before and before[-1].text == ":":
            introduced = self.subject_before_colon(before)
            if introduced is not None:
                self._assign(quote, introduced)
                quote.evidence = self._whole(quote, evidence_start, evidence_end)
                return
        # 3. the continuation of the quotation before
        standalone = not [t for t in before if t.is_word] and not words
        if standalone and previous is not None and previous.speaker is not None:
            same = self.document.paragraph_index(previous.open)
            if same >= self.document.paragraph_index(quote.open) - 1:
                quote.speaker = previous.speaker
                quote.how = "continues the quotation before it"
                quote.evidence = self._whole(quote, evidence_start, evidence_end)
                return
        quote.doubt = "no attribution found in its sentence"
        quote.evidence = self._whole(quote, evidence_start, evidence_end)

    def _whole(self, quote: Quote, start: int, end: int) -> tuple[int, int]:
        return (min(start, quote.open), max(end, quote.close))

    def _assign(self, quote: Quote, event: _Event) -> None:
        quote.speaker = event.speaker
        cue = self.text[event.cue[0] : event.cue[1]]
        quote.how = f"“{cue}”"
        quote.doubt = event.doubt


def find_quotes(document: Document, cast: Cast) -> list[Quote]:
    spans = find_quote_spans(document)
    attributor = _Attributor(document, cast, spans)
    attributor.run()
    quotes: list[Quote] = []
    previous: Quote | None = None
    for open_, close in spans:
        inner_end = close - 1 if document.text[close - 1] in '”"' else close
        inner = document.text[open_ + 1 : inner_end].strip()
        text = re.sub(r"[,.\s]+$", "", inner)  # "a sentence." asks as “a sentence”
        if len(text.split()) < MIN_WORDS:
            continue
        quote = Quote(open_, close, text)
        attributor.attribute(quote, previous)
        quotes.append(quote)
        previous = quote
    return quotes
