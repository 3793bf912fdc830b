"""Several answers on one line are separated by " | " in the key, `show`, the deck, the page and the
exports; an answer cannot hold "|".

A teacher once found the key listing `also accepted: September 11, 2001, 9/11`: commas inside
answers read as more answers.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .anki_helpers import fresh_collection, import_package, notes_by_question_id
from .pdf_helpers import all_text, flat

SET = """\
set:
  title: Dates
  seed: 3
  require_evidence: false
  source:
    title: Dates to know
    publisher: Class handout
    date: 2026-11-29
"""

QUESTIONS = """\
questions:
  - id: attacks
    type: short_answer
    prompt: On which day were the attacks on the World Trade Center?
    answer: September 11, 2001
    accept: ["9/11", "11 September 2001"]
  - id: founders
    type: multiple_select
    prompt: Which of these countries founded NATO in 1949?
    answers: [Belgium, Canada]
    distractors: [Austria, Sweden]
"""

LISTED = "September 11, 2001 (also accepted: 9/11 | 11 September 2001)"


def test_accepted_answers_are_listed_with_one_separator_everywhere(
    make_set: Callable[..., Path], cli: Callable[..., Any], tmp_path: Path
) -> None:
    make_set({"set.yaml": SET, "questions.yaml": QUESTIONS})
    result = cli("build", "demo", "--format", "anki,pdf,html,quizlet")
    assert result.exit_code == 0, result.output
    out = tmp_path / "output"

    key = all_text(out / "demo-key.pdf")
    assert f"Answer: {LISTED}" in key
    assert re.search(r"Answers: [A-D]\. (Belgium|Canada) \| [A-D]\. (Belgium|Canada)", key)
    assert f"Answer: {LISTED}" in flat(cli("show", "attacks").stdout)
    assert re.search(r"Answers: [A-D]\. \w+ \| [A-D]\. \w+", flat(cli("show", "founders").stdout))
    with fresh_collection(tmp_path) as collection:
        import_package(collection, out / "demo.apkg")
        assert notes_by_question_id(collection)["attacks"]["Accepted"] == "9/11 | 11 September 2001"
    quizlet = (out / "demo-quizlet.txt").read_text(encoding="utf-8")
    assert "Which of these countries founded NATO in 1949?\tBelgium | Canada\n" in quizlet
    # the page lists answers with the separator it is given (quiz.js joins with data.separator)
    data = re.search(
        r'<script[^>]*id="quiz-data"[^>]*>(.*?)</script>',
        (out / "demo.html").read_text(encoding="utf-8"),
        re.S,
    )
    assert data is not None
    assert json.loads(data.group(1))["separator"] == " | "
    script = (Path(__file__).resolve().parent.parent / "quizgen/render/html/quiz.js").read_text(
        encoding="utf-8"
    )
    assert '.join("; ")' not in script and "join(data.separator)" in script


def test_an_answer_holding_the_separator_is_refused_at_its_line(
    make_set: Callable[..., Path], cli: Callable[..., Any]
) -> None:
    make_set(
        {
            "set.yaml": SET,
            "questions.yaml": """\
            questions:
              - id: either
                type: short_answer
                prompt: Name one of the two founding cities.
                answer: Rome | Paris
            """,
        }
    )
    result = cli("validate")
    assert result.exit_code == 1
    assert result.stderr == (
        "questions/demo/questions.yaml:2: question 'either': the answer 'Rome | Paris' holds '|', "
        "which separates accepted answers in the key and every output; write each accepted "
        "answer on its own (a short answer's other answers go in 'accept')\n"
    )
