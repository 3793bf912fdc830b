"""Moodle XML: read back with lxml (and moodle-xml-parser) and compared with `list --json`."""

from __future__ import annotations

import base64
import html
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lxml import etree
from moodle_xml_parser.parser import parse_file

from .conftest import BUNDLED
from .export_helpers import (
    TRICKY,
    assert_feedback,
    bank,
    built,
    citation,
    plain,
    set_with_a_picture,
)

MOODLE_TYPES = {
    "multiple_choice": "multichoice",
    "multiple_select": "multichoice",
    "true_false": "truefalse",
    "short_answer": "shortanswer",
    "matching": "matching",
    "cloze": "cloze",
    "ordering": "ordering",
}
# A blank as Moodle's multianswer reads it: ANSWER_REGEX of question/type/multianswer/
# questiontype.php for SHORTANSWER (its lookbehind (?<!\\|&|&amp;) split in three for Python)
_ALTERNATIVE = (
    r"(=|%(-?[0-9]+(?:[.,][0-9]*)?)%)?(.+?(?<!\\)(?<!&)(?<!&amp;)(?=[~#}]|$))"
    r"(#(.*?(?<!\\)(?=[~}]|$)))?"
)
BLANK = re.compile(
    r"\{([0-9]*):(SHORTANSWER|SA|MW):(" + _ALTERNATIVE + "(~" + _ALTERNATIVE + r")*)\}", re.S
)


def blanks(text: str) -> list[str]:
    """Each blank's answer as Moodle stores it: entities decoded, then \\} and \\# unescaped."""
    answers = []
    for match in BLANK.finditer(text):
        assert match.group(4) == "=" and not match.group(9), match.group(0)  # one right answer
        answers.append(html.unescape(match.group(6)).replace("\\}", "}").replace("\\#", "#"))
    return answers


def read(path: Path) -> tuple[list[tuple[str, list[etree._Element]]], dict[str, Any]]:
    """The categories in order with their questions, and every question by idnumber."""
    root = etree.parse(str(path)).getroot()
    assert root.tag == "quiz"
    categories: list[tuple[str, list[etree._Element]]] = []
    by_id: dict[str, Any] = {}
    for element in root.findall("question"):
        if element.get("type") == "category":
            categories.append((element.findtext("category/text"), []))
            continue
        categories[-1][1].append(element)
        by_id.setdefault(element.findtext("idnumber"), element)
    return categories, by_id


def check_question(element: Any, question: dict[str, Any], cited: str) -> None:
    kind = question["type"]
    assert element.get("type") == MOODLE_TYPES[kind]
    assert element.findtext("name/text") == question["id"]
    assert_feedback(plain(element.findtext("generalfeedback/text")), question, cited)
    text = element.findtext("questiontext/text")
    answers = element.findall("answer")
    if kind in ("multiple_choice", "multiple_select"):
        assert element.findtext("single") == ("true" if kind == "multiple_choice" else "false")
        shown = [html.unescape(a.findtext("text")) for a in answers]
        assert sorted(shown) == sorted(question["choices"])
        right = [html.unescape(a.findtext("text")) for a in answers if float(a.get("fraction")) > 0]
        assert sorted(right) == sorted(question["answers"])
        fractions = [float(a.get("fraction")) for a in answers]
        assert sum(f for f in fractions if f > 0) == pytest_approx(100)
        if kind == "multiple_select":
            assert sum(f for f in fractions if f < 0) == pytest_approx(-100)
    elif kind == "true_false":
        right = [a.findtext("text") for a in answers if a.get("fraction") == "100"]
        assert right == [question["answers"][0].lower()]
    elif kind == "short_answer":
        accepted = [a.findtext("text").replace("\\*", "*") for a in answers]
        assert accepted == question["answers"]
        assert {a.get("fraction") for a in answers} == {"100"}
    elif kind == "matching":
        pairs = [
            [html.unescape(s.findtext("text")), s.findtext("answer/text")]
            for s in element.findall("subquestion")
        ]
        assert pairs == question["pairs"]
    elif kind == "cloze":
        assert blanks(text) == question["answers"]
        outside = plain(BLANK.sub("_____", text))
        assert outside == question["prompt"]
    elif kind == "ordering":
        ordered = sorted(answers, key=lambda a: int(a.get("fraction")))
        assert [html.unescape(a.findtext("text")) for a in ordered] == question["answers"]
    if kind != "cloze":
        assert plain(text) == question["prompt"]
    level = [f"level::{question['level']}"] if question["level"] else []
    assert [t.findtext("text") for t in element.findall("tags/tag")] == question["tags"] + level


def pytest_approx(value: float) -> Any:
    import pytest

    return pytest.approx(value, abs=1e-3)


def test_every_question_of_the_bundled_set_reads_back_from_moodle_xml(
    cli: Callable[..., Any], tmp_path: Path
) -> None:
    built(cli, BUNDLED, tmp_path, "--format", "moodle")
    questions = bank(cli, BUNDLED)
    categories, by_id = read(tmp_path / "russia-iran-treaty-moodle.xml")
    assert sorted(by_id) == sorted(questions)
    cited = citation(BUNDLED)
    for qid, question in questions.items():
        check_question(by_id[qid], question, cited)
    # the bundled set's ordering, matching and cloze questions reach Moodle as those types
    kinds = {e.get("type") for e in by_id.values()}
    assert {"ordering", "matching", "cloze", "multichoice", "truefalse", "shortanswer"} <= kinds
    # one category per topic under the set's title
    title = "The Russia–Iran treaty of January 2025"
    for path, members in categories:
        topics = {questions[m.findtext("idnumber")]["topic"] for m in members}
        assert [path] == [f"$course$/{title}/{t}" for t in topics]


def test_moodle_xml_parser_reads_the_choice_and_cloze_questions(
    cli: Callable[..., Any], tmp_path: Path
) -> None:
    built(cli, BUNDLED, tmp_path, "--format", "moodle")
    questions = bank(cli, BUNDLED)
    parsed = parse_file(str(tmp_path / "russia-iran-treaty-moodle.xml"))
    choice = {q.name: q for q in parsed["multichoice"]}
    expected = [q for q in questions.values() if "multiple" in q["type"]]
    assert sorted(choice) == sorted(q["id"] for q in expected)
    for question in expected:
        read_back = choice[question["id"]]
        assert read_back.single == (question["type"] == "multiple_choice")
        assert sorted(o.answer for o in read_back.options) == sorted(question["choices"])
        right = sorted(o.answer for o in read_back.options if o.score_fraction > 0)
        assert right == sorted(question["answers"])
        assert "Source: “Russia and Iran Sign" in read_back.general_feedback
    cloze = {q.name: q for q in parsed["cloze"]}
    for question in (q for q in questions.values() if q["type"] == "cloze"):
        gaps = cloze[question["id"]].gaps
        assert [[o.answer for o in g.options] for g in gaps] == [[a] for a in question["answers"]]


def test_special_characters_survive_moodle_xml(cli: Callable[..., Any], tmp_path: Path) -> None:
    built(cli, TRICKY, tmp_path, "--format", "moodle")
    questions = bank(cli, TRICKY)
    categories, by_id = read(tmp_path / "tricky-moodle.xml")
    assert sorted(by_id) == sorted(questions)
    cited = citation(TRICKY)
    for qid, question in questions.items():
        check_question(by_id[qid], question, cited)
    # a slash in a category name is doubled, as Moodle reads it
    assert categories[-1][0].endswith("Кремль/Topic & <one> // two")


def test_forms_are_categories_and_follow_the_selection(
    cli: Callable[..., Any], tmp_path: Path
) -> None:
    built(cli, BUNDLED, tmp_path, "--format", "moodle", "--versions", "2", "--count", "6")
    categories, _ = read(tmp_path / "russia-iran-treaty-moodle.xml")
    forms: dict[str, set[str]] = {}
    for path, members in categories:
        form = path.split("/")[2]
        forms.setdefault(form, set()).update(m.findtext("idnumber") for m in members)
    assert sorted(forms) == ["Form A", "Form B"]
    assert len(forms["Form A"]) == 6 and forms["Form A"] == forms["Form B"]


def test_a_picture_is_embedded_in_the_question(
    cli: Callable[..., Any], make_set: Callable[..., Path], tmp_path: Path
) -> None:
    folder = set_with_a_picture(make_set)
    built(cli, folder, tmp_path / "out", "--format", "moodle")
    _, by_id = read(tmp_path / "out" / "demo-moodle.xml")
    questiontext = by_id["map-question"].find("questiontext")
    assert '<img src="@@PLUGINFILE@@/map.png"' in questiontext.findtext("text")
    file = questiontext.find("file")
    assert (file.get("name"), file.get("path"), file.get("encoding")) == ("map.png", "/", "base64")
    assert base64.b64decode(file.text) == (folder / "map.png").read_bytes()


def test_forms_do_not_pre_shuffle_what_moodle_shuffles(
    cli: Callable[..., Any], tmp_path: Path
) -> None:
    built(cli, BUNDLED, tmp_path, "--format", "moodle", "--versions", "3")
    questions = bank(cli, BUNDLED)
    categories, _ = read(tmp_path / "russia-iran-treaty-moodle.xml")
    for _, members in categories:
        for element in members:
            question = questions[element.findtext("idnumber")]
            assert element.findtext("shuffleanswers") in (None, "true")
            if element.get("type") == "multichoice":
                shown = [html.unescape(a.findtext("text")) for a in element.findall("answer")]
                assert shown == question["choices"]  # the question's own order in every form
