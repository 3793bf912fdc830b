"""The deck, imported into a real Anki collection with Anki's own library."""

from __future__ import annotations

import html
import shutil
from pathlib import Path

from anki.collection import Collection

from quizgen.build import build
from quizgen.generate import generate
from quizgen.load import load_set

from .anki_helpers import import_package, notes_by_question_id
from .conftest import BUNDLED


def _plain(text: str) -> str:
    return html.unescape(text)


def test_bundled_deck_imports_with_one_note_per_question(tmp_path: Path) -> None:
    result = build([BUNDLED], tmp_path / "out", ["anki"])
    quiz = result.quizzes[0]
    collection = Collection(str(tmp_path / "collection.anki2"))
    try:
        log = import_package(collection, tmp_path / "out" / f"{BUNDLED.name}.apkg")
        assert len(log.new) == len(quiz.questions)
        notes = notes_by_question_id(collection)
        assert sorted(notes) == sorted(q.id for q in quiz.questions)
        deck_names = {d.name for d in collection.decks.all_names_and_ids()}
        assert quiz.meta.deck in deck_names
        for question in quiz.questions:
            note = notes[question.id]
            card = note.cards()[0]
            assert collection.decks.name(card.did).startswith(quiz.meta.deck)
            answer = _plain(card.answer())
            if question.type.value != "cloze":
                assert question.answers[0] in answer, question.id
            else:
                for fill in question.answers:
                    assert fill in answer
            for passage in question.evidence:
                assert passage in answer, question.id
            assert question.explanation in answer
        _, ok = collection.fix_integrity()
        assert ok
    finally:
        collection.close()


def test_guids_do_not_change_when_wording_changes(tmp_path: Path) -> None:
    from quizgen.render.anki import note_for

    copy = tmp_path / BUNDLED.name
    shutil.copytree(BUNDLED, copy)
    before = generate(load_set(copy))
    templates = copy / "templates.yaml"
    templates.write_text(templates.read_text().replace("Who said", "Which person said"))
    after = generate(load_set(copy))
    changed = [q for q in after.questions if q.prompt.startswith("Which person said")]
    assert changed
    old = {q.id: note_for(q, "src").guid for q in before.questions}
    new = {q.id: note_for(q, "src").guid for q in after.questions}
    assert old == new
    assert len(set(old.values())) == len(old)
