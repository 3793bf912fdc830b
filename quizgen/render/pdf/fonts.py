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
from typing import Any

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from ...errors import Location, Problems
from ...models import Located, Question, Quiz, QuizSet, Record
from ...specs import QUESTION_TEXT_KEYS, DistractorSpec, TemplateSpec
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
    """Add a problem for the characters of the set's texts that would not print: one line for
    the title and source, one per question, at the line where the characters are written."""
    meta = quiz.meta
    source = meta.source
    plain = _plain()
    title = " ".join([meta.title, source.text()])
    if not plain.issuperset(title):
        problems.add(meta.location, f"set title or source: {_describe(title)}")
    origins = _Origins(quiz.source)
    for question in questions:
        text = " ".join(question_texts(question))
        if plain.issuperset(text):  # the common case, at C speed: nothing to report
            continue
        missing = "".join(dict.fromkeys(c for c in text if c not in plain))
        where, labels = origins.find(question, missing)
        shown = f"{labels}: " if labels else ""
        problems.add(where, f"question '{question.id}': {shown}{_describe(missing)}")


_MOST_SHOWN = 12


def _listed(chars: list[str]) -> str:
    shown = chars[:_MOST_SHOWN]
    more = f" and {len(chars) - len(shown)} more" if len(chars) > len(shown) else ""
    codes = ", ".join(f"U+{ord(c):04X}" for c in shown)
    return f"{', '.join(shown)} ({codes}){more}"


def _describe(text: str) -> str:
    """What cannot be printed in ``text``, each distinct character once, in order."""
    printable = _printable()
    boxes: list[str] = []
    backwards: list[str] = []
    for char in dict.fromkeys(text):
        if char in _LAYOUT:
            continue
        if unicodedata.bidirectional(char) in _RIGHT_TO_LEFT:
            backwards.append(char)
        elif ord(char) not in printable:
            boxes.append(char)
    parts = []
    if boxes:
        parts.append(f"characters the PDF font ({FONT_NAME}) cannot print: {_listed(boxes)}")
    if backwards:
        parts.append(
            "right-to-left characters, which PDF output does not support yet (they need "
            f"shaping): {_listed(backwards)}"
        )
    return "; ".join(parts)


def _strings(value: Any) -> Iterator[str]:
    """Every text in a YAML value (a string, a list, a mapping, a distractor spec)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, DistractorSpec):
        yield from _strings(value.values or [])
    elif value is not None and not isinstance(value, bool):
        yield str(value)


class _Origins:
    """Where a question's characters are written: the keys of a hand-written question; for a
    generated one, the fields of its record, then the template's keys, then any other record
    (a distractor drawn from another fact, a record it refers to)."""

    def __init__(self, quiz_set: QuizSet | None):
        self.quiz_set = quiz_set
        self.items: dict[tuple[bool, str], Located] = {}
        if quiz_set is not None:
            for item in quiz_set.items:
                self.items[(isinstance(item.spec, TemplateSpec), item.spec.id)] = item

    def find(self, question: Question, missing: str) -> tuple[Location, str]:
        """The location of the first text holding one of the ``missing`` characters, and the
        names of every text holding some (the question's first line and no names if unknown)."""
        found: list[tuple[str, Location]] = []
        for label, where, texts in self._candidates(question):
            if any(c in text for text in texts for c in missing):
                found.append((label, where))
        if not found:
            return question.location, ""
        return found[0][1], ", ".join(dict.fromkeys(label for label, _ in found))

    def _candidates(self, question: Question) -> Iterator[tuple[str, Location, list[str]]]:
        item = self.items.get((question.template is not None, question.template or question.id))
        if item is None or self.quiz_set is None:
            return
        spec = item.spec
        if not isinstance(spec, TemplateSpec):
            for key in QUESTION_TEXT_KEYS:
                if key in item.key_lines:
                    yield key, item.where(key), list(_strings(getattr(spec, key)))
            return
        table = self.quiz_set.tables.get(spec.table)
        records = table.records if table else ()
        own = [r for r in records if r.id == question.record]
        yield from _record_texts(own, question.record)
        for key in QUESTION_TEXT_KEYS:
            if key in item.key_lines and key != "evidence":
                yield f"template {key}", item.where(key), list(_strings(getattr(spec, key)))
        others = [
            r
            for t in self.quiz_set.tables.values()
            for r in t.records
            if not (t.name == spec.table and r.id == question.record)
        ]
        yield from _record_texts(others, None)


def _record_texts(
    records: Iterable[Record], own: str | None
) -> Iterator[tuple[str, Location, list[str]]]:
    for record in records:
        name = "" if own is not None else f"fact {record.table} '{record.id}', "
        file = record.location.file
        for key, value in record.fields.items():
            line = record.field_lines.get(key, record.location.line)
            yield f"{name}field '{key}'", Location(file, line), list(_strings(value))
        for index, passage in enumerate(record.evidence):
            lines = record.evidence_lines
            line = lines[index] if index < len(lines) else record.location.line
            yield f"{name}evidence", Location(file, line), [passage]
