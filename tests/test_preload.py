"""Parsing YAML in a second process (quizgen/preload.py): the same values, problems and outputs
as parsing in one, and a parent that carries on alone when the child fails."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from quizgen import preload
from quizgen.folders import yaml_files
from quizgen.load import load_set

from .conftest import benchmark_set
from .test_yamlfile_fast import _shape


def test_the_child_gets_the_largest_files_up_to_its_share() -> None:
    sizes = {Path(name): size for name, size in [("a", 10), ("b", 50), ("c", 30), ("d", 10)]}
    child, parent = preload.split(sizes, share=0.7)
    assert (child, parent) == ([Path("b"), Path("c")], [Path("a"), Path("d")])
    assert preload.split(sizes, share=0.0) == ([], list(sizes))
    assert preload.split(sizes, share=1.0) == (list(sizes), [])


def _broken_set(tmp_path: Path) -> Path:
    folder = benchmark_set(300, tmp_path)
    facts = sorted((folder / "facts").glob("*.yaml"))[0]
    text = facts.read_text()
    facts.write_text(
        text.replace("\n", "\nrecords_note: a second top-level key\n", 1) + "x: 1\nx: 2\n"
    )
    (folder / "questions" / "broken.yaml").write_text("questions:\n  - id: [unclosed\n")
    return folder


def test_the_child_parses_as_load_yaml_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _broken_set(tmp_path)
    monkeypatch.setattr(preload, "MIN_BYTES", 0)
    files = yaml_files(folder)
    expected = preload.parse_files(files)
    started = preload.start([folder])
    assert started is not None
    parsed = started.take()
    assert sorted(parsed) == sorted(files)
    assert {p: _shape(v) for p, (v, _) in parsed.items()} == {
        p: _shape(v) for p, (v, _) in expected.items()
    }
    assert {p: [str(x) for x in found] for p, (_, found) in parsed.items()} == {
        p: [str(x) for x in found] for p, (_, found) in expected.items()
    }
    assert any(found for _, found in parsed.values())  # the problems came back too
    assert started.take() is parsed and started.close() is None


def test_a_failed_child_leaves_the_parent_its_own_share(tmp_path: Path) -> None:
    folder = benchmark_set(300, tmp_path)
    files = yaml_files(folder)
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # a child that dies before it writes anything
        os._exit(3)
    os.close(write_fd)
    parsed = preload.Preload(pid, read_fd, files[:2]).take()
    assert list(parsed) == files[:2]
    quiz_set = load_set(folder, parsed)  # the rest is parsed by load_set itself
    assert _shape(load_set(folder).tables["people"].records[0].fields) == _shape(
        quiz_set.tables["people"].records[0].fields
    )


def test_small_sets_and_single_process_mode_do_not_fork(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = benchmark_set(100, tmp_path)
    assert preload.start([folder]) is None  # far below MIN_BYTES
    monkeypatch.setattr(preload, "MIN_BYTES", 0)
    monkeypatch.setenv("QUIZGEN_SINGLE_PROCESS", "1")
    assert preload.start([folder]) is None


def _build(folder: Path, out: Path, single: bool) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    env.pop("QUIZGEN_SINGLE_PROCESS", None)
    if single:
        env["QUIZGEN_SINGLE_PROCESS"] = "1"
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "quizgen",
            "build",
            str(folder),
            "--format",
            "anki",
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )


def test_the_console_script_builds_the_same_deck_either_way(tmp_path: Path) -> None:
    folder = benchmark_set(2500, tmp_path / "sets")
    assert sum(p.stat().st_size for p in yaml_files(folder)) >= preload.MIN_BYTES  # it forks
    forked = _build(folder, tmp_path / "forked", single=False)
    single = _build(folder, tmp_path / "single", single=True)
    assert forked.returncode == single.returncode == 0, forked.stderr + single.stderr
    name = f"{folder.name}.apkg"
    assert (tmp_path / "forked" / name).read_bytes() == (tmp_path / "single" / name).read_bytes()


def test_the_console_script_reports_the_same_problems_either_way(tmp_path: Path) -> None:
    folder = benchmark_set(2500, tmp_path / "sets")
    facts = sorted((folder / "facts").glob("*.yaml"))
    facts[0].write_text(facts[0].read_text() + "facts: {}\n")  # a duplicate key at the end
    (folder / "questions" / "broken.yaml").write_text("questions:\n  - id: [unclosed\n")
    forked = _build(folder, tmp_path / "forked", single=False)
    single = _build(folder, tmp_path / "single", single=True)
    assert forked.returncode == single.returncode == 1
    assert forked.stderr == single.stderr
    assert "duplicate key 'facts'" in forked.stderr and "broken.yaml:" in forked.stderr
    assert not (tmp_path / "forked").exists()
