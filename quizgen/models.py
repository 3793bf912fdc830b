"""The plain models quizgen works with.

Two layers:

* ``*Spec`` pydantic models describe what a teacher writes in YAML (validated, unknown keys
  refused);
* frozen dataclasses (:class:`Record`, :class:`Question`, :class:`Quiz`, ...) are what the rest of
  the program passes around once everything is loaded, so renderers never see YAML.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from .errors import Location

QUESTION_TEXT_KEYS = (
    "prompt",
    "answer",
    "answers",
    "accept",
    "distractors",
    "items",
    "pairs",
    "explanation",
    "evidence",
)
"""The keys of a template or hand-written question whose text a student reads on the question or
in the key (the PDF's font check and the text-hygiene rules both look at these)."""
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"
TAG_PATTERN = r"^[^\s\"]+$"  # Anki tags are separated by spaces

Ident = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=100)]
Tag = Annotated[str, StringConstraints(pattern=TAG_PATTERN, max_length=100)]
Text = Annotated[str, StringConstraints(min_length=1)]


class QuestionType(StrEnum):
    MULTIPLE_CHOICE = "multiple_choice"
    MULTIPLE_SELECT = "multiple_select"
    TRUE_FALSE = "true_false"
    SHORT_ANSWER = "short_answer"
    CLOZE = "cloze"
    MATCHING = "matching"
    ORDERING = "ordering"


class _Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


# --------------------------------------------------------------------------- set metadata


def _as_list(value: Any) -> Any:
    """Let a single string stand for a list of one."""
    return [value] if isinstance(value, str) else value


class CitationSpec(_Spec):
    """The source every question rests on."""

    title: Text
    authors: list[Text] = Field(default_factory=list, description="Who wrote the source.")
    publisher: Text
    date: Text = Field(description="Publication date, e.g. 2025-01-17.")
    url: str | None = None
    path: str | None = Field(
        default=None, description="Path to the source text, relative to the set folder."
    )

    @field_validator("date", mode="before")
    @classmethod
    def _iso_date(cls, value: Any) -> Any:
        return value.isoformat() if isinstance(value, dt.date) else value


class SetSpec(_Spec):
    title: Text
    description: str = ""
    deck: str | None = Field(default=None, description="Anki deck name; the title if omitted.")
    seed: int = Field(default=1, description="Default seed for distractors and shuffling.")
    source: CitationSpec
    tags: list[Tag] = Field(default_factory=list, description="Tags added to every question.")
    subdecks: Literal["topic", "template", "none"] = Field(
        default="topic",
        description="Anki sub-decks (Deck::Part) by question topic, by template, or none.",
    )
    require_evidence: bool = Field(
        default=True,
        description="Every record and hand-written question must have evidence (the default);"
        " false only for a set without a source text to quote.",
    )


# --------------------------------------------------------------------------- facts

DRAFT_HELP = (
    'Marks a draft: what the teacher must still check, e.g. "check the speaker". '
    "validate warns about it (rule Q401); --strict refuses it."
)


class TableSpec(_Spec):
    description: str = ""
    refs: dict[str, Ident] = Field(
        default_factory=dict,
        description="Fields whose values are ids of records in another table: field -> table.",
    )
    records: list[dict[str, Any]] = Field(default_factory=list)
    records_from: str | None = Field(
        default=None,
        description="A CSV or XLSX file beside this YAML file, its first row naming the fields:"
        " each further row is a record (docs/format.md).",
    )


class RecordSpec(BaseModel):
    """The fixed part of a fact record; every other field is free."""

    model_config = ConfigDict(extra="allow", frozen=True)

    id: Ident
    evidence: list[Text] = Field(default_factory=list)
    image: str | None = None
    draft: str | None = Field(default=None, description=DRAFT_HELP)

    @field_validator("evidence", mode="before")
    @classmethod
    def _evidence_list(cls, value: Any) -> Any:
        return _as_list(value)


# --------------------------------------------------------------------------- questions


class DistractorSpec(_Spec):
    """Where wrong options come from: a field of a table, or a fixed list."""

    from_: str | None = Field(
        default=None, alias="from", description="'table.field' to draw wrong options from."
    )
    values: list[Text] | None = None
    where: str | None = Field(
        default=None,
        description="Jinja expression over a pool record ('candidate') and the question's record.",
    )
    exclude: str | None = Field(
        default=None,
        description="Jinja expression giving the values (or records) that are also right answers"
        " for this record and so must never be drawn as distractors.",
    )
    count: int = Field(default=3, ge=1, le=20)
    same: list[Ident] = Field(
        default_factory=list,
        description="Field(s) a candidate's record must share with the question's record: only"
        " distractors of the same kind (e.g. 'group').",
    )

    @field_validator("same", mode="before")
    @classmethod
    def _same_list(cls, value: Any) -> Any:
        return _as_list(value)

    @field_validator("from_")
    @classmethod
    def _table_dot_field(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"[A-Za-z0-9_.-]+\.[A-Za-z0-9_]+", value):
            raise ValueError("must be 'table.field', e.g. 'people.name'")
        return value


Level = Literal["recall", "understand", "analyse"]
LEVELS: tuple[str, ...] = ("recall", "understand", "analyse")
"""What a question asks of a student, from least to most (docs/format.md, "Levels")."""


class _QuestionCommon(_Spec):
    id: Ident
    type: QuestionType
    explanation: str = ""
    tags: list[Tag] = Field(default_factory=list)
    topic: str | None = None
    level: Level | None = Field(
        default=None, description="What the question asks: recall, understand or analyse."
    )
    points: int | None = Field(default=None, ge=0)
    image: str | None = None
    draft: str | None = Field(default=None, description=DRAFT_HELP)
    allow: dict[str, str | None] = Field(
        default_factory=dict,
        description="Item-writing rules that do not apply here, each with the reason: "
        '{Q101: "the long option is a quotation"} (quizgen rules lists them).',
    )

    @field_validator("allow")
    @classmethod
    def _allow_with_reasons(cls, value: dict[str, str | None]) -> dict[str, str | None]:
        from .rules.catalogue import check_allow  # the rules' codes; models stay free of rules

        check_allow(value)
        return value


class TemplateSpec(_QuestionCommon):
    """Turns every record of ``table`` (optionally filtered by ``where``) into one question.

    ``prompt``, ``answer`` and ``explanation`` are Jinja templates; ``where``, ``answers``,
    ``items`` and ``pairs`` given as a string are Jinja expressions.
    """

    table: Ident
    where: str | None = None
    prompt: Text
    answer: str | None = None
    answers: str | list[str] | None = None
    accept: str | list[str] = Field(default_factory=list)
    items: str | list[str] | None = None
    pairs: str | None = None
    distractors: DistractorSpec | None = None
    reverse: bool = False
    evidence: str | None = Field(
        default=None,
        description="Jinja expression choosing which of the record's evidence passages the"
        " question cites (e.g. 'evidence[:1]'); default: all of them.",
    )

    @field_validator("distractors", mode="before")
    @classmethod
    def _fixed_list(cls, value: Any) -> Any:
        return {"values": value} if isinstance(value, list) else value


class QuestionSpec(_QuestionCommon):
    """A hand-written question of any type."""

    prompt: Text
    answer: str | bool | None = None
    answers: list[Text] | None = None
    accept: list[Text] = Field(default_factory=list)
    distractors: list[Text] | None = None
    items: list[Text] | None = None
    pairs: list[Annotated[list[Text], Field(min_length=2, max_length=2)]] | None = None
    evidence: list[Text] = Field(default_factory=list)
    reverse: bool = False

    @field_validator("evidence", mode="before")
    @classmethod
    def _evidence_list(cls, value: Any) -> Any:
        return _as_list(value)


class SetFileSpec(_Spec):
    """One YAML file of a set: any of the four sections."""

    set: SetSpec | None = None
    facts: dict[Ident, TableSpec] = Field(default_factory=dict)
    templates: list[TemplateSpec] = Field(default_factory=list)
    questions: list[QuestionSpec] = Field(default_factory=list)


# --------------------------------------------------------------------------- loaded models


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
