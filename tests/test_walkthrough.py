"""docs/walkthrough.md, followed step by step: its files are written and its commands run, in the
order the page gives them, and each command must print exactly what the page shows."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from .anki_helpers import fresh_collection, import_package, notes_by_question_id
from .docs_examples import HEADER, WALKTHROUGH, check_console_block, fenced_blocks


def test_the_walkthrough_runs_as_written(cli: Callable[..., Any], tmp_path: Path) -> None:
    blocks = fenced_blocks(WALKTHROUGH)
    kinds = [b.kind for b in blocks]
    assert kinds.count("console") >= 5 and "yaml" in kinds and "text" in kinds
    for block in blocks:
        if block.kind == "text" and block.name:
            (tmp_path / block.name).write_text(block.body, encoding="utf-8")
        elif block.kind == "yaml":
            header = HEADER.match(block.body)
            assert header, "a walkthrough YAML block names its file"
            path = tmp_path / "questions" / header.group(1) / header.group(2)
            assert path.parent.is_dir(), f"{path} is written before `quizgen new` made its set"
            path.write_text(block.body, encoding="utf-8")
        elif block.kind == "console":
            check_console_block(WALKTHROUGH, block, cli)

    # what the last step built holds the new fact, template and question
    output = tmp_path / "output"
    key = "\n".join(page.extract_text() for page in PdfReader(output / "bees-key.pdf").pages)
    for text in ("How does the text describe Samir Haddad?", "in August", "Northgate Weekly"):
        assert text in " ".join(key.split())
    worksheet = " ".join(
        " ".join(
            page.extract_text() for page in PdfReader(output / "bees-worksheet.pdf").pages
        ).split()
    )
    assert "When does the school hope to harvest its first honey?" in worksheet
    # no answers on the worksheet (the cloze shows Haddad's sentence with its blank)
    assert "honey at the Saturday market" not in worksheet
    with fresh_collection(tmp_path) as collection:
        log = import_package(collection, output / "bees.apkg")
        assert len(log.new) == 7
        assert {"person-role/haddad", "first-honey"} <= set(notes_by_question_id(collection))
