"""Worksheets and keys of several forms, read back page by page with pypdf."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from quizgen.build import build
from quizgen.generate import CLOZE_BLANK
from quizgen.models import Question, QuestionType, Quiz
from quizgen.select import Form, Selection, make_forms, select

from .pdf_helpers import SHOWCASE, all_text, flat, page_texts

LETTERS = "ABCDEFGHIJ"
KEY_ONLY = ("Answer:", "Answers:", "✓", "Why:", "Evidence:")


def shown_prompt(question: Question) -> str:
    """The start of the prompt as printed: a cloze up to its first blank."""
    if question.cloze:
        return flat(CLOZE_BLANK.split(question.cloze)[0])
    return flat(question.prompt)


def segments(text: str, form: Form) -> list[str]:
    """The text of each question, from its number to the next question's number; every
    question must appear exactly once and in the form's order."""
    starts = []
    for number, question in enumerate(form.questions, start=1):
        needle = f"{number}. {shown_prompt(question)}".strip()
        assert text.count(needle) == 1, (form.letter, number, question.id, needle)
        starts.append(text.index(needle))
    assert starts == sorted(starts), form.letter
    ends = [*starts[1:], len(text)]
    return [text[start:end] for start, end in zip(starts, ends, strict=True)]


def expected_answer(question: Question) -> str:
    """The key's answer line, worked out from the form's own option order."""
    kind = question.type
    if kind in (QuestionType.MULTIPLE_CHOICE, QuestionType.MULTIPLE_SELECT):
        marked = [
            f"{LETTERS[question.choices.index(a)]}. {a}"
            for a in sorted(question.answers, key=question.choices.index)
        ]
        return ("Answer: " if len(marked) == 1 else "Answers: ") + " | ".join(marked)
    if kind is QuestionType.MATCHING:
        return "Answer: " + ", ".join(
            f"{i}–{LETTERS[question.choices.index(right)]}"
            for i, (_, right) in enumerate(question.pairs, start=1)
        )
    if kind is QuestionType.ORDERING:
        return "Answer: " + " → ".join(question.answers)
    if kind is QuestionType.CLOZE and len(question.answers) > 1:
        return "Answers: " + " | ".join(f"({i}) {a}" for i, a in enumerate(question.answers, 1))
    return f"Answer: {question.answers[0]}"


@pytest.fixture(scope="module")
def three_forms(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Quiz, list[Form]]:
    out = tmp_path_factory.mktemp("forms")
    selection = Selection(count=9)
    result = build([SHOWCASE], out, ["pdf"], versions=3, selection=selection)
    quiz = result.quizzes[0]
    return out, quiz, make_forms(quiz, select(quiz, selection), 3)


def test_each_form_has_every_selected_question_once_in_its_order(
    three_forms: tuple[Path, Quiz, list[Form]],
) -> None:
    out, quiz, forms = three_forms
    assert [f.letter for f in forms] == ["A", "B", "C"]
    chosen = {q.id for q in forms[0].questions}
    assert len(chosen) == 9
    left_out = [q for q in quiz.questions if q.id not in chosen]
    assert len(left_out) == 2
    for form in forms:
        assert {q.id for q in form.questions} == chosen  # the same selection on every form
        text = all_text(out / f"showcase-worksheet-{form.letter}.pdf")
        segments(text, form)
        for question in left_out:
            assert shown_prompt(question) not in text
        assert f"Form {form.letter}" in text
    orders = {tuple(q.id for q in f.questions) for f in forms}
    options = {tuple(q.choices for q in f.questions) for f in forms}
    assert len(orders) > 1 or len(options) > 1, "forms must differ"
    assert not (out / "showcase-worksheet.pdf").exists()


def test_each_key_lists_the_answers_of_its_own_form_in_order(
    three_forms: tuple[Path, Quiz, list[Form]],
) -> None:
    out, _, forms = three_forms
    for form in forms:
        worksheet = segments(all_text(out / f"showcase-worksheet-{form.letter}.pdf"), form)
        key = segments(all_text(out / f"showcase-key-{form.letter}.pdf"), form)
        for question, on_sheet, in_key in zip(form.questions, worksheet, key, strict=True):
            answer = expected_answer(question)
            assert answer in in_key, (form.letter, question.id, answer)
            if question.type in (QuestionType.MULTIPLE_CHOICE, QuestionType.MULTIPLE_SELECT):
                for letter, choice in zip(LETTERS, question.choices, strict=False):
                    assert f"{letter}. {choice}" in on_sheet  # the key's letters are the sheet's
            if question.explanation:
                assert flat(question.explanation) in in_key
            for passage in question.evidence:
                assert flat(passage.strip('“”"')) in in_key
        assert "The New York Times" in " ".join(key)


def test_the_worksheet_reveals_no_answer(three_forms: tuple[Path, Quiz, list[Form]]) -> None:
    out, _, forms = three_forms
    for form in forms:
        text = all_text(out / f"showcase-worksheet-{form.letter}.pdf")
        key = all_text(out / f"showcase-key-{form.letter}.pdf")
        for marking in KEY_ONLY:
            assert marking not in text, marking
        for marking in ("Answer:", "✓", "Why:", "Evidence:"):
            assert marking in key, marking
        for question, segment in zip(form.questions, segments(text, form), strict=True):
            assert flat(question.explanation) not in segment
            if question.type in (QuestionType.SHORT_ANSWER, QuestionType.CLOZE):
                for answer in question.answers:
                    assert answer not in segment, (question.id, answer)


def test_word_bank_lists_every_fill_and_no_more(tmp_path: Path) -> None:
    selection = Selection(types=(QuestionType.CLOZE,))
    result = build([SHOWCASE], tmp_path, ["pdf"], selection=selection, word_bank=True)
    text = all_text(tmp_path / "showcase-worksheet.pdf")
    fills = sorted(
        (a for q in result.quizzes[0].questions if q.cloze for a in q.answers), key=str.casefold
    )
    bank = text[text.index("each is used once.") : text.index("1. ")]
    assert [w for w in fills if w in bank] == fills
    plain = tmp_path / "plain"
    build([SHOWCASE], plain, ["pdf"], selection=selection)
    assert "each is used once" not in all_text(plain / "showcase-worksheet.pdf")


def test_26_options_build_and_every_letter_is_printed(
    cli: Callable[..., Any], make_set: Callable[..., Path], tmp_path: Path
) -> None:
    wrong = ", ".join(f"wrong{i}" for i in range(25))
    make_set(
        {
            "q.yaml": "questions:\n  - id: big\n    prompt: Pick.\n    type: multiple_choice\n"
            f"    answer: right\n    distractors: [{wrong}]\n"
        }
    )
    result = cli("build", "--format", "pdf")
    assert result.exit_code == 0, result.output
    text = " ".join(page_texts(tmp_path / "output" / "demo-worksheet.pdf"))
    assert "Z." in text and "right" in text
    assert all(f"wrong{i}" in text for i in range(25))
