"""Keys that have no effect on a question's type are warnings at the key's line (errors with
--strict); the table of which key applies to which type (strict.TYPE_KEYS) is checked against
what generation actually does, and against docs/format.md."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from quizgen.errors import QuizgenError
from quizgen.generate import generate
from quizgen.load import load_set
from quizgen.models import QuestionType
from quizgen.strict import TYPE_KEYS, TYPED_KEYS

from .conftest import ROOT

# A valid hand-written question of each type, using every key its type applies.
BASE: dict[QuestionType, dict[str, Any]] = {
    QuestionType.MULTIPLE_CHOICE: {
        "prompt": "Pick one.",
        "answer": "Alpha",
        "distractors": ["Beta", "Gamma"],
        "reverse": True,
    },
    QuestionType.MULTIPLE_SELECT: {
        "prompt": "Pick two.",
        "answers": ["Alpha", "Beta"],
        "distractors": ["Gamma"],
    },
    QuestionType.TRUE_FALSE: {"prompt": "True or false: Alpha.", "answer": True},
    QuestionType.SHORT_ANSWER: {
        "prompt": "Name it.",
        "answer": "Alpha",
        "accept": ["Beta"],
        "reverse": True,
    },
    QuestionType.CLOZE: {"prompt": "The [[sky]] is blue."},
    QuestionType.MATCHING: {"prompt": "Match them.", "pairs": [["a", "1"], ["b", "2"]]},
    QuestionType.ORDERING: {"prompt": "Order them.", "items": ["x", "y", "z"]},
}
# A value for each key, different from anything in BASE.
EXTRA: dict[str, Any] = {
    "answer": "Zulu",
    "answers": ["Zulu", "Yankee"],
    "accept": ["Zulu"],
    "distractors": ["Zulu", "Yankee"],
    "items": ["Zulu", "Yankee"],
    "pairs": [["Zulu", "z"], ["Yankee", "y"]],
    "reverse": False,
}


def _yaml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_yaml_value(v) for v in value) + "]"
    return f'"{value}"'


def _question_yaml(kind: QuestionType, keys: dict[str, Any]) -> str:
    lines = ["questions:", "  - id: q", f"    type: {kind.value}"]
    lines += [f"    {key}: {_yaml_value(value)}" for key, value in keys.items()]
    return "\n".join(lines) + "\n"


def _outcome(make_set: Callable[..., Path], kind: QuestionType, keys: dict[str, Any]) -> Any:
    """What generation makes of the question: its JSON and reverse flag, or the error."""
    folder = make_set({"questions.yaml": _question_yaml(kind, keys)})
    try:
        quiz = generate(load_set(folder))
    except QuizgenError as error:
        return ("error", [p.message for p in error.problems])
    (question,) = quiz.questions
    return (question.to_json(), question.reverse)


CASES = [(kind, key) for kind in QuestionType for key in sorted(TYPED_KEYS)]


@pytest.mark.parametrize(("kind", "key"), CASES, ids=[f"{k.value}-{key}" for k, key in CASES])
def test_the_table_says_what_generation_does(
    make_set: Callable[..., Path], kind: QuestionType, key: str
) -> None:
    base = dict(BASE[kind])
    if kind is QuestionType.MULTIPLE_SELECT and key == "answer":
        base = {"prompt": base["prompt"], "answer": "Alpha", "distractors": base["distractors"]}
    plain = _outcome(make_set, kind, base)
    assert plain[0] != "error", plain
    if key in TYPE_KEYS[kind]:
        # the key applies: taking it away or changing it changes the question (or is an error)
        assert key in base, f"BASE[{kind.value}] should use '{key}'"
        without = {k: v for k, v in base.items() if k != key}
        changed = {**base, key: EXTRA[key] if base[key] != EXTRA[key] else True}
        assert _outcome(make_set, kind, without) != plain
        assert _outcome(make_set, kind, changed) != plain
    else:
        # no effect: the question is exactly the same with the key
        assert key not in base
        assert _outcome(make_set, kind, {**base, key: EXTRA[key]}) == plain


def test_a_key_without_effect_is_a_warning_at_its_line_and_an_error_with_strict(
    cli: Callable[..., Any], make_set: Callable[..., Path]
) -> None:
    make_set(
        {
            "facts.yaml": """\
            facts:
              events:
                records:
                  - id: e1
                    first: Spring
                    then: Summer
                    evidence: spring
                  - id: e2
                    first: Autumn
                    then: Winter
                    evidence: autumn
            """,
            "templates.yaml": """\
            templates:
              - id: order
                table: events
                type: ordering
                prompt: Put {{ first }} and {{ then }} in order.
                items: [ "{{ first }}", "{{ then }}" ]
                answer: "{{ first }}"
            """,
            "questions.yaml": """\
            questions:
              - id: tf
                type: true_false
                prompt: "True or false: the sky is green."
                answer: false
                distractors: [maybe]
                accept: [nope]
                items: [a, b]
              - id: ms
                type: multiple_select
                prompt: Which are colours?
                answer: red
                answers: [red, blue]
                distractors: [loud]
            """,
        }
    )
    expected = [
        "questions/demo/questions.yaml:6: warning: question 'tf': key 'distractors' has no "
        "effect on a true_false question",
        "questions/demo/questions.yaml:7: warning: question 'tf': key 'accept' has no effect on "
        "a true_false question",
        "questions/demo/questions.yaml:8: warning: question 'tf': key 'items' has no effect on a "
        "true_false question",
        "questions/demo/questions.yaml:12: warning: question 'ms': key 'answer' has no effect on "
        "a multiple_select question that has 'answers' (list every correct answer in 'answers')",
        "questions/demo/templates.yaml:7: warning: template 'order': key 'answer' has no effect "
        "on an ordering question",
    ]
    result = cli("validate")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert [line for line in lines if "has no effect" in line] == expected
    strict = cli("validate", "--strict")
    assert strict.exit_code == 1
    errors = [line for line in strict.output.splitlines() if "has no effect" in line]
    assert errors == [line.replace(" warning:", "", 1) for line in expected]


def test_the_docs_table_lists_the_keys_of_each_type() -> None:
    text = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    section = text.split("## Question types", 1)[1].split("\n## ", 1)[0]
    documented: dict[str, set[str]] = {}
    for row in re.findall(r"^\| `(\w+)` \| ([^|]*) \|", section, re.M):
        kind, keys = row
        documented[kind] = set(re.findall(r"`(\w+)`", keys)) & TYPED_KEYS
    assert documented == {kind.value: set(keys) for kind, keys in TYPE_KEYS.items()}
    # and the sentence saying which keys the table covers names them all
    assert all(f"`{key}`" in section.split("The keys column", 1)[1] for key in TYPED_KEYS)
