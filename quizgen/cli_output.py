"""What the commands print: problems on stderr, summaries and listings on stdout.

Each function takes what a library call returned, or the error it raised (:func:`exit_on_error`
prints it and ends the command with its exit code); none imports a heavy library, so that
``quizgen --help`` stays fast (:mod:`quizgen.cli` imports this module at start-up).
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from .errors import Problem, QuizgenError, display_path

if TYPE_CHECKING:
    from .build import BuildResult
    from .evidence import EvidenceReport
    from .models import Question
    from .new import Created
    from .push import PushReport
    from .select import Selection
    from .strict import Checked


def fail(error: QuizgenError) -> typer.Exit:
    """Print every problem of ``error`` on stderr; the exit to raise, with its exit code."""
    for problem in error.problems:
        typer.echo(problem.report(), err=True)
    if len(error.problems) > 1:
        typer.echo(f"{len(error.problems)} problems found.", err=True)
    silenceable = sorted(
        {c for p in error.problems if (c := getattr(p, "code", "")) and c != "Q401"}
    )
    if silenceable:
        # a rule's findings are errors only under --strict: say how to keep one that is meant
        typer.echo(
            f"where a rule does not apply, silence it on that question or template with the "
            f'reason: allow: {{{silenceable[0]}: "why it does not apply"}} (docs/rules.md)',
            err=True,
        )
    return typer.Exit(error.exit_code)


@contextlib.contextmanager
def exit_on_error() -> Iterator[None]:
    """Around a command's library calls: a :class:`QuizgenError` raised inside is printed
    (:func:`fail`) and ends the command with its exit code."""
    try:
        yield
    except QuizgenError as error:
        raise fail(error) from None


def evidence_notes(reports: list[EvidenceReport]) -> None:
    """What the evidence check has to say (a source text it could not find, say), on stderr."""
    for report in reports:
        if report.note:
            typer.echo(report.note, err=True)


def build_report(
    result: BuildResult, reports: list[EvidenceReport], selection: Selection, quiet: bool
) -> None:
    """What a build has to say: the evidence check's notes, the renderers' notes and the
    warnings (stderr), then, unless ``quiet``, the summary (:func:`build_summary`)."""
    evidence_notes(reports)
    for note in result.notes:
        typer.echo(note, err=True)
    for warning in result.warnings:
        typer.echo(warning_line(warning), err=True)
    if not quiet:
        build_summary(result, selection)


def build_summary(result: BuildResult, selection: Selection) -> None:
    """Each set's question count and seed, the sets left unprinted, and every file written."""
    for quiz in result.quizzes:
        typer.echo(f"{quiz.meta.name}: {len(quiz.questions)} questions (seed {quiz.seed})")
        if quiz.meta.name in result.unprinted:
            typer.echo(
                f"{quiz.meta.name}: no question matches {selection.describe()}: "
                "no worksheet printed"
            )
    for path in result.written:
        typer.echo(f"  wrote {path}")


def warning_line(problem: Problem) -> str:
    """A warning as printed: ``file:line: warning: ...``, or for a finding of an item-writing
    rule (a :class:`~quizgen.rules.Finding`, which has a code) ``file:line: warning Q101: ...``."""
    code = getattr(problem, "code", None)
    label = f"warning {code}" if code else "warning"
    return str(Problem(problem.location, f"{label}: {problem.message}"))


def validation_summary(checked: Sequence[Checked], reports: list[EvidenceReport]) -> None:
    """The evidence check's notes and the warnings (stderr), then one line per set: OK, its
    questions and evidence found."""
    evidence_notes(reports)
    for one in checked:
        for warning in one.warnings:
            typer.echo(warning_line(warning), err=True)
    found = {r.set_name: r for r in reports if r.source is not None}
    for one in checked:
        line = f"{one.quiz.meta.name}: OK, {len(one.quiz.questions)} questions"
        report = found.get(one.quiz.meta.name)
        if report is not None and report.source is not None:
            line += f"; {report.passages} evidence passages found in {display_path(report.source)}"
        typer.echo(line)


def question_json(rows: Sequence[Question]) -> None:
    """The questions as one JSON array (docs/json.md)."""
    json.dump([q.to_json() for q in rows], sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def question_table(rows: Sequence[Question]) -> None:
    """One line per question (id, type, the prompt cut to 70 characters), then the counts."""
    width = max([len(q.id) for q in rows] + [2])
    for q in rows:
        prompt = " ".join(q.prompt.split())
        prompt = prompt if len(prompt) <= 70 else prompt[:69] + "…"
        typer.echo(f"{q.id:<{width}}  {q.type.value:<15}  {prompt}")
    counts: dict[str, int] = {}
    for q in rows:
        counts[q.type.value] = counts.get(q.type.value, 0) + 1
    summary = ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items()))
    typer.echo(f"{len(rows)} questions: {summary}" if rows else "0 questions")


def created_set(created: Created, questions: Path, name: str) -> None:
    """The files ``quizgen new`` wrote, and what to do next."""
    typer.echo(f"created {display_path(created.folder)}/")
    for path in created.files:
        typer.echo(f"  wrote {display_path(path)}")
    if created.schema is not None:
        typer.echo(f"  wrote {display_path(created.schema)} (for editors)")
    where = "" if questions == Path("questions") else f" -q {display_path(questions)}"
    typer.echo(f"next: edit the files, then `quizgen validate --strict{where} {name}`")


def push_reports(reports: Sequence[PushReport], dry_run: bool) -> None:
    """Per set, with ``--dry-run`` each question that would change, then the counts."""
    for report in reports:
        if dry_run:
            for verb, ids in report.changes():
                for question_id in ids:
                    typer.echo(f"  {verb:<16}{question_id}")
        typer.echo(report.summary(dry_run))


def say(text: str, problem: bool) -> None:
    """A line of ``quizgen preview``'s running commentary; a problem goes to stderr."""
    typer.echo(text, err=problem)


def flush_stdout() -> None:
    """Flush what is left of the output, as ``quizgen`` ends.

    A reader that stops early (``quizgen list | head``) closes the pipe while output may still
    be buffered; rather than have Python report the broken pipe when it flushes at exit, what
    is left goes to the null device, as Python's documentation advises (the ``signal``
    module's note on SIGPIPE). Every file quizgen writes is complete and closed by then.
    """
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
