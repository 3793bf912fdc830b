"""The bundled set's worksheet and key, read back through pypdf's text extraction."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizgen.build import build
from quizgen.select import make_forms

from .conftest import BUNDLED
from .pdf_helpers import all_text
from .test_pdf_worksheets import KEY_ONLY, expected_answer, segments


def test_worksheet_has_every_prompt_and_key_every_answer(tmp_path: Path) -> None:
    result = build([BUNDLED], tmp_path, ["pdf"])
    quiz = result.quizzes[0]
    [form] = make_forms(quiz, quiz.questions, 0)
    assert sorted(q.id for q in form.questions) == sorted(q.id for q in quiz.questions)
    worksheet = all_text(tmp_path / f"{BUNDLED.name}-worksheet.pdf")
    key = all_text(tmp_path / f"{BUNDLED.name}-key.pdf")
    for question, in_key in zip(form.questions, segments(key, form), strict=True):
        assert expected_answer(question) in in_key, question.id
    segments(worksheet, form)
    for marking in KEY_ONLY:
        assert marking not in worksheet
    assert "Answer key" in key


def test_same_source_date_epoch_same_bytes(
    bundled_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a copy: the deck's build records its notes in the set folder (anki-state.json)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1737072000")
    build([bundled_copy], tmp_path / "a", ["pdf", "anki"])
    build([bundled_copy], tmp_path / "b", ["pdf", "anki"])
    for name in ("-worksheet.pdf", "-key.pdf", "-flashcards.pdf", ".apkg"):
        first = (tmp_path / "a" / f"{BUNDLED.name}{name}").read_bytes()
        second = (tmp_path / "b" / f"{BUNDLED.name}{name}").read_bytes()
        assert first == second, name
