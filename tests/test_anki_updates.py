"""A student keeps studying while the teacher edits: re-importing a rebuilt deck with Anki's
default options updates exactly the notes the teacher changed, adds new ones, keeps every review
and leaves the student's own edits to the other notes alone (the set's anki-state.json)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from quizgen.ankistate import STATE_NAME
from quizgen.build import build

from .anki_helpers import (
    block,
    fresh_collection,
    import_package,
    notes_by_question_id,
    scheduling,
    text,
)
from .test_anki_deck import check_deck, expected_cards

# Times are taken from the clock, as a teacher's builds would be: the first build yesterday, the
# student's reviews and own edit an hour ago and now, the teacher's rebuild an hour from now.
# (A rebuild dated before the student's edit could not tell whether that edit is protected.)
NOW = int(time.time())
T1 = NOW - 86_400
T2 = NOW + 3_600

EDITED = """\
questions:
  - id: update-probe
    type: multiple_choice
    topic: Update probe
    prompt: {prompt}
    answer: the Kremlin
    distractors: [the White House, the Élysée, Downing Street]
    explanation: The treaty was signed in Moscow.
    evidence: signed a major cooperation treaty on Friday in the Kremlin
"""
ADDED = """\
questions:
  - id: update-added
    type: short_answer
    prompt: Which city hosted the signing?
    answer: Moscow
    explanation: The Kremlin is in Moscow.
    evidence: signed a major cooperation treaty on Friday in the Kremlin
"""
MNEMONIC = " (My mnemonic: K for Kremlin.)"


def _build(folder: Path, out: Path, epoch: int, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(epoch))
    return build([folder], out, ["anki"]).quizzes[0]


def _review(collection: Any, card_ids: list[int], start: int) -> None:
    """Answer each card "good", one a minute from ``start`` (seconds): explicit review times,
    so the review log never depends on how fast the test runs."""
    for number, card_id in enumerate(card_ids):
        card = collection.get_card(card_id)
        card.start_timer()
        # the states Anki's reviewer shows on the answer buttons, read as the reviewer reads them
        states = collection._backend.get_scheduling_states(card.id)
        answer = collection.sched.build_answer(card=card, states=states, rating=3)
        answer.answered_at_millis = (start + 60 * number) * 1000
        collection.sched.answer_card(answer)


def _study_first_deck(collection: Any, quiz: Any) -> dict[str, int]:
    """Review the probe (twice) and one card of every other note type; return the cards."""
    notes = notes_by_question_id(collection)
    reviewed: dict[str, int] = {}
    kinds: set[str] = set()
    for question in quiz.questions:
        kind = notes[question.id].note_type()["name"]
        if question.id == "update-probe" or kind not in kinds:
            kinds.add(kind)
            reviewed[question.id] = notes[question.id].cards()[0].id
    _review(collection, list(reviewed.values()), NOW - 3_600)
    _review(collection, [reviewed["update-probe"]], NOW - 600)  # a second review: an interval
    return reviewed


def test_a_rebuild_updates_only_the_edited_note_and_keeps_the_students_own_edits(
    bundled_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    probe = bundled_copy / "update-probe.yaml"
    probe.write_text(EDITED.format(prompt="Where was the treaty signed?"), encoding="utf-8")
    first = _build(bundled_copy, tmp_path / "v1", T1, monkeypatch)
    apkg = f"{bundled_copy.name}.apkg"
    with fresh_collection(tmp_path) as collection:
        import_package(collection, tmp_path / "v1" / apkg)
        reviewed = _study_first_deck(collection, first)
        before = {cid: scheduling(collection, cid) for cid in reviewed.values()}
        assert before[reviewed["update-probe"]][3] > 0
        # the student adds a mnemonic to another note's explanation
        other = next(q.id for q in first.questions if q.id != "update-probe")
        note = notes_by_question_id(collection)[other]
        note["Explanation"] += MNEMONIC
        collection.update_note(note)
        reviews = collection.db.scalar("select count() from revlog")

        probe.write_text(EDITED.format(prompt="In which building was it signed?"), "utf-8")
        second = _build(bundled_copy, tmp_path / "v2", T2, monkeypatch)
        log = import_package(collection, tmp_path / "v2" / apkg)

        assert (len(log.new), len(log.updated), len(log.duplicate)) == (
            0,
            1,
            len(first.questions) - 1,
        )
        assert not log.conflicting
        assert [n.fields[-1] for n in log.updated] == ["update-probe"]
        card = notes_by_question_id(collection)["update-probe"].cards()[0]
        assert card.id == reviewed["update-probe"]
        assert text(block(card.question(), "qz-prompt")) == "In which building was it signed?"
        assert notes_by_question_id(collection)[other]["Explanation"].endswith(MNEMONIC)
        assert {cid: scheduling(collection, cid) for cid in reviewed.values()} == before
        assert collection.db.scalar("select count() from revlog") == reviews
        names = [m["name"] for m in collection.models.all()]
        assert not [n for n in names if n.startswith("quizgen") and n.endswith("+")], names
        assert collection.note_count() == len(second.questions)
        message, ok = collection.fix_integrity()
        assert ok, message


def test_a_new_question_arrives_as_a_new_note_and_nothing_else_changes(
    bundled_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _build(bundled_copy, tmp_path / "v1", T1, monkeypatch)
    (bundled_copy / "update-added.yaml").write_text(ADDED, encoding="utf-8")
    second = _build(bundled_copy, tmp_path / "v2", T2, monkeypatch)
    apkg = f"{bundled_copy.name}.apkg"
    with fresh_collection(tmp_path) as collection:
        import_package(collection, tmp_path / "v1" / apkg)
        cards_before = collection.card_count()
        log = import_package(collection, tmp_path / "v2" / apkg)
        assert [n.fields[0] for n in log.new] == ["Which city hosted the signing?"]
        assert not log.updated and len(log.duplicate) == len(first.questions)
        added = [q for q in second.questions if q.id == "update-added"]
        assert collection.card_count() == cards_before + expected_cards(added[0])
        check_deck(collection, second)


@pytest.mark.parametrize(
    "second_epoch", [T1, T1 - 3_600], ids=["same-pinned-time", "clock-set-back"]
)
def test_an_edit_is_never_lost_to_a_build_time_that_did_not_move_forward(
    bundled_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, second_epoch: int
) -> None:
    """Two builds in the same second (or a pinned SOURCE_DATE_EPOCH that did not move, or a clock
    set back): the edited note is still newer than the one students have."""
    probe = bundled_copy / "update-probe.yaml"
    probe.write_text(EDITED.format(prompt="Where was the treaty signed?"), encoding="utf-8")
    _build(bundled_copy, tmp_path / "v1", T1, monkeypatch)
    probe.write_text(EDITED.format(prompt="In which building was it signed?"), "utf-8")
    _build(bundled_copy, tmp_path / "v2", second_epoch, monkeypatch)
    apkg = f"{bundled_copy.name}.apkg"
    with fresh_collection(tmp_path) as collection:
        import_package(collection, tmp_path / "v1" / apkg)
        log = import_package(collection, tmp_path / "v2" / apkg)
        assert len(log.updated) == 1 and not log.new
        card = notes_by_question_id(collection)["update-probe"].cards()[0]
        assert text(block(card.question(), "qz-prompt")) == "In which building was it signed?"


def test_an_unchanged_rebuild_is_byte_identical_and_imports_as_unchanged(
    bundled_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    quiz = _build(bundled_copy, tmp_path / "v1", T1, monkeypatch)
    state = (bundled_copy / STATE_NAME).read_text(encoding="utf-8")
    _build(bundled_copy, tmp_path / "v2", T1, monkeypatch)
    apkg = f"{bundled_copy.name}.apkg"
    assert (tmp_path / "v1" / apkg).read_bytes() == (tmp_path / "v2" / apkg).read_bytes()
    assert (bundled_copy / STATE_NAME).read_text(encoding="utf-8") == state
    _build(bundled_copy, tmp_path / "v3", T2, monkeypatch)  # a day later, nothing changed
    with fresh_collection(tmp_path) as collection:
        import_package(collection, tmp_path / "v1" / apkg)
        log = import_package(collection, tmp_path / "v3" / apkg)
        assert not log.new and not log.conflicting and not log.updated
        assert collection.note_count() == len(quiz.questions)
        check_deck(collection, quiz)


def test_a_removed_question_becomes_a_tagged_tombstone_that_keeps_its_history(
    bundled_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    probe = bundled_copy / "update-probe.yaml"
    probe.write_text(EDITED.format(prompt="Where was the treaty signed?"), encoding="utf-8")
    first = _build(bundled_copy, tmp_path / "v1", T1, monkeypatch)
    probe.unlink()
    _build(bundled_copy, tmp_path / "v2", T2, monkeypatch)
    apkg = f"{bundled_copy.name}.apkg"
    with fresh_collection(tmp_path) as collection:
        import_package(collection, tmp_path / "v1" / apkg)
        card_id = notes_by_question_id(collection)["update-probe"].cards()[0].id
        _review(collection, [card_id], NOW - 600)
        before = scheduling(collection, card_id)
        log = import_package(collection, tmp_path / "v2" / apkg)
        assert (len(log.new), len(log.updated)) == (0, 1)
        note = notes_by_question_id(collection)["update-probe"]
        assert "quizgen::removed" in note.tags
        card = collection.get_card(card_id)
        assert "withdrawn" in text(card.question()).lower()
        assert scheduling(collection, card_id) == before  # the student suspends it by tag
        assert collection.find_notes("tag:quizgen::removed") == [note.id]
        assert collection.note_count() == len(first.questions)
        message, ok = collection.fix_integrity()
        assert ok, message
    # someone who gets the deck for the first time gets the tombstone suspended
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    with fresh_collection(fresh) as collection:
        import_package(collection, tmp_path / "v2" / apkg)
        (note_id,) = collection.find_notes("tag:quizgen::removed")
        assert all(c.queue == -1 for c in collection.get_note(note_id).cards())


TOGGLED = """\
questions:
  - id: toggled
    type: {type}
    topic: {topic}
    tags: [{tag}]
    prompt: Where was the treaty signed?
    answer: the Kremlin
{extra}"""


def test_later_changes_to_topic_tags_reverse_and_type(
    make_set: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What docs/anki.md promises for each kind of edit, checked in Anki."""
    mc = "    distractors: [the White House, the Élysée]\n"
    folder = make_set(
        {"q.yaml": TOGGLED.format(type="multiple_choice", topic="One", tag="a", extra=mc)}
    )
    _build(folder, tmp_path / "v1", T1, monkeypatch)
    (folder / "q.yaml").write_text(
        TOGGLED.format(
            type="multiple_choice", topic="Two", tag="b", extra=mc + "    reverse: true\n"
        )
    )
    _build(folder, tmp_path / "v2", T2, monkeypatch)
    (folder / "q.yaml").write_text(
        TOGGLED.format(type="short_answer", topic="Two", tag="b", extra="")
    )
    _build(folder, tmp_path / "v3", T2 + 60, monkeypatch)
    with fresh_collection(tmp_path) as collection:
        import_package(collection, tmp_path / "v1" / "demo.apkg")
        first = notes_by_question_id(collection)["toggled"].cards()[0].id
        _review(collection, [first], NOW - 600)
        before = scheduling(collection, first)
        log = import_package(collection, tmp_path / "v2" / "demo.apkg")
        assert len(log.updated) == 1 and not log.new
        note = notes_by_question_id(collection)["toggled"]
        assert note.tags == ["b"]
        decks = {card.ord: collection.decks.name(card.did) for card in note.cards()}
        # the studied card stays where it is; the new reverse card goes to the new topic
        assert decks == {0: "Test deck::One", 1: "Test deck::Two"}
        assert scheduling(collection, first) == before
        # another note type for the same id: Anki refuses to convert the note
        log = import_package(collection, tmp_path / "v3" / "demo.apkg")
        assert len(log.conflicting) == 1 and not log.updated
        assert collection.note_count() == 1


def test_a_damaged_state_file_stops_the_build_before_anything_is_written(
    make_set: Any, cli: Any, tmp_path: Path
) -> None:
    folder = make_set(
        {"q.yaml": TOGGLED.format(type="short_answer", topic="One", tag="a", extra="")}
    )
    (folder / STATE_NAME).write_text('{"format": 1,\n  "notes": {"toggled": [}\n}\n')
    for command in ("build", "validate"):
        result = cli(command, "demo")
        assert result.exit_code == 1
        assert result.stderr.startswith(
            f"questions/demo/{STATE_NAME}:2: not valid JSON (Expecting value): quizgen keeps"
        ), result.stderr
        assert len(result.stderr.splitlines()) == 1
    assert not (tmp_path / "output").exists()


EVERY_NOTE_TYPE = """\
questions:
  - id: choice
    type: multiple_choice
    prompt: Where was the treaty signed?
    answer: the Kremlin
    distractors: [the White House, the Élysée]
    reverse: true
  - id: type-in
    type: short_answer
    prompt: Which city hosted the signing?
    answer: Moscow
  - id: blank
    type: cloze
    prompt: Swift connects more than [[11,000]] institutions in [[200]] countries.
  - id: order
    type: ordering
    prompt: Put them in order.
    items: [first, second, third]
"""


def test_every_note_type_has_a_tombstone_with_a_card(
    make_set: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = make_set({"q.yaml": EVERY_NOTE_TYPE})
    _build(folder, tmp_path / "v1", T1, monkeypatch)
    (folder / "q.yaml").write_text(
        "questions:\n  - id: kept\n    type: true_false\n"
        "    prompt: The treaty was signed.\n    answer: true\n"
    )
    _build(folder, tmp_path / "v2", T1, monkeypatch)  # the same pinned time: still newer
    with fresh_collection(tmp_path) as collection:
        import_package(collection, tmp_path / "v1" / "demo.apkg")
        cards = {q: [c.id for c in n.cards()] for q, n in notes_by_question_id(collection).items()}
        log = import_package(collection, tmp_path / "v2" / "demo.apkg")
        assert (len(log.new), len(log.updated)) == (1, 4)
        notes = notes_by_question_id(collection)
        for question_id in ("choice", "type-in", "blank", "order"):
            note = notes[question_id]
            assert "quizgen::removed" in note.tags
            assert [c.id for c in note.cards()] == cards[question_id]  # none lost, none added
            for card in note.cards():  # the reverse card of "choice" too: never a blank front
                assert "withdrawn" in text(card.question()).lower(), (question_id, card.ord)
        assert len(cards["choice"]) == 2
        message, ok = collection.fix_integrity()
        assert ok, message
