from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from quizgen.generate import generate
from quizgen.load import load_set
from quizgen.models import QuestionType

from .conftest import BUNDLED

FACTS = """\
facts:
  people:
    records:
      - {id: ann, name: Ann, role: mayor, evidence: Ann the mayor}
      - {id: bob, name: Bob, role: baker}
      - {id: cy, name: Cy, role: judge}
      - {id: dee, name: Dee, role: nurse}
  quotes:
    refs: {speaker: people}
    records:
      - {id: q1, text: Bread first, speaker: bob}
templates:
  - id: who-said
    table: quotes
    type: multiple_choice
    prompt: Who said “{{ text }}”?
    answer: "{{ speaker }}"
    distractors: {from: people.name, count: 3}
    explanation: "{{ speaker.name }} is the {{ speaker.role }}."
  - id: role
    table: people
    type: short_answer
    where: role != 'judge'
    prompt: What is {{ name }}?
    answer: "{{ role }}"
questions:
  - id: order
    type: ordering
    prompt: Put in order
    items: [one, two, three]
  - id: match
    type: matching
    prompt: Match
    pairs: [[Ann, mayor], [Bob, baker]]
  - id: tf
    type: true_false
    prompt: Bob bakes.
    answer: yes
  - id: blank
    type: cloze
    prompt: "[[Bob]] bakes [[bread]]."
  - id: ms
    type: multiple_select
    prompt: Who is in the set?
    answers: [Ann, Bob]
    distractors: [Zed]
"""


def test_templates_and_hand_written_questions(make_set: Callable[..., Path]) -> None:
    quiz = generate(load_set(make_set({"facts.yaml": FACTS})))
    by_id = {q.id: q for q in quiz.questions}
    assert [q.id for q in quiz.questions] == [
        "who-said/q1",
        "role/ann",
        "role/bob",
        "role/dee",
        "order",
        "match",
        "tf",
        "blank",
        "ms",
    ]
    said = by_id["who-said/q1"]
    assert said.answers == ("Bob",)
    assert sorted(said.choices) == ["Ann", "Bob", "Cy", "Dee"]
    assert said.explanation == "Bob is the baker."
    assert said.template == "who-said" and said.record == "q1"
    assert by_id["role/ann"].evidence == ("Ann the mayor",)
    assert by_id["tf"].answers == ("True",)
    assert by_id["blank"].answers == ("Bob", "bread")
    assert by_id["blank"].prompt == "_____ bakes _____."
    assert by_id["order"].answers == ("one", "two", "three")
    assert by_id["order"].choices != by_id["order"].answers
    assert by_id["match"].answers == ("Ann → mayor", "Bob → baker")
    assert by_id["ms"].type is QuestionType.MULTIPLE_SELECT
    assert sorted(by_id["ms"].choices) == ["Ann", "Bob", "Zed"]


def test_same_seed_same_questions_other_seed_other_order() -> None:
    quiz_set = load_set(BUNDLED)
    first = json.dumps([q.to_json() for q in generate(quiz_set, 5).questions])
    again = json.dumps([q.to_json() for q in generate(load_set(BUNDLED), 5).questions])
    assert first == again
    others = {
        json.dumps([q.to_json() for q in generate(quiz_set, s).questions]) for s in range(6, 12)
    }
    assert first not in others


def test_a_question_keeps_its_options_when_others_change(make_set: Callable[..., Path]) -> None:
    before = generate(load_set(make_set({"facts.yaml": FACTS})))
    extra = FACTS + "  - id: new\n    type: short_answer\n    prompt: New?\n    answer: yes\n"
    after = generate(load_set(make_set({"facts.yaml": extra})))
    assert before.questions[0].choices == after.questions[0].choices


def test_the_options_are_drawn_and_shuffled_as_they_always_were(
    make_set: Callable[..., Path],
) -> None:
    # pinned from generation before it was made faster: the same seed must give the same
    # distractors in the same order, in decks students already study
    quiz_set = load_set(make_set({"facts.yaml": FACTS}))
    expected = {
        0: [("Cy", "Bob", "Dee", "Ann"), ("two", "three", "one"), ("Ann", "Bob", "Zed")],
        7: [("Dee", "Ann", "Cy", "Bob"), ("two", "one", "three"), ("Bob", "Zed", "Ann")],
        42: [("Ann", "Dee", "Bob", "Cy"), ("three", "two", "one"), ("Ann", "Zed", "Bob")],
    }
    for seed, choices in expected.items():
        by_id = {q.id: q for q in generate(quiz_set, seed).questions}
        assert [by_id[i].choices for i in ("who-said/q1", "order", "ms")] == choices, seed
