"""Precision and recall of `quizgen draft` against annotated texts (the *.gold.yaml files here).

    .venv/bin/python benchmarks/draft/score.py [GOLD ...]

For each text, and in total for the texts the rules were tuned on and for the held-out ones
(`held_out: true` in the gold file), it prints:

- quotes found: gold quotations the draft has (recall), and drafted quotations that are in the
  gold (precision);
- speaker right: of the gold quotations found, those whose drafted speaker is the gold one (a
  person by name; a document, group or organisation by a word of its name); and of the drafted
  quotations with a speaker, those whose speaker is right (precision);
- people found: gold people the draft has as persons (recall) and drafted persons in the gold
  (precision); role right: of the gold people found that have a role in the gold, those whose
  drafted role holds the gold's role words.

A gold file's `text` is relative to the repository root; the bundled article lives outside the
repository (`../shared/seed/article.txt`, or QUIZGEN_ARTICLE=FILE) and is skipped when missing.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from quizgen.draft import draft_text
from quizgen.draft.records import Draft, Record

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})


def normal(text: str) -> str:
    text = " ".join(text.translate(_QUOTES).casefold().split())
    return text.strip(" .,;:!?\"'")


def same_name(gold: str, drafted: str) -> bool:
    """Names match when their words do, initials and particles aside ("Vladimir V. Putin" =
    "Vladimir Putin")."""

    def words(name: str) -> list[str]:
        return [w for w in normal(name).split() if not re.fullmatch(r"\w\.", w)]

    return words(gold) == words(drafted)


@dataclass
class Score:
    gold_quotes: int = 0
    drafted_quotes: int = 0
    quotes_found: int = 0  # gold quotes the draft has
    quotes_true: int = 0  # drafted quotes in the gold
    speakers_right: int = 0  # of the gold quotes found
    drafted_with_speaker: int = 0
    drafted_speaker_right: int = 0
    gold_people: int = 0
    drafted_people: int = 0
    people_found: int = 0
    people_true: int = 0
    gold_roles: int = 0  # gold people found that have a role in the gold
    roles_right: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name, value in vars(other).items():
            if isinstance(value, int):
                setattr(self, name, getattr(self, name) + value)


def load_gold(path: Path) -> dict[str, Any]:
    gold: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return gold


def text_path(gold: dict[str, Any]) -> Path:
    named = os.environ.get("QUIZGEN_ARTICLE")
    if named and gold["text"].endswith("shared/seed/article.txt"):
        return Path(named)
    path = ROOT / gold["text"]
    if not path.is_file() and "shared/seed" in gold["text"]:
        git = ROOT / ".git"  # a git worktree: the article lives beside the main checkout
        if git.is_file():
            main = Path(git.read_text(encoding="utf-8").split(":", 1)[1].strip()).parents[2]
            path = main / gold["text"]
    return path


def _speaker_right(quote: dict[str, Any], record: Record, people: dict[str, Record]) -> bool:
    speaker_id = record.fields.get("speaker")
    if speaker_id is None:
        return False
    speaker = people[str(speaker_id)]
    if "speaker" in quote:
        return speaker.fields["kind"] == "person" and same_name(
            quote["speaker"], str(speaker.fields["name"])
        )
    words = quote["source"] if isinstance(quote["source"], list) else [quote["source"]]
    name = normal(str(speaker.fields["name"]))
    return speaker.fields["kind"] != "person" and any(normal(w) in name for w in words)


def score(gold: dict[str, Any], draft: Draft) -> Score:
    result = Score()
    people = {r.id: r for r in draft.people}
    drafted = draft.quotes
    matched: set[int] = set()
    result.gold_quotes, result.drafted_quotes = len(gold["quotes"]), len(drafted)
    for quote in gold["quotes"]:
        wanted = normal(quote["text"])
        hit = next(
            (i for i, r in enumerate(drafted) if wanted in normal(str(r.fields["text"]))), None
        )
        if hit is None:
            result.misses.append(f"quote not found: {quote['text']}")
            continue
        result.quotes_found += 1
        matched.add(hit)
        if _speaker_right(quote, drafted[hit], people):
            result.speakers_right += 1
        else:
            got = drafted[hit].fields.get("speaker")
            result.misses.append(f"speaker of “{quote['text']}”: {got}")
    result.quotes_true = len(matched)
    for index, record in enumerate(drafted):
        if index not in matched:
            result.misses.append(f"quote not in the gold: {record.fields['text']}")
        if "speaker" in record.fields:
            result.drafted_with_speaker += 1
            gold_quote = next(
                (
                    q
                    for q in gold["quotes"]
                    if normal(q["text"]) in normal(str(record.fields["text"]))
                ),
                None,
            )
            if gold_quote is not None and _speaker_right(gold_quote, record, people):
                result.drafted_speaker_right += 1

    persons = [r for r in draft.people if r.fields["kind"] == "person"]
    result.gold_people, result.drafted_people = len(gold["people"]), len(persons)
    found: set[str] = set()
    for person in gold["people"]:
        hit_person = next(
            (r for r in persons if same_name(person["name"], str(r.fields["name"]))), None
        )
        if hit_person is None:
            result.misses.append(f"person not found: {person['name']}")
            continue
        result.people_found += 1
        found.add(hit_person.id)
        if person.get("role"):
            result.gold_roles += 1
            role = normal(str(hit_person.fields.get("role", "")))
            if all(word in role.split() or word in role for word in normal(person["role"]).split()):
                result.roles_right += 1
            else:
                result.misses.append(f"role of {person['name']}: {hit_person.fields.get('role')}")
    result.people_true = len(found)
    for record in persons:
        if record.id not in found:
            result.misses.append(f"person not in the gold: {record.fields['name']}")
    return result


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f} %" if whole else "    –  "


def row(name: str, s: Score) -> str:
    return (
        f"| {name} | {_percent(s.quotes_found, s.gold_quotes)} ({s.quotes_found}/{s.gold_quotes})"
        f" | {_percent(s.quotes_true, s.drafted_quotes)}"
        f" | {_percent(s.speakers_right, s.quotes_found)} ({s.speakers_right}/{s.quotes_found})"
        f" | {_percent(s.drafted_speaker_right, s.drafted_with_speaker)}"
        f" | {_percent(s.people_found, s.gold_people)} ({s.people_found}/{s.gold_people})"
        f" | {_percent(s.people_true, s.drafted_people)}"
        f" | {_percent(s.roles_right, s.gold_roles)} ({s.roles_right}/{s.gold_roles}) |"
    )


HEADER = (
    "| text | quotes found | quotes precision | speaker right (of found) | speaker precision "
    "| people found | people precision | role right (of found) |\n"
    "|---|---|---|---|---|---|---|---|"
)


def main(argv: list[str]) -> int:
    golds = [Path(a) for a in argv] or sorted(HERE.glob("*.gold.yaml"))
    totals = {False: Score(), True: Score()}
    lines = [HEADER]
    notes = []
    for path in golds:
        gold = load_gold(path)
        source = text_path(gold)
        if not source.is_file():
            notes.append(f"skipped {path.name}: {gold['text']} not found")
            continue
        draft = draft_text(source.read_text(encoding="utf-8"))
        result = score(gold, draft)
        held_out = bool(gold.get("held_out"))
        totals[held_out].add(result)
        label = path.name.removesuffix(".gold.yaml") + (" (held out)" if held_out else "")
        lines.append(row(label, result))
        notes.extend(f"{path.name}: {miss}" for miss in result.misses)
    lines.append(row("**all tuned-on texts**", totals[False]))
    if totals[True].gold_quotes or totals[True].gold_people:
        lines.append(row("**all held-out texts**", totals[True]))
    print("\n".join(lines))
    if notes:
        print()
        print("\n".join(notes))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
