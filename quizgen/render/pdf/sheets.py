"""The worksheet a student fills in and its answer key: the same document, numbered the same,
laid out the same, the key with the answers written in and the evidence under each question.
"""

from __future__ import annotations

import math
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from ... import progress
from ...answers import list_answers
from ...fileio import atomic_path
from ...generate import CLOZE_BLANK
from ...models import Question, QuestionType, Quiz
from ...options import letter, lettered
from ...select import Form
from .. import RenderOptions
from .fonts import REGULAR
from .layout import (
    DARK,
    INDENT,
    LIGHT,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    MID,
    Box,
    CircleChoices,
    Para,
    WritingLines,
    numbered_canvas,
    paper_size,
    styles,
)
from .pictures import picture

CHECK = "✓"
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


def _text(text: str) -> str:
    """Plain text as Paragraph markup."""
    return escape(text).replace("\n", "<br/>")


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
                heading.append(self._word_bank(questions))
            return heading
        heading = []
        if self.form.order == "topic":
            title = _text(kind or "Other questions")
            heading.append(Para(f"Part {part} · {title}", self.style["section"]))
        blanks = [q for q in questions if q.type is QuestionType.CLOZE]
        if self.word_bank and blanks:
            heading.append(Para(MIXED_WORD_BANK, self.style["instruction"]))
            heading.append(self._word_bank(blanks))
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
                    Para(_text(meta.title), self.style["title"]),
                    Para("<br/>".join(form), form_style),
                ]
            ],
            colWidths=[self.width - 42 * mm, 42 * mm],
        )
        top.setStyle(_tight())
        flow: list[Flowable] = [
            top,
            Spacer(1, 1.5 * mm),
            Para(_text(f"Source: {meta.source.text()}"), self.style["meta"]),
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
        style = _tight()
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
        prompt = self._cloze(question) if kind is QuestionType.CLOZE else _text(question.prompt)
        parts: list[Flowable] = [
            Para(f"{prompt}{_points(question)}", self.style["question"], bulletText=f"{number}.")
        ]
        if instruction and not self.key:
            parts.append(Para(QUESTION_INSTRUCTIONS[kind], self.style["hint"]))
        if question.image is not None:
            parts.append(self._picture(question.image))
        if kind in (QuestionType.MULTIPLE_CHOICE, QuestionType.MULTIPLE_SELECT):
            parts.append(self._options(question))
        elif kind is QuestionType.TRUE_FALSE:
            circled = question.answers[0] if self.key else None
            parts.append(CircleChoices(question.choices, circled))
        elif kind is QuestionType.SHORT_ANSWER and not self.key:
            parts += [Spacer(1, 2 * mm), WritingLines(self._lines_for(question), WRITING_LINE)]
        elif kind is QuestionType.MATCHING:
            parts.append(self._matching(question))
        elif kind is QuestionType.ORDERING:
            parts.append(self._ordering(question))
        if self.key:
            parts += self._key_notes(question)
        return parts

    def _picture(self, path: Path) -> Table:
        image = picture(path, min(100 * mm, self.width - INDENT), 60 * mm)
        table = Table([[image]], colWidths=[self.width - INDENT])
        table.setStyle(_tight())
        table.setStyle(_table_style([("TOPPADDING", (0, 0), (-1, -1), 4)]))
        table.hAlign = "RIGHT"
        return table

    def _cloze(self, question: Question) -> str:
        text = question.cloze or question.prompt
        many = len(CLOZE_BLANK.findall(text)) > 1
        pieces, last = [], 0
        for index, match in enumerate(CLOZE_BLANK.finditer(text), start=1):
            pieces.append(_text(text[last : match.start()]))
            label = f"({index})\u00a0" if many else ""
            if self.key:
                pieces.append(f"{label}<u><b>{_text(match.group(1).strip())}</b></u>")
            else:
                pieces.append(f"{label}{BLANK}")
            last = match.end()
        pieces.append(_text(text[last:]))
        return "".join(pieces)

    def _word_bank(self, questions: list[Question]) -> Table:
        words = sorted(
            (answer for q in questions for answer in q.answers), key=lambda w: (w.casefold(), w)
        )
        # a grid of words, in alphabetical order: the order gives nothing away
        width = self.width - INDENT
        columns = 3
        cells: list[Flowable | str] = [Para(_text(w), self.style["bank"]) for w in words]
        cells += [""] * (-len(cells) % columns)
        rows = [cells[i : i + columns] for i in range(0, len(cells), columns)]
        table = Table(rows, colWidths=[width / columns] * columns)
        table.setStyle(
            _table_style(
                [
                    ("BOX", (0, 0), (-1, -1), 0.8, DARK),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 8),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                    ("TOPPADDING", (0, 0), (-1, 0), 6),
                    ("BOTTOMPADDING", (0, -1), (-1, -1), 7),
                ]
            )
        )
        table.hAlign = "RIGHT"
        return table

    def _options(self, question: Question) -> Table:
        rows = []
        for mark_letter, option in lettered(question.choices):
            mark = CHECK if self.key and option in question.answers else ""
            text = f"<b>{mark_letter}.</b>\u00a0\u00a0{_text(option)}"
            rows.append([Box(3.8 * mm, mark, 10), Para(text, self.style["option"])])
        return self._rows(rows, 9 * mm, box_pad=2.2)

    def _ordering(self, question: Question) -> Table:
        position = {item: i for i, item in enumerate(question.answers, start=1)}
        rows = []
        for item in question.choices:
            mark = str(position[item]) if self.key else ""
            rows.append([Box(6.5 * mm, mark, 11), Para(_text(item), self.style["option"])])
        return self._rows(rows, 11 * mm, box_pad=1, row_pad=2.5)

    def _rows(
        self, rows: list[list[object]], box_col: float, box_pad: float, row_pad: float = 1.5
    ) -> Table:
        table = Table(rows, colWidths=[box_col, self.width - INDENT - box_col])
        table.setStyle(
            _table_style(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), row_pad),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), row_pad),
                    ("TOPPADDING", (0, 0), (0, -1), row_pad + box_pad),
                ]
            )
        )
        table.hAlign = "RIGHT"
        return table

    def _matching(self, question: Question) -> Table:
        letter_of = {right: right_letter for right_letter, right in lettered(question.choices)}
        option = self.style["option"]
        centred = ParagraphStyle("centred", parent=option, alignment=TA_CENTER)
        rows = []
        for index, (left, right) in enumerate(question.pairs):
            blank = (
                Para(f"<b>{letter_of[right]}</b>", centred) if self.key else Para("______", centred)
            )
            shown_right = question.choices[index] if index < len(question.choices) else ""
            rows.append(
                [
                    blank,
                    Para(f"<b>{index + 1}.</b>\u00a0{_text(left)}", option),
                    Para(f"<b>{letter(index)}.</b>\u00a0{_text(shown_right)}", option),
                ]
            )
        # the columns share the width by the length of their longest item, within limits
        room = self.width - INDENT - 16 * mm
        longest_left = max(len(left) for left, _ in question.pairs) + 6
        longest_right = max(len(right) for _, right in question.pairs) + 4
        share = min(0.6, max(0.36, longest_left / (longest_left + longest_right)))
        table = Table(rows, colWidths=[16 * mm, room * share, room * (1 - share)])
        table.setStyle(
            _table_style(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                    ("ALIGN", (0, 0), (0, -1), "CENTER"),
                    ("LINEBEFORE", (2, 0), (2, -1), 0.5, LIGHT),
                    ("LEFTPADDING", (2, 0), (2, -1), 8),
                ]
            )
        )
        table.hAlign = "RIGHT"
        return table

    def _lines_for(self, question: Question) -> int:
        """Enough ruled lines for the expected answer, written by hand."""
        expected = max(len(question.answers[0]), 12) if question.answers else 40
        per_line: float = (self.width - INDENT) / HANDWRITING
        lines: int = math.ceil(expected / per_line)
        return max(1, min(MAX_LINES, lines))

    # ------------------------------------------------------------------ key

    def _key_notes(self, question: Question) -> list[Flowable]:
        label, _, answer = answer_line(question).partition(": ")
        if question.type is QuestionType.ORDERING:  # a long line: only the label in bold
            answer = f'<font name="{REGULAR}">{_text(answer)}</font>'
        else:
            answer = _text(answer)
        notes: list[Flowable] = [Para(f"{label}: {answer}", self.style["answer"])]
        if question.explanation:
            notes.append(Para(f"<b>Why:</b> {_text(question.explanation)}", self.style["note"]))
        for index, passage in enumerate(question.evidence, start=1):
            quoted = passage if passage[:1] in '“"«' else f"“{passage}”"
            # the citation once, after the last passage, as every output prints it
            cited = (
                f" — {_text(self.quiz.meta.source.text())}"
                if index == len(question.evidence)
                else ""
            )
            notes.append(Para(f"<b>Evidence:</b> {_text(quoted)}{cited}", self.style["evidence"]))
        return notes


def answer_line(question: Question) -> str:
    """The key's one-line answer, with the letters and numbers of this form."""
    kind = question.type
    if kind in (QuestionType.MULTIPLE_CHOICE, QuestionType.MULTIPLE_SELECT):
        marked = [
            f"{letter(i)}. {choice}"
            for i, choice in enumerate(question.choices)
            if choice in question.answers
        ]
        return ("Answer: " if len(marked) == 1 else "Answers: ") + list_answers(marked)
    if kind is QuestionType.SHORT_ANSWER:
        line = f"Answer: {question.answers[0]}"
        if len(question.answers) > 1:
            line += f" (also accepted: {list_answers(question.answers[1:])})"
        return line
    if kind is QuestionType.CLOZE:
        if len(question.answers) == 1:
            return f"Answer: {question.answers[0]}"
        return "Answers: " + list_answers(f"({i}) {a}" for i, a in enumerate(question.answers, 1))
    if kind is QuestionType.MATCHING:
        letter_of = {right: letter(i) for i, right in enumerate(question.choices)}
        return "Answer: " + ", ".join(
            f"{i}–{letter_of[right]}" for i, (_, right) in enumerate(question.pairs, start=1)
        )
    if kind is QuestionType.ORDERING:
        return "Answer: " + " → ".join(question.answers)
    return f"Answer: {question.answers[0]}"


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


def _tight() -> TableStyle:
    return _table_style(
        [
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]
    )


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


def _table_style(commands: list[tuple[object, ...]]) -> TableStyle:
    # a Table sets its cells' font even for empty cells: without this, Helvetica is declared
    return TableStyle([("FONT", (0, 0), (-1, -1), REGULAR, 10), *commands])
