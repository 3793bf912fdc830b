"""Dates and numbers, each with the clause it belongs to: "signed a major cooperation treaty on
Friday in the Kremlin", "connects more than 11,000 financial institutions"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import Document

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.|Feb\.|Mar\.|Apr\.|Aug\.|Sept\.|Sep\.|Oct\.|Nov\.|Dec\.)"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_SPELLED = (
    r"(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
    r"|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty"
    r"|ninety|hundred|dozen|dozens|hundreds|thousands|millions)"
)
_SCALE = r"(?:\s(?:hundred|thousand|million|billion|trillion))?"
_NUMBER = (
    r"(?:[$€£¥]\s?)?\d+(?:[,.]\d+)*" + _SCALE + r"(?:\s?(?:%|percent|per cent))?"
    r"|(?<![\w-])" + _SPELLED + r"(?:[- ]" + _SPELLED + r")?" + _SCALE + r"(?![\w-])"
)
_DATE = (
    _MONTH + r"\s\d{1,2}(?:,\s\d{4})?"  # January 17, 2025
    r"|\d{1,2}\s" + _MONTH + r"(?:\s\d{4})?"  # 17 January 2025
    r"|(?<=\b[Ii]n\s)" + _MONTH + r"(?:\s\d{4})?"  # in June, in June 2024
    r"|(?<=\b[Oo]n\s)"
    + _WEEKDAY
    + r"|(?<=\blast\s)"
    + _WEEKDAY
    + r"|(?<=\bnext\s)"
    + _WEEKDAY
    + r"|(?<=\bsigned\s)"
    + _WEEKDAY
    + r"|(?<=\b[Ii]n\s)(?:1[89]|20)\d\d\b"  # in 2019
    r"|\b(?:1[89]|20)\d\d\b(?=\s|[,.;])"
)
_CLAUSE_MARKS = re.compile(r"[,;:—–()]|\s-\s")
MAX_WORDS = 28
WHOLE_SENTENCE = 25  # a sentence this short is the clause, whole
MIN_WORDS = 6


@dataclass(frozen=True)
class Figure:
    """A date or a number, with the clause around it."""

    value: str
    kind: str  # date or number
    start: int  # the value in the text
    end: int
    clause: tuple[int, int]


def _clause(document: Document, start: int, end: int) -> tuple[int, int]:
    """The comma-delimited part of the sentence holding ``start:end``, widened to at least
    MIN_WORDS words and cut to at most MAX_WORDS around the value."""
    text = document.text
    sentence = document.sentence_at(start)
    if len(text[sentence.start : sentence.end].split()) <= WHOLE_SENTENCE:
        return sentence.start, sentence.end
    cuts = [sentence.start]
    cuts += [m.end() for m in _CLAUSE_MARKS.finditer(text, sentence.start, sentence.end)]
    cuts.append(sentence.end)
    left = max(c for c in cuts if c <= start)
    right = min(c for c in cuts if c >= end)
    if right < sentence.end and text[right - 1] in ",;:—–(":
        right -= 1
    # widen a short clause by the neighbouring ones
    while len(text[left:right].split()) < MIN_WORDS and (
        left > sentence.start or right < sentence.end
    ):
        earlier = [c for c in cuts if c < left]
        later = [c for c in cuts if c > right + 1]
        if right < sentence.end and later:
            right = later[0] - (
                1 if later[0] < sentence.end and text[later[0] - 1] in ",;:—–(" else 0
            )
        elif earlier:
            left = earlier[-1]
        else:
            break
    words = list(re.finditer(r"\S+", text[left:right]))
    if len(words) > MAX_WORDS:
        at = next(i for i, w in enumerate(words) if left + w.end() > start)
        first = max(0, min(at - MAX_WORDS // 2, len(words) - MAX_WORDS))
        chosen = words[first : first + MAX_WORDS]
        left, right = left + chosen[0].start(), left + chosen[-1].end()
    # no dangling quote marks or punctuation at the edges
    while left < start and text[left] in ' “”"‘’,;:':
        left += 1
    while right > end and text[right - 1] in ' “”"‘’,;:—–(':
        right -= 1
    return left, right


def find_figures(document: Document) -> list[Figure]:
    text = document.text
    found: list[Figure] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in (("date", _DATE), ("number", _NUMBER)):
        for match in re.finditer(pattern, text):
            start, end, this = match.start(), match.end(), kind
            value = match.group().rstrip(".,")
            end = start + len(value)
            if start < document.body_start or any(s < end and start < e for s, e in taken):
                continue
            if kind == "number" and re.fullmatch(r"\d", value):
                continue  # a single digit is rarely a fact worth asking
            if kind == "number" and text[end : end + 1].isalpha():
                continue
            if (
                kind == "number"
                and value in ("two", "dozens", "hundreds", "thousands", "millions")
                and re.search(
                    r"(?i)\b(?:the|these|those|both|all|of)\s$", text[max(0, start - 8) : start]
                )
            ):
                continue  # "the two countries": a count the reader already knows
            if kind == "number" and re.match(
                r"\s(?:years|months|weeks|days|decades)\s(?:ago|earlier|later)", text[end:]
            ):
                this = "date"
            taken.append((start, end))
            found.append(Figure(value, this, start, end, _clause(document, start, end)))
    found.sort(key=lambda f: f.start)
    return found
