"""The command line: parse options, call one library function, turn errors into exit codes.

Exit codes: 0 success; 1 the question files have problems (each printed as ``file:line: message``);
2 the command line is wrong; 3 an output could not be written; 4 ``push`` could not reach or
update Anki.

The options and their help are in :mod:`quizgen.cli_options`, what the commands print in
:mod:`quizgen.cli_output`. Heavy libraries are imported inside the command that needs them, so
that ``quizgen --help`` stays fast.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from . import cli_options as opt
from . import cli_output as output
from .cli_output import evidence_notes as _notes
from .cli_output import fail as _fail
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


@app.command(short_help="Build decks, worksheets, keys, the page and exports.")
def build(
    sets: opt.SetsArg = None,
    questions: opt.QuestionsOpt = Path("questions"),
    out: opt.OutOpt = Path("output"),
    seed: opt.SeedOpt = None,
    formats: opt.FormatsOpt = "anki,pdf,html",
    source: opt.SourceOpt = None,
    paper: opt.PaperOpt = opt.Paper.A4,
    versions: opt.VersionsOpt = None,
    count: opt.CountOpt = None,
    tags: opt.PrintTagsOpt = None,
    types: opt.PrintTypesOpt = None,
    levels: opt.LevelsOpt = None,
    order: opt.OrderOpt = opt.Order.TYPE,
    word_bank: opt.WordBankOpt = False,
    force: opt.ForceOpt = False,
    quiet: opt.QuietOpt = False,
) -> None:
    """Build each set's outputs: Anki deck, worksheets, keys, flashcards, self-test page and
    the exports for learning platforms (--format)."""
    from .folders import find_sets, one_set_for_source

    failure: QuizgenError | None = None
    try:
        folders = find_sets(sets or [], questions)
        one_set_for_source("build", folders, source)
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
    for warning in result.warnings:
        typer.echo(output.warning_line(warning), err=True)
    if not quiet:
        output.build_summary(result, selection)


@app.command(short_help="Check the sets; list every problem as file:line.")
def validate(
    sets: opt.SetsArg = None,
    questions: opt.QuestionsOpt = Path("questions"),
    source: opt.SourceOpt = None,
    strict: opt.StrictOpt = False,
    versions: opt.CheckVersionsOpt = None,
    count: opt.CheckCountOpt = None,
    tags: opt.CheckTagsOpt = None,
    types: opt.CheckTypesOpt = None,
    levels: opt.LevelsOpt = None,
) -> None:
    """Check every set and report every problem, each as file:line: message."""
    from .errors import ValidationFailed
    from .folders import find_sets, one_set_for_source
    from .select import Selection
    from .strict import check_sets

    reports: list[EvidenceReport] = []
    try:
        folders = find_sets(sets or [], questions)
        one_set_for_source("validate", folders, source)
        selection = Selection.parse(count, tags, types, levels)
        checked = check_sets(
            folders, source=source, reports=reports, selection=selection, versions=versions or 0
        )
        warnings = [w for one in checked for w in one.warnings]
        if strict and warnings:
            raise ValidationFailed(warnings)
    except QuizgenError as error:
        raise _fail(error) from None
    _notes(reports)
    output.validation_summary(checked, reports)


@app.command("list")
def list_questions(
    sets: opt.SetsArg = None,
    questions: opt.QuestionsOpt = Path("questions"),
    seed: opt.SeedOpt = None,
    as_json: opt.JsonOpt = False,
    tags: opt.ListTagsOpt = None,
    types: opt.ListTypesOpt = None,
    levels: opt.LevelsOpt = None,
    template: opt.TemplateOpt = None,
) -> None:
    """List the generated questions, as a table or as JSON."""
    from .build import load_quizzes
    from .errors import did_you_mean
    from .folders import find_sets
    from .models import QuizSet
    from .select import Selection, matching
    from .specs import TemplateSpec

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
    (output.question_json if as_json else output.question_table)(rows)


@app.command(short_help="Build the deck and bring it into Anki (AnkiConnect).")
def push(
    sets: opt.SetsArg = None,
    questions: opt.QuestionsOpt = Path("questions"),
    out: opt.PushOutOpt = Path("output"),
    url: opt.UrlOpt = "http://127.0.0.1:8765",
    key: opt.KeyOpt = None,
    dry_run: opt.DryRunOpt = False,
) -> None:
    """Build each set's deck and bring it into the running Anki (AnkiConnect add-on)."""
    from .folders import find_sets
    from .push import push_sets

    try:
        reports = push_sets(find_sets(sets or [], questions), out, url, key, dry_run)
    except QuizgenError as error:
        raise _fail(error) from None
    output.push_reports(reports, dry_run)


@app.command(short_help="Start a new set folder with working, commented examples.")
def new(
    name: opt.NameArg,
    source: opt.ArticleOpt = None,
    questions: opt.QuestionsOpt = Path("questions"),
) -> None:
    """Start a new set folder with commented example files that validate and build."""
    from .new import create_set

    try:
        created = create_set(name, questions, source)
    except QuizgenError as error:
        raise _fail(error) from None
    output.created_set(created, questions, name)


@app.command(short_help="Draft a set from an article, every fact quoted.")
def draft(
    text: opt.DraftTextArg,
    name: opt.DraftNameOpt = None,
    title: opt.DraftTitleOpt = None,
    copy: opt.DraftCopyOpt = False,
    questions: opt.QuestionsOpt = Path("questions"),
) -> None:
    """Draft a set from an article: people, quotes, dates and numbers, each quoted from the text."""
    from .draft.command import run_draft

    try:
        run_draft(text, questions, name, title, copy, typer.echo)
    except QuizgenError as error:
        raise _fail(error) from None


@app.command(short_help="Print one question as the student and the key see it.")
def show(
    question_id: opt.QuestionIdArg,
    sets: opt.SetsArg = None,
    questions: opt.QuestionsOpt = Path("questions"),
    seed: opt.SeedOpt = None,
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


@app.command("rules", short_help="List the item-writing rules validate applies.")
def list_rules() -> None:
    """List the item-writing rules validate applies: code, name and what each one flags."""
    from .rules import rules_table

    typer.echo(rules_table(), nl=False)


@app.command(short_help="Write the JSON Schema of the YAML files, for editors.")
def schema(out: opt.SchemaOutOpt = Path("schema")) -> None:
    """Write the JSON Schema of the YAML files, for editor completion and checking."""
    from .schema import write_schema

    try:
        path = write_schema(out)
    except QuizgenError as error:
        raise _fail(error) from None
    typer.echo(f"wrote {path}")


@app.command(short_help="Serve a set's self-test page, rebuilt as you edit.")
def preview(
    sets: opt.PreviewSetArg = None,
    questions: opt.QuestionsOpt = Path("questions"),
    port: opt.PortOpt = 8000,
    open_browser: opt.OpenOpt = True,
    seed: opt.SeedOpt = None,
) -> None:
    """Serve a set's self-test page on 127.0.0.1, rebuilt and reloaded when its files change."""
    from .folders import find_sets
    from .preview import one_set, run

    try:
        run(one_set(find_sets(sets or [], questions)), port, open_browser, seed, output.say)
    except QuizgenError as error:
        raise _fail(error) from None


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
