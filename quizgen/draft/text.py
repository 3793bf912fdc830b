"""The text a draft is made from: paragraphs, sentences and word tokens, all kept as offsets into
the original string, so that every passage the draft cites is the text's own, character for
character."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property

from . import lexicon

# A word: letters and digits, joined by inner hyphens or apostrophes ("al-Assad", "O’Brien",
# "hasn’t"); an abbreviation with its dot ("U.S.", "Mr.", "V."); or any other single character.
_TOKEN = re.compile(
    r"(?:[^\W\d_]\.){2,}"  # U.S., U.A.E.
    r"|\w+(?:[-’'‐]\w+)*\.?"  # a word, perhaps with a dot (dropped below unless an abbreviation)
    r"|\S"
)
_POSSESSIVE = ("’s", "'s")


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalnum()

    @property
    def is_capitalised(self) -> bool:
        return self.text[:1].isupper()

    @property
    def lower(self) -> str:
        return self.text.casefold()


@dataclass(frozen=True)
class Span:
    start: int
    end: int


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """The tokens of ``text[start:end]`` with offsets into ``text``."""
    tokens: list[Token] = []
    for match in _TOKEN.finditer(text, start, len(text) if end is None else end):
        word, at = match.group(), match.start()
        # keep the dot of an abbreviation (Mr., Gen.) or an initial (V.), not a full stop
        abbreviation = word in lexicon.ABBREVIATIONS or (len(word) == 2 and word[0].isupper())
        if word.endswith(".") and len(word) > 1 and "." not in word[:-1] and not abbreviation:
            tokens.append(Token(word[:-1], at, at + len(word) - 1))
            tokens.append(Token(".", at + len(word) - 1, at + len(word)))
            continue
        if word.endswith(_POSSESSIVE) and len(word) > 2:
            tokens.append(Token(word[:-2], at, at + len(word) - 2))
            tokens.append(Token(word[-2:], at + len(word) - 2, at + len(word)))
            continue
        tokens.append(Token(word, at, match.end()))
    return tokens


_SENTENCE_END = re.compile(r"[.!?][”\"’)]*\s+(?=[“\"‘(]?[A-Z0-9])")


@dataclass(frozen=True)
class Document:
    """A text split into paragraphs (its lines) and sentences."""

    text: str

    @cached_property
    def paragraphs(self) -> list[Span]:
        spans = []
        for match in re.finditer(r"[^\n]+", self.text):
            if match.group().strip():
                left = len(match.group()) - len(match.group().lstrip())
                right = len(match.group().rstrip())
                spans.append(Span(match.start() + left, match.start() + right))
        return spans

    @cached_property
    def headline(self) -> Span | None:
        """The first line, when it is a headline: short, without a full stop or a quotation."""
        if len(self.paragraphs) < 2:
            return None
        first = self.paragraphs[0]
        line = self.text[first.start : first.end]
        if len(line) <= 150 and not line.endswith((".", "!", "?", ":", "”", '"')):
            return first
        return None

    @property
    def body_start(self) -> int:
        """Where the text after the headline starts: names and figures are looked for there."""
        return self.headline.end if self.headline is not None else 0

    @cached_property
    def sentences(self) -> list[Span]:
        found: list[Span] = []
        for paragraph in self.paragraphs:
            begin = paragraph.start
            for match in _SENTENCE_END.finditer(self.text, paragraph.start, paragraph.end):
                stop = match.start() + 1
                before = self.text[begin : match.start() + 1]
                last = before.split()[-1] if before.split() else ""
                last = last.lstrip('“"‘(')
                if last in lexicon.ABBREVIATIONS or re.fullmatch(r"(?:[A-Za-z]\.)+", last):
                    # "Mr. Putin", "U.S. officials", "Vladimir V. Putin": no sentence ends here,
                    # unless a lone initial-like abbreviation ends the sentence before a new one
                    # that starts with a common word ("... the U.S. The next day ...")
                    following = self.text[match.end() :].split(maxsplit=1)
                    if not following or following[0] not in lexicon.SENTENCE_STARTERS:
                        continue
                # the closing quote and bracket belong to the sentence they close
                stop = match.end() - (len(match.group()) - len(match.group().rstrip()))
                found.append(Span(begin, stop))
                begin = match.end()
            if begin < paragraph.end:
                found.append(Span(begin, paragraph.end))
        return found

    @cached_property
    def tokens(self) -> list[Token]:
        return tokenize(self.text)

    @cached_property
    def _sentence_ends(self) -> list[int]:
        return [s.end for s in self.sentences]

    @cached_property
    def _paragraph_ends(self) -> list[int]:
        return [p.end for p in self.paragraphs]

    def sentence_at(self, offset: int) -> Span:
        """The sentence holding ``offset`` (between two sentences: the next one)."""
        index = bisect.bisect_right(self._sentence_ends, offset)
        return self.sentences[min(index, len(self.sentences) - 1)]

    def paragraph_index(self, offset: int) -> int:
        index = bisect.bisect_right(self._paragraph_ends, offset)
        return min(index, len(self.paragraphs) - 1)

    def token_index(self, offset: int) -> int:
        """The index of the first token starting at or after ``offset``."""
        return bisect.bisect_left(self.token_starts, offset)

    def tokens_in(self, start: int, end: int) -> list[Token]:
        low = bisect.bisect_left(self.token_starts, start)
        high = bisect.bisect_left(self.token_starts, end)
        return [t for t in self.tokens[low:high] if t.end <= end]

    @cached_property
    def token_starts(self) -> list[int]:
        return [t.start for t in self.tokens]
