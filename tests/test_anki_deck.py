"""The deck, imported into a fresh collection with Anki's own library: every note, card, deck, tag
and rendered side checked against the questions the build generated."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from anki.collection import Collection, StripHtmlMode

from quizgen.build import build
from quizgen.generate import CLOZE_BLANK, REVERSIBLE, generate
from quizgen.load import load_set
from quizgen.models import Question, QuestionType, Quiz
from quizgen.render.anki.notes import (
    INSTRUCTIONS,
    REVERSE_INSTRUCTION,
    esc,
    fields_for,
    source_html,
)

from .anki_helpers import (
    block,
    fresh_collection,
    import_package,
    list_items,
    notes_by_question_id,
    text,
)
from .conftest import BUNDLED

NOTE_TYPES = {
    QuestionType.MULTIPLE_CHOICE: "quizgen: choice",
    QuestionType.MULTIPLE_SELECT: "quizgen: choice",
    QuestionType.TRUE_FALSE: "quizgen: choice",
    QuestionType.SHORT_ANSWER: "quizgen: type-in",
    QuestionType.CLOZE: "quizgen: cloze",
    QuestionType.MATCHING: "quizgen: matching and ordering",
    QuestionType.ORDERING: "quizgen: matching and ordering",
}

EVERY_TYPE = """\
questions:
  - id: mc
    type: multiple_choice
    topic: Choices
    tags: [mc, people]
    prompt: Who wrote <script>alert("x")</script> & 'that'?
    answer: Ada & <b>Lovelace</b>
    distractors: [Charles "Babbage", Mary <i>Somerville</i>, Alan Turing]
    explanation: Because 1 < 2 & "quotes" stay.
    evidence: [first passage & more, second <passage>]
    reverse: true
  - id: ms
    type: multiple_select
    topic: Choices
    prompt: Which are engines?
    answers: [Analytical Engine, Difference Engine]
    distractors: [Jacquard loom, Colossus]
    explanation: Both engines are Babbage's.
    evidence: the Analytical Engine and the Difference Engine
  - id: tf
    type: true_false
    prompt: Lovelace was a mathematician.
    answer: true
    explanation: The text says so.
    evidence: Ada Lovelace, a mathematician
  - id: sa
    type: short_answer
    topic: Places
    prompt: In which city was Lovelace born?
    answer: London & Co
    accept: [London]
    explanation: She was born in London.
    evidence: born in London
    reverse: true
  - id: cz
    type: cloze
    topic: Places
    prompt: "She called it [[poetical]] science: {{c2::not a cloze}} and [[a::b }} c]]."
    explanation: Her own words.
    evidence: what she called “poetical science”
  - id: ma
    type: matching
    prompt: Match each person to a role.
    pairs:
      - [Ada Lovelace, mathematician]
      - [Charles Babbage, inventor]
      - [Mary Somerville, scientist]
    explanation: As the text describes them.
    evidence: Lovelace, Babbage and Somerville
  - id: ord
    type: ordering
    prompt: Put these in order of birth.
    items: [Mary Somerville, Charles Babbage, Ada Lovelace]
    explanation: Born 1780, 1791 and 1815.
    evidence: Somerville (1780), Babbage (1791), Lovelace (1815)
"""


def expected_deck(quiz: Quiz, question: Question) -> str:
    part = {"topic": question.topic, "template": question.template or "", "none": ""}[
        quiz.meta.subdecks
    ]
    return f"{quiz.meta.deck}::{part}" if part else quiz.meta.deck


def expected_cards(question: Question) -> int:
    return 2 if question.reverse and question.type in REVERSIBLE else 1


def check_deck(collection: Collection, quiz: Quiz) -> None:
    """Every question is one note with the right type, deck, tags, cards and rendered sides."""
    notes = notes_by_question_id(collection)
    assert sorted(notes) == sorted(q.id for q in quiz.questions)
    assert collection.card_count() == sum(expected_cards(q) for q in quiz.questions)
    for question in quiz.questions:
        note = notes[question.id]
        assert note.note_type()["name"] == NOTE_TYPES[question.type], question.id
        assert sorted(note.tags) == sorted(question.tags_with_level()), question.id
        cards = sorted(note.cards(), key=lambda c: c.ord)
        assert len(cards) == expected_cards(question), question.id
        for card in cards:
            assert collection.decks.name(card.did) == expected_deck(quiz, question)
        check_sides(question, cards[0].question(), cards[0].answer(), quiz)
        if len(cards) == 2:
            check_reverse(question, cards[1].question(), cards[1].answer())


def check_back_matter(question: Question, back: str, quiz: Quiz) -> None:
    shown = text(back)
    assert " ".join(question.explanation.split()) in shown, question.id
    for passage in question.evidence:
        assert " ".join(passage.split()) in text(block(back, "qz-evidence")), question.id
    assert quiz.meta.source.title in text(block(back, "qz-source")), question.id


def check_sides(question: Question, front: str, back: str, quiz: Quiz) -> None:
    kind = question.type
    assert "<script" not in front + back
    check_back_matter(question, back, quiz)
    if kind is QuestionType.CLOZE:
        blanks = len(CLOZE_BLANK.findall(question.cloze or ""))
        assert text(front).count("[...]") == blanks, question.id
        revealed = [html.unescape(s) for s in _cloze_spans(back)]
        assert revealed == list(question.answers), question.id
        return
    assert question.prompt in text(block(front, "qz-prompt")), question.id
    assert question.prompt in text(block(back, "qz-prompt")), question.id
    if kind in (
        QuestionType.MULTIPLE_CHOICE,
        QuestionType.MULTIPLE_SELECT,
        QuestionType.TRUE_FALSE,
    ):
        options = list(question.choices)
        assert list_items(block(front, "qz-options")) == [(o, False) for o in options]
        marked = [(o, o in question.answers) for o in options]
        assert list_items(block(back, "qz-options")) == marked, question.id
        assert sum(m for _, m in marked) == len(question.answers)
    elif kind is QuestionType.SHORT_ANSWER:
        assert "[[type:Answer]]" in front and "[[type:Answer]]" in back
        for other in question.answers[1:]:
            assert other in text(block(back, "qz-accepted")), question.id
    elif kind is QuestionType.MATCHING:
        shown = text(front)
        for left, right in question.pairs:
            assert left in shown and right in shown, question.id
        letter = {
            right: "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[i] for i, right in enumerate(question.choices)
        }
        pairs = [t for t, _ in list_items(block(back, "qz-pairs"))]
        assert pairs == [f"{left} → {letter[right]}. {right}" for left, right in question.pairs]
        key = " · ".join(f"{n} {letter[r]}" for n, (_, r) in enumerate(question.pairs, start=1))
        assert text(block(back, "qz-answer")) == key, question.id
    elif kind is QuestionType.ORDERING:
        assert [t for t, _ in list_items(block(front, "qz-options"))] == list(question.choices)
        solution = [t.rsplit(" (", 1)[0] for t, _ in list_items(block(back, "qz-order"))]
        assert solution == list(question.answers), question.id
        letters = ", ".join(
            "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[question.choices.index(a)] for a in solution
        )
        assert text(block(back, "qz-answer")) == letters, question.id
        assert list(question.choices) != list(question.answers), "the front gives it away"


def check_reverse(question: Question, front: str, back: str) -> None:
    assert question.answers[0] in text(block(front, "qz-prompt")), question.id
    assert question.prompt not in text(front), question.id
    assert question.prompt in text(block(back, "qz-answer")), question.id


def _cloze_spans(card_html: str) -> list[str]:
    return re.findall(r'<span class="cloze"[^>]*>(.*?)</span>', card_html)


def test_bundled_deck_in_a_fresh_collection(tmp_path: Path, bundled_copy: Path) -> None:
    # a copy: the deck's build records its notes in the set folder (anki-state.json)
    result = build([bundled_copy], tmp_path / "out", ["anki"])
    quiz = result.quizzes[0]
    with fresh_collection(tmp_path) as collection:
        log = import_package(collection, tmp_path / "out" / f"{BUNDLED.name}.apkg")
        assert len(log.new) == len(quiz.questions)
        assert not log.conflicting and not log.duplicate and not log.updated
        check_deck(collection, quiz)
        message, ok = collection.fix_integrity()
        assert ok, message


@pytest.fixture
def every_type(make_set: Callable[..., Path]) -> Path:
    return make_set({"questions.yaml": EVERY_TYPE})


def test_every_question_type_renders_as_typed(every_type: Path, tmp_path: Path) -> None:
    quiz = build([every_type], tmp_path / "out", ["anki"]).quizzes[0]
    assert {q.type for q in quiz.questions} == set(QuestionType)
    with fresh_collection(tmp_path) as collection:
        import_package(collection, tmp_path / "out" / "demo.apkg")
        check_deck(collection, quiz)
        notes = notes_by_question_id(collection)
        front = notes["mc"].cards()[0].question()
        # typed markup shows as text, never as elements
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;that&#x27;" in front
        assert "<b>" not in front and "<i>" not in front
        assert "Who wrote <script>alert(\"x\")</script> & 'that'?" in text(front)
        # a cloze prompt's own braces and colons are text, not a second cloze or a hint
        cloze = notes["cz"].cards()
        assert len(cloze) == 1
        back = text(cloze[0].answer())
        assert "{{c2::not a cloze}}" in back and "a::b }} c" in back
        message, ok = collection.fix_integrity()
        assert ok, message


def test_short_answer_compares_typed_text_with_the_answer(every_type: Path, tmp_path: Path) -> None:
    build([every_type], tmp_path / "out", ["anki"])
    with fresh_collection(tmp_path) as collection:
        import_package(collection, tmp_path / "out" / "demo.apkg")
        card = notes_by_question_id(collection)["sa"].cards()[0]
        # what Anki's reviewer does with the field before comparing (aqt/reviewer.py)
        # (anki.utils.strip_html, through the collection's backend)
        field = collection.media.strip(card.note()["Answer"])
        expected = collection._backend.strip_html(text=field, mode=StripHtmlMode.NORMAL)
        assert expected == "London & Co"
        comparison = collection.compare_answer(expected, "London & Co")
        assert "typeGood" in comparison and "typeBad" not in comparison
        assert "typeBad" in collection.compare_answer(expected, "Paris")


@pytest.mark.parametrize("mode", ["topic", "template", "none"])
def test_subdecks_follow_the_set_setting(
    mode: str, bundled_copy: Path, tmp_path: Path, monkeypatch: Any
) -> None:
    set_yaml = bundled_copy / "set.yaml"
    original = set_yaml.read_text(encoding="utf-8")
    assert original.count("set:\n") == 1
    set_yaml.write_text(original.replace("set:\n", f"set:\n  subdecks: {mode}\n"), "utf-8")
    quiz = build([bundled_copy], tmp_path / "out", ["anki"]).quizzes[0]
    assert quiz.meta.subdecks == mode
    with fresh_collection(tmp_path) as collection:
        import_package(collection, tmp_path / "out" / f"{bundled_copy.name}.apkg")
        check_deck(collection, quiz)
        decks = {d.name for d in collection.decks.all_names_and_ids()} - {"Default"}
        assert decks == {quiz.meta.deck} | {expected_deck(quiz, q) for q in quiz.questions}
        if mode == "none":
            assert decks == {quiz.meta.deck}


def test_fields_are_listed_in_each_note_types_order(make_set: Callable[..., Path]) -> None:
    # fields_for lists values by position: checked here by the note types' own field names
    quiz = generate(load_set(make_set({"questions.yaml": EVERY_TYPE})))
    source = source_html(quiz.meta.source)
    for question in quiz.questions:
        model, fields = fields_for(question, source)
        named = dict(zip([field["name"] for field in model.fields], fields, strict=True))
        assert named["Instruction"] == INSTRUCTIONS[question.type]
        assert named["Image"] == ""
        assert named["Explanation"] == esc(question.explanation)
        assert named["Evidence"] == "".join(f"<p>“{esc(e)}”</p>" for e in question.evidence)
        assert named["Source"] == source
        assert named["QuestionId"] == esc(question.id)
        if question.type is QuestionType.CLOZE:
            assert "{{c1::" in named["Text"]
            continue
        assert named["Prompt"] == esc(question.prompt)
        if "Reverse" in named:
            assert named["Reverse"] == (REVERSE_INSTRUCTION if question.reverse else "")
        if question.type is QuestionType.SHORT_ANSWER:
            assert named["Answer"] == esc(question.answers[0])
            assert named["Accepted"] == esc(" | ".join(question.answers[1:]))
        elif "Options" in named:
            assert "qz-correct" in named["OptionsMarked"] and "qz-correct" not in named["Options"]
            assert named["Answer"] == "<br>".join(esc(a) for a in question.answers)
        else:
            assert named["Items"].startswith("<") and "qz-answer" in named["Solution"]
