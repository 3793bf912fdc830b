"""One question as plain text: what the student sees, then what the key shows.

The layout follows the worksheet and the key (render/pdf.py): options lettered A, B, C in their
shuffled order, blanks as ``_____``, ordering items as the student gets them, matching as numbered
left-hand items and lettered right-hand ones.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from .answers import list_answers
from .errors import QuizgenError, did_you_mean
from .generate import CLOZE_BLANK
from .models import Question, QuestionType, Quiz
from .options import letter

WIDTH = 78
CHOICE_TYPES = (QuestionType.MULTIPLE_CHOICE, QuestionType.MULTIPLE_SELECT, QuestionType.TRUE_FALSE)


def find_question(quizzes: Sequence[Quiz], question_id: str) -> tuple[Quiz, Question]:
    """The question with this id (``template/record`` for a generated one), in any of the sets."""
    for quiz in quizzes:
        for question in quiz.questions:
            if question.id == question_id:
                return quiz, question
    ids = [q.id for quiz in quizzes for q in quiz.questions]
    raise QuizgenError(
        f"no question with id '{question_id}'{did_you_mean(question_id, ids)} "
        "(`quizgen list` shows every id)"
    )


def _wrap(text: str, indent: str = "", hang: int = 0) -> list[str]:
    """Wrapped to :data:`WIDTH`; continuation lines indented ``hang`` more (under an option's
    text, past its ``[ ] A.`` label)."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        lines += textwrap.wrap(
            paragraph, WIDTH, initial_indent=indent, subsequent_indent=indent + " " * hang
        ) or [indent.rstrip()]
    return lines


def _item(label: str, text: str) -> list[str]:
    """One option or item, indented, its label hanging: ``  [ ] A. text``."""
    return _wrap(f"{label} {text}", "  ", len(label) + 1)


def student_view(question: Question) -> list[str]:
    kind = question.type
    lines = _wrap(question.prompt + (f" ({question.points} pt)" if question.points else ""))
    if question.image is not None:
        lines.append(f"[picture: {question.image.name}]")
    if kind in CHOICE_TYPES:
        if kind is QuestionType.MULTIPLE_SELECT:
            lines.append("(choose every correct option)")
        for index, option in enumerate(question.choices):
            lines += _item(f"[ ] {letter(index)}.", option)
    elif kind is QuestionType.ORDERING:
        lines.append("(number these in the right order)")
        for option in question.choices:
            lines += _item("[  ]", option)
    elif kind is QuestionType.MATCHING:
        for index, (left, _) in enumerate(question.pairs):
            lines += _item(f"{index + 1}.", f"{left} ____")
        for index, right in enumerate(question.choices):
            lines += _item(f"{letter(index)}.", right)
    elif kind is QuestionType.SHORT_ANSWER:
        lines.append("  ______________________________")
    return lines


def key_view(question: Question, citation: str) -> list[str]:
    kind = question.type
    lines: list[str] = []
    if kind in CHOICE_TYPES:
        correct = [
            f"{letter(i)}. {option}"
            for i, option in enumerate(question.choices)
            if option in question.answers
        ]
        label = "Answers" if len(correct) > 1 else "Answer"
        lines += _wrap(f"{label}: {list_answers(correct)}")
    elif kind is QuestionType.SHORT_ANSWER:
        also = question.answers[1:]
        accepted = f" (also accepted: {list_answers(also)})" if also else ""
        lines += _wrap(f"Answer: {question.answers[0]}{accepted}")
    elif kind is QuestionType.CLOZE:
        filled = CLOZE_BLANK.sub(lambda m: f"[{m.group(1).strip()}]", question.cloze or "")
        lines += _wrap(f"Answer: {filled}")
    elif kind is QuestionType.ORDERING:
        lines.append("Answer, in order:")
        for index, item in enumerate(question.answers):
            lines += _item(f"{index + 1}.", item)
    elif kind is QuestionType.MATCHING:
        lines.append("Answer:")
        letters = {right: letter(i) for i, right in enumerate(question.choices)}
        for index, (left, right) in enumerate(question.pairs):
            lines += _item(f"{index + 1}.", f"{left} → {letters[right]}. {right}")
    if question.explanation:
        lines += _wrap(f"Why: {question.explanation}")
    for passage in question.evidence:
        lines += _wrap(f"Evidence: “{passage}” — {citation}")
    return lines


def show_question(quiz: Quiz, question: Question) -> str:
    """The question as text: a header, the student's view, the key's view."""
    origin = (
        f"template '{question.template}', record '{question.record}'"
        if question.template
        else "hand-written"
    )
    about = [f"{question.id} · {question.type.value} · set {quiz.meta.name} (seed {quiz.seed})"]
    about.append(f"{origin}, {question.location}")
    details = []
    if question.topic:
        details.append(f"topic: {question.topic}")
    if question.level:
        details.append(f"level: {question.level}")
    if question.tags:
        details.append(f"tags: {' '.join(question.tags)}")
    if details:
        about.append(" · ".join(details))
    lines = [
        *about,
        "",
        "STUDENT SEES",
        *student_view(question),
        "",
        "KEY SHOWS",
        *key_view(question, quiz.meta.source.text()),
    ]
    return "\n".join(lines) + "\n"
