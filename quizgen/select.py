"""Choosing a quiz from a set's bank of questions, and shuffling it into printed forms.

Both are seeded, so a rebuild with the same seed prints the same quiz:

* :func:`select` keeps the questions matching ``--tags`` / ``--types`` / ``--levels`` and, with
  ``--count N``, draws N of them; the drawn questions keep the bank's order. Every form uses
  this selection.
* :func:`make_forms` gives each form (A, B, C, ...) its own question order (within each section:
  a type, a topic, or the whole quiz, as ``--order`` says) and its own option order.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass, replace

from .errors import QuizgenError, UsageError
from .models import Question, QuestionType, Quiz
from .options import LETTERS, shuffled_differently
from .specs import LEVELS

MAX_VERSIONS = len(LETTERS)

# The order of the sections on a worksheet: quick recognition first, writing last.
SECTION_ORDER: tuple[QuestionType, ...] = (
    QuestionType.TRUE_FALSE,
    QuestionType.MULTIPLE_CHOICE,
    QuestionType.MULTIPLE_SELECT,
    QuestionType.MATCHING,
    QuestionType.ORDERING,
    QuestionType.CLOZE,
    QuestionType.SHORT_ANSWER,
)


ORDERS: tuple[str, ...] = ("type", "topic", "bank")
"""How a worksheet is divided into sections (``--order``): by question type (the default), by
topic, or not at all (one section in the bank's order)."""


@dataclass(frozen=True)
class Selection:
    """Which questions of the bank go on the printed quiz, and in which sections. Empty means
    every question, in sections by type."""

    count: int | None = None
    tags: tuple[str, ...] = ()
    types: tuple[QuestionType, ...] = ()
    levels: tuple[str, ...] = ()
    order: str = "type"

    @classmethod
    def parse(
        cls,
        count: int | None,
        tags: str | None,
        types: str | None,
        levels: str | None = None,
        order: str = "type",
    ) -> Selection:
        """Build a selection from the command line's comma-separated lists (``count`` is at
        least 1: the command line's option says so)."""
        level_list = _names(levels)
        for name in level_list:
            if name not in LEVELS:
                raise UsageError(f"--levels: unknown level '{name}' (known: {', '.join(LEVELS)})")
        if order not in ORDERS:
            raise UsageError(f"--order: unknown order '{order}' (known: {', '.join(ORDERS)})")
        tag_list = _names(tags)
        type_list: list[QuestionType] = []
        known = {t.value: t for t in QuestionType}
        for name in (t.strip() for t in (types or "").split(",")):
            if not name:
                continue
            if name not in known:
                raise UsageError(
                    f"--types: unknown question type '{name}' (known: {', '.join(known)})"
                )
            if known[name] not in type_list:
                type_list.append(known[name])
        return cls(count, tag_list, tuple(type_list), level_list, order)

    @property
    def everything(self) -> bool:
        return self.count is None and not self.tags and not self.types and not self.levels

    def describe(self) -> str:
        parts = []
        if self.tags:
            parts.append(f"tags {', '.join(self.tags)}")
        if self.types:
            parts.append(f"types {', '.join(t.value for t in self.types)}")
        if self.levels:
            parts.append(f"levels {', '.join(self.levels)}")
        return " and ".join(parts) or "the whole bank"


def _names(text: str | None) -> tuple[str, ...]:
    """The items of a comma-separated list, each once, in order."""
    return tuple(dict.fromkeys(t.strip() for t in (text or "").split(",") if t.strip()))


def matching(questions: Iterable[Question], selection: Selection) -> list[Question]:
    """The questions of the selection's tags, types and levels, in order (``--count`` not
    applied). A question without a level matches no ``--levels``."""
    return [
        q
        for q in questions
        if (not selection.types or q.type in selection.types)
        and (not selection.tags or any(tag in q.tags for tag in selection.tags))
        and (not selection.levels or q.level in selection.levels)
    ]


def select(quiz: Quiz, selection: Selection) -> tuple[Question, ...]:
    """The questions to print, in the bank's order; none when no question of the set matches
    (the set gets no printouts; :func:`quizgen.build.build` fails only when no set matches);
    raise if ``--count`` asks for more questions than match."""
    pool = matching(quiz.questions, selection)
    if not pool:
        return ()
    if selection.count is None:
        return tuple(pool)
    if selection.count > len(pool):
        raise QuizgenError(
            f"set '{quiz.meta.name}': --count {selection.count} asks for more questions than "
            f"the {len(pool)} matching {selection.describe()}",
            quiz.meta.location,
        )
    rng = random.Random(f"{quiz.seed}:{quiz.meta.name}:select")
    chosen = set(rng.sample(range(len(pool)), selection.count))
    return tuple(q for i, q in enumerate(pool) if i in chosen)


def sections(questions: tuple[Question, ...]) -> list[tuple[QuestionType, list[Question]]]:
    """The questions grouped by type, sections in :data:`SECTION_ORDER`, order kept within."""
    grouped: dict[QuestionType, list[Question]] = {}
    for q in questions:
        grouped.setdefault(q.type, []).append(q)
    return [(kind, grouped[kind]) for kind in SECTION_ORDER if kind in grouped]


def topic_sections(questions: tuple[Question, ...]) -> list[tuple[str, list[Question]]]:
    """The questions grouped by topic, sections in the order each topic first comes in the bank
    (questions without a topic together, as topic ""), order kept within."""
    grouped: dict[str, list[Question]] = {}
    for q in questions:
        grouped.setdefault(q.topic, []).append(q)
    return list(grouped.items())


def ordered_sections(
    questions: tuple[Question, ...], order: str
) -> list[tuple[QuestionType | str, list[Question]]]:
    """The sections of a worksheet for ``--order``: by type (the key is the type), by topic (the
    key is the topic) or ``bank`` (one section, key "", the questions as given)."""
    if order == "topic":
        return list(topic_sections(questions))
    if order == "bank":
        return [("", list(questions))] if questions else []
    return list(sections(questions))


@dataclass(frozen=True)
class Form:
    """One printed version of the quiz: its letter ('' when there is a single, unnamed form)."""

    letter: str
    questions: tuple[Question, ...]
    """In print order: section by section, numbered 1..n in this order."""
    order: str = "type"
    """How the questions are divided into sections (:func:`ordered_sections`)."""

    def sections(self) -> list[tuple[QuestionType | str, list[Question]]]:
        return ordered_sections(self.questions, self.order)


def make_forms(
    quiz: Quiz, questions: tuple[Question, ...], versions: int, order: str = "type"
) -> list[Form]:
    """``versions`` == 0: one unnamed form in the bank's order; otherwise forms A, B, ...,
    each with its own seeded question order (within each section, ``order`` deciding the
    sections) and option order."""
    if versions == 0:
        grouped = ordered_sections(questions, order)
        return [Form("", tuple(q for _, group in grouped for q in group), order)]
    if not 1 <= versions <= MAX_VERSIONS:
        raise UsageError(f"--versions must be between 1 and {MAX_VERSIONS}, not {versions}")
    forms = []
    for letter in LETTERS[:versions]:
        rng = random.Random(f"{quiz.seed}:{quiz.meta.name}:form-{letter}")
        ordered: list[Question] = []
        for _, group in ordered_sections(questions, order):
            shuffled = list(group)
            rng.shuffle(shuffled)
            ordered += [_shuffle_options(q, rng) for q in shuffled]
        forms.append(Form(letter, tuple(ordered), order))
    return forms


def _shuffle_options(question: Question, rng: random.Random) -> Question:
    """The question with its options in a new order; true/false keeps True before False, and
    an ordering question never shows its items in the right order."""
    kind = question.type
    if kind in (QuestionType.MULTIPLE_CHOICE, QuestionType.MULTIPLE_SELECT):
        choices = list(question.choices)
        rng.shuffle(choices)
        return replace(question, choices=tuple(choices))
    if kind is QuestionType.ORDERING:
        return replace(question, choices=shuffled_differently(question.answers, rng))
    if kind is QuestionType.MATCHING:
        rights = tuple(right for _, right in question.pairs)
        return replace(question, choices=shuffled_differently(rights, rng))
    return question
