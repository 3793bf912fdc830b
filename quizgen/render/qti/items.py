"""One question as the QTI ``<item>`` Canvas reads: its metadata, the question and its options,
the scoring, and the general feedback.

text2qti has no matching or fill-in-multiple-blanks questions; those are written as Canvas
itself exports them (``matching_question``: one ``response_lid`` per left-hand item;
``fill_in_multiple_blanks_question``: ``[blank1]`` in the text and one ``response_lid`` per
blank). An ordering question is a matching question pairing each item with its position.
Every question's general feedback holds the explanation, the evidence and the citation.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from urllib.parse import quote

from ...generate import CLOZE_BLANK
from ...models import Question, QuestionType, Quiz
from ...select import Form
from ..exports import feedback_html, html_text
from .elements import PREFIX, add_material, ident, sub

CANVAS_TYPES = {
    QuestionType.MULTIPLE_CHOICE: "multiple_choice_question",
    QuestionType.TRUE_FALSE: "true_false_question",
    QuestionType.MULTIPLE_SELECT: "multiple_answers_question",
    QuestionType.SHORT_ANSWER: "short_answer_question",
    QuestionType.MATCHING: "matching_question",
    QuestionType.ORDERING: "matching_question",
    QuestionType.CLOZE: "fill_in_multiple_blanks_question",
}


class QtiItem:
    """One ``<item>``: a question as Canvas reads it."""

    def __init__(self, quiz: Quiz, form: Form, question: Question):
        self.quiz, self.question = quiz, question
        self.key = ident(quiz.meta.name, form.letter, question.id)

    def choice_id(self, index: int) -> str:
        return f"{PREFIX}_choice_{ident(self.key, str(index))}"

    def html(self, question: Question) -> str:
        text = html_text(question.prompt)
        if question.type is QuestionType.CLOZE:
            text = self._blanks(question)
        text = f"<p>{text}</p>"
        if question.image is not None:
            src = f"%24IMS-CC-FILEBASE%24/images/{quote(question.image.name)}"
            text += f'<p><img src="{src}" alt=""></p>'
        return text

    @staticmethod
    def _blanks(question: Question) -> str:
        source = question.cloze or question.prompt
        out, position = [], 0
        for number, match in enumerate(CLOZE_BLANK.finditer(source), start=1):
            out += [html_text(source[position : match.start()]), f"[blank{number}]"]
            position = match.end()
        return "".join([*out, html_text(source[position:])])

    def element(self, section: ET.Element) -> None:
        q = self.question
        item = sub(section, "item", ident=f"{PREFIX}_question_{self.key}", title=q.id)
        answer_ids = self._answer_ids()
        fields = [
            ("question_type", CANVAS_TYPES[q.type]),
            ("points_possible", str(q.points if q.points is not None else 1)),
            ("original_answer_ids", ",".join(answer_ids)),
            ("assessment_question_identifierref", f"{PREFIX}_question_ref_{self.key}"),
        ]
        metadata = sub(sub(item, "itemmetadata"), "qtimetadata")
        for label, entry in fields:
            field = sub(metadata, "qtimetadatafield")
            sub(field, "fieldlabel", label)
            sub(field, "fieldentry", entry)
        presentation = sub(item, "presentation")
        add_material(presentation, self.html(q))
        processing = sub(item, "resprocessing")
        outcomes = sub(processing, "outcomes")
        sub(outcomes, "decvar", maxvalue="100", minvalue="0", varname="SCORE", vartype="Decimal")
        general = sub(processing, "respcondition", **{"continue": "Yes"})
        sub(sub(general, "conditionvar"), "other")
        sub(general, "displayfeedback", feedbacktype="Response", linkrefid="general_fb")
        if q.type in (QuestionType.MULTIPLE_CHOICE, QuestionType.TRUE_FALSE):
            self._single(presentation, processing)
        elif q.type is QuestionType.MULTIPLE_SELECT:
            self._multiple(presentation, processing)
        elif q.type is QuestionType.SHORT_ANSWER:
            self._short(presentation, processing)
        elif q.type is QuestionType.CLOZE:
            self._fill_in(presentation, processing)
        else:
            self._matching(presentation, processing)
        feedback = sub(item, "itemfeedback", ident="general_fb")
        add_material(sub(feedback, "flow_mat"), feedback_html(self.quiz, q))

    def _answer_ids(self) -> list[str]:
        q = self.question
        if q.type in (QuestionType.MATCHING, QuestionType.ORDERING):
            count = len(q.pairs) if q.type is QuestionType.MATCHING else len(q.answers)
        else:
            count = len(q.choices) or len(q.answers)
        return [self.choice_id(i) for i in range(count)]

    def _choices(self, presentation: ET.Element, cardinality: str) -> list[str]:
        response = sub(presentation, "response_lid", ident="response1", rcardinality=cardinality)
        render = sub(response, "render_choice")
        ids = []
        for index, choice in enumerate(self.question.choices):
            label = sub(render, "response_label", ident=self.choice_id(index))
            add_material(label, html_text(choice))
            ids.append(self.choice_id(index))
        return ids

    def _single(self, presentation: ET.Element, processing: ET.Element) -> None:
        ids = self._choices(presentation, "Single")
        right = self.question.choices.index(self.question.answers[0])
        condition = sub(processing, "respcondition", **{"continue": "No"})
        sub(sub(condition, "conditionvar"), "varequal", ids[right], respident="response1")
        sub(condition, "setvar", "100", action="Set", varname="SCORE")

    def _multiple(self, presentation: ET.Element, processing: ET.Element) -> None:
        ids = self._choices(presentation, "Multiple")
        condition = sub(processing, "respcondition", **{"continue": "No"})
        every = sub(sub(condition, "conditionvar"), "and")
        for choice, choice_id in zip(self.question.choices, ids, strict=True):
            parent = every if choice in self.question.answers else sub(every, "not")
            sub(parent, "varequal", choice_id, respident="response1")
        sub(condition, "setvar", "100", action="Set", varname="SCORE")

    def _short(self, presentation: ET.Element, processing: ET.Element) -> None:
        response = sub(presentation, "response_str", ident="response1", rcardinality="Single")
        sub(sub(response, "render_fib"), "response_label", ident="answer1", rshuffle="No")
        condition = sub(processing, "respcondition", **{"continue": "No"})
        variables = sub(condition, "conditionvar")
        for accepted in self.question.answers:
            sub(variables, "varequal", accepted, respident="response1")
        sub(condition, "setvar", "100", action="Set", varname="SCORE")

    def _score(self, processing: ET.Element, response: str, label: str, count: int) -> None:
        condition = sub(processing, "respcondition")
        sub(sub(condition, "conditionvar"), "varequal", label, respident=response)
        sub(condition, "setvar", f"{100 / count:.2f}", action="Add", varname="SCORE")

    def _fill_in(self, presentation: ET.Element, processing: ET.Element) -> None:
        answers = self.question.answers
        for number, answer in enumerate(answers, start=1):
            response = sub(presentation, "response_lid", ident=f"response_blank{number}")
            add_material(response, f"blank{number}", "text/plain")
            render = sub(response, "render_choice")
            label = sub(
                render,
                "response_label",
                ident=self.choice_id(number - 1),
                scoring_algorithm="TextInChoices",
            )
            add_material(label, answer, "text/plain")
        for number in range(1, len(answers) + 1):
            self._score(
                processing, f"response_blank{number}", self.choice_id(number - 1), len(answers)
            )

    def _matching(self, presentation: ET.Element, processing: ET.Element) -> None:
        q = self.question
        if q.type is QuestionType.MATCHING:
            lefts = [left for left, _ in q.pairs]
            rights = list(q.choices)  # the right-hand sides in the form's shuffled order
            right_of = dict(q.pairs)
        else:  # ordering: each item (in the shuffled order shown) matched to its position
            lefts = list(q.choices)
            rights = [str(n) for n in range(1, len(q.answers) + 1)]
            right_of = {item: str(n) for n, item in enumerate(q.answers, start=1)}
        right_ids = {
            right: f"{PREFIX}_match_{ident(self.key, 'right', str(r))}"
            for r, right in enumerate(rights)
        }
        for index, left in enumerate(lefts):
            response = sub(presentation, "response_lid", ident=f"response_{self.choice_id(index)}")
            add_material(response, left, "text/plain")
            render = sub(response, "render_choice")
            for right in rights:
                label = sub(render, "response_label", ident=right_ids[right])
                add_material(label, right, "text/plain")
        for index, left in enumerate(lefts):
            response_id = f"response_{self.choice_id(index)}"
            self._score(processing, response_id, right_ids[right_of[left]], len(lefts))
