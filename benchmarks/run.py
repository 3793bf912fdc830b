"""Run the benchmark suite and print the table, with quizgen / floor ratios.

    python benchmarks/run.py                          # sizes 1000, 10000, 50000; 3 runs each
    python benchmarks/run.py --sizes 100 --runs 1     # the smoke run CI does

For every size, a synthetic set is written to a scratch folder (benchmarks/generate_set.py) and
its questions are listed once as JSON for the floor (benchmarks/floor.py); neither is timed.
Then every case runs as a whole process, ``--runs`` times, the cases interleaved so that a busy
moment on a shared machine hits all of them alike; each run's wall time is taken around the
process and its peak memory (max RSS) from ``os.wait4``. The table shows medians.

quizgen's own modules are byte-compiled before the first run, as pip does when it installs a
package (and as Python does on a first run): an editable install in an environment that sets
``PYTHONDONTWRITEBYTECODE`` would otherwise compile them from source in every run (~25 ms), a cost
no installed copy pays. The floor's libraries were byte-compiled when pip installed them.
"""

from __future__ import annotations

import argparse
import compileall
import importlib.util
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BUNDLED = ROOT / "questions" / "russia-iran-treaty"
sys.path.insert(0, str(HERE))

from generate_set import write_set  # noqa: E402

# Targets from issue #8 (a 2-core machine).
FULL_TIME_RATIO = 1.3
FULL_MEMORY_RATIO = 2.0
DECK_TIME_RATIO = 1.5
GROWTH_50K_OVER_10K = 5.5
HELP_RATIO = 1.5


@dataclass
class Case:
    """One command, run as a whole process; ``times`` in seconds, ``memory`` in MiB."""

    key: str
    command: list[str]
    cwd: Path
    times: list[float] = field(default_factory=list)
    memory: list[float] = field(default_factory=list)

    @property
    def seconds(self) -> float:
        return statistics.median(self.times)

    @property
    def mib(self) -> float:
        return statistics.median(self.memory)


def compile_quizgen() -> None:
    """Write the bytecode of quizgen's modules (``__pycache__`` beside them, as pip would)."""
    spec = importlib.util.find_spec("quizgen")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("quizgen is not installed in this Python")
    for location in spec.submodule_search_locations:
        compileall.compile_dir(location, quiet=1)


def quizgen_command() -> list[str]:
    """The installed ``quizgen`` script beside this Python, else ``python -m quizgen``."""
    script = Path(sys.executable).parent / "quizgen"
    return [str(script)] if script.exists() else [sys.executable, "-m", "quizgen"]


# Runs one command and prints its wall time and peak memory. It runs in a small Python process of
# its own because a child's max RSS on Linux starts from its parent's at fork (exec keeps the high
# mark): measured straight from this script, every command would weigh at least what the script
# holds (the generated set, the JSON listing).
_TIMER = """
import json, os, subprocess, sys, time
started = time.perf_counter()
process = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)
_, status, usage = os.wait4(process.pid, 0)
elapsed = time.perf_counter() - started
print(json.dumps([os.waitstatus_to_exitcode(status), elapsed, usage.ru_maxrss]))
"""


def measure(case: Case) -> None:
    """Run the case once; add its wall time and peak memory."""
    timer = subprocess.run(
        [sys.executable, "-c", _TIMER, *case.command],
        cwd=case.cwd,
        capture_output=True,
        text=True,
    )
    if timer.returncode != 0 or not timer.stdout.strip():
        raise SystemExit(f"{' '.join(case.command)}: the timer failed:\n{timer.stderr}")
    code, elapsed, max_rss_kib = json.loads(timer.stdout)
    if code != 0:
        raise SystemExit(f"{' '.join(case.command)} failed ({code}):\n{timer.stderr.strip()}")
    case.times.append(elapsed)
    case.memory.append(max_rss_kib / 1024)  # ru_maxrss is in KiB on Linux


def run_interleaved(cases: Sequence[Case], runs: int, label: str) -> None:
    for run in range(runs):
        for case in cases:
            print(f"  {label}: run {run + 1}/{runs}: {case.key}", file=sys.stderr, flush=True)
            measure(case)


def size_cases(size: int, work: Path) -> list[Case]:
    """The cases of one size: quizgen's commands and the floor's."""
    sets = work / "questions"
    folder = write_set(size, sets)
    listing = subprocess.run(
        [*quizgen_command(), "list", str(folder), "--json"],
        check=True,
        capture_output=True,
        cwd=work,
    ).stdout
    count = len(json.loads(listing))
    if count != size:
        raise SystemExit(f"the synthetic set yields {count} questions, not {size}")
    questions_json = work / f"questions-{size}.json"
    questions_json.write_bytes(listing)
    out, floor_out = work / f"out-{size}", work / f"floor-{size}"
    quizgen = [*quizgen_command(), "build", str(folder), "--out", str(out)]
    floor = [sys.executable, str(HERE / "floor.py"), str(questions_json), str(floor_out)]
    return [
        Case("build", quizgen, work),
        Case("build:anki", [*quizgen, "--format", "anki"], work),
        Case("build:pdf", [*quizgen, "--format", "pdf"], work),
        Case("validate", [*quizgen_command(), "validate", str(folder)], work),
        Case("floor", floor, work),
        Case("floor:anki", [*floor, "--format", "anki"], work),
        Case("floor:pdf", [*floor, "--format", "pdf"], work),
    ]


def startup_cases(work: Path) -> list[Case]:
    bundled = work / "startup" / "questions" / BUNDLED.name
    shutil.copytree(BUNDLED, bundled, dirs_exist_ok=True)
    return [
        Case("import typer", [sys.executable, "-c", "import typer"], work),
        Case("quizgen --help", [*quizgen_command(), "--help"], work),
        Case("quizgen validate", [*quizgen_command(), "validate", str(bundled)], work),
    ]


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}x" if b else "–"


def table(results: dict[int, dict[str, Case]], startup: dict[str, Case]) -> list[str]:
    rows = [
        "| size | work | quizgen s | floor s | time ratio "
        "| quizgen MiB | floor MiB | memory ratio |",
        "|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    work = (
        ("full build (deck, worksheet, key)", "build", "floor"),
        ("deck alone", "build:anki", "floor:anki"),
        ("worksheet and key alone", "build:pdf", "floor:pdf"),
        ("validate", "validate", None),
    )
    for size, cases in results.items():
        for label, ours, theirs in work:
            q = cases[ours]
            if theirs is None:
                rows.append(
                    f"| {size:,} | {label} | {q.seconds:.2f} | – | – | {q.mib:.0f} | – | – |"
                )
                continue
            f = cases[theirs]
            rows.append(
                f"| {size:,} | {label} | {q.seconds:.2f} | {f.seconds:.2f} | "
                f"{_ratio(q.seconds, f.seconds)} | {q.mib:.0f} | {f.mib:.0f} | "
                f"{_ratio(q.mib, f.mib)} |"
            )
    if startup:
        base = startup["import typer"]
        rows += [
            "",
            '| start-up | s | vs `python -c "import typer"` | MiB |',
            "|---|---:|---:|---:|",
        ]
        for key, case in startup.items():
            rows.append(
                f"| `{key}` | {case.seconds:.3f} | {_ratio(case.seconds, base.seconds)} "
                f"| {case.mib:.0f} |"
            )
    return rows


def targets(results: dict[int, dict[str, Case]], startup: dict[str, Case]) -> list[str]:
    """One line per target of the issue that this run measured: PASS or FAIL, with the figure."""
    lines = []

    def check(name: str, value: float, limit: float) -> None:
        verdict = "PASS" if value <= limit else "FAIL"
        lines.append(f"- {verdict}: {name}: {value:.2f}x (target at most {limit}x)")

    if 10000 in results:
        c = results[10000]
        check(
            "full build at 10k / floor, time",
            c["build"].seconds / c["floor"].seconds,
            FULL_TIME_RATIO,
        )
        check(
            "full build at 10k / floor, peak memory",
            c["build"].mib / c["floor"].mib,
            FULL_MEMORY_RATIO,
        )
        check(
            "deck alone at 10k / raw genanki, time",
            c["build:anki"].seconds / c["floor:anki"].seconds,
            DECK_TIME_RATIO,
        )
        if 50000 in results:
            check(
                "full build, 50k / 10k, time",
                results[50000]["build"].seconds / c["build"].seconds,
                GROWTH_50K_OVER_10K,
            )
            check(  # validate runs the item-writing rules over the whole bank (issue 13)
                "validate, 50k / 10k, time",
                results[50000]["validate"].seconds / c["validate"].seconds,
                GROWTH_50K_OVER_10K,
            )
    if startup:
        check(
            '`quizgen --help` / `python -c "import typer"`',
            startup["quizgen --help"].seconds / startup["import typer"].seconds,
            HELP_RATIO,
        )
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        default="1000,10000,50000",
        help="comma-separated numbers of questions, each optionally with its own number of runs "
        "as SIZE:RUNS (default 1000,10000,50000)",
    )
    parser.add_argument("--runs", type=int, default=3, help="runs of every case (default 3)")
    parser.add_argument(
        "--startup-runs",
        type=int,
        default=None,
        help="runs of the start-up cases (default 3x runs)",
    )
    parser.add_argument("--work", type=Path, help="scratch folder to keep (default: a temp dir)")
    args = parser.parse_args(argv)
    sizes: dict[int, int] = {}
    for item in args.sizes.split(","):
        if item.strip():
            size, _, runs = item.partition(":")
            sizes[int(size)] = int(runs) if runs else args.runs
    scratch = None
    if args.work is None:
        scratch = tempfile.TemporaryDirectory(prefix="quizgen-bench-")
        work = Path(scratch.name)
    else:
        work = args.work
        work.mkdir(parents=True, exist_ok=True)
    compile_quizgen()
    try:
        results: dict[int, dict[str, Case]] = {}
        for size, runs in sizes.items():
            print(f"{size:,} questions: writing the set", file=sys.stderr, flush=True)
            cases = size_cases(size, work)
            run_interleaved(cases, runs, f"{size:,}")
            results[size] = {c.key: c for c in cases}
        print("start-up", file=sys.stderr, flush=True)
        startup_list = startup_cases(work)
        run_interleaved(startup_list, args.startup_runs or 3 * args.runs, "start-up")
        startup = {c.key: c for c in startup_list}
    finally:
        if scratch is not None:
            scratch.cleanup()
    runs = ", ".join(f"{size:,}: {n}" for size, n in sizes.items())
    print(
        f"Medians of the runs (per size: {runs}; start-up: {args.startup_runs or 3 * args.runs}); "
        f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs."
    )
    print()
    print("\n".join(table(results, startup)))
    lines = targets(results, startup)
    if lines:
        print()
        print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
