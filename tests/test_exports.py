"""What every export shares: `--format all`, the selection, the manifest and pinned bytes."""

from __future__ import annotations

import json
import re
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from openpyxl import load_workbook

from quizgen.build import build, render_options
from quizgen.render import REGISTRY, get_renderer

from .conftest import BUNDLED
from .export_helpers import bank, built, parse_gift

EXPORTS = ("moodle", "gift", "qti", "kahoot", "quizlet")


def exported_ids(out: Path, name: str, questions: dict[str, dict[str, Any]]) -> dict[str, set[str]]:
    """The question ids each export of set ``name`` in ``out`` holds."""
    by_prompt = {q["prompt"]: q["id"] for q in questions.values()}
    moodle = etree.parse(str(out / f"{name}-moodle.xml")).getroot()
    qti = zipfile.ZipFile(out / f"{name}-canvas-qti.zip")
    document = next(n for n in qti.namelist() if re.search(r"/(.+)/\1\.xml$", "/" + n))
    items = etree.fromstring(qti.read(document)).iter("{*}item")
    sheet = load_workbook(out / f"{name}-kahoot.xlsx").worksheets[0]
    quizlet = (out / f"{name}-quizlet.txt").read_text(encoding="utf-8").splitlines()
    return {
        "moodle": {e.findtext("idnumber") for e in moodle.findall("question[idnumber]")},
        "gift": {
            q["title"] for q in parse_gift(out / f"{name}-gift.txt") if q["type"] != "Category"
        },
        "qti": {i.get("title") for i in items},
        "kahoot": {
            by_prompt[r[0]] for r in sheet.iter_rows(min_row=9, min_col=2, values_only=True) if r[0]
        },
        # a matching question's cards are its pairs: only the other questions' terms are prompts
        "quizlet": {
            by_prompt[t] for t in (line.split("\t")[0] for line in quizlet) if t in by_prompt
        },
    }


def test_format_all_is_every_registered_format(
    cli: Callable[..., Any], bundled_copy: Path, tmp_path: Path
) -> None:
    # a copy: the deck's build records its notes in the set folder (anki-state.json)
    result = built(cli, bundled_copy, tmp_path, "--format", "all")
    written = {
        Path(line.split()[-1]).name for line in result.stdout.splitlines() if "wrote" in line
    }
    options = render_options()
    quizzes = []
    from quizgen.build import load_quizzes

    quizzes = load_quizzes([bundled_copy])
    for name in REGISTRY:
        expected = get_renderer(name).outputs(quizzes[0], options)
        assert expected and set(expected) <= written, name
    manifest = json.loads((tmp_path / ".quizgen-manifest.json").read_text())
    assert written <= set(manifest["files"])


def test_every_export_follows_the_selection(cli: Callable[..., Any], tmp_path: Path) -> None:
    questions = bank(cli, BUNDLED)
    args = ("--types", "multiple_choice", "--tags", "quotes", "--count", "4")
    built(cli, BUNDLED, tmp_path, "--format", ",".join(EXPORTS), *args)
    held = exported_ids(tmp_path, "russia-iran-treaty", questions)
    chosen = held["moodle"]
    assert len(chosen) == 4
    assert all(questions[q]["type"] == "multiple_choice" for q in chosen)
    assert all("quotes" in questions[q]["tags"] for q in chosen)
    for name in ("gift", "qti", "quizlet"):
        assert held[name] == chosen, name
    assert held["kahoot"] <= chosen  # Kahoot leaves out what does not fit its limits
    # the same seed picks the same questions
    built(cli, BUNDLED, tmp_path / "again", "--format", "moodle", *args)
    again = etree.parse(str(tmp_path / "again" / "russia-iran-treaty-moodle.xml")).getroot()
    assert {e.findtext("idnumber") for e in again.findall("question[idnumber]")} == chosen


def test_without_selection_every_export_holds_the_whole_bank(
    cli: Callable[..., Any], tmp_path: Path
) -> None:
    questions = bank(cli, BUNDLED)
    built(cli, BUNDLED, tmp_path, "--format", ",".join(EXPORTS))
    held = exported_ids(tmp_path, "russia-iran-treaty", questions)
    assert held["moodle"] == held["qti"] == set(questions)


def test_same_source_date_epoch_gives_the_same_bytes(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1737072000")
    first = build([BUNDLED], tmp_path / "first", list(EXPORTS), versions=2)
    # the second build as if a day later: the clock must not reach the bytes
    later = time.time() + 86_400
    monkeypatch.setattr(time, "time", lambda: later)
    monkeypatch.setattr(time, "localtime", lambda seconds=None: time.gmtime(later))
    second = build([BUNDLED], tmp_path / "second", list(EXPORTS), versions=2)
    names = sorted(p.name for p in first.written)
    assert names == sorted(p.name for p in second.written)
    assert len(names) == 1 + 1 + 2 + 2 + 1  # moodle, gift, a package and a sheet per form, quizlet
    for name in names:
        assert (tmp_path / "first" / name).read_bytes() == (
            tmp_path / "second" / name
        ).read_bytes(), name
    with zipfile.ZipFile(tmp_path / "first" / "russia-iran-treaty-kahoot-A.xlsx") as archive:
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    assert "2025-01-17T00:00:00Z" in core  # created and modified: SOURCE_DATE_EPOCH


def test_exports_are_not_written_over_a_file_quizgen_did_not_write(
    cli: Callable[..., Any], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "russia-iran-treaty-gift.txt").write_text("mine", encoding="utf-8")
    result = cli("build", str(BUNDLED), "--out", str(out), "--format", "moodle,gift")
    assert result.exit_code != 0
    assert "was not created by quizgen" in result.stderr
    assert (out / "russia-iran-treaty-gift.txt").read_text(encoding="utf-8") == "mine"
    assert not (out / "russia-iran-treaty-moodle.xml").exists()


def test_the_notes_quoted_in_docs_are_what_the_build_prints(
    cli: Callable[..., Any], tmp_path: Path
) -> None:
    docs = (Path(__file__).resolve().parent.parent / "docs" / "exports.md").read_text()
    result = built(cli, BUNDLED, tmp_path, "--format", "gift,kahoot", "--quiet")
    # only the exports' notes: not the printed sheets' give-away warnings (rule Q502), nor the
    # note that the article is missing on a machine without it
    gift, kahoot = [line for line in result.stderr.splitlines() if ": skipped " in line]
    assert gift in docs
    assert kahoot.removeprefix("russia-iran-treaty: ") in docs
