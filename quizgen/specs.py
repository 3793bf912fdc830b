"""What a teacher writes in a set's YAML files, as pydantic models.

The ``*Spec`` models describe what a teacher writes in YAML (validated, unknown keys refused); the
editors' JSON Schema is generated from them (:mod:`quizgen.schema`). Once everything is loaded,
the rest of the program passes around the frozen dataclasses of :mod:`quizgen.models` instead, so
renderers never see YAML.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from .models import QuestionType

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
