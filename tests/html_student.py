"""A student working through the HTML page, with the mouse or with the keyboard alone."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from playwright.sync_api import Page

WRONG_TEXT = "certainly not this"
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def response(q: dict[str, Any], correct: bool) -> Any:
    """What the student gives: the right answer, or a wrong one of the question's shape."""
    kind = q["type"]
    answers, choices = q["answers"], q["choices"]
    if kind in ("multiple_choice", "true_false"):
        return answers[0] if correct else next(c for c in choices if c != answers[0])
    if kind == "multiple_select":
        return answers if correct else [next(c for c in choices if c not in answers)]
    if kind == "short_answer":
        return answers[0] if correct else WRONG_TEXT
    if kind == "cloze":
        return answers if correct else [WRONG_TEXT] * len(answers)
    if kind == "matching":
        rights = [right for _, right in q["pairs"]]
        return rights if correct else rights[1:] + rights[:1]
    if kind == "ordering":
        return answers if correct else choices  # the page never shows the right order
    raise AssertionError(kind)


def click_answer(page: Page, number: int, q: dict[str, Any], correct: bool) -> None:
    """Answer question ``number`` with the mouse and check it."""
    card = page.locator(f"#q{number}")
    given = response(q, correct)
    kind = q["type"]
    if kind in ("multiple_choice", "true_false"):
        card.locator(f"#q{number}-c{q['choices'].index(given)}").check()
    elif kind == "multiple_select":
        for value in given:
            card.locator(f"#q{number}-c{q['choices'].index(value)}").check()
    elif kind == "short_answer":
        card.locator(f"#q{number}-answer").fill(given)
    elif kind == "cloze":
        for i, value in enumerate(given):
            card.locator(f"#q{number}-b{i}").fill(value)
    elif kind == "matching":
        for i, value in enumerate(given):
            card.locator(f"#q{number}-m{i}").select_option(str(q["choices"].index(value)))
    elif kind == "ordering":
        current = list(q["choices"])
        for target, item in enumerate(given):
            index = current.index(item)
            for step in range(index, target, -1):
                card.locator("ol.ordering li").nth(step).locator("button[data-move='-1']").click()
            current.insert(target, current.pop(index))
    card.locator("button.check").click()


def _tab_until(page: Page, selector: str, limit: int = 80) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def focus_is_visible(page: Page) -> bool:
    """Whether the focused element draws its focus ring (an outline of some width)."""
    return bool(
        page.evaluate(
            """() => { const s = getComputedStyle(document.activeElement);
                       return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2; }"""
        )
    )


def keyboard_answer(page: Page, number: int, q: dict[str, Any]) -> None:
    """Answer question ``number`` correctly with the keyboard alone (Tab from wherever the
    focus is: the questions before it must be done), then check it with Enter."""
    card = f"#q{number}"
    kind = q["type"]
    given = response(q, True)
    if kind == "true_false":
        _tab_until(page, f"{card} input[type=radio]")
        assert focus_is_visible(page)
        index = q["choices"].index(given)
        if index == 0:
            page.keyboard.press("Space")  # the focused first option, not yet chosen
        for _ in range(index):  # each arrow moves to the next option and chooses it
            page.keyboard.press("ArrowDown")
    elif kind == "multiple_choice":
        _tab_until(page, f"{card} input[type=radio]")
        page.keyboard.press(LETTERS[q["choices"].index(given)].lower())  # its letter picks it
    elif kind == "multiple_select":
        first, *others = given
        _tab_until(page, f"#q{number}-c{q['choices'].index(first)}")
        page.keyboard.press("Space")
        for value in others:
            page.keyboard.press(LETTERS[q["choices"].index(value)])
    elif kind == "short_answer":
        _tab_until(page, f"#q{number}-answer")
        page.keyboard.type(given)
    elif kind == "cloze":
        for i, value in enumerate(given):
            _tab_until(page, f"#q{number}-b{i}")
            page.keyboard.type(value)
    elif kind == "matching":
        for i, value in enumerate(given):
            _tab_until(page, f"#q{number}-m{i}")
            for _ in range(q["choices"].index(value) + 1):  # option 0 is "Choose…"
                page.keyboard.press("ArrowDown")
    elif kind == "ordering":
        current = list(q["choices"])
        for target, item in enumerate(given):
            index = current.index(item)
            if index == target:
                continue
            _tab_until(page, f"{card} ol li:nth-child({index + 1}) button[data-move='-1']")
            assert focus_is_visible(page)
            for _ in range(index - target):
                page.keyboard.press("Enter")  # the focus stays on the moved item's button
            current.insert(target, current.pop(index))
    _tab_until(page, f"{card} button.check")
    assert focus_is_visible(page)
    page.keyboard.press("Enter")
