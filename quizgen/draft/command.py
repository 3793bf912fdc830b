"""What ``quizgen draft`` prints: the files written, what was drafted and what to do next."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..errors import display_path
from . import create_draft


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def run_draft(
    text: Path,
    questions: Path,
    name: str | None,
    title: str | None,
    copy: bool,
    echo: Callable[[str], object],
) -> None:
    drafted = create_draft(text, questions, name, title, copy)
    draft = drafted.draft
    echo(f"created {display_path(drafted.folder)}/")
    for path in drafted.files:
        echo(f"  wrote {display_path(path)}")
    if drafted.schema is not None:
        echo(f"  wrote {display_path(drafted.schema)} (for editors)")
    persons = [r for r in draft.people if r.fields.get("kind") == "person"]
    sources = len(draft.people) - len(persons)
    open_speakers = sum(1 for q in draft.quotes if "speaker" not in q.fields)
    organisations = sum(1 for r in draft.entities if r.fields.get("kind") == "organisation")
    echo(
        f"drafted {_plural(len(persons), 'person')}"
        + (f" and {_plural(sources, 'quoted source')}" if sources else "")
        + f", {_plural(len(draft.quotes), 'quotation')}"
        + (
            f" ({open_speakers} without a speaker: see the # check: comments)"
            if open_speakers
            else ""
        )
        + f", {_plural(len(draft.figures), 'date or number')}".replace(
            "date or numbers", "dates or numbers"
        )
        + (
            f", {_plural(organisations, 'organisation')}"
            f" and {_plural(len(draft.entities) - organisations, 'place')}"
            if draft.entities
            else " and no organisation or place"
        )
    )
    if drafted.left_out:
        echo(f"left out {_plural(drafted.left_out, 'record')} whose text the PDF font cannot print")
    where = "" if questions == Path("questions") else f" -q {display_path(questions)}"
    echo(
        f"next: check each record against its evidence and delete its draft: line, then "
        f"`quizgen validate --strict{where} {drafted.folder.name}`"
    )
