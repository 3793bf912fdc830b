"""Speech verbs outside quotations, and who spoke each: the subject before the verb ("Mr. Putin
said"), the name after it ("said Joanna Pike", "according to the ministry"), or "he", "she" and "it"
resolved to a speaker named before; "they" is left open."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from . import lexicon
from .people import Cast, Person
from .speakers import Source, Speaker, SpeakerFinder, strip_appositives
from .text import Document, Token

_CLAUSE_BREAKS = frozenset({";", ":", "—", "–", "(", ")"})
_PRONOUNS = {"he": "male", "she": "female", "they": None, "it": "thing"}


@dataclass
class SpeechEvent:
    """A speech verb in the text (outside quotations) and who spoke."""

    verb: Token
    speaker: Speaker | None
    cue: tuple[int, int]  # the passage naming the speaker and the verb
    doubt: str = ""


class SpeechFinder:
    """Every speech verb of the text outside quotations, by offset, with who spoke (:meth:`run`)."""

    def __init__(self, document: Document, cast: Cast, quote_spans: list[tuple[int, int]]) -> None:
        self.document = document
        self.cast = cast
        self.text = document.text
        self.tokens = document.tokens
        self.quote_spans = quote_spans
        self.quote_opens = [o for o, _ in quote_spans]
        self.speakers = SpeakerFinder(document, cast)
        self.events: dict[int, SpeechEvent] = {}  # by verb offset

    def inside_quote(self, offset: int) -> bool:
        index = bisect.bisect_left(self.quote_opens, offset) - 1  # the last quote opened before
        return index >= 0 and offset < self.quote_spans[index][1]

    def is_speech_verb(self, token: Token) -> bool:
        return token.lower in lexicon.SPEECH_VERBS and not self.inside_quote(token.start)

    def clause_start(self, verb: Token, floor: int) -> int:
        """Where the clause of a speech verb starts: after "; ", ", but", ", and", a dash, or a
        quotation, and never before ``floor``."""
        start = floor
        for token in self.document.tokens_in(floor, verb.start):
            closes_quote = token.text in ("”", '"') and self.inside_quote(token.start - 1)
            if token.text in _CLAUSE_BREAKS or closes_quote:
                start = token.end
        previous = self.document.tokens_in(start, verb.start)
        for index in range(len(previous) - 1):
            if previous[index].text == "," and previous[index + 1].lower in (
                "but",
                "and",
                "while",
                "although",
            ):
                start = previous[index + 1].end
        return start

    def subject_of(self, verb: Token) -> SpeechEvent:
        """Who spoke, for a speech verb: the name (or pronoun, or source) before it in its clause,
        or, for "said X" after a quotation, the name after it."""
        sentence = self.document.sentence_at(verb.start)
        start = self.clause_start(verb, sentence.start)
        before = self.document.tokens_in(start, verb.start)
        words_before = [t for t in before if t.is_word]
        if verb.lower == "according":
            return self._after_verb(verb, sentence.end)
        # adverbs between subject and verb ("he also said")
        near = [t for t in words_before[-3:]]
        for token in reversed(near):
            if token.lower in _PRONOUNS:
                return self._pronoun(verb, token)
        stripped = strip_appositives(before)
        if stripped and stripped[-1].text in ("”", '"', ",") and not words_before:
            return self._after_verb(verb, sentence.end)
        if not words_before or (before and before[-1].text in ("”", '"')):
            return self._after_verb(verb, sentence.end)
        found = self.speakers.person_in(stripped, last=True)
        if found is not None:
            person, begin, _ = found
            return SpeechEvent(verb, person, (begin, verb.end))
        source = self.speakers.source_in(stripped, last=True)
        if isinstance(source, Person):
            return SpeechEvent(
                verb, source, (stripped[0].start if stripped else verb.start, verb.end)
            )
        if source is not None:
            return SpeechEvent(verb, source, (source.evidence[0], verb.end))
        for token in reversed(words_before):
            if token.lower in _PRONOUNS:
                return self._pronoun(verb, token)
        return SpeechEvent(verb, None, (verb.start, verb.end), "no speaker named before the verb")

    def subject_before_colon(self, before: list[Token]) -> SpeechEvent | None:
        """The person (or pronoun) a sentence ending in a colon is about: its first person
        named, or a pronoun starting it."""
        colon = before[-1]
        words_before = [t for t in before if t.is_word]
        if words_before and words_before[0].lower in _PRONOUNS:
            return self._pronoun(colon, words_before[0])
        found = self.speakers.person_in(strip_appositives(before[:-1]), last=False)
        if found is None:
            return None
        person, begin, _ = found
        return SpeechEvent(colon, person, (begin, colon.start))

    def _after_verb(self, verb: Token, limit: int) -> SpeechEvent:
        """ "said Joanna Pike, the club’s teacher": the speaker after the verb."""
        after = self.document.tokens_in(verb.end, limit)
        if verb.lower == "according" and after and after[0].lower == "to":
            after = after[1:]
        after = after[:14]
        stop = next((i for i, t in enumerate(after) if t.text in ("“", '"', ";")), len(after))
        after = after[:stop]
        if after and after[0].lower in _PRONOUNS:
            return self._pronoun(verb, after[0])
        found = self.speakers.person_in(after, last=False)
        if found is not None:
            person, _, end = found
            return SpeechEvent(verb, person, (verb.start, end))
        source = self.speakers.source_in(after[:6], last=False)
        if isinstance(source, Person):
            return SpeechEvent(verb, source, (verb.start, after[min(5, len(after) - 1)].end))
        if source is not None:
            return SpeechEvent(verb, source, (verb.start, source.evidence[1]))
        return SpeechEvent(verb, None, (verb.start, verb.end), "no speaker named after the verb")

    def _pronoun(self, verb: Token, pronoun: Token) -> SpeechEvent:
        cue = (min(pronoun.start, verb.start), max(pronoun.end, verb.end))
        gender = _PRONOUNS[pronoun.lower]
        said = f"“{self.text[cue[0] : cue[1]]}”"
        if gender is None:
            return SpeechEvent(verb, None, cue, f"{said}: the text does not say who “they” are")
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
                    return SpeechEvent(verb, speaker, cue)
                if speaker is not None:
                    break
            return SpeechEvent(
                verb, None, cue, f"{said}: no document or organisation spoke just before"
            )
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
                return SpeechEvent(verb, None, cue, f"{said} could be {' or '.join(named)}")
            if not named:
                return SpeechEvent(verb, None, cue, f"{said}: no person named before speaks")
            person = next(iter(named.values()))
            if person.gender is None:
                person.gender = gender
            return SpeechEvent(verb, person, cue)
        offset, person = last
        paragraph = self.document.paragraph_index(pronoun.start)
        named_last = max((m.start for m in person.mentions if m.start < pronoun.start), default=0)
        if self.document.paragraph_index(max(offset, named_last)) < paragraph - 2:
            return SpeechEvent(
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
            return SpeechEvent(verb, None, cue, f"{said} could be {names}")
        if person.gender is None:
            person.gender = gender
        return SpeechEvent(verb, person, cue)

    def run(self) -> None:
        for token in self.tokens:
            if self.is_speech_verb(token) or (
                token.lower == "according" and not self.inside_quote(token.start)
            ):
                self.events[token.start] = self.subject_of(token)
