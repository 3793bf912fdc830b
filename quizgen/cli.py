"""The command line: parse options, call one library function, turn errors into exit codes.

Exit codes: 0 success; 1 the question files have problems (each printed as ``file:line: message``);
2 the command line is wrong; 3 an output could not be written.
"""

from __future__ import annotations

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
LevelsOpt = Annotated[
    str | None,
    typer.Option(
        "--levels",
        help="Only questions of these comma-separated levels (recall, understand, analyse).",
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


class Order(StrEnum):
    TYPE = "type"
    TOPIC = "topic"
    BANK = "bank"


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
        str,
        typer.Option(
            "--format",
            "-f",
            help="Comma-separated output formats (anki, pdf, html, moodle, gift, qti, kahoot, "
            "quizlet) or all.",
        ),
    ] = "anki,pdf,html",
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
    levels: LevelsOpt = None,
    order: Annotated[
        Order,
        typer.Option(
            "--order",
            help="Worksheet sections: by question type, by topic, or one (the bank's order).",
        ),
    ] = Order.TYPE,
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
    try:
        folders = find_sets(sets or [], questions)
    except QuizgenError as error:
        raise _fail(error) from None

    from .build import build as run_build
    from .progress import for_terminal
    from .select import Selection

    reports: list[EvidenceReport] = []
    progress = for_terminal(quiet)
    try:
        names = [f.strip() for f in formats.split(",") if f.strip()]
        selection = Selection.parse(count, tags, types, levels, order.value)
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
        )
    except QuizgenError as error:
        failure = error
    finally:
        progress.close()  # the bar stops before the problems are printed under it
    if failure is not None:
        raise _fail(failure) from None
    _notes(reports)
    for note in result.notes:
        typer.echo(note, err=True)
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
    from .errors import Problem, ValidationFailed, display_path
    from .folders import find_sets
    from .strict import check_sets

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
        typer.echo(str(Problem(warning.location, f"warning: {warning.message}")), err=True)
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
    levels: LevelsOpt = None,
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
        selection = Selection.parse(None, tags, types, levels)
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
def draft(
    text: Annotated[
        Path, typer.Argument(metavar="TEXT", help="The article, as a UTF-8 text file.")
    ],
    name: Annotated[
        str | None,
        typer.Option(
            "--name",
            help="Name of the set folder (default: from the file name).",
            show_default=False,
        ),
    ] = None,
    title: Annotated[
        str | None,
        typer.Option(
            "--title", help="The set's title (default: the text's headline).", show_default=False
        ),
    ] = None,
    copy: Annotated[
        bool, typer.Option("--copy", help="Copy the text into the set folder as source.txt.")
    ] = False,
    questions: QuestionsOpt = Path("questions"),
) -> None:
    """Draft a set from an article: people, quotes, dates and numbers, each quoted from the text."""
    from .draft.command import run_draft

    try:
        run_draft(text, questions, name, title, copy, typer.echo)
    except QuizgenError as error:
        raise _fail(error) from None


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


@app.command()
def preview(
    sets: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[SET]",
            help="Set folder (or name under --questions); default: the only set.",
            show_default=False,
        ),
    ] = None,
    questions: QuestionsOpt = Path("questions"),
    port: Annotated[
        int, typer.Option("--port", "-p", min=0, max=65535, help="Port on 127.0.0.1.")
    ] = 8000,
    open_browser: Annotated[
        bool, typer.Option("--open/--no-open", help="Open the page in the default browser.")
    ] = True,
    seed: SeedOpt = None,
) -> None:
    """Serve a set's self-test page on 127.0.0.1, rebuilt and reloaded when its files change."""
    from .folders import find_sets
    from .preview import one_set, run

    try:
        run(one_set(find_sets(sets or [], questions)), port, open_browser, seed, _say)
    except QuizgenError as error:
        raise _fail(error) from None


def _say(text: str, problem: bool) -> None:
    typer.echo(text, err=problem)


def main() -> None:
    """The ``quizgen`` console script.

    A reader that stops early (``quizgen list | head``) closes the pipe while output may still
    be buffered; rather than have Python report the broken pipe when it flushes at exit, what
    is left goes to the null device, as Python's documentation advises (the ``signal``
    module's note on SIGPIPE). Every file quizgen writes is complete and closed by then.
    """
    try:
        app()
    finally:
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
