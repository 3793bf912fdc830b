"""The pipeline: load → validate → generate every set in memory, then hand each to the renderers."""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .answers import separator_problems
from .errors import (
    Location,
    OutputError,
    Problems,
    QuizgenError,
    UsageError,
    ValidationFailed,
    display_path,
)
from .evidence import EvidenceReport, SourceText, verify_set
from .fileio import OutputFolder, writing_into
from .generate import generate
from .load import load_set
from .models import Quiz, QuizSet
from .progress import Progress
from .render import REGISTRY, Renderer, RenderOptions, get_renderer
from .select import Selection, matching

if TYPE_CHECKING:
    from .rules import Finding

DEFAULT_FORMATS = ("anki", "pdf", "html")


def format_names(text: str) -> list[str]:
    """The names in ``--format``'s comma-separated list, as given (checked by :func:`build`)."""
    return [name.strip() for name in text.split(",") if name.strip()]


def expand_formats(formats: Sequence[str]) -> list[str]:
    """The format names with ``all`` standing for every registered format."""
    return [n for name in formats for n in (REGISTRY if name == "all" else [name])]


def load_quizzes(
    folders: Sequence[Path],
    seed: int | None = None,
    source: Path | None = None,
    reports: list[EvidenceReport] | None = None,
    loaded: list[QuizSet] | None = None,
) -> list[Quiz]:
    """Every set loaded, validated and generated; raise once with the problems of all of them.

    Evidence is checked against ``source`` (for every set) or each set's ``source.path``; what the
    check did is appended to ``reports`` when given, and each loaded set to ``loaded``.
    """
    problems = Problems()
    quizzes = []
    override = SourceText.read(source) if source is not None else None
    for folder in folders:
        try:
            quiz_set = load_set(folder)
            report = verify_set(quiz_set, override, problems)
        except QuizgenError as error:
            problems.items.extend(error.problems)
            continue
        if reports is not None:
            reports.append(report)
        quiz = generate(quiz_set, seed, problems)
        separator_problems(quiz.questions, problems)
        quizzes.append(quiz)
        if loaded is not None:
            loaded.append(quiz_set)
    problems.raise_if_any()
    return quizzes


def render_options() -> RenderOptions:
    """Outputs are stamped with the clock, or with ``SOURCE_DATE_EPOCH`` when it is set."""
    pinned = os.environ.get("SOURCE_DATE_EPOCH")
    if pinned is None:
        return RenderOptions(timestamp=time.time())
    try:
        return RenderOptions(timestamp=float(int(pinned)), reproducible=True)
    except ValueError:
        raise QuizgenError(f"SOURCE_DATE_EPOCH must be an integer, not '{pinned}'") from None


def prepare_out_dir(out_dir: Path) -> None:
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(
            f"cannot create output folder {display_path(out_dir)}: {error.strerror}"
        ) from None
    if not os.access(out_dir, os.W_OK | os.X_OK):
        raise OutputError(f"output folder {display_path(out_dir)} is not writable")


def check_outputs(
    quizzes: Sequence[Quiz], renderers: Sequence[Renderer], options: RenderOptions
) -> None:
    """Run every renderer's pre-write ``check`` on every set, writing nothing; raise once with
    the problems of all of them (what ``build`` would refuse, ``validate`` reports too)."""
    problems = Problems()
    for quiz in quizzes:
        for renderer in renderers:
            check = getattr(renderer, "check", None)
            if check is None:
                continue
            try:
                check(quiz, options)
            except QuizgenError as error:
                if error.exit_code != ValidationFailed.exit_code:
                    raise
                problems.items.extend(error.problems)
    problems.raise_if_any()


@dataclass(frozen=True)
class BuildResult:
    quizzes: list[Quiz]
    written: list[Path]
    unprinted: list[str] = field(default_factory=list)
    """Sets with no question matching ``--tags``/``--types``: they get no printouts."""
    notes: list[str] = field(default_factory=list)
    """What the renderers report, e.g. questions an export format could not hold."""
    warnings: list[Finding] = field(default_factory=list)
    """What the printed sheets show that they should not (a question giving away another's
    answer, rule Q502): printed as warnings; the outputs are written all the same."""


def build(
    folders: Sequence[Path],
    out_dir: Path,
    formats: Sequence[str] = DEFAULT_FORMATS,
    seed: int | None = None,
    source: Path | None = None,
    reports: list[EvidenceReport] | None = None,
    *,
    paper: str = "a4",
    versions: int = 0,
    selection: Selection | None = None,
    word_bank: bool = False,
    force: bool = False,
    progress: Progress | None = None,
) -> BuildResult:
    """Build every output of every set; nothing is written unless every set is valid.

    ``paper``, ``versions``, ``selection`` and ``word_bank`` shape the printed outputs (see
    :class:`RenderOptions`); the Anki deck always holds the whole bank.

    Only files quizgen wrote itself (listed in the output folder's manifest, unchanged since)
    are overwritten, unless ``force``; that is checked for every output before the first write.
    ``progress`` is told of each stage (see :mod:`quizgen.progress`); by default nothing is shown.
    """
    progress = progress or Progress()
    if not formats:
        raise UsageError(f"--format: give at least one format (known: {', '.join(REGISTRY)})")
    renderers = [get_renderer(name) for name in dict.fromkeys(expand_formats(formats))]
    with progress.stage("Loading and checking the questions"):
        quizzes = load_quizzes(folders, seed, source, reports)
    selection = selection or Selection()
    printing = any(getattr(r, "printed", False) for r in renderers)
    unprinted = [q.meta.name for q in quizzes if printing and not matching(q.questions, selection)]
    if quizzes and len(unprinted) == len(quizzes):
        raise QuizgenError(f"no question of any set matches {selection.describe()}")
    options = replace(
        render_options(),
        paper=paper,
        versions=versions,
        selection=selection,
        word_bank=word_bank,
    )
    check_outputs(quizzes, renderers, options)
    # one question giving away another's answer on a printed sheet: a warning, the build goes on
    warnings: list[Finding] = []
    if printing:  # (the rules are imported only for printouts: a deck alone needs none)
        from .rules import check_printed

        warnings = check_printed(quizzes, selection, versions)
    if out_dir.exists() and not out_dir.is_dir():
        # before the manifest is read from it: reports the file in the way
        raise OutputError(f"output folder {display_path(out_dir)} is a file")
    folder = OutputFolder(out_dir, force)
    planned = [n for quiz in quizzes for r in renderers for n in r.outputs(quiz, options)]
    refused = folder.check_all(planned)
    if refused:
        raise OutputError(refused)
    prepare_out_dir(out_dir)
    written: list[Path] = []
    notes: list[str] = []
    with writing_into(folder):
        for quiz in quizzes:
            for renderer in renderers:
                try:
                    with progress.stage(f"{quiz.meta.name}: {renderer.name}"):
                        written += renderer.render(quiz, out_dir, options)
                        notes += getattr(renderer, "notes", lambda *_: [])(quiz, options)
                except OSError as error:
                    raise OutputError(
                        f"{renderer.name} output for set '{quiz.meta.name}': "
                        f"{error.strerror or error}",
                        Location(display_path(out_dir)),
                    ) from None
    return BuildResult(quizzes, written, unprinted, notes, warnings)


__all__ = [
    "DEFAULT_FORMATS",
    "BuildResult",
    "ValidationFailed",
    "build",
    "check_outputs",
    "format_names",
    "load_quizzes",
]
