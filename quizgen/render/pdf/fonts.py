"""The embedded font, and the check that every character of a quiz can be printed with it.

DejaVu Sans (static TrueType, regular and bold) ships inside the package under ``quizgen/fonts/``
with its license, so a worksheet prints the same on every machine. reportlab draws a character
the font lacks as an empty box without a word of warning; :func:`check_printable` finds such
characters before anything is written and names the question's file and line.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from ...errors import Location, Problems
from ...models import Question, Quiz
from . import unicode_cmap

FONT_DIR = Path(__file__).resolve().parents[2] / "fonts"
REGULAR, BOLD = "DejaVuSans", "DejaVuSans-Bold"
FONT_NAME = "DejaVu Sans"
_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf"}
# Right-to-left scripts print reversed and unjoined without a shaping engine (see docs).
_RIGHT_TO_LEFT = {"R", "AL"}
# Characters that lay out text rather than print (line breaks, tabs), and the ones reportlab
# itself uses around the text.
_LAYOUT = set("\n\r\t")


@cache
def register() -> tuple[str, str]:
    """Register the regular and bold faces with reportlab (once); return their names."""
    unicode_cmap.install()  # text beyond U+FFFF must stay findable in the PDF
    for name, file_name in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / file_name)))
    # <b> in a Paragraph picks the bold face; there is no italic face, so <i> stays upright.
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, REGULAR)
    addMapping(REGULAR, 1, 1, BOLD)
    return REGULAR, BOLD


@cache
def _printable() -> frozenset[int]:
    register()
    faces = [pdfmetrics.getFont(name).face.charToGlyph for name in _FILES]
    return frozenset(set(faces[0]).intersection(*faces[1:]))


@cache
def _plain() -> frozenset[str]:
    """Every character that prints as is: in both faces, not right-to-left, or a layout one."""
    return frozenset(
        char
        for char in map(chr, _printable())
        if unicodedata.bidirectional(char) not in _RIGHT_TO_LEFT
    ) | frozenset(_LAYOUT)


def unprintable(text: str) -> Iterator[str]:
    """A message for each distinct character of ``text`` that cannot be printed."""
    printable = _printable()
    seen: set[str] = set()
    for char in text:
        if char in seen or char in _LAYOUT:
            continue
        seen.add(char)
        name = unicodedata.name(char, "unnamed character")
        code = f"U+{ord(char):04X} {name}"
        if unicodedata.bidirectional(char) in _RIGHT_TO_LEFT:
            yield (
                f"'{char}' ({code}) is right-to-left text, which PDF output does not "
                "support yet (it needs shaping)"
            )
        elif ord(char) not in printable:
            yield f"'{char}' ({code}) is not in the PDF font ({FONT_NAME}) and would print as a box"


def question_texts(question: Question) -> Iterable[str]:
    yield question.prompt
    if question.cloze:
        yield question.cloze
    yield from question.answers
    yield from question.choices
    for left, right in question.pairs:
        yield left
        yield right
    yield question.explanation
    yield from question.evidence


def check_printable(quiz: Quiz, questions: Iterable[Question], problems: Problems) -> None:
    """Add a problem for every character of the set's texts that would not print."""
    meta = quiz.meta
    source = meta.source
    for message in unprintable(" ".join([meta.title, source.text()])):
        problems.add(meta.location, f"set title or source: {message}")
    plain = _plain()
    for question in questions:
        text = " ".join(question_texts(question))
        if plain.issuperset(text):  # the common case, at C speed: nothing to report
            continue
        where: Location = question.location
        for message in unprintable(text):
            problems.add(where, f"question '{question.id}': {message}")
