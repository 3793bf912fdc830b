"""Shared by the export tests: the sets they build, the bank as `list --json` prints it, and
ways to read back what an export says."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from .conftest import ROOT

EXPORT_SETS = Path(__file__).resolve().parent / "export_sets"
TRICKY = EXPORT_SETS / "tricky"
"""Every question type, each text full of <, &, quotes, braces, ~, #, =, :: and Cyrillic or
Greek: what every format must carry through its escaping."""

TAG = re.compile(r"<[^>]+>")


MAP_QUESTION = """\
    questions:
      - id: map-question
        type: short_answer
        prompt: Which sea is shaded on the map?
        answer: the Caspian Sea
        image: map.png
"""
"""A short answer with a picture (``map.png``), written by :func:`set_with_a_picture`."""


def set_with_a_picture(make_set: Callable[..., Path], more_questions: str = "") -> Path:
    """A set whose first question shows a small grey ``map.png``; ``more_questions`` (YAML list
    items, indented as in :data:`MAP_QUESTION`) follow it."""
    from PIL import Image

    folder = make_set({"questions.yaml": MAP_QUESTION + more_questions})
    Image.new("L", (12, 8), 128).save(folder / "map.png")
    return folder


def bank(cli: Callable[..., Any], folder: Path, *args: str) -> dict[str, dict[str, Any]]:
    """The questions of ``folder`` as ``quizgen list --json`` prints them, by id."""
    result = cli("list", str(folder), "--json", *args)
    assert result.exit_code == 0, result.output
    return {q["id"]: q for q in json.loads(result.stdout)}


def citation(folder: Path) -> str:
    """The set's citation as every output prints it: ``quiz.meta.source.text()``."""
    from quizgen.build import load_quizzes

    text: str = load_quizzes([folder])[0].meta.source.text()
    return text


def built(cli: Callable[..., Any], folder: Path, out: Path, *args: str) -> Any:
    result = cli("build", str(folder), "--out", str(out), *args)
    assert result.exit_code == 0, result.output
    return result


def plain(markup: str) -> str:
    """The text an HTML fragment shows: tags dropped, references decoded."""
    return html.unescape(TAG.sub(" ", markup)).strip()


def assert_feedback(feedback: str, question: dict[str, Any], citation: str) -> None:
    """The feedback carries the explanation, every evidence passage and the citation."""
    shown = " ".join(feedback.split())
    for text in [question["explanation"], *question["evidence"], citation]:
        assert " ".join(text.split()) in shown, (question["id"], text)


def node_package(name: str) -> Path | None:
    """``node_modules/<name>`` when node and the package are there; skip (or fail, with
    ``QUIZGEN_REQUIRE_NODE=1``) otherwise."""
    package = ROOT / "node_modules" / name
    node = shutil.which("node")
    if node is not None and package.is_dir():
        return package
    reason = f"needs node and the npm package {name} (run `npm ci`)"
    if os.environ.get("QUIZGEN_REQUIRE_NODE") == "1":
        pytest.fail(reason + "; QUIZGEN_REQUIRE_NODE=1 makes it required")
    pytest.skip(reason)
    return None


def parse_gift(path: Path) -> list[dict[str, Any]]:
    """``path`` parsed by the npm package gift-pegjs (the parser of the VS Code GIFT
    extension), run with node."""
    package = node_package("gift-pegjs")
    script = (
        "const {parse} = require(process.argv[1]);"
        "const text = require('fs').readFileSync(process.argv[2], 'utf8');"
        "process.stdout.write(JSON.stringify(parse(text)));"
    )
    result = subprocess.run(
        ["node", "-e", script, str(package), str(path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    parsed: list[dict[str, Any]] = json.loads(result.stdout)
    return parsed
