"""Moodle XML (``<set>-moodle.xml``): every quizgen type, for Moodle's question bank import.

The element names and values follow Moodle's own reader and writer,
``question/format/xml/format.php`` (Moodle XML has no schema) and, for ordering, the
``qtype_ordering`` fixtures (core since Moodle 4.4). docs/exports.md says which settings are used:

* multiple choice and multiple select → ``multichoice`` (``single`` true / false); a multiple
  select gives each correct option 100/n % and each wrong one -100/m %, so all the correct ones
  make 100 % and all the wrong ones -100 %;
* true/false → ``truefalse``; short answer → ``shortanswer`` with every accepted answer at 100 %
  (``*`` written ``\\*``: a bare star is Moodle's wildcard);
* matching → ``matching``; ordering → ``ordering`` (items in the right order, Moodle shuffles);
* cloze → ``cloze`` (embedded answers): one ``SHORTANSWER`` sub-question per blank.

Moodle shuffles the options of choice, matching and ordering questions itself (``shuffleanswers``),
so they are written in the question's order, not shuffled again. The explanation, the evidence and
the citation are the general feedback. Each set (and each form of ``--versions``) is a category,
each topic a sub-category: ``$course$/Set title[/Form A]/Topic``. Pictures are embedded.
"""

from __future__ import annotations

import base64
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import quote

from ..fileio import atomic_path
from ..models import Question, QuestionType, Quiz
from ..select import Form
from . import RenderOptions
from .exports import feedback_html, forms, html_text, tags

CLOZE_ENTITIES = {"#": "&#35;", "~": "&#126;", "}": "&#125;", "{": "&#123;", "\\": "&#92;"}
"""Characters with a meaning inside a cloze blank, written as character references: Moodle
decodes them after it has split the blank (its answer pattern never ends a blank at ``&#``)."""


def category_path(*names: str) -> str:
    """``$course$/a/b``; a slash inside a name is doubled, as Moodle reads it."""
    return "/".join(["$course$", *(n.replace("/", "//") for n in names if n.strip())])


def _text(parent: ET.Element, tag: str, text: str, format: str | None = None) -> ET.Element:
    element = ET.SubElement(parent, tag, {"format": format} if format else {})
    ET.SubElement(element, "text").text = text
    return element


def _html(text: str) -> str:
    return html_text(text)


def _fraction(value: float) -> str:
    """A percentage as Moodle writes it: ``100``, ``50``, ``33.33333``, ``-25``."""
    text = f"{value:.5f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _cloze_answer(text: str) -> str:
    """A blank's answer: HTML-escaped, then its special characters as references (``#`` first,
    since the other references contain one)."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    escaped = escaped.replace('"', "&quot;").replace("#", CLOZE_ENTITIES["#"])
    for char in "~}{\\":
        escaped = escaped.replace(char, CLOZE_ENTITIES[char])
    return escaped


def _cloze_text(question: Question) -> str:
    """The question text with each ``[[blank]]`` as ``{1:SHORTANSWER:=answer}``; a brace in the
    text itself is written as a reference so that Moodle never takes it for a blank."""
    from ..generate import CLOZE_BLANK

    source = question.cloze or question.prompt
    out: list[str] = []
    position = 0
    for match in CLOZE_BLANK.finditer(source):
        out.append(_html(source[position : match.start()]).replace("{", "&#123;"))
        out.append("{1:SHORTANSWER:=" + _cloze_answer(match.group(1).strip()) + "}")
        position = match.end()
    out.append(_html(source[position:]).replace("{", "&#123;"))
    return "".join(out)


class MoodleWriter:
    def __init__(self, quiz: Quiz):
        self.quiz = quiz
        self.root = ET.Element("quiz")
        # a form reorders options; Moodle shuffles them itself, so each question is written
        # with the options in its own (generated) order, the same in every form's category
        self.bank = {q.id: q for q in quiz.questions}

    def comment(self, text: str) -> None:
        self.root.append(ET.Comment(f" {text} "))

    def category(self, path: str, info: str = "") -> None:
        question = ET.SubElement(self.root, "question", {"type": "category"})
        _text(question, "category", path)
        _text(question, "info", info, "html")

    def form(self, form: Form) -> None:
        title = self.quiz.meta.title
        base = [title, f"Form {form.letter}"] if form.letter else [title]
        groups: dict[str, list[Question]] = {}
        for question in form.questions:
            groups.setdefault(question.topic.strip(), []).append(question)
        for topic, questions in groups.items():
            self.category(category_path(*base, topic), _html(self.quiz.meta.description))
            for question in questions:
                self.question(self.bank.get(question.id, question))

    def question(self, q: Question) -> None:
        kind = {
            QuestionType.MULTIPLE_CHOICE: "multichoice",
            QuestionType.MULTIPLE_SELECT: "multichoice",
            QuestionType.TRUE_FALSE: "truefalse",
            QuestionType.SHORT_ANSWER: "shortanswer",
            QuestionType.MATCHING: "matching",
            QuestionType.CLOZE: "cloze",
            QuestionType.ORDERING: "ordering",
        }[q.type]
        self.comment(f"question: {q.id}")
        element = ET.SubElement(self.root, "question", {"type": kind})
        _text(element, "name", q.id)
        text = f"<p>{_cloze_text(q) if q.type is QuestionType.CLOZE else _html(q.prompt)}</p>"
        questiontext = _text(element, "questiontext", text + self._picture(q), "html")
        if q.image is not None:
            file = ET.SubElement(
                questiontext, "file", {"name": q.image.name, "path": "/", "encoding": "base64"}
            )
            file.text = base64.b64encode(q.image.read_bytes()).decode("ascii")
        _text(element, "generalfeedback", feedback_html(self.quiz, q), "html")
        if q.type is not QuestionType.CLOZE:  # a cloze's mark is the sum of its blanks'
            ET.SubElement(element, "defaultgrade").text = str(q.points if q.points else 1)
        penalty = "1" if q.type is QuestionType.TRUE_FALSE else "0.3333333"
        ET.SubElement(element, "penalty").text = penalty
        ET.SubElement(element, "hidden").text = "0"
        ET.SubElement(element, "idnumber").text = q.id
        getattr(self, f"_{q.type.value}")(element, q)
        question_tags = tags(q)
        if question_tags:
            holder = ET.SubElement(element, "tags")
            for tag in question_tags:
                _text(holder, "tag", tag)

    @staticmethod
    def _picture(q: Question) -> str:
        if q.image is None:
            return ""
        return f'<p><img src="@@PLUGINFILE@@/{quote(q.image.name)}" alt=""></p>'

    # ------------------------------------------------------------------ types

    @staticmethod
    def _combined_feedback(element: ET.Element, shownumcorrect: bool) -> None:
        for tag in ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback"):
            _text(element, tag, "", "html")
        if shownumcorrect:
            ET.SubElement(element, "shownumcorrect")

    def _choices(self, element: ET.Element, q: Question, single: bool) -> None:
        ET.SubElement(element, "single").text = "true" if single else "false"
        ET.SubElement(element, "shuffleanswers").text = "true"
        ET.SubElement(element, "answernumbering").text = "abc"
        ET.SubElement(element, "showstandardinstruction").text = "0"
        self._combined_feedback(element, not single)
        right = [c for c in q.choices if c in q.answers]
        wrong = [c for c in q.choices if c not in q.answers]
        for choice in q.choices:
            if single:
                fraction = 100.0 if choice in q.answers else 0.0
            elif choice in q.answers:
                fraction = 100 / len(right)
            else:
                fraction = -100 / len(wrong)
            answer = _text(element, "answer", _html(choice), "html")
            answer.set("fraction", _fraction(fraction))
            _text(answer, "feedback", "", "html")

    def _multiple_choice(self, element: ET.Element, q: Question) -> None:
        self._choices(element, q, single=True)

    def _multiple_select(self, element: ET.Element, q: Question) -> None:
        self._choices(element, q, single=False)

    def _true_false(self, element: ET.Element, q: Question) -> None:
        from ..generate import TRUE

        correct = q.answers[0] == TRUE
        for word, right in (("true", correct), ("false", not correct)):
            answer = _text(element, "answer", word, "moodle_auto_format")
            answer.set("fraction", "100" if right else "0")
            _text(answer, "feedback", "", "html")

    def _short_answer(self, element: ET.Element, q: Question) -> None:
        ET.SubElement(element, "usecase").text = "0"
        for accepted in q.answers:
            answer = _text(element, "answer", accepted.replace("*", "\\*"), "moodle_auto_format")
            answer.set("fraction", "100")
            _text(answer, "feedback", "", "html")

    def _matching(self, element: ET.Element, q: Question) -> None:
        ET.SubElement(element, "shuffleanswers").text = "true"
        self._combined_feedback(element, True)
        for left, right in q.pairs:
            sub = _text(element, "subquestion", _html(left), "html")
            _text(sub, "answer", right)

    def _cloze(self, element: ET.Element, q: Question) -> None:
        pass  # the blanks are in the question text

    def _ordering(self, element: ET.Element, q: Question) -> None:
        for tag, value in (
            ("layouttype", "VERTICAL"),
            ("selecttype", "ALL"),
            ("selectcount", "0"),
            ("gradingtype", "ABSOLUTE_POSITION"),
            ("showgrading", "SHOW"),
            ("numberingstyle", "none"),
        ):
            ET.SubElement(element, tag).text = value
        self._combined_feedback(element, True)
        for position, item in enumerate(q.answers, start=1):
            answer = _text(element, "answer", _html(item), "html")
            answer.set("fraction", str(position))

    def bytes(self) -> bytes:
        ET.indent(self.root, "  ")
        body = ET.tostring(self.root, encoding="unicode")
        return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'.encode()


class MoodleRenderer:
    name = "moodle"
    printed = True  # follows RenderOptions.selection and versions

    def outputs(self, quiz: Quiz, options: RenderOptions) -> list[str]:
        return [f"{quiz.meta.name}-moodle.xml"] if forms(quiz, options) else []

    def render(self, quiz: Quiz, out_dir: Path, options: RenderOptions) -> list[Path]:
        planned = forms(quiz, options)
        if not planned:
            return []
        writer = MoodleWriter(quiz)
        writer.comment(
            f"{quiz.meta.title}: made by quizgen (seed {quiz.seed}). Source: "
            f"{quiz.meta.source.text()}".replace("--", "- -")
        )
        for form in planned:
            writer.form(form)
        target = out_dir / self.outputs(quiz, options)[0]
        data = writer.bytes()
        with atomic_path(target) as temporary:
            temporary.write_bytes(data)
        return [target]
