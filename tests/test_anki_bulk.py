"""The renderer writes notes and cards in bulk (quizgen/render/anki/bulk.py) instead of through
genanki's per-note path: held here to the very database genanki writes, byte for byte."""

from __future__ import annotations

import itertools
import random
import sqlite3
import subprocess
import sys
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path

import genanki
import pytest

from quizgen.generate import generate
from quizgen.load import load_set
from quizgen.models import QuestionType, Quiz
from quizgen.render import RenderOptions
from quizgen.render.anki import AnkiRenderer, deck_id, deck_name, note_for, notetypes
from quizgen.render.anki.bulk import card_ordinals
from quizgen.render.anki.notes import (
    INSTRUCTIONS,
    REVERSE_INSTRUCTION,
    Media,
    base91,
    esc,
    fields_for,
    guid,
    media_for,
    source_html,
)

from .conftest import BUNDLED, ROOT
from .test_anki_deck import EVERY_TYPE
from .test_anki_package import PIXEL, WITH_IMAGES

TIMESTAMP = 1737100000.0

TAGGED_SET = """\
set:
  title: Every kind of note
  deck: Every kind
  description: Notes of every type, <b>escaped</b>.
  seed: 3
  tags: [set-tag, "ü"]
  source:
    title: A short text
    publisher: Nobody
    date: 2025-01-01
    url: https://example.org/text
"""


def genanki_database(quiz: Quiz, path: Path) -> None:
    """The deck as the renderer wrote it before the bulk path: a ``genanki.Note`` per question
    (:func:`note_for`), written by genanki's own ``Package.write_to_db``."""
    meta = quiz.meta
    description = f"{esc(meta.description)}<br>{source_html(meta.source)}".removeprefix("<br>")
    decks = {meta.deck: genanki.Deck(deck_id(meta.name, meta.deck), meta.deck, description)}
    media: dict[Path, Media] = {}
    for question in quiz.questions:
        name = deck_name(quiz, question)
        if name not in decks:
            decks[name] = genanki.Deck(deck_id(meta.name, name), name)
        picture = None
        if question.image is not None:
            picture = media.setdefault(question.image, media_for(question.image))
        decks[name].add_note(note_for(question, meta.source, picture))
    connection = sqlite3.connect(path)
    with warnings.catch_warnings():
        # genanki's invalid-HTML warning, which the bulk path does not check for, must not fire
        warnings.simplefilter("error")
        genanki.Package(list(decks.values())).write_to_db(
            connection.cursor(), TIMESTAMP, itertools.count(int(TIMESTAMP * 1000))
        )
    connection.commit()
    connection.close()


def rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    connection = sqlite3.connect(path)
    try:
        tables = ("col", "notes", "cards", "revlog", "graves")
        return {
            t: connection.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall() for t in tables
        }
    finally:
        connection.close()


def assert_bulk_matches_genanki(folder: Path, tmp_path: Path) -> Quiz:
    quiz = generate(load_set(folder))
    options = RenderOptions(timestamp=TIMESTAMP, reproducible=True)
    [apkg] = AnkiRenderer().render(quiz, tmp_path, options)
    bulk = tmp_path / "bulk.anki2"
    with zipfile.ZipFile(apkg) as archive:
        bulk.write_bytes(archive.read("collection.anki2"))
    reference = tmp_path / "genanki.anki2"
    genanki_database(quiz, reference)
    # rows first, for a readable difference; then every byte of the file
    assert rows(bulk) == rows(reference)
    assert bulk.read_bytes() == reference.read_bytes()
    return quiz


def test_bundled_set(tmp_path: Path) -> None:
    quiz = assert_bulk_matches_genanki(BUNDLED, tmp_path)
    assert len(quiz.questions) > 20


def test_every_type_reverse_cards_pictures_subdecks_and_tags(
    make_set: Callable[..., Path], tmp_path: Path
) -> None:
    more = EVERY_TYPE.replace("questions:\n", "questions:\n  - id: mc2\n"
        "    type: multiple_choice\n    topic: Choices\n    prompt: Again?\n    answer: 'yes'\n"
        "    distractors: ['no']\n    reverse: true\n    tags: [again]\n", 1)  # fmt: skip
    folder = make_set(
        {"set.yaml": TAGGED_SET, "questions.yaml": more, "pictures.yaml": WITH_IMAGES}
    )
    (folder / "pictures").mkdir()
    (folder / "pictures" / "kremlin.png").write_bytes(PIXEL)
    (folder / "map.png").write_bytes(PIXEL + b"map")
    quiz = assert_bulk_matches_genanki(folder, tmp_path)
    # the set covers what the bulk path must get right
    assert len({q.type for q in quiz.questions}) == 7
    assert sum(q.reverse for q in quiz.questions) >= 2
    assert sum(q.image is not None for q in quiz.questions) >= 3
    assert len({deck_name(quiz, q) for q in quiz.questions}) >= 3
    # sub-decks whose questions come back after another deck's, and a deck using two note types
    names = [deck_name(quiz, q) for q in quiz.questions]
    assert any(a != b and a in names[i + 1 :] for i, (a, b) in enumerate(itertools.pairwise(names)))


def test_generated_benchmark_set(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "generate_set.py"), "600", str(tmp_path)],
        check=True,
        capture_output=True,
    )
    quiz = assert_bulk_matches_genanki(tmp_path / "bench-600", tmp_path)
    assert len(quiz.questions) == 600


def test_guid_is_genankis() -> None:
    rng = random.Random(8)
    alphabet = "abcxyz-_0123456789 ./:ü€😀\n"
    values = [("set", "q")] + [
        ("".join(rng.choices(alphabet, k=rng.randint(0, 12))), f"{rng.random()}-{i}")
        for i in range(20_000)
    ]
    assert [guid(*v) for v in values] == [genanki.guid_for(*v) for v in values]


def _genanki_base91(number: int) -> str:
    # genanki.util.guid_for's loop, for numbers no hash is known to give (few leading digits)
    table = genanki.util.BASE91_TABLE
    digits = []
    while number > 0:
        digits.append(table[number % len(table)])
        number //= len(table)
    return "".join(reversed(digits))


@pytest.mark.parametrize(
    "number",
    [0, 1, 90, 91, 92, 8280, 8281, 8282, 91**3, 91**5 - 1, 91**9, 91**9 - 1, 2**63, 2**64 - 1],
)
def test_base91_edges(number: int) -> None:
    assert base91(number) == _genanki_base91(number)


@pytest.mark.parametrize(
    ("model", "fields"),
    [
        (notetypes.CHOICE, ["p", "i", "", "o", "om", "a", "", "e", "ev", "s", "id"]),
        (notetypes.CHOICE, ["p", "i", "", "o", "om", "a", "Reverse", "e", "ev", "s", "id"]),
        (notetypes.CHOICE, ["", "", "", "", "", "", "", "", "", "", ""]),
        (notetypes.TYPE_IN, ["p", "i", "", "a", "", "Reverse", "", "", "", "id"]),
        (notetypes.TYPE_IN, ["p", "i", "", "a", "", "", "", "", "", "id"]),
        (notetypes.ARRANGE, ["p", "i", "", "items", "sol", "", "", "", "id"]),
        (notetypes.CLOZE, ["{{c1::a}} {{c1::b}}", "i", "", "", "", "", "id"]),
        (notetypes.CLOZE, ["{{c3::a}} {{c1::b}} {{c12::c}} {{c0::d}}", "", "", "", "", "", ""]),
        (
            notetypes.CLOZE,
            ["no cloze &#123;&#123;c1&#58;&#58;x&#125;&#125;", "", "", "", "", "", ""],
        ),
    ],
)
def test_card_ordinals_are_genankis_cards(model: genanki.Model, fields: list[str]) -> None:
    note = genanki.Note(model=model, fields=fields)
    assert card_ordinals(model, fields) == tuple(card.ord for card in note.cards)


def test_fields_are_listed_in_each_note_types_order(make_set: Callable[..., Path]) -> None:
    # fields_for lists values by position (the reference path above shares it, so this is
    # checked here, by the note types' own field names)
    quiz = generate(load_set(make_set({"questions.yaml": EVERY_TYPE})))
    source = source_html(quiz.meta.source)
    for question in quiz.questions:
        model, fields = fields_for(question, source)
        named = dict(zip([field["name"] for field in model.fields], fields, strict=True))
        assert named["Instruction"] == INSTRUCTIONS[question.type]
        assert named["Image"] == ""
        assert named["Explanation"] == esc(question.explanation)
        assert named["Evidence"] == "".join(f"<p>“{esc(e)}”</p>" for e in question.evidence)
        assert named["Source"] == source
        assert named["QuestionId"] == esc(question.id)
        if question.type is QuestionType.CLOZE:
            assert "{{c1::" in named["Text"]
            continue
        assert named["Prompt"] == esc(question.prompt)
        if "Reverse" in named:
            assert named["Reverse"] == (REVERSE_INSTRUCTION if question.reverse else "")
        if question.type is QuestionType.SHORT_ANSWER:
            assert named["Answer"] == esc(question.answers[0])
            assert named["Accepted"] == esc(", ".join(question.answers[1:]))
        elif "Options" in named:
            assert "qz-correct" in named["OptionsMarked"] and "qz-correct" not in named["Options"]
            assert named["Answer"] == "<br>".join(esc(a) for a in question.answers)
        else:
            assert named["Items"].startswith("<") and "qz-answer" in named["Solution"]
