"""From what the rules found to the drafted tables: one record per person, source, quotation,
figure and organisation or place, each with an id, its verbatim evidence and a ``draft`` note
saying what the teacher must check."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from .numbers import Figure, find_figures
from .people import Cast, Entity, Person, find_cast
from .quotes import Quote, find_quotes
from .speakers import Source
from .text import Document

_ARTICLE = {"organisation": "an organisation", "place": "a place"}
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@dataclass
class Record:
    id: str
    fields: dict[str, Any]
    evidence: list[str]
    draft: str
    comment: str = ""  # a "# check:" line written above the record


@dataclass
class Draft:
    """The drafted tables of one text, in the order they are written."""

    people: list[Record] = field(default_factory=list)
    quotes: list[Record] = field(default_factory=list)
    figures: list[Record] = field(default_factory=list)
    entities: list[Record] = field(default_factory=list)
    headline: str | None = None

    def tables(self) -> dict[str, list[Record]]:
        return {
            "people": self.people,
            "quotes": self.quotes,
            "dates_and_numbers": self.figures,
            "organisations_and_places": self.entities,
        }


def slug(text: str, fallback: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.casefold())
    made = "-".join(words)[:60].strip("-")
    return made or fallback


class _Ids:
    def __init__(self) -> None:
        self.used: set[str] = set()

    def take(self, wanted: str) -> str:
        candidate, n = wanted, 2
        while candidate in self.used:
            candidate, n = f"{wanted}-{n}", n + 1
        self.used.add(candidate)
        return candidate


def _passage(document: Document, span: tuple[int, int]) -> str:
    return document.text[span[0] : span[1]].strip()


def _person_record(document: Document, person: Person, ids: _Ids, quoted: bool) -> Record:
    fields: dict[str, Any] = {"name": person.name, "surname": person.surname}
    evidence: list[str] = []
    role = person.roles[0] if person.roles else None
    checks = ["the name"]
    if role is not None:
        fields["role"] = role.text
        checks.append("the role")
        evidence.append(_passage(document, role.evidence))
        affiliation = next((r.affiliation for r in person.roles if r.affiliation), None)
        if affiliation:
            fields["affiliation"] = affiliation
            checks.append("the affiliation")
        for other in person.roles[1:2]:
            passage = _passage(document, other.evidence)
            if passage not in evidence:
                evidence.append(passage)
    else:
        first = person.first
        evidence.append(_passage(document, (first.text_start, first.end)))
    fields["kind"] = "person"
    fields["quoted"] = quoted
    record_id = ids.take(slug(person.surname, "person"))
    note = (
        f"check {', '.join(checks[:-1])} and {checks[-1]}" if len(checks) > 1 else "check the name"
    )
    comment = "" if role is not None else "check: the text gives no role for this person"
    return Record(record_id, fields, evidence, f"{note} against the evidence", comment)


def _source_record(document: Document, source: Source, ids: _Ids) -> Record:
    fields = {"name": source.name, "kind": source.kind, "quoted": True}
    return Record(
        ids.take(slug(source.key, source.kind)),
        fields,
        [_passage(document, source.evidence)],
        f"check that the quotations are the words of {source.name} ({source.kind}, not a person)",
    )


def _quote_record(document: Document, quote: Quote, number: int, speaker_id: str | None) -> Record:
    fields: dict[str, Any] = {"text": quote.text}
    comment = ""
    if speaker_id is not None:
        fields["speaker"] = speaker_id
        fields["attribution"] = quote.how
        draft = f"check the quotation and its speaker (found from {quote.how})"
    else:
        comment = (
            f"check: no speaker resolved ({quote.doubt}): add speaker: <id of a people record>"
        )
        draft = f"add the speaker: {quote.doubt}"
    return Record(f"q{number}", fields, [_passage(document, quote.evidence)], draft, comment)


def _figure_record(document: Document, figure: Figure, number: int) -> Record:
    clause = _passage(document, figure.clause)
    return Record(
        f"{figure.kind[0]}{number}",
        {"value": figure.value, "kind": figure.kind, "clause": clause},
        [clause],
        f"check that “{figure.value}” is worth asking about in this clause",
    )


def _entity_record(document: Document, entity: Entity, ids: _Ids) -> Record:
    fields: dict[str, Any] = {"name": entity.name, "kind": entity.kind}
    first = entity.mentions[0]
    if entity.description is not None:
        fields["description"] = entity.description.text
        evidence = _passage(document, entity.description.evidence)
    else:
        evidence = _passage(document, (first.start, first.end))
    return Record(
        ids.take(slug(entity.name, entity.kind)),
        fields,
        [evidence],
        f"check that {entity.name} is {_ARTICLE[entity.kind]}",
    )


def _headline(document: Document) -> str | None:
    span = document.headline
    return None if span is None else document.text[span.start : span.end]


def _worth_asking(figures: list[Figure], quotes: list[Quote]) -> list[Figure]:
    """The figures to draft: none inside a drafted quotation (its question shows it whole), and
    one per clause (two blanks of one clause would each show the other's answer), the first
    written in digits if any is."""
    outside = [f for f in figures if not any(q.open < f.start < q.close for q in quotes)]
    by_clause: dict[tuple[int, int], Figure] = {}
    for figure in outside:
        kept = by_clause.get(figure.clause)
        has_digit = any(c.isdigit() for c in figure.value)
        if kept is None or (has_digit and not any(c.isdigit() for c in kept.value)):
            by_clause[figure.clause] = figure
    return sorted(by_clause.values(), key=lambda f: f.start)


def draft_text(text: str) -> Draft:
    """Everything the rules find in ``text``, as records ready to write."""
    document = Document(text)
    cast: Cast = find_cast(document)
    quotes = find_quotes(document, cast)
    figures = find_figures(document)
    draft = Draft(headline=_headline(document))

    ids = _Ids()
    quoted = {id(q.speaker) for q in quotes if q.speaker is not None}
    speaker_ids: dict[int, str] = {}
    for person in cast.people:
        record = _person_record(document, person, ids, id(person) in quoted)
        speaker_ids[id(person)] = record.id
        draft.people.append(record)
    sources: dict[str, str] = {}
    for quote in quotes:
        if isinstance(quote.speaker, Source) and quote.speaker.key not in sources:
            record = _source_record(document, quote.speaker, ids)
            sources[quote.speaker.key] = record.id
            draft.people.append(record)
    for number, quote in enumerate(quotes, 1):
        speaker = quote.speaker
        if isinstance(speaker, Source):
            speaker_id: str | None = sources[speaker.key]
        elif speaker is not None:
            speaker_id = speaker_ids[id(speaker)]
        else:
            speaker_id = None
        draft.quotes.append(_quote_record(document, quote, number, speaker_id))
    for number, figure in enumerate(_worth_asking(figures, quotes), 1):
        draft.figures.append(_figure_record(document, figure, number))
    entity_ids = _Ids()
    for entity in cast.entities:
        draft.entities.append(_entity_record(document, entity, entity_ids))
    return draft


def texts_of(record: Record) -> list[str]:
    """Every text a record holds (for the checks on what can be written and printed)."""
    found = [str(v) for v in record.fields.values() if isinstance(v, str)]
    return found + record.evidence


def is_writable(record: Record) -> bool:
    return not any(_CONTROL.search(t) for t in texts_of(record))
