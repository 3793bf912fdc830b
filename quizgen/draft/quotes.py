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

This module finds the quotations and gives each the speaker of the speech verb that attributes it;
:mod:`.speech` finds the speech verbs and who spoke each, :mod:`.speakers` the speaker a run of
words names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import lexicon
from .lexicon import words
from .people import Cast
from .speakers import Speaker, strip_appositives
from .speech import SpeechEvent, SpeechFinder
from .text import Document

_OPEN_CLOSE = {"“": "”", "„": "”", '"': '"'}
_NOT_ATTRIBUTION = words("and but because while which that when although if")
MIN_WORDS = 3


@dataclass
class Quote:
    open: int  # offset of the opening quote mark
    close: int  # offset just after the closing quote mark
    text: str  # the words inside, without a trailing comma
    speaker: Speaker | None = None
    how: str = ""  # what the speaker was found from, for the teacher
    doubt: str = ""  # why the speaker is left open or uncertain
    evidence: tuple[int, int] = (0, 0)


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
    """Gives each quotation its speaker from the speech verbs around it (in the order above)."""

    def __init__(self, speech: SpeechFinder) -> None:
        self.document = speech.document
        self.text = speech.text
        self.quote_spans = speech.quote_spans
        self.events = speech.events
        self.speech = speech

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
        after = self.document.tokens_in(quote.close, after_end)
        before = self.document.tokens_in(before_start, quote.open)
        evidence_start, evidence_end = open_sentence.start, close_sentence.end

        # 1. an attribution after the quotation
        words = [t for t in after if t.is_word]
        for token in words[:20]:
            between = strip_appositives(self.document.tokens_in(quote.close, token.start))
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
            introduced = self.speech.subject_before_colon(before)
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

    def _assign(self, quote: Quote, event: SpeechEvent) -> None:
        quote.speaker = event.speaker
        cue = self.text[event.cue[0] : event.cue[1]]
        quote.how = f"“{cue}”"
        quote.doubt = event.doubt


def find_quotes(document: Document, cast: Cast) -> list[Quote]:
    spans = find_quote_spans(document)
    speech = SpeechFinder(document, cast, spans)
    speech.run()
    attributor = _Attributor(speech)
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
