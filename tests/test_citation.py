"""One citation format: every output prints the set's source as ``Citation.text()`` makes it.

A teacher once found the key printing ``(Class handout, "NATO at a glance", 2026-11-29)`` while
``show`` printed ``“NATO at a glance”, Class handout``: one source, two citations.
"""

from __future__ import annotations

import html
import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from quizgen.models import Citation

from .anki_helpers import fresh_collection, import_package, notes_by_question_id, text
from .pdf_helpers import all_text, flat

SET = """\
set:
  title: NATO basics
  seed: 3
  source:
    title: NATO at a glance
    authors: [Ann Lee, Bo Park]
    publisher: Class handout
    date: 2026-11-29
    url: https://example.org/nato
    path: source.txt
"""

SOURCE = "NATO was founded in 1949 by twelve countries. Its headquarters are in Brussels.\n"

QUESTIONS = """\
questions:
  - id: founded
    type: short_answer
    prompt: In which year was NATO founded?
    answer: "1949"
    explanation: The handout gives the year.
    evidence: NATO was founded in 1949
  - id: seat
    type: multiple_choice
    prompt: Where are NATO's headquarters?
    answer: Brussels
    distractors: [Paris, Vienna]
    explanation: The handout names the city.
    evidence: Its headquarters are in Brussels
"""

CITATION = (
    "“NATO at a glance”, by Ann Lee and Bo Park, Class handout, 2026-11-29, "
    "https://example.org/nato"
)


def test_the_citation_reads_the_same_in_every_output(
    make_set: Callable[..., Path], cli: Callable[..., Any], tmp_path: Path
) -> None:
    make_set({"set.yaml": SET, "source.txt": SOURCE, "questions.yaml": QUESTIONS})
    result = cli("build", "demo", "--format", "all")
    assert result.exit_code == 0, result.output
    out = tmp_path / "output"

    # the key: after each question's evidence, and on the sheet's header; the worksheet's header
    key = all_text(out / "demo-key.pdf")
    assert key.count(f"— {CITATION}") == 2
    assert f"Source: {CITATION}" in key
    assert f"Source: {CITATION}" in all_text(out / "demo-worksheet.pdf")
    # show
    shown = flat(cli("show", "founded").stdout)
    assert f"“NATO was founded in 1949” — {CITATION}" in shown
    # the deck
    with fresh_collection(tmp_path) as collection:
        import_package(collection, out / "demo.apkg")
        note = notes_by_question_id(collection)["founded"]
        assert text(note["Source"]) == f"Source: {CITATION}"
    # the page
    page = (out / "demo.html").read_text(encoding="utf-8")
    assert f'"citation":{json.dumps(CITATION, ensure_ascii=False)}' in page
    # the exports
    moodle = html.unescape((out / "demo-moodle.xml").read_text(encoding="utf-8"))
    assert moodle.count(CITATION) >= 2
    assert f"// Source: {CITATION}" in (out / "demo-gift.txt").read_text(encoding="utf-8")
    (qti,) = out.glob("demo-canvas-qti*.zip")
    with zipfile.ZipFile(qti) as package:
        xml = "".join(
            package.read(name).decode("utf-8")
            for name in package.namelist()
            if name.endswith("xml")
        )
    assert CITATION in html.unescape(html.unescape(xml))
    (kahoot,) = out.glob("demo-kahoot*.xlsx")
    assert load_workbook(kahoot).active["B4"].value == f"Source: {CITATION}"


def test_citation_text_is_the_one_formatter() -> None:
    """The formats of the citation, written once, here."""
    bare = Citation("A title", "A publisher", "2025-01-17", None, None)
    assert bare.text() == "“A title”, A publisher, 2025-01-17"
    one = Citation("T", "P", "D", "https://x.org", None, authors=("Ann Lee",))
    assert one.text() == "“T”, by Ann Lee, P, D, https://x.org"
    three = Citation("T", "P", "D", None, None, authors=("A", "B", "C"))
    assert three.text() == "“T”, by A, B and C, P, D"
