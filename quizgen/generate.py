"""Templates × facts → questions, and hand-written questions → questions: every question of a
set, in file order.

The rules of each question type are in :mod:`quizgen.questiontypes`, a template applied to its
records in :mod:`quizgen.compiled_template`.
"""

from __future__ import annotations

from . import timelimit
from .compiled_template import CompiledTemplate, Pool
from .errors import Problems
from .images import Images
from .models import Located, Question, Quiz, QuizSet
from .questiontypes import (
    BLANK,
    CLOZE_BLANK,
    FALSE,
    REVERSIBLE,
    TRUE,
    Draft,
    QuestionProblem,
    assemble,
    needs_rng,
    normalise,
    question_rng,
    question_tags,
    reverse_message,
)
from .recordviews import FactIndex
from .specs import QuestionSpec, TemplateSpec
from .timelimit import TemplateTimeout, time_limit

__all__ = [  # the rules' names are also imported from here (renderers, strict, show)
    "BLANK",
    "CLOZE_BLANK",
    "FALSE",
    "REVERSIBLE",
    "TRUE",
    "CompiledTemplate",
    "QuestionProblem",
    "generate",
    "normalise",
]


# --------------------------------------------------------------------------- hand-written


def _hand_written(
    item: Located, quiz_set: QuizSet, seed: int, problems: Problems, images: Images
) -> Question | None:
    spec = item.spec
    assert isinstance(spec, QuestionSpec)
    answer = spec.answer
    if isinstance(answer, bool):
        answer = TRUE if answer else FALSE
    draft = Draft(
        id=spec.id,
        type=spec.type,
        prompt=spec.prompt.strip(),
        answer=answer,
        answers=spec.answers,
        accept=spec.accept,
        distractors=spec.distractors,
        items=spec.items,
        pairs=[(p[0], p[1]) for p in spec.pairs] if spec.pairs else None,
    )
    draws = needs_rng(spec.type, False)
    rng = question_rng(seed, quiz_set.meta.name, spec.id) if draws else None
    try:
        if spec.reverse and spec.type not in REVERSIBLE:
            raise QuestionProblem("reverse", reverse_message(spec.type))
        fields = assemble(draft, rng)
        image = images.path(spec.image) if spec.image else None
    except QuestionProblem as problem:
        problems.add(item.where(problem.key), f"question '{spec.id}': {problem.message}")
        return None
    return Question(
        id=spec.id,
        set=quiz_set.meta.name,
        type=spec.type,
        explanation=spec.explanation.strip(),
        evidence=tuple(spec.evidence),
        tags=question_tags(quiz_set, spec.tags),
        topic=spec.topic or "",
        points=spec.points,
        image=image,
        reverse=spec.reverse,
        level=spec.level,
        location=item.location,
        **fields,
    )


# --------------------------------------------------------------------------- the whole set


def generate(quiz_set: QuizSet, seed: int | None = None, problems: Problems | None = None) -> Quiz:
    """Every question of the set, in file order; raise with every problem found."""
    own = problems is None
    problems = problems if problems is not None else Problems()
    seed = quiz_set.meta.seed if seed is None else seed
    index = FactIndex(quiz_set.tables)
    pools: dict[str, Pool] = {}
    images = Images(quiz_set.folder)
    questions: list[Question] = []
    for item in quiz_set.items:
        if isinstance(item.spec, TemplateSpec):
            try:
                with time_limit(timelimit.TEMPLATE_SECONDS):
                    template = CompiledTemplate(item, index, problems, pools)
                    questions.extend(template.questions(quiz_set, seed, problems, images))
            except TemplateTimeout:
                problems.add(
                    item.location,
                    f"template '{item.spec.id}' still ran after {timelimit.TEMPLATE_SECONDS:g} s "
                    "(the limit): does a loop run too long?",
                )
        else:
            question = _hand_written(item, quiz_set, seed, problems, images)
            if question is not None:
                questions.append(question)
    if own:
        problems.raise_if_any()
    return Quiz(meta=quiz_set.meta, seed=seed, questions=tuple(questions), source=quiz_set)
