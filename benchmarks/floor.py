"""The floor: the same outputs written with genanki and reportlab directly.

    python benchmarks/floor.py QUESTIONS.json OUT_DIR [--format anki,pdf]

QUESTIONS.json is the output of ``quizgen list --json`` for the set (made once, outside the
timing): the finished questions, so this script does none of quizgen's own work (no YAML, no
validation, no templates, no distractors, no checks). What it does is what any program writing the
same deck and the same PDFs must do with these libraries, and it mirrors quizgen's renderers
(quizgen/render/) piece for piece so that the comparison is fair:

* anki: one genanki note per question in the same four note types (the same fields, card
  templates and CSS size), with the same HTML in the fields (escaped text, option lists, cloze
  markup, evidence, citation), in one sub-deck per topic, written with ``Package.write_to_file``;
* pdf, worksheet and answer key: the DejaVu Sans TrueType font (regular and bold, embedded),
  ``SimpleDocTemplate`` with a two-pass canvas for "Page X of Y" footers; a header table; a part
  per question type with its instruction; per question a ``KeepTogether`` of the numbered prompt
  and its body: a table of tick boxes and options, True/False to circle, ruled writing lines, a
  three-column matching table or a table of boxes to number; in the key the answer, the
  explanation and each evidence passage with the citation;
* pdf, flashcards: a canvas with a 2 x 4 grid of cards per page, fronts then mirrored backs, cut
  marks, each card's paragraphs in a ``KeepInFrame`` that shrinks long text.

Only the standard library, genanki and reportlab are imported (the font files are read from
quizgen/fonts/).
"""

from __future__ import annotations

import argparse
import html
import json
import re
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

FONTS = Path(__file__).resolve().parent.parent / "quizgen" / "fonts"
CLOZE_BLANK = re.compile(r"\[\[(.+?)\]\]")
CITATION = "“A synthetic article about a treaty”, The Benchmark Times, 2025-01-17"
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
SECTIONS = [
    ("true_false", "True or false", "Circle True or False for each statement."),
    ("multiple_choice", "Multiple choice", "Tick the box of the one correct answer."),
    ("multiple_select", "Multiple select", "Tick the box of every correct answer."),
    ("matching", "Matching", "Write the letter of the matching item on each line."),
    ("ordering", "Ordering", "Number the boxes 1, 2, 3, … to put the items in order."),
    ("cloze", "Fill in the blanks", "Write the missing word or words on each blank."),
    ("short_answer", "Short answer", "Answer each question on the lines, in a few words."),
]

Q = dict[str, Any]


def _esc(text: str) -> str:
    return html.escape(text, quote=True).replace("\n", "<br>")


def _text(text: str) -> str:
    return escape(text).replace("\n", "<br/>")


# --------------------------------------------------------------------------- anki


def write_deck(questions: list[Q], target: Path) -> None:
    import genanki

    css = ".card { font-family: system-ui, sans-serif; font-size: 20px; }\n" * 40  # ~2.6 kB
    head = (
        '<div class="qz-instruction">{{Instruction}}</div><div class="qz-prompt">{{Prompt}}</div>'
        '{{#Image}}<div class="qz-image">{{Image}}</div>{{/Image}}'
    )
    extras = (
        '{{#Explanation}}<div class="qz-explanation">{{Explanation}}</div>{{/Explanation}}'
        '{{#Evidence}}<blockquote class="qz-evidence">{{Evidence}}</blockquote>{{/Evidence}}'
        '{{#Source}}<div class="qz-source">{{Source}}</div>{{/Source}}'
    )
    common = ["Explanation", "Evidence", "Source", "QuestionId"]
    reverse = {
        "name": "Reverse",
        "qfmt": '{{#Reverse}}<div class="qz-instruction">{{Reverse}}</div>'
        '<div class="qz-prompt">{{Answer}}</div>{{/Reverse}}',
        "afmt": '<div class="qz-instruction">{{Reverse}}</div><div class="qz-prompt">{{Answer}}'
        '</div><hr id="answer"><div class="qz-answer">{{Prompt}}</div>' + extras,
    }

    def model(id: int, name: str, fields: list[str], templates: list[dict[str, str]]) -> Any:
        return genanki.Model(id, name, [{"name": f} for f in fields], templates, css=css)

    choice = model(
        1737100011,
        "quizgen: choice",
        [
            "Prompt",
            "Instruction",
            "Image",
            "Options",
            "OptionsMarked",
            "Answer",
            "Reverse",
            *common,
        ],
        [
            {
                "name": "Question",
                "qfmt": head + "{{Options}}",
                "afmt": head + '{{OptionsMarked}}<hr id="answer">'
                '<div class="qz-answer">{{Answer}}</div>' + extras,
            },
            reverse,
        ],
    )
    type_in = model(
        1737100012,
        "quizgen: type-in",
        ["Prompt", "Instruction", "Image", "Answer", "Accepted", "Reverse", *common],
        [
            {
                "name": "Question",
                "qfmt": head + "{{type:Answer}}",
                "afmt": head + '{{type:Answer}}<hr id="answer">{{#Accepted}}Also accepted: '
                "{{Accepted}}{{/Accepted}}" + extras,
            },
            reverse,
        ],
    )
    cloze = genanki.Model(
        1737100013,
        "quizgen: cloze",
        [{"name": f} for f in ["Text", "Instruction", "Image", *common]],
        [
            {
                "name": "Cloze",
                "qfmt": '<div class="qz-instruction">{{Instruction}}</div>{{cloze:Text}}',
                "afmt": '<div class="qz-instruction">{{Instruction}}</div>{{cloze:Text}}'
                '<hr id="answer">' + extras,
            }
        ],
        css=css,
        model_type=genanki.Model.CLOZE,
    )
    arrange = model(
        1737100014,
        "quizgen: matching and ordering",
        ["Prompt", "Instruction", "Image", "Items", "Solution", *common],
        [
            {
                "name": "Question",
                "qfmt": head + "{{Items}}",
                "afmt": head + '<hr id="answer">{{Solution}}' + extras,
            }
        ],
    )
    source = f"Source: {_esc(CITATION)}"
    decks: dict[str, Any] = {}

    def options(choices: list[str], correct: set[str] | None) -> str:
        items = "".join(
            f"<li{' class=qz-correct' if correct and c in correct else ''}>{_esc(c)}</li>"
            for c in choices
        )
        return f'<ol class="qz-options">{items}</ol>'

    for q in questions:
        tail = [
            _esc(q["explanation"]),
            "".join(f"<p>“{_esc(e)}”</p>" for e in q["evidence"]),
            source,
            _esc(q["id"]),
        ]
        kind = q["type"]
        if kind == "cloze":
            text = CLOZE_BLANK.sub(lambda m: "{{c1::" + _esc(m.group(1)) + "}}", q["cloze"])
            note_type, fields = cloze, [text, "Fill in the blank.", "", *tail]
        elif kind == "short_answer":
            answers = q["answers"]
            accepted = _esc(", ".join(answers[1:]))
            note_type = type_in
            fields = [_esc(q["prompt"]), "Type the answer.", "", _esc(answers[0]), accepted, ""]
            fields += tail
        elif kind in ("matching", "ordering"):
            rights = q["choices"]
            if kind == "matching":
                items = "".join(f"<li>{_esc(left)}</li>" for left, _ in q["pairs"])
                items += "".join(f"<li>{_esc(right)}</li>" for right in rights)
                solution = "".join(
                    f"<li>{_esc(left)} → {LETTERS[rights.index(right)]}. {_esc(right)}</li>"
                    for left, right in q["pairs"]
                )
            else:
                items = options(rights, None)
                solution = "".join(
                    f"<li>{_esc(item)} ({LETTERS[rights.index(item)]})</li>"
                    for item in q["answers"]
                )
            note_type = arrange
            fields = [_esc(q["prompt"]), "Match or order.", "", items, solution, *tail]
        else:
            note_type = choice
            fields = [
                _esc(q["prompt"]),
                "Choose one answer.",
                "",
                options(q["choices"], None),
                options(q["choices"], set(q["answers"])),
                "<br>".join(_esc(a) for a in q["answers"]),
                "",
                *tail,
            ]
        name = f"Benchmark floor::{q['topic']}" if q["topic"] else "Benchmark floor"
        if name not in decks:
            decks[name] = genanki.Deck(2059400110 + len(decks), name)
        guid = genanki.guid_for(q["set"], q["id"])
        decks[name].add_note(
            genanki.Note(model=note_type, fields=fields, guid=guid, tags=q["tags"])
        )
    genanki.Package(list(decks.values())).write_to_file(str(target))


# --------------------------------------------------------------------------- pdf


def write_pdfs(questions: list[Q], out_dir: Path) -> None:
    from reportlab.lib.colors import Color, black
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import (
        Flowable,
        KeepInFrame,
        KeepTogether,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    regular, bold = "DejaVuSans", "DejaVuSans-Bold"
    pdfmetrics.registerFont(TTFont(regular, str(FONTS / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(bold, str(FONTS / "DejaVuSans-Bold.ttf")))
    from reportlab.lib.fonts import addMapping

    for italic in (0, 1):
        addMapping(regular, 0, italic, regular)
        addMapping(regular, 1, italic, bold)
    dark = Color(0.25, 0.25, 0.25)
    indent, width = 9.5 * mm, A4[0] - 36 * mm - 12
    body = ParagraphStyle("body", fontName=regular, fontSize=10.5, leading=14)
    style = {
        "title": ParagraphStyle("title", parent=body, fontName=bold, fontSize=16, leading=20),
        "meta": ParagraphStyle("meta", parent=body, fontSize=8.5, leading=11, textColor=dark),
        "section": ParagraphStyle("s", parent=body, fontName=bold, fontSize=12, spaceBefore=10),
        "instruction": ParagraphStyle("i", parent=body, fontSize=9.5, leading=12),
        "question": ParagraphStyle(
            "q", parent=body, leftIndent=indent, bulletFontName=bold, spaceBefore=9
        ),
        "option": body,
        "answer": ParagraphStyle("a", parent=body, fontName=bold, leftIndent=indent),
        "note": ParagraphStyle("n", parent=body, leftIndent=indent, fontSize=9, leading=12),
        "card": ParagraphStyle("c", parent=body, fontSize=11, leading=14),
        "card_answer": ParagraphStyle("ca", parent=body, fontName=bold, fontSize=11, leading=14),
        "card_note": ParagraphStyle("cn", parent=body, fontSize=8.5, leading=11),
    }
    tight = [
        ("FONT", (0, 0), (-1, -1), regular, 10),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ]

    class Box(Flowable):  # type: ignore[misc]
        def __init__(self, size: float, mark: str = ""):
            super().__init__()
            self.size, self.mark = size, mark

        def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
            return self.size, self.size

        def draw(self) -> None:
            self.canv.setLineWidth(0.8)
            self.canv.rect(0, 0, self.size, self.size, stroke=1, fill=0)
            if self.mark:
                self.canv.setFont(bold, 10)
                self.canv.drawCentredString(self.size / 2, self.size / 2 - 3.5, self.mark)

    class Lines(Flowable):  # type: ignore[misc]
        def __init__(self, count: int, circled: str | None = None, words: tuple[str, ...] = ()):
            super().__init__()
            self.count, self.circled, self.words = count, circled, words

        def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
            self.width = available_width
            return available_width, self.count * 9 * mm if self.count else 20.5

        def draw(self) -> None:
            canvas = self.canv
            canvas.setLineWidth(0.5)
            for i in range(self.count):  # lines to write on
                canvas.line(indent, i * 9 * mm + 1, self.width, i * 9 * mm + 1)
            x = indent + 3 * mm
            for word in self.words:  # or words to circle
                font = bold if word == self.circled else regular
                canvas.setFont(font, 10.5)
                canvas.drawString(x, 6, word)
                word_width = canvas.stringWidth(word, font, 10.5)
                if word == self.circled:
                    canvas.ellipse(x - 6, 1, x + word_width + 6, 18.5)
                x += word_width + 16 * mm

    def table(rows: list[list[Any]], widths: list[float]) -> Any:
        result = Table(rows, colWidths=widths)
        result.setStyle(TableStyle(tight))
        result.hAlign = "RIGHT"
        return result

    def question_block(q: Q, number: int, key: bool) -> list[Any]:
        kind = q["type"]
        if kind == "cloze":
            fill = "<u><b>\\1</b></u>" if key else "_" * 14
            prompt = CLOZE_BLANK.sub(fill, _text(q["cloze"]))
        else:
            prompt = _text(q["prompt"])
        parts: list[Any] = [Paragraph(prompt, style["question"], bulletText=f"{number}.")]
        if kind in ("multiple_choice", "multiple_select", "ordering"):
            rows = []
            for letter, option in zip(LETTERS, q["choices"], strict=False):
                if kind == "ordering":
                    mark = str(q["answers"].index(option) + 1) if key else ""
                    rows.append([Box(6.5 * mm, mark), Paragraph(_text(option), style["option"])])
                else:
                    mark = "✓" if key and option in q["answers"] else ""
                    text = f"<b>{letter}.</b>\u00a0\u00a0{_text(option)}"
                    rows.append([Box(3.8 * mm, mark), Paragraph(text, style["option"])])
            parts.append(table(rows, [10 * mm, width - indent - 10 * mm]))
        elif kind == "true_false":
            parts.append(Lines(0, q["answers"][0] if key else None, tuple(q["choices"])))
        elif kind == "short_answer" and not key:
            parts += [Spacer(1, 2 * mm), Lines(max(1, min(8, len(q["answers"][0]) // 45 + 1)))]
        elif kind == "matching":
            rows = []
            for index, (left, right) in enumerate(q["pairs"]):
                letter = LETTERS[q["choices"].index(right)]
                rows.append(
                    [
                        Paragraph(f"<b>{letter}</b>" if key else "______", style["option"]),
                        Paragraph(f"<b>{index + 1}.</b>\u00a0{_text(left)}", style["option"]),
                        Paragraph(
                            f"<b>{LETTERS[index]}.</b>\u00a0{_text(q['choices'][index])}",
                            style["option"],
                        ),
                    ]
                )
            room = width - indent - 16 * mm
            parts.append(table(rows, [16 * mm, room / 2, room / 2]))
        if key:
            answer = "; ".join(q["answers"])
            parts.append(Paragraph(f"Answer: {_text(answer)}", style["answer"]))
            if q["explanation"]:
                parts.append(Paragraph(f"<b>Why:</b> {_text(q['explanation'])}", style["note"]))
            for passage in q["evidence"]:
                parts.append(
                    Paragraph(
                        f"<b>Evidence:</b> “{_text(passage)}” ({_text(CITATION)})", style["note"]
                    )
                )
        return parts

    class NumberedCanvas(Canvas):  # type: ignore[misc]
        """Pages kept until the end, to print "Page X of Y" on each."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            for state in self._pages:
                self.__dict__.update(state)
                self.setFont(regular, 8)
                self.drawString(18 * mm, 10 * mm, "Benchmark floor · Worksheet")
                self.drawRightString(
                    A4[0] - 18 * mm, 10 * mm, f"Page {self._pageNumber} of {len(self._pages)}"
                )
                super().showPage()
            super().save()

    ordered = [(kind, [q for q in questions if q["type"] == kind]) for kind, _, _ in SECTIONS]
    titles = {kind: (title, instruction) for kind, title, instruction in SECTIONS}
    for key, name in ((False, "floor-worksheet.pdf"), (True, "floor-key.pdf")):
        header = table(
            [[Paragraph("Benchmark floor", style["title"]), Paragraph("Form", style["title"])]],
            [width - 42 * mm, 42 * mm],
        )
        story: list[Any] = [header, Paragraph(_text(CITATION), style["meta"]), Spacer(1, 5 * mm)]
        number = 0
        for part, (kind, group) in enumerate([(k, g) for k, g in ordered if g], start=1):
            title, instruction = titles[kind]
            heading = [
                Paragraph(f"Part {part} · {title}", style["section"]),
                Paragraph(instruction, style["instruction"]),
            ]
            for index, q in enumerate(group):
                number += 1
                block = question_block(q, number, key)
                story.append(KeepTogether(heading + block if index == 0 else block))
        SimpleDocTemplate(
            str(out_dir / name),
            pagesize=A4,
            leftMargin=18 * mm,
            rightMargin=18 * mm,
            topMargin=15 * mm,
            bottomMargin=20 * mm,
            initialFontName=regular,
        ).build(story, canvasmaker=NumberedCanvas)

    # flashcards: 2 x 4 cards of 90 x 60 mm per page, fronts then mirrored backs
    card_w, card_h, padding = 90 * mm, 60 * mm, 5 * mm
    left, bottom = (A4[0] - 2 * card_w) / 2, (A4[1] - 4 * card_h) / 2
    canvas = Canvas(str(out_dir / "floor-flashcards.pdf"), pagesize=A4, initialFontName=regular)
    for start in range(0, len(questions), 8):
        chunk = questions[start : start + 8]
        for back in (False, True):
            canvas.setLineWidth(0.5)
            canvas.setStrokeColor(dark)
            for column in range(3):
                x = left + column * card_w
                canvas.line(x, bottom + 4 * card_h + 2 * mm, x, bottom + 4 * card_h + 8 * mm)
                canvas.line(x, bottom - 2 * mm, x, bottom - 8 * mm)
            for row in range(5):
                y = bottom + row * card_h
                canvas.line(left - 2 * mm, y, left - 8 * mm, y)
                canvas.line(left + 2 * card_w + 2 * mm, y, left + 2 * card_w + 8 * mm, y)
            for slot, q in enumerate(chunk):
                row, column = divmod(slot, 2)
                column = 1 - column if back else column
                x, y = left + column * card_w, bottom + (3 - row) * card_h
                if not back:
                    canvas.setStrokeColor(black)
                    canvas.rect(x, y, card_w, card_h, stroke=1, fill=0)
                canvas.setFont(regular, 7)
                side = "answer" if back else "question"
                label = f"Card {start + slot + 1} · {side}"
                canvas.drawCentredString(x + card_w / 2, y + card_h - 4 * mm, label)
                if back:
                    content = [Paragraph(_text(a), style["card_answer"]) for a in q["answers"]]
                    if q["explanation"]:
                        content += [
                            Spacer(1, 4),
                            Paragraph(_text(q["explanation"]), style["card_note"]),
                        ]
                else:
                    content = [Paragraph(_text(q["prompt"]), style["card"])]
                    lines = q["choices"] if q["type"] != "matching" else [p[0] for p in q["pairs"]]
                    if q["type"] not in ("true_false", "cloze", "short_answer"):
                        content += [Spacer(1, 2)] + [
                            Paragraph(f"<b>{letter}.</b> {_text(line)}", style["card"])
                            for letter, line in zip(LETTERS, lines, strict=False)
                        ]
                inner_w, inner_h = card_w - 2 * padding, card_h - 2 * padding - 3 * mm
                block = KeepInFrame(inner_w, inner_h, content, mode="shrink")
                _, height = block.wrapOn(canvas, inner_w, inner_h)
                block.drawOn(
                    canvas, x + padding, y + padding + (inner_h - min(height, inner_h)) / 2
                )
            canvas.setFont(regular, 8)
            canvas.drawCentredString(A4[0] / 2, 8 * mm, f"Flashcards · sheet {start // 8 + 1}")
            canvas.showPage()
    canvas.save()


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
