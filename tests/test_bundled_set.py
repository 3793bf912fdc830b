"""The bundled set: grounded in the article, complete, and its distractors never right.

The article is not in the repository. On this machine and in CI it lives beside the checkout, at
``<repo>/../shared/seed/article.txt``; a git worktree also looks beside its main checkout, and
``QUIZGEN_ARTICLE=FILE`` names it anywhere. If it cannot be found the grounding tests are skipped
with that reason, unless ``QUIZGEN_REQUIRE_ARTICLE=1`` is set, when they fail: ``.ci/run`` sets it
whenever the article is beside the clone, so CI checks the grounding wherever the article exists.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, NoReturn

import pytest

from quizgen.generate import generate
from quizgen.load import load_set
from quizgen.models import Question, Quiz
from quizgen.specs import QuestionSpec

from .conftest import BUNDLED, ROOT

ARTICLE = Path("../shared/seed/article.txt")  # relative to the repository root


def _missing(what: str) -> NoReturn:
    message = (
        f"the article is missing: {what} (the bundled set's evidence is checked against "
        "it; put it there or set QUIZGEN_ARTICLE)"
    )
    if os.environ.get("QUIZGEN_REQUIRE_ARTICLE") == "1":
        pytest.fail(message)
    pytest.skip(message)


def _roots() -> list[Path]:
    roots = [ROOT]
    git = ROOT / ".git"
    if git.is_file():  # a worktree: ".git" is a file "gitdir: <main>/.git/worktrees/<name>"
        gitdir = Path(git.read_text(encoding="utf-8").split(":", 1)[1].strip())
        roots.append(gitdir.parent.parent.parent)
    return roots


def article_root() -> Path:
    """The checkout beside which the article lives: this one, or a worktree's main checkout."""
    for root in _roots():
        if (root / ARTICLE).is_file():
            return root
    _missing(f"expected it at {ROOT / ARTICLE}")


def article_path() -> Path:
    named = os.environ.get("QUIZGEN_ARTICLE")
    if named:
        if not Path(named).is_file():
            _missing(f"QUIZGEN_ARTICLE={named} is not a file")
        return Path(named).resolve()
    return (article_root() / ARTICLE).resolve()


@cache
def quiz() -> Quiz:
    return generate(load_set(BUNDLED))


def by_id() -> dict[str, Question]:
    return {q.id: q for q in quiz().questions}


# --------------------------------------------------------------------------- grounding


def test_validate_against_the_article_passes(cli: Callable[..., Any]) -> None:
    result = cli("validate", "--strict", str(BUNDLED), "--source", str(article_path()))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""  # no warning, no rule finding: --strict is clean
    line = result.stdout.strip()
    assert re.fullmatch(
        r"russia-iran-treaty: OK, \d+ questions; \d+ evidence passages found in .*article\.txt",
        line,
    ), line
    assert "note:" not in result.stderr


def test_validate_with_the_repo_relative_path_passes(
    cli: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """What CI runs at the repository root:
    `validate russia-iran-treaty --source ../shared/seed/article.txt`."""
    monkeypatch.chdir(article_root())
    result = cli("validate", str(BUNDLED), "--source", str(ARTICLE))
    assert result.exit_code == 0, result.stderr
    assert "evidence passages found in ../shared/seed/article.txt" in result.stdout


def test_an_altered_passage_is_reported_with_file_and_line(
    cli: Callable[..., Any], bundled_copy: Path
) -> None:
    questions = bundled_copy / "questions.yaml"
    text = questions.read_text(encoding="utf-8")
    original = "evidence: is building two nuclear reactors at the Bushehr nuclear power plant"
    assert text.count(original) == 1
    line = text[: text.index(original)].count("\n") + 1
    questions.write_text(text.replace(original, original.replace("two", "three")), "utf-8")

    result = cli("validate", BUNDLED.name, "--source", str(article_path()))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"questions/russia-iran-treaty/questions.yaml:{line}: question 'bushehr': evidence not "
        "found in the source text article.txt: “is building three nuclear reactors at the "
        "Bushehr nuclear p…”; the source matches up to “…is building t”"
    ]


def test_an_altered_record_passage_in_a_list_is_reported_at_its_item_line(
    cli: Callable[..., Any], bundled_copy: Path
) -> None:
    facts = bundled_copy / "facts.yaml"
    text = facts.read_text(encoding="utf-8")
    original = "- In June, Russia signed a partnership agreement with North Korea"
    line = text[: text.index(original)].count("\n") + 1
    facts.write_text(text.replace(original, original.replace("June", "July")), "utf-8")

    result = cli("validate", BUNDLED.name, "--source", str(article_path()))
    assert result.exit_code == 1
    (message,) = result.stderr.splitlines()
    assert message.startswith(
        f"questions/russia-iran-treaty/facts.yaml:{line}: treaties 'russia-north-korea': "
        "evidence not found in the source text article.txt: “In July, Russia signed"
    )


def test_every_fact_and_hand_written_question_has_evidence() -> None:
    quiz_set = load_set(BUNDLED)
    missing = [
        f"{table.name} '{record.id}'"
        for table in quiz_set.tables.values()
        for record in table.records
        if not record.evidence
    ]
    missing += [
        f"question '{item.spec.id}'"
        for item in quiz_set.items
        if isinstance(item.spec, QuestionSpec) and not item.spec.evidence
    ]
    assert missing == []
    assert all(q.evidence for q in quiz().questions)


def test_evidence_passages_are_short() -> None:
    """Evidence is the phrase a fact rests on, not a paragraph: the project does not copy the
    article."""
    quiz_set = load_set(BUNDLED)
    passages = {p for t in quiz_set.tables.values() for r in t.records for p in r.evidence}
    passages |= {
        p
        for item in quiz_set.items
        if isinstance(item.spec, QuestionSpec)
        for p in item.spec.evidence
    }
    too_long = [p for p in passages if len(p.split()) > 30]
    assert too_long == []
    article_words = len(article_path().read_text(encoding="utf-8").split())
    assert sum(len(p.split()) for p in passages) < article_words


# --------------------------------------------------------------------------- counts


def test_counts_per_type_and_per_template_are_exact(cli: Callable[..., Any]) -> None:
    """A lost template, record or question changes these counts and fails here."""
    result = cli("list", str(BUNDLED), "--json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert Counter(r["type"] for r in rows) == {
        "multiple_choice": 30,
        "short_answer": 7,
        "multiple_select": 6,
        "true_false": 4,
        "cloze": 1,
        "matching": 1,
        "ordering": 1,
    }
    assert Counter(r["template"] for r in rows) == {
        "person-role": 2,
        "person-name": 1,
        "quote-speaker": 4,
        "treaty-mutual-defense": 2,
        "treaty-signed-when": 2,
        "alliance-members": 1,
        None: 38,  # hand-written
    }
    assert len(rows) == 50


# --------------------------------------------------------------------------- balance

# the templates that ask who someone is or who said something (and a matching question on
# affiliations, were the bank to have one again): recall of names, at most a quarter of the bank
RECALL_OF_NAMES = {"person-role", "person-name", "quote-speaker"}


def test_the_bank_asks_for_understanding_not_only_names(cli: Callable[..., Any]) -> None:
    """The shares the bank keeps (issue 14), from `list --json` and each question's template."""
    rows = json.loads(cli("list", str(BUNDLED), "--json").stdout)
    assert all(r["level"] in ("recall", "understand", "analyse") for r in rows)
    names = [r for r in rows if r["template"] in RECALL_OF_NAMES or r["id"] == "affiliations"]
    deeper = [r for r in rows if r["level"] in ("understand", "analyse")]
    assert len(names) <= len(rows) / 4, len(names)
    assert len(deeper) >= len(rows) / 3, len(deeper)
    assert Counter(r["level"] for r in rows) == {"recall": 31, "understand": 13, "analyse": 6}
    # the template questions are all recall, the questions that ask for more are hand-written
    assert all(r["level"] == "recall" for r in rows if r["template"])


def test_each_question_cites_the_passages_of_its_own_fact() -> None:
    """A date question cites the date, not the passage on the treaty's defense clause."""
    questions = by_id()
    for partner in ("north-korea", "belarus"):
        when = questions[f"treaty-signed-when/russia-{partner}"]
        assert len(when.evidence) == 1
        assert when.answers[0].removeprefix("in ") in when.evidence[0]
        defense = questions[f"treaty-mutual-defense/russia-{partner}"]
        assert "Both treaties included a mutual defense clause." in defense.evidence


# --------------------------------------------------------------------------- coverage

# every person the article names → the questions that ask who he is (one way each, so that no two
# questions answer each other)
WHO_IS_WHO = {
    "pezeshkian": ["signatories"],
    "putin": ["signatories"],
    "jalali": ["person-role/jalali"],
    "araghchi": ["person-role/araghchi"],
    "peskov": ["person-name/peskov"],
    "suleymanov": ["sources-analysts"],
    "smagin": ["sources-analysts"],
    "trump": ["trump-pressure", "events-order"],
    "assad": ["assad-setback"],
}

CATEGORIES = {
    "treaties and alliances": [
        "aggressor-clause",
        "no-defense-why",
        "treaty-mutual-defense/russia-north-korea",
        "treaty-mutual-defense/russia-belarus",
        "treaty-signed-when/russia-north-korea",
        "treaty-signed-when/russia-belarus",
        "belarus-nuclear",
        "treaty-series",
        "unipolarity",
        "older-agreement",
        "alliance-members/csto",
        "csto-principle",
        "csto-counterweight",
        "csto-frozen",
    ],
    "the signing": [
        "signatories",
        "signing-place",
        "alliance-driver",
        "global-standing",
        "treaty-forefront",
        "timing",
        "framing",
    ],
    "economy, energy and infrastructure": [
        "swift-why",
        "swift-scale",
        "railway-hope",
        "gas-hub",
        "bushehr",
        "diplomatic-support",
    ],
    "regional balancing": [
        "uae-dependence",
        "islands-strait",
        "saudi-oil",
        "balancing-act",
        "smagin-assessment",
    ],
    "reading the sources": [
        "sources-analysts",
        "jalali-channel",
        "weapons-officials",
        "weapons-sources",
        "putin-basis",
        "key-terms",
    ],
    "wider context": [
        "ukraine-invasion",
        "assad-setback",
        "iran-challenges",
        "trump-pressure",
        "events-order",
    ],
}


def _surname(name: str) -> str:
    return name.split()[-1]


def test_every_named_person_is_asked_about_one_way() -> None:
    questions = by_id()
    people = {r.id: r.fields for r in load_set(BUNDLED).tables["people"].records}
    assert set(WHO_IS_WHO) == set(people)
    for person_id, question_ids in WHO_IS_WHO.items():
        surname = str(people[person_id]["surname"])
        for question_id in question_ids:
            question = questions[question_id]
            text = " ".join([question.prompt, *question.choices, *question.answers])
            assert surname in text, (person_id, question_id)
    # never both ways: a role question and a name question on the same person answer each other
    role = {q.record for q in questions.values() if q.template == "person-role"}
    name = {q.record for q in questions.values() if q.template == "person-name"}
    assert role and name and not role & name
    assert questions["person-name/peskov"].answers[0] == "Dmitri S. Peskov"


def test_every_quotation_is_attributed_or_shown_with_its_speaker() -> None:
    """Each quotation is asked as who-said-it, or another question already names its speaker
    beside the words (then asking who said it would give the answer away)."""
    quiz_set = load_set(BUNDLED)
    people = {r.id: r.fields for r in quiz_set.tables["people"].records}
    questions = by_id()
    asked = 0
    for record in quiz_set.tables["quotes"].records:
        speaker = people[str(record.fields["speaker"])]
        shown_in = record.fields.get("shown_in")
        if shown_in is None:
            question = questions[f"quote-speaker/{record.id}"]
            assert question.answers == (speaker["name"],)
            assert str(record.fields["text"]) in question.prompt
            assert not question.prompt.endswith(".”?")
            asked += 1
            continue
        assert f"quote-speaker/{record.id}" not in questions
        assert isinstance(shown_in, list) and shown_in, record.id
        for question_id in shown_in:
            question = questions[question_id]
            text = " ".join([question.prompt, *question.choices, *question.explanation.split()])
            assert str(speaker["surname"]) in text or "Russian president" in text, question_id
    assert asked == 4


@pytest.mark.parametrize("category", sorted(CATEGORIES))
def test_every_category_is_covered(category: str) -> None:
    questions = by_id()
    missing = [qid for qid in CATEGORIES[category] if qid not in questions]
    assert missing == []


def test_the_set_uses_at_least_five_question_types() -> None:
    assert len({q.type for q in quiz().questions}) >= 5


def test_csto_facts() -> None:
    questions = by_id()
    assert set(questions["alliance-members/csto"].answers) == {
        "Belarus",
        "Armenia",
        "Kazakhstan",
        "Kyrgyzstan",
        "Tajikistan",
    }
    assert questions["csto-frozen"].answers == ("Armenia",)
    assert questions["csto-counterweight"].answers[0] == "NATO"
    assert "attack against all" in questions["csto-principle"].answers[0]


def test_the_article_never_says_csto_so_neither_does_the_set() -> None:
    """The article spells the Collective Security Treaty Organization out and never uses the
    acronym: a student meeting "CSTO" first in a question would not know what it is."""
    for question in quiz().questions:
        text = " ".join(
            [question.prompt, *question.choices, *question.answers, question.explanation]
        )
        assert "CSTO" not in text, question.id


# --------------------------------------------------------------------------- correctness


def test_no_distractor_is_a_correct_answer_per_the_facts() -> None:
    """Who-said, who-is-who and membership questions: recompute the right answers from the facts
    alone, and check that every wrong option is of the same kind as the key."""
    quiz_set = load_set(BUNDLED)
    people = {r.id: r.fields for r in quiz_set.tables["people"].records}
    countries = {r.id: r.fields["name"] for r in quiz_set.tables["countries"].records}
    quotes = quiz_set.tables["quotes"].records
    alliances = {r.id: r.fields for r in quiz_set.tables["alliances"].records}
    checked = 0
    for question in quiz().questions:
        distractors = set(question.choices) - set(question.answers)
        if question.template == "quote-speaker":
            text = next(r.fields["text"] for r in quotes if r.id == question.record)
            said_it = {
                people[r.fields["speaker"]]["name"] for r in quotes if r.fields["text"] == text
            }
            assert question.answers[0] in said_it
            quoted = {p["name"] for p in people.values() if p["quoted"]}
            assert distractors <= quoted, question.id
        elif question.template == "person-role":
            person = people[str(question.record)]
            said_it = {str(person["role"])}
            assert question.answers == (person["role"],)
            same_group = {p["role"] for p in people.values() if p["group"] == person["group"]}
            assert distractors <= same_group, question.id
        elif question.template == "alliance-members":
            alliance = alliances[str(question.record)]
            said_it = {countries[c] for c in [*alliance["members"], alliance["led_by"]]}
            assert set(question.answers) <= said_it
        else:
            continue
        assert len(distractors) >= 3, question.id
        assert not distractors & said_it, question.id
        checked += 1
    assert checked == 7


def test_disputed_claims_stay_attributed() -> None:
    """The weapons deliveries are a claim of U.S. and European officials that Iran denies."""
    for question in quiz().questions:
        text = " ".join([question.prompt, *question.answers])
        if re.search(r"drones|ballistic missiles|sending weapons|weapon deliveries", text):
            assert "according to" in question.prompt.lower(), question.id
            assert re.search(r"denied|officials", question.explanation), question.id
    assert "disputed" in by_id()["weapons-officials"].tags
    assert "Iran denies" in by_id()["weapons-sources"].answers[0]


_STOPWORDS = set(
    [
        "the",
        "a",
        "an",
        "and",
        "or",
        "of",
        "to",
        "in",
        "on",
        "for",
        "with",
        "from",
        "that",
        "this",
        "it",
        "its",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "he",
        "she",
        "they",
        "their",
        "them",
        "his",
        "her",
        "as",
        "at",
        "by",
        "not",
        "no",
        "but",
        "than",
        "then",
        "so",
        "which",
        "who",
        "whom",
        "what",
        "when",
        "where",
        "how",
        "why",
        "would",
        "will",
        "can",
        "could",
        "should",
        "may",
        "might",
        "into",
        "over",
        "under",
        "about",
        "after",
        "before",
        "since",
    ]
)


def _stems(text: str) -> list[str]:
    words = re.findall(r"[\w']+", text.replace("’", "'").casefold())
    return [w[:4] for w in words if w not in _STOPWORDS]


def test_every_answer_rests_on_its_own_evidence() -> None:
    """The passages a question cites hold its answer: a name's surname, or most of the words of
    any other answer (a question that asks for understanding paraphrases, so not all of them)."""
    people = {str(r.fields["name"]): r.fields for r in load_set(BUNDLED).tables["people"].records}
    weak = []
    for question in quiz().questions:
        if question.type in ("true_false", "ordering", "matching"):
            continue
        evidence = {stem for passage in question.evidence for stem in _stems(passage)}
        answers = question.answers
        if question.type in ("multiple_choice", "short_answer"):
            answers = answers[:1]  # the key; the other accepted forms are variants of it
        for answer in answers:
            if answer in people:
                if str(people[answer]["surname"]) not in " ".join(question.evidence):
                    weak.append((question.id, answer))
                continue
            stems = _stems(answer)
            if sum(stem in evidence for stem in stems) < 0.5 * len(stems):
                weak.append((question.id, answer))
    assert weak == []


def test_every_explanation_teaches() -> None:
    """The back of each card says why: a sentence, not a bare answer."""
    short = [q.id for q in quiz().questions if len(q.explanation.split()) < 8]
    assert short == []


def test_the_citation_names_the_article_and_its_authors() -> None:
    assert load_set(BUNDLED).meta.source.text() == (
        "“Russia and Iran Sign Cooperation Treaty in the Kremlin”, by Ivan Nechepurenko and "
        "Farnaz Fassihi, The New York Times, 2025-01-17"
    )


def test_the_json_example_in_the_docs_is_the_real_output(cli: Callable[..., Any]) -> None:
    """docs/json.md shows quote-speaker/araghchi-road-map: it must be what `list --json` prints."""
    doc = (ROOT / "docs" / "json.md").read_text(encoding="utf-8")
    found = re.search(r"```json\n(.*?)```", doc, re.S)
    assert found is not None
    example = json.loads(found.group(1))
    rows = json.loads(cli("list", str(BUNDLED), "--json").stdout)
    assert example == next(r for r in rows if r["id"] == example["id"])
