"""Messages that point at the fix, in the teacher's own words: what a teacher writing a second set
stumbled over (issue 15), each reproduced through the command line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from quizgen.naming import split_at_commas

from .conftest import ROOT
from .docs_examples import fenced_blocks

SET = """\
set:
  title: Alliances
  require_evidence: false
  source:
    title: NATO at a glance
    publisher: Class handout
    date: 2026-11-29
"""

TABLE = """\
facts:
  members:
    records:
      - {id: france, name: France, joined: "1949"}
      - {id: greece, name: Greece, joined: "1952"}
      - {id: spain, name: Spain, joined: "1982"}
      - {id: poland, name: Poland, joined: "1999"}
"""


def test_a_type_error_names_the_template_by_id_and_counts_items_from_one(
    make_set: Callable[..., Path], cli: Callable[..., Any]
) -> None:
    """Was `templates.1.distractors.values.1: expected text, got a number`."""
    make_set(
        {
            "set.yaml": SET,
            "facts.yaml": TABLE
            + """\
templates:
  - id: name-of
    table: members
    type: short_answer
    prompt: Which country is '{{ id }}'?
    answer: "{{ name }}"
  - id: year-joined
    table: members
    type: multiple_choice
    prompt: When did {{ name }} join?
    answer: "{{ joined }}"
    distractors: ["1950", 1961, "1970"]
""",
        }
    )
    result = cli("validate")
    assert result.exit_code == 1
    assert result.stderr == (
        "questions/demo/facts.yaml:19: template 'year-joined': distractors.values, item 2: "
        "expected text, got a number: write it in quotes\n"
    )


def test_a_flow_list_split_at_the_commas_of_its_dates_shows_the_quoted_form(
    make_set: Callable[..., Path], cli: Callable[..., Any]
) -> None:
    make_set(
        {
            "set.yaml": SET,
            "questions.yaml": """\
            questions:
              - id: dates
                type: ordering
                prompt: Put these dates in order.
                items: [May 8, 1945, April 4, 1955]
            """,
        }
    )
    result = cli("validate")
    assert result.exit_code == 1
    hint = (
        "the commas in [May 8, 1945, April 4, 1955] split it into 4 items; put each item in "
        'quotes: ["May 8, 1945", "April 4, 1955"]'
    )
    assert result.stderr.splitlines() == [
        "questions/demo/questions.yaml:5: question 'dates': items, item 2: expected text, got a "
        f"number: write it in quotes; {hint}",
        "questions/demo/questions.yaml:5: question 'dates': items, item 4: expected text, got a "
        f"number: write it in quotes; {hint}",
        "2 problems found.",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "questions:\n  - id: a\n    type: short_answer\n    prompt: Note: this is it\n",
            [
                "questions/demo/questions.yaml:4: YAML syntax error: mapping values are not "
                "allowed in this context; a colon followed by a space inside unquoted text "
                'starts a new key; put the text in quotes: prompt: "Note: this is it"',
                "  4 |     prompt: Note: this is it",
                "    |                 ^",
            ],
        ),
        (
            "facts:\n  people:\n    records:\n      - id: a\n        name: A\n"
            "     - id: b\n        name: B\n",
            [
                "questions/demo/questions.yaml:6: YAML syntax error: did not find expected key "
                "while parsing a block mapping; this list item is indented differently from the "
                "items above it: line up the '-' of every item of one list",
                "  6 |      - id: b",
                "    |      ^",
            ],
        ),
        (
            "questions:\n  - id: a\n\ttype: cloze\n",
            [
                "questions/demo/questions.yaml:3: YAML syntax error: a tab character is used "
                "for indentation; indent with spaces",
                "  3 | →type: cloze",
                "    | ^",
            ],
        ),
    ],
    ids=["colon-in-text", "list-item-indentation", "tab"],
)
def test_a_yaml_syntax_error_shows_the_line_with_a_caret_and_a_hint(
    make_set: Callable[..., Path], cli: Callable[..., Any], text: str, expected: list[str]
) -> None:
    folder = make_set({"set.yaml": SET})
    (folder / "questions.yaml").write_text(text, encoding="utf-8")
    result = cli("validate")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == expected


def test_a_misspelt_reserved_key_on_a_record_is_reported_at_its_line(
    make_set: Callable[..., Path], cli: Callable[..., Any]
) -> None:
    """`evidance:` was silently a field of the record, and the fact had no evidence."""
    facts = """\
facts:
  people:
    records:
      - id: haddad
        name: Samir Haddad
        evidance: Samir Haddad, a beekeeper
templates:
  - id: who
    table: people
    type: short_answer
    prompt: Who is the beekeeper?
    answer: "{{ name }}"
"""
    make_set({"set.yaml": SET.replace("  require_evidence: false\n", ""), "facts.yaml": facts})
    result = cli("validate")
    assert result.exit_code == 1
    assert result.stderr == (
        "questions/demo/facts.yaml:4: people 'haddad' has no evidence: is 'evidance' (line 6) "
        "meant to be 'evidence'?\n"
    )
    # in a set without a source text, it is a warning at the typo's own line
    make_set({"set.yaml": SET, "facts.yaml": facts.replace("evidance", "imgae")})
    result = cli("validate")
    assert result.exit_code == 0
    assert result.stderr == (
        "questions/demo/facts.yaml:6: warning: people 'haddad': 'imgae' is taken as a field of "
        "the record (did you mean the reserved key 'image'?)\n"
    )
    assert cli("validate", "--strict").exit_code == 1


def test_a_misspelt_field_in_a_template_gets_a_did_you_mean_from_the_record(
    make_set: Callable[..., Path], cli: Callable[..., Any]
) -> None:
    make_set(
        {
            "set.yaml": SET,
            "facts.yaml": TABLE
            + """\
templates:
  - id: name-of
    table: members
    type: short_answer
    prompt: Which country is '{{ id }}'?
    answer: "{{ nmae }}"
""",
        }
    )
    result = cli("validate")
    assert result.exit_code == 1
    assert result.stderr == (
        "questions/demo/facts.yaml:13: template 'name-of', records 'france', 'greece', 'spain' "
        "and 1 more: answer: 'nmae' is undefined (did you mean 'name'?)\n"
    )


def test_docs_errors_md_shows_what_a_yaml_syntax_error_prints(
    make_set: Callable[..., Path], cli: Callable[..., Any]
) -> None:
    shown = [
        b.body
        for b in fenced_blocks(ROOT / "docs" / "errors.md")
        if b.kind == "text" and "YAML syntax error" in b.body
    ]
    folder = make_set({"set.yaml": SET})
    (folder / "questions.yaml").write_text(
        "questions:\n  - id: a\n    type: short_answer\n    prompt: Note: this is it\n",
        encoding="utf-8",
    )
    assert shown == [cli("validate").stderr]


def test_a_rule_refused_under_strict_names_its_opt_out(
    make_set: Callable[..., Path], cli: Callable[..., Any]
) -> None:
    """A set valid before the item-writing rules may fail --strict now: the output says how to
    keep a question a rule does not fit (issue 15, upgrades)."""
    make_set(
        {
            "set.yaml": SET,
            "questions.yaml": """\
            questions:
              - id: doubled
                type: short_answer
                prompt: Which city is the the capital of France?
                answer: Paris
            """,
        }
    )
    assert cli("validate").exit_code == 0
    result = cli("validate", "--strict")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        "where a rule does not apply, silence it on that question or template with the reason: "
        'allow: {Q403: "why it does not apply"} (docs/rules.md)'
    )


def test_a_record_is_named_by_its_id_and_a_split_date_in_its_evidence_is_shown_quoted(
    make_set: Callable[..., Path], cli: Callable[..., Any]
) -> None:
    make_set(
        {
            "set.yaml": SET,
            "facts.yaml": """\
            facts:
              people:
                records:
                  - id: ada
                    name: Ada
                    evidence: [On May 8, 1945]
                  - id: 5
                    name: Bob
            """,
        }
    )
    result = cli("validate")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "questions/demo/facts.yaml:6: people 'ada': evidence, item 2: expected text, got a "
        "number: write it in quotes; the commas in [On May 8, 1945] split it into 2 items; put "
        'each item in quotes: ["On May 8, 1945"]',
        "questions/demo/facts.yaml:7: a record of table 'people': id: expected text, got a "
        "number: write it in quotes",
        "2 problems found.",
    ]


@pytest.mark.parametrize(
    ("written", "quoted"),
    [
        ("[May 8, 1945, April 4, 1955]", '["May 8, 1945", "April 4, 1955"]'),
        ("[8 May, 1945]", '["8 May, 1945"]'),
        ("[11,000, 12,500]", '["11,000", "12,500"]'),
        ("[Paris, 1945]", None),  # a place and a year: two items, as written
        ("[a, b]", None),
        ('["May 8, 1945", x]', None),  # quoted: the teacher chose the split
    ],
)
def test_a_split_flow_list_is_recognised_by_its_dates_and_numbers(
    written: str, quoted: str | None
) -> None:
    hint = split_at_commas(written)
    assert (hint.rsplit(": ", 1)[1] if hint else None) == quoted


def _prose(doc: str) -> str:
    """A doc's text with its lines joined, so that a message wrapped in a paragraph is found."""
    return " ".join((ROOT / "docs" / doc).read_text(encoding="utf-8").split())


def test_the_messages_the_docs_quote_are_what_validate_prints(
    make_set: Callable[..., Path], cli: Callable[..., Any]
) -> None:
    """docs/format.md and docs/errors.md quote these messages; each is printed as quoted."""
    grounded = SET.replace("  require_evidence: false\n", "")
    people = "facts:\n  people:\n    records:\n      - id: ada\n        name: Ada Lovelace\n"
    make_set({"set.yaml": grounded, "facts.yaml": people})
    missing = cli("validate").stderr.strip()
    assert missing.startswith("questions/demo/facts.yaml:4: ")
    blocks = [b.body for b in fenced_blocks(ROOT / "docs" / "format.md") if b.kind == "text"]
    assert f"{missing}\n" in blocks
    make_set({"set.yaml": grounded, "facts.yaml": people + "        evidance: Ada Lovelace\n"})
    typo = cli("validate").stderr.strip().split(": ", 1)[1]
    assert f"`{typo}`" in _prose("format.md")
    assert "is 'evidance' (line 6) meant to be 'evidence'?" in _prose("errors.md")
    make_set(
        {
            "set.yaml": SET,
            "facts.yaml": "questions:\n  - id: dates\n    type: ordering\n"
            "    prompt: Put these dates in order.\n    items: [May 8, 1945, April 4, 1955]\n",
        }
    )
    first = cli("validate").stderr.splitlines()[0].split(": ", 1)[1]
    message, hint = first.split("; ", 1)
    errors = _prose("errors.md")
    assert f"`{message}`" in errors
    assert f"`{hint}`" in errors
