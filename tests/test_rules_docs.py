"""docs/rules.md cannot drift: every rule has a section with a bad and a good example, the bad one
triggers the rule, the good one passes `validate --strict`, and the console blocks print what
quizgen prints (``QUIZGEN_REFRESH_DOCS=1`` rewrites them)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from quizgen.rules import RULES, Finding, rules_table
from quizgen.strict import check_sets

from .conftest import MINIMAL_SET, ROOT
from .docs_examples import HEADER, check_console_block, fenced_blocks, write_example

RULES_DOC = ROOT / "docs" / "rules.md"
SECTION = re.compile(r"^### (Q\d{3}) ([a-z-]+)\n", re.M)


def sections() -> dict[str, tuple[str, str]]:
    """{code: (name, the section's text)} of every rule's section."""
    text = RULES_DOC.read_text(encoding="utf-8")
    found = {}
    starts = list(SECTION.finditer(text))
    for match, following in zip(starts, [*starts[1:], None], strict=True):
        end = following.start() if following else len(text)
        found[match.group(1)] = (match.group(2), text[match.end() : end])
    return found


def example_sets() -> dict[str, dict[str, str]]:
    """{set name: {file: text}} from every ```yaml block of docs/rules.md."""
    sets: dict[str, dict[str, str]] = {}
    for block in fenced_blocks(RULES_DOC):
        if block.kind != "yaml":
            continue
        header = HEADER.match(block.body)
        assert header, "a YAML example of docs/rules.md names its set and file"
        sets.setdefault(header.group(1), {})[header.group(2)] = block.body
    return sets


def write_sets(questions: Path, names: list[str]) -> None:
    examples = example_sets()
    for name in names:
        folder = questions / name
        for file_name, text in {"set.yaml": MINIMAL_SET, **examples[name]}.items():
            write_example(folder, file_name, text)


def warnings_of(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    monkeypatch.chdir(tmp_path)
    write_sets(tmp_path / "questions", [name])
    (checked,) = check_sets([Path("questions") / name])
    return checked.warnings


def test_every_rule_has_a_section_with_a_bad_and_a_good_example() -> None:
    found = sections()
    assert list(found) == sorted(RULES), "one section per rule, in code order"
    sets = example_sets()
    for code, rule in RULES.items():
        name, body = found[code]
        assert name == rule.name
        for kind in ("bad", "good"):
            assert f"# {code.lower()}-{kind}/" in body, f"{code} has no {kind} example"
            assert f"{code.lower()}-{kind}" in sets


@pytest.mark.parametrize("code", sorted(RULES))
def test_the_bad_example_triggers_the_rule(
    code: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = warnings_of(f"{code.lower()}-bad", tmp_path, monkeypatch)
    assert code in {w.code for w in found if isinstance(w, Finding)}


@pytest.mark.parametrize("code", sorted(RULES))
def test_the_good_example_passes_strict(
    code: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert [str(w) for w in warnings_of(f"{code.lower()}-good", tmp_path, monkeypatch)] == []


def test_the_allow_example_silences_its_rule(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert warnings_of("allow-demo", tmp_path, monkeypatch) == []


def test_the_console_examples_print_what_quizgen_prints(
    cli: Callable[..., Any], tmp_path: Path
) -> None:
    write_sets(tmp_path / "questions", sorted(example_sets()))
    blocks = [b for b in fenced_blocks(RULES_DOC) if b.kind == "console"]
    assert len(blocks) == len(RULES)
    for block in blocks:
        check_console_block(RULES_DOC, block, cli)


def test_quizgen_rules_lists_code_name_and_summary(cli: Callable[..., Any]) -> None:
    result = cli("rules")
    assert result.exit_code == 0
    assert result.stdout == rules_table()
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines] == sorted(RULES)
    for line, rule in zip(lines, sorted(RULES.values(), key=lambda r: r.code), strict=True):
        assert line.split()[1] == rule.name
        assert line.endswith(rule.summary)
