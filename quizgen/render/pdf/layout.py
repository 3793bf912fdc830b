"""Page geometry, paragraph and table styles and the small drawn pieces of a worksheet (boxes to
tick, lines to write on, True/False to circle), the paragraph every printout sets its text in, and
the canvas that numbers pages "Page X of Y".
"""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.colors import Color, black
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, TableStyle

from .fonts import BOLD, REGULAR

PAPER: dict[str, tuple[float, float]] = {"a4": A4, "letter": LETTER}
MARGIN_X = 18 * mm
MARGIN_TOP = 15 * mm
MARGIN_BOTTOM = 20 * mm
INDENT = 9.5 * mm  # where a question's text starts, right of its number (up to 999.)
# Grays chosen to stay readable on a black-and-white printer or photocopy.
DARK = Color(0.25, 0.25, 0.25)
MID = Color(0.45, 0.45, 0.45)
LIGHT = Color(0.75, 0.75, 0.75)


def paper_size(name: str) -> tuple[float, float]:
    return PAPER[name]


Styles = dict[str, ParagraphStyle]


def markup(text: str) -> str:
    """Plain text as Paragraph markup: escaped, line breaks kept."""
    return escape(text).replace("\n", "<br/>")


def styles() -> Styles:
    body = ParagraphStyle("body", fontName=REGULAR, fontSize=10.5, leading=14, alignment=TA_LEFT)
    return {
        "body": body,
        "title": ParagraphStyle("title", parent=body, fontName=BOLD, fontSize=16, leading=20),
        "form": ParagraphStyle("form", parent=body, fontName=BOLD, fontSize=13, leading=17),
        "meta": ParagraphStyle("meta", parent=body, fontSize=8.5, leading=11, textColor=DARK),
        "field": ParagraphStyle("field", parent=body, fontSize=10, leading=13),
        "section": ParagraphStyle(
            "section", parent=body, fontName=BOLD, fontSize=12, leading=15, spaceBefore=10
        ),
        "instruction": ParagraphStyle(
            "instruction", parent=body, fontSize=9.5, leading=12, textColor=DARK, spaceAfter=2
        ),
        # the number hangs in the margin of the question, so that every prompt starts at INDENT
        "question": ParagraphStyle(
            "question",
            parent=body,
            leftIndent=INDENT,
            bulletIndent=0,
            bulletFontName=BOLD,
            bulletFontSize=10.5,
            spaceBefore=9,
        ),
        "option": ParagraphStyle("option", parent=body),
        "answer": ParagraphStyle(
            "answer", parent=body, fontName=BOLD, leftIndent=INDENT, spaceBefore=3
        ),
        "note": ParagraphStyle(
            "note", parent=body, leftIndent=INDENT, fontSize=9, leading=12, spaceBefore=1
        ),
        "evidence": ParagraphStyle(
            "evidence", parent=body, leftIndent=INDENT, fontSize=9, leading=12, textColor=DARK
        ),
        "hint": ParagraphStyle(
            "hint", parent=body, leftIndent=INDENT, fontSize=9, leading=12, textColor=DARK
        ),
        "bank": ParagraphStyle("bank", parent=body, fontSize=10, leading=15),
        "card": ParagraphStyle("card", parent=body, fontSize=11, leading=14),
        "card_answer": ParagraphStyle(
            "card_answer", parent=body, fontName=BOLD, fontSize=11, leading=14
        ),
        "card_note": ParagraphStyle(
            "card_note", parent=body, fontSize=8.5, leading=11, textColor=DARK
        ),
    }


class Para(Paragraph):  # type: ignore[misc]
    """reportlab's ``Paragraph``, its lines broken once per width.

    reportlab asks a paragraph for its size again and again at the same width: a question's
    ``KeepTogether`` measures it, the frame measures it again to place it, and a table wraps its
    cells once more to draw them. Breaking the lines is most of that cost, and after a wrap the
    paragraph holds the lines it broke: so a wrap at the width of the last one returns the size
    it gave instead of breaking the lines again (a quarter of the printouts' time). ``split`` (a
    paragraph running over a page, which may drop the lines it holds) forgets the last wrap.

    The lines drawn are those of the first wrap at a width, where plain reportlab draws those of
    its last. They are the same lines: the bundled set's and the benchmark sets' PDFs are
    byte-identical either way. One case differs in bytes, not in text: a paragraph with markup
    (``<b>Why:</b> ...``) holding a word too long for its line, such as a URL. reportlab's later
    wraps work on the word pieces its first one left, and can space the PDF's text operators
    differently (its own second and third wraps differ there too); the text and its lines stay
    the same.
    """

    _last_wrap: tuple[float, tuple[float, float]] | None = None

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        last = self._last_wrap
        if last is not None and last[0] == available_width:
            return last[1]
        size: tuple[float, float] = super().wrap(available_width, available_height)
        self._last_wrap = (available_width, size)
        return size

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        self._last_wrap = None
        pieces: list[Flowable] = super().split(available_width, available_height)
        self._last_wrap = None  # split may have wrapped, and then dropped the lines
        return pieces


class Box(Flowable):  # type: ignore[misc]
    """An empty square to tick or to write a number in; in a key, the mark written inside."""

    def __init__(self, size: float, mark: str = "", font_size: float = 9):
        super().__init__()
        self.size, self.mark, self.font_size = size, mark, font_size

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        canvas = self.canv
        canvas.setLineWidth(0.8)
        canvas.setStrokeColor(black)
        canvas.rect(0, 0, self.size, self.size, stroke=1, fill=0)
        if self.mark:
            canvas.setFont(BOLD, self.font_size)
            canvas.drawCentredString(
                self.size / 2, self.size / 2 - self.font_size * 0.35, self.mark
            )


class WritingLines(Flowable):  # type: ignore[misc]
    """``count`` ruled lines to write an answer on."""

    def __init__(self, count: int, spacing: float = 9 * mm, indent: float = INDENT):
        super().__init__()
        self.count, self.spacing, self.indent = count, spacing, indent

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, self.count * self.spacing

    def draw(self) -> None:
        canvas = self.canv
        canvas.setLineWidth(0.5)
        canvas.setStrokeColor(MID)
        for i in range(self.count):
            y = i * self.spacing + 1
            canvas.line(self.indent, y, self.width, y)


class CircleChoices(Flowable):  # type: ignore[misc]
    """Words set apart to circle one (True / False); a key draws the circle round the answer."""

    def __init__(
        self,
        words: tuple[str, ...],
        circled: str | None = None,
        indent: float = INDENT,
        font_size: float = 10.5,
    ):
        super().__init__()
        self.words, self.circled, self.indent, self.font_size = words, circled, indent, font_size
        self.gap = 16 * mm

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return available_width, self.font_size + 10

    def draw(self) -> None:
        canvas = self.canv
        x = self.indent + 3 * mm
        baseline = 6
        for word in self.words:
            font = BOLD if word == self.circled else REGULAR
            width = canvas.stringWidth(word, font, self.font_size)
            canvas.setFont(font, self.font_size)
            canvas.drawString(x, baseline, word)
            if word == self.circled:
                canvas.setLineWidth(1.2)
                canvas.ellipse(x - 6, baseline - 5, x + width + 6, baseline + self.font_size + 2)
            x += width + self.gap


def fit(text: str, font: str, size: float, width: float) -> str:
    """``text``, cut short with an ellipsis if needed so that it fits in ``width`` points."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def numbered_canvas(title: str, form: str, label: str) -> type[Canvas]:
    """A Canvas class whose every page gets the footer: title, form letter, "Page X of Y"."""

    class NumberedCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._footer(total)
                super().showPage()
            super().save()

        def _footer(self, total: int) -> None:
            width, _ = self._pagesize
            self.saveState()
            self.setFont(REGULAR, 8)
            self.setFillColor(DARK)
            y = MARGIN_BOTTOM - 10 * mm
            # left of the centred form letter (or of the page number): the title gives way,
            # the label stays whole
            end = width / 2 - 14 * mm if form else width - MARGIN_X - 30 * mm
            room = end - MARGIN_X - stringWidth(f" · {label}", REGULAR, 8)
            self.drawString(MARGIN_X, y, f"{fit(title, REGULAR, 8, room)} · {label}")
            if form:
                self.setFont(BOLD, 9)
                self.drawCentredString(width / 2, y, f"Form {form}")
                self.setFont(REGULAR, 8)
            self.drawRightString(width - MARGIN_X, y, f"Page {self._pageNumber} of {total}")
            self.restoreState()

    return NumberedCanvas


def tight() -> TableStyle:
    """A table with no padding but a point below each row, its cells aligned at the top."""
    return table_style(
        [
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]
    )


def table_style(commands: list[tuple[object, ...]]) -> TableStyle:
    """A table style in the printouts' font, then ``commands``."""
    # a Table sets its cells' font even for empty cells: without this, Helvetica is declared
    return TableStyle([("FONT", (0, 0), (-1, -1), REGULAR, 10), *commands])
