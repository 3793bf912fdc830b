from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from quizgen.cli import app
from quizgen.render import REGISTRY

from .conftest import BUNDLED


def test_build_writes_deck_printouts_and_page_per_set(
    cli: Callable[..., Any], bundled_copy: Path, tmp_path: Path
) -> None:
    result = cli("build")
    assert result.exit_code == 0, result.stderr
    names = sorted(p.name for p in (tmp_path / "output").iterdir() if p.name[0] != ".")
    assert names == [
        f"{BUNDLED.name}-flashcards.pdf",
        f"{BUNDLED.name}-key.pdf",
        f"{BUNDLED.name}-worksheet.pdf",
        f"{BUNDLED.name}.apkg",
        f"{BUNDLED.name}.html",
    ]


def test_build_options_select_sets_formats_and_folder(
    cli: Callable[..., Any], bundled_copy: Path, tmp_path: Path
) -> None:
    shutil.copytree(bundled_copy, tmp_path / "questions" / "other")
    result = cli("build", "other", "--format", "anki", "--out", "decks", "--seed", "3")
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "decks").glob("[!.]*")) == ["other.apkg"]
    assert "(seed 3)" in result.stdout


def test_list_json_is_byte_identical_for_the_same_seed(
    cli: Callable[..., Any], bundled_copy: Path
) -> None:
    first = cli("list", "--json", "--seed", "11").stdout
    second = cli("list", "--json", "--seed", "11").stdout
    assert first == second
    data = json.loads(first)
    assert {
        "id",
        "set",
        "type",
        "prompt",
        "choices",
        "answers",
        "explanation",
        "evidence",
        "tags",
    } <= set(data[0])
    assert cli("list", "--json", "--seed", "12").stdout != first


def test_list_table_ends_with_counts(cli: Callable[..., Any], bundled_copy: Path) -> None:
    result = cli("list", BUNDLED.name)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1].split(":")[0].endswith("questions")


def test_unknown_format_and_missing_set(cli: Callable[..., Any], bundled_copy: Path) -> None:
    result = cli("build", "--format", "docx")
    assert result.exit_code == 2  # a command-line value, like any bad option
    known = ", ".join(sorted(REGISTRY))
    assert result.stderr.strip() == f"unknown format 'docx' (known: {known}, all)"
    result = cli("build", "--format", "anki,pdff")  # a typo gets a suggestion
    assert result.exit_code == 2
    assert (
        result.stderr.strip()
        == f"unknown format 'pdff' (did you mean 'pdf'?) (known: {known}, all)"
    )
    result = cli("build", "nope")
    assert result.exit_code == 1
    assert result.stderr.strip() == "nope: no such set folder"


def test_output_folder_that_is_a_file(
    cli: Callable[..., Any], bundled_copy: Path, tmp_path: Path
) -> None:
    (tmp_path / "output").write_text("not a folder")
    result = cli("build")
    assert result.exit_code == 3
    assert result.stderr.strip() == "output folder output is a file"


def test_python_dash_m_runs_the_cli() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "quizgen", "--help"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0
    assert "build" in done.stdout and "validate" in done.stdout


def test_help_lists_every_command_on_one_untruncated_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    result = CliRunner().invoke(app, ["--help"])
    assert result.exit_code == 0
    commands = result.stdout.split("Commands:")[1].strip().splitlines()
    assert len(commands) == len(app.registered_commands)
    for line in commands:
        assert len(line) <= 80 and not line.endswith("..."), line


@pytest.mark.parametrize(
    "command", [c.name or c.callback.__name__ for c in app.registered_commands]
)
def test_each_commands_usage_line_reads_cleanly(command: str) -> None:
    result = CliRunner().invoke(app, [command, "--help"])
    assert result.exit_code == 0
    usage = result.stdout.splitlines()[0]
    assert usage.startswith(f"Usage: quizgen {command} [OPTIONS]")
    assert "[[" not in usage and "]]" not in usage, usage
