"""quizgen show: one question as the student sees it and as the key shows it."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

QUESTIONS = """\
questions:
  - id: engine
    type: multiple_choice
    topic: Machines
    tags: [machines]
    prompt: Which machine did Babbage design?
    answer: the Analytical Engine
    distractors: [the Jacquard loom, the Colossus]
    explanation: The text calls him its designer.
    evidence: Charles Babbage, who designed the Analytical Engine
  - id: poetical
    type: cloze
    prompt: Lovelace called it “[[poetical]] science”.
  - id: match
    type: matching
    prompt: Match each person to a role.
    pairs: [[Ada Lovelace, mathematician], [Charles Babbage, inventor]]
  - id: order
    type: ordering
    prompt: Oldest first.
    items: [Somerville, Babbage, Lovelace]
  - id: where
    type: short_answer
    prompt: Where was she born?
    answer: London
    accept: [in London]
    points: 2
"""

FACTS = """\
facts:
  people:
    records:
      - {id: ada, name: Ada Lovelace, role: mathematician, evidence: "Ada, a mathematician"}
      - {id: charles, name: Charles Babbage, role: inventor, evidence: "Charles, an inventor"}
templates:
  - id: role
    table: people
    type: true_false
    prompt: "True or false: {{ name }} was an inventor."
    answer: "{{ role == 'inventor' }}"
"""


def choices(cli: Callable[..., Any], qid: str) -> list[str]:
    (question,) = [q for q in json.loads(cli("list", "--json").stdout) if q["id"] == qid]
    return list(question["choices"])


def test_show_a_multiple_choice_question(
    cli: Callable[..., Any], make_set: Callable[..., Path]
) -> None:
    make_set({"questions.yaml": QUESTIONS})
    result = cli("show", "engine")
    assert result.exit_code == 0, result.stderr
    options = choices(cli, "engine")
    letter = "ABC"[options.index("the Analytical Engine")]
    assert result.stdout == "\n".join(
        [
            "engine · multiple_choice · set demo (seed 7)",
            "hand-written, questions/demo/questions.yaml:2",
            "topic: Machines · tags: machines",
            "",
            "STUDENT SEES",
            "Which machine did Babbage design?",
            *(f"  [ ] {'ABC'[i]}. {option}" for i, option in enumerate(options)),
            "",
            "KEY SHOWS",
            f"Answer: {letter}. the Analytical Engine",
            "Why: The text calls him its designer.",
            "Evidence: “Charles Babbage, who designed the Analytical Engine” — “A short",
            "text”, Nobody, 2025-01-01",
            "",
        ]
    )


def test_show_every_other_type(cli: Callable[..., Any], make_set: Callable[..., Path]) -> None:
    make_set({"questions.yaml": QUESTIONS, "facts.yaml": FACTS})
    cloze = cli("show", "poetical").stdout
    assert "STUDENT SEES\nLovelace called it “_____ science”.\n" in cloze
    assert cloze.endswith("KEY SHOWS\nAnswer: Lovelace called it “[poetical] science”.\n")

    match = cli("show", "match").stdout
    rights = choices(cli, "match")
    assert "  1. Ada Lovelace ____\n  2. Charles Babbage ____\n" in match
    assert f"  {'AB'[rights.index('inventor')]}. inventor\n" in match
    assert f"  2. Charles Babbage → {'AB'[rights.index('inventor')]}. inventor\n" in match

    order = cli("show", "order").stdout
    shown = choices(cli, "order")
    assert "(number these in the right order)\n" + "".join(f"  [  ] {i}\n" for i in shown) in order
    assert order.endswith("Answer, in order:\n  1. Somerville\n  2. Babbage\n  3. Lovelace\n")

    short = cli("show", "where").stdout
    assert "Where was she born? (2 pt)\n  ______" in short
    assert short.endswith("Answer: London (also accepted: in London)\n")

    generated = cli("show", "role/charles").stdout
    assert generated.startswith(
        "role/charles · true_false · set demo (seed 7)\n"
        "template 'role', record 'charles', questions/demo/facts.yaml:5\n"
    )
    assert "  [ ] A. True\n  [ ] B. False\n" in generated
    assert "Answer: A. True\nEvidence: “Charles, an inventor”" in generated


def test_show_follows_the_seed(cli: Callable[..., Any], make_set: Callable[..., Path]) -> None:
    make_set({"questions.yaml": QUESTIONS})
    seeds = {cli("show", "engine", "--seed", str(n)).stdout.split("KEY")[0] for n in range(8)}
    assert len(seeds) > 1  # option order depends on the seed, as in the deck and worksheet


def test_show_an_unknown_id(cli: Callable[..., Any], make_set: Callable[..., Path]) -> None:
    make_set({"questions.yaml": QUESTIONS})
    result = cli("show", "engin")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "no question with id 'engin' (did you mean 'engine'?) (`quizgen list` shows every id)\n"
    )


def test_list_filters(cli: Callable[..., Any], make_set: Callable[..., Path]) -> None:
    make_set({"questions.yaml": QUESTIONS, "facts.yaml": FACTS})
    ids = lambda *args: [line.split()[0] for line in cli("list", *args).stdout.splitlines()[:-1]]  # noqa: E731
    assert ids("--tags", "machines") == ["engine"]
    assert ids("--types", "cloze,ordering") == ["poetical", "order"]
    assert ids("--template", "role") == ["role/ada", "role/charles"]
    assert ids("--template", "role", "--types", "cloze") == []
    last = cli("list", "--types", "true_false,matching").stdout.splitlines()[-1]
    assert last == "3 questions: 1 matching, 2 true_false"
    data = json.loads(cli("list", "--json", "--tags", "machines").stdout)
    assert [q["id"] for q in data] == ["engine"]
    unknown = cli("list", "--template", "rol")
    assert unknown.exit_code == 1
    assert unknown.stderr == "no template 'rol' (did you mean 'role'?)\n"
    bad = cli("list", "--types", "essay")
    assert bad.exit_code == 2
    assert "--types: unknown question type 'essay'" in bad.stderr


def test_long_options_wrap_under_their_text(
    cli: Callable[..., Any], make_set: Callable[..., Path]
) -> None:
    long = "an option long enough to wrap past the width of a terminal, which is seventy-eight"
    make_set(
        {
            "questions.yaml": f"""\
            questions:
              - id: long
                type: multiple_choice
                prompt: Which?
                answer: {long}
                distractors: [short]
            """
        }
    )
    lines = cli("show", "long").stdout.splitlines()
    first = next(i for i, line in enumerate(lines) if "an option long" in line)
    assert lines[first].startswith("  [ ] ")
    assert lines[first + 1].startswith(" " * 9) and lines[first + 1].strip()
    assert max(len(line) for line in lines) <= 78
