"""Pydantic's errors as one plain line at the node's line, in the teacher's terms."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1.10", "question 'q': answer: expected text, got a number: write it in quotes"),
        ("5", "question 'q': answer: expected text, got a number: write it in quotes"),
        ("2025-01-01", "question 'q': answer: expected text, got a date: write it in quotes"),
        ("[a, b]", "question 'q': answer: expected text, got a list"),
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
        "questions/demo/q2.yaml:6: question 'q': distractors, item 2: expected text, got a number: "
        "write it in quotes",
        "questions/demo/q2.yaml:6: question 'q': distractors, item 3: expected text, "
        "got true/false: write it in quotes",
        "2 problems found.",
    ]


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
        "questions/demo/facts.yaml:4: table 'people': refs.Boss: expected text, got a number: "
        "write it in quotes"
    )
