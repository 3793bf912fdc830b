"""What the Anki notes of a set were at its last build: ``anki-state.json`` in the set folder.

Anki's default import updates a note only when the incoming note's modification time is newer
than its own. Stamping every note with the build time made every re-import rewrite every note,
and so overwrite whatever a student had added to a note the teacher never touched. The state file
remembers, for every note quizgen ever put in the set's deck, a digest of its content and the
modification time it was given; a build gives a note a new time only when its digest changed:

* unchanged: the recorded time again;
* changed (or withdrawn, or back again): ``max(now, recorded + 1)``, where ``now`` is
  ``SOURCE_DATE_EPOCH`` or the clock; so two builds in one second, or a clock set back, still
  give a newer time;
* new: ``now``.

Note types are stamped by the same rule (Anki updates an imported note type's templates and CSS
only when it is newer). A question that left the set stays in the file, marked withdrawn: its
note becomes a tombstone in the deck (see docs/anki.md).

The file is an input of the build, like a lock file: commit it with the set. The same YAML, the
same state file and the same ``SOURCE_DATE_EPOCH`` give a byte-identical deck. The file is
written only when its content changes, one note per line so that its diffs stay readable.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .errors import Location, OutputError, Problem, ValidationFailed, display_path
from .models import Quiz

STATE_NAME = "anki-state.json"
REMOVED_TAG = "quizgen::removed"
"""The tag of a withdrawn question's note (its tombstone)."""
STATE_FORMAT = 1
_ABOUT = (
    "quizgen's record of this set's Anki notes (content digest and modification time of each): "
    "commit it with the set; see docs/anki.md"
)


_COMPACT_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
_LINE_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(", ", ": "))


def digest(*parts: object) -> str:
    """A short, stable digest of JSON-able content (64 bits: enough to notice an edit)."""
    text = _COMPACT_JSON.encode(parts)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def note_digest(notetype: int, fields: Sequence[str], tags: Iterable[str]) -> str:
    """The digest of what an import would write into a note: its type, fields and tags."""
    return digest(notetype, list(fields), sorted(tags))


@dataclass(frozen=True)
class NoteEntry:
    """One note as the last build made it."""

    guid: str
    notetype: int
    digest: str
    mod: int
    withdrawn: bool = False
    reverse: bool = False
    """The note has a reverse card: its tombstone fills the Reverse field too, else that card,
    already in students' collections, would show an empty front."""


@dataclass(frozen=True)
class TypeEntry:
    """One note type as the last build made it."""

    digest: str
    mod: int


@dataclass(frozen=True)
class NoteContent:
    """One note of the deck being built: a question's, or a withdrawn question's tombstone."""

    question_id: str
    guid: str
    notetype: int
    digest: str
    withdrawn: bool = False
    reverse: bool = False
    """The note has a reverse card (a tombstone: the note it replaces had one)."""


@dataclass
class AnkiState:
    """The state file of one set (empty when the set has none yet)."""

    path: Path
    set_name: str
    notes: dict[str, NoteEntry] = field(default_factory=dict)
    notetypes: dict[int, TypeEntry] = field(default_factory=dict)
    saved: bool = True
    """False for a state that belongs to no folder: :meth:`save` then writes nothing."""
    as_read: tuple[dict[str, NoteEntry], dict[int, TypeEntry]] | None = field(
        default=None, compare=False, repr=False
    )
    """The notes and note types as read from the file (None when there was none): a build
    that stamps nothing new leaves the file alone without writing out its text again (so a
    file reformatted by hand keeps its layout until a note changes)."""

    @classmethod
    def read(cls, folder: Path, set_name: str) -> AnkiState:
        """The state file of the set in ``folder``; a missing file is an empty state, a damaged
        one an error naming the file and line (quizgen never overwrites what it cannot read)."""
        path = folder / STATE_NAME
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return cls(path, set_name)
        except (OSError, UnicodeDecodeError) as error:
            raise _broken(path, None, str(getattr(error, "strerror", None) or error)) from None
        try:
            data = json.loads(text)
        except ValueError as error:
            line = getattr(error, "lineno", None)
            message = getattr(error, "msg", str(error))
            raise _broken(path, line, f"not valid JSON ({message})") from None
        notes, notetypes = _parse(path, text, data)
        return cls(path, set_name, notes, notetypes, as_read=(dict(notes), dict(notetypes)))

    @classmethod
    def of(cls, quiz: Quiz) -> AnkiState:
        """The state file of ``quiz``'s set (empty for a quiz that was not loaded from a folder,
        and then never saved)."""
        if quiz.source is None:
            return cls(Path(STATE_NAME), quiz.meta.name, saved=False)
        return cls.read(quiz.source.folder, quiz.meta.name)

    def removed(self, current: Iterable[str]) -> list[tuple[str, NoteEntry]]:
        """The recorded notes whose question is no longer in the set (withdrawn before or now),
        in id order: each needs a tombstone in the deck."""
        present = set(current)
        return sorted((qid, e) for qid, e in self.notes.items() if qid not in present)

    def text(self) -> str:
        """The file's content: sorted, one note per line."""

        def line(value: Mapping[str, Any]) -> str:
            return _LINE_JSON.encode(value)

        def block(name: str, rows: list[tuple[str, dict[str, Any]]]) -> str:
            body = ",\n".join(
                f"    {json.dumps(key, ensure_ascii=False)}: {line(v)}" for key, v in rows
            )
            return f'  "{name}": {{\n{body}\n  }}' if rows else f'  "{name}": {{}}'

        notes = [
            (qid, _note_json(entry))
            for qid, entry in sorted(self.notes.items(), key=lambda kv: kv[0])
        ]
        types = [
            (str(tid), {"digest": e.digest, "mod": e.mod})
            for tid, e in sorted(self.notetypes.items())
        ]
        head = [
            f'  "about": {json.dumps(_ABOUT)}',
            f'  "format": {STATE_FORMAT}',
            f'  "set": {json.dumps(self.set_name, ensure_ascii=False)}',
        ]
        return (
            "{\n" + ",\n".join([*head, block("notetypes", types), block("notes", notes)]) + "\n}\n"
        )

    def save(self) -> bool:
        """Write the file (atomically) if a note or note type changed since it was read (or its
        text differs from what it would be); True if it was written."""
        if not self.saved or self.as_read == (self.notes, self.notetypes):
            return False
        text = self.text()
        try:
            if self.path.read_text(encoding="utf-8") == text:
                return False
        except (OSError, UnicodeDecodeError):
            pass
        try:
            fd, name = tempfile.mkstemp(
                prefix=f".{STATE_NAME}.", suffix=".tmp", dir=self.path.parent
            )
        except OSError as error:
            raise _unwritable(self.path, error) from None
        temporary = Path(name)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as stream:
                stream.write(text)
            mask = os.umask(0)
            os.umask(mask)
            os.chmod(temporary, 0o666 & ~mask)
            os.replace(temporary, self.path)
        except OSError as error:
            raise _unwritable(self.path, error) from None
        finally:
            temporary.unlink(missing_ok=True)
        return True


@dataclass(frozen=True)
class Stamps:
    """The modification times a build gives, and the state to record once the deck is written."""

    notes: dict[str, int]
    """Question id (or withdrawn question id) → the note's modification time."""
    notetypes: dict[int, int]
    """Note type id → its modification time."""
    added: list[str]
    """Question ids new to the deck, in the order given."""
    changed: list[str]
    """Question ids whose note changed (a withdrawal, or a return, included)."""
    withdrawn: list[str]
    """Question ids that left the set with this build (their tombstones are new or changed)."""
    state: AnkiState
    """The state after this build."""


def stamp(
    previous: AnkiState,
    notes: Sequence[NoteContent],
    notetypes: Mapping[int, str],
    now: float,
) -> Stamps:
    """Give every note (and note type, by id → digest) its modification time: the recorded one
    while its content is unchanged, else a time later than both ``now`` and the recorded one.

    ``notes`` are the deck's notes, tombstones included; a recorded note missing from them is
    forgotten (the renderer passes a tombstone for every :meth:`AnkiState.removed` note).
    """
    clock = int(now)
    mods: dict[str, int] = {}
    entries: dict[str, NoteEntry] = {}
    added: list[str] = []
    changed: list[str] = []
    withdrawn: list[str] = []
    for note in notes:
        before = previous.notes.get(note.question_id)
        if before is not None and before.guid != note.guid:
            before = None  # another note now (the set was renamed): it starts afresh
        if before is None:
            mod = clock
            added.append(note.question_id)
        elif before.digest == note.digest and before.withdrawn == note.withdrawn:
            mod = before.mod
        else:
            mod = max(clock, before.mod + 1)
            changed.append(note.question_id)
            if note.withdrawn and not before.withdrawn:
                withdrawn.append(note.question_id)
        mods[note.question_id] = mod
        entries[note.question_id] = NoteEntry(
            note.guid, note.notetype, note.digest, mod, note.withdrawn, note.reverse
        )
    types: dict[int, TypeEntry] = {}
    for type_id, type_digest in notetypes.items():
        old = previous.notetypes.get(type_id)
        if old is None:
            types[type_id] = TypeEntry(type_digest, clock)
        elif old.digest == type_digest:
            types[type_id] = old
        else:
            types[type_id] = TypeEntry(type_digest, max(clock, old.mod + 1))
    # a note type no longer used keeps its record: a later note of that type must be newer still
    kept = {tid: e for tid, e in previous.notetypes.items() if tid not in types}
    state = replace(previous, notes=entries, notetypes={**kept, **types})
    return Stamps(mods, {tid: e.mod for tid, e in types.items()}, added, changed, withdrawn, state)


def _note_json(entry: NoteEntry) -> dict[str, Any]:
    value: dict[str, Any] = {
        "digest": entry.digest,
        "guid": entry.guid,
        "mod": entry.mod,
        "notetype": entry.notetype,
    }
    if entry.withdrawn:
        value["withdrawn"] = True
    if entry.reverse:
        value["reverse"] = True
    return value


def _parse(path: Path, text: str, data: Any) -> tuple[dict[str, NoteEntry], dict[int, TypeEntry]]:
    """The notes and note types of a state file's JSON; an error names the first bad entry."""
    if not isinstance(data, dict) or data.get("format") != STATE_FORMAT:
        raise _broken(path, 1, f"not a quizgen state file of format {STATE_FORMAT}")
    notes_json, types_json = data.get("notes"), data.get("notetypes")
    if not isinstance(notes_json, dict) or not isinstance(types_json, dict):
        raise _broken(path, 1, "'notes' and 'notetypes' must be objects")
    notes: dict[str, NoteEntry] = {}
    for qid, value in notes_json.items():
        try:
            notes[qid] = NoteEntry(
                guid=_typed(value["guid"], str),
                notetype=_typed(value["notetype"], int),
                digest=_typed(value["digest"], str),
                mod=_typed(value["mod"], int),
                withdrawn=_typed(value.get("withdrawn", False), bool),
                reverse=_typed(value.get("reverse", False), bool),
            )
        except (KeyError, TypeError, AttributeError):
            raise _broken(path, _line_of(text, qid), f"note '{qid}' is damaged") from None
    types: dict[int, TypeEntry] = {}
    for tid, value in types_json.items():
        try:
            types[int(tid)] = TypeEntry(_typed(value["digest"], str), _typed(value["mod"], int))
        except (KeyError, TypeError, AttributeError, ValueError):
            raise _broken(path, _line_of(text, tid), f"note type '{tid}' is damaged") from None
    return notes, types


def _typed(value: Any, kind: type) -> Any:
    # bool is an int in Python: a mod of `true` is still damage
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise TypeError(kind)
    return value


def _line_of(text: str, key: str) -> int | None:
    needle = json.dumps(key, ensure_ascii=False) + ":"
    for number, line in enumerate(text.splitlines(), 1):
        if line.lstrip().startswith(needle):
            return number
    return None


def _broken(path: Path, line: int | None, why: str) -> ValidationFailed:
    return ValidationFailed(
        [
            Problem(
                Location(display_path(path), line),
                f"{why}: quizgen keeps its record of the set's Anki notes here; restore it "
                "from version control, or delete it (every note is then stamped anew)",
            )
        ]
    )


def _unwritable(path: Path, error: OSError) -> OutputError:
    return OutputError(f"cannot write {display_path(path)}: {error.strerror or error}")


__all__ = [
    "REMOVED_TAG",
    "STATE_NAME",
    "AnkiState",
    "NoteContent",
    "NoteEntry",
    "Stamps",
    "TypeEntry",
    "digest",
    "note_digest",
    "stamp",
]
