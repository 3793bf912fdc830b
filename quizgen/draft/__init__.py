"""``quizgen draft``: a first set from any news text, every fact quoted from it.

Rules, not a model: :mod:`.text` splits the text, :mod:`.mentions` and :mod:`.people` find people
(with their roles, from :mod:`.roles`), organisations and places, :mod:`.quotes` finds quotations
and their speakers (the speech verbs from :mod:`.speech`, the speakers they name from
:mod:`.speakers`), :mod:`.numbers` dates and numbers with their clause; :mod:`.records` turns them
into records and :mod:`.writer` into YAML. Nothing here is used by loading, generating or
rendering: a draft is YAML like any other set.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import QuizgenError, display_path
from ..schema import SCHEMA_DIR, SCHEMA_FILE, schema_comment, write_schema
from ..setfolder import new_set_folder, write_set_folder
from ..textfile import UnreadableText, read_text
from .records import Draft, Record, draft_text, texts_of
from .writer import NothingToAsk, facts_yaml, prune, set_yaml, templates_yaml

__all__ = ["Drafted", "create_draft", "draft_text"]

COPIED_SOURCE = "source.txt"


@dataclass(frozen=True)
class Drafted:
    folder: Path
    files: list[Path]
    draft: Draft
    left_out: int  # records whose text the PDF font cannot print
    schema: Path | None


def _read(source: Path) -> str:
    try:
        text = read_text(source)
    except UnreadableText as error:
        raise QuizgenError(error.message(display_path(source))) from None
    if "\x00" in text:
        raise QuizgenError(f"{display_path(source)}: not a text file (it holds NUL bytes)")
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def _printable(record: Record) -> bool:
    from ..render.pdf.fonts import unprintable  # reportlab: only when drafting

    return not any(next(unprintable(t), None) for t in texts_of(record))


def default_name(source: Path) -> str:
    name = re.sub(r"[^A-Za-z0-9_.-]+", "-", source.stem).strip("-.").lower()
    return name or "draft"


def create_draft(
    source: Path,
    questions_dir: Path,
    name: str | None = None,
    title: str | None = None,
    copy: bool = False,
) -> Drafted:
    """Write ``questions_dir/NAME/`` from the text ``source``; refuse if it exists. All files
    appear at once, or none."""
    name = name or default_name(source)
    folder = new_set_folder(questions_dir, name)
    text = _read(source)
    if not text.strip():
        raise QuizgenError(f"{display_path(source)}: the text is empty")
    from ..generate import normalise

    draft = draft_text(text)
    left_out = prune(draft, _printable)
    schema_path = questions_dir.parent / SCHEMA_DIR / SCHEMA_FILE
    header = schema_comment(folder, schema_path)
    if copy:
        source_path = COPIED_SOURCE
    else:
        source_path = Path(os.path.relpath(source.resolve(), folder.resolve())).as_posix()
    headline = draft.headline
    if headline is not None and not _printable(Record("headline", {"text": headline}, [], "")):
        headline = None
    set_title = title or headline or f"Draft: {source.stem}"
    source_title = headline or f"FILL IN the title of {source.name}"
    try:
        templates = templates_yaml(draft, header, normalise)
    except NothingToAsk:
        raise QuizgenError(
            f"{display_path(source)}: nothing to ask about: the rules found no quotation with a "
            "speaker, no person with a role and no date or number (docs/draft.md)"
        ) from None
    contents = {
        "set.yaml": set_yaml(header, set_title, source_title, source_path, name.lower()),
        "facts.yaml": facts_yaml(draft, header),
        "templates.yaml": templates,
    }
    if copy:
        contents[COPIED_SOURCE] = text
    files = write_set_folder(folder, contents)
    written_schema = None if schema_path.exists() else write_schema(schema_path.parent)
    return Drafted(folder, files, draft, left_out, written_schema)
