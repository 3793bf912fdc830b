"""quizgen new: a set folder that validates and builds as created, for the sample text or yours."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from quizgen.new import split_source
from quizgen.schema import SCHEMA_FILE, schema_text

from .test_schema import COMMENT, errors_of

FILES = ["facts.yaml", "questions.yaml", "set.yaml", "source.txt", "templates.yaml"]

ARTICLE = """\
River Cleanup Draws Record Crowd

More than three hundred volunteers gathered along the Avon River on Sunday morning.
They pulled shopping trolleys, tyres and a rusted bicycle from the shallow water near the old mill.
The organiser, a schoolteacher named Priya Shah, said the turnout surprised everyone.
Local businesses donated gloves, sacks and a mountain of sandwiches for the helpers.
"""


def test_new_set_validates_strictly_and_builds(cli: Callable[..., Any], tmp_path: Path) -> None:
    result = cli("new", "town-library")
    assert result.exit_code == 0, result.stderr
    folder = tmp_path / "questions" / "town-library"
    assert sorted(p.name for p in folder.iterdir()) == FILES
    assert result.stdout.splitlines() == [
        "created questions/town-library/",
        "  wrote questions/town-library/set.yaml",
        "  wrote questions/town-library/facts.yaml",
        "  wrote questions/town-library/templates.yaml",
        "  wrote questions/town-library/questions.yaml",
        "  wrote questions/town-library/source.txt",
        f"  wrote schema/{SCHEMA_FILE} (for editors)",
        "next: edit the files, then `quizgen validate --strict town-library`",
    ]
    assert (tmp_path / "schema" / SCHEMA_FILE).read_text(encoding="utf-8") == schema_text()

    validated = cli("validate", "--strict", "town-library")
    assert validated.exit_code == 0, validated.stderr
    assert validated.stderr == ""
    listed = cli("list", "town-library").stdout.splitlines()
    assert listed[-1] == "5 questions: 2 cloze, 2 multiple_choice, 1 ordering"
    built = cli("build", "town-library")
    assert built.exit_code == 0, built.stderr
    assert {
        "town-library-key.pdf",
        "town-library-worksheet.pdf",
        "town-library.apkg",
    } <= {p.name for p in (tmp_path / "output").iterdir()}


def test_every_new_file_is_commented_and_points_at_the_schema(
    cli: Callable[..., Any], tmp_path: Path
) -> None:
    cli("new", "demo")
    folder = tmp_path / "questions" / "demo"
    for path in sorted(folder.glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        comment = COMMENT.match(text)
        assert comment, path.name
        assert (folder / comment.group(1)).resolve() == (tmp_path / "schema" / SCHEMA_FILE)
        assert errors_of(text) == [], path.name
        comments = [line for line in text.splitlines()[1:] if line.lstrip().startswith("#")]
        assert len(comments) >= 3, f"{path.name} explains itself in comments"


def test_every_evidence_passage_is_in_the_source(cli: Callable[..., Any], tmp_path: Path) -> None:
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    result = cli("new", "cleanup", "--source", "article.txt")
    assert result.exit_code == 0, result.stderr
    folder = tmp_path / "questions" / "cleanup"
    assert sorted(p.name for p in folder.iterdir()) == [f for f in FILES if f != "source.txt"]
    set_yaml = (folder / "set.yaml").read_text(encoding="utf-8")
    assert 'title: "River Cleanup Draws Record Crowd"' in set_yaml
    assert 'path: "../../article.txt"' in set_yaml
    assert 'title: "Cleanup"' in set_yaml
    facts = (folder / "facts.yaml").read_text(encoding="utf-8")
    passages = re.findall(r'evidence: "(.*)"', facts)
    assert len(passages) == 4
    flat = " ".join(ARTICLE.split())
    assert all(p in flat for p in passages)
    # quizgen cannot know the publisher and the date: placeholders, which --strict refuses
    refused = cli("validate", "--strict", "cleanup")
    assert refused.exit_code == 1
    assert refused.stderr == (
        "questions/cleanup/set.yaml:15: Q401: set: source.publisher holds the placeholder "
        "'FILL IN': fill it in\n"
        "questions/cleanup/set.yaml:16: Q401: set: source.date holds the placeholder "
        "'FILL IN': fill it in\n"
        "2 problems found.\n"
    )
    assert cli("build", "cleanup").exit_code == 0  # a draft builds, for a look at it
    filled = set_yaml.replace('"FILL IN the publisher"', "The Avon Courier")
    (folder / "set.yaml").write_text(
        filled.replace('"FILL IN the date of publication"', "2026-03-02"), encoding="utf-8"
    )
    assert cli("validate", "--strict", "cleanup").exit_code == 0


def test_a_new_set_asks_each_sentence_once_and_gives_nothing_away(
    cli: Callable[..., Any], tmp_path: Path
) -> None:
    """The cloze and the multiple choice take two sentences each, and the ordering question
    shows each sentence only up to its blank (rule Q502 would report the give-away)."""
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    cli("new", "cleanup", "--source", "article.txt")
    listed = cli("list", "cleanup").stdout.splitlines()
    assert [line.split()[0] for line in listed[:-1]] == [
        "order-of-the-text",
        "fill-the-gap/s1",
        "fill-the-gap/s2",
        "which-word/s3",
        "which-word/s4",
    ]
    questions = (tmp_path / "questions" / "cleanup" / "questions.yaml").read_text()
    keywords = re.findall(
        r'keyword: "(.*)"', (tmp_path / "questions/cleanup/facts.yaml").read_text()
    )
    items = questions.split("items:", 1)[1].split("explanation:", 1)[0]
    assert len(keywords) == 4
    assert not any(keyword in items for keyword in keywords)


def test_an_existing_folder_is_never_overwritten(cli: Callable[..., Any], tmp_path: Path) -> None:
    folder = tmp_path / "questions" / "mine"
    folder.mkdir(parents=True)
    (folder / "facts.yaml").write_text("precious: true\n")
    result = cli("new", "mine")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "questions/mine already exists: choose another name or remove it first\n"
    )
    assert [p.name for p in folder.iterdir()] == ["facts.yaml"]
    assert not (tmp_path / "schema").exists()


def test_an_existing_schema_is_left_alone(cli: Callable[..., Any], tmp_path: Path) -> None:
    (tmp_path / "schema").mkdir()
    (tmp_path / "schema" / SCHEMA_FILE).write_text("{}\n")
    result = cli("new", "demo")
    assert "schema" not in result.stdout.replace("`quizgen validate", "")
    assert (tmp_path / "schema" / SCHEMA_FILE).read_text() == "{}\n"


def test_bad_names_and_sources(cli: Callable[..., Any], tmp_path: Path) -> None:
    for args, message in [
        (
            ("new", "my set"),
            "set name 'my set' must start with a letter or digit and hold only letters, "
            "digits, '-', '_' and '.'",
        ),
        (("new", "x", "--source", "nope.txt"), "nope.txt: no such file"),
    ]:
        result = cli(*args)
        assert result.exit_code == 1
        assert result.stderr == message + "\n"
    (tmp_path / "short.txt").write_text("Too short. Really.\n")
    result = cli("new", "x", "--source", "short.txt")
    assert result.exit_code == 1
    assert result.stderr.startswith("short.txt: found 0 sentences to start from, need 3")
    (tmp_path / "latin1.txt").write_bytes("caf\xe9 au lait".encode("latin-1"))
    assert cli("new", "x", "--source", "latin1.txt").stderr == (
        "latin1.txt:1: not UTF-8 text (byte 0xe9); save the file as UTF-8\n"
    )
    assert not (tmp_path / "questions" / "x").exists()


def test_split_source_finds_the_headline_and_sentences() -> None:
    headline, sentences = split_source(ARTICLE)
    assert headline == "River Cleanup Draws Record Crowd"
    assert sentences[0] == (
        "More than three hundred volunteers gathered along the Avon River on Sunday morning."
    )
    assert len(sentences) == 4
    assert split_source("He said “Go.” Then left.\n")[1] == ["He said “Go.”", "Then left."]


def test_new_under_another_questions_folder(cli: Callable[..., Any], tmp_path: Path) -> None:
    result = cli("new", "demo", "--questions", "sets/q")
    assert result.stdout.splitlines()[-2:] == [
        f"  wrote sets/schema/{SCHEMA_FILE} (for editors)",
        "next: edit the files, then `quizgen validate --strict -q sets/q demo`",
    ]
    assert cli("validate", "--strict", "-q", "sets/q", "demo").exit_code == 0


def test_the_scaffold_examples_all_carry_evidence_and_validate(
    cli: Callable[..., Any], tmp_path: Path
) -> None:
    """The examples a teacher copies are grounded like the rest: uncommented into the new set,
    every one quotes a passage found in the sample text."""
    assert cli("new", "demo").exit_code == 0
    questions = tmp_path / "questions" / "demo" / "questions.yaml"
    text = questions.read_text(encoding="utf-8")
    commented = text.split("More examples, to copy and adapt:\n", 1)[1].split("questions:\n")[0]
    examples = "".join(line[2:] + "\n" for line in commented.splitlines() if line.strip("#"))
    assert examples.count("- id:") == 3
    assert examples.count("evidence:") == 3
    assert "    evidence:" in text.split("questions:\n", 1)[1]  # the ordering question's
    questions.write_text(text + examples, encoding="utf-8")
    result = cli("validate", "demo")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "demo: OK, 8 questions; 12 evidence passages found in questions/demo/source.txt\n"
    )


def test_a_questions_folder_that_is_a_file_is_one_line_and_nothing_is_written(
    cli: Callable[..., Any], tmp_path: Path
) -> None:
    (tmp_path / "sets").write_text("not a folder\n", encoding="utf-8")
    result = cli("new", "city-budget", "--questions", "sets")
    assert result.exit_code == 3
    assert result.stderr == "cannot create sets/city-budget: sets is a file, not a folder\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sets"]
