"""A corpus of broken sets, each run through `quizgen validate` and `quizgen build`.

Every case under tests/corpus/ is a set folder (on top of tests/corpus/_base/) and an
`expected.txt` holding the exact lines quizgen must print on stderr. Every case must give one line
per problem naming file and line (or file and key; a YAML syntax error is followed by the offending
line, indented, with a caret), all of them at once, exit status 1, no traceback, and leave the
output folder exactly as it was. A few cases also run in a real subprocess under a memory limit
and a timeout, to prove bounded memory and time.

Refresh the expected lines after a deliberate change of wording (then read the diff!):

    QUIZGEN_REFRESH_CORPUS=1 pytest tests/test_corpus.py
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from quizgen import timelimit
from quizgen.yamlfile import MAX_FILE_BYTES

CORPUS = Path(__file__).parent / "corpus"
BASE = CORPUS / "_base"
NOT_COPIED = {"expected.txt"}
REFRESH = os.environ.get("QUIZGEN_REFRESH_CORPUS") == "1"

# Bounded, but generous: an endless loop is stopped after 2 s (timelimit.TEMPLATE_SECONDS) and the
# slowest case takes about that; the margin is for a loaded 2-core CI machine, not for slow code.
WALL_CLOCK_LIMIT = 60


def _over_size_limit(folder: Path) -> None:
    padding = b"# padding\n" * (MAX_FILE_BYTES // 10 + 1)
    (folder / "questions.yaml").write_bytes(b"questions: []\n" + padding)


def _symlink_outside(folder: Path) -> None:
    outside = folder.parent.parent / "outside.png"
    outside.write_bytes(b"\x89PNG\r\n\x1a\n")
    (folder / "portrait.png").symlink_to(outside)
    (folder / "questions.yaml").write_text(
        "questions:\n"
        "  - id: who\n"
        "    type: short_answer\n"
        "    prompt: Who is this?\n"
        "    answer: Ann\n"
        "    image: portrait.png\n",
        encoding="utf-8",
    )


GENERATED: dict[str, Callable[[Path], None]] = {
    # files that are better made than committed: 5 MB of padding, a symbolic link
    "over-size-limit": _over_size_limit,
    "symlink-outside-set-folder": _symlink_outside,
}

CASES = sorted(p.name for p in CORPUS.iterdir() if p.is_dir() and not p.name.startswith("_"))


def install(case: str, root: Path) -> Path:
    """Copy the case's set into root/questions/<case>; return the set folder."""
    folder = root / "questions" / case
    shutil.copytree(BASE, folder)
    for path in (CORPUS / case).iterdir():
        if path.name not in NOT_COPIED:
            shutil.copy(path, folder / path.name)
    if case in GENERATED:
        GENERATED[case](folder)
    return folder


def expected_lines(case: str) -> list[str]:
    return (CORPUS / case / "expected.txt").read_text(encoding="utf-8").splitlines()


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under ``folder`` (hidden ones too) with its bytes and modification time."""
    if not folder.exists():
        return {}
    return {
        str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_the_corpus_is_large_and_complete() -> None:
    assert len(CASES) >= 30
    for case in CASES:
        assert (CORPUS / case / "expected.txt").is_file() or REFRESH, f"{case}: no expected.txt"
        files = [p for p in (CORPUS / case).iterdir() if p.name not in NOT_COPIED]
        assert files or case in GENERATED, f"{case}: no files"


TEMPLATE_SECONDS = 2.0
"""The time limit on a template here: the real one (30 s) would make the endless loop slow."""


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("command", ["validate", "build"])
def test_broken_set_is_reported_and_nothing_is_written(
    cli: Callable[..., Any],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    case: str,
    command: str,
) -> None:
    monkeypatch.setattr(timelimit, "TEMPLATE_SECONDS", TEMPLATE_SECONDS)
    install(case, tmp_path)
    output = tmp_path / "output"
    if command == "build":  # an output folder with earlier work in it, which must survive
        output.mkdir()
        (output / "notes.txt").write_text("the teacher's own notes\n", encoding="utf-8")
        (output / f"{case}.apkg").write_bytes(b"an earlier deck")
    before = snapshot(output)
    started = time.monotonic()
    result = cli(command, case)
    elapsed = time.monotonic() - started
    lines = result.stderr.splitlines()
    if REFRESH and command == "validate":
        (CORPUS / case / "expected.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert result.exit_code == 1, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout == ""
    assert lines == expected_lines(case)
    # the lines of the file a problem quotes (a YAML syntax error's line, with a caret under
    # it) are indented under the problem; every other line is one problem
    problems = [line for line in lines if not line.endswith("problems found.") and line[:1] != " "]
    for line in problems:  # file:line: message, or file: message for a whole-file problem
        assert line.startswith(f"questions/{case}"), line
    if len(problems) > 1:
        assert lines[-1] == f"{len(problems)} problems found."
    assert snapshot(output) == before
    assert not (tmp_path / "pwned.txt").exists()
    assert elapsed < WALL_CLOCK_LIMIT, f"{case} took {elapsed:.1f} s"


# --------------------------------------------------------------------- real processes, limits

MEMORY_LIMIT = 1024 * 1024 * 1024  # bytes of address space: far above need, far below a bomb
SUBPROCESS_CASES = [
    "alias-bomb",
    "template-resource-abuse",
    "over-size-limit",
    "deep-nesting",
    "binary-file",
    "unsafe-template",
    "python-object-tag",
]


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


@pytest.mark.parametrize("case", SUBPROCESS_CASES)
def test_in_a_real_process_with_bounded_memory_and_time(tmp_path: Path, case: str) -> None:
    install(case, tmp_path)
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "quizgen", "build", case],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=2 * WALL_CLOCK_LIMIT,
        preexec_fn=_limit_memory,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.splitlines() == expected_lines(case)
    assert not (tmp_path / "output").exists()
    assert not (tmp_path / "pwned.txt").exists()
    assert time.monotonic() - started < WALL_CLOCK_LIMIT


# --------------------------------------------------------------------- output folders


def _valid_set(root: Path) -> None:
    folder = root / "questions" / "fine"
    shutil.copytree(BASE, folder)
    (folder / "questions.yaml").write_text(
        "questions:\n"
        "  - id: capital\n"
        "    type: short_answer\n"
        "    prompt: What is the capital?\n"
        "    answer: Paris\n",
        encoding="utf-8",
    )


def test_output_folder_that_is_a_file(cli: Callable[..., Any], tmp_path: Path) -> None:
    _valid_set(tmp_path)
    (tmp_path / "out").write_text("a file, not a folder\n", encoding="utf-8")
    assert cli("validate").exit_code == 0
    result = cli("build", "--out", "out")
    assert result.exit_code == 3
    assert result.stderr.splitlines() == ["output folder out is a file"]
    assert (tmp_path / "out").read_text(encoding="utf-8") == "a file, not a folder\n"


def test_output_folder_whose_parent_is_a_file(cli: Callable[..., Any], tmp_path: Path) -> None:
    _valid_set(tmp_path)
    (tmp_path / "out").write_text("a file, not a folder\n", encoding="utf-8")
    result = cli("build", "--out", "out/decks")
    assert result.exit_code == 3
    assert result.stderr.splitlines() == ["cannot create output folder out/decks: Not a directory"]
    assert (tmp_path / "out").read_text(encoding="utf-8") == "a file, not a folder\n"


@pytest.mark.skipif(
    os.geteuid() == 0, reason="running as root: permission bits do not stop root from writing"
)
def test_output_folder_that_is_not_writable(cli: Callable[..., Any], tmp_path: Path) -> None:
    _valid_set(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o555)
    try:
        result = cli("build", "--out", "out")
    finally:
        out.chmod(0o755)
    assert result.exit_code == 3
    assert result.stderr.splitlines() == ["output folder out is not writable"]
    assert list(out.iterdir()) == []


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux /proc")
def test_output_folder_where_the_system_refuses_to_write(
    cli: Callable[..., Any], tmp_path: Path
) -> None:
    """Root too is refused by some file systems; /proc takes no new files from anyone."""
    _valid_set(tmp_path)
    result = cli("build", "--out", "/proc/quizgen-output")
    assert result.exit_code == 3
    assert result.stderr.startswith("cannot create output folder /proc/quizgen-output: ")
    assert "Traceback" not in result.stderr
