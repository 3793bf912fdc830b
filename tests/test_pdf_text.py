"""Worksheets and keys, read back through pypdf's text extraction."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from quizgen.build import build

from .conftest import BUNDLED


def pdf_text(path: Path) -> str:
    text = "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)
    return " ".join(text.split())


def test_worksheet_has_every_prompt_and_key_every_answer(tmp_path: Path) -> None:
    result = build([BUNDLED], tmp_path, ["pdf"])
    quiz = result.quizzes[0]
    worksheet = pdf_text(tmp_path / f"{BUNDLED.name}-worksheet.pdf")
    key = pdf_text(tmp_path / f"{BUNDLED.name}-key.pdf")
    for number, question in enumerate(quiz.questions, start=1):
        shown = question.cloze or question.prompt
        if question.cloze:
            shown = shown.split("[[")[0].strip()
        assert f"{number}. " in worksheet
        assert " ".join(shown.split()) in worksheet, question.id
        for answer in question.answers:
            assert answer in key, (question.id, answer)
    assert "Answer:" not in worksheet and "[X]" not in worksheet
    assert "Answer key" in key


def test_same_source_date_epoch_same_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1737072000")
    build([BUNDLED], tmp_path / "a", ["pdf", "anki"])
    build([BUNDLED], tmp_path / "b", ["pdf", "anki"])
    for name in ("-worksheet.pdf", "-key.pdf", ".apkg"):
        first = (tmp_path / "a" / f"{BUNDLED.name}{name}").read_bytes()
        second = (tmp_path / "b" / f"{BUNDLED.name}{name}").read_bytes()
        assert first == second, name
