"""Quizlet flashcards (``<set>-quizlet.txt``): one card per line, term and definition separated
by a tab, for Quizlet's "Import" box (between term and definition: Tab; between cards: New line).

What becomes a card: a short answer (the question and its answer), a multiple choice or multiple
select question (the question and its correct answers), a cloze (the sentence with its blanks and
the missing words) and each pair of a matching question. A true/false statement and an ordering
have no term and definition, and Quizlet's import takes no pictures: those questions are left
out and counted in a note. The cards follow the selection (``--count/--tags/--types``); forms
(``--versions``) only reorder questions, so the cards are written once, in the bank's order.
"""

from __future__ import annotations

from pathlib import Path

from ..answers import ANSWER_SEPARATOR
from ..fileio import atomic_path
from ..models import Question, QuestionType, Quiz
from ..select import select
from . import RenderOptions
from .exports import LeftOut

SEPARATOR = ANSWER_SEPARATOR
"""Between several answers of one definition: the one every output uses."""


def why_left_out(question: Question) -> str | None:
    if question.type is QuestionType.TRUE_FALSE:
        return "true/false (a statement is not a term and a definition)"
    if question.type is QuestionType.ORDERING:
        return "ordering (a sequence is not a term and a definition)"
    if question.image is not None:
        return "with a picture (Quizlet's text import takes none)"
    return None


def one_line(text: str) -> str:
    """Tabs and line breaks would split a card: spaces instead."""
    return " ".join(text.split())


def cards(question: Question) -> list[tuple[str, str]]:
    """The (term, definition) cards of a question (none for one left out)."""
    kind = question.type
    if kind is QuestionType.MATCHING:
        return [(left, right) for left, right in question.pairs]
    if kind is QuestionType.SHORT_ANSWER:
        return [(question.prompt, question.answers[0])]
    if kind in (QuestionType.MULTIPLE_CHOICE, QuestionType.MULTIPLE_SELECT, QuestionType.CLOZE):
        return [(question.prompt, SEPARATOR.join(question.answers))]
    return []


class QuizletRenderer:
    name = "quizlet"
    printed = True  # follows RenderOptions.selection

    def _cards(self, quiz: Quiz, options: RenderOptions) -> list[tuple[str, str]]:
        return [
            card
            for question in select(quiz, options.selection)
            if why_left_out(question) is None
            for card in cards(question)
        ]

    def outputs(self, quiz: Quiz, options: RenderOptions) -> list[str]:
        """The cards' file; none when no selected question makes a card."""
        return [f"{quiz.meta.name}-quizlet.txt"] if self._cards(quiz, options) else []

    def notes(self, quiz: Quiz, options: RenderOptions) -> list[str]:
        left_out = LeftOut(self.name)
        for question in select(quiz, options.selection):
            reason = why_left_out(question)
            if reason is not None:
                left_out.add(question, reason)
        note = left_out.note(quiz.meta.name)
        notes = [note] if note else []
        if left_out.reasons and not self._cards(quiz, options):
            notes.append(f"{quiz.meta.name}: no question makes a Quizlet card: no file written")
        return notes

    def render(self, quiz: Quiz, out_dir: Path, options: RenderOptions) -> list[Path]:
        found = self._cards(quiz, options)
        if not found:
            return []
        lines = [f"{one_line(term)}\t{one_line(definition)}" for term, definition in found]
        target = out_dir / f"{quiz.meta.name}-quizlet.txt"
        with atomic_path(target) as temporary:
            temporary.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
        return [target]
