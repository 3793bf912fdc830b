from __future__ import annotations

import shutil
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quizgen.cli import app

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "questions" / "russia-iran-treaty"


def benchmark_set(questions: int, root: Path) -> Path:
    """A synthetic set of that many questions, as the benchmarks write it, in ``root``."""
    benchmarks = str(ROOT / "benchmarks")
    sys.path.insert(0, benchmarks)
    try:
        from generate_set import write_set
    finally:
        sys.path.remove(benchmarks)
    folder: Path = write_set(questions, root)
    return folder


def _repository_sets() -> dict[Path, bytes]:
    """The repository's own question sets (bundled, and the test suite's): every file of
    questions/, and any state file under tests/."""
    files = [p for p in (ROOT / "questions").rglob("*") if p.is_file()]
    files += (ROOT / "tests").rglob("anki-state.json")
    return {p: p.read_bytes() for p in files}


@pytest.fixture(autouse=True, scope="session")
def _repository_sets_untouched() -> Iterator[None]:
    """No test writes into the repository's sets: a deck's build records its notes in the set
    folder (anki-state.json), so tests that build a bundled set build a copy of it (the
    ``bundled_copy`` fixture)."""
    before = _repository_sets()
    yield
    after = _repository_sets()
    changed = sorted(
        str(p.relative_to(ROOT))
        for p in before.keys() | after.keys()
        if before.get(p) != after.get(p)
    )
    assert not changed, f"tests changed files of the repository's question sets: {changed}"


MINIMAL_SET = """\
set:
  title: Test set
  deck: Test deck
  seed: 7
  require_evidence: false   # a test set without a source text
  source:
    title: A short text
    publisher: Nobody
    date: 2025-01-01
"""


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Callable[..., object]:
    """Run quizgen in a scratch working directory; returns Typer's Result."""
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()

    def run(*args: str) -> object:
        return runner.invoke(app, list(args), catch_exceptions=False)

    return run


@pytest.fixture
def bundled_copy(tmp_path: Path) -> Path:
    """A copy of the bundled set under tmp_path/questions/, safe to edit."""
    target = tmp_path / "questions" / BUNDLED.name
    shutil.copytree(BUNDLED, target)
    set_yaml = target / "set.yaml"
    # the copy lives elsewhere: drop the relative path to the article
    set_yaml.write_text(
        "\n".join(
            line
            for line in set_yaml.read_text().splitlines()
            if not line.strip().startswith("path:")
        )
        + "\n",
        encoding="utf-8",
    )
    return target


@pytest.fixture
def make_set(tmp_path: Path) -> Callable[..., Path]:
    """Write a set folder from {file name: YAML text}; a minimal set.yaml unless given."""

    def make(files: dict[str, str], name: str = "demo") -> Path:
        folder = tmp_path / "questions" / name
        folder.mkdir(parents=True, exist_ok=True)
        files = {"set.yaml": MINIMAL_SET, **files}
        for file_name, text in files.items():
            path = folder / file_name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        return folder

    return make
