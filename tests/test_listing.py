"""The questions `quizgen list` shows, without the CLI: narrowed by the selection and a template."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from quizgen.errors import QuizgenError
from quizgen.listing import listed_questions
from quizgen.select import Selection

from .test_show import FACTS, QUESTIONS

UNUSED_TEMPLATE = """\
templates:
  - id: astronauts
    table: people
    where: role == 'astronaut'
    type: short_answer
    prompt: What was {{ name }}'s role?
    answer: "{{ role }}"
"""


def ids(folder: Path, selection: Selection, template: str | None = None) -> list[str]:
    return [q.id for q in listed_questions([folder], None, selection, template)]


def test_questions_are_narrowed_by_the_selection_and_the_template(
    make_set: Callable[..., Path],
) -> None:
    folder = make_set({"facts.yaml": FACTS, "questions.yaml": QUESTIONS})
    assert ids(folder, Selection()) == [
        "role/ada",
        "role/charles",
        "engine",
        "poetical",
        "match",
        "order",
        "where",
    ]
    assert ids(folder, Selection.parse(None, "machines", None)) == ["engine"]
    assert ids(folder, Selection.parse(None, None, "cloze,ordering")) == ["poetical", "order"]
    assert ids(folder, Selection(), "role") == ["role/ada", "role/charles"]
    assert ids(folder, Selection.parse(None, None, "cloze"), "role") == []


def test_a_template_that_generates_nothing_is_known_an_unknown_one_refused(
    make_set: Callable[..., Path],
) -> None:
    folder = make_set({"facts.yaml": FACTS, "unused.yaml": UNUSED_TEMPLATE})
    assert ids(folder, Selection(), "astronauts") == []
    with pytest.raises(QuizgenError, match=r"^no template 'rol' \(did you mean 'role'\?\)$"):
        ids(folder, Selection(), "rol")
