"""The item-writing rules measured on a corpus of items written as teachers write them
(tests/rules_corpus.yaml): half with a known flaw, half sound. The rules must catch at least 90 %
of the flaws (each by the rule that names it) and flag at most one sound item in ten."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from quizgen.rules import RULES, Finding
from quizgen.strict import check_sets

from .conftest import MINIMAL_SET

CORPUS = Path(__file__).parent / "rules_corpus.yaml"


@cache
def cases() -> list[dict[str, Any]]:
    loaded: list[dict[str, Any]] = yaml.safe_load(CORPUS.read_text(encoding="utf-8"))["cases"]
    return loaded


def codes_found(case: dict[str, Any], root: Path) -> set[str]:
    """The codes of the rules that flag the case, run as a set of its own."""
    folder = root / "questions" / case["id"]
    folder.mkdir(parents=True)
    (folder / "set.yaml").write_text(MINIMAL_SET, encoding="utf-8")
    content = {key: case[key] for key in ("facts", "templates", "questions") if key in case}
    (folder / "items.yaml").write_text(yaml.safe_dump(content, allow_unicode=True), "utf-8")
    (checked,) = check_sets([folder])
    return {w.code for w in checked.warnings if isinstance(w, Finding)}


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, set[str]]:
    root = tmp_path_factory.mktemp("corpus")
    return {case["id"]: codes_found(case, root) for case in cases()}


def test_the_corpus_is_large_balanced_and_covers_every_rule() -> None:
    flawed = [c for c in cases() if c["flaw"] != "none"]
    sound = [c for c in cases() if c["flaw"] == "none"]
    assert len(flawed) >= 30 and len(sound) >= 30
    assert abs(len(flawed) - len(sound)) <= len(cases()) // 5
    assert len({c["id"] for c in cases()}) == len(cases())
    assert {c["flaw"] for c in flawed} == set(RULES), "every rule has flawed items to catch"


def test_the_rules_catch_nine_flaws_in_ten(results: dict[str, set[str]]) -> None:
    flawed = [c for c in cases() if c["flaw"] != "none"]
    missed = [c["id"] for c in flawed if c["flaw"] not in results[c["id"]]]
    assert len(missed) <= 0.10 * len(flawed), f"missed: {missed}"


def test_the_rules_flag_at_most_one_sound_item_in_ten(results: dict[str, set[str]]) -> None:
    sound = [c for c in cases() if c["flaw"] == "none"]
    flagged = {c["id"]: sorted(results[c["id"]]) for c in sound if results[c["id"]]}
    assert len(flagged) <= 0.10 * len(sound), f"sound items flagged: {flagged}"
