"""Flashcards: fronts on one page, the answers on the next, mirrored for a long-edge flip."""

from __future__ import annotations

import re
from pathlib import Path

from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth

from quizgen.build import build
from quizgen.models import QuestionType
from quizgen.render.pdf.fonts import REGULAR, register
from quizgen.select import Selection

from .pdf_helpers import SHOWCASE, Piece, flat, page_size, page_texts, pieces

LABEL = re.compile(r"^Card (\d+) · (question|answer)$")
CARD_W, CARD_H = 90 / 25.4 * 72, 60 / 25.4 * 72


def labels(found: list[Piece]) -> dict[int, tuple[float, float]]:
    """Card number -> centre of its label (the label is centred on its card)."""
    register()
    centres = {}
    for piece in found:
        match = LABEL.match(piece.text)
        if match:
            width = stringWidth(piece.text, REGULAR, piece.size)
            centres[int(match.group(1))] = (piece.x + width / 2, piece.y)
    return centres


def test_backs_hold_the_answers_of_the_fronts_in_mirrored_positions(tmp_path: Path) -> None:
    result = build([SHOWCASE], tmp_path, ["pdf"], paper="letter")
    questions = result.quizzes[0].questions
    path = tmp_path / "showcase-flashcards.pdf"
    pages = page_texts(path)
    width, _ = page_size(path)
    assert len(pages) == 2 * -(-len(questions) // 8)
    for sheet in range(len(pages) // 2):
        front_pieces, back_pieces = pieces(path, 2 * sheet), pieces(path, 2 * sheet + 1)
        fronts, backs = labels(front_pieces), labels(back_pieces)
        numbers = list(range(8 * sheet + 1, min(8 * sheet + 8, len(questions)) + 1))
        assert sorted(fronts) == sorted(backs) == numbers
        for number in numbers:
            question = questions[number - 1]
            (fx, fy), (bx, by) = fronts[number], backs[number]
            assert abs(bx - (width - fx)) < 0.5 and abs(by - fy) < 0.5, number  # mirrored
            if question.type is not QuestionType.CLOZE:  # a cloze front shows its blanks
                assert flat(question.prompt)[:20] in pages[2 * sheet]
            # every answer is printed on the back, inside the mirrored card
            shown = question.answers[:1] if question.type is QuestionType.SHORT_ANSWER else None
            for answer in shown or question.answers:
                assert flat(answer) in pages[2 * sheet + 1], (number, answer)
                first_word = answer.split()[0]
                inside = [
                    p
                    for p in back_pieces
                    if first_word in p.text
                    and abs(p.x + CARD_W / 2 - bx) < CARD_W / 2 + 1
                    and by - CARD_H < p.y < by
                ]
                assert inside, (number, answer)
            assert "Answer" not in pages[2 * sheet]


def test_flashcards_follow_the_selection(tmp_path: Path) -> None:
    selection = Selection(types=(QuestionType.TRUE_FALSE,))
    build([SHOWCASE], tmp_path, ["pdf"], selection=selection)
    reader = PdfReader(tmp_path / "showcase-flashcards.pdf")
    text = " ".join(page_texts(tmp_path / "showcase-flashcards.pdf"))
    assert len(reader.pages) == 2
    assert "Card 2 · question" in text and "Card 3" not in text
