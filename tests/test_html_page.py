"""The self-test page as a file: names, size, bytes, what it embeds and how (the browser tests in
tests/test_html_browser.py use it)."""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from quizgen.build import build
from quizgen.generate import generate
from quizgen.load import load_set
from quizgen.render.html.page import HERE, page_data
from quizgen.select import Form, Selection, make_forms

from .conftest import BUNDLED, ROOT

SIZE_BUDGET = 250_000  # bytes: the bundled set's page (issue 17)


def embedded(page: Path) -> dict[str, Any]:
    match = re.search(
        r'<script type="application/json" id="quiz-data">(.*?)</script>',
        page.read_text("utf-8"),
        re.S,
    )
    assert match
    data: dict[str, Any] = json.loads(match.group(1))
    return data


def test_the_bundled_page_is_within_its_size_budget(tmp_path: Path) -> None:
    (page,) = build([BUNDLED], tmp_path, ["html"]).written
    assert page.name == f"{BUNDLED.name}.html"
    assert page.stat().st_size <= SIZE_BUDGET


def test_same_set_and_seed_give_the_same_bytes(tmp_path: Path) -> None:
    first = build([BUNDLED], tmp_path / "a", ["html"]).written[0].read_bytes()
    second = build([BUNDLED], tmp_path / "b", ["html"]).written[0].read_bytes()
    assert first == second
    third = build([BUNDLED], tmp_path / "c", ["html"], seed=99).written[0].read_bytes()
    assert third != first


def test_one_page_per_form_with_the_worksheets_questions(tmp_path: Path) -> None:
    selection = Selection.parse(5, None, None)
    written = build([BUNDLED], tmp_path, ["html", "pdf"], versions=2, selection=selection).written
    pages = [p for p in written if p.suffix == ".html"]
    assert [p.name for p in pages] == [f"{BUNDLED.name}-A.html", f"{BUNDLED.name}-B.html"]
    forms = [embedded(p) for p in pages]
    assert [f["form"] for f in forms] == ["A", "B"]
    ids = [[q["id"] for q in f["questions"]] for f in forms]
    assert len(ids[0]) == 5 and sorted(ids[0]) == sorted(ids[1]) and ids[0] != ids[1]
    assert forms[0]["hash"] != forms[1]["hash"]


def test_a_level_is_on_the_page_but_leaves_the_progress_hash_as_it_was() -> None:
    """Stored progress is keyed by the hash: a rebuild that adds the levels to the page must
    find every student's answers where they were."""
    quiz = generate(load_set(BUNDLED))
    (form,) = make_forms(quiz, quiz.questions, 0)
    assert {q.level for q in form.questions} >= {"recall", "understand", "analyse"}
    data = page_data(quiz, form)
    assert [q["level"] for q in data["questions"]] == [q.level for q in form.questions]
    unlevelled = Form(form.letter, tuple(replace(q, level=None) for q in form.questions))
    assert page_data(quiz, unlevelled)["hash"] == data["hash"]
    # the content the hash covered before questions carried a level, hashed as it was then
    before = {key: data[key] for key in ("set", "form", "title", "description", "citation")}
    before["questions"] = [
        {key: value for key, value in q.items() if key != "level"} for q in data["questions"]
    ]
    text = json.dumps(before, ensure_ascii=False, sort_keys=True)
    assert data["hash"] == hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def test_the_page_fetches_nothing(tmp_path: Path) -> None:
    (page,) = build([BUNDLED], tmp_path, ["html"]).written
    text = page.read_text("utf-8")
    assert not re.search(r"""(src|href)=["']?(https?:|//)""", text)
    assert "@import" not in text and "url(" not in text
    assert "fetch(" not in text and "XMLHttpRequest" not in text


def test_text_from_yaml_cannot_end_the_script_it_is_embedded_in(
    make_set: Callable[..., Path], tmp_path: Path
) -> None:
    folder = make_set(
        {
            "q.yaml": """\
            questions:
              - id: evil
                type: short_answer
                prompt: "</script><script>alert(1)</script> <!-- & ' \u2028"
                answer: "</SCRIPT>"
            """
        }
    )
    (page,) = build([folder], tmp_path / "out", ["html"]).written
    text = page.read_text("utf-8")
    assert text.count("</script>") == 2 and "</SCRIPT>" not in text and "<!--" not in text
    question = embedded(page)["questions"][0]
    assert question["prompt"].startswith("</script><script>alert(1)</script>")


def test_a_picture_is_embedded_as_a_data_url(make_set: Callable[..., Path], tmp_path: Path) -> None:
    picture = ROOT / "docs" / "images" / "pdf-key-page1.png"
    folder = make_set(
        {
            "q.yaml": """\
            questions:
              - id: pic
                type: short_answer
                prompt: What is shown?
                answer: a key
                image: key.png
            """
        }
    )
    (folder / "key.png").write_bytes(picture.read_bytes())
    (page,) = build([folder], tmp_path / "out", ["html"]).written
    question = embedded(page)["questions"][0]
    assert question["image"].startswith("data:image/png;base64,iVBORw0KGgo")


def test_script_and_style_are_package_files_that_never_end_their_element() -> None:
    for name in ("quiz.js", "quiz.css"):
        assert "</" not in (HERE / name).read_text("utf-8"), name
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"][
        "package-data"
    ]["quizgen"]
    package = ROOT / "quizgen"
    shipped = {p for pattern in declared for p in package.glob(pattern)}
    for name in ("page.html", "quiz.js", "quiz.css"):
        assert HERE / name in shipped, name
    assert package / "answer_vectors.json" in shipped
