"""`validate` refuses what `build` would refuse before writing: the renderers' ``check`` step
(characters the PDF font cannot print, pictures it cannot read), reported once per question at
the line of the key that holds the characters."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from quizgen.errors import display_path
from quizgen.render import CHECKED, REGISTRY

from .conftest import BUNDLED

FACTS = """\
facts:
  people:
    records:
      - id: cao
        name: Cao Xueqin
        work: The Story of the Stone
      - id: li
        name: 李白
        work: Quiet Night Thoughts
      - id: tolstoy
        name: Leo Tolstoy
        work: War and Peace
"""

TEMPLATES = """\
templates:
  - id: who
    table: people
    type: multiple_choice
    prompt: Who wrote {{ work }}?
    answer: "{{ name }}"
    distractors:
      from: people.name
      count: 2
"""

QUESTIONS = """\
questions:
  - id: novel
    type: short_answer
    prompt: Which novel is this?
    answer: 红楼梦
    accept: [Dream of the Red Chamber]
    explanation: Also called 红楼梦 in 中文, or שלום.
"""


def _lines(result: Any) -> list[str]:
    return [line for line in result.output.splitlines() if line.strip()]


def test_validate_reports_what_build_refuses_one_line_per_question_at_the_key(
    cli: Callable[..., Any], make_set: Callable[..., Path], tmp_path: Path
) -> None:
    make_set({"facts.yaml": FACTS, "templates.yaml": TEMPLATES, "questions.yaml": QUESTIONS})
    expected = [
        # the record's field the characters come from, for its own question ...
        "questions/demo/facts.yaml:8: question 'who/li': field 'name': characters the PDF font "
        "(DejaVu Sans) cannot print: 李, 白 (U+674E, U+767D)",
        # ... and for the questions that drew it as a distractor
        "questions/demo/questions.yaml:5: question 'novel': answer, explanation: characters the "
        "PDF font (DejaVu Sans) cannot print: 红, 楼, 梦, 中, 文 (U+7EA2, U+697C, U+68A6, "
        "U+4E2D, U+6587); right-to-left characters, which PDF output does not support yet (they "
        "need shaping): ש, ל, ו, ם (U+05E9, U+05DC, U+05D5, U+05DD)",
    ]
    validated = cli("validate", "--strict")
    assert validated.exit_code == 1
    lines = _lines(validated)
    for line in expected:
        assert line in lines, validated.output
    # one line per question: li's own question, the two that drew 李白 as a distractor, novel
    distractor_lines = [
        line for line in lines if "question 'who/" in line and "'who/li'" not in line
    ]
    assert len(distractor_lines) == 2, lines
    assert all(
        line.startswith("questions/demo/facts.yaml:8: ")
        and "fact people 'li', field 'name'" in line
        for line in distractor_lines
    ), distractor_lines
    assert lines[-1] == "4 problems found."
    assert "Traceback" not in validated.output
    assert not (tmp_path / "output").exists()
    # build says exactly the same, and writes nothing
    built = cli("build")
    assert built.exit_code == 1
    assert _lines(built) == lines
    assert not (tmp_path / "output").exists()


def test_a_template_literal_is_reported_at_the_template_key(
    cli: Callable[..., Any], make_set: Callable[..., Path]
) -> None:
    make_set(
        {
            "facts.yaml": FACTS.replace("李白", "Li Bai"),
            "templates.yaml": TEMPLATES.replace("Who wrote", "谁 wrote"),
        }
    )
    result = cli("validate")
    assert result.exit_code == 1
    lines = _lines(result)
    assert lines[:3] == [
        f"questions/demo/templates.yaml:5: question 'who/{record}': template prompt: characters "
        "the PDF font (DejaVu Sans) cannot print: 谁 (U+8C01)"
        for record in ("cao", "li", "tolstoy")
    ]


def test_validate_reports_a_picture_the_pdf_cannot_print(
    cli: Callable[..., Any], make_set: Callable[..., Path], tmp_path: Path
) -> None:
    folder = make_set(
        {
            "questions.yaml": """\
            questions:
              - id: map
                type: short_answer
                prompt: Which city is this?
                answer: Tehran
                image: map.svg
            """
        }
    )
    (folder / "map.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>", encoding="utf-8")
    result = cli("validate")
    assert result.exit_code == 1
    assert _lines(result) == [
        "questions/demo/questions.yaml:2: question 'map': image 'map.svg' cannot be printed "
        "(PDFs take PNG, JPEG or GIF pictures)"
    ]
    assert not (tmp_path / "output").exists()


def test_checked_lists_exactly_the_renderers_with_a_check() -> None:
    with_check = []
    for name, target in REGISTRY.items():
        module_name, class_name = target.split(":")
        renderer = getattr(importlib.import_module(module_name), class_name)
        if hasattr(renderer, "check"):
            with_check.append(name)
    assert sorted(CHECKED) == sorted(with_check)


def test_validate_does_not_import_the_deck_library_and_help_imports_neither(
    make_set: Callable[..., Path], tmp_path: Path
) -> None:
    make_set(
        {"questions.yaml": QUESTIONS.replace("红楼梦", "Hongloumeng").split("    explanation")[0]}
    )
    probe = (
        "import sys; from quizgen.cli import app; sys.argv = ['quizgen', *sys.argv[1:]]\n"
        "try:\n    app()\nexcept SystemExit as exit:\n    code = exit.code\n"
        "print('CODE', code, 'genanki' in sys.modules, 'reportlab' in sys.modules)"
    )
    for args, expected in ((["validate"], "CODE 0 False True"), (["--help"], "CODE 0 False False")):
        done = subprocess.run(
            [sys.executable, "-c", probe, *args],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.stdout.strip().splitlines()[-1] == expected, done.stdout + done.stderr


def test_validate_reports_a_selection_that_cannot_be_met_before_anything_is_printed(
    cli: Callable[..., Any], tmp_path: Path
) -> None:
    """The teacher learnt that `--count 500` could not be met only from `build`; validate takes
    the printing options and reports it as build would, with nothing written."""
    bank = len(json.loads(cli("list", str(BUNDLED), "--json").stdout))
    many = cli("validate", str(BUNDLED), "--count", str(bank + 1))
    assert many.exit_code == 1
    set_yaml = BUNDLED / "set.yaml"
    line = set_yaml.read_text(encoding="utf-8").splitlines().index("set:") + 1
    assert many.stderr == (
        f"{display_path(set_yaml)}:{line}: set 'russia-iran-treaty': --count {bank + 1} "
        f"asks for more questions than the {bank} matching the whole bank\n"
    )
    assert cli("build", str(BUNDLED), "--count", str(bank + 1)).stderr == many.stderr
    none = cli("validate", str(BUNDLED), "--tags", "no-such-tag")
    assert none.exit_code == 1
    assert none.stderr == "no question of any set matches tags no-such-tag\n"
    fine = cli("validate", str(BUNDLED), "--count", "3", "--types", "true_false", "--versions", "3")
    assert fine.exit_code == 0, fine.stderr
    bad_type = cli("validate", str(BUNDLED), "--types", "essay")
    assert bad_type.exit_code == 2
    assert not (tmp_path / "output").exists()
