"""How the item-writing rules scale: their time alone, per size of the synthetic set.

    python benchmarks/rules_scale.py --sizes 10000,50000 [--work DIR]

For each size, ``generate_set.py`` writes the synthetic set (not timed), which is loaded and
generated once (timed, for comparison), then every rule runs over it (timed, CPU seconds, median
of ``--runs``): the question rules together, and the give-away rule (Q502) alone, whose index
from shown words to questions is what keeps a bank of 50,000 questions from costing 2.5 billion
comparisons. From 1,000 questions up the synthetic set has no finding at all (`quizgen
validate` prints no warning), which the script checks. The table ends with the growth from the
smallest to the largest size.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generate_set import write_set

from quizgen.build import load_quizzes
from quizgen.models import Quiz, QuizSet
from quizgen.rules import GIVE_AWAY, check_set


def seconds(work: Callable[[], object]) -> float:
    start = time.process_time()
    work()
    return time.process_time() - start


def measure(size: int, root: Path, runs: int) -> tuple[float, float, float]:
    """(load and generate, every rule, the give-away rule alone), in CPU seconds."""
    folder = write_set(size, root)
    loaded: list[QuizSet] = []
    quizzes: list[Quiz] = []
    load = seconds(lambda: quizzes.extend(load_quizzes([folder], loaded=loaded)))
    quiz_set, quiz = loaded[0], quizzes[0]
    found = check_set(quiz_set, quiz)
    if found:
        raise SystemExit(f"the synthetic set of {size} has findings, e.g. {found[0]}")
    every = statistics.median(seconds(lambda: check_set(quiz_set, quiz)) for _ in range(runs))
    alone = statistics.median(
        seconds(lambda: check_set(quiz_set, quiz, [GIVE_AWAY])) for _ in range(runs)
    )
    return load, every, alone


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,50000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory() as scratch:
        root = args.work or Path(scratch)
        rows = {size: measure(size, root, args.runs) for size in sizes}
    print("| size | load and generate s | every rule s | give-away rule (Q502) s |")
    print("|---:|---:|---:|---:|")
    for size, (load, every, alone) in rows.items():
        print(f"| {size:,} | {load:.2f} | {every:.2f} | {alone:.2f} |")
    if len(sizes) > 1:
        small, large = rows[sizes[0]], rows[sizes[-1]]
        factor = sizes[-1] / sizes[0]
        print(
            f"\n{sizes[-1]:,} / {sizes[0]:,} questions ({factor:g}x): "
            f"load {large[0] / small[0]:.1f}x, every rule {large[1] / small[1]:.1f}x, "
            f"give-away rule {large[2] / small[2]:.1f}x"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
