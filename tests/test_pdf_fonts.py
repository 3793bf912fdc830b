"""Any text a teacher types prints and reads back exactly; what cannot print is an error."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from .pdf_helpers import all_text

SET = """\
set:
  title: Пушкин и Чехов — «Евгений Онегин»
  seed: 3
  require_evidence: false   # a test set without a source text
  source:
    title: Ελληνικά και русский текст
    publisher: Éditions Dvořák
    date: 2025-01-01
"""

QUESTIONS = """\
questions:
  - id: onegin
    type: multiple_choice
    prompt: Кто написал роман в стихах «Евгений Онегин»?
    answer: Александр Сергеевич Пушкин
    distractors: [Антон Павлович Чехов, Лев Николаевич Толстой]
    explanation: Роман написан в 1823–1831 годах.
    evidence: Пушкин — автор «Евгения Онегина»
  - id: accents
    type: short_answer
    prompt: Which composer — not José Martí nor Ĺudovít Štúr — wrote the “New World” symphony?
    answer: Antonín Dvořák
    evidence: Antonín Dvořák’s Symphony No. 9 “From the New World”
  - id: greek
    type: cloze
    prompt: The last letter of the Greek alphabet is [[ωμέγα]] (Ω), after ψ and χ.
    evidence: Ω ω — ωμέγα
"""


def test_cyrillic_greek_and_accents_read_back_exactly(
    cli: Callable[..., Any], make_set: Callable[..., Path], tmp_path: Path
) -> None:
    make_set({"set.yaml": SET, "questions.yaml": QUESTIONS})
    result = cli("build", "--format", "pdf")
    assert result.exit_code == 0, result.output
    worksheet = all_text(tmp_path / "output" / "demo-worksheet.pdf")
    key = all_text(tmp_path / "output" / "demo-key.pdf")
    for text in (
        "Пушкин и Чехов — «Евгений Онегин»",
        "Кто написал роман в стихах «Евгений Онегин»?",
        "Антон Павлович Чехов",
        "Which composer — not José Martí nor Ĺudovít Štúr — wrote the “New World” symphony?",
        "The last letter of the Greek alphabet is",
        "(Ω), after ψ and χ.",
        "Éditions Dvořák",
        "Ελληνικά και русский текст",
    ):
        assert text in worksheet, text
        assert text in key, text
    for answer in ("Александр Сергеевич Пушкин", "Antonín Dvořák", "ωμέγα"):
        assert answer in key
    assert "Роман написан в 1823–1831 годах." in key
    assert "Пушкин — автор «Евгения Онегина»" in key
    fonts = {
        str(font["/BaseFont"])
        for page in PdfReader(tmp_path / "output" / "demo-key.pdf").pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert fonts and all("DejaVuSans" in name for name in fonts), fonts  # embedded, no Helvetica


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "Who wrote 红楼梦?",
            "questions/demo/questions.yaml:4: question 'q': prompt: characters the PDF font "
            "(DejaVu Sans) cannot print: 红, 楼, 梦 (U+7EA2, U+697C, U+68A6)",
        ),
        (
            "What does שלום mean?",
            "questions/demo/questions.yaml:4: question 'q': prompt: right-to-left characters, "
            "which PDF output does not support yet (they need shaping): ש, ל, ו, ם (U+05E9, "
            "U+05DC, U+05D5, U+05DD)",
        ),
    ],
)
def test_a_character_the_font_lacks_is_an_error_with_file_and_line(
    cli: Callable[..., Any], make_set: Callable[..., Path], tmp_path: Path, text: str, message: str
) -> None:
    make_set(
        {
            "questions.yaml": f"""\
questions:
  - id: q
    type: short_answer
    prompt: {text}
    answer: something
"""
        }
    )
    result = cli("build")
    assert result.exit_code == 1
    assert message in result.output.splitlines()
    assert "Traceback" not in result.output
    assert not (tmp_path / "output").exists()  # nothing written, not even the deck
    # the deck alone does not need the PDF font
    assert cli("build", "--format", "anki").exit_code == 0
