"""The docs cannot drift: every YAML example is built, every command is documented."""

from __future__ import annotations

import re
import shutil
import textwrap
from pathlib import Path

import pytest

from quizgen.build import build

from .conftest import ROOT

DOCS = [*sorted((ROOT / "docs").glob("*.md")), ROOT / "README.md"]
BLOCK = re.compile(r"^( *)```yaml\n(.*?)^\1```", re.S | re.M)
HEADER = re.compile(r"# ([\w.-]+)/([\w./-]+\.ya?ml)\n")


def blocks(doc: Path) -> list[str]:
    return [textwrap.dedent(block) for _, block in BLOCK.findall(doc.read_text(encoding="utf-8"))]


def yaml_examples() -> dict[str, dict[str, str]]:
    """{set name: {file: text}} from every ```yaml block whose first line names its file."""
    sets: dict[str, dict[str, str]] = {}
    for doc in DOCS:
        for block in blocks(doc):
            header = HEADER.match(block)
            if header is None:
                continue
            files = sets.setdefault(header.group(1), {})
            assert header.group(2) not in files, f"{doc.name}: two examples of {header.group(0)}"
            files[header.group(2)] = block
    return sets


def test_every_yaml_block_in_the_docs_names_its_file() -> None:
    for doc in DOCS:
        for block in blocks(doc):
            assert HEADER.match(block), f"{doc.name}: a YAML example without a '# set/file' line"


@pytest.mark.parametrize("name", sorted(yaml_examples()))
def test_yaml_examples_build(name: str, tmp_path: Path) -> None:
    folder = tmp_path / "questions" / name
    bundled = ROOT / "questions" / name
    if bundled.is_dir():  # an example that adds to a bundled set starts from a copy of it
        shutil.copytree(bundled, folder)
    for file_name, text in yaml_examples()[name].items():
        path = folder / file_name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    result = build([folder], tmp_path / "output")
    assert result.quizzes[0].questions
    assert len(result.written) == 4  # deck, worksheet, key, flashcards


def test_every_command_has_help_and_is_documented() -> None:
    import typer.main

    from quizgen.cli import app

    group = typer.main.get_command(app)
    commands = group.commands  # type: ignore[attr-defined]
    documented = (ROOT / "docs" / "commands.md").read_text(encoding="utf-8")
    for name, command in commands.items():
        assert command.help, f"quizgen {name} has no help text"
        assert f"## `quizgen {name}`" in documented, f"quizgen {name} is not in docs/commands.md"
