"""Q4xx: what must not reach students: drafts and placeholders, and text that reads as a typo.

Haladyna, Downing & Rodriguez (2002), guideline 12 ("edit and proof items"; correct grammar,
punctuation, capitalisation and spelling).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..errors import Location
from ..models import Located
from ..specs import QUESTION_TEXT_KEYS, TemplateSpec
from .context import Bank, Item
from .registry import BankHit, Hit, bank_rule, question_rule

PLACEHOLDER = re.compile(
    r"(?<![\w])(TODO|FIXME|XXX|TBD|TBC)(?![\w])"
    r"|FILL[ _-]IN"
    r"|(?i:lorem ipsum)"
    r"|<(?:\.\.\.|…)>"
    r"|<[^<>\n]*\b(?i:here|your|fill|todo|placeholder|insert|write|replace)\b[^<>\n]*>"
    r"|\?\?\?"
)
"""TODO, FIXME, XXX, TBD, TBC; ``FILL IN`` (the scaffold's and the draft command's); "lorem
ipsum"; scaffold markers in angle brackets (``<...>``, ``<your question here>``); ``???``."""


def placeholder_in(text: str) -> str | None:
    match = PLACEHOLDER.search(text)
    return match.group(0) if match else None


def _texts(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, (list, tuple)):
        for one in value:
            yield from _texts(one)
    elif isinstance(value, dict):
        for key, one in value.items():
            yield from _texts(key)
            yield from _texts(one)


_SPEC_TEXT_KEYS = (*QUESTION_TEXT_KEYS, "topic")  # a topic is a heading the student reads


def _spec_texts(located: Located) -> Iterator[tuple[str, str]]:
    spec = located.spec
    for key in _SPEC_TEXT_KEYS:
        value = getattr(spec, key, None)
        if key == "distractors" and isinstance(spec, TemplateSpec) and value is not None:
            value = spec.distractors.values if spec.distractors else None
        for text in _texts(value):
            yield key, text


@bank_rule(
    "Q401",
    "placeholder",
    "a draft or placeholder is left in: a 'draft:' key, TODO, FIXME, XXX, TBD, FILL IN, <...>",
)
def placeholder(bank: Bank) -> Iterator[BankHit]:
    quiz_set = bank.quiz_set
    meta = quiz_set.meta
    source = meta.source
    fields = {
        "title": meta.title,
        "description": meta.description,
        "deck": meta.deck,
        "source.title": source.title,
        "source.publisher": source.publisher,
        "source.date": source.date,
        "source.url": source.url or "",
        "source.authors": list(source.authors),
    }
    for key, value in fields.items():
        for text in _texts(value):
            found = placeholder_in(text)
            if found:
                line = meta.key_lines.get(key, meta.location.line)
                yield BankHit(
                    Location(meta.location.file, line),
                    f"set: {key} holds the placeholder '{found}': fill it in",
                )
                break
    for table in quiz_set.tables.values():
        for record in table.records:
            what = f"record {table.name} '{record.id}'"
            if record.draft is not None:
                yield BankHit(
                    Location(record.location.file, record.field_lines.get("draft")),
                    f"{what} is a draft: {record.draft.strip() or 'check it'} "
                    "(remove 'draft:' once checked)",
                )
            for name, value in (*record.fields.items(), ("evidence", record.evidence)):
                found = next((f for t in _texts(value) if (f := placeholder_in(t))), None)
                if found:
                    line = record.field_lines.get(name, record.location.line)
                    yield BankHit(
                        Location(record.location.file, line),
                        f"{what}: {name} holds the placeholder '{found}': fill it in",
                    )
    for located in quiz_set.items:
        spec = located.spec
        what = f"{'template' if isinstance(spec, TemplateSpec) else 'question'} '{spec.id}'"
        if spec.draft is not None:
            yield BankHit(
                located.where("draft"),
                f"{what} is a draft: {spec.draft.strip() or 'check it'} "
                "(remove 'draft:' once checked)",
                (located,),
            )
        seen: set[str] = set()
        for key, text in _spec_texts(located):
            found = placeholder_in(text)
            if found and key not in seen:
                seen.add(key)
                yield BankHit(
                    located.where(key),
                    f"{what}: {key} holds the placeholder '{found}': fill it in",
                    (located,),
                )


def _texts_of(item: Item) -> list[tuple[str, str]]:
    """(key, text) for what the student and the key show of a question."""
    question = item.question
    texts = [("prompt", question.prompt)]
    multiple = item.type.value == "multiple_select"
    right = set(question.answers)
    for option in question.choices:
        kind = ("answers" if multiple else "answer") if option in right else "distractors"
        texts.append((kind, option))
    if not question.choices:
        for answer in question.answers:
            texts.append(("accept" if answer != question.answers[0] else "answer", answer))
    if question.explanation:
        texts.append(("explanation", question.explanation))
    return texts


STRAY = re.compile(
    r"[.!?,;:][”\"’'»)]*[?!,;:]"  # .”? ?. !? ,. .,
    r"|[,;:!?][”\"’'»)]*\.(?!\.)"  # ,. ;. ?.
    r"|\.[”\"’'»)]+\.(?!\.)"  # .”.
    r"|(?<!\.)\.\.(?!\.)"  # two full stops (an ellipsis ... is fine)
    r"|[“\"]{2}|”{2}|‘‘|’’"  # doubled quotation marks
    r"|\s[,;:!?]|\s\.(?![.\d])"  # a space before punctuation (not " ...", not " .5")
)
_ABBREVIATION = re.compile(r"(?:^|[\s(])(?:[A-Za-z]\.)+$")
"""Text ending in an abbreviation ("U.S.", "a.m."): its full stop may be followed by a comma."""
_ALLOWED_STRAY = frozenset({"?!", "!?"})


def stray_punctuation(text: str) -> str | None:
    for match in STRAY.finditer(text):
        found = match.group(0).strip()
        if found in _ALLOWED_STRAY:
            continue
        if found[:1] == "." and _ABBREVIATION.search(text[: match.start() + 1]):
            continue  # "the U.S., Russia"
        if found[:1] == "." and text[max(match.start() - 2, 0) : match.start()] == "..":
            continue  # an ellipsis closing a quotation: "... ago ...”?"
        return found
    return None


@question_rule(
    "Q402", "stray-punctuation", "stray punctuation: .”? or ““ or ,, or a space before a comma"
)
def stray_punctuation_rule(item: Item) -> Iterator[Hit]:
    texts = _texts_of(item)
    if STRAY.search("\n".join(text for _, text in texts)) is None:
        return  # most questions: one search over all their text
    for key, text in texts:
        found = stray_punctuation(text)
        if found:
            yield Hit(key, f"{key} has stray punctuation '{found}': '{_around(text, found)}'", text)
            return


def _around(text: str, fragment: str, width: int = 24) -> str:
    index = text.find(fragment)
    start, end = max(index - width, 0), min(index + len(fragment) + width, len(text))
    return ("…" if start else "") + text[start:end].strip() + ("…" if end < len(text) else "")


DOUBLED = re.compile(r"\b(\w+)\s+\1\b", re.I)
_DOUBLED_ALLOWED = frozenset({"that", "had", "bye", "ha", "so"})
"""Words English does write twice: "had had", "that that", "bye bye"."""


@question_rule("Q403", "doubled-word", 'a word written twice in a row ("the the")')
def doubled_word(item: Item) -> Iterator[Hit]:
    texts = _texts_of(item)
    if DOUBLED.search("\n".join(text for _, text in texts)) is None:
        return
    for key, text in texts:
        for match in DOUBLED.finditer(text):
            word = match.group(1)
            if word.casefold() in _DOUBLED_ALLOWED or word[:1].isupper() or word.isdigit():
                continue  # "had had", "that that"; names ("Bora Bora"); numbers
            shown = _around(text, match.group(0))
            yield Hit(key, f"{key} has '{word}' twice in a row: '{shown}'", text)
            return


_PAIRS = (("“", "”"), ("(", ")"), ("[", "]"), ("«", "»"))


def unbalanced(text: str) -> str | None:
    """The quotation mark or bracket that has no partner, if any."""
    for opening, closing in _PAIRS:
        opened, closed = text.count(opening), text.count(closing)
        if opened != closed:
            return opening if opened > closed else closing
        if opened and text.find(closing) < text.find(opening):
            return closing  # “ and ” both there, but the first one closes
    if text.count('"') % 2:
        return '"'
    return None


@question_rule(
    "Q404",
    "unbalanced-quotes",
    "a quotation mark or bracket is opened and not closed, or closed and not opened",
)
def unbalanced_quotes(item: Item) -> Iterator[Hit]:
    for key, text in _texts_of(item):
        found = unbalanced(text)
        if found:
            yield Hit(key, f"{key} has an unmatched '{found}': '{_around(text, found)}'", text)
            return
