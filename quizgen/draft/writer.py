"""Writing a draft as a set folder: ``set.yaml``, ``facts.yaml`` and ``templates.yaml``.

The templates are chosen for the tables as drafted, so that the set builds as it stands: a
multiple choice needs enough distinct wrong options for every record (else a short answer is
written instead), and a table without records gets no template.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from typing import Any

import yaml

from .records import Draft, Record

Normalise = Callable[[str], str]


class NothingToAsk(Exception):
    """No template would make a question of the draft: nothing to write."""


def yaml_string(text: str) -> str:
    """A YAML double-quoted scalar (a JSON string is one)."""
    return json.dumps(text, ensure_ascii=False)


# Text that YAML reads back as the same text when written plain (no quotes): starting with a
# letter, without ": ", " #" or a character that means something to YAML, and not a word YAML
# or quizgen reads as something else.
_PLAIN = re.compile(r"[^\W\d_][^:#{}\[\]\"'`|>&*!%@,\n]*(?<![\s:])")
_NOT_PLAIN = frozenset({"true", "false", "null", "yes", "no", "on", "off", "y", "n"})


def scalar(text: str) -> str:
    """``text`` as a YAML scalar: plain when that reads back the same, else double-quoted."""
    if (
        _PLAIN.fullmatch(text)
        and text.casefold() not in _NOT_PLAIN
        and text == " ".join(text.split(" "))
        and not any(c.isspace() and c != " " for c in text)
        and yaml.safe_load(f"k: {text}") == {"k": text}  # the last word: YAML's own reading
    ):
        return text
    return yaml_string(text)


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(yaml_string(str(v)) for v in value) + "]"
    return scalar(str(value))


def _record_lines(record: Record) -> list[str]:
    lines = []
    if record.comment:
        lines.append(f"      # {record.comment}")
    lines.append(f"      - id: {record.id}")
    for key, value in record.fields.items():
        lines.append(f"        {key}: {_value(value)}")
    if len(record.evidence) == 1:
        lines.append(f"        evidence: {scalar(record.evidence[0])}")
    else:
        lines.append("        evidence:")
        lines.extend(f"          - {scalar(passage)}" for passage in record.evidence)
    lines.append(f"        draft: {scalar(record.draft)}")
    return lines


_DESCRIPTIONS = {
    "people": (
        "Everyone the text names (kind: person), and the documents, groups and organisations it "
        "quotes (kind: document, group, organisation). `quoted` marks who is quoted directly."
    ),
    "quotes": (
        "Every direct quotation, with its speaker (an id in `people`) and the words of the text "
        "that attribute it (`attribution`)."
    ),
    "dates_and_numbers": "Dates and numbers, each with the clause of the text it belongs to.",
    "organisations_and_places": "The organisations and places the text names.",
}


def facts_yaml(draft: Draft, header: str) -> str:
    lines = [
        header,
        "# Drafted by `quizgen draft`: every record quotes its evidence from the text, and its",
        "# `draft:` line says what to check. Correct the record, then delete that line; a",
        "# `# check:` comment marks what the rules could not decide.",
        "facts:",
    ]
    for name, records in draft.tables().items():
        if not records:
            continue
        lines.append(f"  {name}:")
        lines.append(f"    description: {scalar(_DESCRIPTIONS[name])}")
        if name == "quotes":
            lines.append("    refs:")
            lines.append("      speaker: people")
        lines.append("    records:")
        for record in records:
            lines.extend(_record_lines(record))
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def set_yaml(header: str, title: str, source_title: str, source_path: str, tag: str) -> str:
    return "\n".join(
        [
            header,
            "# Drafted by `quizgen draft`: fill in the publisher and the date, check the title.",
            "set:",
            f"  title: {yaml_string(title)}",
            "  description: A draft made by `quizgen draft`; every fact is quoted from the text.",
            "  seed: 1",
            f"  tags: [{tag}]",
            "  require_evidence: true   # every fact cites the text",
            "  source:",
            f"    title: {yaml_string(source_title)}",
            f"    publisher: {yaml_string('FILL IN the publisher')}",
            f"    date: {yaml_string('FILL IN the date of publication')}",
            "    # the text every evidence passage is quoted from (relative to this folder)",
            f"    path: {yaml_string(source_path)}",
            "",
        ]
    )


def _distinct(values: Iterable[str], normalise: Normalise) -> set[str]:
    return {normalise(v) for v in values if v.strip()}


def _count_for(
    records: list[Record],
    pool: set[str],
    answer: Callable[[Record], str | None],
    normalise: Normalise,
    excluded: Callable[[Record], set[str]] = lambda r: set(),
) -> int:
    """How many distractors every record can get from ``pool`` (at most 3)."""
    counts = []
    for record in records:
        right = answer(record)
        if right is None:
            continue
        left = pool - {normalise(right)} - excluded(record)
        counts.append(len(left))
    return min([3, *counts]) if counts else 0


def templates_yaml(draft: Draft, header: str, normalise: Normalise) -> str:
    people = {r.id: r for r in draft.people}
    persons = [r for r in draft.people if r.fields.get("kind") == "person"]
    with_role = [r for r in persons if "role" in r.fields]
    blocks: list[str] = []

    # ---- who is who
    roles = _distinct((str(r.fields["role"]) for r in with_role), normalise)
    role_count = _count_for(with_role, roles, lambda r: str(r.fields["role"]), normalise)
    if role_count >= 2:
        blocks.append(
            f"""  - id: person-role
    table: people
    where: kind == 'person' and role is defined
    type: multiple_choice
    topic: Who is who
    tags: [people]
    prompt: How does the text describe {{{{ name }}}}?
    answer: "{{{{ role }}}}"
    distractors:
      from: people.role
      where: candidate.kind == 'person'
      count: {role_count}
    explanation: "In the text: {{{{ evidence[0] }}}}"
"""
        )
    if with_role and role_count < 2:  # one question per person: the multiple choice if it can
        blocks.append(
            """  - id: person-name
    table: people
    where: kind == 'person' and role is defined
    type: short_answer
    topic: Who is who
    tags: [people]
    prompt: Who is {{ role }}, according to the text?
    answer: "{{ name }}"
    accept: ["{{ surname }}"]
    explanation: "In the text: {{ evidence[0] }}"
"""
        )

    # ---- who said what
    def speaker_of(record: Record) -> Record | None:
        speaker = record.fields.get("speaker")
        return people.get(str(speaker)) if speaker is not None else None

    person_quotes = [
        q for q in draft.quotes if (s := speaker_of(q)) is not None and s.fields["kind"] == "person"
    ]
    other_quotes = [
        q for q in draft.quotes if (s := speaker_of(q)) is not None and s.fields["kind"] != "person"
    ]
    names = _distinct((str(r.fields["name"]) for r in persons), normalise)

    def same_words(record: Record) -> set[str]:
        return {
            normalise(str(people[str(q.fields["speaker"])].fields["name"]))
            for q in person_quotes
            if q.fields["text"] == record.fields["text"]
        }

    def speaker_name(record: Record) -> str | None:
        speaker = speaker_of(record)
        return None if speaker is None else str(speaker.fields["name"])

    quote_count = _count_for(person_quotes, names, speaker_name, normalise, same_words)
    if person_quotes and quote_count >= 2:
        blocks.append(
            f"""  - id: quote-speaker
    table: quotes
    where: speaker is defined and speaker.kind == 'person'
    type: multiple_choice
    topic: Who said what
    tags: [quotes]
    prompt: Who said “{{{{ text }}}}”?
    answer: "{{{{ speaker.name }}}}"
    distractors:
      from: people.name
      where: candidate.kind == 'person'
      # anyone the text credits with these same words is a right answer, never a distractor
      exclude: facts.quotes | selectattr('text', 'equalto', text) | map(attribute='speaker') | list
      count: {quote_count}
    explanation: "In the text: {{{{ evidence[0] }}}}"
"""
        )
    elif person_quotes:
        blocks.append(
            """  - id: quote-speaker
    table: quotes
    where: speaker is defined and speaker.kind == 'person'
    type: short_answer
    topic: Who said what
    tags: [quotes]
    prompt: Who said “{{ text }}”?
    answer: "{{ speaker.name }}"
    accept: ["{{ speaker.surname }}"]
    explanation: "In the text: {{ evidence[0] }}"
"""
        )
    if other_quotes:
        blocks.append(
            """  - id: quote-source
    table: quotes
    where: speaker is defined and speaker.kind != 'person'
    type: short_answer
    topic: Who said what
    tags: [quotes]
    prompt: According to the text, whose words are these? “{{ text }}”
    answer: "{{ speaker.name }}"
    explanation: "In the text: {{ evidence[0] }}"
"""
        )

    # ---- dates and numbers
    if draft.figures:
        blocks.append(
            """  - id: fill-the-figure
    table: dates_and_numbers
    type: cloze
    topic: Dates and numbers
    tags: [figures]
    prompt: "{{ clause | replace(value, '[[' ~ value ~ ']]', 1) }}"
    explanation: "In the text: {{ evidence[0] }}"
"""
        )

    # ---- affiliations, with organisations and places as wrong options
    affiliated = [r for r in persons if "affiliation" in r.fields]
    entity_names = _distinct((str(r.fields["name"]) for r in draft.entities), normalise)

    def named_in_affiliation(record: Record) -> set[str]:
        # "Russian International Affairs Council" is right for "the Russian International
        # Affairs Council think tank": never a distractor (the template's `exclude`)
        affiliation = str(record.fields["affiliation"])
        return {
            normalise(str(e.fields["name"]))
            for e in draft.entities
            if str(e.fields["name"]) in affiliation
        }

    affiliation_count = _count_for(
        affiliated,
        entity_names,
        lambda r: str(r.fields["affiliation"]),
        normalise,
        named_in_affiliation,
    )
    if affiliated and affiliation_count >= 2:
        blocks.append(
            f"""  - id: person-affiliation
    table: people
    where: kind == 'person' and affiliation is defined
    type: multiple_choice
    topic: Who is who
    tags: [people]
    prompt: Which organisation or place does the text connect {{{{ name }}}} with?
    answer: "{{{{ affiliation }}}}"
    distractors:
      from: organisations_and_places.name
      # a name the affiliation holds is right too ("Council" in "the Council think tank")
      exclude: facts.organisations_and_places | selectattr('name', 'in', affiliation) | list
      count: {affiliation_count}
    explanation: "In the text: {{{{ evidence[0] }}}}"
"""
        )

    intro = [
        header,
        "# Drafted by `quizgen draft`: one question per record of each table. Edit the wording,",
        "# add `where:` to leave records out, or delete a template you do not want.",
    ]
    if not blocks:
        raise NothingToAsk
    return "\n".join([*intro, "templates:", "\n".join(blocks)])


def _safe_for_cloze(record: Record) -> bool:
    clause = str(record.fields.get("clause", ""))
    return "[[" not in clause and "]]" not in clause and "{" not in clause


def prune(draft: Draft, keep: Callable[[Record], bool]) -> int:
    """Leave out the records ``keep`` refuses (and references to dropped speakers); return how
    many were left out."""
    dropped = 0
    kept_people = []
    for record in draft.people:
        if keep(record):
            kept_people.append(record)
        else:
            dropped += 1
    ids = {r.id for r in kept_people}
    draft.people[:] = kept_people
    for record in draft.quotes:
        speaker = record.fields.get("speaker")
        if speaker is not None and speaker not in ids:
            del record.fields["speaker"]
            record.fields.pop("attribution", None)
            record.comment = "check: the speaker was left out (its text cannot be printed)"
            record.draft = "add the speaker"
    for name in ("quotes", "figures", "entities"):
        records: list[Record] = getattr(draft, name)
        kept = [r for r in records if keep(r) and (name != "figures" or _safe_for_cloze(r))]
        dropped += len(records) - len(kept)
        records[:] = kept
    return dropped
