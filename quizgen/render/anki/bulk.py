"""A genanki deck whose notes are written as rows, without a genanki note object per question.

genanki writes a deck note by note: a ``Note`` object per question, an invalid-HTML regex run on
every field, one ``cursor.execute`` for the note and one per card. For a large set that was the
slowest part of a build. :class:`BulkDeck` keeps genanki for what it does once per deck (the deck
and note-type JSON in the ``col`` row, which cards a note type makes) and writes each note's rows
itself: the very rows genanki's ``Note.write_to_db`` and ``Card.write_to_db`` write, in the same
statement order (a note, then its cards, ids from one counter), so the database file comes out
byte for byte the same. The order matters: SQLite lays out pages in the order rows arrive, so
notes and cards cannot be inserted table by table (nor through a trigger, which was slower).

Left out, because they cannot fire on quizgen's notes: genanki's invalid-HTML warning (every field
is built from escaped text), its check that a note has as many fields as its note type (fields are
listed from the note type) and its fix-ups of genanki's deprecated built-in note types.
tests/test_anki_bulk.py holds the whole database to genanki's own per-note path (with warnings as
errors, so the HTML check would be noticed).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

import genanki

_CLOZE_NUMBER = re.compile(r"{{c(\d+)::.+?}}", re.DOTALL)
_FRONT_BACK_CARDS: dict[tuple[object, ...], tuple[int, ...]] = {}

NoteRow = tuple[int, str, str, str, str, tuple[int, ...]]
"""One note, less its id and deck: note type id, GUID, tags column, the fields joined by ``\x1f``
(as Anki stores them), the sort field and the ordinals of its cards."""


def tags_column(tags: tuple[str, ...]) -> str:
    """``tags`` as Anki stores them; a tag with a space is refused as genanki refuses it."""
    if " " in "".join(tags):
        tag = next(tag for tag in tags if " " in tag)
        raise ValueError(f'Tag "{tag}" contains a space; this is not allowed!')
    return " " + " ".join(tags) + " "


def card_ordinals(model: genanki.Model, fields: list[str]) -> tuple[int, ...]:
    """The cards genanki makes for a note (``Note.cards``): for a front/back note type, each
    template whose required fields (``Model._req``) are filled; for a cloze note type, one card
    per cloze number in the fields its first template shows with ``{{cloze:...}}``."""
    if model.model_type == model.FRONT_BACK:
        # which fields are filled is all that matters, and a set has few such patterns
        pattern = (model, *map(bool, fields))
        ordinals = _FRONT_BACK_CARDS.get(pattern)
        if ordinals is None:
            ordinals = _FRONT_BACK_CARDS[pattern] = tuple(
                ordinal
                for ordinal, any_or_all, required in model._req
                if (any if any_or_all == "any" else all)(fields[i] for i in required)
            )
        return ordinals
    if model.model_type == model.CLOZE:
        numbers: set[int] = set()  # a set, as genanki's: its iteration order is the card order
        for name in _cloze_fields(model.templates[0]["qfmt"]):
            index = next((i for i, f in enumerate(model.fields) if f["name"] == name), -1)
            value = fields[index] if index >= 0 else ""
            numbers.update(int(n) - 1 for n in _CLOZE_NUMBER.findall(value) if int(n) > 0)
        return tuple(numbers)
    raise ValueError("Expected model_type CLOZE or FRONT_BACK")


@functools.lru_cache
def _cloze_fields(qfmt: str) -> tuple[str, ...]:
    """The fields a cloze template shows with ``{{cloze:...}}``, in genanki's set order."""
    return tuple(
        set(
            re.findall(r"{{[^}]*?cloze:(?:[^}]?:)*(.+?)}}", qfmt)
            + re.findall("<%cloze:(.+?)%>", qfmt)
        )
    )


class BulkDeck(genanki.Deck):  # type: ignore[misc]  # genanki is untyped
    """A ``genanki.Deck`` that holds note rows (:data:`NoteRow`) instead of ``genanki.Note`` s."""

    def __init__(self, deck_id: int, name: str, description: str = "") -> None:
        super().__init__(deck_id, name, description)
        self.rows: list[NoteRow] = []

    def add_note_fields(
        self, model: genanki.Model, fields: list[str], guid: str, tags: tuple[str, ...]
    ) -> None:
        """Add a note as ``add_note(genanki.Note(model, fields, guid=guid, tags=tags))`` would."""
        # genanki adds a deck's note types in the order its notes first use them; that order
        # is the order of the note types in the col row's JSON
        self.models[model.model_id] = model  # Deck.add_model
        self.rows.append(
            (
                model.model_id,
                guid,
                tags_column(tags),
                "\x1f".join(fields),
                fields[model.sort_field_index],
                card_ordinals(model, fields),
            )
        )

    def write_to_db(self, cursor: Any, timestamp: float, id_gen: Iterator[int]) -> None:
        """Write the deck and its note types as genanki does (``self.notes`` is empty), then
        every note and card row as genanki's ``Note.write_to_db`` would."""
        super().write_to_db(cursor, timestamp, id_gen)
        # genanki binds all 11 and 18 values; the ones alike in every row are written into the
        # statements instead (SQLite stores a value the same however it arrives), which saves
        # two thirds of the binding. Both are integers: the deck id is checked by genanki above.
        mod = int(timestamp)
        note_row = f"INSERT INTO notes VALUES(?,?,?,{mod},-1,?,?,?,0,0,'');"
        card_row = (
            f"INSERT INTO cards VALUES(?,?,{self.deck_id},?,{mod},-1,0,0,0,0,0,0,0,0,0,0,0,'');"
        )
        execute = cursor.execute
        for model_id, guid, tags, fields, sort_field, cards in self.rows:
            note_id = next(id_gen)
            execute(note_row, (note_id, guid, model_id, tags, fields, sort_field))
            for ordinal in cards:
                execute(card_row, (next(id_gen), note_id, ordinal))
