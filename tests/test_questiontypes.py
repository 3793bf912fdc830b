"""The rules of each question type, seen where the teacher sees them: the option limit and
shuffles that never show the answer order."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest


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
