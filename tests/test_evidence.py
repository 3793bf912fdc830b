"""Evidence checking: passages found verbatim in the source text, or reported at their line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from quizgen.build import build
from quizgen.errors import QuizgenError
from quizgen.evidence import NO_EVIDENCE, SourceText, normalise_passage

SOURCE = """\
Ada Lovelace, a mathematician, wrote the notes.
She called it “poetical   science” and said: ‘It weaves
algebraic patterns.’
"""

SET = """\
set:
  title: Lovelace
  source:
    title: A short text
    publisher: Nobody
    date: 2025-01-01
    path: source.txt
"""

FACTS = """\
facts:
  people:
    records:
      - id: ada
        name: Ada Lovelace
        evidence: Ada Lovelace, a mathematician
      - id: notes
        name: the notes
        evidence:
          - wrote the notes
          - "She called it \\"poetical science\\""
questions:
  - id: weaves
    type: short_answer
    prompt: What does it weave?
    answer: algebraic patterns
    evidence: 'It weaves algebraic patterns.'
"""


@pytest.fixture
def lovelace(make_set: Callable[..., Path]) -> Path:
    folder = make_set({"set.yaml": SET, "facts.yaml": FACTS})
    (folder / "source.txt").write_text(SOURCE, encoding="utf-8")
    return folder


def test_normalisation_straightens_quotes_and_collapses_spaces() -> None:
    assert normalise_passage("“a  ‘b’\n c”") == "\"a 'b' c\""
    source = SourceText(Path("s.txt"), normalise_passage(SOURCE))
    assert source.contains("“poetical science”")
    assert source.contains('"poetical\nscience"')
    assert not source.contains("Poetical science")  # case is not forgiven
    assert source.matched_prefix("wrote the letters") == "wrote the "


def test_passages_found_with_quotes_and_line_breaks_normalised(
    cli: Callable[..., Any], lovelace: Path
) -> None:
    result = cli("validate")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == (
        "demo: OK, 1 questions; 4 evidence passages found in questions/demo/source.txt"
    )


def test_every_missing_passage_is_reported_at_its_own_line(
    cli: Callable[..., Any], lovelace: Path
) -> None:
    facts = lovelace / "facts.yaml"
    facts.write_text(
        FACTS.replace("wrote the notes", "wrote the letters")
        .replace("a mathematician", "a poet")
        .replace("It weaves", "It knits"),
        encoding="utf-8",
    )
    result = cli("validate")
    assert result.exit_code == 1
    f = "questions/demo/facts.yaml"
    assert result.stderr.splitlines() == [
        f"{f}:6: people 'ada': evidence not found in the source text source.txt: "
        "“Ada Lovelace, a poet”; the source matches up to “…Ada Lovelace, a ”",
        f"{f}:10: people 'notes': evidence not found in the source text source.txt: "
        "“wrote the letters”; the source matches up to “…wrote the ”",
        f"{f}:17: question 'weaves': evidence not found in the source text source.txt: "
        "“It knits algebraic patterns.”",
        "3 problems found.",
    ]


def test_source_option_overrides_the_set_path(
    cli: Callable[..., Any], lovelace: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other.txt"
    other.write_text("Something else entirely.", encoding="utf-8")
    result = cli("validate", "demo", "--source", str(other))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == "4 problems found."


def test_a_missing_set_source_is_a_note_and_the_check_is_skipped(
    cli: Callable[..., Any], lovelace: Path
) -> None:
    (lovelace / "source.txt").unlink()
    result = cli("validate")
    assert result.exit_code == 0
    assert result.stdout.strip() == "demo: OK, 1 questions"
    # the note comes first; validate's warnings (docs/commands.md) may follow it
    assert result.stderr.splitlines()[0] == (
        "note: questions/demo/set.yaml:7: source text questions/demo/source.txt not found; "
        "evidence not checked (give the text with --source FILE)"
    )


def test_a_missing_source_option_file_is_an_error(cli: Callable[..., Any], lovelace: Path) -> None:
    for command in ("validate", "build"):
        result = cli(command, "demo", "--source", "nope.txt")
        assert result.exit_code == 1
        assert result.stderr.strip() == "source text nope.txt: no such file"
    assert not Path("output").exists()


def test_a_source_that_is_not_text_is_an_error(cli: Callable[..., Any], lovelace: Path) -> None:
    (lovelace / "source.txt").write_bytes(b"\xff\xfe\x00binary")
    result = cli("validate")
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "questions/demo/set.yaml:7: source text questions/demo/source.txt:1: not UTF-8 text "
        "(UTF-16); save the file as UTF-8"
    )


def test_build_checks_evidence_and_writes_nothing_when_a_passage_is_missing(
    lovelace: Path, tmp_path: Path
) -> None:
    (lovelace / "facts.yaml").write_text(FACTS.replace("a mathematician", "a poet"), "utf-8")
    with pytest.raises(QuizgenError) as raised:
        build([lovelace], tmp_path / "out")
    assert "evidence not found" in str(raised.value)
    assert not (tmp_path / "out").exists()


def test_evidence_is_required_of_every_record_and_question_by_default(
    cli: Callable[..., Any], make_set: Callable[..., Path]
) -> None:
    """A hand-written question without evidence once passed even --strict unless the set said
    `require_evidence: true`; now the set must say `require_evidence: false` to go without."""
    make_set(
        {
            "set.yaml": SET,
            "facts.yaml": FACTS.replace(
                "        evidence: Ada Lovelace, a mathematician\n", ""
            ).replace("    evidence: 'It weaves algebraic patterns.'\n", ""),
        }
    )
    result = cli("validate")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"questions/demo/facts.yaml:4: people 'ada' {NO_EVIDENCE}",
        f"questions/demo/facts.yaml:12: question 'weaves' {NO_EVIDENCE}",
        "2 problems found.",
    ]
    assert NO_EVIDENCE == (
        "has no evidence: quote the passage of the source it rests on in 'evidence' (a set "
        "without a source text says `require_evidence: false` in its set section)"
    )
    opted_out = SET.replace("  source:", "  require_evidence: false\n  source:")
    (Path("questions/demo/set.yaml")).write_text(opted_out, encoding="utf-8")
    assert cli("validate").exit_code == 0


def test_source_with_more_than_one_set_to_check_is_a_usage_error_naming_the_set(
    cli: Callable[..., Any], lovelace: Path, make_set: Callable[..., Path], tmp_path: Path
) -> None:
    """`validate --source` with no set named once checked every other set against the new text
    too, and their "evidence not found" lines buried the one result that mattered."""
    make_set({"facts.yaml": FACTS}, name="another")
    other = tmp_path / "ferry.txt"
    other.write_text(SOURCE, encoding="utf-8")
    for command in ("validate", "build"):
        result = cli(command, "--source", "ferry.txt")
        assert result.exit_code == 2
        assert result.stdout == ""
        assert result.stderr == (
            "--source ferry.txt is the text of one set, but 2 sets would be checked against it "
            f"(another, demo): name the set, e.g. `quizgen {command} another --source ferry.txt`\n"
        )
    assert not (tmp_path / "output").exists()
    named = cli("validate", "demo", "--source", "ferry.txt")
    assert named.exit_code == 0, named.output
    assert named.stdout == "demo: OK, 1 questions; 4 evidence passages found in ferry.txt\n"
