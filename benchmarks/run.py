"""Run the benchmark suite and print the table, with quizgen / floor ratios.

    python benchmarks/run.py                          # sizes 1000, 10000, 50000; 3 runs each
    python benchmarks/run.py --sizes 100 --runs 1     # the smoke run CI does
    python benchmarks/run.py --cases build:anki,floor:anki --startup-runs 0   # the deck only

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

# Targets from issue #8, the deck's as revised by issue #12 (a 2-core machine).
FULL_TIME_RATIO = 1.3
FULL_MEMORY_RATIO = 2.0
DECK_TIME_RATIO = 3.0
GROWTH_50K_OVER_10K = 5.5
HELP_RATIO = 1.5
BUNDLED_BUILD_SECONDS = 1.0
FULL_FORMATS = "anki,pdf"
"""What "full build" builds: the deck and the printouts, the outputs the floor writes too (the
default formats of ``quizgen build`` include the HTML page, which the floor has no twin of)."""


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


CASES = ("build", "build:anki", "build:pdf", "validate", "floor", "floor:anki", "floor:pdf")


def size_cases(size: int, work: Path, keys: Sequence[str] = CASES) -> list[Case]:
    """The cases of one size: quizgen's commands and the floor's (those named in ``keys``)."""
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
    cases = [
        Case("build", [*quizgen, "--format", FULL_FORMATS], work),
        Case("build:anki", [*quizgen, "--format", "anki"], work),
        Case("build:pdf", [*quizgen, "--format", "pdf"], work),
        Case("validate", [*quizgen_command(), "validate", str(folder)], work),
        Case("floor", floor, work),
        Case("floor:anki", [*floor, "--format", "anki"], work),
        Case("floor:pdf", [*floor, "--format", "pdf"], work),
    ]
    return [case for case in cases if case.key in keys]


def startup_cases(work: Path) -> list[Case]:
    bundled = work / "startup" / "questions" / BUNDLED.name
    shutil.copytree(BUNDLED, bundled, dirs_exist_ok=True)
    build = [*quizgen_command(), "build", str(bundled), "--out", str(work / "startup" / "out")]
    return [
        Case("import typer", [sys.executable, "-c", "import typer"], work),
        Case("quizgen --help", [*quizgen_command(), "--help"], work),
        Case("quizgen validate", [*quizgen_command(), "validate", str(bundled)], work),
        Case("quizgen build", [*build, "--format", FULL_FORMATS, "--force"], work),
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
            if ours not in cases:
                continue  # not measured in this run (--cases)
            q = cases[ours]
            if theirs is None or theirs not in cases:
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

    def ratio(size: int, ours: str, theirs: str, use: str = "seconds") -> float | None:
        cases = results.get(size, {})
        if ours not in cases or theirs not in cases:
            return None
        return float(getattr(cases[ours], use) / getattr(cases[theirs], use))

    measured = [
        ("full build at 10k / floor, time", ratio(10000, "build", "floor"), FULL_TIME_RATIO),
        (
            "full build at 10k / floor, peak memory",
            ratio(10000, "build", "floor", "mib"),
            FULL_MEMORY_RATIO,
        ),
        (
            "deck alone at 10k / raw genanki, time",
            ratio(10000, "build:anki", "floor:anki"),
            DECK_TIME_RATIO,
        ),
    ]
    for key, name in (("build", "full build"), ("validate", "validate")):
        # validate runs the item-writing rules over the whole bank (issue 13)
        if key in results.get(10000, {}) and key in results.get(50000, {}):
            growth = results[50000][key].seconds / results[10000][key].seconds
            measured.append((f"{name}, 50k / 10k, time", growth, GROWTH_50K_OVER_10K))
    for name, value, limit in measured:
        if value is not None:
            check(name, value, limit)
    if startup:
        check(
            '`quizgen --help` / `python -c "import typer"`',
            startup["quizgen --help"].seconds / startup["import typer"].seconds,
            HELP_RATIO,
        )
        seconds = startup["quizgen build"].seconds
        verdict = "PASS" if seconds <= BUNDLED_BUILD_SECONDS else "FAIL"
        lines.append(
            f"- {verdict}: `quizgen build` of the bundled set (deck and printouts): "
            f"{seconds:.2f} s (target at most {BUNDLED_BUILD_SECONDS} s)"
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
    parser.add_argument(
        "--cases",
        default=",".join(CASES),
        help=f"comma-separated cases to run at each size (default: all of {', '.join(CASES)})",
    )
    parser.add_argument("--work", type=Path, help="scratch folder to keep (default: a temp dir)")
    args = parser.parse_args(argv)
    keys = [key.strip() for key in args.cases.split(",") if key.strip()]
    unknown = sorted(set(keys) - set(CASES))
    if unknown:
        parser.error(f"--cases: unknown {', '.join(unknown)} (known: {', '.join(CASES)})")
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
            cases = size_cases(size, work, keys)
            run_interleaved(cases, runs, f"{size:,}")
            results[size] = {c.key: c for c in cases}
        startup_runs = 3 * args.runs if args.startup_runs is None else args.startup_runs
        startup_list = startup_cases(work) if startup_runs else []
        if startup_list:
            print("start-up", file=sys.stderr, flush=True)
            run_interleaved(startup_list, startup_runs, "start-up")
        startup = {c.key: c for c in startup_list}
    finally:
        if scratch is not None:
            scratch.cleanup()
    runs = ", ".join(f"{size:,}: {n}" for size, n in sizes.items())
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(
        f"Medians of the runs (per size: {runs}; start-up: {startup_runs}); "
        f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs; load average at the end "
        f"{load} (1, 5, 15 min)."
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
