"""The benchmark suite cannot rot: a run at 100 questions produces the whole table."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .conftest import ROOT

BENCHMARKS = ROOT / "benchmarks"


def test_suite_runs_at_100_questions_and_prints_the_table(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            str(BENCHMARKS / "run.py"),
            "--sizes",
            "100",
            "--runs",
            "1",
            "--startup-runs",
            "1",
            "--work",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    for work in ("full build (deck, worksheet, key)", "deck alone", "worksheet and key alone"):
        row = next(line for line in lines if line.startswith(f"| 100 | {work} |"))
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        quizgen_s, floor_s, ratio = float(cells[2]), float(cells[3]), cells[4]
        assert quizgen_s > 0 and floor_s > 0
        # the ratio is of the unrounded medians: within rounding of that of the printed seconds
        shown = float(ratio.rstrip("x"))
        slack = shown * (0.005 / floor_s + 0.005 / quizgen_s) + 0.006
        assert abs(shown - quizgen_s / floor_s) <= slack, row
    assert any(line.startswith("| 100 | validate |") for line in lines)
    for case in ("import typer", "quizgen --help", "quizgen validate", "quizgen build"):
        assert any(line.startswith(f"| `{case}` |") for line in lines), case
    assert any("`quizgen --help`" in line and "target at most 1.5x" in line for line in lines)
    assert any("bundled set" in line and "target at most 1.0 s" in line for line in lines)
    # the outputs were really written, by quizgen and by the floor
    assert (tmp_path / "out-100" / "bench-100.apkg").stat().st_size > 0
    assert (tmp_path / "floor-100" / "floor.apkg").stat().st_size > 0
    assert list((tmp_path / "floor-100").glob("*.pdf"))


def test_generated_set_has_every_type_and_exactly_the_size_asked(tmp_path: Path) -> None:
    sys.path.insert(0, str(BENCHMARKS))
    try:
        from generate_set import write_set
    finally:
        sys.path.remove(str(BENCHMARKS))
    from quizgen.build import load_quizzes
    from quizgen.models import QuestionType

    for size in (100, 2345):
        quiz = load_quizzes([write_set(size, tmp_path)])[0]
        assert len(quiz.questions) == size
        assert {q.type for q in quiz.questions} == set(QuestionType)
        assert any(q.template is None for q in quiz.questions)  # hand-written ones too


def test_the_draft_benchmark_scores_every_annotated_text(tmp_path: Path) -> None:
    """benchmarks/draft/score.py runs and prints one row per gold file (the bundled article's
    only when the article is there) and one per group of texts."""
    result = subprocess.run(
        [sys.executable, str(BENCHMARKS / "draft" / "score.py")],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    rows = [line for line in result.stdout.splitlines() if line.startswith("| ")]
    golds = sorted((BENCHMARKS / "draft").glob("*.gold.yaml"))
    named = {row.split("|")[1].strip().split(" ")[0] for row in rows[1:]}
    for gold in golds:
        stem = gold.name.removesuffix(".gold.yaml")
        assert stem in named or f"skipped {gold.name}" in result.stdout, stem
    assert any(row.startswith("| **all tuned-on texts** |") for row in rows)
    assert any(row.startswith("| **all held-out texts** |") for row in rows)


def test_generated_set_has_no_problem_and_no_warning(tmp_path: Path) -> None:
    """As benchmarks/README.md says: from 1,000 questions up, `quizgen validate` finds nothing to
    report, item-writing rules included (the set's names, words and figures are chosen so)."""
    sys.path.insert(0, str(BENCHMARKS))
    try:
        from generate_set import write_set
    finally:
        sys.path.remove(str(BENCHMARKS))
    from quizgen.strict import check_sets

    for size in (1000, 1500):
        (checked,) = check_sets([write_set(size, tmp_path)])
        assert [str(w) for w in checked.warnings] == []


def test_the_rules_scale_script_prints_its_table(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            str(BENCHMARKS / "rules_scale.py"),
            "--sizes",
            "1000,2000",
            "--runs",
            "1",
            "--work",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("| size | load and generate s | every rule s |")
    assert any(line.startswith("| 2,000 |") for line in lines)
    assert lines[-1].startswith("2,000 / 1,000 questions (2x): load ")
