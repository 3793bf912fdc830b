"""Canvas quizzes as QTI 1.2 packages (``<set>-canvas-qti[-A].zip``): one quiz per form.

The package is laid out as text2qti writes it (``text2qti/qti.py`` and its ``xml_*`` modules),
which Canvas imports: ``imsmanifest.xml``, an empty ``non_cc_assessments/`` folder, and a folder
named after the assessment holding ``assessment_meta.xml`` (Canvas's quiz settings) and the
``questestinterop`` document; pictures go in ``images/``. Identifiers follow text2qti's scheme
(``<prefix>_assessment_<hash>``, ``..._question_<hash>``, ``..._choice_<hash>``), the hashes made
from the set, form and question ids, never from the text.

text2qti has no matching or fill-in-multiple-blanks questions; those are written as Canvas
itself exports them (``matching_question``: one ``response_lid`` per left-hand item;
``fill_in_multiple_blanks_question``: ``[blank1]`` in the text and one ``response_lid`` per
blank). An ordering question is a matching question pairing each item with its position.
Every question's general feedback holds the explanation, the evidence and the citation.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from urllib.parse import quote

from ..fileio import atomic_path
from ..generate import CLOZE_BLANK
from ..models import Question, QuestionType, Quiz
from ..select import Form
from . import RenderOptions
from .exports import feedback_html, forms, html_text, suffix, zip_entry

PREFIX = "quizgen"
QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
QTI_SCHEMA = f"{QTI_NS} http://www.imsglobal.org/xsd/ims_qtiasiv1p2p1.xsd"
CANVAS_NS = "http://canvas.instructure.com/xsd/cccv1p0"
CANVAS_SCHEMA = f"{CANVAS_NS} https://canvas.instructure.com/xsd/cccv1p0.xsd"
IMSCP_NS = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
MANIFEST_SCHEMA = (
    "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1 http://www.imsglobal.org/xsd/imscp_v1p1.xsd"
    " http://ltsc.ieee.org/xsd/imsccv1p1/LOM/resource"
    " http://www.imsglobal.org/profile/cc/ccv1p1/LOM/ccv1p1_lomresource_v1p0.xsd"
    " http://www.imsglobal.org/xsd/imsmd_v1p2 http://www.imsglobal.org/xsd/imsmd_v1p2p2.xsd"
)
CANVAS_TYPES = {
    QuestionType.MULTIPLE_CHOICE: "multiple_choice_question",
    QuestionType.TRUE_FALSE: "true_false_question",
    QuestionType.MULTIPLE_SELECT: "multiple_answers_question",
    QuestionType.SHORT_ANSWER: "short_answer_question",
    QuestionType.MATCHING: "matching_question",
    QuestionType.ORDERING: "matching_question",
    QuestionType.CLOZE: "fill_in_multiple_blanks_question",
}


def ident(*parts: str) -> str:
    """A stable identifier hash (text2qti's length: 64 hex digits)."""
    return hashlib.blake2b(":".join(parts).encode()).hexdigest()[:64]


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    if text is not None:
        element.text = text
    return element


def _material(parent: ET.Element, html: str, texttype: str = "text/html") -> None:
    material = _sub(parent, "material")
    _sub(material, "mattext", html, texttype=texttype)


def _xml(root: ET.Element) -> bytes:
    ET.indent(root, "  ")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
    ).encode()


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
        item = _sub(section, "item", ident=f"{PREFIX}_question_{self.key}", title=q.id)
        answer_ids = self._answer_ids()
        fields = [
            ("question_type", CANVAS_TYPES[q.type]),
            ("points_possible", str(q.points if q.points is not None else 1)),
            ("original_answer_ids", ",".join(answer_ids)),
            ("assessment_question_identifierref", f"{PREFIX}_question_ref_{self.key}"),
        ]
        metadata = _sub(_sub(item, "itemmetadata"), "qtimetadata")
        for label, entry in fields:
            field = _sub(metadata, "qtimetadatafield")
            _sub(field, "fieldlabel", label)
            _sub(field, "fieldentry", entry)
        presentation = _sub(item, "presentation")
        _material(presentation, self.html(q))
        processing = _sub(item, "resprocessing")
        outcomes = _sub(processing, "outcomes")
        _sub(outcomes, "decvar", maxvalue="100", minvalue="0", varname="SCORE", vartype="Decimal")
        general = _sub(processing, "respcondition", **{"continue": "Yes"})
        _sub(_sub(general, "conditionvar"), "other")
        _sub(general, "displayfeedback", feedbacktype="Response", linkrefid="general_fb")
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
        feedback = _sub(item, "itemfeedback", ident="general_fb")
        _material(_sub(feedback, "flow_mat"), feedback_html(self.quiz, q))

    def _answer_ids(self) -> list[str]:
        q = self.question
        if q.type in (QuestionType.MATCHING, QuestionType.ORDERING):
            count = len(q.pairs) if q.type is QuestionType.MATCHING else len(q.answers)
        else:
            count = len(q.choices) or len(q.answers)
        return [self.choice_id(i) for i in range(count)]

    def _choices(self, presentation: ET.Element, cardinality: str) -> list[str]:
        response = _sub(presentation, "response_lid", ident="response1", rcardinality=cardinality)
        render = _sub(response, "render_choice")
        ids = []
        for index, choice in enumerate(self.question.choices):
            label = _sub(render, "response_label", ident=self.choice_id(index))
            _material(label, html_text(choice))
            ids.append(self.choice_id(index))
        return ids

    def _single(self, presentation: ET.Element, processing: ET.Element) -> None:
        ids = self._choices(presentation, "Single")
        right = self.question.choices.index(self.question.answers[0])
        condition = _sub(processing, "respcondition", **{"continue": "No"})
        _sub(_sub(condition, "conditionvar"), "varequal", ids[right], respident="response1")
        _sub(condition, "setvar", "100", action="Set", varname="SCORE")

    def _multiple(self, presentation: ET.Element, processing: ET.Element) -> None:
        ids = self._choices(presentation, "Multiple")
        condition = _sub(processing, "respcondition", **{"continue": "No"})
        every = _sub(_sub(condition, "conditionvar"), "and")
        for choice, choice_id in zip(self.question.choices, ids, strict=True):
            parent = every if choice in self.question.answers else _sub(every, "not")
            _sub(parent, "varequal", choice_id, respident="response1")
        _sub(condition, "setvar", "100", action="Set", varname="SCORE")

    def _short(self, presentation: ET.Element, processing: ET.Element) -> None:
        response = _sub(presentation, "response_str", ident="response1", rcardinality="Single")
        _sub(_sub(response, "render_fib"), "response_label", ident="answer1", rshuffle="No")
        condition = _sub(processing, "respcondition", **{"continue": "No"})
        variables = _sub(condition, "conditionvar")
        for accepted in self.question.answers:
            _sub(variables, "varequal", accepted, respident="response1")
        _sub(condition, "setvar", "100", action="Set", varname="SCORE")

    def _score(self, processing: ET.Element, response: str, label: str, count: int) -> None:
        condition = _sub(processing, "respcondition")
        _sub(_sub(condition, "conditionvar"), "varequal", label, respident=response)
        _sub(condition, "setvar", f"{100 / count:.2f}", action="Add", varname="SCORE")

    def _fill_in(self, presentation: ET.Element, processing: ET.Element) -> None:
        answers = self.question.answers
        for number, answer in enumerate(answers, start=1):
            response = _sub(presentation, "response_lid", ident=f"response_blank{number}")
            _material(response, f"blank{number}", "text/plain")
            render = _sub(response, "render_choice")
            label = _sub(
                render,
                "response_label",
                ident=self.choice_id(number - 1),
                scoring_algorithm="TextInChoices",
            )
            _material(label, answer, "text/plain")
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
            response = _sub(presentation, "response_lid", ident=f"response_{self.choice_id(index)}")
            _material(response, left, "text/plain")
            render = _sub(response, "render_choice")
            for right in rights:
                label = _sub(render, "response_label", ident=right_ids[right])
                _material(label, right, "text/plain")
        for index, left in enumerate(lefts):
            response_id = f"response_{self.choice_id(index)}"
            self._score(processing, response_id, right_ids[right_of[left]], len(lefts))


class QtiPackage:
    """One form of a quiz as a Canvas QTI zip."""

    def __init__(self, quiz: Quiz, form: Form, timestamp: float):
        self.quiz, self.form = quiz, form
        key = ident(quiz.meta.name, form.letter)
        self.assessment = f"{PREFIX}_assessment_{key}"
        self.manifest = f"{PREFIX}_manifest_{key}"
        self.dependency = f"{PREFIX}_dependency_{key}"
        self.assignment = f"{PREFIX}_assignment_{key}"
        self.group = f"{PREFIX}_assignment-group_{key}"
        self.date = dt.datetime.fromtimestamp(timestamp, dt.UTC).date().isoformat()
        title = quiz.meta.title
        self.title = f"{title} (Form {form.letter})" if form.letter else title
        self.images = sorted({q.image.name: q.image for q in form.questions if q.image}.items())

    def write(self, target: Path) -> None:
        with atomic_path(target) as temporary, zipfile.ZipFile(temporary, "w") as archive:
            zip_entry(archive, "imsmanifest.xml", self.manifest_xml())
            zip_entry(archive, "non_cc_assessments/", b"")
            zip_entry(archive, f"{self.assessment}/assessment_meta.xml", self.meta_xml())
            zip_entry(archive, f"{self.assessment}/{self.assessment}.xml", self.assessment_xml())
            for name, path in self.images:
                zip_entry(archive, f"images/{name}", path.read_bytes())

    def manifest_xml(self) -> bytes:
        root = ET.Element(
            "manifest",
            {
                "identifier": self.manifest,
                "xmlns": IMSCP_NS,
                "xmlns:lom": "http://ltsc.ieee.org/xsd/imsccv1p1/LOM/resource",
                "xmlns:imsmd": "http://www.imsglobal.org/xsd/imsmd_v1p2",
                "xmlns:xsi": XSI_NS,
                "xsi:schemaLocation": MANIFEST_SCHEMA,
            },
        )
        metadata = _sub(root, "metadata")
        _sub(metadata, "schema", "IMS Content")
        _sub(metadata, "schemaversion", "1.1.3")
        lom = _sub(metadata, "imsmd:lom")
        _sub(_sub(_sub(lom, "imsmd:general"), "imsmd:title"), "imsmd:string", self.title)
        contribute = _sub(_sub(lom, "imsmd:lifeCycle"), "imsmd:contribute")
        _sub(_sub(contribute, "imsmd:date"), "imsmd:dateTime", self.date)
        _sub(root, "organizations")
        resources = _sub(root, "resources")
        resource = _sub(resources, "resource", identifier=self.assessment, type="imsqti_xmlv1p2")
        _sub(resource, "file", href=f"{self.assessment}/{self.assessment}.xml")
        _sub(resource, "dependency", identifierref=self.dependency)
        meta = _sub(
            resources,
            "resource",
            identifier=self.dependency,
            type="associatedcontent/imscc_xmlv1p1/learning-application-resource",
            href=f"{self.assessment}/assessment_meta.xml",
        )
        _sub(meta, "file", href=f"{self.assessment}/assessment_meta.xml")
        for name, path in self.images:
            image = _sub(
                resources,
                "resource",
                identifier=f"{PREFIX}_image_{ident(name, path.name)}",
                type="webcontent",
                href=f"images/{quote(name)}",
            )
            _sub(image, "file", href=f"images/{quote(name)}")
        return _xml(root)

    def meta_xml(self) -> bytes:
        meta = self.quiz.meta
        points = sum(q.points if q.points is not None else 1 for q in self.form.questions)
        root = ET.Element(
            "quiz",
            {
                "identifier": self.assessment,
                "xmlns": CANVAS_NS,
                "xmlns:xsi": XSI_NS,
                "xsi:schemaLocation": CANVAS_SCHEMA,
            },
        )
        description = f"<p>{html_text(meta.description)}</p>" if meta.description else ""
        description += f"<p>Source: {html_text(meta.source.text())}</p>"
        # the elements and order of text2qti's assessment_meta.xml (which follows Canvas's
        # own export); the quiz is imported unpublished
        points_text = f"{points:.1f}"
        settings = [
            ("title", self.title),
            ("description", description),
            ("shuffle_answers", "false"),  # each form keeps its own option order
            ("scoring_policy", "keep_highest"),
            ("hide_results", ""),
            ("quiz_type", "assignment"),
            ("points_possible", points_text),
            ("require_lockdown_browser", "false"),
            ("require_lockdown_browser_for_results", "false"),
            ("require_lockdown_browser_monitor", "false"),
            ("lockdown_browser_monitor_data", None),
            ("show_correct_answers", "true"),
            ("anonymous_submissions", "false"),
            ("could_be_locked", "false"),
            ("allowed_attempts", "1"),
            ("one_question_at_a_time", "false"),
            ("cant_go_back", "false"),
            ("available", "false"),
            ("one_time_results", "false"),
            ("show_correct_answers_last_attempt", "false"),
            ("only_visible_to_overrides", "false"),
            ("module_locked", "false"),
        ]
        for tag, value in settings:
            _sub(root, tag, value)
        assignment = _sub(root, "assignment", identifier=self.assignment)
        for tag, value in [
            ("title", self.title),
            ("due_at", None),
            ("lock_at", None),
            ("unlock_at", None),
            ("module_locked", "false"),
            ("workflow_state", "unpublished"),
            ("assignment_overrides", ""),
            ("quiz_identifierref", self.assessment),
            ("allowed_extensions", ""),
            ("has_group_category", "false"),
            ("points_possible", points_text),
            ("grading_type", "points"),
            ("all_day", "false"),
            ("submission_types", "online_quiz"),
            ("position", "1"),
            ("turnitin_enabled", "false"),
            ("vericite_enabled", "false"),
            ("peer_review_count", "0"),
            ("peer_reviews", "false"),
            ("automatic_peer_reviews", "false"),
            ("anonymous_peer_reviews", "false"),
            ("grade_group_students_individually", "false"),
            ("freeze_on_copy", "false"),
            ("omit_from_final_grade", "false"),
            ("intra_group_peer_reviews", "false"),
            ("only_visible_to_overrides", "false"),
            ("post_to_sis", "false"),
            ("moderated_grading", "false"),
            ("grader_count", "0"),
            ("grader_comments_visible_to_graders", "true"),
            ("anonymous_grading", "false"),
            ("graders_anonymous_to_graders", "false"),
            ("grader_names_visible_to_final_grader", "true"),
            ("anonymous_instructor_annotations", "false"),
        ]:
            _sub(assignment, tag, value)
        _sub(_sub(assignment, "post_policy"), "post_manually", "false")
        _sub(root, "assignment_group_identifierref", self.group)
        _sub(root, "assignment_overrides", "")
        return _xml(root)

    def assessment_xml(self) -> bytes:
        root = ET.Element(
            "questestinterop",
            {"xmlns": QTI_NS, "xmlns:xsi": XSI_NS, "xsi:schemaLocation": QTI_SCHEMA},
        )
        assessment = _sub(root, "assessment", ident=self.assessment, title=self.title)
        field = _sub(_sub(assessment, "qtimetadata"), "qtimetadatafield")
        _sub(field, "fieldlabel", "cc_maxattempts")
        _sub(field, "fieldentry", "1")
        section = _sub(assessment, "section", ident="root_section")
        for question in self.form.questions:
            QtiItem(self.quiz, self.form, question).element(section)
        return _xml(root)


class QtiRenderer:
    name = "qti"
    printed = True  # follows RenderOptions.selection and versions

    def outputs(self, quiz: Quiz, options: RenderOptions) -> list[str]:
        return [f"{quiz.meta.name}-canvas-qti{suffix(f)}.zip" for f in forms(quiz, options)]

    def render(self, quiz: Quiz, out_dir: Path, options: RenderOptions) -> list[Path]:
        written = []
        for form in forms(quiz, options):
            target = out_dir / f"{quiz.meta.name}-canvas-qti{suffix(form)}.zip"
            QtiPackage(quiz, form, options.timestamp).write(target)
            written.append(target)
        return written
