"""Anki decks (``<set>.apkg``) through genanki, made to be re-imported without losing progress.

Ids are hard-coded or derived from stable names, never from text, so that a rebuilt deck updates
the notes a student already has: note-type ids are constants (:mod:`.notetypes`), deck ids come
from the set and sub-deck names, and each note's GUID from the set and the question id. A note's
modification time changes only when its content does (the set's ``anki-state.json``, see
:mod:`.plan`): Anki's default import ("update if newer") then takes exactly the notes the teacher
changed and leaves a student's own edits to the others alone (see docs/anki.md).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ...ankistate import AnkiState
from ...models import Question, Quiz
from .. import RenderOptions

# genanki is imported by the modules that write the deck, when a deck is written: `validate`
# runs this renderer's check without it
__all__ = ["AnkiRenderer", "deck_id", "deck_name"]


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

    def __init__(self) -> None:
        self._checked: dict[str, AnkiState] = {}
        """Each set's state as :meth:`check` read it, by set name: :meth:`render` stamps from
        it rather than reading and checking the file a second time."""

    def outputs(self, quiz: Quiz, options: RenderOptions) -> list[str]:
        return [f"{quiz.meta.name}.apkg"]

    def check(self, quiz: Quiz, options: RenderOptions) -> None:
        """A damaged ``anki-state.json`` stops the build before anything is written."""
        self._checked[quiz.meta.name] = AnkiState.of(quiz)

    def render(self, quiz: Quiz, out_dir: Path, options: RenderOptions) -> list[Path]:
        from .package import write_package
        from .plan import plan_deck

        state = self._checked.pop(quiz.meta.name, None)
        planned = plan_deck(quiz, options.timestamp, deck_id, deck_name, state)
        target = out_dir / self.outputs(quiz, options)[0]
        write_package(planned.decks, planned.media, target, options.timestamp)
        # after the package: a deck that failed leaves the state as it was, and the next build
        # stamps the same notes newer again
        planned.stamps.state.save()
        return [target]
