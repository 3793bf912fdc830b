"""Property tests: whatever text a teacher types builds, imports into Anki as typed, and prints.

Prompts, answers and options are drawn from arbitrary Unicode mixed with HTML-, Jinja-, cloze- and
reportlab-markup-like fragments. Each example is written as YAML (as a teacher's file would be),
built into a deck and a worksheet with its key, imported into a fresh collection with Anki's own
library, and read back from the PDFs with pypdf. Characters the PDF font cannot print are refused
at build time by design, so the printing property draws from the characters the font covers; the
Anki property draws from all of Unicode but control characters, which quizgen refuses (tested
below). The examples are the same on every run; the ``@example`` cases are bugs these properties
found (a tab in a type-in answer; text beyond U+FFFF lost by PDF text extraction).
"""

from __future__ import annotations

import tempfile
import unicodedata
from pathlib import Path

import pytest
import yaml
from anki.collection import StripHtmlMode
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from reportlab.pdfbase import pdfmetrics

from quizgen.build import build
from quizgen.errors import ValidationFailed
from quizgen.generate import normalise
from quizgen.render.pdf.fonts import REGULAR, register, unprintable

from .anki_helpers import fresh_collection, import_package, notes_by_question_id, text
from .pdf_helpers import all_text, flat

SET_YAML = {
    "set": {
        "title": "Property set",
        "seed": 1,
        "require_evidence": False,  # no source text: arbitrary texts quote nothing
        "source": {"title": "A text", "publisher": "Nobody", "date": "2025-01-01"},
    }
}

MARKUP = [
    "<script>alert('x')</script>",
    "<b>bold</b>",
    "<i>",
    "</div>",
    "<br/>",
    "&amp;",
    "&lt;",
    "&#x27;",
    "&nbsp;",
    "&",
    "<",
    ">",
    '"',
    "'",
    "{{c1::cloze}}",
    "{{Prompt}}",
    "{{",
    "}}",
    "::",
    "{% if x %}",
    "{#",
    "[[",
    "]]",
    "<para>",
    "<font color=red>",
    "\\",
    "%",
    "\t",
    "\n",
]

# Every character Python can put in a str, except surrogates (not encodable as UTF-8) and control
# characters, which quizgen refuses (test_control_characters_are_refused_at_their_line).
ANY_CHARACTER = st.characters(exclude_categories=("Cs", "Cc"))


RIGHT_TO_LEFT_SCRIPTS = ("HEBREW", "ARABIC", "SYRIAC", "THAANA", "NKO", "SAMARITAN", "MANDAIC")


def _printable_characters() -> list[str]:
    """The characters the PDF font covers and quizgen agrees to print, drawn from directly
    (filtering all of Unicode would reject most draws)."""
    register()
    covered = pdfmetrics.getFont(REGULAR).face.charToGlyph
    return [
        chr(code)
        for code in sorted(covered)
        if not list(unprintable(chr(code)))
        # format characters (a soft hyphen, a zero-width space) are invisible by design: they
        # only say where a line may break or how letters join
        and unicodedata.category(chr(code)) not in ("Cf", "Cc")
        # right-to-left text is refused (it needs shaping), and the marks, signs and digits of
        # those scripts make no sense without it
        and not unicodedata.name(chr(code), "").startswith(RIGHT_TO_LEFT_SCRIPTS)
        and unicodedata.bidirectional(chr(code)) not in ("R", "AL", "AN")
    ]


PRINTABLE_CHARACTER = st.sampled_from(_printable_characters())


def texts(characters: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """Texts a question may hold: no cloze blank ("[["), and no "|", which separates answers
    wherever they are listed (an answer holding one is refused: test_answer_lists.py)."""
    piece = st.one_of(st.text(characters, min_size=1, max_size=12), st.sampled_from(MARKUP))
    return (
        st.lists(piece, min_size=1, max_size=4)
        .map("".join)
        .filter(lambda s: bool(s.strip()) and "[[" not in s and "|" not in s)
    )


def question_texts(characters: st.SearchStrategy[str]) -> st.SearchStrategy[list[str]]:
    """A prompt, an answer and three distractors, distinct as quizgen compares options."""
    return st.lists(texts(characters), min_size=5, max_size=5, unique_by=normalise)


def write_set(folder: Path, values: list[str]) -> None:
    prompt, answer, *wrong = values
    folder.mkdir(parents=True)
    (folder / "set.yaml").write_text(yaml.safe_dump(SET_YAML), encoding="utf-8")
    questions = {
        "questions": [
            {
                "id": "choice",
                "type": "multiple_choice",
                "prompt": prompt,
                "answer": answer,
                "distractors": wrong,
            },
            {"id": "typed", "type": "short_answer", "prompt": answer, "answer": prompt},
        ]
    }
    (folder / "questions.yaml").write_text(
        yaml.safe_dump(questions, allow_unicode=True), encoding="utf-8"
    )


def shown(value: str) -> str:
    """What a card shows of a typed text: spacing collapsed, and in Unicode's composed form (NFC),
    to which Anki normalises every field on import (U+F900 豈 becomes U+8C48 豈: the same
    character to a reader)."""
    return unicodedata.normalize("NFC", flat(value))


SETTINGS = settings(
    max_examples=20,
    deadline=None,
    derandomize=True,  # the same examples on every run: CI never flakes on a new draw
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


@SETTINGS
@given(question_texts(ANY_CHARACTER))
@example(["a\tprompt and the typed answer", "an answer", "x", "y", "z"])
@example(["😀 emoji", "𝔸 maths", "<b>&amp;</b>", "{{c1::x}}", "豈"])
def test_any_text_imports_into_anki_as_typed(values: list[str]) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        folder = root / "questions" / "props"
        write_set(folder, values)
        build([folder], root / "out", ["anki"])
        with fresh_collection(root) as collection:
            log = import_package(collection, root / "out" / "props.apkg")
            assert len(log.new) == 2
            notes = notes_by_question_id(collection)
            choice = notes["choice"].cards()[0]
            front, back = text(choice.question()), text(choice.answer())
            for value in values:
                assert shown(value) in back, (value, back)
            assert shown(values[0]) in front
            typed = notes["typed"].cards()[0]
            assert shown(values[1]) in text(typed.question())
            # a type-in card's back compares what the student typed with the field, as Anki's
            # reviewer does (aqt/reviewer.py passes the field itself to compare_answer)
            field = typed.note()["Answer"]
            expected = collection._backend.strip_html(text=field, mode=StripHtmlMode.NORMAL)
            assert flat(expected) == shown(values[0])
            comparison = collection.compare_answer(field, shown(values[0]))
            assert "typeBad" not in comparison and "typeMissed" not in comparison, comparison
            message, ok = collection.fix_integrity()
            assert ok, message


@SETTINGS
@given(question_texts(PRINTABLE_CHARACTER))
@example(["Smile 😀", "𝔸 maths", "<para>&amp;</para>", "Кремль", "Ελλάδα"])
def test_printable_text_prints_in_the_worksheet_and_the_key(values: list[str]) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        folder = root / "questions" / "props"
        write_set(folder, values)
        build([folder], root / "out", ["pdf"])
        worksheet = squeeze(all_text(root / "out" / "props-worksheet.pdf"))
        key = squeeze(all_text(root / "out" / "props-key.pdf"))
        prompt, answer, *wrong = values
        for value in [prompt, answer, *wrong]:
            assert squeeze(value) in worksheet, (value, worksheet)
            assert squeeze(value) in key, (value, key)


def squeeze(value: str) -> str:
    """Text without white space: a PDF line break may fall anywhere a space was, or between two
    characters of a word too long for the line."""
    return "".join(value.split())


@SETTINGS
@given(question_texts(ANY_CHARACTER), st.characters(categories=["Cc"]), st.integers(0, 4))
def test_control_characters_are_refused_at_their_line(
    values: list[str], control: str, which: int
) -> None:
    """Neither a card nor paper can show a control character (Anki even splits its fields at
    U+001F): one written as an escape is refused at its line, unless it is a tab or line break."""
    values[which] = values[which][:1] + control + values[which][1:]
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        folder = root / "questions" / "props"
        write_set(folder, values)
        if control in "\t\n\r\x85" or not values[which].strip():
            return  # white space, and for YAML U+0085 is a line break
        with pytest.raises(ValidationFailed) as refused:
            build([folder], root / "out", ["anki", "pdf"])
        file_lines = (folder / "questions.yaml").read_text(encoding="utf-8").splitlines()
        for problem in refused.value.problems:
            assert problem.location is not None and problem.location.line is not None
            assert problem.location.file.endswith("questions.yaml")
            assert f"control character U+{ord(control):04X}" in problem.message
            # YAML can carry the character only as an escape in a double-quoted text
            assert '"' in file_lines[problem.location.line - 1]
        assert not (root / "out").exists()
