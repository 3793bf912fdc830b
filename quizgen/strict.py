"""Warnings about a set that loads and builds but is probably not what the teacher meant.

``quizgen validate`` prints them as ``file:line: warning: ...``; ``quizgen validate --strict`` makes
them errors. Each rule is deliberately narrow, so that a set written with care has none:

* a fact used by no template: no template over its table turns it into a question (its ``where``
  leaves it out, or there is no template), no other record refers to it through ``refs``, no
  template draws distractors from its table, and no hand-written question cites one of its
  evidence passages (such a question covers the fact);
* two questions with the same prompt, as the student reads it (case and spacing ignored); the
  picture counts as part of the prompt, and so, for ``ordering`` and ``matching``, whose prompt is
  an instruction ("Put these in order"), do the items shown;
* a question whose answer appears in its own prompt, as a whole word or phrase (case and spacing
  ignored), for the types where that gives the answer away: ``multiple_choice``,
  ``multiple_select``, ``short_answer`` (any accepted answer) and ``cloze`` (a fill-in still visible
  elsewhere in the sentence). ``true_false`` is left out ("True or false: ..." names both answers),
  and so are ``ordering`` and ``matching``, whose answers are the options on show;
* a key that has no effect on the question's type (``distractors`` on a ``true_false``, ``answer``
  on an ``ordering``, ...: :data:`TYPE_KEYS`), or an ``answer`` beside a ``multiple_select``'s
  ``answers``;
* a field of a record that looks like a misspelt reserved key (``evidance``, ``imgae``:
  :mod:`quizgen.typos`).

A fact without evidence is not a warning but an error, unless the set says
``require_evidence: false`` (:func:`quizgen.evidence.check_required`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from .errors import Location, Problem, QuizgenError, ValidationFailed
from .evidence import EvidenceReport
from .generate import normalise
from .load import iter_ids
from .models import Question, QuestionType, Quiz, QuizSet
from .select import Selection, matching
from .specs import QuestionSpec, TemplateSpec
from .typos import misspelt_reserved_keys

ANSWER_GIVES_AWAY = (
    QuestionType.MULTIPLE_CHOICE,
    QuestionType.MULTIPLE_SELECT,
    QuestionType.SHORT_ANSWER,
    QuestionType.CLOZE,
)
PROMPT_IS_AN_INSTRUCTION = (QuestionType.ORDERING, QuestionType.MATCHING)

TYPE_KEYS: dict[QuestionType, tuple[str, ...]] = {
    QuestionType.MULTIPLE_CHOICE: ("answer", "distractors", "reverse"),
    QuestionType.MULTIPLE_SELECT: ("answers", "answer", "distractors"),
    QuestionType.TRUE_FALSE: ("answer",),
    QuestionType.SHORT_ANSWER: ("answer", "accept", "reverse"),
    QuestionType.CLOZE: (),
    QuestionType.MATCHING: ("pairs",),
    QuestionType.ORDERING: ("items",),
}
"""The keys that only some types use, for each type (docs/format.md, "Question types"); every
other key (``id``, ``prompt``, ``explanation``, ``tags``, ``table``, ...) applies to every type."""
TYPED_KEYS = frozenset(key for keys in TYPE_KEYS.values() for key in keys)


@dataclass(frozen=True)
class Checked:
    """One set, generated, and the warnings about it in file and line order."""

    quiz: Quiz
    warnings: list[Problem]


def check_sets(
    folders: Sequence[Path],
    seed: int | None = None,
    source: Path | None = None,
    reports: list[EvidenceReport] | None = None,
    selection: Selection | None = None,
    versions: int = 0,
    strict: bool = False,
) -> list[Checked]:
    """Load, validate and generate every set as ``build`` does, and run the checks its
    renderers make before writing (of every format, for the whole bank; raising with every
    error), then collect each set's warnings (:func:`warnings_for`).

    With a ``selection`` (``--count/--tags/--types``) or ``versions``, the printed outputs are
    checked for it too, as ``build`` would print them: a selection that cannot be met is
    reported now, not when printing. With ``strict`` (``validate --strict``), the warnings of
    every set are errors: raised, all of them at once."""
    from .build import check_outputs, load_quizzes
    from .render import CHECKED, RenderOptions, get_renderer

    loaded: list[QuizSet] = []
    quizzes = load_quizzes(folders, seed, source, reports, loaded)
    renderers = [get_renderer(name) for name in CHECKED]
    check_outputs(quizzes, renderers, RenderOptions(timestamp=0.0))
    if (selection is not None and not selection.everything) or versions:
        selection = selection or Selection()
        if quizzes and not any(matching(quiz.questions, selection) for quiz in quizzes):
            raise QuizgenError(f"no question of any set matches {selection.describe()}")
        printed = [r for r in renderers if getattr(r, "printed", False)]
        options = RenderOptions(timestamp=0.0, selection=selection, versions=versions)
        check_outputs(quizzes, printed, options)
    checked = [
        Checked(quiz, warnings_for(quiz_set, quiz))
        for quiz_set, quiz in zip(loaded, quizzes, strict=True)
    ]
    warnings = [w for one in checked for w in one.warnings]
    if strict and warnings:
        raise ValidationFailed(warnings)
    return checked


def warnings_for(quiz_set: QuizSet, quiz: Quiz) -> list[Problem]:
    from .rules import check_set

    found = [
        *check_set(quiz_set, quiz),  # the item-writing rules (quizgen/rules/)
        *_unused_facts(quiz_set, quiz),
        *misspelt_reserved_keys(quiz_set),
        *_same_prompts(quiz.questions),
        *_answers_in_prompts(quiz.questions),
        *_keys_without_effect(quiz_set),
    ]
    return sorted(found, key=_order)


def _order(problem: Problem) -> tuple[str, int]:
    location = problem.location or Location("")
    return (location.file, location.line or 0)


# --------------------------------------------------------------------------- facts


def _unused_facts(quiz_set: QuizSet, quiz: Quiz) -> Iterator[Problem]:
    templates = [i.spec for i in quiz_set.items if isinstance(i.spec, TemplateSpec)]
    table_of = {t.id: t.table for t in templates}
    used: set[tuple[str, str]] = {
        (table_of[q.template], q.record)
        for q in quiz.questions
        if q.template is not None and q.record is not None and q.template in table_of
    }
    pools: set[tuple[str, str]] = set()  # (table, field) distractors are drawn from
    for template in templates:
        source = template.distractors.from_ if template.distractors else None
        if source is not None:
            pool_table, pool_field = source.rsplit(".", 1)
            pools.add((pool_table, pool_field))
    for table in quiz_set.tables.values():
        for record in table.records:
            if any((table.name, f) in pools for f in record.fields):
                used.add((table.name, record.id))
            for ref_field, target in table.refs.items():
                if ref_field in record.fields:
                    used.update((target, ref) for ref in iter_ids(record.fields[ref_field]))
    # a hand-written question resting on the same passage covers the fact: a one-off fact kept in
    # its table for completeness, asked about in its own words
    cited = {
        normalise(passage)
        for item in quiz_set.items
        if isinstance(item.spec, QuestionSpec)
        for passage in item.spec.evidence
    }
    for table in quiz_set.tables.values():
        for record in table.records:
            if (table.name, record.id) in used:
                continue
            if any(normalise(passage) in cited for passage in record.evidence):
                continue
            yield Problem(
                record.location,
                f"fact {table.name} '{record.id}' is used by no template: no template "
                f"over '{table.name}' makes a question of it, no record refers to it, "
                "no distractors are drawn from it, no question cites its evidence",
            )


# --------------------------------------------------------------------------- questions


def _prompt_key(question: Question) -> tuple[str, ...]:
    # the picture is part of what the student reads: "Which city is this?" under two photos
    image = question.image.name if question.image else ""
    key: tuple[str, ...] = (normalise(question.prompt), image)
    if question.type in PROMPT_IS_AN_INSTRUCTION:
        key += tuple(sorted(normalise(c) for c in question.choices))
    return key


def _same_prompts(questions: Sequence[Question]) -> Iterator[Problem]:
    first: dict[tuple[str, ...], Question] = {}
    for question in questions:
        key = _prompt_key(question)
        earlier = first.setdefault(key, question)
        if earlier is not question:
            yield Problem(
                question.location,
                f"question '{question.id}' has the same prompt as '{earlier.id}' "
                f"({earlier.location})",
            )


def _contains_phrase(text: str, phrase: str) -> bool:
    """Whether ``phrase`` occurs in ``text`` as whole words (``Iran`` is not in ``Iranian``)."""
    if not phrase or phrase not in text:  # most answers are not in the prompt at all: no regex
        return False
    return re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text) is not None


def _answers_in_prompts(questions: Sequence[Question]) -> Iterator[Problem]:
    for question in questions:
        if question.type not in ANSWER_GIVES_AWAY:
            continue
        prompt = normalise(question.prompt)
        for answer in question.answers:
            if _contains_phrase(prompt, normalise(answer)):
                yield Problem(
                    question.location,
                    f"question '{question.id}': its answer '{answer}' appears in its own prompt",
                )
                break


def _keys_without_effect(quiz_set: QuizSet) -> Iterator[Problem]:
    for item in quiz_set.items:
        spec = item.spec
        what = "template" if isinstance(spec, TemplateSpec) else "question"
        for key in item.key_lines:
            if key in TYPED_KEYS and key not in TYPE_KEYS[spec.type]:
                yield Problem(
                    item.where(key),
                    f"{what} '{spec.id}': key '{key}' has no effect on "
                    f"{_a(spec.type.value)} question",
                )
        if (
            spec.type is QuestionType.MULTIPLE_SELECT
            and "answer" in item.key_lines
            and "answers" in item.key_lines
        ):
            yield Problem(
                item.where("answer"),
                f"{what} '{spec.id}': key 'answer' has no effect on a multiple_select question "
                "that has 'answers' (list every correct answer in 'answers')",
            )


def _a(word: str) -> str:
    return f"an {word}" if word[0] in "aeiou" else f"a {word}"
