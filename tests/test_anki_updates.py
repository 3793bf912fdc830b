"""A student keeps studying while the teacher edits: re-importing a rebuilt deck with Anki's
default options updates edited notes in place, adds new ones, and loses no progress."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

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

T1 = 1_737_100_000  # the teacher's first build ...
T2 = T1 + 86_400  # ... and the next day's, after an edit

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


def _build(folder: Path, out: Path, epoch: int, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(epoch))
    return build([folder], out, ["anki"]).quizzes[0]


def _review(collection: Any, card_ids: list[int]) -> None:
    for card_id in card_ids:
        card = collection.get_card(card_id)
        card.start_timer()
        collection.sched.answerCard(card, 3)
        # Anki makes review-log ids unique by bumping a clashing one by a millisecond; reviews
        # scripted faster than one per millisecond can so push a log entry into the next second,
        # and its integrity check then "fixes" the card's last review time. A student can't
        # answer that fast: pace the script like one.
        time.sleep(0.003)


def test_rebuilt_deck_updates_in_place_and_keeps_progress(
    bundled_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    probe = bundled_copy / "update-probe.yaml"
    probe.write_text(EDITED.format(prompt="Where was the treaty signed?"), encoding="utf-8")
    first = _build(bundled_copy, tmp_path / "v1", T1, monkeypatch)
    apkg = f"{bundled_copy.name}.apkg"
    with fresh_collection(tmp_path) as collection:
        import_package(collection, tmp_path / "v1" / apkg)
        notes = notes_by_question_id(collection)
        # the note that will be edited, and one card of every other note type, get reviewed
        reviewed: dict[str, int] = {}
        kinds: set[str] = set()
        for question in first.questions:
            kind = notes[question.id].note_type()["name"]
            if question.id == "update-probe" or kind not in kinds:
                kinds.add(kind)
                reviewed[question.id] = notes[question.id].cards()[0].id
        _review(collection, list(reviewed.values()))
        _review(collection, [reviewed["update-probe"]])  # a second review: an interval > 0
        before = {cid: scheduling(collection, cid) for cid in reviewed.values()}
        assert before[reviewed["update-probe"]][3] > 0
        notes_before, cards_before = collection.note_count(), collection.card_count()

        probe.write_text(EDITED.format(prompt="In which building was it signed?"), "utf-8")
        (bundled_copy / "update-added.yaml").write_text(ADDED, encoding="utf-8")
        second = _build(bundled_copy, tmp_path / "v2", T2, monkeypatch)
        log = import_package(collection, tmp_path / "v2" / apkg)

        assert not log.conflicting and not log.duplicate
        assert [n.fields[0] for n in log.new] == ["Which city hosted the signing?"]
        assert "update-probe" in {n.fields[-1] for n in log.updated}
        added = [q for q in second.questions if q.id == "update-added"]
        assert collection.note_count() == notes_before + 1
        assert collection.card_count() == cards_before + expected_cards(added[0])
        card = notes_by_question_id(collection)["update-probe"].cards()[0]
        assert card.id == reviewed["update-probe"]
        assert text(block(card.question(), "qz-prompt")) == "In which building was it signed?"
        after = {cid: scheduling(collection, cid) for cid in reviewed.values()}
        assert after == before
        names = [m["name"] for m in collection.models.all()]
        assert not [n for n in names if n.startswith("quizgen") and n.endswith("+")], names
        check_deck(collection, second)
        message, ok = collection.fix_integrity()
        assert ok, message


def test_an_edit_built_with_the_same_pinned_time_is_skipped_by_anki(
    bundled_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Why docs/anki.md says: move SOURCE_DATE_EPOCH forward (e.g. to the last commit) on edits."""
    probe = bundled_copy / "update-probe.yaml"
    probe.write_text(EDITED.format(prompt="Where was the treaty signed?"), encoding="utf-8")
    _build(bundled_copy, tmp_path / "v1", T1, monkeypatch)
    probe.write_text(EDITED.format(prompt="In which building was it signed?"), "utf-8")
    _build(bundled_copy, tmp_path / "v2", T1, monkeypatch)
    apkg = f"{bundled_copy.name}.apkg"
    with fresh_collection(tmp_path) as collection:
        import_package(collection, tmp_path / "v1" / apkg)
        log = import_package(collection, tmp_path / "v2" / apkg)
        assert not log.updated and not log.new
        card = notes_by_question_id(collection)["update-probe"].cards()[0]
        assert text(block(card.question(), "qz-prompt")) == "Where was the treaty signed?"


def test_unchanged_rebuild_imports_without_duplicates(
    bundled_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    quiz = _build(bundled_copy, tmp_path / "v1", T1, monkeypatch)
    _build(bundled_copy, tmp_path / "v2", T2, monkeypatch)
    apkg = f"{bundled_copy.name}.apkg"
    with fresh_collection(tmp_path) as collection:
        import_package(collection, tmp_path / "v1" / apkg)
        log = import_package(collection, tmp_path / "v2" / apkg)
        assert not log.new and not log.conflicting
        assert collection.note_count() == len(quiz.questions)
        check_deck(collection, quiz)


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
        _review(collection, [first])
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
