"""Typed answers (short answers, cloze blanks) are compared by the rules of quizgen/answers.py;
the same table of vectors runs against the page's JavaScript in tests/test_html_browser.py."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from quizgen.answers import answer_matches, normalise_answer
from quizgen.build import load_quizzes
from quizgen.models import QuestionType

from .conftest import BUNDLED


def vectors() -> list[dict[str, object]]:
    text = resources.files("quizgen").joinpath("answer_vectors.json").read_text(encoding="utf-8")
    loaded: list[dict[str, object]] = json.loads(text)
    return loaded


@pytest.mark.parametrize("vector", vectors(), ids=lambda v: f"{v['typed']!r}-{v['accepted']!r}")
def test_answer_vectors(vector: dict[str, object]) -> None:
    typed, accepted = vector["typed"], vector["accepted"]
    assert isinstance(typed, str) and isinstance(accepted, list)
    assert answer_matches(typed, accepted) is vector["match"]


def test_vectors_cover_every_rule() -> None:
    texts = json.dumps(vectors(), ensure_ascii=False)
    for sample in ("THE", "Café", "’", "–", "11 000", "11,000", "3.5", "U.S.", "/", "ß", "ΟΔΟΣ"):
        assert sample in texts, f"no vector holds {sample!r}"
    assert {v["match"] for v in vectors()} == {True, False}


@pytest.mark.parametrize(
    ("text", "normal"),
    [
        ("  The   Kremlin. ", "kremlin"),
        ("Trump’s inauguration", "trumps inauguration"),
        ("11\u00a0000 troops", "11000 troops"),
        ("a 3.5% rise", "3.5 rise"),
        ("well—known", "well known"),
        ("The", "the"),
    ],
)
def test_normal_form(text: str, normal: str) -> None:
    assert normalise_answer(text) == normal


def test_every_accepted_answer_of_the_bundled_set_is_typeable() -> None:
    """Each answer a student could type matches itself and is not empty once normalised."""
    (quiz,) = load_quizzes([BUNDLED])
    typed = [q for q in quiz.questions if q.type in (QuestionType.SHORT_ANSWER, QuestionType.CLOZE)]
    assert typed
    for question in typed:
        for answer in question.answers:
            assert normalise_answer(answer), (question.id, answer)
            assert answer_matches(answer, [answer])
