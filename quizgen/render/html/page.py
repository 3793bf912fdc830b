"""The page's data and its rendering with Jinja2 (``page.html``, ``quiz.js``, ``quiz.css``)."""

from __future__ import annotations

import base64
import functools
import hashlib
import json
import mimetypes
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from ...answers import ANSWER_SEPARATOR
from ...models import Question, Quiz
from ...select import Form
from ...specs import LEVELS

HERE = Path(__file__).parent
TYPE_NAMES = {
    "multiple_choice": "Multiple choice",
    "multiple_select": "Multiple select",
    "true_false": "True or false",
    "short_answer": "Short answer",
    "cloze": "Fill in the blanks",
    "matching": "Matching",
    "ordering": "Ordering",
}
# Fields the page gained after its progress hash was settled. They are left out of the hash, so
# that it covers exactly the content it covered before them: a teacher's rebuild with a newer
# quizgen keeps every student's stored progress (the key is set + form + hash, see page_data).
UNHASHED_FIELDS = ("level",)


@dataclass(frozen=True)
class Preview:
    """What ``quizgen preview`` adds to the page: its problems and the version it reloads on."""

    version: int
    problems: tuple[str, ...] = ()
    events: str = "/events"


@functools.cache
def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(HERE),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    # |tojson escapes <, >, & and ' as \u003c ...: no text can close the <script> it sits in
    env.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "separators": (",", ":")}
    return env


@functools.cache
def _asset(name: str) -> Markup:
    """A script or style sheet of the package, inlined as it is (it must never hold ``</``,
    which could end the element it is inlined in; tests/test_html_page.py checks)."""
    return Markup((HERE / name).read_text(encoding="utf-8"))


def _image(path: Path | None) -> str | None:
    """A question's picture as a ``data:`` URL: the page fetches nothing."""
    if path is None:
        return None
    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"data:{kind};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def question_data(question: Question) -> dict[str, Any]:
    """What the page's script needs of a question (the shape of ``Question.to_json``, less the
    fields only authors need)."""
    return {
        "id": question.id,
        "type": question.type.value,
        "prompt": question.prompt,
        "choices": list(question.choices),
        "answers": list(question.answers),
        "pairs": [list(p) for p in question.pairs],
        "cloze": question.cloze,
        "explanation": question.explanation,
        "evidence": list(question.evidence),
        "tags": list(question.tags),
        "topic": question.topic,
        "level": question.level,
        "points": question.points,
        "image": _image(question.image),
    }


def _hashed(content: dict[str, Any]) -> dict[str, Any]:
    """The part of the page's content its progress hash covers: all of it but
    :data:`UNHASHED_FIELDS` (adding one of them must not reset anyone's progress)."""
    questions = [
        {key: value for key, value in q.items() if key not in UNHASHED_FIELDS}
        for q in content["questions"]
    ]
    return {**content, "questions": questions}


def page_data(
    quiz: Quiz | None, form: Form | None, preview: Preview | None = None
) -> dict[str, Any]:
    """The JSON the page's script reads: the set, the form, its questions and a hash of them
    (progress is stored under set + form + hash, so two pages never share it); in a preview,
    its version and problems too. ``quiz`` is None only in a preview with no good build yet."""
    data: dict[str, Any] = {"set": "", "form": "", "title": "", "description": "", "citation": ""}
    data.update(questions=[], hash="", heading="quizgen preview")
    if quiz is not None and form is not None:
        content = {
            "set": quiz.meta.name,
            "form": form.letter,
            "title": quiz.meta.title,
            "description": quiz.meta.description,
            "citation": quiz.meta.source.text(),
            "questions": [question_data(q) for q in form.questions],
        }
        digest = hashlib.sha256(
            json.dumps(_hashed(content), ensure_ascii=False, sort_keys=True).encode("utf-8")
        ).hexdigest()
        heading = quiz.meta.title + (f" · Form {form.letter}" if form.letter else "")
        data = {**content, "hash": digest[:16], "heading": heading}
    data["types"] = TYPE_NAMES
    data["levels"] = list(LEVELS)  # the Level filter lists them in this order
    data["separator"] = ANSWER_SEPARATOR
    if preview is not None:
        data["preview"] = {
            "version": preview.version,
            "problems": list(preview.problems),
            "events": preview.events,
        }
    return data


def page_html(data: dict[str, Any]) -> str:
    """The whole page around ``data`` (see :func:`page_data`)."""
    template = _environment().get_template("page.html")
    return template.render(
        title=data["heading"], data=data, script=_asset("quiz.js"), style=_asset("quiz.css")
    )
