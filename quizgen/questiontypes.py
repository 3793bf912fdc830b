"""The rules of each question type: the raw parts of a question (:class:`Draft`) → the fields of
a :class:`~quizgen.models.Question` that vary by type, each mistake a :class:`QuestionProblem`
naming the YAML key it comes from.

Deterministic by construction: every question draws its randomness (distractors, option order)
from its own generator seeded with ``(seed, set, question id)`` (:func:`question_rng`), so adding
or removing a question never changes another one, and every Anki client sees the same option
order.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .models import QuestionType, QuizSet
from .options import MAX_OPTIONS, shuffled_differently

CLOZE_BLANK = re.compile(r"\[\[(.+?)\]\]")
BLANK = "_____"
TRUE, FALSE = "True", "False"
_TRUE_WORDS = {"true", "yes"}
_FALSE_WORDS = {"false", "no"}
REVERSIBLE = (QuestionType.MULTIPLE_CHOICE, QuestionType.SHORT_ANSWER)
"""Types whose ``reverse: true`` adds a card asked the other way round (answer → question)."""


class QuestionProblem(Exception):
    """A problem with one question; ``key`` names the YAML key it comes from."""

    def __init__(self, key: str, message: str):
        super().__init__(message)
        self.key = key
        self.message = message


def normalise(text: str) -> str:
    """The form in which two answers are compared: case and spacing ignored."""
    return " ".join(text.split()).casefold()


def question_rng(seed: int, set_name: str, question_id: str) -> random.Random:
    # A str seed is hashed with SHA-512 by random.seed: stable across processes and platforms.
    return random.Random(f"{seed}:{set_name}:{question_id}")


SHUFFLED = (
    QuestionType.MULTIPLE_CHOICE,
    QuestionType.MULTIPLE_SELECT,
    QuestionType.ORDERING,
    QuestionType.MATCHING,
)
"""Types whose options :func:`assemble` shuffles."""


def needs_rng(kind: QuestionType, draws_distractors: bool) -> bool:
    """Whether a question draws anything at random. Seeding a generator costs more than most of
    the rest of a question, so a question that draws nothing (true/false, short answer, cloze,
    without distractors) makes none; one that does draws exactly what it always drew."""
    return draws_distractors or kind in SHUFFLED


def random_order(rng: random.Random, n: int) -> Iterator[int]:
    """Indices 0..n-1 in random order, drawn lazily (partial Fisher–Yates, O(1) per draw)."""
    swapped: dict[int, int] = {}
    for i in range(n):
        j = rng.randrange(i, n)
        value_j = swapped.get(j, j)
        swapped[j] = swapped.get(i, i)
        yield value_j


# --------------------------------------------------------------------------- assembling


@dataclass(slots=True)
class Draft:
    """The raw parts of a question before the type's rules are applied."""

    id: str
    type: QuestionType
    prompt: str
    answer: str | None = None
    answers: list[str] | None = None
    accept: list[str] | None = None
    distractors: list[str] | None = None
    items: list[str] | None = None
    pairs: list[tuple[str, str]] | None = None
    distractor_keys: list[str] | None = None
    """``normalise`` of each distractor when the caller has it already (drawn from a pool)."""


def assemble(draft: Draft, rng: random.Random | None) -> dict[str, Any]:
    """Apply the rules of the question's type; the fields of :class:`Question` that vary by type.

    ``rng`` may be None only for a type that shuffles nothing (see :func:`needs_rng`).
    """
    kind = draft.type
    if kind is QuestionType.CLOZE:
        fills = CLOZE_BLANK.findall(draft.prompt)
        if not fills:
            raise QuestionProblem("prompt", "a cloze prompt needs at least one [[blank]]")
        if any(not f.strip() for f in fills):
            raise QuestionProblem("prompt", "a cloze blank is empty")
        return {
            "prompt": CLOZE_BLANK.sub(BLANK, draft.prompt),
            "cloze": draft.prompt,
            "answers": tuple(f.strip() for f in fills),
        }
    if kind is QuestionType.TRUE_FALSE:
        word = normalise(draft.answer or "")
        if word in _TRUE_WORDS:
            answer = TRUE
        elif word in _FALSE_WORDS:
            answer = FALSE
        else:
            raise QuestionProblem(
                "answer", f"a true_false answer must be true or false, not '{draft.answer}'"
            )
        return {"prompt": draft.prompt, "answers": (answer,), "choices": (TRUE, FALSE)}
    if kind is QuestionType.SHORT_ANSWER:
        answer = _need_answer(draft)
        accepted = unique_texts([answer, *(draft.accept or [])])
        return {"prompt": draft.prompt, "answers": tuple(accepted)}
    if kind in (QuestionType.MULTIPLE_CHOICE, QuestionType.MULTIPLE_SELECT):
        if kind is QuestionType.MULTIPLE_CHOICE:
            correct = [_need_answer(draft)]
        else:
            correct = unique_texts(draft.answers or ([draft.answer] if draft.answer else []))
            if not correct:
                raise QuestionProblem("answers", "a multiple_select question needs 'answers'")
        wrong = draft.distractors or []
        if not wrong:
            raise QuestionProblem("distractors", "needs at least one distractor")
        correct_keys = [normalise(a) for a in correct]
        wrong_keys = draft.distractor_keys or [normalise(o) for o in wrong]
        correct_set = set(correct_keys)
        for option, option_key in zip(wrong, wrong_keys, strict=True):
            if option_key in correct_set:
                raise QuestionProblem(
                    "distractors", f"distractor '{option}' is also a correct answer"
                )
        choices = correct + wrong
        _check_options(choices, "distractors", "options", correct_keys + wrong_keys)
        assert rng is not None
        rng.shuffle(choices)
        return {"prompt": draft.prompt, "answers": tuple(correct), "choices": tuple(choices)}
    if kind is QuestionType.ORDERING:
        items = draft.items or []
        if len(items) < 2:
            raise QuestionProblem("items", "an ordering question needs at least two items")
        _check_options(items, "items", "items")
        assert rng is not None
        shown = shuffled_differently(items, rng)
        return {"prompt": draft.prompt, "answers": tuple(items), "choices": tuple(shown)}
    if kind is QuestionType.MATCHING:
        pairs = draft.pairs or []
        if len(pairs) < 2:
            raise QuestionProblem("pairs", "a matching question needs at least two pairs")
        _check_options([left for left, _ in pairs], "pairs", "pairs")
        _check_options([right for _, right in pairs], "pairs", "pairs")
        assert rng is not None
        rights = shuffled_differently([right for _, right in pairs], rng)
        return {
            "prompt": draft.prompt,
            "answers": tuple(f"{left} → {right}" for left, right in pairs),
            "choices": tuple(rights),
            "pairs": tuple(pairs),
        }
    raise AssertionError(kind)  # pragma: no cover - every type is handled above


def _need_answer(draft: Draft) -> str:
    if not draft.answer or not draft.answer.strip():
        raise QuestionProblem("answer", f"a {draft.type.value} question needs an 'answer'")
    return draft.answer.strip()


def unique_texts(values: list[str]) -> list[str]:
    """The values stripped, each once (as :func:`normalise` compares them), blanks left out."""
    seen: set[str] = set()
    result = []
    for value in values:
        key = normalise(value)
        if key and key not in seen:
            seen.add(key)
            result.append(value.strip())
    return result


def _check_options(
    options: list[str], key: str, noun: str, normals: list[str] | None = None
) -> None:
    """Every option, item or pair distinct and not empty, and no more than there are letters.
    ``normals`` is ``normalise`` of each option when the caller has it already."""
    if len(options) > MAX_OPTIONS:
        raise QuestionProblem(
            key,
            f"{len(options)} {noun}: a question can have at most {MAX_OPTIONS} (lettered A to Z)",
        )
    if normals is None:
        normals = [normalise(option) for option in options]
    seen: set[str] = set()
    for option, normal in zip(options, normals, strict=True):
        if not option.strip():
            raise QuestionProblem(key, "an option is empty")
        if normal in seen:
            raise QuestionProblem(key, f"option '{option}' appears twice")
        seen.add(normal)


def reverse_message(kind: QuestionType) -> str:
    """The problem of ``reverse: true`` on a type that cannot be asked the other way round."""
    allowed = " and ".join(t.value for t in REVERSIBLE)
    return f"reverse: a {kind.value} question cannot be reversed (only {allowed})"


def question_tags(quiz_set: QuizSet, own: list[str]) -> tuple[str, ...]:
    """The set's tags, then the question's or template's own, each once."""
    return tuple(dict.fromkeys([*quiz_set.meta.tags, *own]))
