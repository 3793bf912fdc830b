"""Canvas QTI 1.2: packages read back with zipfile and lxml and compared with `list --json`, and
their structure compared element by element with a package text2qti writes for the same quiz."""

from __future__ import annotations

import html
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lxml import etree
from text2qti.config import Config
from text2qti.qti import QTI as Text2qtiPackage
from text2qti.quiz import Quiz as Text2qtiQuiz

from .conftest import BUNDLED
from .export_helpers import (
    TRICKY,
    assert_feedback,
    bank,
    built,
    citation,
    plain,
    set_with_a_picture,
)

QTI = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
CANVAS = "http://canvas.instructure.com/xsd/cccv1p0"
NS = {"q": QTI, "c": CANVAS, "m": "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"}
CANVAS_TYPES = {
    "multiple_choice": "multiple_choice_question",
    "true_false": "true_false_question",
    "multiple_select": "multiple_answers_question",
    "short_answer": "short_answer_question",
    "matching": "matching_question",
    "ordering": "matching_question",
    "cloze": "fill_in_multiple_blanks_question",
}


def open_package(path: Path) -> tuple[Any, Any, Any, list[str]]:
    """The manifest, the quiz settings and the assessment of a package, and its entry names."""
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        manifest = etree.fromstring(archive.read("imsmanifest.xml"))
        resource = manifest.find("m:resources/m:resource[@type='imsqti_xmlv1p2']", NS)
        document = resource.find("m:file", NS).get("href")
        folder = document.split("/")[0]
        meta = etree.fromstring(archive.read(f"{folder}/assessment_meta.xml"))
        assessment = etree.fromstring(archive.read(document))
    return manifest, meta, assessment, names


def metadata(item: Any) -> dict[str, str]:
    fields = item.findall("q:itemmetadata/q:qtimetadata/q:qtimetadatafield", NS)
    return {f.findtext("q:fieldlabel", namespaces=NS): f.findtext("q:fieldentry", namespaces=NS)
            for f in fields}  # fmt: skip


def mattext(element: Any) -> str:
    return str(element.findtext("q:material/q:mattext", namespaces=NS))


def scored(item: Any) -> dict[str, set[str]]:
    """Response ident → the labels that earn points (the conditions that set or add SCORE)."""
    right: dict[str, set[str]] = {}
    for condition in item.findall("q:resprocessing/q:respcondition", NS):
        if condition.find("q:setvar", NS) is None:
            continue
        for equal in condition.iter(f"{{{QTI}}}varequal"):
            if equal.getparent().tag != f"{{{QTI}}}not":
                right.setdefault(equal.get("respident"), set()).add(equal.text)
    return right


def check_item(item: Any, question: dict[str, Any], cited: str) -> None:
    kind = question["type"]
    fields = metadata(item)
    assert fields["question_type"] == CANVAS_TYPES[kind]
    assert fields["points_possible"] == str(question["points"] or 1)
    text = mattext(item.find("q:presentation", NS))
    feedback = item.find("q:itemfeedback[@ident='general_fb']/q:flow_mat", NS)
    assert_feedback(plain(mattext(feedback)), question, cited)
    right = scored(item)
    responses = item.findall("q:presentation/q:response_lid", NS)
    if kind in ("multiple_choice", "true_false", "multiple_select"):
        (response,) = responses
        assert response.get("rcardinality") == (
            "Multiple" if kind == "multiple_select" else "Single"
        )
        labels = {lab.get("ident"): html.unescape(mattext(lab))
                  for lab in response.findall("q:render_choice/q:response_label", NS)}  # fmt: skip
        assert sorted(labels.values()) == sorted(question["choices"])
        assert sorted(labels[i] for i in right["response1"]) == sorted(question["answers"])
        assert plain(text) == question["prompt"]
    elif kind == "short_answer":
        assert item.find("q:presentation/q:response_str/q:render_fib", NS) is not None
        assert sorted(right["response1"]) == sorted(question["answers"])
        assert plain(text) == question["prompt"]
    elif kind == "cloze":
        blanks = [f"blank{n}" for n in range(1, len(question["answers"]) + 1)]
        shown = plain(text)
        for name in blanks:
            shown = shown.replace(f"[{name}]", "_____", 1)
        assert shown == question["prompt"]
        assert [r.get("ident") for r in responses] == [f"response_{b}" for b in blanks]
        for response, answer in zip(responses, question["answers"], strict=True):
            (label,) = response.findall("q:render_choice/q:response_label", NS)
            assert mattext(label) == answer
            assert right[response.get("ident")] == {label.get("ident")}
    else:  # matching, and ordering as matching to positions
        pairs = []
        for response in responses:
            found = response.findall("q:render_choice/q:response_label", NS)
            labels = {lab.get("ident"): mattext(lab) for lab in found}
            (chosen,) = right[response.get("ident")]
            pairs.append((mattext(response), labels[chosen]))
        if kind == "matching":
            assert sorted(pairs) == sorted(tuple(p) for p in question["pairs"])
        else:
            order = [left for left, _ in sorted(pairs, key=lambda p: int(p[1]))]
            assert order == question["answers"]
        assert plain(text) == question["prompt"]


def test_every_question_of_the_bundled_set_reads_back_from_the_package(
    cli: Callable[..., Any], tmp_path: Path
) -> None:
    built(cli, BUNDLED, tmp_path, "--format", "qti")
    questions = bank(cli, BUNDLED)
    _, meta, assessment, names = open_package(tmp_path / "russia-iran-treaty-canvas-qti.zip")
    items = assessment.findall("q:assessment/q:section/q:item", NS)
    assert sorted(i.get("title") for i in items) == sorted(questions)
    cited = citation(BUNDLED)
    for item in items:
        check_item(item, questions[item.get("title")], cited)
    kinds = {metadata(i)["question_type"] for i in items}
    assert {"matching_question", "fill_in_multiple_blanks_question"} <= kinds
    assert meta.findtext("c:points_possible", namespaces=NS) == f"{len(questions)}.0"
    assert "non_cc_assessments/" in names


def test_special_characters_survive_qti(cli: Callable[..., Any], tmp_path: Path) -> None:
    built(cli, TRICKY, tmp_path, "--format", "qti")
    questions = bank(cli, TRICKY)
    _, meta, assessment, _ = open_package(tmp_path / "tricky-canvas-qti.zip")
    items = assessment.findall("q:assessment/q:section/q:item", NS)
    assert sorted(i.get("title") for i in items) == sorted(questions)
    for item in items:
        check_item(item, questions[item.get("title")], citation(TRICKY))
    assert meta.findtext("c:title", namespaces=NS) == 'Tricky & <odd> "set" {1} ~ # = a::b / Кремль'


def test_each_form_is_its_own_quiz(cli: Callable[..., Any], tmp_path: Path) -> None:
    built(cli, BUNDLED, tmp_path, "--format", "qti", "--versions", "2", "--count", "5")
    titles, idents = [], set()
    for letter in "AB":
        _, meta, assessment, _ = open_package(
            tmp_path / f"russia-iran-treaty-canvas-qti-{letter}.zip"
        )
        assert meta.findtext("c:title", namespaces=NS).endswith(f"(Form {letter})")
        items = assessment.findall("q:assessment/q:section/q:item", NS)
        titles.append([i.get("title") for i in items])
        idents.add(assessment.find("q:assessment", NS).get("ident"))
    assert len(titles[0]) == 5 and sorted(titles[0]) == sorted(titles[1])
    assert len(idents) == 2  # two quizzes, not one imported twice
    assert not (tmp_path / "russia-iran-treaty-canvas-qti.zip").exists()


# ----------------------------------------------------------------- structure against text2qti

IDENT = re.compile(r"\b(text2qti|quizgen)_([a-z_-]+?)_[0-9a-f]{64}\b")


def text2qti_markdown(questions: list[dict[str, Any]]) -> str:
    """The same questions in text2qti's plain-text format (the types it has)."""
    lines = ["Quiz title: Same quiz", "Quiz description: The same questions.", ""]
    for number, q in enumerate(questions, start=1):
        lines.append(f"{number}.  {q['prompt']}")
        lines.append("... Feedback.")
        if q["type"] == "short_answer":
            lines += [f"*   {a}" for a in q["answers"]]
        elif q["type"] == "multiple_select":
            lines += [f"[{'*' if c in q['answers'] else ' '}] {c}" for c in q["choices"]]
        else:
            for index, choice in enumerate(q["choices"]):
                mark = "*" if choice in q["answers"] else ""
                lines.append(f"{mark}{chr(97 + index)}) {choice}")
        lines.append("")
    return "\n".join(lines)


def shape(element: Any) -> Any:
    """An element as (tag, attributes with identifiers reduced to their kind, children); text
    left out except where it is a fixed keyword."""
    attributes = {k: IDENT.sub(r"ID_\2", v) for k, v in element.attrib.items() if k != "title"}
    children = [shape(c) for c in element if isinstance(c.tag, str)]
    keep = element.tag.endswith(("fieldlabel", "setvar", "varequal"))
    text = IDENT.sub(r"ID_\2", (element.text or "").strip()) if keep else None
    if element.tag.endswith("varequal") and text and not text.startswith("ID_"):
        text = "ANSWER"  # a short answer's text
    return (element.tag, attributes, text, children)


def test_structure_matches_a_package_text2qti_writes(
    cli: Callable[..., Any], tmp_path: Path
) -> None:
    kinds = ("multiple_choice", "true_false", "multiple_select", "short_answer")
    questions = bank(cli, BUNDLED)
    chosen = [next(q for q in questions.values() if q["type"] == kind) for kind in kinds]
    source = tmp_path / "same.md"
    source.write_text(text2qti_markdown(chosen), encoding="utf-8")
    Text2qtiPackage(Text2qtiQuiz(source.read_text(encoding="utf-8"), config=Config())).save(
        tmp_path / "same.zip"
    )
    theirs = open_package(tmp_path / "same.zip")
    built(cli, BUNDLED, tmp_path / "out", "--format", "qti", "--types", ",".join(kinds))
    ours = open_package(tmp_path / "out" / "russia-iran-treaty-canvas-qti.zip")
    # the assessment: same namespaces, the same elements in the same order for each type,
    # identifiers of the same scheme (<prefix>_question_<hash>, ..._choice_<hash>)
    our_items = {i.get("title"): i for i in ours[2].iter(f"{{{QTI}}}item")}
    their_items = list(theirs[2].iter(f"{{{QTI}}}item"))
    assert ours[2].nsmap == theirs[2].nsmap
    for question, their_item in zip(chosen, their_items, strict=True):
        assert shape(our_items[question["id"]]) == shape(their_item), question["type"]
    assert [e.tag for e in ours[2].find("q:assessment", NS) if isinstance(e.tag, str)] == [
        e.tag for e in theirs[2].find("q:assessment", NS) if isinstance(e.tag, str)
    ]
    # the quiz settings: the same fields in the same order
    assert ours[1].nsmap == theirs[1].nsmap
    assert [e.tag for e in ours[1].iter() if isinstance(e.tag, str)] == [
        e.tag for e in theirs[1].iter() if isinstance(e.tag, str)
    ]
    # the manifest: the same namespaces and resources; text2qti adds an imsmd:rights block
    # claiming copyright ("Private (Copyrighted)"), which quizgen cannot claim for a teacher
    assert ours[0].nsmap == theirs[0].nsmap
    assert [shape(r) for r in ours[0].find("m:resources", NS)] == [
        shape(r) for r in theirs[0].find("m:resources", NS)
    ]
    # the same entries: the manifest, non_cc_assessments/, and the assessment's folder
    assert sorted(IDENT.sub(r"ID_\2", n) for n in ours[3]) == sorted(
        IDENT.sub(r"ID_\2", n) for n in theirs[3]
    )


def test_a_picture_travels_in_the_package(
    cli: Callable[..., Any], make_set: Callable[..., Path], tmp_path: Path
) -> None:
    folder = set_with_a_picture(make_set)
    built(cli, folder, tmp_path / "out", "--format", "qti,kahoot,quizlet")
    package = tmp_path / "out" / "demo-canvas-qti.zip"
    manifest, _, assessment, _ = open_package(package)
    with zipfile.ZipFile(package) as archive:
        assert archive.read("images/map.png") == (folder / "map.png").read_bytes()
    hrefs = [r.get("href") for r in manifest.find("m:resources", NS)]
    assert "images/map.png" in hrefs
    (item,) = assessment.iter(f"{{{QTI}}}item")
    assert '<img src="%24IMS-CC-FILEBASE%24/images/map.png"' in mattext(
        item.find("q:presentation", NS)
    )
    # Kahoot's sheet and Quizlet's text carry no pictures: the question is left out of both
    assert not (tmp_path / "out" / "demo-kahoot.xlsx").exists()
    assert not (tmp_path / "out" / "demo-quizlet.txt").exists()
