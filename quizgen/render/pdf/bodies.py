"""The answer area under a question on a worksheet, by type: a box to tick before each option, a
box to number before each item to order, the three columns of a matching, the box of a word bank,
a picture; in the answer key the same areas with the answers written in. Each is a table set
right, ``width`` wide (the sheet's width less the indent of the question numbers).
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table

from ...models import Question
from ...options import letter, lettered
from .layout import DARK, LIGHT, Box, Para, Styles, markup, table_style, tight
from .pictures import picture

CHECK = "✓"


def options(question: Question, width: float, style: Styles, key: bool) -> Table:
    """A box to tick before each lettered option; ticked in the key."""
    rows = []
    for mark_letter, option in lettered(question.choices):
        mark = CHECK if key and option in question.answers else ""
        text = f"<b>{mark_letter}.</b>\u00a0\u00a0{markup(option)}"
        rows.append([Box(3.8 * mm, mark, 10), Para(text, style["option"])])
    return _rows(rows, width, 9 * mm, box_pad=2.2)


def ordering(question: Question, width: float, style: Styles, key: bool) -> Table:
    """A box before each item to number it; numbered in the key."""
    position = {item: i for i, item in enumerate(question.answers, start=1)}
    rows = []
    for item in question.choices:
        mark = str(position[item]) if key else ""
        rows.append([Box(6.5 * mm, mark, 11), Para(markup(item), style["option"])])
    return _rows(rows, width, 11 * mm, box_pad=1, row_pad=2.5)


def _rows(
    rows: list[list[object]], width: float, box_col: float, box_pad: float, row_pad: float = 1.5
) -> Table:
    table = Table(rows, colWidths=[box_col, width - box_col])
    table.setStyle(
        table_style(
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


def matching(question: Question, width: float, style: Styles, key: bool) -> Table:
    """The numbered left items, a blank for the letter, the lettered right items; the letters
    written in the key."""
    letter_of = {right: right_letter for right_letter, right in lettered(question.choices)}
    option = style["option"]
    centred = ParagraphStyle("centred", parent=option, alignment=TA_CENTER)
    rows = []
    for index, (left, right) in enumerate(question.pairs):
        blank = Para(f"<b>{letter_of[right]}</b>", centred) if key else Para("______", centred)
        shown_right = question.choices[index] if index < len(question.choices) else ""
        rows.append(
            [
                blank,
                Para(f"<b>{index + 1}.</b>\u00a0{markup(left)}", option),
                Para(f"<b>{letter(index)}.</b>\u00a0{markup(shown_right)}", option),
            ]
        )
    # the columns share the width by the length of their longest item, within limits
    room = width - 16 * mm
    longest_left = max(len(left) for left, _ in question.pairs) + 6
    longest_right = max(len(right) for _, right in question.pairs) + 4
    share = min(0.6, max(0.36, longest_left / (longest_left + longest_right)))
    table = Table(rows, colWidths=[16 * mm, room * share, room * (1 - share)])
    table.setStyle(
        table_style(
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


def word_bank(questions: list[Question], width: float, style: Styles) -> Table:
    """The answers of ``questions``' blanks in a box, three to a row."""
    words = sorted(
        (answer for q in questions for answer in q.answers), key=lambda w: (w.casefold(), w)
    )
    # a grid of words, in alphabetical order: the order gives nothing away
    columns = 3
    cells: list[Flowable | str] = [Para(markup(w), style["bank"]) for w in words]
    cells += [""] * (-len(cells) % columns)
    rows = [cells[i : i + columns] for i in range(0, len(cells), columns)]
    table = Table(rows, colWidths=[width / columns] * columns)
    table.setStyle(
        table_style(
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


def picture_row(path: Path, width: float) -> Table:
    """A picture under the question, its width at most 100 mm."""
    image = picture(path, min(100 * mm, width), 60 * mm)
    table = Table([[image]], colWidths=[width])
    table.setStyle(tight())
    table.setStyle(table_style([("TOPPADDING", (0, 0), (-1, -1), 4)]))
    table.hAlign = "RIGHT"
    return table
