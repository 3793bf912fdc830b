"""Bugs found by the review of main (B1, B2, B3, B5, B7), each reproduced where the user sees it."""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from quizgen.options import LETTERS, letter, shuffled_differently
from quizgen.render import REGISTRY

# --------------------------------------------------------------------------- B1: > 26 options


def _many(prefix: str, n: int) -> str:
    return "[" + ", ".join(f"{prefix}{i}" for i in range(n)) + "]"


@pytest.mark.parametrize(
    ("body", "key", "what"),
    [
        (
            f"type: multiple_select\n    answers: {_many('right', 10)}\n"
            f"    distractors: {_many('wrong', 20)}",
            "distractors",
            "30 options",
        ),
        (f"type: ordering\n    items: {_many('step', 27)}", "items", "27 items"),
        (
            "type: matching\n    pairs: [" + ", ".join(f"[l{i}, r{i}]" for i in range(27)) + "]",
            "pairs",
            "27 pairs",
        ),
    ],
)
def test_more_than_26_options_is_refused_at_the_key_line(
    cli: Callable[..., Any],
    make_set: Callable[..., Path],
    tmp_path: Path,
    body: str,
    key: str,
    what: str,
) -> None:
    make_set({"q.yaml": f"questions:\n  - id: big\n    prompt: Pick.\n    {body}\n"})
    line = 1 + [ln.strip().split(":")[0] for ln in body.splitlines()].index(key) + 3
    for command in ("validate", "build"):
        result = cli(command)
        assert result.exit_code == 1, result.output
        assert result.stderr.strip() == (
            f"questions/demo/q.yaml:{line}: question 'big': {what}: "
            "a question can have at most 26 (lettered A to Z)"
        )
    assert not (tmp_path / "output").exists()


def test_26_options_build_and_every_letter_is_printed(
    cli: Callable[..., Any], make_set: Callable[..., Path], tmp_path: Path
) -> None:
    from tests.pdf_helpers import page_texts

    make_set(
        {
            "q.yaml": "questions:\n  - id: big\n    prompt: Pick.\n    type: multiple_choice\n"
            f"    answer: right\n    distractors: {_many('wrong', 25)}\n"
        }
    )
    result = cli("build", "--format", "pdf")
    assert result.exit_code == 0, result.output
    text = " ".join(page_texts(tmp_path / "output" / "demo-worksheet.pdf"))
    assert "Z." in text and "right" in text
    assert all(f"wrong{i}" in text for i in range(25))


def test_the_letters_helper() -> None:
    assert [letter(i) for i in range(3)] == ["A", "B", "C"]
    assert letter(25) == "Z" and len(LETTERS) == 26
    with pytest.raises(IndexError):
        letter(26)


# --------------------------------------------------------------------------- B2: yes/no/on


def test_yes_no_on_stay_text_and_true_false_any_case_are_booleans(
    cli: Callable[..., Any], make_set: Callable[..., Path]
) -> None:
    make_set(
        {
            "q.yaml": """\
            questions:
              - id: short
                prompt: Did it happen?
                type: short_answer
                answer: no
                accept: [yes, On, off]
              - id: mc
                prompt: Which word?
                type: multiple_choice
                answer: Yes
                distractors: [No, maybe]
              - id: tf1
                prompt: It is true.
                type: true_false
                answer: TRUE
              - id: tf2
                prompt: It is false.
                type: true_false
                answer: False
              - id: tf3
                prompt: It is yes.
                type: true_false
                answer: yes
            """
        }
    )
    result = cli("list", "--json")
    assert result.exit_code == 0, result.output
    by_id = {q["id"]: q for q in json.loads(result.stdout)}
    assert by_id["short"]["answers"] == ["no", "yes", "On", "off"]
    assert by_id["mc"]["answers"] == ["Yes"]
    assert sorted(by_id["mc"]["choices"]) == ["No", "Yes", "maybe"]
    assert by_id["tf1"]["answers"] == ["True"]
    assert by_id["tf2"]["answers"] == ["False"]
    assert by_id["tf3"]["answers"] == ["True"]


def test_a_fact_field_on_renders_as_typed(
    cli: Callable[..., Any], make_set: Callable[..., Path]
) -> None:
    make_set(
        {
            "facts.yaml": """\
            facts:
              events:
                records:
                  - id: launch
                    day: on
                    switch: Off
            templates:
              - id: day
                table: events
                type: short_answer
                prompt: "When? {{ switch }}"
                answer: "{{ day }}"
            """
        }
    )
    result = cli("list", "--json")
    assert result.exit_code == 0, result.output
    (question,) = json.loads(result.stdout)
    assert question["answers"] == ["on"] and question["prompt"] == "When? Off"


def test_the_loader_leaves_pyyaml_global_resolvers_alone() -> None:
    import quizgen.yamlfile  # noqa: F401  (imported for its side effects, if any)

    assert yaml.safe_load("a: yes") == {"a": True}
    assert yaml.load("a: on", Loader=yaml.SafeLoader) == {"a": True}


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1.10", "questions.0.answer: expected text, got a number: write it in quotes"),
        ("5", "questions.0.answer: expected text, got a number: write it in quotes"),
        ("2025-01-01", "questions.0.answer: expected text, got a date: write it in quotes"),
        ("[a, b]", "questions.0.answer: expected text, got a list"),
    ],
)
def test_a_wrong_type_is_one_plain_line(
    cli: Callable[..., Any], make_set: Callable[..., Path], value: str, message: str
) -> None:
    make_set(
        {
            "q2.yaml": f"""\
            questions:
              - id: q
                prompt: Which version?
                type: short_answer
                answer: {value}
            """
        }
    )
    result = cli("validate")
    assert result.exit_code == 1
    assert result.stderr.strip() == f"questions/demo/q2.yaml:5: {message}"


def test_a_wrong_type_in_a_list_is_one_plain_line(
    cli: Callable[..., Any], make_set: Callable[..., Path]
) -> None:
    make_set(
        {
            "q2.yaml": """\
            questions:
              - id: q
                prompt: Which?
                type: multiple_choice
                answer: a
                distractors: [b, 3, true]
            """
        }
    )
    result = cli("validate")
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        "questions/demo/q2.yaml:6: questions.0.distractors.1: expected text, got a number: "
        "write it in quotes",
        "questions/demo/q2.yaml:6: questions.0.distractors.2: expected text, got true/false: "
        "write it in quotes",
        "2 problems found.",
    ]


# --------------------------------------------------------------------------- B3: shuffles


def test_a_two_item_ordering_never_shows_its_answer_order(
    cli: Callable[..., Any], make_set: Callable[..., Path]
) -> None:
    make_set(
        {
            "q.yaml": """\
            questions:
              - id: o2186
                prompt: Put in order.
                type: ordering
                items: [Before, After]
              - id: m2186
                prompt: Match.
                type: matching
                pairs: [[x, Before], [y, After]]
            """
        }
    )
    result = cli("list", "--json", "--seed", "1")
    assert result.exit_code == 0, result.output
    for question in json.loads(result.stdout):
        assert question["choices"] == ["After", "Before"], question["id"]


def test_shuffled_differently_always_differs() -> None:
    for seed in range(300):
        rng = random.Random(seed)
        assert shuffled_differently(("a", "b"), rng) == ("b", "a")
        values = ("a", "b", "c")
        shown = shuffled_differently(values, rng)
        assert shown != values and sorted(shown) == sorted(values)
    assert shuffled_differently(("a",), random.Random(1)) == ("a",)


# --------------------------------------------------------------------------- B5: usage errors


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "docx"], f"unknown format 'docx' (known: {', '.join(sorted(REGISTRY))})"),
        (["--format", ""], f"--format: give at least one format (known: {', '.join(REGISTRY)})"),
        (["--format", " , "], f"--format: give at least one format (known: {', '.join(REGISTRY)})"),
        (["--versions", "0"], "--versions"),
    ],
)
def test_bad_build_options_are_usage_errors(
    cli: Callable[..., Any],
    make_set: Callable[..., Path],
    tmp_path: Path,
    args: list[str],
    message: str,
) -> None:
    make_set({})
    result = cli("build", *args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert not (tmp_path / "output").exists()


# --------------------------------------------------------------------------- B7: --tags


TAGGED = """\
questions:
  - id: q1
    prompt: One?
    type: short_answer
    answer: one
    tags: [{tag}]
  - id: q2
    prompt: Two?
    type: short_answer
    answer: two
"""


def test_tags_skip_the_printouts_of_sets_without_a_match(
    cli: Callable[..., Any], make_set: Callable[..., Path], tmp_path: Path
) -> None:
    make_set({"q.yaml": TAGGED.format(tag="alliances")}, name="has")
    make_set({"q.yaml": TAGGED.format(tag="other")}, name="lacks")
    result = cli("build", "--tags", "alliances")
    assert result.exit_code == 0, result.output
    assert "lacks: no question matches tags alliances: no worksheet printed" in result.stdout
    out = tmp_path / "output"
    assert (out / "has-worksheet.pdf").exists() and (out / "has.apkg").exists()
    assert (out / "lacks.apkg").exists()
    assert not list(out.glob("lacks*.pdf"))


def test_tags_that_match_no_set_fail(
    cli: Callable[..., Any], make_set: Callable[..., Path], tmp_path: Path
) -> None:
    make_set({"q.yaml": TAGGED.format(tag="alliances")}, name="has")
    make_set({"q.yaml": TAGGED.format(tag="other")}, name="lacks")
    result = cli("build", "--tags", "nothing-has-this")
    assert result.exit_code == 1
    assert result.stderr.strip() == "no question of any set matches tags nothing-has-this"
    assert not (tmp_path / "output").exists()


# --------------------------------------------------------------------------- list's filters


def test_list_filters_like_build(cli: Callable[..., Any], make_set: Callable[..., Path]) -> None:
    make_set({"q.yaml": TAGGED.format(tag="alliances")})
    result = cli("list", "--types", "essay")
    assert result.exit_code == 2
    assert "--types: unknown question type 'essay'" in result.stderr
    result = cli("list", "--tags", " alliances , ,")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == "1 questions: 1 short_answer"


def test_a_capitalised_key_of_the_file_is_not_taken_for_a_union_branch(
    cli: Callable[..., Any], make_set: Callable[..., Path]
) -> None:
    make_set(
        {
            "facts.yaml": """\
            facts:
              people:
                refs:
                  Boss: 3
                records:
                  - id: ann
                    name: Ann
            """
        }
    )
    result = cli("validate")
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "questions/demo/facts.yaml:4: facts.people.refs.Boss: expected text, got a number: "
        "write it in quotes"
    )
