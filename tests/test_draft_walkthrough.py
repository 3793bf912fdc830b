"""docs/draft.md, followed step by step: the text is saved, drafted, reviewed (its YAML files
written as the page gives them) and built, and each command must print exactly what the page
shows."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from .anki_helpers import fresh_collection, import_package, notes_by_question_id
from .conftest import ROOT
from .docs_examples import HEADER, check_console_block, fenced_blocks

DRAFT_DOC = ROOT / "docs" / "draft.md"


def test_the_draft_walkthrough_runs_as_written(cli: Callable[..., Any], tmp_path: Path) -> None:
    blocks = fenced_blocks(DRAFT_DOC)
    assert [b.kind for b in blocks].count("console") == 4
    drafted = tmp_path / "questions" / "ferry" / "facts.yaml"
    for block in blocks:
        if block.kind == "text" and block.name:
            (tmp_path / block.name).write_text(block.body, encoding="utf-8")
        elif block.kind == "text":
            # an excerpt of the drafted facts (dedented on the page): what `quizgen draft` wrote
            written = drafted.read_text(encoding="utf-8")
            assert any(textwrap.indent(block.body, " " * n) in written for n in range(9)), (
                block.body
            )
        elif block.kind == "yaml":
            header = HEADER.match(block.body)
            assert header, "a YAML block of the page names its file"
            path = tmp_path / "questions" / header.group(1) / header.group(2)
            assert path.is_file(), f"{path} is reviewed after `quizgen draft` wrote it"
            path.write_text(block.body, encoding="utf-8")
        elif block.kind == "console":
            check_console_block(DRAFT_DOC, block, cli)

    output = tmp_path / "output"
    key = " ".join(
        " ".join(page.extract_text() for page in PdfReader(output / "ferry-key.pdf").pages).split()
    )
    assert "Who said “We are hiring eight crew members”?" in key
    assert "Tove Berg" in key
    with fresh_collection(tmp_path) as collection:
        log = import_package(collection, output / "ferry.apkg")
        assert "quote-speaker/q4" in notes_by_question_id(collection)
        assert len(log.new) == len(notes_by_question_id(collection))
