"""Printable worksheets (``<set>-worksheet.pdf``) and answer keys (``<set>-key.pdf``) via reportlab.

The worksheet never shows an answer; the key has the same numbering, the correct answers, the
explanation and the evidence with the citation.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, SimpleDocTemplate, Spacer

from ..fileio import atomic_path
from ..generate import CLOZE_BLANK
from ..models import Question, QuestionType, Quiz
from . import RenderOptions

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _styles() -> dict[str, ParagraphStyle]:
    base = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=base["Normal"], fontSize=11, leading=15)
    return {
        "title": ParagraphStyle("title", parent=base["Title"], fontSize=17, leading=21),
        "meta": ParagraphStyle("meta", parent=body, fontSize=9, leading=12, textColor=colors.black),
        "question": ParagraphStyle(
            "question", parent=body, leftIndent=7 * mm, firstLineIndent=-7 * mm, spaceBefore=8
        ),
        "option": ParagraphStyle(
            "option", parent=body, leftIndent=13 * mm, firstLineIndent=-6 * mm
        ),
        "answer": ParagraphStyle(
            "answer", parent=body, leftIndent=7 * mm, fontName="Helvetica-Bold"
        ),
        "note": ParagraphStyle("note", parent=body, leftIndent=7 * mm, fontSize=9.5, leading=13),
        "line": ParagraphStyle("line", parent=body, leftIndent=7 * mm),
    }


class WritingLine(Flowable):  # type: ignore[misc]
    """A ruled line to write an answer on."""

    def __init__(self, indent: float = 7 * mm, height: float = 9 * mm):
        super().__init__()
        self.indent, self.height = indent, height

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, self.height

    def draw(self) -> None:
        self.canv.setLineWidth(0.5)
        self.canv.line(self.indent, 2, self.width, 2)


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def _prompt_markup(question: Question, number: int, with_answers: bool) -> str:
    if question.type is QuestionType.CLOZE and question.cloze is not None:
        pieces, last = [], 0
        for match in CLOZE_BLANK.finditer(question.cloze):
            pieces.append(escape(question.cloze[last : match.start()]))
            fill = escape(match.group(1).strip())
            pieces.append(f"<u><b>{fill}</b></u>" if with_answers else "__________")
            last = match.end()
        pieces.append(escape(question.cloze[last:]))
        text = "".join(pieces)
    else:
        text = escape(question.prompt).replace("\n", "<br/>")
    points = f" <i>({question.points} pt)</i>" if question.points else ""
    return f"<b>{number}.</b>&nbsp;&nbsp;{text}{points}"


def _question_block(
    question: Question,
    number: int,
    styles: dict[str, ParagraphStyle],
    with_answers: bool,
    citation: str,
) -> list[Flowable]:
    parts: list[Flowable] = [
        Paragraph(_prompt_markup(question, number, with_answers), styles["question"])
    ]
    kind = question.type
    if kind in (
        QuestionType.MULTIPLE_CHOICE,
        QuestionType.MULTIPLE_SELECT,
        QuestionType.TRUE_FALSE,
    ):
        for letter, option in zip(LETTERS, question.choices, strict=False):
            mark = "[X]" if with_answers and option in question.answers else "[&nbsp;&nbsp;]"
            parts.append(
                Paragraph(
                    f"{mark}&nbsp;&nbsp;<b>{letter}.</b>&nbsp;{escape(option)}", styles["option"]
                )
            )
    elif kind is QuestionType.ORDERING:
        for option in question.choices:
            parts.append(
                Paragraph(
                    f"[&nbsp;&nbsp;&nbsp;&nbsp;]&nbsp;&nbsp;{escape(option)}", styles["option"]
                )
            )
    elif kind is QuestionType.MATCHING:
        for index, (left, _) in enumerate(question.pairs):
            parts.append(Paragraph(f"{index + 1}. {escape(left)} ____", styles["option"]))
        for letter, right in zip(LETTERS, question.choices, strict=False):
            parts.append(Paragraph(f"<b>{letter}.</b>&nbsp;{escape(right)}", styles["option"]))
    elif kind is QuestionType.SHORT_ANSWER and not with_answers:
        parts.append(WritingLine())
    if with_answers:
        answers = "; ".join(question.answers)
        label = "Answer" if len(question.answers) == 1 else "Answers"
        if kind is QuestionType.SHORT_ANSWER and len(question.answers) > 1:
            label, answers = (
                "Answer",
                f"{question.answers[0]} (also accepted: {', '.join(question.answers[1:])})",
            )
        parts.append(_p(f"{label}: {answers}", styles["answer"]))
        if question.explanation:
            parts.append(_p(question.explanation, styles["note"]))
        for passage in question.evidence:
            parts.append(
                Paragraph(f"<i>“{escape(passage)}”</i> — {escape(citation)}", styles["note"])
            )
    return [KeepTogether(parts)]


def _document(quiz: Quiz, with_answers: bool, target: Path, options: RenderOptions) -> None:
    styles = _styles()
    meta = quiz.meta
    heading = meta.title + (" — Answer key" if with_answers else "")
    story: list[Flowable] = [
        _p(heading, styles["title"]),
        _p(f"Source: {meta.source.text()}", styles["meta"]),
        Spacer(1, 4 * mm),
    ]
    if not with_answers:
        story += [
            _p(
                "Name: ______________________   Class: __________   Date: __________",
                styles["meta"],
            ),
            Spacer(1, 4 * mm),
        ]
    for number, question in enumerate(quiz.questions, start=1):
        story += _question_block(question, number, styles, with_answers, meta.source.text())

    def footer(canvas: Any, document: Any) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.drawRightString(A4[0] - 18 * mm, 10 * mm, f"{meta.title} · page {document.page}")
        canvas.restoreState()

    with atomic_path(target) as temporary:
        document = SimpleDocTemplate(
            str(temporary),
            pagesize=A4,
            leftMargin=18 * mm,
            rightMargin=18 * mm,
            topMargin=16 * mm,
            bottomMargin=18 * mm,
            title=heading,
            author="quizgen",
            creator="quizgen",
            subject=meta.description,
            invariant=int(options.reproducible),
        )
        document.build(story, onFirstPage=footer, onLaterPages=footer)


class PdfRenderer:
    name = "pdf"

    def outputs(self, quiz: Quiz, options: RenderOptions) -> list[str]:
        return [f"{quiz.meta.name}-worksheet.pdf", f"{quiz.meta.name}-key.pdf"]

    def render(self, quiz: Quiz, out_dir: Path, options: RenderOptions) -> list[Path]:
        worksheet, key = (out_dir / name for name in self.outputs(quiz, options))
        _document(quiz, False, worksheet, options)
        _document(quiz, True, key, options)
        return [worksheet, key]
