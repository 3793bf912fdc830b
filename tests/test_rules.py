"""The item-writing rules as a catalogue: findings at the line of the flaw, templates checked on
what they generate, ``allow`` with a reason, ``draft:``, and the checks in validate and build."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from quizgen.rules import RULES, Finding
from quizgen.strict import check_sets


@pytest.fixture(autouse=True)
def _in_tmp(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)  # paths in messages relative to the working directory


def findings(folder: Path) -> list[str]:
    (checked,) = check_sets([folder])
    return [str(w) for w in checked.warnings if isinstance(w, Finding)]


LONG_KEY = """\
questions:
  - id: bridge
    type: multiple_choice
    prompt: Why was the old bridge closed last spring?
    answer: inspectors found cracks in two of its supporting pillars
    distractors:
      - a film shoot
      - the marathon
      - a new cycle lane
"""


def test_a_finding_is_at_the_line_of_the_key_that_holds_the_flaw(
    make_set: Callable[..., Path],
) -> None:
    assert findings(make_set({"questions.yaml": LONG_KEY})) == [
        "questions/demo/questions.yaml:5: Q101: question 'bridge': the key ('inspectors found "
        "cracks in two of its supporting pillars', 56 characters) is much longer than any "
        "distractor (at most 16): make the options alike in length"
    ]


def test_a_flawed_distractor_is_reported_at_its_own_line(make_set: Callable[..., Path]) -> None:
    questions = LONG_KEY.replace("inspectors found cracks in two of its supporting pillars", "a")
    questions = questions.replace("the marathon", "none of the above")
    found = findings(make_set({"questions.yaml": questions}))
    assert found == [
        "questions/demo/questions.yaml:8: Q104: question 'bridge': option 'none of the above': "
        '"none of the above" tests what is not true and reads oddly once options are shuffled; '
        "write a plausible distractor instead"
    ]


def test_validate_prints_findings_as_warnings_and_strict_as_errors(
    cli: Callable[..., Any], make_set: Callable[..., Path]
) -> None:
    make_set({"questions.yaml": LONG_KEY})
    result = cli("validate")
    assert result.exit_code == 0
    assert result.stderr.startswith("questions/demo/questions.yaml:5: warning Q101: question ")
    strict = cli("validate", "--strict")
    assert strict.exit_code == 1
    assert strict.stderr.startswith("questions/demo/questions.yaml:5: Q101: question 'bridge'")


def test_allow_with_a_reason_silences_one_rule_on_one_question(
    make_set: Callable[..., Path],
) -> None:
    allowed = LONG_KEY + '    allow: {Q101: "the engineers\' own words"}\n'
    assert findings(make_set({"questions.yaml": allowed})) == []
    other_rule = LONG_KEY + '    allow: {Q104: "not this one"}\n'
    assert len(findings(make_set({"questions.yaml": other_rule}, name="other"))) == 1


@pytest.mark.parametrize(
    ("allow", "message"),
    [
        (
            '{Q101: ""}',
            "Q101 (longest-option-is-key) is silenced without a reason: write why it does not "
            'apply, e.g. Q101: "the long option is a quotation"',
        ),
        (
            "{Q101: }",
            "Q101 (longest-option-is-key) is silenced without a reason: write why it does not "
            'apply, e.g. Q101: "the long option is a quotation"',
        ),
        ('{Q999: "why"}', "unknown rule 'Q999' (quizgen rules lists them; Q901..Q901 are close)"),
        (
            '{longest-option-is-key: "why"}',
            "write the rule's code, Q101, not its name 'longest-option-is-key'",
        ),
    ],
)
def test_a_rule_silenced_without_a_reason_or_unknown_is_an_error_at_the_allow_line(
    allow: str, message: str, cli: Callable[..., Any], make_set: Callable[..., Path]
) -> None:
    make_set({"questions.yaml": LONG_KEY + f"    allow: {allow}\n"})
    for command in ("validate", "build"):
        result = cli(command)
        assert result.exit_code == 1
        assert message.split(" (quizgen")[0] in result.stderr
        assert result.stderr.startswith("questions/demo/questions.yaml:10: ")


def test_every_rule_has_a_code_a_name_and_a_summary() -> None:
    assert RULES
    for code, rule in RULES.items():
        assert code == rule.code and code[0] == "Q" and len(code) == 4
        assert rule.name == rule.name.lower() and " " not in rule.name
        assert rule.summary and not rule.summary.endswith(".")
        assert (rule.check_question is None) != (rule.check_bank is None)


# --------------------------------------------------------------------------- templates

QUOTES = """\
facts:
  quotes:
    records:
      - id: patience
        text: The bees will teach patience better than I can.
        speaker: Joanna Pike
        evidence: “The bees will teach patience better than I can,” said Joanna Pike
      - id: roof
        text: The roof is the safest place for them
        speaker: Samir Haddad
        evidence: “The roof is the safest place for them,” Samir Haddad said
      - id: honey
        text: We will sell the honey at the fair
        speaker: the head teacher
        evidence: “We will sell the honey at the fair,” the head teacher said
templates:
  - id: who-said
    table: quotes
    type: short_answer
    prompt: Who said “{{ text }}”?
    answer: "{{ speaker }}"
"""


def test_a_template_finding_names_the_record_at_its_field_line(
    make_set: Callable[..., Path],
) -> None:
    assert findings(make_set({"facts.yaml": QUOTES})) == [
        "questions/demo/facts.yaml:5: Q402: template 'who-said', record 'patience': prompt has "
        "stray punctuation '.”?': '…tience better than I can.”?'"
    ]


def test_a_flaw_of_every_record_is_reported_once_for_the_template(
    make_set: Callable[..., Path],
) -> None:
    every = QUOTES.replace("for them\n", "for them.\n").replace("at the fair\n", "at the fair.\n")
    assert findings(make_set({"facts.yaml": every})) == [
        "questions/demo/facts.yaml:20: Q402: template 'who-said', every record (e.g. "
        "'patience'): prompt has stray punctuation '.”?': '…tience better than I can.”?'"
    ]
    allowed = every + '    allow: {Q402: "the quotations are printed as the article has them"}\n'
    assert findings(make_set({"facts.yaml": allowed}, name="allowed")) == []


# --------------------------------------------------------------------------- drafts


def test_a_draft_key_is_reported_on_records_templates_and_questions(
    make_set: Callable[..., Path], cli: Callable[..., Any]
) -> None:
    facts = QUOTES.replace(
        "        speaker: Samir Haddad\n",
        "        speaker: Samir Haddad\n        draft: is it Haddad who said it?\n",
    ).replace("    table: quotes\n", "    table: quotes\n    draft: reword the prompt\n")
    facts = facts.replace("than I can.", "than I can")
    questions = LONG_KEY.replace(
        "inspectors found cracks in two of its supporting pillars", "cracks in its pillars"
    )
    questions += "    draft: FIXME the distractors\n"
    folder = make_set({"facts.yaml": facts, "questions.yaml": questions})
    assert findings(folder) == [
        "questions/demo/facts.yaml:11: Q401: record quotes 'roof' is a draft: is it Haddad who "
        "said it? (remove 'draft:' once checked)",
        "questions/demo/facts.yaml:20: Q401: template 'who-said' is a draft: reword the prompt "
        "(remove 'draft:' once checked)",
        "questions/demo/questions.yaml:10: Q401: question 'bridge' is a draft: FIXME the "
        "distractors (remove 'draft:' once checked)",
    ]
    assert cli("validate").exit_code == 0
    assert cli("validate", "--strict").exit_code == 1
    assert cli("build").exit_code == 0  # a draft builds, for a look at it


def test_a_draft_is_not_a_field_the_templates_see(make_set: Callable[..., Path]) -> None:
    facts = QUOTES.replace("speaker: Samir Haddad\n", "speaker: Samir Haddad\n        draft: x\n")
    facts = facts.replace('answer: "{{ speaker }}"', 'answer: "{{ speaker }}{{ draft }}"')
    from quizgen.errors import QuizgenError

    with pytest.raises(QuizgenError, match="draft"):
        check_sets([make_set({"facts.yaml": facts})])


@pytest.mark.parametrize(
    "text",
    ["TODO", "FIXME: check", "XXX", "TBD", "FILL IN the date", "<your question here>", "<...>"],
)
def test_placeholder_text_is_reported_where_it_is_written(
    text: str, make_set: Callable[..., Path]
) -> None:
    questions = f"""\
questions:
  - id: month
    type: short_answer
    prompt: In which month does the school hope to harvest its first honey?
    answer: "{text}"
"""
    found = findings(make_set({"questions.yaml": questions}))
    assert len(found) == 1
    assert found[0].startswith("questions/demo/questions.yaml:5: Q401: question 'month': answer ")


def test_ordinary_text_is_no_placeholder(make_set: Callable[..., Path]) -> None:
    questions = """\
questions:
  - id: total
    type: short_answer
    prompt: What did the volunteers fill in on the form (name, age <18 or over)?
    answer: their names, and whether they were under 18
"""
    assert findings(make_set({"questions.yaml": questions})) == []


# --------------------------------------------------------------------------- build

GIVE_AWAY = """\
questions:
  - id: signing-place
    type: short_answer
    tags: [signing]
    prompt: Where did Pezeshkian and Putin sign the treaty?
    answer: in the Kremlin
  - id: signatories
    type: multiple_select
    tags: [people]
    prompt: Who signed the treaty?
    answers: [Masoud Pezeshkian, Vladimir Putin]
    distractors: [Abbas Araghchi, Kazem Jalali]
"""


def test_build_warns_of_a_give_away_on_a_printed_sheet_and_still_writes(
    cli: Callable[..., Any], make_set: Callable[..., Path], tmp_path: Path
) -> None:
    make_set({"questions.yaml": GIVE_AWAY})
    result = cli("build", "--versions", "2")
    assert result.exit_code == 0
    assert result.stderr == (
        "questions/demo/questions.yaml:5: warning Q502: question 'signing-place' gives away the "
        "answer of question 'signatories' on printed forms A-B: it shows 'Pezeshkian' of "
        "'Masoud Pezeshkian', and none of its distractors; reword one of them, or keep them on "
        "different sheets\n"
    )
    assert (tmp_path / "output" / "demo-worksheet-A.pdf").exists()
    apart = cli("build", "--tags", "people")  # the other question is not on this sheet
    assert apart.exit_code == 0
    assert apart.stderr == ""
    deck_only = cli("build", "--format", "anki")  # nothing printed: nothing to warn about
    assert deck_only.stderr == ""


def test_validate_help_says_strict_refuses_the_rules_findings(cli: Callable[..., Any]) -> None:
    result = cli("validate", "--help")
    assert result.exit_code == 0
    help_text = " ".join(result.stdout.split())
    strict = help_text[help_text.index("--strict") :]
    assert "item-writing rules of `quizgen rules`" in strict
    assert "draft: lines and placeholders" in strict
