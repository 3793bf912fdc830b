"""Progress: a bar on a terminal, nothing in a pipe or with --quiet."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from quizgen import progress
from quizgen.build import build


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_nothing_is_shown_off_a_terminal_or_when_quiet() -> None:
    assert type(progress.for_terminal(False, io.StringIO())) is progress.Progress
    assert type(progress.for_terminal(True, FakeTerminal())) is progress.Progress


def test_a_terminal_shows_every_stage_of_a_build(make_set: Callable[..., Path]) -> None:
    folder = make_set({"questions.yaml": QUESTIONS})
    screen = FakeTerminal()
    with progress.for_terminal(False, screen) as shown:
        build([folder], folder.parent.parent / "output", progress=shown)
    assert not shown._bar.live.is_started  # type: ignore[attr-defined]
    text = screen.getvalue()
    for stage in ("Loading and checking the questions", "demo: anki", "demo: pdf"):
        assert stage in text
    assert "100%" in text


def test_a_stage_is_current_while_it_runs_and_takes_reportlab_progress() -> None:
    screen = FakeTerminal()
    shown = progress.for_terminal(False, screen)
    seen: list[Any] = []
    try:
        with shown.stage("Laying out") as step:
            assert progress.current() is step
            progress.current().add_total(30)
            first, second = progress.current().reportlab(10), progress.current().reportlab(20)
            first("SIZE_EST", 40)  # 40 flowables for 10 steps
            first("PROGRESS", 20)
            second("SIZE_EST", 20)  # a second document of the same stage
            second("PROGRESS", 5)
            first("PROGRESS", 40)
            first("PROGRESS", 44)  # never past its share
            bar = shown._bar  # type: ignore[attr-defined]
            seen = [(t.total, t.completed) for t in bar.tasks]
        assert progress.current() is not step
    finally:
        shown.close()
    assert seen == [(30, 15)]


def test_quiet_build_prints_nothing(cli: Callable[..., Any], make_set: Callable[..., Path]) -> None:
    make_set({"questions.yaml": QUESTIONS})
    result = cli("build", "--quiet")
    assert result.exit_code == 0
    assert result.output == ""
    assert (Path("output") / "demo.apkg").exists()
    loud = cli("build")
    assert "wrote" in loud.output and "Loading" not in loud.output  # no bar in a pipe


QUESTIONS = """\
questions:
  - id: tf
    type: true_false
    prompt: The sky is blue.
    answer: true
"""


def test_a_failed_stage_is_not_ticked_off() -> None:
    screen = FakeTerminal()
    shown = progress.for_terminal(False, screen)
    try:
        with shown.stage("Fine"):
            pass
        with pytest.raises(ValueError), shown.stage("Broken"):
            raise ValueError("no")
        descriptions = [t.description for t in shown._bar.tasks]  # type: ignore[attr-defined]
    finally:
        shown.close()
        shown.close()  # closing twice is harmless
    assert descriptions == ["Fine"]
