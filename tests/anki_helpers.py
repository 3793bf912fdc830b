"""Driving Anki's own library (the ``anki`` package) in tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest


def import_package(collection: Collection, apkg: Path) -> Any:
    """Import with Anki's default options (update a note only if the incoming one is newer)."""
    request = ImportAnkiPackageRequest(
        package_path=str(apkg), options=ImportAnkiPackageOptions(with_scheduling=True)
    )
    return collection.import_anki_package(request).log


def notes_by_question_id(collection: Collection) -> dict[str, Any]:
    notes = {}
    for note_id in collection.find_notes(""):
        note = collection.get_note(note_id)
        notes[note["QuestionId"]] = note
    return notes
