"""The questions ``quizgen list`` shows: every set's generated questions, narrowed by
``--tags``, ``--types``, ``--levels`` and ``--template``."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .build import load_quizzes
from .errors import QuizgenError, did_you_mean
from .models import Question, QuizSet
from .select import Selection, matching
from .specs import TemplateSpec


def listed_questions(
    folders: Sequence[Path], seed: int | None, selection: Selection, template: str | None = None
) -> list[Question]:
    """The questions of every set that match ``selection`` (``--count`` not applied), in order,
    and with a ``template``, only those it generates; raise if no set has a template of that id
    (one that generates no question is known all the same)."""
    loaded: list[QuizSet] = []
    quizzes = load_quizzes(folders, seed, loaded=loaded)
    if template is not None:
        ids = [i.spec.id for s in loaded for i in s.items if isinstance(i.spec, TemplateSpec)]
        if template not in ids:
            raise QuizgenError(f"no template '{template}'{did_you_mean(template, ids)}")
    return [
        q
        for quiz in quizzes
        for q in matching(quiz.questions, selection)
        if template is None or q.template == template
    ]
