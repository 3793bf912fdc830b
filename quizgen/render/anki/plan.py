"""A set's deck before it is written: every note and note type with its modification time from
the set's ``anki-state.json`` (:mod:`quizgen.ankistate`), and a tombstone for every question that
left the set. Nothing is written here: the renderer writes the package and then the state;
``quizgen push`` also compares the plan with what Anki holds.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import genanki

from ...ankistate import AnkiState, NoteContent, Stamps, digest, note_digest, stamp
from ...models import Question, Quiz
from . import notetypes
from .notes import (
    Media,
    StampedNote,
    esc,
    has_reverse_card,
    media_for,
    note_for,
    source_html,
    tombstone_for,
)

_NOTE_TYPES = {model.model_id: model for model in notetypes.ALL}


class StampedModel(genanki.Model):  # type: ignore[misc]  # genanki is untyped
    """One of quizgen's note types, written with its own modification time (genanki writes the
    package's): Anki updates an imported note type's templates and CSS only when it is newer."""

    def __init__(self, model: genanki.Model, mod: int) -> None:
        super().__init__(
            model.model_id,
            model.name,
            fields=model.fields,
            templates=model.templates,
            css=model.css,
            model_type=model.model_type,
            latex_pre=model.latex_pre,
            latex_post=model.latex_post,
            sort_field_index=model.sort_field_index,
        )
        self.mod = mod

    def to_json(self, timestamp: float, deck_id: int) -> dict[str, Any]:
        data: dict[str, Any] = super().to_json(timestamp, deck_id)
        data["mod"] = self.mod
        return data


def model_digest(model: genanki.Model) -> str:
    """The digest of what an import writes into a note type (its JSON, less time and deck)."""
    return digest(json.loads(json.dumps(model.to_json(0, 0))))


@dataclass(frozen=True)
class DeckNote:
    """One note of a built deck, as AnkiConnect shows notes: note type name, fields by name."""

    question_id: str
    notetype: str
    fields: dict[str, str]
    tags: tuple[str, ...]
    withdrawn: bool = False


@dataclass(frozen=True)
class DeckPlan:
    """What a push brings into Anki: the set's deck and its notes (tombstones included)."""

    set_name: str
    deck: str
    notetypes: dict[str, tuple[int, tuple[str, ...]]]
    """Note type name → (id, field names in order)."""
    notes: list[DeckNote]


@dataclass(frozen=True)
class PlannedDeck:
    set_name: str
    deck: str
    decks: list[genanki.Deck]
    media: list[Media]
    stamps: Stamps
    """The modification times given, and the state to save once the package is written."""
    notes: list[tuple[StampedNote, NoteContent]]

    def push_plan(self) -> DeckPlan:
        """The notes as ``quizgen push`` compares them with Anki's (made only for a push)."""
        deck_notes = []
        types: dict[str, tuple[int, tuple[str, ...]]] = {}
        for note, content in self.notes:
            names = tuple(field["name"] for field in note.model.fields)
            types[note.model.name] = (note.model.model_id, names)
            deck_notes.append(
                DeckNote(
                    content.question_id,
                    note.model.name,
                    dict(zip(names, note.fields, strict=True)),
                    tuple(note.tags),
                    content.withdrawn,
                )
            )
        return DeckPlan(self.set_name, self.deck, types, deck_notes)


def plan_deck(
    quiz: Quiz,
    now: float,
    deck_id: Callable[[str, str], int],
    deck_name: Callable[[Quiz, Question], str],
    state: AnkiState | None = None,
) -> PlannedDeck:
    """The set's decks, every note stamped; ``now`` is the build's time (the clock or
    ``SOURCE_DATE_EPOCH``). Stamps from ``state``, by default the set's state file as it is
    now; writes nothing."""
    meta = quiz.meta
    state = state if state is not None else AnkiState.of(quiz)
    source = source_html(meta.source)
    placed: list[tuple[str, StampedNote, NoteContent]] = []
    media: dict[Path, Media] = {}
    for question in quiz.questions:
        picture = None
        if question.image is not None:
            if question.image not in media:
                media[question.image] = media_for(question.image)
            picture = media[question.image]
        note = note_for(question, meta.source, picture)
        model_id = note.model.model_id
        content = NoteContent(
            question.id,
            note.guid,
            model_id,
            note_digest(model_id, note.fields, note.tags),
            reverse=has_reverse_card(note),
        )
        placed.append((deck_name(quiz, question), note, content))
    for question_id, entry in state.removed(q.id for q in quiz.questions):
        model = _NOTE_TYPES.get(entry.notetype)
        if model is None:
            continue  # a note type this version of quizgen does not know: its note is left be
        note = tombstone_for(question_id, model, entry.guid, source, meta.tags, entry.reverse)
        content = NoteContent(
            question_id,
            entry.guid,
            entry.notetype,
            note_digest(entry.notetype, note.fields, note.tags),
            withdrawn=True,
            reverse=entry.reverse,
        )
        placed.append((meta.deck, note, content))
    models = {content.notetype: note.model for _, note, content in placed}
    stamps = stamp(
        state,
        [content for _, _, content in placed],
        {model_id: model_digest(model) for model_id, model in models.items()},
        now,
    )
    stamped = {i: StampedModel(model, stamps.notetypes[i]) for i, model in models.items()}
    description = f"{esc(meta.description)}<br>{source}".removeprefix("<br>")
    decks = {meta.deck: genanki.Deck(deck_id(meta.name, meta.deck), meta.deck, description)}
    for name, note, content in placed:
        note.model = stamped[content.notetype]
        note.mod = stamps.notes[content.question_id]
        if name not in decks:
            decks[name] = genanki.Deck(deck_id(meta.name, name), name)
        decks[name].add_note(note)
    return PlannedDeck(
        meta.name,
        meta.deck,
        list(decks.values()),
        list(media.values()),
        stamps,
        [(note, content) for _, note, content in placed],
    )
