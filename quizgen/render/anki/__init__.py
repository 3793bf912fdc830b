"""Anki decks (``<set>.apkg``) through genanki, made to be re-imported without losing progress.

Ids are hard-coded or derived from stable names, never from text, so that a rebuilt deck updates
the notes a student already has: note-type ids are constants (:mod:`.notetypes`), deck ids come
from the set and sub-deck names, and each note's GUID from the set and the question id. Every note
carries the build's timestamp as its modification time, which is what lets Anki's default import
("update if newer") take the edits of a later build (see docs/anki.md).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import genanki

from ...models import Question, Quiz
from .. import RenderOptions
from .notes import Media, esc, media_for, note_for, source_html
from .package import write_package

__all__ = ["AnkiRenderer", "deck_id", "deck_name", "note_for"]


def deck_id(set_name: str, deck: str) -> int:
    """A stable deck id from the set and the deck's full name (Anki ids: positive, 63 bits)."""
    digest = hashlib.sha256(f"quizgen-deck:{set_name}:{deck}".encode()).digest()
    return int.from_bytes(digest[:8], "big") >> 2 or 1


def deck_name(quiz: Quiz, question: Question) -> str:
    """The set's deck, or its sub-deck for the question's topic or template (``subdecks``)."""
    mode = quiz.meta.subdecks
    part = question.topic if mode == "topic" else question.template if mode == "template" else None
    # A topic holding "::" nests deeper, as it would if typed in Anki; a blank one adds no level.
    return f"{quiz.meta.deck}::{part.strip()}" if part and part.strip() else quiz.meta.deck


class AnkiRenderer:
    name = "anki"

    def outputs(self, quiz: Quiz, options: RenderOptions) -> list[str]:
        return [f"{quiz.meta.name}.apkg"]

    def render(self, quiz: Quiz, out_dir: Path, options: RenderOptions) -> list[Path]:
        meta = quiz.meta
        source = source_html(meta.source)
        description = f"{esc(meta.description)}<br>{source}".removeprefix("<br>")
        decks = {meta.deck: genanki.Deck(deck_id(meta.name, meta.deck), meta.deck, description)}
        media: dict[Path, Media] = {}
        for question in quiz.questions:
            name = deck_name(quiz, question)
            if name not in decks:
                decks[name] = genanki.Deck(deck_id(meta.name, name), name)
            picture = None
            if question.image is not None:
                if question.image not in media:
                    media[question.image] = media_for(question.image)
                picture = media[question.image]
            decks[name].add_note(note_for(question, meta.source, picture))
        target = out_dir / self.outputs(quiz, options)[0]
        write_package(list(decks.values()), list(media.values()), target, options.timestamp)
        return [target]
