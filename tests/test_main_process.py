"""The console script as a real process: exit codes, complete output, and no traceback when
the reader of its output stops early."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from .conftest import BUNDLED


def _quizgen(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "quizgen", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_output_is_complete_and_exit_codes_are_kept(tmp_path: Path, bundled_copy: Path) -> None:
    listed = _quizgen("list", str(BUNDLED), "--json", cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    assert len(json.loads(listed.stdout)) == 50  # every byte flushed before the process ended

    # a copy: the deck's build records its notes in the set folder (anki-state.json)
    built = _quizgen("build", str(bundled_copy), "--format", "anki", "--out", "out", cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    assert (tmp_path / "out" / f"{BUNDLED.name}.apkg").stat().st_size > 10_000

    missing = _quizgen("validate", "no-such-set", cwd=tmp_path)
    assert (missing.returncode, missing.stderr) == (1, "no-such-set: no such set folder\n")

    usage = _quizgen("build", "--versions", "many", cwd=tmp_path)
    assert usage.returncode == 2
    assert "Traceback" not in usage.stderr


def test_a_reader_that_stops_early_gets_no_traceback(tmp_path: Path) -> None:
    # 80 kB of JSON: more than a pipe holds, so the process is still writing when the reader goes
    with subprocess.Popen(
        [sys.executable, "-m", "quizgen", "list", str(BUNDLED), "--json"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        process.stdout.readline()
        process.stdout.close()  # like `quizgen list | head -1`
        errors = process.stderr.read().decode()
        process.wait(timeout=120)
    assert "Traceback" not in errors
