"""One form of a quiz as a Canvas QTI zip: ``imsmanifest.xml``, Canvas's quiz settings
(``assessment_meta.xml``), the ``questestinterop`` document holding the items, and the pictures."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from urllib.parse import quote

from ...fileio import atomic_path
from ...models import Quiz
from ...select import Form
from ..exports import html_text, zip_entry
from .elements import PREFIX, ident, sub, xml_bytes
from .items import QtiItem

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
        metadata = sub(root, "metadata")
        sub(metadata, "schema", "IMS Content")
        sub(metadata, "schemaversion", "1.1.3")
        lom = sub(metadata, "imsmd:lom")
        sub(sub(sub(lom, "imsmd:general"), "imsmd:title"), "imsmd:string", self.title)
        contribute = sub(sub(lom, "imsmd:lifeCycle"), "imsmd:contribute")
        sub(sub(contribute, "imsmd:date"), "imsmd:dateTime", self.date)
        sub(root, "organizations")
        resources = sub(root, "resources")
        resource = sub(resources, "resource", identifier=self.assessment, type="imsqti_xmlv1p2")
        sub(resource, "file", href=f"{self.assessment}/{self.assessment}.xml")
        sub(resource, "dependency", identifierref=self.dependency)
        meta = sub(
            resources,
            "resource",
            identifier=self.dependency,
            type="associatedcontent/imscc_xmlv1p1/learning-application-resource",
            href=f"{self.assessment}/assessment_meta.xml",
        )
        sub(meta, "file", href=f"{self.assessment}/assessment_meta.xml")
        for name, path in self.images:
            image = sub(
                resources,
                "resource",
                identifier=f"{PREFIX}_image_{ident(name, path.name)}",
                type="webcontent",
                href=f"images/{quote(name)}",
            )
            sub(image, "file", href=f"images/{quote(name)}")
        return xml_bytes(root)

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
            sub(root, tag, value)
        assignment = sub(root, "assignment", identifier=self.assignment)
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
            sub(assignment, tag, value)
        sub(sub(assignment, "post_policy"), "post_manually", "false")
        sub(root, "assignment_group_identifierref", self.group)
        sub(root, "assignment_overrides", "")
        return xml_bytes(root)

    def assessment_xml(self) -> bytes:
        root = ET.Element(
            "questestinterop",
            {"xmlns": QTI_NS, "xmlns:xsi": XSI_NS, "xsi:schemaLocation": QTI_SCHEMA},
        )
        assessment = sub(root, "assessment", ident=self.assessment, title=self.title)
        field = sub(sub(assessment, "qtimetadata"), "qtimetadatafield")
        sub(field, "fieldlabel", "cc_maxattempts")
        sub(field, "fieldentry", "1")
        section = sub(assessment, "section", ident="root_section")
        for question in self.form.questions:
            QtiItem(self.quiz, self.form, question).element(section)
        return xml_bytes(root)
