"""Kahoot spreadsheets: read back with openpyxl, compared with `list --json`; limits at the
boundary."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from quizgen.render.kahoot import HEADERS, MAX_ANSWER, MAX_QUESTION

from .conftest import BUNDLED
from .export_helpers import TRICKY, bank, built


def rows(path: Path) -> list[list[Any]]:
    """The question rows: row 9 on, columns A–H, as Kahoot's importer reads them."""
    sheet = load_workbook(path).worksheets[0]
    assert [c.value for c in sheet[8][1:8]] == list(HEADERS)
    found = []
    for number, cells in enumerate(sheet.iter_rows(min_row=9, max_col=8, values_only=True), 1):
        if cells[1] is None:
            break
        assert cells[0] == number
        found.append(list(cells))
    return found


def check_row(cells: list[Any], question: dict[str, Any]) -> None:
    _, prompt, *answers, seconds, correct = cells
    assert prompt == question["prompt"]
    shown = [a for a in answers if a is not None]
    assert shown == question["choices"]
    assert seconds in (5, 10, 20, 30, 60, 90, 120, 240)
    numbers = [int(n) for n in str(correct).split(",")]
    assert [shown[n - 1] for n in numbers] == question["answers"]
    assert 2 <= len(shown) <= 4 and len(prompt) <= 120 and all(len(a) <= 75 for a in shown)


def fits(question: dict[str, Any]) -> bool:
    return (
        question["type"] in ("multiple_choice", "true_false")
        and len(question["choices"]) <= 4
        and len(question["prompt"]) <= MAX_QUESTION
        and all(len(c) <= MAX_ANSWER for c in question["choices"])
    )


def test_every_question_that_fits_is_on_the_sheet(cli: Callable[..., Any], tmp_path: Path) -> None:
    result = built(cli, BUNDLED, tmp_path, "--format", "kahoot")
    questions = bank(cli, BUNDLED)
    by_prompt = {q["prompt"]: q for q in questions.values()}
    found = rows(tmp_path / "russia-iran-treaty-kahoot.xlsx")
    expected = [q for q in questions.values() if fits(q)]
    assert sorted(r[1] for r in found) == sorted(q["prompt"] for q in expected)
    for cells in found:
        check_row(cells, by_prompt[cells[1]])
    left_out = len(questions) - len(expected)
    assert f"russia-iran-treaty: skipped {left_out} questions for kahoot: " in result.stderr


def test_limits_are_enforced_at_the_boundary(
    cli: Callable[..., Any], make_set: Callable[..., Path], tmp_path: Path
) -> None:
    def question(qid: str, prompt: str, answer: str, distractors: list[str]) -> str:
        listed = ", ".join(f'"{d}"' for d in distractors)
        return (
            f'  - id: {qid}\n    type: multiple_choice\n    prompt: "{prompt}"\n'
            f'    answer: "{answer}"\n    distractors: [{listed}]\n'
        )

    at = "Q" * (MAX_QUESTION - 1) + "?"
    over = "Q" * MAX_QUESTION + "?"
    long_answer = "A" * MAX_ANSWER
    text = "questions:\n" + "".join(
        [
            question("prompt-120", at, "yes", ["no", "maybe"]),
            question("prompt-121", over, "yes", ["no", "maybe"]),
            question("answer-75", "Which one?", long_answer, ["no"]),
            question("answer-76", "Which two?", long_answer + "B", ["no"]),
            question("four-options", "Which of four?", "a", ["b", "c", "d"]),
            question("five-options", "Which of five?", "a", ["b", "c", "d", "e"]),
            question("formula-like", "Which is text?", "=SUM(1,2)", ["=1+1"]),
        ]
    )
    folder = make_set({"questions.yaml": text})
    result = built(cli, folder, tmp_path / "out", "--format", "kahoot")
    found = rows(tmp_path / "out" / "demo-kahoot.xlsx")
    questions = bank(cli, folder)
    by_prompt = {q["prompt"]: q for q in questions.values()}
    assert sorted(by_prompt[r[1]]["id"] for r in found) == [
        "answer-75",
        "formula-like",
        "four-options",
        "prompt-120",
    ]
    for cells in found:
        check_row(cells, by_prompt[cells[1]])  # never cut: each text whole
    assert (
        "demo: skipped 3 questions for kahoot: 2 too long, 1 with more than 4 options"
        in result.stderr
    )
    # a text starting with '=' is text, not a formula
    sheet = load_workbook(tmp_path / "out" / "demo-kahoot.xlsx").worksheets[0]
    cells = [c for row in sheet.iter_rows(min_row=9) for c in row if c.value == "=SUM(1,2)"]
    assert cells and all(c.data_type == "s" for c in cells)


def test_special_characters_survive_kahoot(cli: Callable[..., Any], tmp_path: Path) -> None:
    built(cli, TRICKY, tmp_path, "--format", "kahoot")
    questions = bank(cli, TRICKY)
    found = rows(tmp_path / "tricky-kahoot.xlsx")
    assert sorted(r[1] for r in found) == sorted(
        questions[i]["prompt"] for i in ("tricky-choice", "tricky-true")
    )
    by_prompt = {q["prompt"]: q for q in questions.values()}
    for cells in found:
        check_row(cells, by_prompt[cells[1]])


def test_one_sheet_per_form(cli: Callable[..., Any], tmp_path: Path) -> None:
    built(cli, BUNDLED, tmp_path, "--format", "kahoot", "--versions", "2", "--types", "true_false")
    first = rows(tmp_path / "russia-iran-treaty-kahoot-A.xlsx")
    second = rows(tmp_path / "russia-iran-treaty-kahoot-B.xlsx")
    assert len(first) > 1 and sorted(r[1] for r in first) == sorted(r[1] for r in second)
    assert [r[1] for r in first] != [r[1] for r in second]


def test_a_set_with_nothing_for_kahoot_gets_no_sheet(
    cli: Callable[..., Any], tmp_path: Path
) -> None:
    result = built(cli, BUNDLED, tmp_path, "--format", "kahoot", "--types", "short_answer")
    assert not list(tmp_path.glob("*.xlsx"))
    assert "no question fits Kahoot: no kahoot spreadsheet written" in result.stderr
