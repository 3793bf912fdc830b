"""One question → one Anki note: field HTML built from escaped text, GUID from set and id."""

from __future__ import annotations

import functools
import hashlib
import html
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import genanki

from ...ankistate import REMOVED_TAG
from ...answers import list_answers
from ...generate import CLOZE_BLANK, REVERSIBLE
from ...models import Citation, Question, QuestionType
from ...options import letter
from . import notetypes

INSTRUCTIONS = {
    QuestionType.MULTIPLE_CHOICE: "Choose one answer.",
    QuestionType.MULTIPLE_SELECT: "Choose every correct answer.",
    QuestionType.TRUE_FALSE: "True or false?",
    QuestionType.SHORT_ANSWER: "Type the answer.",
    QuestionType.CLOZE: "Fill in the blank.",
    QuestionType.MATCHING: "Match each item on the left with one on the right.",
    QuestionType.ORDERING: "Put these in the right order.",
}
REVERSE_INSTRUCTION = "Reverse: what was the question?"


_TO_ESCAPE = re.compile("[&<>\"'\n]").search


def esc(text: str) -> str:
    """Plain text as HTML that shows exactly what was typed; line breaks kept."""
    if _TO_ESCAPE(text) is None:  # most text: one scan instead of six
        return text
    return html.escape(text, quote=True).replace("\n", "<br>")


esc_shared = functools.lru_cache(maxsize=1 << 16)(esc)
""":func:`esc`, cached, for text that many notes share (names, options, explanations): a set
repeats them across thousands of notes, and a hit costs a tenth of escaping again. Text of one
note only (a prompt, an id) is escaped with :func:`esc`: caching it would cost, not save."""


def _cloze_safe(text: str) -> str:
    """Escaped text that Anki's cloze parser cannot mistake for ``{{c1::...}}`` or a ``::hint``."""
    return esc(text).replace("{", "&#123;").replace("}", "&#125;").replace(":", "&#58;")


@dataclass(frozen=True)
class Media:
    """A picture to package: its name inside Anki's media folder and where it is read from."""

    name: str
    path: Path


def media_for(image: Path) -> Media:
    """Name a picture by its content: equal files share one name, an edited file gets a new one
    (Anki's media folder is one flat namespace shared by every deck)."""
    digest = hashlib.sha256(image.read_bytes()).hexdigest()[:12]
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", image.stem).strip("-")[:40] or "image"
    return Media(f"quizgen-{stem}-{digest}{image.suffix.lower()}", image)


def _options(escaped: list[str], marked: list[bool] | None = None) -> str:
    """An ordered list of options (already escaped), those ``marked`` as correct highlighted."""
    if marked is None:
        items = [f"<li>{option}</li>" for option in escaped]
    else:
        items = [
            f'<li class="qz-correct">{option}</li>' if correct else f"<li>{option}</li>"
            for option, correct in zip(escaped, marked, strict=True)
        ]
    return f'<ol class="qz-options">{"".join(items)}</ol>'


def _cloze(text: str) -> str:
    parts = []
    last = 0
    for match in CLOZE_BLANK.finditer(text):
        parts.append(_cloze_safe(text[last : match.start()]))
        # One cloze number for every blank: one card that asks them all, like the worksheet.
        parts.append("{{c1::" + _cloze_safe(match.group(1).strip()) + "}}")
        last = match.end()
    parts.append(_cloze_safe(text[last:]))
    return "".join(parts)


def _matching(question: Question) -> tuple[str, str]:
    """Front: the left items numbered, the right ones shuffled and lettered; back: the pairs, and
    the key in short (``1 C · 2 A``) to check against at a glance."""
    rights = question.choices
    pairs = question.pairs
    lefts = "".join([f"<li>{esc_shared(left)}</li>" for left, _ in pairs])
    letters = "".join([f"<li>{esc_shared(right)}</li>" for right in rights])
    front = f'<div class="qz-columns"><ol>{lefts}</ol><ol class="qz-letters">{letters}</ol></div>'
    keys = [letter(rights.index(right)) for _, right in pairs]
    key = " · ".join([f"{number} {k}" for number, k in enumerate(keys, start=1)])
    solution = "".join(
        [
            f'<li>{esc_shared(left)} <span class="qz-arrow">→</span> '
            f'<span class="qz-letter">{k}.</span> {esc_shared(right)}</li>'
            for (left, right), k in zip(pairs, keys, strict=True)
        ]
    )
    return front, f'<div class="qz-answer">{key}</div><ol class="qz-pairs">{solution}</ol>'


def _ordering(question: Question) -> tuple[str, str]:
    """Front: the items shuffled and lettered; back: the right order, each with its letter, and
    the letters in order (``B, D, A``)."""
    shown = question.choices
    front = _options([esc_shared(item) for item in shown])
    keys = [letter(shown.index(item)) for item in question.answers]
    items = "".join(
        [
            f'<li>{esc_shared(item)} <span class="qz-letter">({k})</span></li>'
            for item, k in zip(question.answers, keys, strict=True)
        ]
    )
    return front, f'<div class="qz-answer">{", ".join(keys)}</div><ol class="qz-order">{items}</ol>'


@functools.lru_cache(maxsize=64)  # the same for every note of a set
def source_html(source: Citation) -> str:
    text = f"Source: {esc(source.text())}"
    if source.url:
        url = esc(source.url)
        text = text.replace(url, f'<a href="{url}">{url}</a>')
    return text


class StampedNote(genanki.Note):  # type: ignore[misc]  # genanki is untyped
    """A genanki note written with its own modification time, ``mod``, instead of the package's
    (so that only notes whose content changed look newer to Anki: :mod:`quizgen.ankistate`);
    with ``suspended``, its cards are written suspended (a withdrawn question's tombstone)."""

    mod: int | None = None
    suspended = False

    def write_to_db(
        self, cursor: Any, timestamp: float, deck_id: int, id_gen: Iterator[int]
    ) -> None:
        if self.suspended:
            for card in self.cards:  # genanki makes a note's Card objects once
                card.suspend = True
        super().write_to_db(cursor, timestamp if self.mod is None else self.mod, deck_id, id_gen)


def note_for(question: Question, source: Citation, media: Media | None = None) -> StampedNote:
    """The note for one question, as a genanki note; ``media`` is its packaged picture, if any.

    Its GUID comes from the set and the question id (never from the text), so a rebuilt deck
    updates the note a student already has.
    """
    model, fields = fields_for(question, source_html(source), media)
    return StampedNote(
        model=model,
        fields=fields,
        guid=genanki.guid_for(question.set, question.id),
        tags=list(question.tags_with_level()),  # level::<level> as a tag, never a field
    )


WITHDRAWN = "This question was withdrawn: your teacher removed it from the set."
WITHDRAWN_CLOZE = "{{c1::Withdrawn}}: your teacher removed this question from the set."
WITHDRAWN_HOW = (
    "To stop seeing it, suspend it: in the browser, search tag:quizgen::removed, select all, "
    "then Cards → Toggle Suspend."
)


def tombstone_for(
    question_id: str,
    model: genanki.Model,
    guid: str,
    source: str,
    tags: Sequence[str],
    reverse: bool = False,
) -> StampedNote:
    """The note of a question that left the set: the same GUID and note type as before (Anki
    will not change a note's type on import), a text saying it was withdrawn, the tag
    ``quizgen::removed``, and its cards suspended for whoever imports it for the first time.
    ``source`` is the set's :func:`source_html`, ``tags`` the set's tags; ``reverse``: the
    question's note had a reverse card, which says it was withdrawn too (Anki keeps a card whose
    front turns empty, and shows it blank)."""
    names = [field["name"] for field in model.fields]
    values = dict.fromkeys(names, "")
    values[names[0]] = WITHDRAWN_CLOZE if model.model_type == genanki.Model.CLOZE else WITHDRAWN
    values["Instruction"] = "Withdrawn"
    values["Explanation"] = WITHDRAWN_HOW
    values["Source"] = source
    values["QuestionId"] = esc(question_id)
    if "Answer" in values:  # the reverse card and the type-in box show it
        values["Answer"] = "withdrawn"
    if reverse and "Reverse" in values:
        values["Reverse"] = "Withdrawn"
    note = StampedNote(
        model=model, fields=[values[n] for n in names], guid=guid, tags=[*tags, REMOVED_TAG]
    )
    note.suspended = True
    return note


def has_reverse_card(note: genanki.Note) -> bool:
    """True if the note's Reverse field is filled: Anki makes its reverse card then."""
    index = _REVERSE_FIELD.get(note.model.model_id)
    return index is not None and bool(note.fields[index])


_REVERSE_FIELD = {
    model.model_id: [field["name"] for field in model.fields].index("Reverse")
    for model in notetypes.ALL
    if "Reverse" in [field["name"] for field in model.fields]
}


def fields_for(
    question: Question, source: str, media: Media | None = None
) -> tuple[genanki.Model, list[str]]:
    """The note type and field values of one question's note, in the note type's field order;
    ``source`` is the set's :func:`source_html` (the same for every note, so made once).

    Every note type's fields run: its first field, ``Instruction``, ``Image``, its own fields,
    then ``Explanation``, ``Evidence``, ``Source``, ``QuestionId`` (:mod:`.notetypes`). They are
    listed by position, not looked up by name, as this runs once per question of a set.
    """
    kind = question.type
    head = (INSTRUCTIONS[kind], f'<img src="{esc_shared(media.name)}" alt="">' if media else "")
    tail = (
        esc_shared(question.explanation),
        _evidence(question.evidence),
        source,
        esc(question.id),
    )
    reverse = REVERSE_INSTRUCTION if question.reverse and kind in REVERSIBLE else ""
    if kind is QuestionType.CLOZE:
        assert question.cloze is not None
        return notetypes.CLOZE, [_cloze(question.cloze), *head, *tail]
    if kind is QuestionType.SHORT_ANSWER:
        # Anki's answer box is one line: an answer with a line break or a tab could never be
        # typed right, so its spacing is collapsed as quizgen's own comparisons do
        answer = esc_shared(" ".join(question.answers[0].split()))
        accepted = esc_shared(list_answers(question.answers[1:]))
        return notetypes.TYPE_IN, [esc(question.prompt), *head, answer, accepted, reverse, *tail]
    if kind is QuestionType.MATCHING or kind is QuestionType.ORDERING:
        front, solution = (_matching if kind is QuestionType.MATCHING else _ordering)(question)
        return notetypes.ARRANGE, [esc(question.prompt), *head, front, solution, *tail]
    options, marked, answer = _choice(question.choices, question.answers)
    return notetypes.CHOICE, [esc(question.prompt), *head, options, marked, answer, reverse, *tail]


# Cached like esc: a record's passages back several questions, and true/false questions share
# their options.
@functools.lru_cache(maxsize=1 << 12)
def _evidence(passages: tuple[str, ...]) -> str:
    return "".join([f"<p>“{esc(passage)}”</p>" for passage in passages])


@functools.lru_cache(maxsize=1 << 12)
def _choice(choices: tuple[str, ...], answers: tuple[str, ...]) -> tuple[str, str, str]:
    """The Options, OptionsMarked and Answer fields of a choice question."""
    options = [esc_shared(choice) for choice in choices]
    marked = _options(options, [choice in answers for choice in choices])
    return _options(options), marked, "<br>".join([esc_shared(a) for a in answers])
