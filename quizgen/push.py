"""``quizgen push``: a built deck into a running Anki, through the AnkiConnect add-on (API 6).

Push goes through Anki's own importer (``storeMediaFile`` of the ``.apkg``, then ``importPackage``),
so Anki ends up exactly as if the deck had been imported by hand: the same GUIDs, note-type ids,
sub-decks, tags and media, which ``addNotes``/``createModel`` cannot give. Then it tags the notes of
withdrawn questions ``quizgen::removed`` and suspends their cards (never deletes: their review
history stays).

Every step can be repeated: a push that stopped half-way (Anki closed, a dialog in the way) is
finished by the next one. The deck and the set's state file are written before Anki is asked
anything; the import is one transaction inside Anki; tagging and suspending are idempotent; the
package stored in Anki's media folder is replaced by the next push and deleted after the import.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .ankiconnect import DEFAULT_URL, AnkiConnect, AnkiConnectError, Session
from .ankistate import REMOVED_TAG
from .render.anki.plan import DeckPlan, plan_deck


@dataclass
class PushReport:
    """What a push did (or, with ``--dry-run``, would do), by question id."""

    set_name: str
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    withdrawn: list[str] = field(default_factory=list)
    """Withdrawn questions whose note in Anki is not yet tagged and suspended."""
    suspended_cards: int = 0

    def changes(self) -> list[tuple[str, list[str]]]:
        """What a dry run lists, by what would happen."""
        return [
            ("would add", self.added),
            ("would update", self.updated),
            ("would withdraw", self.withdrawn),
        ]

    def summary(self, dry_run: bool) -> str:
        verb = "would add" if dry_run else "added"
        parts = [
            f"{len(self.added)} {verb}" if dry_run else f"{len(self.added)} added",
            f"{len(self.updated)} {'would update' if dry_run else 'updated'}",
            f"{len(self.unchanged)} unchanged",
            f"{len(self.withdrawn)} {'would withdraw' if dry_run else 'withdrawn'}",
        ]
        return f"{self.set_name}: " + ", ".join(parts)


def _quoted(text: str) -> str:
    """``text`` as one term of an Anki search, matched literally (no wildcards)."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    for wildcard in ("*", "_"):
        escaped = escaped.replace(wildcard, "\\" + wildcard)
    return f'"{escaped}"'


def _set_query(plan: DeckPlan) -> str:
    """The set's notes in Anki: quizgen's note types, in the set's deck or its sub-decks."""
    types = " OR ".join(_quoted(f"note:{name}") for name in plan.notetypes)
    return f"({types}) {_quoted(f'deck:{plan.deck}')}"


def _notes_in_anki(anki: AnkiConnect, session: Session, plan: DeckPlan) -> list[dict[str, Any]]:
    """The set's notes in Anki (``notesInfo``), after checking that quizgen's note types there
    have the fields quizgen writes: else the import would make a second note type and leave
    every note of the first one behind."""
    mine = [
        (name, session.notetypes[i], fields)
        for name, (i, fields) in plan.notetypes.items()
        if i in session.notetypes
    ]
    *found, note_ids = anki.multi(
        [
            *[("modelFieldNames", {"modelName": there}) for _, there, _ in mine],
            ("findNotes", {"query": _set_query(plan)}),
        ]
    )
    for (name, there, fields), have in zip(mine, found, strict=True):
        if list(have) != list(fields):
            label = name if there == name else f"{name}' (renamed '{there}' in Anki)"
            raise AnkiConnectError(
                f"note type '{label}' was changed by hand in Anki: it has the fields "
                f"{', '.join(have)}; quizgen needs exactly {', '.join(fields)}. Undo the change "
                "(Tools → Manage Note Types → Fields), then push again"
            )
    infos: list[dict[str, Any]] = anki.call("notesInfo", notes=note_ids) if note_ids else []
    return infos


def _compare(
    anki: AnkiConnect, plan: DeckPlan, infos: list[dict[str, Any]]
) -> tuple[PushReport, list[int]]:
    """How the deck differs from the set's notes in Anki, and the notes in Anki of withdrawn
    questions that are not tagged yet."""
    report = PushReport(plan.set_name)
    there: dict[str, dict[str, Any]] = {}
    for found in infos:
        question = found.get("fields", {}).get("QuestionId", {}).get("value")
        if question is not None:
            there.setdefault(question, found)
    gone: list[tuple[str, dict[str, Any]]] = []
    for note in plan.notes:
        info = there.get(note.fields["QuestionId"])
        if note.withdrawn:
            if info is not None:  # else never in this Anki: nothing to withdraw
                gone.append((note.question_id, info))
        elif info is None:
            report.added.append(note.question_id)
        elif (
            info.get("modelName") == note.notetype
            and {name: value["value"] for name, value in info["fields"].items()} == note.fields
            and sorted(info.get("tags", [])) == sorted(note.tags)
        ):
            report.unchanged.append(note.question_id)
        else:
            report.updated.append(note.question_id)
    cards = [str(card) for _, info in gone for card in info.get("cards", [])]
    active = (
        set(anki.call("findCards", query=f"cid:{','.join(cards)} -is:suspended"))
        if cards
        else set()
    )
    untagged = [int(info["noteId"]) for _, info in gone if REMOVED_TAG not in info.get("tags", [])]
    report.withdrawn = [
        qid
        for qid, info in gone
        if int(info["noteId"]) in untagged or active & set(info.get("cards", []))
    ]
    return report, untagged


def push(
    plan: DeckPlan,
    package: Path | None,
    anki: AnkiConnect,
    session: Session,
    dry_run: bool = False,
) -> PushReport:
    """Bring the deck in ``package`` (the built ``.apkg`` of ``plan``) into Anki, or with
    ``dry_run`` only say what would change (``package`` is then not read); ``session`` is what
    :meth:`AnkiConnect.open` returned."""
    report, withdrawn_notes = _compare(anki, plan, _notes_in_anki(anki, session, plan))
    if dry_run:
        return report
    assert package is not None
    stored_name = f"_quizgen-{plan.set_name}.apkg"  # "_": Anki's media check leaves it alone
    data = base64.b64encode(package.read_bytes()).decode("ascii")
    stored = anki.call("storeMediaFile", filename=stored_name, data=data)
    # an absolute path: Anki 2.1.50 and later no longer run in the media folder, so the
    # add-on's "relative to collection.media" only holds for older versions
    media_dir = session.media_dir
    separator = "\\" if "\\" in media_dir and "/" not in media_dir else "/"
    imported = anki.call("importPackage", path=f"{media_dir.rstrip(separator)}{separator}{stored}")
    if imported is not True:
        raise AnkiConnectError(
            "Anki did not import the deck (no collection open?): open your profile in Anki and "
            "push again"
        )
    # every tombstone of this set carries the tag after the import (the tag is added again to
    # a withdrawn note that a newer edit in Anki kept from being updated); their cards are
    # suspended
    suspend_query = f"{_set_query(plan)} tag:{REMOVED_TAG} -is:suspended"
    calls: list[tuple[str, dict[str, Any]]] = [("deleteMediaFile", {"filename": stored})]
    if withdrawn_notes:
        calls.append(("addTags", {"notes": withdrawn_notes, "tags": REMOVED_TAG}))
    *_, cards = anki.multi([*calls, ("findCards", {"query": suspend_query})])
    if cards:
        anki.call("suspend", cards=cards)
    report.suspended_cards = len(cards)
    return report


def push_sets(
    folders: Sequence[Path],
    out_dir: Path,
    url: str = DEFAULT_URL,
    key: str | None = None,
    dry_run: bool = False,
) -> list[PushReport]:
    """``quizgen push``: build each set's deck as ``build --format anki`` does (the ``.apkg`` in
    ``out_dir``, the set's state file), then bring it into Anki; with ``dry_run``, build and
    write nothing and report what a push would change. Anki is asked first, so that nothing is
    built when it cannot be reached."""
    from .build import build, load_quizzes, render_options
    from .render.anki import deck_id, deck_name

    anki = AnkiConnect(url, key)
    session = anki.open()
    quizzes = load_quizzes(folders) if dry_run else build(folders, out_dir, ["anki"]).quizzes
    now = render_options().timestamp
    reports = []
    for quiz in quizzes:
        # after the build, the state file holds what the written deck holds: the same plan
        plan = plan_deck(quiz, now, deck_id, deck_name).push_plan()
        package = None if dry_run else out_dir / f"{quiz.meta.name}.apkg"
        reports.append(push(plan, package, anki, session, dry_run))
    return reports


__all__ = ["PushReport", "push", "push_sets"]
