"""The plain models quizgen works with once a set is loaded.

Frozen dataclasses (:class:`Record`, :class:`Question`, :class:`Quiz`, ...) are what the rest of
the program passes around once everything is loaded, so renderers never see YAML; what a teacher
writes in YAML is described by the ``*Spec`` pydantic models of :mod:`quizgen.specs`.
:class:`QuestionType` lives here, beside the :class:`Question` every renderer dispatches on (the
specs import it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import Location

if TYPE_CHECKING:
    from .specs import QuestionSpec, TemplateSpec


class QuestionType(StrEnum):
    MULTIPLE_CHOICE = "multiple_choice"
    MULTIPLE_SELECT = "multiple_select"
    TRUE_FALSE = "true_false"
    SHORT_ANSWER = "short_answer"
    CLOZE = "cloze"
    MATCHING = "matching"
    ORDERING = "ordering"


@dataclass(frozen=True)
class Citation:
    title: str
    publisher: str
    date: str
    url: str | None
    path: Path | None
    path_location: Location | None = None  # where `source.path` is written
    authors: tuple[str, ...] = ()

    def text(self) -> str:
        """The citation as printed on cards and handouts."""
        parts = [f"“{self.title}”"]
        if self.authors:
            names = list(self.authors)
            by = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
            parts.append(f"by {by}")
        parts += [self.publisher, self.date]
        if self.url:
            parts.append(self.url)
        return ", ".join(parts)


@dataclass(frozen=True)
class SetMeta:
    name: str
    title: str
    description: str
    deck: str
    seed: int
    source: Citation
    tags: tuple[str, ...]
    location: Location
    subdecks: str = "topic"
    """Anki sub-decks by ``topic``, by ``template``, or ``none`` (every note in ``deck``)."""
    require_evidence: bool = True
    key_lines: dict[str, int] = field(default_factory=dict, compare=False)
    """The line of each key of the ``set`` section (``title``, ``source.publisher``, ...)."""


@dataclass(frozen=True)
class Record:
    table: str
    id: str
    fields: dict[str, Any]
    evidence: tuple[str, ...]
    location: Location
    field_lines: dict[str, int]
    evidence_lines: tuple[int, ...] = ()  # the line of each evidence passage
    draft: str | None = None
    """What the teacher must still check (the reserved ``draft:`` key), if anything."""


@dataclass(frozen=True)
class Table:
    name: str
    refs: dict[str, str]
    records: tuple[Record, ...]
    location: Location


@dataclass(frozen=True)
class Located:
    """A template or hand-written question spec with the file and line of each of its keys."""

    spec: TemplateSpec | QuestionSpec
    location: Location
    key_lines: dict[str, int]
    evidence_lines: tuple[int, ...] = ()  # the line of each evidence passage
    list_lines: dict[str, tuple[int, ...]] = field(default_factory=dict)
    """For a key holding a list (``distractors``, ``answers``, ``items``, ...): each item's line."""

    def where(self, key: str) -> Location:
        return Location(self.location.file, self.key_lines.get(key, self.location.line))


@dataclass(frozen=True)
class QuizSet:
    """A whole set, loaded and validated; the input of generation."""

    meta: SetMeta
    folder: Path
    tables: dict[str, Table]
    items: tuple[Located, ...]  # templates and questions, in file order


@dataclass(frozen=True)
class Question:
    """One generated question, ready for any renderer."""

    id: str
    set: str
    type: QuestionType
    prompt: str
    answers: tuple[str, ...]
    choices: tuple[str, ...] = ()
    pairs: tuple[tuple[str, str], ...] = ()
    cloze: str | None = None
    explanation: str = ""
    evidence: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    topic: str = ""
    points: int | None = None
    image: Path | None = None
    reverse: bool = False
    level: str | None = None
    """``recall``, ``understand`` or ``analyse``, when the question or its template says."""
    template: str | None = None
    record: str | None = None
    location: Location = field(default_factory=lambda: Location("?"))

    def to_json(self) -> dict[str, Any]:
        """The documented JSON shape of ``quizgen list --json`` (docs/json.md)."""
        return {
            "id": self.id,
            "set": self.set,
            "type": self.type.value,
            "prompt": self.prompt,
            "choices": list(self.choices),
            "answers": list(self.answers),
            "pairs": [list(p) for p in self.pairs],
            "cloze": self.cloze,
            "explanation": self.explanation,
            "evidence": list(self.evidence),
            "tags": list(self.tags),
            "topic": self.topic,
            "level": self.level,
            "points": self.points,
            "image": self.image.name if self.image else None,
            "template": self.template,
            "record": self.record,
        }

    def tags_with_level(self) -> tuple[str, ...]:
        """The tags an export carries: the question's tags, then ``level::<level>`` when it has a
        level (a tag, never a field: a new field would break students' Anki note types)."""
        return (*self.tags, f"level::{self.level}") if self.level else self.tags


@dataclass(frozen=True)
class Quiz:
    """A set's generated questions, in build order, with the seed that made them."""

    meta: SetMeta
    seed: int
    questions: tuple[Question, ...]
    source: QuizSet | None = field(default=None, compare=False, repr=False)
    """The loaded set the questions came from: where each of their texts is written."""
