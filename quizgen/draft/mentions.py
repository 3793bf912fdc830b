"""Capitalised names in a text: people, organisations and places, each mention with its offsets,
the title written before it ("President", "Mr.") and what kind of name it looks like."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from . import lexicon
from .text import Document, Token

_INITIAL = re.compile(r"^[A-Z]\.$")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]+$")
_ADJECTIVE_ENDINGS = ("ern", "ese", "ish", "-led", "-based", "-backed", "ist")


@dataclass(frozen=True)
class Mention:
    """One capitalised name in the text."""

    start: int  # the name itself, without its title
    end: int
    words: tuple[str, ...]
    kind: str  # person, organisation, place, name (could be a person), single (one bare word)
    title: tuple[Token, ...] = ()  # "President", "Foreign Minister", "Mr."
    honorific: str | None = None  # "Mr.", "Ms.", ...

    @property
    def text_start(self) -> int:
        return self.title[0].start if self.title else self.start

    @property
    def name(self) -> str:
        return " ".join(self.words)

    @property
    def surname(self) -> str:
        return self.words[-1]


def _is_name_word(token: Token) -> bool:
    text = token.text
    if not token.is_word and not _INITIAL.match(text) and "." not in text:
        return False
    if text.startswith(lexicon.NAME_PREFIXES[:5]) and len(text) > 3 and text[3:4].isupper():
        return True  # al-Assad
    if not text[:1].isupper():
        return False
    if text in lexicon.WEEKDAYS or text in lexicon.MONTHS:
        return False
    return not any(c.islower() for c in text.split("-", 1)[-1][:1]) or "-" not in text


def _shape_is_personal(words: tuple[str, ...]) -> bool:
    """Could these words be a person's name (Joanna Pike, Vladimir V. Putin, Bashar al-Assad)?"""
    if len(words) < 2 or len(words) > 5:
        return False
    for word in words:
        if word in lexicon.NAME_PARTICLES or _INITIAL.match(word):
            continue
        if word in lexicon.COMMON_CAPITALISED or (word in lexicon.PLACES and word == words[-1]):
            return False  # "Georgia Smith" may be a name, "Smith Georgia" is not
        if word in lexicon.DEMONYMS or word.endswith(_ADJECTIVE_ENDINGS):
            return False
        if _ACRONYM.match(word) or word in lexicon.ORGANISATION_WORDS:
            return False
        if word in lexicon.PLACE_WORDS or any(ch.isdigit() for ch in word):
            return False
    return not _INITIAL.match(words[-1])


def _classify(words: tuple[str, ...]) -> str:
    name = " ".join(words)
    if name in lexicon.MULTIWORD_PLACES:
        return "place"
    if any(w in lexicon.ORGANISATION_WORDS for w in words):
        return "organisation"
    if any(w in lexicon.PLACE_WORDS for w in words) and len(words) > 1:
        return "place"
    if len(words) == 1:
        word = words[0]
        if word in lexicon.PLACES:
            return "place"
        if _ACRONYM.match(word) and len(word) >= 2 and word not in lexicon.DEMONYMS:
            return "organisation"
        return "single"
    if all(w in lexicon.PLACES for w in words if w not in ("and", "of", "the")):
        return "place"
    if _shape_is_personal(words):
        return "name"
    if "of" in words or "for" in words:
        return "organisation"
    return "other"


def find_mentions(document: Document) -> list[Mention]:
    """Every run of capitalised words that can be a name, in text order."""
    tokens = document.tokens
    sentence_starts = {s.start for s in document.sentences}
    mentions: list[Mention] = []
    i = bisect.bisect_left([t.start for t in tokens], document.body_start)
    while i < len(tokens):
        token = tokens[i]
        honorific = token.text if token.text in lexicon.HONORIFICS else None
        if honorific and i + 1 < len(tokens) and _is_name_word(tokens[i + 1]):
            run_start = i + 1
        elif _is_name_word(token) or (
            token.text in lexicon.TITLES and i + 1 < len(tokens) and _is_name_word(tokens[i + 1])
        ):
            run_start = i
            honorific = None
        else:
            i += 1
            continue
        j = run_start
        run: list[Token] = []
        while j < len(tokens):
            current = tokens[j]
            if j > run_start and current.start > tokens[j - 1].end + 1:
                break  # words of a name are one space apart
            if j > run_start and "\n" in document.text[tokens[j - 1].end : current.start]:
                break
            if _is_name_word(current) or (
                current.text in lexicon.TITLES and current.is_capitalised
            ):
                run.append(current)
                j += 1
                continue
            joiner = current.text in lexicon.NAME_PARTICLES or (
                current.text in ("of", "for")
                and run
                and run[-1].text
                in lexicon.ORGANISATION_WORDS | lexicon.PLACE_WORDS | lexicon.TITLE_HEADS
            )
            if joiner and j + 1 < len(tokens) and run:
                nxt = tokens[j + 1]
                if nxt.text == "the" and j + 2 < len(tokens) and _is_name_word(tokens[j + 2]):
                    run.extend([current, nxt])
                    j += 2
                    continue
                if _is_name_word(nxt):
                    run.append(current)
                    j += 1
                    continue
            break
        i = max(j, i + 1)
        # drop sentence-initial function words ("The", "But") and words that are never names
        while run and (
            run[0].text in lexicon.COMMON_CAPITALISED
            or (run[0].start in sentence_starts and run[0].text in lexicon.SENTENCE_STARTERS)
        ):
            run.pop(0)
        while run and run[-1].text in lexicon.NAME_PARTICLES | {"of", "for", "the"}:
            run.pop()
        if not run:
            continue
        # a leading title: "President", "Foreign Minister", "Russian President"
        title: list[Token] = []
        k = 0
        while k < len(run) - 1 and (
            run[k].text in lexicon.TITLES
            or (run[k].text in lexicon.DEMONYMS and run[k + 1].text in lexicon.TITLES)
            or (run[k].text in ("of", "the") and title)
        ):
            k += 1
        # "Environment Minister Sarah Whitlock": a word naming the office before its title
        heads = [n for n, t in enumerate(run[:-1]) if t.text in lexicon.TITLE_HEADS]
        if not k and heads and heads[-1] <= 2 and len(run) - heads[-1] - 1 >= 2:
            k = heads[-1] + 1
        if k and any(t.text in lexicon.TITLE_HEADS for t in run[:k]):
            title, run = run[:k], run[k:]
            while title and title[-1].text in ("of", "the"):
                run.insert(0, title.pop())
            while run and run[0].text in ("of", "the"):
                run.pop(0)
            if not run:
                continue
        words = tuple(t.text for t in run)
        kind = _classify(words)
        if (honorific or title) and kind in ("name", "single", "other"):
            kind = "person"
        if honorific and not title:
            title = [tokens[run_start - 1]]
        mentions.append(Mention(run[0].start, run[-1].end, words, kind, tuple(title), honorific))
    return mentions
