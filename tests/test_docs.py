"""The docs cannot drift: every YAML example is built, every console session is replayed, every
command and every key is documented."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from quizgen import models, specs
from quizgen.build import build
from quizgen.strict import check_sets
from quizgen.templating import environment

from .conftest import ROOT
from .docs_examples import (
    DOCS,
    HEADER,
    WALKTHROUGH,
    check_console_block,
    fenced_blocks,
    write_example,
    yaml_blocks,
)

FORMAT = ROOT / "docs" / "format.md"
RULES_DOC = ROOT / "docs" / "rules.md"
DRAFT_WALKTHROUGH = ROOT / "docs" / "draft.md"
# the walkthroughs (tests/test_walkthrough.py, tests/test_draft_walkthrough.py) and the rules
# (whose "bad" examples must warn: tests/test_rules_docs.py) have tests of their own
REFERENCE_DOCS = [doc for doc in DOCS if doc not in (WALKTHROUGH, DRAFT_WALKTHROUGH, RULES_DOC)]
KNOWN_WARNINGS = {
    # the example of `exclude` is about two people saying the same words: the two questions
    # read the same, which the docs point out
    "example-exclude": [
        "questions/example-exclude/facts.yaml:14: question 'who-said/hello-bob' has the same "
        "prompt as 'who-said/hello-ann' (questions/example-exclude/facts.yaml:13)"
    ],
}


def yaml_examples() -> dict[str, dict[str, str]]:
    """{set name: {file: text}} from every ```yaml block of the reference docs."""
    sets: dict[str, dict[str, str]] = {}
    for doc in REFERENCE_DOCS:
        for block in yaml_blocks(doc):
            header = HEADER.match(block)
            if header is None:
                continue
            files = sets.setdefault(header.group(1), {})
            assert header.group(2) not in files, f"{doc.name}: two examples of {header.group(0)}"
            files[header.group(2)] = block
        for block in fenced_blocks(doc):  # a file beside the YAML: ```text <set>/<file>
            if block.kind == "text" and "/" in block.name:
                set_name, file_name = block.name.split("/", 1)
                sets.setdefault(set_name, {})[file_name] = block.body
    return sets


def write_example_sets(questions: Path, names: list[str]) -> None:
    examples = yaml_examples()
    for name in names:
        folder = questions / name
        if (ROOT / "questions" / name).is_dir():  # an example adding to a bundled set
            shutil.copytree(ROOT / "questions" / name, folder)
        for file_name, text in examples[name].items():
            write_example(folder, file_name, text)


def test_every_yaml_block_in_the_docs_names_its_file() -> None:
    for doc in DOCS:
        for block in yaml_blocks(doc):
            assert HEADER.match(block), f"{doc.name}: a YAML example without a '# set/file' line"


@pytest.mark.parametrize("name", sorted(yaml_examples()))
def test_yaml_examples_build(name: str, tmp_path: Path) -> None:
    write_example_sets(tmp_path / "questions", [name])
    result = build([tmp_path / "questions" / name], tmp_path / "output")
    assert result.quizzes[0].questions
    assert len(result.written) == 5  # deck, worksheet, key, flashcards, page


@pytest.mark.parametrize("name", sorted(yaml_examples()))
def test_yaml_examples_show_good_practice(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The examples pass `quizgen validate --strict`: no warning a teacher would copy."""
    monkeypatch.chdir(tmp_path)
    write_example_sets(tmp_path / "questions", [name])
    (checked,) = check_sets([Path("questions") / name])
    found = [str(w) for w in checked.warnings]
    if (ROOT / "questions" / name).is_dir():
        # an example adding to the bundled set: its own warnings (the bundled set's are
        # test_strict's), those at its files' lines or naming one of its questions
        files = [f"questions/{name}/{file}:" for file in yaml_examples()[name]]
        ids = [
            f"'{q['id']}'"
            for text in yaml_examples()[name].values()
            for q in (yaml.safe_load(text) or {}).get("questions", [])
        ]
        found = [w for w in found if any(f in w for f in files) or any(i in w for i in ids)]
        # whether it repeats a question of the bundled bank depends on the bank, which is being
        # rewritten: the give-away rule (Q502) across the two is the bank's test, not the doc's
        found = [w for w in found if ": Q502: " not in w]
    assert found == KNOWN_WARNINGS.get(name, [])


@pytest.mark.parametrize("doc", REFERENCE_DOCS, ids=lambda d: d.name)
def test_console_examples_print_what_the_docs_say(
    doc: Path, cli: Callable[..., Any], tmp_path: Path
) -> None:
    sessions = [b for b in fenced_blocks(doc) if b.kind == "console"]
    if not sessions:
        return
    write_example_sets(tmp_path / "questions", sorted(yaml_examples()))
    for block in sessions:
        check_console_block(doc, block, cli)


def test_every_command_has_help_and_is_documented() -> None:
    import typer.main

    from quizgen.cli import app

    group = typer.main.get_command(app)
    commands = group.commands  # type: ignore[attr-defined]
    documented = (ROOT / "docs" / "commands.md").read_text(encoding="utf-8")
    for name, command in commands.items():
        assert command.help, f"quizgen {name} has no help text"
        assert f"## `quizgen {name}`" in documented, f"quizgen {name} is not in docs/commands.md"
        for param in command.params:
            if param.param_type_name == "option":
                assert param.help, f"quizgen {name} {param.opts[0]} has no help text"
                assert f"`{param.opts[0]}" in documented or param.opts[0] == "--help", (
                    f"quizgen {name} {param.opts[0]} is not in docs/commands.md"
                )


def documented_keys(text: str) -> set[str]:
    """The keys named in the first cell of every table row: `id`, `source.title`, ..."""
    keys: set[str] = set()
    for line in text.splitlines():
        if line.startswith("| `"):
            for name in re.findall(r"`([\w.]+)`", line.split("|")[1]):
                keys.add(name.rsplit(".", 1)[-1])
    return keys


def test_every_key_of_the_format_is_in_the_reference() -> None:
    text = FORMAT.read_text(encoding="utf-8")
    keys = documented_keys(text)
    for model in (
        specs.SetSpec,
        specs.CitationSpec,
        specs.TableSpec,
        specs.RecordSpec,
        specs.TemplateSpec,
        specs.QuestionSpec,
        specs.DistractorSpec,
    ):
        for name, field in model.model_fields.items():
            key = field.alias or name
            assert key in keys, f"{model.__name__}.{key} has no row in a table of docs/format.md"
    for kind in models.QuestionType:
        assert f"### `{kind.value}`" in text, f"no worked example of {kind.value}"


def test_the_allowed_filters_are_exactly_those_documented() -> None:
    text = FORMAT.read_text(encoding="utf-8")
    allowed = text.split("**Filters**", 1)[1].split("Refused:", 1)[0]
    listed = re.findall(r"`([a-z]+)`", allowed.split("\n\n", 1)[1])
    assert sorted(listed) == sorted(environment().filters)
    refused = text.split("Refused:", 1)[1].split("\n\n", 1)[0]
    for name in re.findall(r"`([a-z]+)`", refused):
        assert name not in environment().filters or name in ("range", "dict", "namespace")


def test_a_refused_filter_is_an_error_at_its_line(
    make_set: Callable[..., Path], cli: Callable[..., Any]
) -> None:
    make_set(
        {
            "facts.yaml": "facts:\n  t:\n    records:\n      - {id: a, name: A, evidence: e}\n",
            "templates.yaml": "templates:\n  - id: x\n    table: t\n    type: short_answer\n"
            '    prompt: Which?\n    answer: "{{ name | random }}"\n',
        }
    )
    result = cli("validate")
    assert result.exit_code == 1
    assert result.stderr == (
        "questions/demo/templates.yaml:6: template 'x': answer: template syntax error: "
        "No filter named 'random'.\n"
    )
