"""GIFT (``<set>-gift.txt``): Moodle's plain-text question format, for the types it has.

Written as Moodle's own GIFT writer and reader (``question/format/gift/format.php``) expect:
``::name::[html]text{answers####general feedback}``, with ``~ = # { } :`` and the backslash
escaped by a backslash. Texts are HTML (``[html]``) so that ``<`` and ``&`` read as themselves;
accepted short answers and the right-hand side of a matching pair are plain text in Moodle and
are written unescaped for HTML.

GIFT has no ordering question, a missing word has one blank, and a picture cannot travel in a
text file: such questions are left out, never mangled, and listed in a comment at the top of the
file and in a note on stderr (docs/exports.md).
"""

from __future__ import annotations

from pathlib import Path

from ..fileio import atomic_path
from ..generate import CLOZE_BLANK, TRUE
from ..models import Question, QuestionType, Quiz
from . import RenderOptions
from .exports import LeftOut, feedback_html, forms, html_text, tags
from .moodle import category_path

SPECIAL = "~=#{}:"


def escape(text: str) -> str:
    """GIFT's escapes: a backslash before each special character (and the backslash itself);
    a line break as ``\\n``."""
    text = text.replace("\\", "\\\\")
    for char in SPECIAL:
        text = text.replace(char, "\\" + char)
    return text.replace("\r", "").replace("\n", "\\n")


def html(text: str) -> str:
    """Plain text as GIFT-escaped HTML."""
    return escape(html_text(text))


def _weight(value: float) -> str:
    text = f"{value:.5f}".rstrip("0").rstrip(".")
    return f"%{text}%"


def why_left_out(question: Question) -> str | None:
    """Why GIFT cannot hold ``question`` (the reason shown in the note), or None if it can."""
    if question.type is QuestionType.ORDERING:
        return "ordering (GIFT has no ordering question)"
    if question.type is QuestionType.CLOZE and len(question.answers) > 1:
        return "cloze with more than one blank (GIFT's missing word has one)"
    if question.image is not None:
        return "with a picture (a GIFT file carries no pictures)"
    if question.type is QuestionType.MATCHING and any("->" in left for left, _ in question.pairs):
        return "matching item containing '->' (GIFT's pair separator)"
    return None


class GiftWriter:
    def __init__(self, quiz: Quiz):
        self.quiz = quiz
        self.blocks: list[str] = []

    def question(self, q: Question) -> str:
        general = "####" + escape(feedback_html(self.quiz, q))  # already HTML
        head = [f"// question: {q.id}"]
        labels = " ".join([f"[id:{q.id}]", *(f"[tag:{t}]" for t in tags(q))])
        head.append(f"// {labels}")
        name = f"::{escape(q.id)}::"
        kind = q.type
        if kind is QuestionType.CLOZE:
            source = q.cloze or q.prompt
            match = CLOZE_BLANK.search(source)
            assert match is not None  # generation refuses a cloze without a blank
            before, after = source[: match.start()], source[match.end() :]
            answer = "{=" + escape(match.group(1).strip()) + general + "}"
            body = f"{name}[html]{html(before)}{answer}{html(after)}"
            return "\n".join([*head, body])
        if kind is QuestionType.TRUE_FALSE:
            word = "TRUE" if q.answers[0] == TRUE else "FALSE"
            return "\n".join([*head, f"{name}[html]{html(q.prompt)}{{{word}{general}}}"])
        lines = [f"{name}[html]{html(q.prompt)}{{"]
        if kind is QuestionType.MULTIPLE_CHOICE:
            lines += [f"\t{'=' if c in q.answers else '~'}{html(c)}" for c in q.choices]
        elif kind is QuestionType.MULTIPLE_SELECT:
            right = sum(1 for c in q.choices if c in q.answers)
            wrong = len(q.choices) - right
            for choice in q.choices:
                weight = 100 / right if choice in q.answers else -100 / wrong
                lines.append(f"\t~{_weight(weight)}{html(choice)}")
        elif kind is QuestionType.SHORT_ANSWER:
            lines += [f"\t={escape(answer.replace('*', chr(92) + '*'))}" for answer in q.answers]
        elif kind is QuestionType.MATCHING:
            lines += [f"\t={html(left)} -> {escape(right)}" for left, right in q.pairs]
        lines += [f"\t{general}", "}"]
        return "\n".join([*head, *lines])


class GiftRenderer:
    name = "gift"
    printed = True  # follows RenderOptions.selection and versions

    def outputs(self, quiz: Quiz, options: RenderOptions) -> list[str]:
        return [f"{quiz.meta.name}-gift.txt"] if forms(quiz, options) else []

    def _left_out(self, quiz: Quiz, options: RenderOptions) -> LeftOut:
        left_out = LeftOut(self.name)
        for form in forms(quiz, options):
            for question in form.questions:
                reason = why_left_out(question)
                if reason is not None:
                    left_out.add(question, reason)
        return left_out

    def notes(self, quiz: Quiz, options: RenderOptions) -> list[str]:
        note = self._left_out(quiz, options).note(quiz.meta.name)
        return [note] if note else []

    def render(self, quiz: Quiz, out_dir: Path, options: RenderOptions) -> list[Path]:
        planned = forms(quiz, options)
        if not planned:
            return []
        left_out = self._left_out(quiz, options)
        meta = quiz.meta
        lines = [
            f"// {meta.title}: GIFT made by quizgen (seed {quiz.seed})",
            f"// Source: {meta.source.text()}",
        ]
        if left_out.reasons:
            lines.append("// Left out, because GIFT cannot express them:")
            lines += [f"//   {line}" for line in left_out.lines(planned[0].questions)]
        writer = GiftWriter(quiz)
        for form in planned:
            base = [meta.title, f"Form {form.letter}"] if form.letter else [meta.title]
            groups: dict[str, list[Question]] = {}
            for question in form.questions:
                if question.id not in left_out.reasons:
                    groups.setdefault(question.topic.strip(), []).append(question)
            for topic, questions in groups.items():
                lines += ["", f"$CATEGORY: {category_path(*base, topic)}"]
                for question in questions:
                    lines += ["", writer.question(question)]
        target = out_dir / self.outputs(quiz, options)[0]
        with atomic_path(target) as temporary:
            temporary.write_text("\n".join(lines) + "\n", encoding="utf-8", newline="\n")
        return [target]
