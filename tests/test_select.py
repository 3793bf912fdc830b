"""Choosing what is printed and listed: --tags and --types."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

TAGGED = """\
questions:
  - id: q1
    prompt: One?
    type: short_answer
    answer: one
    tags: [{tag}]
  - id: q2
    prompt: Two?
    type: short_answer
    answer: two
"""


def test_tags_skip_the_printouts_of_sets_without_a_match(
    cli: Callable[..., Any], make_set: Callable[..., Path], tmp_path: Path
) -> None:
    make_set({"q.yaml": TAGGED.format(tag="alliances")}, name="has")
    make_set({"q.yaml": TAGGED.format(tag="other")}, name="lacks")
    result = cli("build", "--tags", "alliances")
    assert result.exit_code == 0, result.output
    assert "lacks: no question matches tags alliances: no worksheet printed" in result.stdout
    out = tmp_path / "output"
    assert (out / "has-worksheet.pdf").exists() and (out / "has.apkg").exists()
    assert (out / "lacks.apkg").exists()
    assert not list(out.glob("lacks*.pdf"))


def test_tags_that_match_no_set_fail(
    cli: Callable[..., Any], make_set: Callable[..., Path], tmp_path: Path
) -> None:
    make_set({"q.yaml": TAGGED.format(tag="alliances")}, name="has")
    make_set({"q.yaml": TAGGED.format(tag="other")}, name="lacks")
    result = cli("build", "--tags", "nothing-has-this")
    assert result.exit_code == 1
    assert result.stderr.strip() == "no question of any set matches tags nothing-has-this"
    assert not (tmp_path / "output").exists()


def test_list_filters_like_build(cli: Callable[..., Any], make_set: Callable[..., Path]) -> None:
    make_set({"q.yaml": TAGGED.format(tag="alliances")})
    result = cli("list", "--types", "essay")
    assert result.exit_code == 2
    assert "--types: unknown question type 'essay'" in result.stderr
    result = cli("list", "--tags", " alliances , ,")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == "1 questions: 1 short_answer"
