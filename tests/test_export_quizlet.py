"""Quizlet: the tab-separated cards read back with csv and compared with `list --json`."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .conftest import BUNDLED
from .export_helpers import TRICKY, bank, built


def read_cards(path: Path) -> list[tuple[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        found = list(csv.reader(stream, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert all(len(card) == 2 for card in found)
    return [(term, definition) for term, definition in found]


def expected_cards(questions: dict[str, dict[str, Any]]) -> list[tuple[str, str]]:
    cards: list[tuple[str, str]] = []
    for q in questions.values():
        if q["type"] == "matching":
            cards += [(left, right) for left, right in q["pairs"]]
        elif q["type"] == "short_answer":
            cards.append((q["prompt"], q["answers"][0]))
        elif q["type"] in ("multiple_choice", "multiple_select", "cloze"):
            cards.append((q["prompt"], " | ".join(q["answers"])))
    return cards


def test_cards_of_the_bundled_set(cli: Callable[..., Any], tmp_path: Path) -> None:
    result = built(cli, BUNDLED, tmp_path, "--format", "quizlet")
    questions = bank(cli, BUNDLED)
    assert read_cards(tmp_path / "russia-iran-treaty-quizlet.txt") == expected_cards(questions)
    assert (
        "russia-iran-treaty: skipped 5 questions for quizlet: 4 true/false (a statement is not "
        "a term and a definition), 1 ordering (a sequence is not a term and a definition)"
    ) in result.stderr


def test_special_characters_survive_quizlet(cli: Callable[..., Any], tmp_path: Path) -> None:
    built(cli, TRICKY, tmp_path, "--format", "quizlet")
    assert read_cards(tmp_path / "tricky-quizlet.txt") == expected_cards(bank(cli, TRICKY))


def test_quizlet_follows_the_selection(cli: Callable[..., Any], tmp_path: Path) -> None:
    built(cli, BUNDLED, tmp_path, "--format", "quizlet", "--types", "short_answer", "--count", "4")
    picked = read_cards(tmp_path / "russia-iran-treaty-quizlet.txt")
    questions = bank(cli, BUNDLED)
    shorts = {
        q["prompt"]: q["answers"][0] for q in questions.values() if q["type"] == "short_answer"
    }
    assert len(picked) == 4 and all(shorts[term] == answer for term, answer in picked)
