"""The floor: the same outputs written with genanki and reportlab platypus directly.

    python benchmarks/floor.py QUESTIONS.json OUT_DIR [--format anki,pdf]

QUESTIONS.json is the output of ``quizgen list --json`` for the set (made once, outside the
timing): the finished questions, so this script does none of quizgen's own work (no YAML, no
validation, no templates, no distractors). What it does is what any program writing the same
deck and the same PDFs must do, and it mirrors quizgen's renderers so the comparison is fair:

* anki: one genanki note per question, with note types of the same fields and card templates as
  quizgen's (choice, type-answer, cloze), HTML-escaped fields, ``Package.write_to_file``;
* pdf: a worksheet and an answer key with platypus: a ``SimpleDocTemplate`` on A4, per question a
  ``KeepTogether`` of one ``Paragraph`` for the prompt, one per option (or a ruled line for a
  short answer) and, in the key, the answer, the explanation and each evidence passage with
  the citation; a page footer.

Only the standard library, genanki and reportlab are imported.
"""

from __future__ import annotations

import argparse
import html
import json
import re
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

CLOZE_BLANK = re.compile(r"\[\[(.+?)\]\]")
CITATION = "“A synthetic article about a treaty”, The Benchmark Times, 2025-01-17"
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _esc(text: str) -> str:
    return html.escape(text, quote=True).replace("\n", "<br>")


# --------------------------------------------------------------------------- anki


def write_deck(questions: list[dict[str, Any]], target: Path) -> None:
    import genanki

    css = ".card { font-family: system-ui, sans-serif; font-size: 20px; line-height: 1.4; }"
    extras = (
        '<div class="explanation">{{Explanation}}</div>'
        '{{#Evidence}}<div class="evidence">{{Evidence}}</div>{{/Evidence}}'
        '<div class="source">{{Source}}</div>'
    )
    common = ["Explanation", "Evidence", "Source", "Image", "QuestionId"]
    choice = genanki.Model(
        1737100001,
        "quizgen: choice",
        fields=[{"name": n} for n in ["Prompt", "Options", "OptionsMarked", "Answer", *common]],
        templates=[
            {
                "name": "Choice",
                "qfmt": '<div class="prompt">{{Prompt}}</div>{{Image}}{{Options}}',
                "afmt": '<div class="prompt">{{Prompt}}</div>{{Image}}{{OptionsMarked}}'
                '<hr id="answer"><div class="answer">{{Answer}}</div>' + extras,
            }
        ],
        css=css,
    )
    typed = genanki.Model(
        1737100002,
        "quizgen: type answer",
        fields=[{"name": n} for n in ["Prompt", "Answer", "Accepted", *common]],
        templates=[
            {
                "name": "Type answer",
                "qfmt": '<div class="prompt">{{Prompt}}</div>{{Image}}{{type:Answer}}',
                "afmt": '<div class="prompt">{{Prompt}}</div>{{Image}}{{type:Answer}}'
                '<hr id="answer">{{#Accepted}}<div class="accepted">Also accepted: '
                "{{Accepted}}</div>{{/Accepted}}" + extras,
            }
        ],
        css=css,
    )
    cloze = genanki.Model(
        1737100003,
        "quizgen: cloze",
        model_type=genanki.Model.CLOZE,
        fields=[{"name": n} for n in ["Text", *common]],
        templates=[
            {
                "name": "Cloze",
                "qfmt": '<div class="prompt">{{cloze:Text}}</div>{{Image}}',
                "afmt": '<div class="prompt">{{cloze:Text}}</div>{{Image}}<hr id="answer">'
                + extras,
            }
        ],
        css=css,
    )
    deck = genanki.Deck(2059400110, "Benchmark floor")
    source = _esc(CITATION)

    def options(choices: list[str], correct: set[str] | None) -> str:
        items = "".join(
            f"<li{' class=correct' if correct and c in correct else ''}>{_esc(c)}</li>"
            for c in choices
        )
        return f'<ol class="options">{items}</ol>'

    for q in questions:
        tail = [
            _esc(q["explanation"]),
            "<br>".join(f"“{_esc(e)}”" for e in q["evidence"]),
            source,
            "",
            _esc(q["id"]),
        ]
        if q["type"] == "cloze":
            text = CLOZE_BLANK.sub(lambda m: "{{c1::" + _esc(m.group(1)) + "}}", q["cloze"])
            model, fields = cloze, [text, *tail]
        elif q["type"] == "short_answer":
            answers = q["answers"]
            accepted = _esc(", ".join(answers[1:]))
            model, fields = typed, [_esc(q["prompt"]), _esc(answers[0]), accepted, *tail]
        else:
            model = choice
            fields = [
                _esc(q["prompt"]),
                options(q["choices"], None),
                options(q["choices"], set(q["answers"])),
                "<br>".join(_esc(a) for a in q["answers"]),
                *tail,
            ]
        guid = genanki.guid_for(q["set"], q["id"])
        deck.add_note(genanki.Note(model=model, fields=fields, guid=guid, tags=q["tags"]))
    genanki.Package(deck).write_to_file(str(target))


# --------------------------------------------------------------------------- pdf


def write_pdfs(questions: list[dict[str, Any]], out_dir: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import Flowable, KeepTogether, Paragraph, SimpleDocTemplate, Spacer

    base = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=base["Normal"], fontSize=11, leading=15)
    title = ParagraphStyle("title", parent=base["Title"], fontSize=17, leading=21)
    prompt = ParagraphStyle(
        "q", parent=body, leftIndent=7 * mm, firstLineIndent=-7 * mm, spaceBefore=8
    )
    option = ParagraphStyle("o", parent=body, leftIndent=13 * mm, firstLineIndent=-6 * mm)
    answer = ParagraphStyle("a", parent=body, leftIndent=7 * mm, fontName="Helvetica-Bold")
    note = ParagraphStyle("n", parent=body, leftIndent=7 * mm, fontSize=9.5, leading=13)

    class Line(Flowable):  # type: ignore[misc]
        def wrap(self, width: float, height: float) -> tuple[float, float]:
            self.width = width
            return width, 9 * mm

        def draw(self) -> None:
            self.canv.line(7 * mm, 2, self.width, 2)

    def footer(canvas: Any, document: Any) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.drawRightString(A4[0] - 18 * mm, 10 * mm, f"Floor · page {document.page}")
        canvas.restoreState()

    for with_answers, name in ((False, "floor-worksheet.pdf"), (True, "floor-key.pdf")):
        story: list[Flowable] = [Paragraph("Benchmark floor", title), Spacer(1, 4 * mm)]
        for number, q in enumerate(questions, start=1):
            if q["type"] == "cloze":
                fill = "<u><b>\\1</b></u>" if with_answers else "__________"
                text = CLOZE_BLANK.sub(fill, escape(q["cloze"]))
            else:
                text = escape(q["prompt"])
            parts = [Paragraph(f"<b>{number}.</b>&nbsp;&nbsp;{text}", prompt)]
            if q["type"] == "matching":
                parts += [
                    Paragraph(f"{i + 1}. {escape(left)} ____", option)
                    for i, (left, _) in enumerate(q["pairs"])
                ]
            if q["type"] == "short_answer" and not with_answers:
                parts.append(Line())
            for letter, choice in zip(LETTERS, q["choices"], strict=False):
                mark = "[X]" if with_answers and choice in q["answers"] else "[&nbsp;&nbsp;]"
                parts.append(
                    Paragraph(f"{mark}&nbsp;<b>{letter}.</b>&nbsp;{escape(choice)}", option)
                )
            if with_answers:
                parts.append(Paragraph(escape("Answer: " + "; ".join(q["answers"])), answer))
                if q["explanation"]:
                    parts.append(Paragraph(escape(q["explanation"]), note))
                for passage in q["evidence"]:
                    quoted = f"<i>“{escape(passage)}”</i> — {escape(CITATION)}"
                    parts.append(Paragraph(quoted, note))
            story.append(KeepTogether(parts))
        document = SimpleDocTemplate(
            str(out_dir / name),
            pagesize=A4,
            leftMargin=18 * mm,
            rightMargin=18 * mm,
            topMargin=16 * mm,
            bottomMargin=18 * mm,
        )
        document.build(story, onFirstPage=footer, onLaterPages=footer)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("questions", type=Path, help="the output of `quizgen list --json`")
    parser.add_argument("out", type=Path, help="folder to write into")
    parser.add_argument("--format", default="anki,pdf", help="anki, pdf or both")
    args = parser.parse_args()
    questions = json.loads(args.questions.read_text(encoding="utf-8"))
    args.out.mkdir(parents=True, exist_ok=True)
    formats = args.format.split(",")
    if "anki" in formats:
        write_deck(questions, args.out / "floor.apkg")
    if "pdf" in formats:
        write_pdfs(questions, args.out)


if __name__ == "__main__":
    main()
