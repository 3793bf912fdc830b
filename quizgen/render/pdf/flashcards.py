"""Cut-out flashcards: a sheet of fronts, then a sheet of the matching backs.

Cards sit in a 2 × 4 grid of 90 × 60 mm, centred on the page, with cut marks in the margins. A
back page is the front page mirrored left to right, so that after printing double-sided with a
long-edge flip each answer lands behind its question.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepInFrame, Spacer

from ... import progress
from ...fileio import atomic_path
from ...models import Question, QuestionType, Quiz
from ...options import letter as option_letter
from ...options import lettered
from .. import RenderOptions
from .fonts import REGULAR
from .layout import DARK, LIGHT, Para, fit, markup, paper_size, styles
from .pictures import picture

COLUMNS, ROWS = 2, 4
CARD_W, CARD_H = 90 * mm, 60 * mm
PER_PAGE = COLUMNS * ROWS
PADDING = 5 * mm
MARK = 6 * mm  # length of a cut mark
MARK_GAP = 2 * mm  # between the grid and a cut mark


def grid_origin(page: tuple[float, float]) -> tuple[float, float]:
    """Bottom-left corner of the grid, centred on the page."""
    return (page[0] - COLUMNS * CARD_W) / 2, (page[1] - ROWS * CARD_H) / 2


def card_box(page: tuple[float, float], slot: int, back: bool) -> tuple[float, float]:
    """Bottom-left corner of card ``slot`` (0-based, row by row from the top); mirrored on backs."""
    left, bottom = grid_origin(page)
    row, column = divmod(slot, COLUMNS)
    if back:
        column = COLUMNS - 1 - column
    return left + column * CARD_W, bottom + (ROWS - 1 - row) * CARD_H


_card_styles = cache(styles)  # once per build, not twice per card


def _front(question: Question) -> list[Flowable]:
    style = _card_styles()
    kind = question.type
    text = question.prompt
    flow: list[Flowable] = []
    if question.image is not None:
        flow += [picture(question.image, CARD_W - 2 * PADDING, 22 * mm), Spacer(1, 3)]
    flow.append(Para(markup(text), style["card"]))
    if kind in (QuestionType.MULTIPLE_CHOICE, QuestionType.MULTIPLE_SELECT):
        flow.append(Spacer(1, 2))
        flow += [
            Para(f"<b>{letter}.</b> {markup(choice)}", style["card"])
            for letter, choice in lettered(question.choices)
        ]
    elif kind is QuestionType.MATCHING:
        flow.append(Spacer(1, 2))
        flow += [
            Para(f"<b>{i}.</b> {markup(left)}", style["card"])
            for i, (left, _) in enumerate(question.pairs, start=1)
        ]
    elif kind is QuestionType.ORDERING:
        flow.append(Spacer(1, 2))
        flow += [Para(f"• {markup(item)}", style["card"]) for item in question.choices]
    return flow


def back_answers(question: Question) -> list[str]:
    """The answer lines printed on the back of a card."""
    kind = question.type
    if kind in (QuestionType.MULTIPLE_CHOICE, QuestionType.MULTIPLE_SELECT):
        return [
            f"{option_letter(i)}. {c}"
            for i, c in enumerate(question.choices)
            if c in question.answers
        ]
    if kind is QuestionType.MATCHING:
        return [f"{i}. {left} → {right}" for i, (left, right) in enumerate(question.pairs, start=1)]
    if kind is QuestionType.ORDERING:
        return [f"{i}. {item}" for i, item in enumerate(question.answers, start=1)]
    if kind is QuestionType.SHORT_ANSWER:
        return [question.answers[0]]
    return list(question.answers)


def _back(question: Question) -> list[Flowable]:
    style = _card_styles()
    flow: list[Flowable] = [
        Para(markup(line), style["card_answer"]) for line in back_answers(question)
    ]
    if question.explanation:
        flow += [Spacer(1, 4), Para(markup(question.explanation), style["card_note"])]
    return flow


def _cut_marks(canvas: Canvas, page: tuple[float, float]) -> None:
    left, bottom = grid_origin(page)
    right, top = left + COLUMNS * CARD_W, bottom + ROWS * CARD_H
    canvas.setLineWidth(0.5)
    canvas.setStrokeColor(DARK)
    for column in range(COLUMNS + 1):
        x = left + column * CARD_W
        canvas.line(x, top + MARK_GAP, x, top + MARK_GAP + MARK)
        canvas.line(x, bottom - MARK_GAP, x, bottom - MARK_GAP - MARK)
    for row in range(ROWS + 1):
        y = bottom + row * CARD_H
        canvas.line(left - MARK_GAP, y, left - MARK_GAP - MARK, y)
        canvas.line(right + MARK_GAP, y, right + MARK_GAP + MARK, y)


def _page(
    canvas: Canvas,
    page: tuple[float, float],
    cards: list[tuple[int, Question]],
    back: bool,
    sheet: int,
    sheets: int,
    title: str,
) -> None:
    _cut_marks(canvas, page)
    for slot, (number, question) in enumerate(cards):
        x, y = card_box(page, slot, back)
        if not back:  # a faint outline on the fronts only: a misaligned duplex hides it
            canvas.setStrokeColor(LIGHT)
            canvas.setLineWidth(0.3)
            canvas.rect(x, y, CARD_W, CARD_H, stroke=1, fill=0)
        canvas.setFont(REGULAR, 7)
        canvas.setFillColor(DARK)
        side = "answer" if back else "question"
        canvas.drawCentredString(x + CARD_W / 2, y + CARD_H - 4 * mm, f"Card {number} · {side}")
        canvas.setFillColorRGB(0, 0, 0)
        content = _back(question) if back else _front(question)
        inner_w, inner_h = CARD_W - 2 * PADDING, CARD_H - 2 * PADDING - 3 * mm
        # long text shrinks to fit its card rather than run off it; the text is centred
        block = KeepInFrame(inner_w, inner_h, content, mode="shrink")
        _, height = block.wrapOn(canvas, inner_w, inner_h)
        block.drawOn(canvas, x + PADDING, y + PADDING + (inner_h - min(height, inner_h)) / 2)
    canvas.setFont(REGULAR, 8)
    canvas.setFillColor(DARK)
    what = (
        "Backs (answers): print double-sided, flip on the long edge"
        if back
        else "Fronts (questions)"
    )
    tail = f" · Flashcards · sheet {sheet} of {sheets} · {what}"
    room = page[0] - 2 * 15 * mm - stringWidth(tail, REGULAR, 8)
    canvas.drawCentredString(page[0] / 2, 8 * mm, fit(title, REGULAR, 8, room) + tail)
    canvas.showPage()


def write_flashcards(
    quiz: Quiz, questions: tuple[Question, ...], target: Path, options: RenderOptions
) -> None:
    page = paper_size(options.paper)
    numbered = list(enumerate(questions, start=1))
    chunks = [numbered[i : i + PER_PAGE] for i in range(0, len(numbered), PER_PAGE)]
    with atomic_path(target) as temporary:
        canvas = Canvas(
            str(temporary),
            pagesize=page,
            invariant=int(options.reproducible),
            initialFontName=REGULAR,
        )
        canvas.setTitle(f"{quiz.meta.title} — Flashcards")
        canvas.setAuthor("quizgen")
        canvas.setCreator("quizgen")
        canvas.setSubject(quiz.meta.source.text())
        step = progress.current()
        for sheet, chunk in enumerate(chunks, start=1):
            _page(canvas, page, chunk, False, sheet, len(chunks), quiz.meta.title)
            _page(canvas, page, chunk, True, sheet, len(chunks), quiz.meta.title)
            step.advance(len(chunk))
        canvas.save()
