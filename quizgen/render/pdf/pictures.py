"""A question's picture (``image:``) on worksheets, keys and flashcards.

reportlab reads PNG, JPEG and GIF (through Pillow); any other file is reported before anything
is written, with the question's file and line, rather than failing half-way through a build.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.lib.utils import ImageReader

from ...errors import Problems
from ...models import Question

if TYPE_CHECKING:  # platypus is imported when a picture is drawn: `validate` only checks
    from reportlab.platypus import Image


@cache
def picture_size(path: Path) -> tuple[int, int]:
    """Width and height in pixels; raises for a file that is not a picture reportlab can read."""
    width, height = ImageReader(str(path)).getSize()
    return int(width), int(height)


def check_pictures(questions: Iterable[Question], problems: Problems) -> None:
    for question in questions:
        if question.image is None:
            continue
        try:
            picture_size(question.image)
        except Exception:  # Pillow raises many kinds; any of them means it cannot be printed
            problems.add(
                question.location,
                f"question '{question.id}': image '{question.image.name}' cannot be printed "
                "(PDFs take PNG, JPEG or GIF pictures)",
            )


def picture(path: Path, max_width: float, max_height: float) -> Image:
    """The picture scaled down (never up: one pixel is at most one point) to fit the box,
    keeping its proportions."""
    width, height = picture_size(path)
    scale = min(max_width / width, max_height / height, 1.0)
    from reportlab.platypus import Image

    image = Image(str(path), width=width * scale, height=height * scale)
    image.hAlign = "LEFT"
    return image
