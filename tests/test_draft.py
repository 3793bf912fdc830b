"""`quizgen draft`: from a news text to a set that validates and builds, every fact grounded."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from pypdf import PdfReader

from quizgen.build import build
from quizgen.draft import draft_text
from quizgen.draft.records import Draft, Record
from quizgen.evidence import normalise_passage
from quizgen.generate import generate
from quizgen.load import load_set

from .anki_helpers import fresh_collection, import_package
from .conftest import BUNDLED, ROOT
from .test_bundled_set import article_path

TEXTS = ROOT / "benchmarks" / "draft" / "texts"
BENCHMARK_TEXTS = sorted(TEXTS.glob("*.txt"))


def _people(draft: Draft) -> dict[str, Record]:
    return {r.id: r for r in draft.people}


def _quote(draft: Draft, start: str) -> Record:
    found = [q for q in draft.quotes if str(q.fields["text"]).startswith(start)]
    assert len(found) == 1, [q.fields["text"] for q in draft.quotes]
    return found[0]


def _speaker(draft: Draft, start: str) -> str | None:
    speaker = _quote(draft, start).fields.get("speaker")
    return None if speaker is None else str(_people(draft)[str(speaker)].fields["name"])


# --------------------------------------------------------------------------- the whole command


@pytest.mark.parametrize("text", BENCHMARK_TEXTS, ids=lambda p: p.stem)
def test_a_draft_validates_against_its_text_and_builds(
    text: Path, cli: Callable[..., Any], tmp_path: Path
) -> None:
    result = cli("draft", str(text), "--name", text.stem)
    assert result.exit_code == 0, result.output
    folder = tmp_path / "questions" / text.stem
    assert sorted(p.name for p in folder.iterdir()) == ["facts.yaml", "set.yaml", "templates.yaml"]
    checked = cli("validate", text.stem, "--source", str(text))
    assert checked.exit_code == 0, checked.output
    assert f"{text.stem}: OK" in checked.output
    built = cli("build", text.stem)
    assert built.exit_code == 0, built.output
    summary = re.search(rf"^{text.stem}: (\d+) questions", built.stdout, re.M)
    assert summary is not None, built.stdout
    count = int(summary.group(1))
    reader = PdfReader(tmp_path / "output" / f"{text.stem}-key.pdf")
    key = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "Who said" in key
    with fresh_collection(tmp_path) as collection:
        log = import_package(collection, tmp_path / "output" / f"{text.stem}.apkg")
        assert len(log.new) == count > 10


@pytest.mark.parametrize("text", BENCHMARK_TEXTS, ids=lambda p: p.stem)
def test_every_drafted_record_quotes_the_text_and_says_what_to_check(text: Path) -> None:
    source = text.read_text(encoding="utf-8")
    draft = draft_text(source)
    normalised = normalise_passage(source)
    for table, records in draft.tables().items():
        if table != "organisations_and_places":  # a text may name none
            assert records, f"{text.name}: nothing drafted for {table}"
        for record in records:
            assert record.evidence and record.draft.startswith(("check", "add"))
            for passage in record.evidence:
                assert normalise_passage(passage) in normalised, (table, record.id, passage)


def test_strict_validation_lists_every_draft_marker_until_the_teacher_removes_it(
    cli: Callable[..., Any], tmp_path: Path
) -> None:
    text = TEXTS / "clinic.txt"
    assert cli("draft", str(text)).exit_code == 0
    facts = tmp_path / "questions" / "clinic" / "facts.yaml"
    drafted = facts.read_text(encoding="utf-8")
    markers = drafted.count("\n        draft: ")
    strict = cli("validate", "--strict", "clinic")
    assert strict.exit_code == 1
    found = [line for line in strict.stderr.splitlines() if "Q401: record " in line]
    assert len(found) == markers > 20
    # reviewed: every draft line gone, the markers are no longer reported
    facts.write_text(re.sub(r"\n        draft: [^\n]*", "", drafted), encoding="utf-8")
    again = cli("validate", "--strict", "clinic")
    assert "Q401: record " not in again.stderr


def test_the_draft_files_are_what_the_loader_reads(cli: Callable[..., Any], tmp_path: Path) -> None:
    text = TEXTS / "harbour.txt"
    cli("draft", str(text))
    folder = tmp_path / "questions" / "harbour"
    quiz_set = load_set(folder)
    assert quiz_set.meta.source.path is not None
    assert quiz_set.meta.source.path.resolve() == text.resolve()
    people = {r.id: r for r in quiz_set.tables["people"].records}
    assert people["okafor"].fields["role"] == "the Mayor"
    assert people["okafor"].draft == "check the name and the role against the evidence"
    facts = yaml.safe_load((folder / "facts.yaml").read_text(encoding="utf-8"))["facts"]
    assert set(facts) == {"people", "quotes", "dates_and_numbers", "organisations_and_places"}
    assert facts["quotes"]["refs"] == {"speaker": "people"}


def test_an_existing_set_is_never_overwritten(cli: Callable[..., Any], tmp_path: Path) -> None:
    text = TEXTS / "clinic.txt"
    assert cli("draft", str(text), "--name", "drones").exit_code == 0
    facts = tmp_path / "questions" / "drones" / "facts.yaml"
    facts.write_text("# my reviewed facts\n", encoding="utf-8")
    again = cli("draft", str(text), "--name", "drones")
    assert again.exit_code == 1
    assert again.output == (
        "questions/drones already exists: choose another name or remove it first\n"
    )
    assert facts.read_text(encoding="utf-8") == "# my reviewed facts\n"


def test_copy_puts_the_text_in_the_set_and_title_names_the_set(
    cli: Callable[..., Any], tmp_path: Path
) -> None:
    text = TEXTS / "stadium.txt"
    result = cli("draft", str(text), "--copy", "--title", "Rovers for sale")
    assert result.exit_code == 0, result.output
    folder = tmp_path / "questions" / "stadium"
    assert (folder / "source.txt").read_text(encoding="utf-8") == text.read_text(encoding="utf-8")
    meta = load_set(folder).meta
    assert meta.title == "Rovers for sale"
    assert meta.source.title == "Rovers Fans Split Over Plan to Sell Club to Investment Fund"
    validated = cli("validate", "stadium")  # valid; its draft lines are warnings (rule Q401)
    assert validated.exit_code == 0
    assert validated.stdout.startswith("stadium: OK")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", ": the text is empty"),
        (b"\xff\xfe\x00bad", ":1: not UTF-8 text (UTF-16); save the file as UTF-8"),
        (
            "Headline\n\nCaf\xe9 owners said so.\n".encode("latin-1"),
            ":3: not UTF-8 text (byte 0xe9); save the file as UTF-8",
        ),
        (None, ": no such file"),
    ],
    ids=["empty", "utf-16", "latin-1-names-its-line", "missing"],
)
def test_a_text_that_cannot_be_drafted_is_one_line_and_nothing_is_written(
    content: bytes | None, message: str, cli: Callable[..., Any], tmp_path: Path
) -> None:
    path = tmp_path / "article.txt"
    if content is not None:
        path.write_bytes(content)
    result = cli("draft", "article.txt")
    assert result.exit_code == 1
    assert result.output == f"article.txt{message}\n"
    assert not (tmp_path / "questions" / "article").exists()


def test_a_bad_set_name_is_refused(cli: Callable[..., Any]) -> None:
    result = cli("draft", str(TEXTS / "harbour.txt"), "--name", "my set")
    assert result.exit_code == 1
    assert "set name 'my set' must start with a letter or digit" in result.output


def test_help_does_not_import_the_drafting_rules(tmp_path: Path) -> None:
    probe = (
        "import sys; from quizgen.cli import app; sys.argv = ['quizgen', '--help']\n"
        "try:\n    app()\nexcept SystemExit:\n    pass\n"
        "print('DRAFT', 'quizgen.draft' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip().splitlines()[-1] == "DRAFT False"


# --------------------------------------------------------------------------- quotations


def test_a_quote_split_around_said_gives_both_halves_the_speaker() -> None:
    draft = draft_text(
        "Ana Ruiz, the mayor of Tolva, spoke on Monday.\n"
        "“We can argue,” she said, “or we can build.”\n"
    )
    assert _speaker(draft, "We can argue") == "Ana Ruiz"
    assert _speaker(draft, "or we can build") == "Ana Ruiz"


def test_straight_quotes_and_a_quotation_over_two_sentences() -> None:
    draft = draft_text(
        'Omar Haddad, a pilot, flew the first route.\n"The wind was strong. We landed anyway," '
        'Mr. Haddad said.\n"It was worth it."\n'
    )
    assert _quote(draft, "The wind was strong").fields["text"] == (
        "The wind was strong. We landed anyway"
    )
    assert _speaker(draft, "The wind was strong") == "Omar Haddad"
    assert _speaker(draft, "It was worth it") == "Omar Haddad"  # continues the one before


def test_mr_and_a_bare_surname_are_the_person_named_before() -> None:
    draft = draft_text(
        "Ruslan Suleymanov, an analyst, wrote a report.\n"
        "“It gets harder,” Mr. Suleymanov said. Later Suleymanov added that the talks went on.\n"
    )
    people = [r for r in draft.people if r.fields["kind"] == "person"]
    assert [p.fields["name"] for p in people] == ["Ruslan Suleymanov"]
    assert _speaker(draft, "It gets harder") == "Ruslan Suleymanov"


def test_an_ambiguous_pronoun_leaves_the_speaker_to_the_teacher(
    cli: Callable[..., Any], tmp_path: Path
) -> None:
    text = (
        "Ann Lee, a nurse, met Bea Moss, a doctor, on Monday.\n"
        "“The ward is full,” she said.\n"
        "Mr. Cole, the porter, agreed with them.\n"
    )
    draft = draft_text(text)
    quote = _quote(draft, "The ward is full")
    assert "speaker" not in quote.fields
    assert quote.draft.startswith("add the speaker")
    (tmp_path / "ward.txt").write_text(text, encoding="utf-8")
    assert cli("draft", "ward.txt").exit_code == 0
    facts = (tmp_path / "questions" / "ward" / "facts.yaml").read_text(encoding="utf-8")
    assert (
        "      # check: no speaker resolved (“she said” could be Ann Lee or Bea Moss): "
        "add speaker: <id of a people record>\n      - id: q1\n"
    ) in facts
    assert cli("validate", "ward").exit_code == 0
    assert cli("build", "ward", "--quiet").exit_code == 0


def test_a_pronoun_after_a_named_speaker_of_that_gender_is_that_speaker() -> None:
    draft = draft_text(
        "“We will fight,” Ms. Ortiz said. Mr. Bell, her deputy, nodded.\n"
        "“And we will win,” she added.\n"
    )
    assert _speaker(draft, "And we will win") == "Ortiz"


def test_documents_officials_and_outlets_are_sources_not_people() -> None:
    draft = draft_text(
        "Lina Berg, the minister, signed the accord on Friday.\n"
        "The signed treaty said that both sides “reject interference in each other’s affairs.”\n"
        "“Talks will go on for months,” U.S. officials said.\n"
        "“The deal is a first step toward peace,” the newspaper wrote in an editorial.\n"
    )
    kinds = {
        start: _people(draft)[str(_quote(draft, start).fields["speaker"])].fields
        for start in ("reject interference", "Talks will go on", "The deal is a first step")
    }
    assert kinds["reject interference"] == {
        "name": "the signed treaty",
        "kind": "document",
        "quoted": True,
    }
    assert kinds["Talks will go on"]["name"] == "U.S. officials"
    assert kinds["Talks will go on"]["kind"] == "group"
    assert kinds["The deal is a first step"]["kind"] == "organisation"
    assert [r.fields["name"] for r in draft.people if r.fields["kind"] == "person"] == ["Lina Berg"]


def test_a_quote_introduced_by_a_colon_belongs_to_the_sentence_before_it() -> None:
    draft = draft_text(
        "Rosa Diaz, the head of the union, put it plainly: “We will strike on Monday.”\n"
    )
    assert _speaker(draft, "We will strike on Monday") == "Rosa Diaz"


def test_a_company_or_a_capital_named_as_speaker_is_an_organisation() -> None:
    draft = draft_text(
        "Prices rose again.\n“Supplies are stable,” Gazprom said in a statement.\n"
        "“We reject the claims,” Moscow said.\n"
    )
    for start, name in (("Supplies are stable", "Gazprom"), ("We reject the claims", "Moscow")):
        speaker = _people(draft)[str(_quote(draft, start).fields["speaker"])].fields
        assert (speaker["name"], speaker["kind"]) == (name, "organisation")


def test_it_is_the_document_that_spoke_just_before_and_a_participle_attributes() -> None:
    draft = draft_text(
        "The trust’s report recommends grants for anglers. It warns that the population "
        "remains “small and vulnerable to a single pollution incident.”\n"
        "Minister Sarah Whitlock welcomed the report, calling it “proof that patient work "
        "pays off.”\n"
        "The operator, Redline Buses, called the strike “unnecessary and deeply regrettable.”\n"
    )
    people = _people(draft)
    speakers = {
        start: people[str(_quote(draft, start).fields["speaker"])].fields["name"]
        for start in ("small and vulnerable", "proof that patient work", "unnecessary and")
    }
    assert speakers == {
        "small and vulnerable": "the trust’s report",
        "proof that patient work": "Sarah Whitlock",
        "unnecessary and": "Redline Buses",
    }


def test_the_role_named_for_a_person_stands_for_that_person() -> None:
    draft = draft_text(
        "Mayor Helen Okafor opened the market.\n“Every project carries risk,” the mayor said.\n"
    )
    assert _speaker(draft, "Every project carries risk") == "Helen Okafor"


def test_a_short_quoted_term_is_not_a_quotation() -> None:
    draft = draft_text("Ada Lovelace, a mathematician, called it “poetical science” in 1843.\n")
    assert draft.quotes == []


# --------------------------------------------------------------------------- people and figures


def test_roles_from_appositives_titles_and_the_phrase_before_a_name() -> None:
    draft = draft_text(
        "President Masoud Pezeshkian of Iran and his Russian counterpart, Vladimir V. Putin, "
        "met. Iran’s foreign minister, Abbas Araghchi, spoke. Dmitri S. Peskov, the Kremlin’s "
        "spokesman, said nothing. The engineer Luigi Menabrea, 40, listened.\n"
    )
    roles = {
        r.fields["name"]: (r.fields.get("role"), r.fields.get("affiliation")) for r in draft.people
    }
    assert roles == {
        "Masoud Pezeshkian": ("the President of Iran", "Iran"),
        "Vladimir V. Putin": ("the Russian counterpart of Masoud Pezeshkian", "Russia"),
        "Abbas Araghchi": ("Iran’s foreign minister", "Iran"),
        "Dmitri S. Peskov": ("the Kremlin’s spokesman", "the Kremlin"),
        "Luigi Menabrea": ("the engineer", None),
    }


def test_capitalised_names_without_a_sign_of_a_person_are_not_people() -> None:
    draft = draft_text(
        "Supporters of Ashford Rovers met at Brook Lane near the Persian Gulf Hotel.\n"
        "Harlow Capital, a London-based investment fund, made an offer.\n"
    )
    assert [r for r in draft.people if r.fields["kind"] == "person"] == []
    organisations = {r.fields["name"]: r.fields.get("description") for r in draft.entities}
    assert organisations["Harlow Capital"] == "a London-based investment fund"


def test_role_nouns_by_their_ending_and_a_who_clause_without_a_title() -> None:
    draft = draft_text(
        "Linda Farrow, a retired schoolteacher, led the case. The novelist Tomasz Wrona read. "
        "Priya Raman, who owns the Lantern Bookshop, said little.\n"
    )
    roles = {r.fields["name"]: r.fields.get("role") for r in draft.people}
    assert roles == {
        "Linda Farrow": "a retired schoolteacher",
        "Tomasz Wrona": "the novelist",
        "Priya Raman": "the person who owns the Lantern Bookshop",
    }


def test_a_name_called_a_newspaper_or_spoken_of_as_it_is_no_person() -> None:
    draft = draft_text(
        "The factory’s owner, Veltra Works, said it would appeal. The local newspaper, the "
        "Larchmont Echo, wrote about it. A spokesman for the council, Gareth Lloyd, said so.\n"
    )
    assert [r.fields["name"] for r in draft.people] == ["Gareth Lloyd"]


def test_an_office_before_a_title_and_one_of_a_group_named_before() -> None:
    draft = draft_text(
        "Environment Minister Sarah Whitlock visited the valley. Farmers agreed to leave the "
        "banks wild. One of them, Robert Hale, showed her the river. Amir Shah, a hospital "
        "cleaner, said nothing.\n"
    )
    roles = {r.fields["name"]: r.fields.get("role") for r in draft.people}
    assert roles == {
        "Sarah Whitlock": "the Environment Minister",
        "Robert Hale": "one of the farmers",
        "Amir Shah": "a hospital cleaner",
    }


def test_dates_and_numbers_come_with_their_clause() -> None:
    draft = draft_text(
        "The two leaders signed a major cooperation treaty on Friday in the Kremlin. Swift "
        "connects more than 11,000 financial institutions and allows them to alert one another.\n"
        "In June, Russia signed a partnership agreement with North Korea.\n"
    )
    figures = {r.fields["value"]: (r.fields["kind"], r.fields["clause"]) for r in draft.figures}
    assert figures == {
        "Friday": (
            "date",
            "The two leaders signed a major cooperation treaty on Friday in the Kremlin.",
        ),
        "11,000": (
            "number",
            "Swift connects more than 11,000 financial institutions and allows them to alert "
            "one another.",
        ),
        "June": ("date", "In June, Russia signed a partnership agreement with North Korea."),
    }


def test_a_short_text_with_few_people_still_builds(cli: Callable[..., Any], tmp_path: Path) -> None:
    """Too few names for multiple choice: the templates fall back to short answers."""
    (tmp_path / "note.txt").write_text(
        "Ana Ruiz, a baker, opened a shop on Tuesday.\n“Bread is for everyone,” she said.\n",
        encoding="utf-8",
    )
    assert cli("draft", "note.txt").exit_code == 0
    templates = (tmp_path / "questions" / "note" / "templates.yaml").read_text(encoding="utf-8")
    assert "type: multiple_choice" not in templates
    assert cli("validate", "note").exit_code == 0
    built = build([tmp_path / "questions" / "note"], tmp_path / "output")
    ids = {q.id for q in built.quizzes[0].questions}
    assert {"quote-speaker/q1", "person-name/ruiz", "fill-the-figure/d1"} <= ids


def test_a_name_the_affiliation_holds_is_never_its_distractor(
    cli: Callable[..., Any], tmp_path: Path
) -> None:
    (tmp_path / "council.txt").write_text(
        "Nikita Smagin, an expert with the Russian International Affairs Council think tank, "
        "spoke in Moscow. Ana Ruiz, a diplomat from Spain, and Omar Haddad, a pilot from "
        "Jordan, listened. Officials from NATO, Kenya and Peru came on Friday.\n",
        encoding="utf-8",
    )
    assert cli("draft", "council.txt").exit_code == 0
    quiz_set = load_set(tmp_path / "questions" / "council")
    offered: set[str] = set()
    for seed in range(30):  # every draw: the council would come up in some without `exclude`
        question = next(
            q for q in generate(quiz_set, seed).questions if q.id == "person-affiliation/smagin"
        )
        assert list(question.answers) == ["the Russian International Affairs Council think tank"]
        offered.update(question.choices)
    assert "Russian International Affairs Council" not in offered
    assert {"Moscow", "Spain", "NATO", "Kenya"} <= offered


def test_a_text_with_nothing_to_ask_about_is_refused_and_nothing_is_written(
    cli: Callable[..., Any], tmp_path: Path
) -> None:
    (tmp_path / "plain.txt").write_text("it rained all day and nobody came.\n", encoding="utf-8")
    result = cli("draft", "plain.txt")
    assert result.exit_code == 1
    assert result.output == (
        "plain.txt: nothing to ask about: the rules found no quotation with a speaker, no "
        "person with a role and no date or number (docs/draft.md)\n"
    )
    assert not (tmp_path / "questions").exists()


# --------------------------------------------------------------------------- the bundled article


def _bundled_gold() -> dict[str, Any]:
    gold: dict[str, Any] = yaml.safe_load(
        (ROOT / "benchmarks" / "draft" / "article.gold.yaml").read_text(encoding="utf-8")
    )
    return gold


def test_the_draft_of_the_article_has_every_quote_and_person_of_the_bundled_set() -> None:
    article = article_path()
    draft = draft_text(article.read_text(encoding="utf-8"))
    bundled = load_set(BUNDLED)
    people = {r.id: r.fields for r in bundled.tables["people"].records}
    drafted_people = _people(draft)

    def same(text: str) -> str:
        return " ".join(normalise_passage(text).casefold().strip(" .,").split())

    for quote in bundled.tables["quotes"].records:
        wanted = same(str(quote.fields["text"]))
        hits = [q for q in draft.quotes if wanted in same(str(q.fields["text"]))]
        assert len(hits) == 1, f"quote {quote.id} not drafted"
        speaker = drafted_people[str(hits[0].fields["speaker"])].fields
        expected = people[str(quote.fields["speaker"])]
        if expected.get("kind") == "document":  # the bundled set's people are all persons now
            assert speaker["kind"] == "document", quote.id
        else:
            assert speaker["name"] == expected["name"], quote.id

    roles = {p["name"]: p["role"] for p in _bundled_gold()["people"]}
    persons = {r.fields["name"]: r.fields for r in draft.people if r.fields["kind"] == "person"}
    expected_names = {p["name"] for p in people.values() if p.get("kind", "person") == "person"}
    assert set(persons) == expected_names == set(roles)
    for name, words in roles.items():
        assert words in str(persons[name]["role"]).casefold(), name


def test_the_draft_of_the_article_validates_and_builds(
    cli: Callable[..., Any], tmp_path: Path
) -> None:
    article = article_path()
    assert cli("draft", str(article), "--name", "treaty").exit_code == 0
    checked = cli("validate", "treaty", "--source", str(article))
    assert checked.exit_code == 0, checked.output
    assert cli("build", "treaty", "--quiet").exit_code == 0


def test_a_questions_folder_that_is_a_file_is_one_line_and_nothing_is_written(
    cli: Callable[..., Any], tmp_path: Path
) -> None:
    (tmp_path / "sets").write_text("not a folder\n", encoding="utf-8")
    result = cli("draft", str(TEXTS / "harbour.txt"), "--questions", "sets", "--copy")
    assert result.exit_code == 3
    assert result.stderr == "cannot create sets/harbour: sets is a file, not a folder\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sets"]
