"""What a rule sees: one generated question with where it was written (:class:`Item`), or the
whole set (:class:`Bank`)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import cached_property

from ..models import Located, Question, QuestionType, Quiz, QuizSet, Record
from ..specs import QuestionSpec
from .text import content_stems, option_key, option_stems

_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)


class Item:
    """One generated question, the template or hand-written question it comes from, and (for a
    template) the record it was made of.

    A bank has one per question, alive while the rules run: slots and no caches of their own keep
    them small (a collector pass walks every one of them)."""

    __slots__ = ("_distractors", "bank", "located", "question", "record", "type")

    def __init__(self, question: Question, located: Located, record: Record | None, bank: Bank):
        self.question = question
        self.located = located
        self.record = record
        self.bank = bank
        self.type: QuestionType = question.type
        self._distractors: tuple[str, ...] | None = None

    @property
    def prompt(self) -> str:
        return self.question.prompt

    @property
    def hand_written(self) -> bool:
        return isinstance(self.located.spec, QuestionSpec)

    @property
    def keys(self) -> tuple[str, ...]:
        """The correct options of a multiple choice or multiple select question."""
        return self.question.answers

    @property
    def distractors(self) -> tuple[str, ...]:
        """The wrong options of a multiple choice or multiple select question, in option order."""
        if self._distractors is None:
            right = {option_key(a) for a in self.question.answers}
            choices = self.question.choices
            self._distractors = tuple(c for c in choices if option_key(c) not in right)
        return self._distractors

    @property
    def prompt_stems(self) -> frozenset[str]:
        return content_stems(self.question.prompt)

    @property
    def subject_stems(self) -> frozenset[str]:
        """The content words of the prompt that name what this question is about: not the
        template's own wording ("Who signed {{ name }}?": "signed" is every question's), not the
        bank's common vocabulary, not the answer's words."""
        found = self.prompt_stems - self.bank.frame(self.located)
        for answer in self.question.answers:
            found -= option_stems(answer)
        return frozenset(s for s in found if not self.bank.common_in_prompts(s))

    def label(self) -> str:
        """How a message names the question: ``question 'id'`` or ``template 't', record 'r'``."""
        if self.record is None or self.question.template is None:
            return f"question '{self.question.id}'"
        return f"template '{self.question.template}', record '{self.record.id}'"


class Bank:
    """A whole set: its loaded specs, its generated questions, and an :class:`Item` for each."""

    def __init__(self, quiz_set: QuizSet, quiz: Quiz, questions: Sequence[Question] | None = None):
        self.quiz_set = quiz_set
        self.quiz = quiz
        by_id = {item.spec.id: item for item in quiz_set.items}
        records = {
            (table.name, record.id): record
            for table in quiz_set.tables.values()
            for record in table.records
        }
        self._frames: dict[str, frozenset[str]] = {}
        self.items: list[Item] = []
        for question in quiz.questions if questions is None else questions:
            located = by_id[question.template or question.id]
            record = None
            if question.template is not None and question.record is not None:
                table = getattr(located.spec, "table", "")
                record = records.get((table, question.record))
            self.items.append(Item(question, located, record, self))

    @cached_property
    def prompt_frequency(self) -> Counter[str]:
        """In how many questions' prompts each content stem occurs."""
        counts: Counter[str] = Counter()
        for item in self.items:
            counts.update(item.prompt_stems)
        return counts

    def frame(self, located: Located) -> frozenset[str]:
        """The content words a template writes into every prompt (its text outside ``{{ }}``
        and ``{% %}``); none for a hand-written question."""
        spec = located.spec
        if isinstance(spec, QuestionSpec):
            return frozenset()
        found = self._frames.get(spec.id)
        if found is None:
            found = self._frames[spec.id] = content_stems(_JINJA.sub(" ", spec.prompt))
        return found

    def common_in_prompts(self, word_stem: str) -> bool:
        """Whether a stem is part of the bank's common vocabulary (the set's subject: "treaty" in a
        bank about a treaty), found in more than a fifth of the prompts of a bank of ten or more."""
        n = len(self.items)
        return n >= 10 and self.prompt_frequency[word_stem] * 5 > n
