"""Driving Anki's own library (the ``anki`` package) in tests, and reading the cards it renders."""

from __future__ import annotations

import contextlib
import html
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

_STYLE = re.compile(r"<style>.*?</style>", re.S)
_TAG = re.compile(r"<[^>]+>")


@contextlib.contextmanager
def fresh_collection(folder: Path, name: str = "collection.anki2") -> Iterator[Collection]:
    collection = Collection(str(folder / name))
    try:
        yield collection
    finally:
        collection.close()


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
        notes[html.unescape(note["QuestionId"])] = note
    return notes


def body(card_html: str) -> str:
    """A rendered side without its ``<style>`` (the note type's CSS)."""
    return _STYLE.sub("", card_html)


def text(card_html: str) -> str:
    """What a student reads: tags dropped, entities decoded, spaces collapsed."""
    return " ".join(html.unescape(_TAG.sub(" ", body(card_html))).split())


def block(card_html: str, css_class: str) -> str:
    """The inner HTML of the first element with ``css_class`` (no nesting of the same tag)."""
    match = re.search(
        rf'<(\w+) class="{re.escape(css_class)}"[^>]*>(.*?)</\1>', body(card_html), re.S
    )
    assert match, f"no element with class {css_class!r} in {body(card_html)!r}"
    return match.group(2)


def list_items(fragment: str) -> list[tuple[str, bool]]:
    """(text, marked correct) of every ``<li>`` in an HTML fragment, in order."""
    return [
        (" ".join(html.unescape(_TAG.sub(" ", inner)).split()), 'class="qz-correct"' in attrs)
        for attrs, inner in re.findall(r"<li([^>]*)>(.*?)</li>", fragment, re.S)
    ]


def scheduling(collection: Collection, card_id: int) -> tuple[Any, ...]:
    """What reviews leave on a card: type, queue, due, interval, ease, reps, lapses; its log."""
    card = collection.get_card(card_id)
    log = collection.db.all(
        "select id, ease, ivl, lastIvl, factor, type from revlog where cid = ? order by id",
        card_id,
    )
    return (card.type, card.queue, card.due, card.ivl, card.factor, card.reps, card.lapses, log)
