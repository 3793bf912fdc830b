"""validate's warnings, and --strict turning them into errors."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from quizgen.errors import ValidationFailed
from quizgen.rules import Finding
from quizgen.strict import check_sets

from .conftest import BUNDLED

PEOPLE = """\
facts:
  people:
    records:
      - id: ada
        name: Ada Lovelace
        role: mathematician
        evidence: Ada Lovelace, a mathematician
      - id: charles
        name: Charles Babbage
        role: inventor
        evidence: Charles Babbage, an inventor
      - id: mary
        name: Mary Somerville
        role: writer
        evidence: Mary Somerville, a writer
      - id: luigi
        name: Luigi Menabrea
        role: engineer
        evidence: Luigi Menabrea, an engineer
"""

ROLE_TEMPLATE = """\
templates:
  - id: role
    table: people
    type: short_answer
    prompt: What was {{ name }}'s role?
    answer: "{{ role }}"
"""


@pytest.fixture(autouse=True)
def _in_tmp(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)  # paths in messages relative to the working directory


def messages(folder: Path) -> list[str]:
    """The warnings of quizgen/strict.py (the item-writing rules have tests of their own)."""
    (checked,) = check_sets([folder])
    return [str(w) for w in checked.warnings if not isinstance(w, Finding)]


def test_a_careful_set_has_no_warnings(make_set: Callable[..., Path]) -> None:
    assert messages(make_set({"facts.yaml": PEOPLE, "templates.yaml": ROLE_TEMPLATE})) == []


def test_the_bundled_set_has_no_warnings() -> None:
    """The bundled set is the example teachers copy: it passes --strict."""
    (checked,) = check_sets([BUNDLED])
    assert [str(w) for w in checked.warnings] == []


def test_a_fact_used_by_no_template(make_set: Callable[..., Path]) -> None:
    template = ROLE_TEMPLATE + "    where: name != 'Luigi Menabrea'\n"
    folder = make_set({"facts.yaml": PEOPLE, "templates.yaml": template})
    assert messages(folder) == [
        "questions/demo/facts.yaml:16: fact people 'luigi' is used by no template: no template "
        "over 'people' makes a question of it, no record refers to it, no distractors are drawn "
        "from it, no question cites its evidence"
    ]


def test_a_fact_drawn_as_a_distractor_or_referred_to_is_used(
    make_set: Callable[..., Path],
) -> None:
    quotes = """\
    facts:
      quotes:
        refs: {speaker: people}
        records:
          - {id: q1, text: poetical science, speaker: ada, evidence: “poetical science”}
    """
    template = """\
    templates:
      - id: who
        table: quotes
        type: multiple_choice
        prompt: Who said “{{ text }}”?
        answer: "{{ speaker.name }}"
        distractors: {from: people.name, count: 3}
    """
    folder = make_set({"facts.yaml": PEOPLE, "quotes.yaml": quotes, "templates.yaml": template})
    assert messages(folder) == []
    # without the distractor pool, only Ada (referred to by the quote) is used
    folder = make_set(
        {
            "templates.yaml": template.replace(
                "from: people.name, count: 3", "values: [Nobody], count: 1"
            )
        }
    )
    text = "\n".join(messages(folder))
    assert "'ada'" not in text
    assert all(f"people '{p}' is used by no template" in text for p in ("charles", "mary", "luigi"))


def test_a_fact_without_evidence_is_no_warning_where_the_set_has_no_source_text(
    make_set: Callable[..., Path],
) -> None:
    """The set says require_evidence: false (conftest's MINIMAL_SET); where it does not, a fact
    without evidence is an error (tests/test_evidence.py)."""
    facts = PEOPLE.replace("        evidence: Mary Somerville, a writer\n", "")
    folder = make_set({"facts.yaml": facts, "templates.yaml": ROLE_TEMPLATE})
    assert messages(folder) == []


def test_a_misspelt_reserved_key_of_a_record(make_set: Callable[..., Path]) -> None:
    facts = PEOPLE.replace("evidence: Mary Somerville, a writer", "evidance: Mary Somerville")
    folder = make_set({"facts.yaml": facts, "templates.yaml": ROLE_TEMPLATE})
    assert messages(folder) == [
        "questions/demo/facts.yaml:15: people 'mary': 'evidance' is taken as a field of the "
        "record (did you mean the reserved key 'evidence'?)"
    ]


QUESTIONS = """\
questions:
  - id: first
    type: short_answer
    prompt: Who designed the engine?
    answer: Charles Babbage
  - id: second
    type: multiple_choice
    prompt: "  who designed   the Engine? "
    answer: Babbage
    distractors: [Lovelace]
    allow: {Q502: "asks what 'first' asks: these tests are about the repeated prompt"}
  - id: order-a
    type: ordering
    prompt: Put these in order.
    items: [one, two]
  - id: order-b
    type: ordering
    prompt: Put these in order.
    items: [three, four]
"""


def test_two_questions_with_the_same_prompt(make_set: Callable[..., Path]) -> None:
    folder = make_set({"questions.yaml": QUESTIONS})
    # ordering questions with the same instruction but different items are different questions
    assert messages(folder) == [
        "questions/demo/questions.yaml:6: question 'second' has the same prompt as 'first' "
        "(questions/demo/questions.yaml:2)"
    ]
    same_items = QUESTIONS.replace("[three, four]", "[two, one]")
    assert len(messages(make_set({"questions.yaml": same_items}))) == 2


def test_an_answer_given_away_by_its_prompt(make_set: Callable[..., Path]) -> None:
    questions = """\
    questions:
      - id: giveaway
        type: short_answer
        prompt: What did Ada Lovelace call poetical science?
        answer: a method
        accept: [poetical science]
      - id: word-inside-a-word
        type: short_answer
        prompt: Which Iranian city is the capital?
        answer: Iran
      - id: cloze
        type: cloze
        prompt: The treaty was signed in [[Moscow]]; Moscow hosted the ceremony.
      - id: tf
        type: true_false
        prompt: "True or false: the sky is green."
        answer: false
      - id: choice
        type: multiple_choice
        prompt: Which of these is the Analytical Engine's designer, Babbage or Lovelace?
        answer: babbage
        distractors: [Somerville]
    """
    assert messages(make_set({"questions.yaml": questions})) == [
        "questions/demo/questions.yaml:2: question 'giveaway': its answer 'poetical science' "
        "appears in its own prompt",
        "questions/demo/questions.yaml:11: question 'cloze': its answer 'Moscow' appears in its "
        "own prompt",
        "questions/demo/questions.yaml:18: question 'choice': its answer 'babbage' appears in "
        "its own prompt",
    ]


def test_validate_prints_warnings_and_exits_0(
    cli: Callable[..., Any], make_set: Callable[..., Path]
) -> None:
    make_set({"questions.yaml": QUESTIONS})
    result = cli("validate")
    assert result.exit_code == 0
    assert result.stdout == "demo: OK, 4 questions\n"
    assert result.stderr == (
        "questions/demo/questions.yaml:6: warning: question 'second' has the same prompt as "
        "'first' (questions/demo/questions.yaml:2)\n"
    )


def test_validate_strict_makes_warnings_errors(
    cli: Callable[..., Any], make_set: Callable[..., Path]
) -> None:
    facts = PEOPLE.replace("evidence: Mary Somerville, a writer", "evidance: Mary Somerville")
    make_set({"questions.yaml": QUESTIONS, "facts.yaml": facts, "templates.yaml": ROLE_TEMPLATE})
    result = cli("validate", "--strict")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "questions/demo/facts.yaml:15: people 'mary': 'evidance' is taken as a field of the "
        "record (did you mean the reserved key 'evidence'?)",
        "questions/demo/questions.yaml:6: question 'second' has the same prompt as 'first' "
        "(questions/demo/questions.yaml:2)",
        "2 problems found.",
    ]


def test_strict_raises_every_warning_of_every_set_at_once(make_set: Callable[..., Path]) -> None:
    first = make_set({"questions.yaml": QUESTIONS})
    second = make_set({"questions.yaml": QUESTIONS}, name="again")
    warnings = [w for one in check_sets([first, second]) for w in one.warnings]
    assert len(warnings) == 2
    with pytest.raises(ValidationFailed) as raised:
        check_sets([first, second], strict=True)
    assert raised.value.problems == warnings
    clean = make_set({"facts.yaml": PEOPLE, "templates.yaml": ROLE_TEMPLATE}, name="clean")
    assert [one.warnings for one in check_sets([clean], strict=True)] == [[]]


def test_validate_strict_passes_a_clean_set(
    cli: Callable[..., Any], make_set: Callable[..., Path]
) -> None:
    make_set({"facts.yaml": PEOPLE, "templates.yaml": ROLE_TEMPLATE})
    result = cli("validate", "--strict")
    assert result.exit_code == 0
    assert result.stdout == "demo: OK, 4 questions\n"
    assert result.stderr == ""


def test_errors_come_before_warnings(
    cli: Callable[..., Any], make_set: Callable[..., Path]
) -> None:
    folder = make_set({"questions.yaml": QUESTIONS + "    anwser: x\n"})
    result = cli("validate", "--strict", str(folder))
    assert result.exit_code == 1
    assert "unknown key 'anwser'" in result.stderr
    assert "same prompt" not in result.stderr
