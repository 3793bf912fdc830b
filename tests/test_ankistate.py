"""The state file's rules: a note gets a new modification time only when its content changed, and
that time is always later than the one before (same second, clock set back)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quizgen.ankistate import STATE_NAME, AnkiState, NoteContent, note_digest, stamp
from quizgen.errors import ValidationFailed

T = 1_737_100_000


def _note(qid: str, text: str, withdrawn: bool = False) -> NoteContent:
    return NoteContent(qid, f"guid-{qid}", 11, note_digest(11, [text, qid], ["t"]), withdrawn)


def _first(tmp_path: Path) -> AnkiState:
    state = stamp(
        AnkiState.read(tmp_path, "demo"), [_note("a", "A"), _note("b", "B")], {11: "x"}, T
    ).state
    state.save()
    return AnkiState.read(tmp_path, "demo")


def test_unchanged_notes_keep_their_time_and_new_ones_get_now(tmp_path: Path) -> None:
    state = _first(tmp_path)
    later = stamp(state, [_note("a", "A"), _note("b", "B"), _note("c", "C")], {11: "x"}, T + 500)
    assert later.notes == {"a": T, "b": T, "c": T + 500}
    assert later.added == ["c"] and later.changed == [] and later.notetypes == {11: T}


@pytest.mark.parametrize(
    ("now", "expected"),
    [(T + 86_400, T + 86_400), (T, T + 1), (T - 3_600, T + 1)],
    ids=["a-day-later", "same-second", "clock-set-back"],
)
def test_a_changed_note_is_always_newer_than_before(
    tmp_path: Path, now: int, expected: int
) -> None:
    state = _first(tmp_path)
    stamps = stamp(state, [_note("a", "A, edited"), _note("b", "B")], {11: "x"}, now)
    assert stamps.notes == {"a": expected, "b": T}
    assert stamps.changed == ["a"]
    # and an edit in the very same second as that one is newer again
    again = stamp(stamps.state, [_note("a", "A, again"), _note("b", "B")], {11: "x"}, now)
    assert again.notes["a"] == expected + 1


def test_a_changed_note_type_is_newer_and_an_unused_one_is_remembered(tmp_path: Path) -> None:
    state = _first(tmp_path)
    stamps = stamp(state, [_note("a", "A")], {11: "css changed", 12: "y"}, T)
    assert stamps.notetypes == {11: T + 1, 12: T}
    later = stamp(stamps.state, [_note("a", "A")], {12: "y"}, T)
    assert set(later.state.notetypes) == {11, 12}


def test_withdrawn_and_returning_questions(tmp_path: Path) -> None:
    state = _first(tmp_path)
    assert [qid for qid, _ in state.removed(["a"])] == ["b"]
    gone = stamp(state, [_note("a", "A"), _note("b", "tombstone", True)], {11: "x"}, T)
    assert gone.withdrawn == ["b"] and gone.notes["b"] == T + 1
    # still withdrawn at the next build: the tombstone is unchanged
    still = stamp(gone.state, [_note("a", "A"), _note("b", "tombstone", True)], {11: "x"}, T + 9)
    assert still.withdrawn == [] and still.changed == [] and still.notes["b"] == T + 1
    back = stamp(still.state, [_note("a", "A"), _note("b", "B")], {11: "x"}, T)
    assert back.notes["b"] == T + 2 and back.changed == ["b"]


def test_a_note_under_another_guid_starts_afresh(tmp_path: Path) -> None:
    state = _first(tmp_path)
    renamed = NoteContent("a", "other-guid", 11, note_digest(11, ["A", "a"], ["t"]))
    stamps = stamp(state, [renamed], {11: "x"}, T - 50)
    assert stamps.added == ["a"] and stamps.notes["a"] == T - 50


def test_the_file_is_written_only_when_it_changes(tmp_path: Path) -> None:
    state = _first(tmp_path)
    path = tmp_path / STATE_NAME
    text = path.read_text()
    assert json.loads(text)["notes"]["a"] == {
        "digest": note_digest(11, ["A", "a"], ["t"]),
        "guid": "guid-a",
        "mod": T,
        "notetype": 11,
    }
    assert len(text.splitlines()) == 12  # one line per note and per note type
    written = path.stat().st_mtime_ns
    assert not stamp(state, [_note("a", "A"), _note("b", "B")], {11: "x"}, T + 9).state.save()
    assert path.stat().st_mtime_ns == written
    assert stamp(state, [_note("a", "A2"), _note("b", "B")], {11: "x"}, T).state.save()
    assert AnkiState.read(tmp_path, "demo").notes["a"].mod == T + 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"format": 1,\n "notes": {,}}', f"{STATE_NAME}:2: not valid JSON"),
        ('{"format": 7, "notes": {}, "notetypes": {}}', f"{STATE_NAME}:1: not a quizgen state"),
        (
            '{"format": 1, "notetypes": {},\n "notes": {\n  "q1": {"guid": "g", "mod": "soon"}}}',
            f"{STATE_NAME}:3: note 'q1' is damaged",
        ),
    ],
    ids=["json", "format", "entry"],
)
def test_a_damaged_file_is_reported_with_its_line_and_left_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, expected: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / STATE_NAME).write_text(text)
    with pytest.raises(ValidationFailed) as caught:
        AnkiState.read(Path("."), "demo")
    (problem,) = caught.value.problems
    assert str(problem).startswith(expected)
    assert "restore it from version control, or delete it" in str(problem)
    assert (tmp_path / STATE_NAME).read_text() == text


def test_a_reverse_card_is_recorded_without_restamping_its_note(tmp_path: Path) -> None:
    """A note with a reverse card says so in the file (its tombstone needs to know); a file
    written before that was recorded reads as no reverse card, and learning it gives the note
    no new time: only the file's line changes."""
    state = _first(tmp_path)
    assert '"reverse"' not in (tmp_path / STATE_NAME).read_text(encoding="utf-8")
    reverse = NoteContent("a", "guid-a", 11, note_digest(11, ["A", "a"], ["t"]), reverse=True)
    stamps = stamp(state, [reverse, _note("b", "B")], {11: "x"}, T + 500)
    assert stamps.notes == {"a": T, "b": T} and stamps.changed == []
    assert stamps.state.save()  # the line of "a" gains the flag
    again = AnkiState.read(tmp_path, "demo")
    assert again.notes["a"].reverse and not again.notes["b"].reverse
    assert not stamp(again, [reverse, _note("b", "B")], {11: "x"}, T + 900).state.save()
