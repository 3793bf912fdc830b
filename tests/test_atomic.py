"""Nothing lost: atomic outputs, a build that fails half-way, files quizgen did not write."""

from __future__ import annotations

import errno
import json
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from quizgen.build import build, render_options
from quizgen.errors import OutputError
from quizgen.fileio import MANIFEST_NAME, atomic_path, file_digest
from quizgen.models import Quiz
from quizgen.render import REGISTRY, RenderOptions, get_renderer

QUESTIONS = """\
questions:
  - id: capital
    type: multiple_choice
    prompt: What is the capital?
    answer: Paris
    distractors: [Lyon, Nice, Lille]
  - id: river
    type: short_answer
    prompt: Which river flows through Paris?
    answer: Seine
"""


class FailingRenderer:
    """A real renderer in the registry that writes half a file, then fails like a full disk."""

    name = "failing"

    def outputs(self, quiz: Quiz, options: RenderOptions) -> list[str]:
        return [f"{quiz.meta.name}.failing"]

    def render(self, quiz: Quiz, out_dir: Path, options: RenderOptions) -> list[Path]:
        target = out_dir / self.outputs(quiz, options)[0]
        with atomic_path(target) as temporary:
            temporary.write_text("half of it", encoding="utf-8")
            raise OSError(errno.ENOSPC, "No space left on device")


@pytest.fixture
def failing_renderer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(REGISTRY, "failing", f"{__name__}:FailingRenderer")


def files_in(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def manifest(folder: Path) -> dict[str, Any]:
    files: dict[str, Any] = json.loads((folder / MANIFEST_NAME).read_text("utf-8"))["files"]
    return files


def test_atomic_path_leaves_the_old_file_when_the_block_fails(tmp_path: Path) -> None:
    target = tmp_path / "deck.apkg"
    target.write_bytes(b"the previous deck")
    with pytest.raises(RuntimeError), atomic_path(target) as temporary:
        temporary.write_bytes(b"half of the new")
        raise RuntimeError("renderer crashed")
    assert target.read_bytes() == b"the previous deck"
    assert [p.name for p in tmp_path.iterdir()] == ["deck.apkg"]
    with atomic_path(target) as temporary:
        assert temporary.parent == tmp_path and temporary.name.startswith(".deck.apkg.")
        temporary.write_bytes(b"the new deck")
    assert target.read_bytes() == b"the new deck"
    assert [p.name for p in tmp_path.iterdir()] == ["deck.apkg"]


def test_a_build_failing_half_way_keeps_every_earlier_output(
    cli: Callable[..., Any],
    make_set: Callable[..., Path],
    tmp_path: Path,
    failing_renderer: None,
) -> None:
    folder = make_set({"questions.yaml": QUESTIONS})
    out = tmp_path / "output"
    assert cli("build").exit_code == 0
    first = files_in(out)
    assert {"demo.apkg", "demo-worksheet.pdf", "demo-key.pdf"} <= set(first)

    (folder / "questions.yaml").write_text(QUESTIONS.replace("Seine", "the Seine"), "utf-8")
    result = cli("build", "--format", "anki,failing,pdf")
    assert result.exit_code == 3
    assert result.stderr.splitlines() == [
        "output: failing output for set 'demo': No space left on device"
    ]
    assert "Traceback" not in result.stderr
    after = files_in(out)
    # anki ran before the failure: its new deck is complete and recorded as quizgen's own
    assert after["demo.apkg"] != first["demo.apkg"]
    with zipfile.ZipFile(out / "demo.apkg") as archive:
        assert archive.testzip() is None and "collection.anki2" in archive.namelist()
    assert manifest(out)["demo.apkg"]["sha256"] == file_digest(out / "demo.apkg")
    # the failing renderer left nothing, not even its temporary file; pdf never ran
    assert sorted(after) == sorted(first)
    assert after["demo-worksheet.pdf"] == first["demo-worksheet.pdf"]
    assert after["demo-key.pdf"] == first["demo-key.pdf"]
    # and the next build, without the broken renderer, may overwrite all of them again
    assert cli("build").exit_code == 0


def test_a_file_quizgen_did_not_write_is_never_overwritten(
    cli: Callable[..., Any], make_set: Callable[..., Path], tmp_path: Path
) -> None:
    make_set({"questions.yaml": QUESTIONS})
    out = tmp_path / "output"
    out.mkdir()
    (out / "demo-key.pdf").write_bytes(b"a key the teacher made by hand")
    (out / "notes.txt").write_text("the teacher's notes", "utf-8")
    before = files_in(out)

    result = cli("build")
    assert result.exit_code == 3
    assert result.stderr.splitlines() == [
        "output/demo-key.pdf: output/demo-key.pdf was not created by quizgen; "
        "move it away or build with --force to overwrite it"
    ]
    assert files_in(out) == before  # checked before anything was written: not even the deck

    result = cli("build", "--force")
    assert result.exit_code == 0, result.stderr
    assert (out / "demo-key.pdf").read_bytes().startswith(b"%PDF")
    assert (out / "notes.txt").read_text("utf-8") == "the teacher's notes"
    outputs = {p.name for p in out.iterdir()} - {"notes.txt", MANIFEST_NAME}
    assert set(manifest(out)) == outputs >= {"demo.apkg", "demo-worksheet.pdf", "demo-key.pdf"}


def test_a_file_changed_since_quizgen_wrote_it_is_protected(
    cli: Callable[..., Any], make_set: Callable[..., Path], tmp_path: Path
) -> None:
    make_set({"questions.yaml": QUESTIONS})
    out = tmp_path / "output"
    assert cli("build").exit_code == 0
    assert cli("build").exit_code == 0  # its own files: rebuilt without asking
    annotated = (out / "demo-worksheet.pdf").read_bytes() + b"% the teacher's annotations\n"
    (out / "demo-worksheet.pdf").write_bytes(annotated)

    result = cli("build")
    assert result.exit_code == 3
    assert result.stderr.splitlines() == [
        "output/demo-worksheet.pdf: output/demo-worksheet.pdf was changed since quizgen "
        "wrote it; move it away or build with --force to overwrite it"
    ]
    assert (out / "demo-worksheet.pdf").read_bytes() == annotated


def test_a_folder_in_the_way_is_never_replaced_even_with_force(
    cli: Callable[..., Any], make_set: Callable[..., Path], tmp_path: Path
) -> None:
    make_set({"questions.yaml": QUESTIONS})
    (tmp_path / "output" / "demo.apkg").mkdir(parents=True)
    result = cli("build", "--force")
    assert result.exit_code == 3
    assert result.stderr.splitlines() == [
        "output/demo.apkg: output/demo.apkg is a folder; quizgen will not replace it"
    ]
    assert sorted(p.name for p in (tmp_path / "output").iterdir()) == ["demo.apkg"]


def test_a_build_never_deletes(
    cli: Callable[..., Any], make_set: Callable[..., Path], tmp_path: Path
) -> None:
    make_set({"questions.yaml": QUESTIONS})
    assert cli("build").exit_code == 0
    assert cli("build", "--format", "anki").exit_code == 0
    names = {p.name for p in (tmp_path / "output").iterdir()}
    assert {"demo.apkg", "demo-worksheet.pdf", "demo-key.pdf"} <= names


def test_writes_outside_the_output_folder_are_refused(tmp_path: Path) -> None:
    from quizgen.fileio import OutputFolder, writing_into

    out = tmp_path / "output"
    out.mkdir()
    with (
        writing_into(OutputFolder(out)),
        pytest.raises(OutputError, match="not a file of"),
        atomic_path(tmp_path / "escaped.txt") as temporary,
    ):
        temporary.write_text("x", "utf-8")
    assert not (tmp_path / "escaped.txt").exists()


@pytest.mark.parametrize("versions", [0, 2])
def test_every_registered_renderer_writes_atomically_what_it_declares(
    tmp_path: Path, bundled_copy: Path, versions: int
) -> None:
    """Every output goes through atomic_path (so it is in the manifest) and is declared by
    ``outputs()`` (so the check before writing covers it); no other file appears."""
    out = tmp_path / "output"
    formats = sorted(REGISTRY)
    result = build([bundled_copy], out, formats, versions=versions)
    written = {p.name for p in result.written}
    assert len(written) == len(result.written)
    assert set(manifest(out)) == written
    assert {p.name for p in out.iterdir()} == written | {MANIFEST_NAME}
    options = replace(render_options(), versions=versions)
    quiz = result.quizzes[0]
    declared = {n for f in formats for n in get_renderer(f).outputs(quiz, options)}
    assert declared == written
    for name, entry in manifest(out).items():
        assert entry["sha256"] == file_digest(out / name)


def test_two_sets_that_would_write_the_same_file_are_refused(
    cli: Callable[..., Any], make_set: Callable[..., Path], tmp_path: Path
) -> None:
    make_set({"questions.yaml": QUESTIONS})
    other = tmp_path / "elsewhere" / "demo"
    other.parent.mkdir()
    shutil.copytree(tmp_path / "questions" / "demo", other)
    result = cli("build", "demo", "elsewhere/demo", "--format", "anki")
    assert result.exit_code == 3
    assert result.stderr.splitlines() == [
        "output/demo.apkg: 2 outputs of this build would be written to output/demo.apkg: "
        "are two sets' folders named alike?"
    ]
    assert not (tmp_path / "output").exists()
