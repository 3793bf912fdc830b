"""Every user mistake: one line naming file and line, a non-zero exit, no traceback, no output."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from quizgen.render import REGISTRY

from .test_generate import FACTS

F = "questions/demo/facts.yaml"

CASES: list[tuple[str, str, str]] = [
    (
        "yaml-syntax",
        "facts:\n  people: [unclosed\n",
        f"{F}:3: YAML syntax error:",
    ),
    (
        "unknown-template-key",
        FACTS.replace("    prompt: Who said", "    promt: Who said"),
        f"{F}:16: unknown key 'promt' in template 'who-said' (did you mean 'prompt'?)",
    ),
    (
        "unknown-question-key",
        FACTS.replace("    items: [one", "    itemz: [one"),
        f"{F}:30: unknown key 'itemz' in question 'order' (did you mean 'items'?)",
    ),
    (
        "unknown-reference",
        FACTS.replace("speaker: bob}", "speaker: bobb}"),
        f"{F}:11: quotes 'q1' names unknown speaker 'bobb' (did you mean 'bob'?)",
    ),
    (
        "undefined-name",
        FACTS.replace("{{ speaker.role }}", "{{ speaker.rol }}"),
        f"{F}:19: template 'who-said', record 'q1': explanation: people 'bob' has no field "
        "'rol' (did you mean 'role'?)",
    ),
    (
        "duplicate-id",
        FACTS.replace("{id: cy,", "{id: bob,"),
        f"{F}:6: duplicate id 'bob' in table 'people' (first at {F}:5)",
    ),
    (
        "too-few-distractors",
        FACTS.replace("count: 3}", "count: 4}"),
        f"{F}:18: template 'who-said', record 'q1': distractors: too few distractors: "
        "needs 4, people.name offers 3",
    ),
]


@pytest.mark.parametrize(("name", "text", "expected"), CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize("command", ["validate", "build"])
def test_error_is_one_line_with_file_and_line(
    cli: Callable[..., Any],
    make_set: Callable[..., Path],
    tmp_path: Path,
    name: str,
    text: str,
    expected: str,
    command: str,
) -> None:
    make_set({"facts.yaml": text})
    result = cli(command)
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(expected), lines[0]
    assert "Traceback" not in result.output + result.stderr
    assert not (tmp_path / "output").exists()


def test_unknown_key_in_set_metadata(
    cli: Callable[..., Any], make_set: Callable[..., Path]
) -> None:
    from .conftest import MINIMAL_SET

    make_set({"set.yaml": MINIMAL_SET.replace("  deck:", "  dek:")})
    result = cli("validate")
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "questions/demo/set.yaml:3: unknown key 'dek' in set metadata (did you mean 'deck'?)"
    )


def test_every_problem_at_once(cli: Callable[..., Any], make_set: Callable[..., Path]) -> None:
    broken = FACTS.replace("speaker: bob}", "speaker: bobb}").replace(
        "    prompt: Who said", "    promt: Who said"
    )
    make_set({"facts.yaml": broken})
    result = cli("validate")
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 3 and lines[-1] == "2 problems found."


def test_a_valid_set_validates(cli: Callable[..., Any], make_set: Callable[..., Path]) -> None:
    make_set({"facts.yaml": FACTS})
    result = cli("validate")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == "demo: OK, 9 questions"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--format", "docx"],
            f"unknown format 'docx' (known: {', '.join(sorted(REGISTRY))}, all)",
        ),
        (["--format", ""], f"--format: give at least one format (known: {', '.join(REGISTRY)})"),
        (["--format", " , "], f"--format: give at least one format (known: {', '.join(REGISTRY)})"),
        (["--versions", "0"], "--versions"),
    ],
)
def test_bad_build_options_are_usage_errors(
    cli: Callable[..., Any],
    make_set: Callable[..., Path],
    tmp_path: Path,
    args: list[str],
    message: str,
) -> None:
    make_set({})
    result = cli("build", *args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert not (tmp_path / "output").exists()


def test_a_yaml_file_linking_outside_the_set_folder_is_refused(
    make_set: Callable[..., Path], cli: Callable[..., Any], tmp_path: Path
) -> None:
    """As a picture's path may not leave the set folder, neither may a YAML file's link: a set
    shared by a stranger must not read (and print into a deck) a file elsewhere on the machine."""
    elsewhere = tmp_path / "elsewhere.yaml"
    elsewhere.write_text(FACTS, encoding="utf-8")
    folder = make_set({})
    (folder / "facts.yaml").symlink_to(elsewhere)
    result = cli("validate")
    assert result.exit_code == 1
    assert result.stderr == (
        f"{F}: a symbolic link to a file outside the set folder: not read (a set's files stay "
        "inside its folder, as its pictures do); copy the file into the folder instead\n"
    )
    assert cli("build").exit_code == 1
    assert not (tmp_path / "output").exists()
