"""What the answer key adds under each question: the answer in one line, why, and the passages
of evidence with the citation.
"""

from __future__ import annotations

from reportlab.platypus import Flowable

from ...answers import list_answers
from ...models import Question, QuestionType
from ...options import letter
from .fonts import REGULAR
from .layout import Para, Styles, markup


def key_notes(question: Question, style: Styles, citation: str) -> list[Flowable]:
    """What the key prints under a question: its answer, why, and each passage of evidence,
    the last one followed by ``citation`` (the set's source)."""
    label, _, answer = answer_line(question).partition(": ")
    if question.type is QuestionType.ORDERING:  # a long line: only the label in bold
        answer = f'<font name="{REGULAR}">{markup(answer)}</font>'
    else:
        answer = markup(answer)
    notes: list[Flowable] = [Para(f"{label}: {answer}", style["answer"])]
    if question.explanation:
        notes.append(Para(f"<b>Why:</b> {markup(question.explanation)}", style["note"]))
    for index, passage in enumerate(question.evidence, start=1):
        quoted = passage if passage[:1] in '“"«' else f"“{passage}”"
        # the citation once, after the last passage, as every output prints it
        cited = f" — {markup(citation)}" if index == len(question.evidence) else ""
        notes.append(Para(f"<b>Evidence:</b> {markup(quoted)}{cited}", style["evidence"]))
    return notes


def answer_line(question: Question) -> str:
    """The key's one-line answer, with the letters and numbers of this form."""
    kind = question.type
    if kind in (QuestionType.MULTIPLE_CHOICE, QuestionType.MULTIPLE_SELECT):
        marked = [
            f"{letter(i)}. {choice}"
            for i, choice in enumerate(question.choices)
            if choice in question.answers
        ]
        return ("Answer: " if len(marked) == 1 else "Answers: ") + list_answers(marked)
    if kind is QuestionType.SHORT_ANSWER:
        line = f"Answer: {question.answers[0]}"
        if len(question.answers) > 1:
            line += f" (also accepted: {list_answers(question.answers[1:])})"
        return line
    if kind is QuestionType.CLOZE:
        if len(question.answers) == 1:
            return f"Answer: {question.answers[0]}"
        return "Answers: " + list_answers(f"({i}) {a}" for i, a in enumerate(question.answers, 1))
    if kind is QuestionType.MATCHING:
        letter_of = {right: letter(i) for i, right in enumerate(question.choices)}
        return "Answer: " + ", ".join(
            f"{i}–{letter_of[right]}" for i, (_, right) in enumerate(question.pairs, start=1)
        )
    if kind is QuestionType.ORDERING:
        return "Answer: " + " → ".join(question.answers)
    return f"Answer: {question.answers[0]}"
