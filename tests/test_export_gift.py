"""GIFT: read back with the npm parser gift-pegjs (run with node), compared with `list --json`."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from quizgen.render.gift import escape

from .conftest import BUNDLED
from .export_helpers import (
    TRICKY,
    assert_feedback,
    bank,
    built,
    citation,
    parse_gift,
    plain,
    set_with_a_picture,
)

# gift-pegjs swaps escaped characters for Moodle's placeholders while parsing and forgets to
# swap them back in the right-hand side of a matching pair (Moodle's reader does swap them back:
# escapedchar_post in question/format/gift/format.php)
PLACEHOLDERS = {"&&058;": ":", "&&035;": "#", "&&061;": "=", "&&123;": "{", "&&125;": "}",
                "&&126;": "~", "&&092;": "\\"}  # fmt: skip


def _subanswer(text: str) -> str:
    for placeholder, char in PLACEHOLDERS.items():
        text = text.replace(placeholder, char)
    return text


def blank(text: str) -> str:
    return re.sub(r"\s*_____\s*", "_____", text)


def _text(part: dict[str, Any]) -> str:
    assert part["format"] == "html"
    return plain(part["text"])


def check_question(read: dict[str, Any], question: dict[str, Any], cited: str) -> None:
    kind = question["type"]
    assert read["title"] == question["id"] and read["id"] == question["id"]
    level = [f"level::{question['level']}"] if question["level"] else []
    assert read["tags"] == question["tags"] + level
    assert_feedback(_text(read["globalFeedback"]), question, cited)
    if kind == "cloze":
        assert read["type"] == "Short" and read["hasEmbeddedAnswers"]
        # gift-pegjs puts spaces around the blank it writes in; Moodle does not
        assert blank(_text(read["stem"])) == blank(question["prompt"])
        assert [c["text"]["text"] for c in read["choices"]] == question["answers"]
        return
    assert _text(read["stem"]) == question["prompt"]
    if kind in ("multiple_choice", "multiple_select"):
        assert read["type"] == "MC"
        assert sorted(_text(c["text"]) for c in read["choices"]) == sorted(question["choices"])
        if kind == "multiple_choice":
            right = [_text(c["text"]) for c in read["choices"] if c["isCorrect"]]
        else:
            right = [_text(c["text"]) for c in read["choices"] if c["weight"] > 0]
            weights = [c["weight"] for c in read["choices"]]
            assert round(sum(w for w in weights if w > 0)) == 100
            assert round(sum(w for w in weights if w < 0)) == -100
        assert sorted(right) == sorted(question["answers"])
    elif kind == "true_false":
        assert read["type"] == "TF"
        assert read["isTrue"] == (question["answers"] == ["True"])
    elif kind == "short_answer":
        assert read["type"] == "Short"
        assert [c["text"]["text"] for c in read["choices"]] == question["answers"]
        assert all(c["isCorrect"] for c in read["choices"])
    elif kind == "matching":
        assert read["type"] == "Matching"
        pairs = [[_text(p["subquestion"]), _subanswer(p["subanswer"])] for p in read["matchPairs"]]
        assert pairs == question["pairs"]
    else:
        raise AssertionError(f"{question['id']}: a {kind} question must be left out")


def by_title(parsed: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {q["title"]: q for q in parsed if q["type"] != "Category"}


def test_every_question_gift_can_hold_reads_back(cli: Callable[..., Any], tmp_path: Path) -> None:
    result = built(cli, BUNDLED, tmp_path, "--format", "gift")
    questions = bank(cli, BUNDLED)
    path = tmp_path / "russia-iran-treaty-gift.txt"
    read = by_title(parse_gift(path))
    left_out = {"events-order"}  # ordering
    assert sorted(read) == sorted(set(questions) - left_out)
    cited = citation(BUNDLED)
    for qid, parsed in read.items():
        check_question(parsed, questions[qid], cited)
    # what is left out is said on stderr and at the top of the file
    assert (
        "russia-iran-treaty: skipped 1 question for gift: 1 ordering (GIFT has no ordering "
        "question)"
    ) in result.stderr
    head = path.read_text(encoding="utf-8").split("\n\n")[0]
    for qid in left_out:
        assert f"//   {qid}: " in head


def test_special_characters_survive_gift(cli: Callable[..., Any], tmp_path: Path) -> None:
    built(cli, TRICKY, tmp_path, "--format", "gift")
    questions = bank(cli, TRICKY)
    parsed = parse_gift(tmp_path / "tricky-gift.txt")
    read = by_title(parsed)
    assert sorted(read) == sorted(set(questions) - {"tricky-order", "tricky-blanks"})
    cited = citation(TRICKY)
    for qid, question in read.items():
        check_question(question, questions[qid], cited)
    categories = [q["title"] for q in parsed if q["type"] == "Category"]
    assert categories[-1].endswith("Кремль/Topic & <one> // two")


def test_gift_escape_follows_moodle() -> None:
    assert escape("a\\b ~ = # { } : x\ny") == "a\\\\b \\~ \\= \\# \\{ \\} \\: x\\ny"
    assert html.unescape(escape("<&>")) == "<&>"  # HTML escaping is the caller's


def test_a_question_with_a_picture_is_left_out_of_gift(
    cli: Callable[..., Any], make_set: Callable[..., Path], tmp_path: Path
) -> None:
    folder = set_with_a_picture(
        make_set,
        """\
      - id: plain-question
        type: true_false
        prompt: The Caspian Sea is a lake.
        answer: true
""",
    )
    result = built(cli, folder, tmp_path / "out", "--format", "gift")
    assert "demo: skipped 1 question for gift: 1 with a picture" in result.stderr
    assert sorted(by_title(parse_gift(tmp_path / "out" / "demo-gift.txt"))) == ["plain-question"]


def test_gift_forms_are_categories(cli: Callable[..., Any], tmp_path: Path) -> None:
    built(cli, BUNDLED, tmp_path, "--format", "gift", "--versions", "2", "--types", "true_false")
    parsed = parse_gift(tmp_path / "russia-iran-treaty-gift.txt")
    forms: dict[str, list[str]] = {}
    form = ""
    for question in parsed:
        if question["type"] == "Category":
            form = question["title"].split("/")[2]
        else:
            forms.setdefault(form, []).append(question["title"])
    assert sorted(forms) == ["Form A", "Form B"]
    assert sorted(forms["Form A"]) == sorted(forms["Form B"]) and len(forms["Form A"]) == 4
    assert forms["Form A"] != forms["Form B"]  # each form in its own order
