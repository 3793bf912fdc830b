"""The printed outputs through the command line: options, selection, paper, layout, bytes."""

from __future__ import annotations

import shutil
import sqlite3
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth

from quizgen.build import build
from quizgen.render.pdf.fonts import BOLD, REGULAR, register
from quizgen.select import Selection

from .conftest import BUNDLED
from .pdf_helpers import SHOWCASE, flat, page_size, page_texts

LONG_WORD = "https://example.org/" + "a-very-long-path-segment" * 6


def notes_in_deck(apkg: Path) -> int:
    with zipfile.ZipFile(apkg) as archive:
        data = archive.read("collection.anki2")
    db = apkg.with_suffix(".db")
    db.write_bytes(data)
    with sqlite3.connect(db) as connection:
        count: int = connection.execute("select count(*) from notes").fetchone()[0]
    return count


def test_versions_count_and_paper_from_the_command_line(
    cli: Callable[..., Any], tmp_path: Path
) -> None:
    # a copy: the deck's build records its notes in the set folder (anki-state.json)
    showcase = shutil.copytree(SHOWCASE, tmp_path / "sets" / SHOWCASE.name)
    result = cli("build", str(showcase), "--versions", "2", "--count", "4", "--paper", "letter")
    assert result.exit_code == 0, result.output
    out = tmp_path / "output"
    names = sorted(p.name for p in out.glob("[!.]*"))
    assert names == [
        "showcase-A.html",
        "showcase-B.html",
        "showcase-flashcards.pdf",
        "showcase-key-A.pdf",
        "showcase-key-B.pdf",
        "showcase-worksheet-A.pdf",
        "showcase-worksheet-B.pdf",
        "showcase.apkg",
    ]
    assert page_size(out / "showcase-worksheet-A.pdf") == pytest.approx((612, 792), abs=0.5)
    for name in ("A", "B"):
        text = " ".join(page_texts(out / f"showcase-worksheet-{name}.pdf"))
        assert "4. " in text and "5. " not in text
    # the deck is the whole bank: selection is for printing
    assert notes_in_deck(out / "showcase.apkg") == 11


def test_selection_by_tags_and_types_is_seeded(tmp_path: Path) -> None:
    picked = Selection.parse(3, "people,treaty", "multiple_choice,true_false,matching")
    first = build([SHOWCASE], tmp_path / "a", ["pdf"], selection=picked)
    again = build([SHOWCASE], tmp_path / "b", ["pdf"], selection=picked)
    text = " ".join(page_texts(tmp_path / "a" / "showcase-worksheet.pdf"))
    assert text == " ".join(page_texts(tmp_path / "b" / "showcase-worksheet.pdf"))
    questions = first.quizzes[0].questions
    assert questions == again.quizzes[0].questions
    shown = [q for q in questions if flat(q.prompt) in text]
    assert len(shown) == 3
    assert all(q.type.value in ("multiple_choice", "true_false", "matching") for q in shown)
    assert all({"people", "treaty"} & set(q.tags) for q in shown)
    other_seed = build([SHOWCASE], tmp_path / "c", ["pdf"], seed=99, selection=Selection(3))
    again_text = " ".join(page_texts(tmp_path / "c" / "showcase-worksheet.pdf"))
    assert other_seed.quizzes[0].seed == 99 and "3. " in again_text


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (
            ["--count", "40"],
            1,
            "set 'showcase': --count 40 asks for more questions than the 11 matching the "
            "whole bank",
        ),
        (["--tags", "nothing-has-this"], 1, "no question of any set matches tags nothing-has-this"),
        (["--types", "essay"], 2, "--types: unknown question type 'essay'"),
        (["--paper", "a3"], 2, "a3"),
        (["--versions", "27"], 2, "26"),
    ],
)
def test_a_selection_that_cannot_be_met_writes_nothing(
    cli: Callable[..., Any], tmp_path: Path, args: list[str], code: int, message: str
) -> None:
    result = cli("build", str(SHOWCASE), *args)
    assert result.exit_code == code
    assert message in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "output").exists()


def test_same_source_date_epoch_gives_the_same_bytes_for_every_pdf(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1737072000")
    for folder in ("a", "b"):
        build([SHOWCASE, BUNDLED], tmp_path / folder, ["pdf"], versions=2, word_bank=True)
    names = sorted(p.name for p in (tmp_path / "a").glob("[!.]*"))
    assert len(names) == 10
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


STRESS_SET = """\
set:
  title: A set whose title is long enough to need more than one line on the page, so it wraps
  seed: 5
  require_evidence: false   # a test set without a source text
  source:
    title: {word}
    publisher: Nobody
    date: 2025-01-01
"""


def _stress_questions() -> str:
    lines = ["questions:"]
    for i in range(24):
        lines += [
            f"  - id: q{i}",
            "    type: multiple_choice",
            f"    prompt: Question {i} — " + "a rather long prompt that keeps going " * (2 + i % 5),
            f"    answer: right {i} " + "with a long explanation of the option " * (i % 3),
            f"    distractors: ['wrong {i} {LONG_WORD}', 'also wrong {i}', 'not it {i}']",
        ]
    lines += [
        "  - id: long-matching",
        "    type: matching",
        "    prompt: Match them.",
        f"    pairs: [[left one, '{LONG_WORD}'], [left two, right two is long " + "x " * 40 + "]]",
        "  - id: long-answer",
        "    type: short_answer",
        "    prompt: Write it out.",
        "    answer: " + "a long expected answer " * 12,
    ]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_nothing_runs_off_the_page_and_no_question_leaves_its_options(
    make_set: Callable[..., Path], tmp_path: Path, paper: str
) -> None:
    folder = make_set(
        {"set.yaml": STRESS_SET.format(word=LONG_WORD), "questions.yaml": _stress_questions()}
    )
    result = build([folder], tmp_path / "out", ["pdf"], paper=paper)
    register()
    for name in ("demo-worksheet.pdf", "demo-key.pdf", "demo-flashcards.pdf"):
        path = tmp_path / "out" / name
        reader = PdfReader(path)
        width, height = page_size(path)
        assert len(reader.pages) > 2
        for page in reader.pages:

            def visit(text: str, cm: Any, tm: Any, font: Any, size: float) -> None:
                if not text.strip() or font is None:
                    return
                face = BOLD if "Bold" in str(font["/BaseFont"]) else REGULAR
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                end = x + stringWidth(text.rstrip("\n"), face, size) * cm[0]
                assert x > 30 and end < width - 30, (name, text)  # noqa: B023
                assert 15 < y < height - 30, (name, text)  # noqa: B023

            page.extract_text(visitor_text=visit)
    pages = page_texts(tmp_path / "out" / "demo-worksheet.pdf")
    numbered = [q for q in result.quizzes[0].questions if q.type.value == "multiple_choice"]
    for number, question in enumerate(numbered, start=1):
        start = f"{number}. {flat(question.prompt)[:30]}"
        [page] = [p for p in pages if start in p]
        after = page[page.index(start) :]
        for letter, choice in zip("ABCD", question.choices, strict=True):
            assert f"{letter}. {flat(choice)[:12]}" in after, (number, letter)


def test_a_paragraph_wrapped_again_at_its_width_lays_out_as_reportlabs_own() -> None:
    """``Para`` keeps the lines of its last wrap. A document of questions held together, long
    paragraphs split over pages and table cells drawn is byte for byte the one reportlab's own
    ``Paragraph`` makes; with markup and a word too long for its line (a URL), where reportlab's
    later wraps can space the text operators differently, the text of every page is the same.
    A second wrap at the same width breaks no line."""
    import io

    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Table

    from quizgen.render.pdf.layout import Para, styles

    register()  # quizgen's styles set DejaVu Sans
    plain = getSampleStyleSheet()["Normal"]
    long = " ".join(f"word{i} and some more text" for i in range(1500))  # about three pages

    def document(kind: type[Any], text: str, style: Any) -> bytes:
        story = []
        for n in range(3):
            cell = Table([[kind(text[:3000], style)]])
            block = [kind(f"{n}. short", style), kind(text, style), cell]
            story += [KeepTogether(block), kind("after " * 50, style)]
        out = io.BytesIO()
        SimpleDocTemplate(out, invariant=1).build(story)
        return out.getvalue()

    assert document(Para, long, plain) == document(Paragraph, long, plain)
    url = "https://www.nytimes.com/2025/01/17/world/europe/russia-iran-treaty-putin.html?x=y"
    marked = f"<b>Why:</b> the article says so, see {url} for the text of it all."

    def cells(kind: type[Any]) -> list[str]:
        story = [
            Table([[kind(marked, style)]], colWidths=[width])
            for style in styles().values()
            for width in (150, 200, 250, 300)
        ]
        out = io.BytesIO()
        SimpleDocTemplate(out, invariant=1).build(story)
        return [page.extract_text() for page in PdfReader(io.BytesIO(out.getvalue())).pages]

    assert cells(Para) == cells(Paragraph)
    para = Para(long[:2000], plain)
    size = para.wrap(300, 800)
    broken = para.blPara
    assert para.wrap(300, 100) == size and para.blPara is broken  # not broken again
    assert para.wrap(200, 800) != size  # another width: broken anew
