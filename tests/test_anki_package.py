"""The .apkg file itself: pinned bytes, packaged pictures, ids that never come from text."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from quizgen.build import build
from quizgen.generate import generate
from quizgen.load import load_set

from .anki_helpers import block, fresh_collection, import_package, notes_by_question_id
from .conftest import BUNDLED, ROOT

# a 1×1 PNG
PIXEL = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201e2a1d5d50000000049454e44ae426082"
)

WITH_IMAGES = """\
facts:
  places:
    records:
      - id: kremlin
        name: the Kremlin
        image: pictures/kremlin.png
        evidence: in the Kremlin
templates:
  - id: place-picture
    table: places
    type: short_answer
    prompt: Which building is shown?
    answer: "{{ name }}"
    image: "{{ image }}"
questions:
  - id: map
    type: true_false
    prompt: The map shows Moscow.
    answer: true
    image: map.png
  - id: same-map
    type: true_false
    prompt: The same map again.
    answer: true
    image: ./map.png
"""


def _copy_with_image(make_set: Callable[..., Path]) -> Path:
    folder = make_set({"questions.yaml": WITH_IMAGES})
    (folder / "pictures").mkdir()
    (folder / "pictures" / "kremlin.png").write_bytes(PIXEL)
    (folder / "map.png").write_bytes(PIXEL + b"map")
    return folder


def test_same_source_date_epoch_gives_identical_bytes(
    make_set: Callable[..., Path],
    bundled_copy: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Same YAML, same anki-state.json (written by the first build), same SOURCE_DATE_EPOCH."""
    folder = _copy_with_image(make_set)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1737100000")
    build([folder, bundled_copy], tmp_path / "a", ["anki"])
    # a second build in another process (another hash seed, another clock reading)
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    subprocess.run(
        [sys.executable, "-m", "quizgen", "build", "--format", "anki", "--out", str(tmp_path / "b"),
         str(folder), str(bundled_copy)],
        check=True, cwd=ROOT, env=env, capture_output=True,
    )  # fmt: skip
    for name in ("demo.apkg", f"{BUNDLED.name}.apkg"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
        with zipfile.ZipFile(tmp_path / "a" / name) as archive:
            assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1737200000")
    build([folder], tmp_path / "c", ["anki"])
    assert (tmp_path / "a" / "demo.apkg").read_bytes() != (
        tmp_path / "c" / "demo.apkg"
    ).read_bytes()


def test_pictures_are_packaged_once_and_shown(
    make_set: Callable[..., Path], tmp_path: Path
) -> None:
    folder = _copy_with_image(make_set)
    build([folder], tmp_path / "out", ["anki"])
    with zipfile.ZipFile(tmp_path / "out" / "demo.apkg") as archive:
        index = json.loads(archive.read("media"))
        assert len(index) == 2  # map.png and ./map.png are one file
        contents = {name: archive.read(number) for number, name in index.items()}
    assert sorted(contents.values()) == sorted([PIXEL, PIXEL + b"map"])
    with fresh_collection(tmp_path) as collection:
        import_package(collection, tmp_path / "out" / "demo.apkg")
        media_dir = Path(collection.media.dir())
        notes = notes_by_question_id(collection)
        for qid, content in (("place-picture/kremlin", PIXEL), ("map", PIXEL + b"map")):
            front = notes[qid].cards()[0].question()
            image = block(front, "qz-image")
            name = image.split('src="')[1].split('"')[0]
            assert (media_dir / name).read_bytes() == content
            assert name in notes[qid].cards()[0].answer()
        assert collection.media.check().missing == []


@pytest.mark.parametrize(
    ("image", "message"),
    [
        ("missing.png", "image 'missing.png' not found in the set folder"),
        ("../outside.png", "image '../outside.png' is outside the set folder"),
    ],
)
def test_a_bad_picture_is_a_validation_error(
    image: str, message: str, cli: Callable[..., Any], make_set: Callable[..., Path]
) -> None:
    folder = make_set(
        {
            "questions.yaml": f"""\
            questions:
              - id: pic
                type: true_false
                prompt: A picture.
                answer: true
                image: {image}
            """
        }
    )
    (folder.parent / "outside.png").write_bytes(PIXEL)
    result = cli("build", str(folder))
    assert result.exit_code == 1
    assert f"questions.yaml:6: question 'pic': {message}" in result.output
    assert not Path("output").exists() or not list(Path("output").iterdir())


def test_reverse_only_where_a_card_can_be_reversed(
    cli: Callable[..., Any], make_set: Callable[..., Path]
) -> None:
    folder = make_set(
        {
            "questions.yaml": """\
            questions:
              - id: tf
                type: true_false
                prompt: A claim.
                answer: true
                reverse: true
            """
        }
    )
    result = cli("validate", str(folder))
    assert result.exit_code == 1
    assert "questions.yaml:6: question 'tf': reverse: a true_false question cannot be reversed" in (
        result.output
    )


def test_guids_do_not_come_from_text() -> None:
    from quizgen.render.anki.notes import note_for

    quiz = generate(load_set(BUNDLED))
    old = {q.id: note_for(q, quiz.meta.source).guid for q in quiz.questions}
    edited = [
        replace(q, prompt=f"Reworded: {q.prompt}", cloze=q.cloze and f"Now {q.cloze}")
        for q in quiz.questions
    ]
    new = {q.id: note_for(q, quiz.meta.source).guid for q in edited}
    assert old == new
    assert len(set(old.values())) == len(old)
