"""A question's picture prints on the worksheet, the key and the flashcard front."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PIL import Image
from pypdf import PdfReader

QUESTIONS = """\
questions:
  - id: map
    type: short_answer
    prompt: Which sea is shaded on the map?
    image: {image}
    answer: the Caspian Sea
"""


def pictures_on(path: Path) -> list[tuple[int, int]]:
    """(width, height) in pixels of every picture drawn, page by page."""
    return [
        (image.image.width, image.image.height)
        for page in PdfReader(path).pages
        for image in page.images
    ]


def test_a_picture_prints_on_worksheet_key_and_card(
    cli: Callable[..., Any], make_set: Callable[..., Path], tmp_path: Path
) -> None:
    folder = make_set({"questions.yaml": QUESTIONS.format(image="map.png")})
    Image.new("L", (120, 80), 128).save(folder / "map.png")
    result = cli("build", "--format", "pdf")
    assert result.exit_code == 0, result.output
    out = tmp_path / "output"
    assert pictures_on(out / "demo-worksheet.pdf") == [(120, 80)]
    assert pictures_on(out / "demo-key.pdf") == [(120, 80)]
    reader = PdfReader(out / "demo-flashcards.pdf")
    assert [len(page.images) for page in reader.pages] == [1, 0]  # the front, not the back


def test_a_picture_pdf_cannot_take_is_an_error_with_file_and_line(
    cli: Callable[..., Any], make_set: Callable[..., Path], tmp_path: Path
) -> None:
    folder = make_set({"questions.yaml": QUESTIONS.format(image="map.svg")})
    (folder / "map.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>", encoding="utf-8")
    result = cli("build")
    assert result.exit_code == 1
    assert (
        "questions/demo/questions.yaml:2: question 'map': image 'map.svg' cannot be printed "
        "(PDFs take PNG, JPEG or GIF pictures)"
    ) in result.output.splitlines()
    assert not (tmp_path / "output").exists()
