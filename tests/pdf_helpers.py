"""Reading printed outputs back: each page's text, and where each piece of text sits."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader

SHOWCASE = Path(__file__).resolve().parent / "pdf_sets" / "showcase"


def flat(text: str) -> str:
    return " ".join(text.split())


def page_texts(path: Path) -> list[str]:
    """Each page's text, whitespace collapsed (a line break becomes a space)."""
    return [flat(page.extract_text() or "") for page in PdfReader(path).pages]


def all_text(path: Path) -> str:
    return " ".join(page_texts(path))


@dataclass(frozen=True)
class Piece:
    text: str
    x: float
    y: float
    size: float


def pieces(path: Path, page_number: int) -> list[Piece]:
    """The text drawn on one page (0-based), with its start position in points."""
    found: list[Piece] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if not text.strip():
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        found.append(Piece(flat(text), x, y, size * cm[0]))

    PdfReader(path).pages[page_number].extract_text(visitor_text=visit)
    return found


def page_size(path: Path) -> tuple[float, float]:
    box = PdfReader(path).pages[0].mediabox
    return float(box.width), float(box.height)
