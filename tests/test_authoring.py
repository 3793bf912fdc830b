"""Authoring features: levels (JSON, --levels, Anki tag), evidence chosen per question, distractors
of the same kind, accepted answers from an expression, and worksheet sections (--order)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from quizgen.build import build
from quizgen.errors import UsageError
from quizgen.generate import generate
from quizgen.load import load_set
from quizgen.select import Selection

from .anki_helpers import fresh_collection, import_package, notes_by_question_id
from .docs_examples import commands, fenced_blocks
from .test_docs import write_example_sets

ROOT = Path(__file__).resolve().parent.parent
WORKSHEETS = ROOT / "docs" / "worksheets.md"
EXAMPLE = "example-levels"  # the example set of docs/format.md


@pytest.fixture
def example(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """docs/format.md's example set, written under tmp_path/questions (the working directory)."""
    monkeypatch.chdir(tmp_path)
    write_example_sets(tmp_path / "questions", [EXAMPLE])
    return tmp_path / "questions" / EXAMPLE


def _listed(cli: Callable[..., Any], *args: str) -> list[dict[str, Any]]:
    result = cli("list", EXAMPLE, "--json", *args)
    assert result.exit_code == 0, result.output
    rows: list[dict[str, Any]] = json.loads(result.stdout)
    return rows


# --------------------------------------------------------------------------- levels


def test_levels_are_listed_and_selected_like_tags(example: Path, cli: Callable[..., Any]) -> None:
    rows = {r["id"]: r for r in _listed(cli)}
    assert rows["role/park"]["level"] == "recall"  # from the template
    assert rows["why-the-fare"]["level"] == "understand"  # the question's own
    chosen = _listed(cli, "--levels", "understand,analyse")
    assert [r["id"] for r in chosen] == ["why-the-fare", "commuters"]
    assert {r["id"] for r in _listed(cli, "--levels", "recall")} == {
        i for i, r in rows.items() if r["level"] == "recall"
    }
    both = _listed(cli, "--levels", "recall", "--types", "short_answer")
    assert both and all(r["type"] == "short_answer" and r["level"] == "recall" for r in both)


def test_a_question_without_a_level_has_none_and_matches_no_levels(
    make_set: Callable[..., Path], cli: Callable[..., Any]
) -> None:
    make_set(
        {
            "questions.yaml": """\
                questions:
                  - {id: a, type: true_false, prompt: "Is it?", answer: true, level: analyse}
                  - {id: b, type: true_false, prompt: "Is it not?", answer: false}
                """
        }
    )
    rows = json.loads(cli("list", "demo", "--json").stdout)
    assert [(r["id"], r["level"]) for r in rows] == [("a", "analyse"), ("b", None)]
    picked = json.loads(cli("list", "demo", "--json", "--levels", "analyse,recall").stdout)
    assert [r["id"] for r in picked] == ["a"]


def test_an_unknown_level_or_order_is_a_command_line_error(
    example: Path, cli: Callable[..., Any]
) -> None:
    result = cli("list", EXAMPLE, "--levels", "remember")
    assert result.exit_code == 2
    assert "--levels: unknown level 'remember' (known: recall, understand, analyse)" in (
        result.output
    )
    assert cli("build", EXAMPLE, "--order", "random").exit_code == 2
    with pytest.raises(UsageError, match="--order: unknown order 'size'"):
        Selection.parse(None, None, None, None, "size")


def test_a_misspelt_level_in_yaml_is_reported_at_its_line(
    make_set: Callable[..., Path], cli: Callable[..., Any]
) -> None:
    make_set(
        {
            "questions.yaml": """\
                questions:
                  - id: a
                    type: true_false
                    level: analysis
                    prompt: "Is it?"
                    answer: true
                """
        }
    )
    result = cli("validate", "demo")
    assert result.exit_code == 1
    assert result.stderr.startswith("questions/demo/questions.yaml:4:")
    assert "recall" in result.stderr and "analyse" in result.stderr


def test_the_level_reaches_anki_as_a_tag_never_as_a_field(example: Path, tmp_path: Path) -> None:
    build([example], tmp_path / "out", ["anki"])
    with fresh_collection(tmp_path) as collection:
        import_package(collection, tmp_path / "out" / f"{EXAMPLE}.apkg")
        notes = notes_by_question_id(collection)
        assert "level::understand" in notes["why-the-fare"].tags
        assert "level::recall" in notes["role/park"].tags
        for note in notes.values():
            fields = list(note.keys())  # an Anki note's field names
            assert not any("level" in name.casefold() for name in fields)
            assert sum(tag.startswith("level::") for tag in note.tags) == 1


# --------------------------------------------------------------------------- templates


def test_a_template_chooses_the_evidence_of_each_question(example: Path) -> None:
    questions = {q.id: q for q in generate(load_set(example)).questions}
    record = next(r for r in load_set(example).tables["ferries"].records if r.id == "north")
    assert questions["ferry-since/north"].evidence == record.evidence[:1]
    assert questions["ferry-fare/north"].evidence == record.evidence[1:]
    assert questions["role/park"].evidence == ("Lu Park, an economist at the port university",)


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        ("'the ferry, in service'", "“the ferry, in service” is not one of the record's evidence"),
        ("evidence[5:]", "the expression chose no passage"),
        ("42", "the expression must give a passage or a list of them"),
    ],
)
def test_evidence_that_is_not_the_records_own_is_an_error_at_the_key(
    make_set: Callable[..., Path], cli: Callable[..., Any], expression: str, message: str
) -> None:
    make_set(
        {
            "facts.yaml": """\
                facts:
                  ferries:
                    records:
                      - id: north
                        name: the North ferry
                        evidence: [the North ferry, in service since 1998]
                templates:
                  - id: since
                    table: ferries
                    type: short_answer
                    prompt: Which ferry?
                    answer: "{{ name }}"
                    evidence: EXPRESSION
                """.replace("EXPRESSION", json.dumps(expression))
        }
    )
    result = cli("validate", "demo")
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"questions/demo/facts.yaml:13: template 'since', record 'north': evidence: {message}"
    ), result.stderr


def test_distractors_of_the_same_kind_only(example: Path) -> None:
    quiz_set = load_set(example)
    people = {r.fields["role"]: r.fields["group"] for r in quiz_set.tables["people"].records}
    roles = [q for q in generate(quiz_set).questions if q.template == "role"]
    assert len(roles) == 6
    for seed in (1, 2, 3):
        for question in [q for q in generate(quiz_set, seed).questions if q.template == "role"]:
            groups = {people[choice] for choice in question.choices}
            assert len(groups) == 1, (question.id, question.choices)


def test_same_kind_errors_name_the_template_and_the_key(
    make_set: Callable[..., Path], cli: Callable[..., Any]
) -> None:
    make_set(
        {
            "facts.yaml": """\
                facts:
                  people:
                    records:
                      - {id: a, name: Ann, role: mayor, group: official}
                      - {id: b, name: Bob, role: clerk, group: official}
                      - {id: c, name: Cy, role: poet}
                templates:
                  - id: role
                    table: people
                    type: multiple_choice
                    prompt: What is {{ name }}?
                    answer: "{{ role }}"
                    distractors: {from: people.role, same: group, count: 1}
                  - id: fixed
                    table: people
                    type: multiple_choice
                    prompt: Which of these is {{ name }}'s role?
                    answer: "{{ role }}"
                    distractors: {values: [baker, judge], same: group, count: 1}
                """
        }
    )
    result = cli("validate", "demo")
    assert result.exit_code == 1
    assert sorted(result.stderr.splitlines()) == [
        "2 problems found.",
        "questions/demo/facts.yaml:13: template 'role', record 'c': distractors: same: the "
        "question's record has no field 'group'",
        "questions/demo/facts.yaml:19: template 'fixed': distractors: same: needs 'from' (a "
        "fixed list has no records)",
    ]


def test_accept_may_be_an_expression_giving_a_list(make_set: Callable[..., Path]) -> None:
    folder = make_set(
        {
            "facts.yaml": """\
                facts:
                  people:
                    records:
                      - {id: reyes, name: Tom Reyes, role: the mayor, also: [Reyes, Tomas Reyes]}
                      - {id: kim, name: Ada Kim, role: the clerk, also: []}
                templates:
                  - id: name
                    table: people
                    type: short_answer
                    prompt: Who is {{ role }}?
                    answer: "{{ name }}"
                    accept: also
                """
        }
    )
    questions = {q.id: q for q in generate(load_set(folder)).questions}
    assert questions["name/reyes"].answers == ("Tom Reyes", "Reyes", "Tomas Reyes")
    assert questions["name/kim"].answers == ("Ada Kim",)


# --------------------------------------------------------------------------- --order


def _parts_and_prompts(path: Path) -> list[tuple[str, list[str]]]:
    """The parts of a worksheet ("" before the first heading) with the numbered prompts in each."""
    text = "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)
    parts: list[tuple[str, list[str]]] = [("", [])]
    for line in text.splitlines():
        if line.startswith("Part "):
            parts.append((line, []))
        elif re.match(r"\d+\. ", line):
            parts[-1][1].append(line.split(" ", 1)[1])
    return [p for p in parts if p[0] or p[1]]


def test_the_order_examples_of_worksheets_md_print_what_it_says(
    example: Path, cli: Callable[..., Any]
) -> None:
    """The commands of docs/worksheets.md's section on --order, and what their sheets hold."""
    block = next(
        b for b in fenced_blocks(WORKSHEETS) if b.kind == "console" and "--order" in b.body
    )
    for command in commands(block):
        result = cli(*command.args)
        assert result.exit_code == 0, result.output
        assert result.output == command.expected
    form_a = _parts_and_prompts(Path("output") / f"{EXAMPLE}-worksheet-A.pdf")
    form_b = _parts_and_prompts(Path("output") / f"{EXAMPLE}-worksheet-B.pdf")
    assert [title for title, _ in form_a] == ["Part 1 · Ferries", "Part 2 · Who is who"]
    assert [title for title, _ in form_b] == [title for title, _ in form_a]
    for (_, prompts_a), (_, prompts_b) in zip(form_a, form_b, strict=True):
        assert sorted(prompts_a) == sorted(prompts_b)  # forms shuffle within a part only
    assert [p for _, p in form_a] != [p for _, p in form_b]
    sheet = Path("quiz") / f"{EXAMPLE}-worksheet.pdf"
    ((title, prompts),) = _parts_and_prompts(sheet)
    assert title == ""  # --order bank: one part, no heading
    assert [p.split("?")[0] for p in prompts] == [
        "Why does the economist think the fare should stay low",
        "True or false: according to Park, most passengers use the ferry now and then.",
    ]
    text = " ".join((page.extract_text() or "") for page in PdfReader(sheet).pages)
    assert "Tick the box of the one correct answer." in text  # each question says how
    assert "Circle True or False." in text


def test_order_type_is_the_default_and_keeps_type_sections(example: Path, tmp_path: Path) -> None:
    build([example], tmp_path / "out", ["pdf"])
    parts = _parts_and_prompts(tmp_path / "out" / f"{EXAMPLE}-worksheet.pdf")
    assert [title for title, _ in parts] == [
        "Part 1 · True or false",
        "Part 2 · Multiple choice",
        "Part 3 · Short answer",
    ]
