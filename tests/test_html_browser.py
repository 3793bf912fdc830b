"""The self-test page in headless Chromium, used as a student would: every type answerable with
the mouse and with the keyboard alone, feedback, score, retry, progress kept, filters, print style,
no console error, no request but the file, text from YAML inert, and axe-core's checks."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from quizgen.answers import normalise_answer
from quizgen.build import build

from .browser_helpers import Watched, axe_violations, browser, page_data
from .conftest import BUNDLED, MINIMAL_SET
from .html_student import click_answer, focus_is_visible, keyboard_answer, response

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

SEVEN_TYPES = """\
questions:
  - id: tf
    type: true_false
    topic: Basics
    tags: [easy]
    level: understand
    prompt: "True or false: the sky is green."
    answer: false
    explanation: It is blue.
    evidence: the sky is blue
  - id: mc
    type: multiple_choice
    topic: Basics
    level: analyse
    prompt: Which colour is the sky?
    answer: blue
    distractors: [green, red, yellow]
    evidence: the sky is blue
  - id: ms
    type: multiple_select
    topic: Basics
    level: recall
    prompt: Which of these are primary colours?
    answers: [red, blue]
    distractors: [green, orange]
  - id: sa
    type: short_answer
    topic: Words
    tags: [typed]
    level: recall
    prompt: How many troops?
    answer: "11,000"
    accept: [eleven thousand]
    explanation: The text says 11,000.
  - id: cz
    type: cloze
    topic: Words
    tags: [typed]
    level: understand
    prompt: The treaty was signed in the [[Kremlin]] on a [[Friday]].
  - id: mt
    type: matching
    topic: People
    level: analyse
    prompt: Match each person to a role.
    pairs:
      - [Ada Lovelace, mathematician]
      - [Charles Babbage, inventor]
      - [Mary Somerville, science writer]
  - id: od
    type: ordering
    topic: People
    prompt: Put these in order, earliest first.
    items: [one, two, three, four]
"""

NO_LEVELS = """\
questions:
  - id: one
    type: short_answer
    topic: First
    tags: [a]
    prompt: One?
    answer: one
  - id: two
    type: short_answer
    topic: Second
    tags: [b]
    prompt: Two?
    answer: two
"""

HOSTILE = """\
questions:
  - id: evil
    type: multiple_choice
    prompt: "<script>window.pwned = 1</script><img src=x onerror=\\"window.pwned = 2\\"> ok?"
    answer: "<b>bold</b> & </script>"
    distractors: ["<!-- comment", "]]></script><script>window.pwned = 3</script>"]
    explanation: "</script><script>window.pwned = 4</script>"
    evidence: "<iframe src=javascript:window.pwned=5>"
"""


HOSTILE_SET = """\
set:
  title: "</title><script>window.pwned = 6</script> & <b>set</b>"
  description: "<img src=x onerror=\\"window.pwned = 7\\">"
  source:
    title: "</script><script>window.pwned = 8</script>"
    publisher: "<i>Nobody</i>"
    date: 2025-01-01
"""


def write_set(root: Path, name: str, questions: str, set_yaml: str = MINIMAL_SET) -> Path:
    folder = root / "questions" / name
    folder.mkdir(parents=True)
    (folder / "set.yaml").write_text(set_yaml, encoding="utf-8")
    (folder / "questions.yaml").write_text(textwrap.dedent(questions), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    yield from browser()


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The bundled set's page, the seven-types page (levels on all but the ordering question),
    a page without levels, the hostile page and forms A and B."""
    root = tmp_path_factory.mktemp("html")
    out = root / "output"
    build([BUNDLED], out, ["html"])
    build([write_set(root, "seven", SEVEN_TYPES)], out, ["html"])
    build([write_set(root, "nolevels", NO_LEVELS)], out, ["html"])
    build([write_set(root, "hostile", HOSTILE, HOSTILE_SET)], out, ["html"])
    build([write_set(root, "forms", SEVEN_TYPES)], out, ["html"], versions=2)
    return {
        "bundled": out / f"{BUNDLED.name}.html",
        "seven": out / "seven.html",
        "nolevels": out / "nolevels.html",
        "hostile": out / "hostile.html",
        "A": out / "forms-A.html",
        "B": out / "forms-B.html",
    }


def open_page(chromium: Browser, path: Path, hash_: str = "", **context: Any) -> Watched:
    """The page in a fresh context (its own storage), every event of it watched."""
    page = chromium.new_context(**context).new_page()
    watched = Watched(page)
    page.goto(path.as_uri() + hash_)
    return watched


def score(page: Page) -> str:
    return str(page.locator("#score").text_content())


def visible_ids(page: Page) -> list[str]:
    return list(
        page.eval_on_selector_all("article.question:not([hidden])", "e => e.map(a => a.dataset.id)")
    )


def assert_clean(watched: Watched, path: Path) -> None:
    assert watched.errors() == []
    assert set(watched.requests) == {path.as_uri()}


def test_answer_vectors_run_in_the_browser(chromium: Browser, pages: dict[str, Path]) -> None:
    watched = open_page(chromium, pages["seven"])
    vectors = json.loads(
        (Path(__file__).parent.parent / "quizgen" / "answer_vectors.json").read_text("utf-8")
    )
    results = watched.page.evaluate(
        "vs => vs.map(v => window.quizgen.answerMatches(v.typed, v.accepted))", vectors
    )
    assert results == [v["match"] for v in vectors]
    texts = sorted({v["typed"] for v in vectors} | {a for v in vectors for a in v["accepted"]})
    normal = watched.page.evaluate("ts => ts.map(window.quizgen.normaliseAnswer)", texts)
    assert normal == [normalise_answer(t) for t in texts]


def test_every_question_of_the_bundled_set_right_scores_100_and_survives_a_reload(
    chromium: Browser, pages: dict[str, Path]
) -> None:
    watched = open_page(chromium, pages["bundled"])
    page = watched.page
    questions = page_data(page)["questions"]
    assert {q["type"] for q in questions} == {
        "multiple_choice", "multiple_select", "true_false", "short_answer", "cloze",
        "matching", "ordering",
    }  # fmt: skip
    for number, q in enumerate(questions, start=1):
        click_answer(page, number, q, correct=True)
    total = len(questions)
    assert score(page) == f"Score: {total} of {total} correct (100 %), {total} answered."
    assert page.locator(".verdict.wrong").count() == 0
    assert page.locator("#retry").is_disabled()
    page.reload()
    assert score(page) == f"Score: {total} of {total} correct (100 %), {total} answered."
    assert page.locator(".verdict.right").count() == total
    page.locator("#start-over").click()
    assert score(page) == f"Score: 0 of {total} correct (0 %), 0 answered."
    assert page.locator(".feedback").count() == 0
    page.reload()
    assert score(page).endswith(" 0 answered.")
    assert_clean(watched, pages["bundled"])


def test_wrong_answers_show_the_key_and_retry_offers_exactly_them(
    chromium: Browser, pages: dict[str, Path]
) -> None:
    watched = open_page(chromium, pages["bundled"])
    page = watched.page
    questions = page_data(page)["questions"]
    citation = page_data(page)["citation"]
    first_of_type: dict[str, int] = {}
    for number, q in enumerate(questions, start=1):
        first_of_type.setdefault(q["type"], number)
    wrong = sorted(first_of_type.values())
    right = [n for n in range(1, len(questions) + 1) if n not in wrong][:10]
    for number in sorted(wrong + right):
        click_answer(page, number, questions[number - 1], correct=number in right)
    assert score(page).startswith(f"Score: {len(right)} of {len(questions)} correct")
    for number in wrong:
        q = questions[number - 1]
        feedback = page.locator(f"#q{number} .feedback")
        text = str(feedback.text_content())
        assert "Not quite" in text
        assert q["answers"][0] in text or q["type"] in ("cloze", "matching")
        if q["type"] == "matching":
            assert all(f"{left} → {right}" in text for left, right in q["pairs"])
        if q["type"] == "cloze":
            assert all(fill in text for fill in q["answers"])
        assert q["explanation"] in text
        assert all(f"“{passage}”" in text for passage in q["evidence"])
        assert citation in text
    for number in right:
        assert "Correct" in str(page.locator(f"#q{number} .verdict").text_content())

    page.locator("#retry").click()
    missed = [questions[n - 1]["id"] for n in wrong]
    assert visible_ids(page) == missed
    for number in wrong:
        assert page.locator(f"#q{number} .feedback").count() == 0
        assert page.locator(f"#q{number} button.check").is_enabled()
    page.reload()  # progress kept: still retrying those, the others still answered
    assert visible_ids(page) == missed
    assert score(page).startswith(f"Score: {len(right)} of {len(questions)} correct")
    for number in wrong:
        click_answer(page, number, questions[number - 1], correct=True)
    assert score(page).startswith(f"Score: {len(right) + len(wrong)} of")
    page.locator("#show-all").click()
    assert len(visible_ids(page)) == len(questions)
    assert_clean(watched, pages["bundled"])


def test_keyboard_alone_answers_all_seven_types(chromium: Browser, pages: dict[str, Path]) -> None:
    watched = open_page(chromium, pages["seven"])
    page = watched.page
    questions = page_data(page)["questions"]
    assert len({q["type"] for q in questions}) == 7
    for number, q in enumerate(questions, start=1):
        keyboard_answer(page, number, q)
        # the feedback takes the focus, so the next Tab goes on to the next question
        assert page.evaluate("document.activeElement.id") == f"q{number}-feedback"
        assert focus_is_visible(page)
    assert score(page) == "Score: 7 of 7 correct (100 %), 7 answered."
    assert_clean(watched, pages["seven"])


def test_text_from_yaml_is_inert(chromium: Browser, pages: dict[str, Path]) -> None:
    watched = open_page(chromium, pages["hostile"])
    page = watched.page
    q = page_data(page)["questions"][0]
    assert page.locator("#q1 legend").text_content() == q["prompt"]
    assert "<script>window.pwned = 1</script>" in q["prompt"]
    click_answer(page, 1, q, correct=False)
    text = str(page.locator("#q1 .feedback").text_content())
    assert "<b>bold</b> & </script>" in text
    assert "</script><script>window.pwned = 4</script>" in text
    assert page.evaluate("window.pwned") is None
    assert page.locator("#q1 script, #q1 img, #q1 iframe, #q1 b").count() == 0
    title = "</title><script>window.pwned = 6</script> & <b>set</b>"
    assert (page.title(), page.locator("h1").text_content()) == (title, title)
    assert page.locator("#description").text_content() == '<img src=x onerror="window.pwned = 7">'
    assert "</script><script>window.pwned = 8</script>" in str(
        page.locator("#source").text_content()
    )
    assert page.locator("body img, body b, body i").count() == 0
    assert_clean(watched, pages["hostile"])
    source = pages["hostile"].read_text("utf-8")
    assert source.count("</script>") == 2  # the data's and the script's own


def test_filters_by_topic_and_tag(chromium: Browser, pages: dict[str, Path]) -> None:
    page = open_page(chromium, pages["seven"]).page
    page.locator("#filter-topic").select_option("Words")
    assert sorted(visible_ids(page)) == ["cz", "sa"]
    page.locator("#filter-tag").select_option("easy")
    assert visible_ids(page) == []
    page.locator("#filter-topic").select_option("")
    assert visible_ids(page) == ["tf"]
    assert page.locator("#showing").text_content() == "Showing 1 of 7 questions."


def card_meta(page: Page, question_id: str) -> str:
    return str(page.locator(f"article[data-id='{question_id}'] .meta").text_content())


def level_options(page: Page) -> list[str]:
    return list(page.eval_on_selector_all("#filter-level option", "o => o.map(e => e.value)"))


def wait_for_announcement(page: Page, text: str) -> None:
    page.wait_for_function("t => document.getElementById('announce').textContent === t", arg=text)


def test_each_card_shows_its_level_with_its_type_and_topic(
    chromium: Browser, pages: dict[str, Path]
) -> None:
    page = open_page(chromium, pages["seven"]).page
    assert card_meta(page, "tf") == "True or false · Basics · level:\u00a0understand"
    assert card_meta(page, "sa") == "Short answer · Words · level:\u00a0recall"
    assert card_meta(page, "od") == "Ordering · People"  # no level, nothing said
    page = open_page(chromium, pages["nolevels"]).page
    assert card_meta(page, "one") == "Short answer · First"


def test_filters_by_level_alone_and_with_a_topic(chromium: Browser, pages: dict[str, Path]) -> None:
    watched = open_page(chromium, pages["seven"])
    page = watched.page
    assert page.locator("#filter-level").is_visible()
    # the levels present, from least to most asked (not in the order the page meets them)
    assert level_options(page) == ["", "recall", "understand", "analyse"]
    assert page.locator("#filter-level option").first.text_content() == "All levels"
    page.locator("#filter-level").select_option("understand")
    assert sorted(visible_ids(page)) == ["cz", "tf"]
    assert page.locator("#showing").text_content() == "Showing 2 of 7 questions."
    wait_for_announcement(page, "Showing 2 questions.")
    page.locator("#filter-topic").select_option("Words")
    assert visible_ids(page) == ["cz"]
    page.locator("#filter-level").select_option("analyse")
    assert visible_ids(page) == []
    page.locator("#filter-topic").select_option("")
    assert sorted(visible_ids(page)) == ["mc", "mt"]
    page.locator("#filter-level").select_option("")
    assert len(visible_ids(page)) == 7  # the ordering question, without a level, is back
    assert_clean(watched, pages["seven"])


def test_the_level_filter_narrows_a_retry_and_outlasts_it(
    chromium: Browser, pages: dict[str, Path]
) -> None:
    page = open_page(chromium, pages["seven"]).page
    numbered = {q["id"]: (n, q) for n, q in enumerate(page_data(page)["questions"], start=1)}
    for question_id in ("tf", "mc", "sa", "cz"):
        number, q = numbered[question_id]
        click_answer(page, number, q, correct=question_id == "mc")
    page.locator("#filter-level").select_option("recall")
    page.locator("#retry").click()
    assert visible_ids(page) == ["sa"]
    assert page.locator("#showing").text_content() == "Retrying 1 question you missed."
    page.locator("#filter-level").select_option("analyse")  # mc was right: not retried
    assert visible_ids(page) == []
    page.locator("#filter-level").select_option("understand")
    assert sorted(visible_ids(page)) == ["cz", "tf"]
    wait_for_announcement(page, "Showing 2 questions.")
    page.locator("#show-all").click()
    assert sorted(visible_ids(page)) == ["cz", "tf"]
    assert page.locator("#showing").text_content() == "Showing 2 of 7 questions."


def test_the_level_filter_works_with_the_keyboard(
    chromium: Browser, pages: dict[str, Path]
) -> None:
    page = open_page(chromium, pages["seven"]).page
    page.locator("#filter-tag").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "filter-level"
    assert focus_is_visible(page)
    page.keyboard.press("ArrowDown")
    assert page.locator("#filter-level").input_value() == "recall"
    assert sorted(visible_ids(page)) == ["ms", "sa"]


def test_the_level_filter_is_hidden_when_no_question_has_a_level(
    chromium: Browser, pages: dict[str, Path]
) -> None:
    watched = open_page(chromium, pages["nolevels"])
    page = watched.page
    assert page.locator("#filter-topic").is_visible() and page.locator("#filter-tag").is_visible()
    assert not page.locator("#filter-level").is_visible()
    assert not page.locator("label[for='filter-level']").is_visible()
    assert level_options(page) == [""]
    assert_clean(watched, pages["nolevels"])


def test_forms_keep_their_progress_apart(chromium: Browser, pages: dict[str, Path]) -> None:
    context = chromium.new_context()
    page = context.new_page()
    page.goto(pages["A"].as_uri())
    click_answer(page, 1, page_data(page)["questions"][0], correct=True)
    assert score(page).endswith(" 1 answered.")
    other = context.new_page()
    other.goto(pages["B"].as_uri())
    assert score(other).endswith(" 0 answered.")
    assert page_data(page)["hash"] != page_data(other)["hash"]
    keys = page.evaluate("Object.keys(localStorage)")
    assert keys == [f"quizgen:forms:A:{page_data(page)['hash']}"]


def test_print_style_is_a_clean_sheet(chromium: Browser, pages: dict[str, Path]) -> None:
    page = open_page(chromium, pages["seven"]).page
    click_answer(page, 1, page_data(page)["questions"][0], correct=True)
    page.emulate_media(media="print")
    for selector in (".toolbar", "#q1 .feedback", "#q2 button.check"):
        assert not page.locator(selector).is_visible(), selector
    assert page.locator("#q2 legend").is_visible()
    assert "level:\u00a0" in str(page.locator("#q2 .meta").text_content())
    assert page.locator("#q2 .meta").is_visible()  # the level prints with the question
    page = open_page(chromium, pages["seven"], "#key").page
    page.emulate_media(media="print")
    assert page.locator("#q1 .feedback").is_visible()  # the key prints its answers


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("view", ["student", "key"])
def test_no_serious_accessibility_violations(
    chromium: Browser, pages: dict[str, Path], scheme: str, view: str
) -> None:
    hash_ = "#key" if view == "key" else ""
    watched = open_page(chromium, pages["seven"], hash_, color_scheme=scheme)
    page = watched.page
    assert page.locator("#filter-level").is_visible()  # checked with the levels it filters by
    if view == "student":  # right and wrong feedback on show, the rest unanswered
        questions = page_data(page)["questions"]
        click_answer(page, 1, questions[0], correct=True)
        click_answer(page, 2, questions[1], correct=False)
        page.locator("#q3 button.check").click()  # a hint: nothing chosen yet
    else:
        assert page.locator(".feedback").count() == 7
        assert page.locator("#key-toggle").get_attribute("aria-pressed") == "true"
    assert axe_violations(page) == []


def test_the_response_helper_gives_wrong_answers_the_page_marks_wrong(
    chromium: Browser, pages: dict[str, Path]
) -> None:
    page = open_page(chromium, pages["seven"]).page
    questions = page_data(page)["questions"]
    for number, q in enumerate(questions, start=1):
        assert response(q, False) != response(q, True)
        click_answer(page, number, q, correct=False)
    assert page.locator(".verdict.wrong").count() == 7
