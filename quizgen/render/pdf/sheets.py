"""The worksheet a student fills in and its answer key: the same document, numbered the same,
laid out the same, the key with the answers written in and the evidence under each question.
"""

from __future__ import annotations

import math
from pathlib import Path

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    SimpleDocTemplate,
    Spacer,
    Table,
)

from ... import progress
from ...fileio import atomic_path
from ...generate import CLOZE_BLANK
from ...models import Question, QuestionType, Quiz
from ...select import Form
from .. import RenderOptions
from . import bodies
from .fonts import REGULAR
from .keynotes import key_notes
from .layout import (
    DARK,
    INDENT,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    MID,
    CircleChoices,
    Para,
    WritingLines,
    markup,
    numbered_canvas,
    paper_size,
    styles,
    tight,
)

BLANK = "_" * 14
SECTION_TITLES = {
    QuestionType.TRUE_FALSE: "True or false",
    QuestionType.MULTIPLE_CHOICE: "Multiple choice",
    QuestionType.MULTIPLE_SELECT: "Multiple select",
    QuestionType.MATCHING: "Matching",
    QuestionType.ORDERING: "Ordering",
    QuestionType.CLOZE: "Fill in the blanks",
    QuestionType.SHORT_ANSWER: "Short answer",
}
INSTRUCTIONS = {
    QuestionType.TRUE_FALSE: "Circle True or False for each statement.",
    QuestionType.MULTIPLE_CHOICE: "Tick the box of the one correct answer.",
    QuestionType.MULTIPLE_SELECT: "Tick the box of every correct answer: there may be more "
    "than one.",
    QuestionType.MATCHING: "On each line, write the letter of the item on the right that "
    "matches the item on the left.",
    QuestionType.ORDERING: "Number the boxes 1, 2, 3, … to put the items in the right order.",
    QuestionType.CLOZE: "Write the missing word or words on each blank.",
    QuestionType.SHORT_ANSWER: "Answer each question on the lines, in a few words.",
}
WORD_BANK_INSTRUCTION = " Choose from the words in the box; each is used once."
# Under each question when the sections are topics or the whole quiz (--order topic|bank), so
# that a section mixes types: each question says how to answer it.
QUESTION_INSTRUCTIONS = {
    QuestionType.TRUE_FALSE: "Circle True or False.",
    QuestionType.MULTIPLE_CHOICE: "Tick the box of the one correct answer.",
    QuestionType.MULTIPLE_SELECT: "Tick the box of every correct answer: there may be more "
    "than one.",
    QuestionType.MATCHING: "On each line, write the letter of the matching item on the right.",
    QuestionType.ORDERING: "Number the boxes 1, 2, 3, … to put the items in the right order.",
    QuestionType.CLOZE: "Write the missing word or words on each blank.",
    QuestionType.SHORT_ANSWER: "Answer on the lines, in a few words.",
}
MIXED_WORD_BANK = "The missing words of this part are in the box; each is used once."
HANDWRITING = 3.2 * mm  # width of a handwritten character, generously
WRITING_LINE = 9 * mm
MAX_LINES = 8


def _points(question: Question) -> str:
    if question.points is None:
        return ""
    unit = "point" if question.points == 1 else "points"
    return f' <font color="{MID.hexval()}" size="9">({question.points} {unit})</font>'


class Sheet:
    """Builds the story of one form, as a worksheet (``key=False``) or as its answer key."""

    def __init__(self, quiz: Quiz, form: Form, key: bool, paper: str, word_bank: bool):
        self.quiz, self.form, self.key, self.word_bank = quiz, form, key, word_bank
        self.style = styles()
        self.page = paper_size(paper)
        # the frame of SimpleDocTemplate keeps 6 pt of padding on each side
        self.width = self.page[0] - 2 * MARGIN_X - 12

    # ------------------------------------------------------------------ document

    def story(self) -> list[Flowable]:
        story = self._header()
        number = 0
        for part, (kind, questions) in enumerate(self.form.sections(), start=1):
            heading = self._heading(part, kind, questions)
            mixed = not isinstance(kind, QuestionType)  # --order topic or bank
            for index, question in enumerate(questions):
                number += 1
                block = self._question(question, number, instruction=mixed)
                # a section heading never ends a page alone: it travels with its first question
                story.append(KeepTogether(heading + block if index == 0 else block))
        return story

    def _heading(
        self, part: int, kind: QuestionType | str, questions: list[Question]
    ) -> list[Flowable]:
        """A section's heading: its type and how to answer (``--order type``), its topic
        (``--order topic``) or nothing (``--order bank``, one section); a word bank when asked
        and the section has blanks to fill."""
        if isinstance(kind, QuestionType):
            heading: list[Flowable] = [
                Para(f"Part {part} · {SECTION_TITLES[kind]}", self.style["section"]),
                Para(
                    INSTRUCTIONS[kind] + (WORD_BANK_INSTRUCTION if self._bank(kind) else ""),
                    self.style["instruction"],
                ),
            ]
            if self._bank(kind):
                heading.append(bodies.word_bank(questions, self.width - INDENT, self.style))
            return heading
        heading = []
        if self.form.order == "topic":
            title = markup(kind or "Other questions")
            heading.append(Para(f"Part {part} · {title}", self.style["section"]))
        blanks = [q for q in questions if q.type is QuestionType.CLOZE]
        if self.word_bank and blanks:
            heading.append(Para(MIXED_WORD_BANK, self.style["instruction"]))
            heading.append(bodies.word_bank(blanks, self.width - INDENT, self.style))
        return heading

    def _bank(self, kind: QuestionType) -> bool:
        return self.word_bank and kind is QuestionType.CLOZE

    def _header(self) -> list[Flowable]:
        meta = self.quiz.meta
        form_style = ParagraphStyle("form-right", parent=self.style["form"], alignment=TA_RIGHT)
        form = [f"Form {self.form.letter}"] if self.form.letter else []
        if self.key:
            form.insert(0, "Answer key")
        top = Table(
            [
                [
                    Para(markup(meta.title), self.style["title"]),
                    Para("<br/>".join(form), form_style),
                ]
            ],
            colWidths=[self.width - 42 * mm, 42 * mm],
        )
        top.setStyle(tight())
        flow: list[Flowable] = [
            top,
            Spacer(1, 1.5 * mm),
            Para(markup(f"Source: {meta.source.text()}"), self.style["meta"]),
            Spacer(1, 5 * mm),
        ]
        total = sum(q.points or 0 for q in self.form.questions)
        if self.key:
            line = f"For the teacher: {len(self.form.questions)} questions"
            if total:
                line += f", {total} points"
            flow.append(Para(line + ".", self.style["field"]))
        else:
            flow.append(self._name_lines(total))
        flow += [Spacer(1, 2 * mm), _Rule(self.width), Spacer(1, 1 * mm)]
        return flow

    def _name_lines(self, total: int) -> Table:
        field = self.style["field"]
        row: list[object] = [
            Para("Name", field),
            "",
            Para("Class", field),
            "",
            Para("Date", field),
            "",
        ]
        widths = [12 * mm, 0.0, 16 * mm, 28 * mm, 15 * mm, 28 * mm]
        if total:
            row += [Para("Score", field), "", Para(f"/ {total}", field)]
            widths += [17 * mm, 12 * mm, 12 * mm]
        widths[1] = self.width - sum(widths)
        table = Table([row], colWidths=widths, rowHeights=[9 * mm])
        style = tight()
        for col in (1, 3, 5) + ((7,) if total else ()):
            style.add("LINEBELOW", (col, 0), (col, 0), 0.6, DARK)
        for col in (2, 4, 6):  # a label stands clear of the line before it
            style.add("LEFTPADDING", (col, 0), (col, 0), 4 * mm)
        style.add("LEFTPADDING", (8, 0), (8, 0), 1.5 * mm)
        style.add("VALIGN", (0, 0), (-1, -1), "BOTTOM")
        table.setStyle(style)
        return table

    # ------------------------------------------------------------------ questions

    def _question(
        self, question: Question, number: int, instruction: bool = False
    ) -> list[Flowable]:
        kind = question.type
        prompt = self._cloze(question) if kind is QuestionType.CLOZE else markup(question.prompt)
        parts: list[Flowable] = [
            Para(f"{prompt}{_points(question)}", self.style["question"], bulletText=f"{number}.")
        ]
        if instruction and not self.key:
            parts.append(Para(QUESTION_INSTRUCTIONS[kind], self.style["hint"]))
        if question.image is not None:
            parts.append(bodies.picture_row(question.image, self.width - INDENT))
        if kind in (QuestionType.MULTIPLE_CHOICE, QuestionType.MULTIPLE_SELECT):
            parts.append(bodies.options(question, self.width - INDENT, self.style, self.key))
        elif kind is QuestionType.TRUE_FALSE:
            circled = question.answers[0] if self.key else None
            parts.append(CircleChoices(question.choices, circled))
        elif kind is QuestionType.SHORT_ANSWER and not self.key:
            parts += [Spacer(1, 2 * mm), WritingLines(self._lines_for(question), WRITING_LINE)]
        elif kind is QuestionType.MATCHING:
            parts.append(bodies.matching(question, self.width - INDENT, self.style, self.key))
        elif kind is QuestionType.ORDERING:
            parts.append(bodies.ordering(question, self.width - INDENT, self.style, self.key))
        if self.key:
            parts += key_notes(question, self.style, self.quiz.meta.source.text())
        return parts

    def _cloze(self, question: Question) -> str:
        text = question.cloze or question.prompt
        many = len(CLOZE_BLANK.findall(text)) > 1
        pieces, last = [], 0
        for index, match in enumerate(CLOZE_BLANK.finditer(text), start=1):
            pieces.append(markup(text[last : match.start()]))
            label = f"({index})\u00a0" if many else ""
            if self.key:
                pieces.append(f"{label}<u><b>{markup(match.group(1).strip())}</b></u>")
            else:
                pieces.append(f"{label}{BLANK}")
            last = match.end()
        pieces.append(markup(text[last:]))
        return "".join(pieces)

    def _lines_for(self, question: Question) -> int:
        """Enough ruled lines for the expected answer, written by hand."""
        expected = max(len(question.answers[0]), 12) if question.answers else 40
        per_line: float = (self.width - INDENT) / HANDWRITING
        lines: int = math.ceil(expected / per_line)
        return max(1, min(MAX_LINES, lines))

    # ------------------------------------------------------------------ key


class _Rule(Flowable):  # type: ignore[misc]
    def __init__(self, width: float):
        super().__init__()
        self.width = width

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, 1

    def draw(self) -> None:
        self.canv.setLineWidth(0.8)
        self.canv.setStrokeColor(DARK)
        self.canv.line(0, 0, self.width, 0)


def write_sheet(quiz: Quiz, form: Form, key: bool, target: Path, options: RenderOptions) -> None:
    sheet = Sheet(quiz, form, key, options.paper, options.word_bank)
    kind = "Answer key" if key else "Worksheet"
    title = quiz.meta.title + (f" — {kind}" if key else "")
    with atomic_path(target) as temporary:
        document = SimpleDocTemplate(
            str(temporary),
            pagesize=sheet.page,
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            title=title + (f" (form {form.letter})" if form.letter else ""),
            author="quizgen",
            creator="quizgen",
            subject=quiz.meta.description,
            invariant=int(options.reproducible),
            initialFontName=REGULAR,  # else Helvetica is declared on every page, unused
        )
        document.setProgressCallBack(progress.current().reportlab(len(form.questions)))
        document.build(
            sheet.story(), canvasmaker=numbered_canvas(quiz.meta.title, form.letter, kind)
        )
