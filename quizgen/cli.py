"""The command line: parse options, call one library function, turn errors into exit codes.

Exit codes: 0 success; 1 the question files have problems (each printed as ``file:line: message``);
2 the command line is wrong; 3 an output could not be written.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .errors import QuizgenError

if TYPE_CHECKING:
    from .evidence import EvidenceReport
    from .preload import Preload

_CONSOLE_SCRIPT = False
"""True in the ``quizgen`` console script (:func:`main`), whose process-level choices (a second
process for the YAML, the collector's thresholds) never apply when the app runs inside another
program or a test."""

app = typer.Typer(
    name="quizgen",
    help="Turn the facts of a news article (YAML) into Anki decks and printable worksheets.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain help and usage errors: rich's formatting would import rich and markdown-it on every
    # `--help`, which alone costs more than importing typer (benchmarks/README.md).
    rich_markup_mode=None,
)

SetsArg = Annotated[
    list[str] | None,
    typer.Argument(
        help="Set folders (or names under --questions); default: every set.", show_default=False
    ),
]
QuestionsOpt = Annotated[
    Path, typer.Option("--questions", "-q", help="Folder holding the question sets.")
]
SeedOpt = Annotated[
    int | None,
    typer.Option(
        "--seed",
        help="Seed for distractors and shuffling (default: the set's seed).",
        show_default=False,
    ),
]
SourceOpt = Annotated[
    Path | None,
    typer.Option(
        "--source",
        help="Check every evidence passage against this text (overrides the set's source.path).",
        show_default=False,
    ),
]


def _notes(reports: list[EvidenceReport]) -> None:
    for report in reports:
        if report.note:
            typer.echo(report.note, err=True)


class Paper(StrEnum):
    A4 = "a4"
    LETTER = "letter"


def _fail(error: QuizgenError) -> typer.Exit:
    for problem in error.problems:
        typer.echo(str(problem), err=True)
    if len(error.problems) > 1:
        typer.echo(f"{len(error.problems)} problems found.", err=True)
    return typer.Exit(error.exit_code)


@app.command()
def build(
    sets: SetsArg = None,
    questions: QuestionsOpt = Path("questions"),
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder to write outputs to.")] = Path(
        "output"
    ),
    seed: SeedOpt = None,
    formats: Annotated[
        str, typer.Option("--format", "-f", help="Comma-separated output formats: anki, pdf.")
    ] = "anki,pdf",
    source: SourceOpt = None,
    paper: Annotated[
        Paper, typer.Option("--paper", help="Paper size of the printed outputs.")
    ] = Paper.A4,
    versions: Annotated[
        int | None,
        typer.Option(
            "--versions",
            min=1,
            max=26,
            help="Print forms A, B, ... (each with its own question and option order and key).",
            show_default=False,
        ),
    ] = None,
    count: Annotated[
        int | None,
        typer.Option(
            "--count",
            min=1,
            help="Print N questions drawn (seeded) from the bank.",
            show_default=False,
        ),
    ] = None,
    tags: Annotated[
        str | None,
        typer.Option(
            "--tags",
            help="Print only questions with one of these comma-separated tags.",
            show_default=False,
        ),
    ] = None,
    types: Annotated[
        str | None,
        typer.Option(
            "--types",
            help="Print only questions of these comma-separated types.",
            show_default=False,
        ),
    ] = None,
    word_bank: Annotated[
        bool, typer.Option("--word-bank", help="Print a word bank above the fill-in-the-blanks.")
    ] = False,
    force: Annotated[
        bool,
        typer.Option(
            "--force", help="Overwrite files in the output folder that quizgen did not write."
        ),
    ] = False,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet", help="No progress bar and no summary; problems are still reported."
        ),
    ] = False,
) -> None:
    """Build the Anki deck, the worksheets, answer keys and flashcards of each set."""
    from .folders import find_sets

    failure: QuizgenError | None = None
    preload: Preload | None = None
    try:
        folders = find_sets(sets or [], questions)
        if _CONSOLE_SCRIPT:  # before the heavy imports, which it runs beside (quizgen/preload.py)
            from .preload import start

            preload = start(folders)
    except QuizgenError as error:
        raise _fail(error) from None

    from .build import build as run_build
    from .progress import for_terminal
    from .select import Selection

    reports: list[EvidenceReport] = []
    progress = for_terminal(quiet)
    try:
        names = [f.strip() for f in formats.split(",") if f.strip()]
        selection = Selection.parse(count, tags, types)
        result = run_build(
            folders,
            out,
            names,
            seed,
            source,
            reports,
            paper=paper.value,
            versions=versions or 0,
            selection=selection,
            word_bank=word_bank,
            force=force,
            progress=progress,
            preload=preload,
            on_loaded=_settle_collector if _CONSOLE_SCRIPT else None,
        )
    except QuizgenError as error:
        failure = error
    finally:
        progress.close()  # the bar stops before the problems are printed under it
        if preload is not None:
            preload.close()
    if failure is not None:
        raise _fail(failure) from None
    _notes(reports)
    for warning in result.warnings:
        typer.echo(warning.warning(), err=True)
    if quiet:
        return
    for quiz in result.quizzes:
        typer.echo(f"{quiz.meta.name}: {len(quiz.questions)} questions (seed {quiz.seed})")
        if quiz.meta.name in result.unprinted:
            typer.echo(
                f"{quiz.meta.name}: no question matches {selection.describe()}: "
                "no worksheet printed"
            )
    for path in result.written:
        typer.echo(f"  wrote {path}")


@app.command()
def validate(
    sets: SetsArg = None,
    questions: QuestionsOpt = Path("questions"),
    source: SourceOpt = None,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help="Treat warnings (unused facts, facts without evidence, repeated prompts, "
            "answers given away by their prompt, keys with no effect on the type) as errors.",
        ),
    ] = False,
) -> None:
    """Check every set and report every problem, each as file:line: message."""
    from .errors import ValidationFailed, display_path
    from .folders import find_sets
    from .strict import check_sets, warning_text

    reports: list[EvidenceReport] = []
    try:
        checked = check_sets(find_sets(sets or [], questions), source=source, reports=reports)
        warnings = [w for one in checked for w in one.warnings]
        if strict and warnings:
            raise ValidationFailed(warnings)
    except QuizgenError as error:
        raise _fail(error) from None
    _notes(reports)
    for warning in warnings:
        typer.echo(warning_text(warning), err=True)
    found = {r.set_name: r for r in reports if r.source is not None}
    for one in checked:
        line = f"{one.quiz.meta.name}: OK, {len(one.quiz.questions)} questions"
        report = found.get(one.quiz.meta.name)
        if report is not None and report.source is not None:
            line += f"; {report.passages} evidence passages found in {display_path(report.source)}"
        typer.echo(line)


@app.command("list")
def list_questions(
    sets: SetsArg = None,
    questions: QuestionsOpt = Path("questions"),
    seed: SeedOpt = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print a JSON array (docs/json.md).")
    ] = False,
    tags: Annotated[
        str | None,
        typer.Option("--tags", help="Only questions with any of these comma-separated tags."),
    ] = None,
    types: Annotated[
        str | None,
        typer.Option("--types", help="Only questions of these comma-separated types."),
    ] = None,
    template: Annotated[
        str | None,
        typer.Option("--template", help="Only the questions this template generates."),
    ] = None,
) -> None:
    """List the generated questions, as a table or as JSON."""
    from .build import load_quizzes
    from .errors import did_you_mean
    from .folders import find_sets
    from .models import QuizSet, TemplateSpec
    from .select import Selection, matching

    loaded: list[QuizSet] = []
    try:
        selection = Selection.parse(None, tags, types)
        quizzes = load_quizzes(find_sets(sets or [], questions), seed, loaded=loaded)
        if template is not None:
            ids = [i.spec.id for s in loaded for i in s.items if isinstance(i.spec, TemplateSpec)]
            if template not in ids:
                raise QuizgenError(f"no template '{template}'{did_you_mean(template, ids)}")
    except QuizgenError as error:
        raise _fail(error) from None
    rows = [
        q
        for quiz in quizzes
        for q in matching(quiz.questions, selection)
        if template is None or q.template == template
    ]
    if as_json:
        json.dump([q.to_json() for q in rows], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return
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


@app.command()
def new(
    name: Annotated[str, typer.Argument(help="Name of the new set folder, e.g. city-budget.")],
    source: Annotated[
        Path | None,
        typer.Option(
            "--source", help="The article's text (UTF-8) the set is about.", show_default=False
        ),
    ] = None,
    questions: QuestionsOpt = Path("questions"),
) -> None:
    """Start a new set folder with commented example files that validate and build."""
    from .errors import display_path
    from .new import create_set

    try:
        created = create_set(name, questions, source)
    except QuizgenError as error:
        raise _fail(error) from None
    typer.echo(f"created {display_path(created.folder)}/")
    for path in created.files:
        typer.echo(f"  wrote {display_path(path)}")
    if created.schema is not None:
        typer.echo(f"  wrote {display_path(created.schema)} (for editors)")
    where = "" if questions == Path("questions") else f" -q {display_path(questions)}"
    typer.echo(f"next: edit the files, then `quizgen validate --strict{where} {name}`")


@app.command()
def show(
    question_id: Annotated[
        str, typer.Argument(metavar="ID", help="Question id, as `quizgen list` prints it.")
    ],
    sets: SetsArg = None,
    questions: QuestionsOpt = Path("questions"),
    seed: SeedOpt = None,
) -> None:
    """Print one question as the student sees it and as the answer key shows it."""
    from .build import load_quizzes
    from .folders import find_sets
    from .show import find_question, show_question

    try:
        quiz, question = find_question(
            load_quizzes(find_sets(sets or [], questions), seed), question_id
        )
    except QuizgenError as error:
        raise _fail(error) from None
    typer.echo(show_question(quiz, question), nl=False)


@app.command("rules")
def list_rules() -> None:
    """List the item-writing rules validate applies: code, name and what each one flags."""
    from .rules import rules_table

    typer.echo(rules_table(), nl=False)


@app.command()
def schema(
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Folder to write quizgen-set.schema.json to.")
    ] = Path("schema"),
) -> None:
    """Write the JSON Schema of the YAML files, for editor completion and checking."""
    from .schema import write_schema

    try:
        path = write_schema(out)
    except QuizgenError as error:
        raise _fail(error) from None
    typer.echo(f"wrote {path}")


_DEFAULT_GC_THRESHOLDS = gc.get_threshold()


def _settle_collector() -> None:
    """Once a build's sets are loaded and generated (they live until the end): take them out of
    the collector's sight, and give rendering the default thresholds back (reportlab makes
    cyclic garbage, which the high loading threshold would let pile up: +70 % peak memory
    in a full 10k-question build)."""
    gc.freeze()
    gc.set_threshold(*_DEFAULT_GC_THRESHOLDS)


def main() -> None:
    """The ``quizgen`` console script: run one command, then leave at once.

    Three process-level choices, made here and not in the library (which may live in a longer
    process, a test run or a notebook):

    * ``build`` may parse a large set's YAML partly in a forked process while this one imports
      its libraries (:mod:`quizgen.preload`);
    * loading makes hundreds of thousands of small objects (YAML values, records, questions),
      none of them garbage until the process ends; with the collector's default thresholds it
      walks them again and again, about a tenth of a large deck build's time, so the first
      generation is collected every 500,000 allocations instead of every 700 until the sets
      are loaded, and then they are frozen and the defaults restored (:func:`_settle_collector`);
    * tearing those objects down one by one at exit takes as long again as writing the deck, so
      once the command has finished and its output is flushed the process ends with
      ``os._exit``, as mypy does. Every file quizgen writes is complete and closed by then.
    """
    global _CONSOLE_SCRIPT
    _CONSOLE_SCRIPT = True
    gc.set_threshold(500_000, 50, 100)
    try:
        app()
        code: int = 0
    except SystemExit as exit_:
        if exit_.code is None or isinstance(exit_.code, int):
            code = exit_.code or 0
        else:
            print(exit_.code, file=sys.stderr)
            code = 1
    for stream in (sys.stdout, sys.stderr):
        # a reader that stopped early (`quizgen list | head`) closed the pipe: nothing to flush to
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)
