"""Distractor `exclude`: values (or records) that are also right answers are never distractors."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from quizgen.generate import generate
from quizgen.load import load_set

FACTS = """\
facts:
  people:
    records:
      - {id: ann, name: Ann, role: mayor}
      - {id: bob, name: Bob, role: baker}
      - {id: cy, name: Cy, role: judge}
      - {id: di, name: Di, role: poet}
      - {id: ed, name: Ed, role: clerk}
  quotes:
    refs: {speaker: people}
    records:
      - {id: q1, text: Hello there, speaker: ann}
      - {id: q2, text: Hello there, speaker: bob}
      - {id: q3, text: Goodbye, speaker: cy}
  clubs:
    refs: {members: people, founder: people}
    records:
      - {id: chess, name: the chess club, members: [ann, bob], founder: cy}
templates:
  - id: who-said
    table: quotes
    type: multiple_choice
    prompt: Who said “{{ text }}”?
    answer: "{{ speaker.name }}"
    distractors:
      from: people.name
      exclude: facts.quotes | selectattr('text', 'equalto', text) | map(attribute='speaker') | list
      count: 2
  - id: one-member
    table: clubs
    type: multiple_choice
    prompt: Which of these is a member of {{ name }}?
    answer: "{{ members[0] }}"
    distractors:
      from: people.role
      exclude: members + [founder]
      count: 2
"""


def test_excluded_speakers_and_members_are_never_drawn(make_set: Callable[..., Path]) -> None:
    quiz_set = load_set(make_set({"facts.yaml": FACTS}))
    for seed in range(30):
        quiz = generate(quiz_set, seed)
        by_id = {q.id: q for q in quiz.questions}
        for qid in ("who-said/q1", "who-said/q2"):
            wrong = set(by_id[qid].choices) - set(by_id[qid].answers)
            assert wrong.isdisjoint({"Ann", "Bob"}), (seed, qid)
            assert len(wrong) == 2
        # a record excludes its own value of the pool's field: members' and founder's roles
        club = by_id["one-member/chess"]
        assert set(club.choices) - set(club.answers) == {"poet", "clerk"}


def test_exclusion_leaving_too_few_distractors_is_an_error(
    cli: Callable[..., Any], make_set: Callable[..., Path]
) -> None:
    make_set({"facts.yaml": FACTS.replace("      count: 2\n", "      count: 4\n", 1)})
    result = cli("validate")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "questions/demo/facts.yaml:25: template 'who-said', records 'q1', 'q2': distractors: "
        "too few distractors: needs 4, people.name offers 3 that are not a correct answer"
    )


def test_an_excluded_value_in_a_fixed_list_is_reported(
    cli: Callable[..., Any], make_set: Callable[..., Path]
) -> None:
    text = FACTS.replace(
        "      from: people.role\n      exclude: members + [founder]\n",
        "      values: [Cy, Di, Ed]\n      exclude: members + [founder]\n",
    ).replace('answer: "{{ members[0] }}"', 'answer: "{{ members[0].name }}"')
    make_set({"facts.yaml": text})
    result = cli("validate")
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "questions/demo/facts.yaml:34: template 'one-member', record 'chess': distractors: "
        "distractor 'Cy' is also a correct answer (it is in 'exclude')"
    )
