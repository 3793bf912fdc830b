"""The arguments and options of the commands (:mod:`quizgen.cli`), each with its help text.

Kept apart from the commands so that each command reads as what it does; importing this module
imports typer only.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer


class Paper(StrEnum):
    A4 = "a4"
    LETTER = "letter"


class Order(StrEnum):
    TYPE = "type"
    TOPIC = "topic"
    BANK = "bank"


# ------------------------------------------------------------------ shared by several commands

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
        help="Check the evidence of the set named against this text (overrides its source.path).",
        show_default=False,
    ),
]

# ------------------------------------------------------------------ build

OutOpt = Annotated[Path, typer.Option("--out", "-o", help="Folder to write outputs to.")]
FormatsOpt = Annotated[
    str,
    typer.Option(
        "--format",
        "-f",
        help="Comma-separated output formats (anki, pdf, html, moodle, gift, qti, kahoot, "
        "quizlet) or all.",
    ),
]
PaperOpt = Annotated[Paper, typer.Option("--paper", help="Paper size of the printed outputs.")]
VersionsOpt = Annotated[
    int | None,
    typer.Option(
        "--versions",
        min=1,
        max=26,
        help="Print forms A, B, ... (each with its own question and option order and key).",
        show_default=False,
    ),
]
CountOpt = Annotated[
    int | None,
    typer.Option(
        "--count",
        min=1,
        help="Print N questions drawn (seeded) from the bank.",
        show_default=False,
    ),
]
PrintTagsOpt = Annotated[
    str | None,
    typer.Option(
        "--tags",
        help="Print only questions with one of these comma-separated tags.",
        show_default=False,
    ),
]
PrintTypesOpt = Annotated[
    str | None,
    typer.Option(
        "--types",
        help="Print only questions of these comma-separated types.",
        show_default=False,
    ),
]
OrderOpt = Annotated[
    Order,
    typer.Option(
        "--order", help="Worksheet sections: by question type, by topic, or one (the bank's order)."
    ),
]
CheckVersionsOpt = Annotated[
    int | None,
    typer.Option(
        "--versions",
        min=1,
        max=26,
        help="Check the printed forms A, B, ... as build --versions would print them.",
        show_default=False,
    ),
]
CheckCountOpt = Annotated[
    int | None,
    typer.Option(
        "--count",
        min=1,
        help="Check that N questions can be drawn, as build --count would print them.",
        show_default=False,
    ),
]
CheckTagsOpt = Annotated[
    str | None,
    typer.Option(
        "--tags",
        help="Check the selection of questions with one of these comma-separated tags.",
        show_default=False,
    ),
]
CheckTypesOpt = Annotated[
    str | None,
    typer.Option(
        "--types",
        help="Check the selection of questions of these comma-separated types.",
        show_default=False,
    ),
]
WordBankOpt = Annotated[
    bool, typer.Option("--word-bank", help="Print a word bank above the fill-in-the-blanks.")
]
ForceOpt = Annotated[
    bool,
    typer.Option(
        "--force", help="Overwrite files in the output folder that quizgen did not write."
    ),
]
QuietOpt = Annotated[
    bool,
    typer.Option("--quiet", help="No progress bar and no summary; problems are still reported."),
]

# ------------------------------------------------------------------ validate

StrictOpt = Annotated[
    bool,
    typer.Option(
        "--strict",
        help="Treat warnings (unused facts, misspelt reserved keys, repeated prompts, "
        "answers given away by their prompt, keys with no effect on the type, the "
        "item-writing rules of `quizgen rules`, draft: lines and placeholders) as errors.",
    ),
]

# ------------------------------------------------------------------ list

JsonOpt = Annotated[bool, typer.Option("--json", help="Print a JSON array (docs/json.md).")]
ListTagsOpt = Annotated[
    str | None,
    typer.Option("--tags", help="Only questions with any of these comma-separated tags."),
]
ListTypesOpt = Annotated[
    str | None,
    typer.Option("--types", help="Only questions of these comma-separated types."),
]
LevelsOpt = Annotated[
    str | None,
    typer.Option(
        "--levels",
        help="Only questions of these comma-separated levels (recall, understand, analyse).",
        show_default=False,
    ),
]
TemplateOpt = Annotated[
    str | None,
    typer.Option("--template", help="Only the questions this template generates."),
]

# ------------------------------------------------------------------ draft

DraftTextArg = Annotated[
    Path, typer.Argument(metavar="TEXT", help="The article, as a UTF-8 text file.")
]
DraftNameOpt = Annotated[
    str | None,
    typer.Option(
        "--name",
        help="Name of the set folder (default: from the file name).",
        show_default=False,
    ),
]
DraftTitleOpt = Annotated[
    str | None,
    typer.Option(
        "--title", help="The set's title (default: the text's headline).", show_default=False
    ),
]
DraftCopyOpt = Annotated[
    bool, typer.Option("--copy", help="Copy the text into the set folder as source.txt.")
]

# ------------------------------------------------------------------ preview

PreviewSetArg = Annotated[
    list[str] | None,
    typer.Argument(
        metavar="SET",
        help="Set folder (or name under --questions); default: the only set.",
        show_default=False,
    ),
]
PortOpt = Annotated[int, typer.Option("--port", "-p", min=0, max=65535, help="Port on 127.0.0.1.")]
OpenOpt = Annotated[
    bool, typer.Option("--open/--no-open", help="Open the page in the default browser.")
]

# ------------------------------------------------------------------ push

PushOutOpt = Annotated[Path, typer.Option("--out", "-o", help="Folder to build the decks in.")]
UrlOpt = Annotated[str, typer.Option("--url", help="Where the AnkiConnect add-on listens.")]
KeyOpt = Annotated[
    str | None,
    typer.Option(
        "--key", help="AnkiConnect's API key, if its config sets one.", show_default=False
    ),
]
DryRunOpt = Annotated[
    bool,
    typer.Option(
        "--dry-run", help="List what would be added, updated and withdrawn; change nothing."
    ),
]

# ------------------------------------------------------------------ new, show, schema

NameArg = Annotated[str, typer.Argument(help="Name of the new set folder, e.g. city-budget.")]
ArticleOpt = Annotated[
    Path | None,
    typer.Option(
        "--source", help="The article's text (UTF-8) the set is about.", show_default=False
    ),
]
QuestionIdArg = Annotated[
    str, typer.Argument(metavar="ID", help="Question id, as `quizgen list` prints it.")
]
SchemaOutOpt = Annotated[
    Path, typer.Option("--out", "-o", help="Folder to write quizgen-set.schema.json to.")
]
