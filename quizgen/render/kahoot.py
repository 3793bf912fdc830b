"""Kahoot quizzes (``<set>-kahoot[-A].xlsx``): the spreadsheet Kahoot's "Import spreadsheet"
takes, one per form, laid out as Kahoot's quiz template: free text above, the header on row 8,
one question per row from row 9 in columns B–H (question, answers 1–4, time limit, the numbers of
the correct answers), column A numbering the questions.

Kahoot's limits are enforced, never worked around: multiple choice and true/false only (in a
Kahoot quiz, a question with several correct answers scores any one of them, so a multiple select
question would change meaning), a question of at most 120 characters, answers of at most 75,
two to four answers, no pictures. A question that does not fit is left out and counted in a note
(``skipped 12 questions for kahoot: 9 too long, 3 with more than 4 options``), never cut.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

from ..fileio import atomic_path
from ..models import Question, QuestionType, Quiz
from ..select import Form, select
from . import RenderOptions
from .exports import LeftOut, forms, suffix, zip_entry

MAX_QUESTION = 120
MAX_ANSWER = 75
MAX_ANSWERS = 4
TIME_LIMIT = 20
"""Seconds per question: Kahoot's default (the template allows 5, 10, 20, 30, 60, 90, 120 or
240)."""
TIME_LIMITS = (5, 10, 20, 30, 60, 90, 120, 240)
HEADER_ROW = 8
HEADERS = (
    "Question - max 120 characters",
    "Answer 1 - max 75 characters",
    "Answer 2 - max 75 characters",
    "Answer 3 - max 75 characters",
    "Answer 4 - max 75 characters",
    "Time limit (sec) – 5, 10, 20, 30, 60, 90, 120, or 240 secs",
    "Correct answer(s) - choose at least one",
)
KAHOOT_TYPES = (QuestionType.MULTIPLE_CHOICE, QuestionType.TRUE_FALSE)


def why_left_out(question: Question) -> str | None:
    """Why ``question`` cannot be a Kahoot quiz question, or None if it fits."""
    if question.type not in KAHOOT_TYPES:
        # a multiple select too: in a Kahoot quiz any one of several correct answers scores
        return "not multiple choice or true/false"
    if question.image is not None:
        return "with a picture (the spreadsheet carries none)"
    if len(question.choices) > MAX_ANSWERS:
        return f"with more than {MAX_ANSWERS} options"
    if len(question.prompt) > MAX_QUESTION or any(len(c) > MAX_ANSWER for c in question.choices):
        return "too long"
    return None


def row(question: Question) -> list[str | int]:
    """Columns B–H of the question's row."""
    answers = list(question.choices) + [""] * (MAX_ANSWERS - len(question.choices))
    correct = ",".join(str(i) for i, c in enumerate(question.choices, 1) if c in question.answers)
    return [question.prompt, *answers, TIME_LIMIT, correct]


def _pinned_zip(data: bytes, target: Path) -> None:
    """Copy the xlsx's entries into ``target`` with a fixed date (openpyxl stamps the clock)."""
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        atomic_path(target) as temporary,
        zipfile.ZipFile(temporary, "w") as archive,
    ):
        for info in source.infolist():
            zip_entry(archive, info.filename, source.read(info))


def write_sheet(
    quiz: Quiz, form: Form, questions: list[Question], target: Path, when: float
) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.writer.excel import ExcelWriter

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Sheet1"
    meta = quiz.meta
    sheet["B2"] = meta.title + (f" (Form {form.letter})" if form.letter else "")
    sheet["B2"].font = Font(bold=True, size=14)
    sheet["B3"] = (
        "Import into Kahoot: create a kahoot, Add question, Import spreadsheet. "
        f"Made by quizgen (seed {quiz.seed})."
    )
    sheet["B4"] = f"Source: {meta.source.text()}"
    for column, header in enumerate(HEADERS, start=2):
        cell = sheet.cell(HEADER_ROW, column, header)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for number, question in enumerate(questions, start=1):
        sheet.cell(HEADER_ROW + number, 1, number)
        for column, value in enumerate(row(question), start=2):
            cell = sheet.cell(HEADER_ROW + number, column, value)
            if isinstance(value, str):
                cell.data_type = "s"  # text, even when it starts with '=' (not a formula)
    for letter, width in zip("ABCDEFGH", (5, 60, 30, 30, 30, 30, 16, 16), strict=True):
        sheet.column_dimensions[letter].width = width
    # the document's own dates: the build's timestamp, so SOURCE_DATE_EPOCH pins every byte
    stamp = dt.datetime.fromtimestamp(when, dt.UTC).replace(tzinfo=None, microsecond=0)
    book.properties.created = book.properties.modified = stamp
    book.properties.creator = "quizgen"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).save()  # (openpyxl's save_workbook would stamp the clock)
    _pinned_zip(buffer.getvalue(), target)


class KahootRenderer:
    name = "kahoot"
    printed = True  # follows RenderOptions.selection and versions

    def _fitting(self, questions: tuple[Question, ...]) -> list[Question]:
        return [q for q in questions if why_left_out(q) is None]

    def outputs(self, quiz: Quiz, options: RenderOptions) -> list[str]:
        return [
            f"{quiz.meta.name}-kahoot{suffix(form)}.xlsx"
            for form in forms(quiz, options)
            if self._fitting(form.questions)
        ]

    def notes(self, quiz: Quiz, options: RenderOptions) -> list[str]:
        left_out = LeftOut(self.name)
        questions = select(quiz, options.selection)
        for question in questions:
            reason = why_left_out(question)
            if reason is not None:
                left_out.add(question, reason)
        note = left_out.note(quiz.meta.name)
        notes = [note] if note else []
        if questions and len(left_out.reasons) == len(questions):
            notes.append(
                f"{quiz.meta.name}: no question fits Kahoot: no kahoot spreadsheet written"
            )
        return notes

    def render(self, quiz: Quiz, out_dir: Path, options: RenderOptions) -> list[Path]:
        written = []
        for form in forms(quiz, options):
            questions = self._fitting(form.questions)
            if not questions:
                continue
            target = out_dir / f"{quiz.meta.name}-kahoot{suffix(form)}.xlsx"
            write_sheet(quiz, form, questions, target, options.timestamp)
            written.append(target)
        return written
