"""Anki decks (``<set>.apkg``) through genanki.

Ids are hard-coded or derived from stable names, never from text, so that a rebuilt deck updates
the notes a student already has: note-type ids are constants, the deck id comes from the set name,
and each note's GUID from the set and the question id.
"""

from __future__ import annotations

import hashlib
import html
import itertools
import sqlite3
import tempfile
import zipfile
from pathlib import Path

import genanki

from ..fileio import atomic_path
from ..generate import CLOZE_BLANK
from ..models import Question, QuestionType, Quiz
from . import RenderOptions

CSS = """
.card { font-family: system-ui, sans-serif; font-size: 20px; line-height: 1.4;
        text-align: left; color: #111; background: #fff; max-width: 40em; margin: 0 auto; }
.prompt { font-weight: 600; margin-bottom: .6em; }
ol.options { list-style-type: upper-alpha; padding-left: 1.6em; }
ol.options li { margin: .2em 0; }
li.correct { font-weight: 700; }
li.correct::after { content: "  ✓"; }
.answer { font-weight: 700; margin: .4em 0; }
.explanation { margin-top: .8em; }
.evidence { margin-top: .8em; font-size: 85%; color: #333; border-left: 3px solid #999;
            padding-left: .6em; font-style: italic; }
.source { margin-top: .4em; font-size: 75%; color: #555; }
.nightMode .card, .card.nightMode { color: #eee; background: #222; }
.nightMode .evidence, .nightMode .source { color: #ccc; }
"""

BACK_EXTRAS = """
<div class="explanation">{{Explanation}}</div>
{{#Evidence}}<div class="evidence">{{Evidence}}</div>{{/Evidence}}
<div class="source">{{Source}}</div>
"""

# Field lists are designed once: Anki cannot update notes whose note type's fields change.
CHOICE_MODEL = genanki.Model(
    1737100001,
    "quizgen: choice",
    fields=[
        {"name": n}
        for n in (
            "Prompt",
            "Options",
            "OptionsMarked",
            "Answer",
            "Explanation",
            "Evidence",
            "Source",
            "Image",
            "QuestionId",
        )
    ],
    templates=[
        {
            "name": "Choice",
            "qfmt": '<div class="prompt">{{Prompt}}</div>{{Image}}{{Options}}',
            "afmt": '<div class="prompt">{{Prompt}}</div>{{Image}}{{OptionsMarked}}'
            '<hr id="answer"><div class="answer">{{Answer}}</div>' + BACK_EXTRAS,
        }
    ],
    css=CSS,
)

TYPE_ANSWER_MODEL = genanki.Model(
    1737100002,
    "quizgen: type answer",
    fields=[
        {"name": n}
        for n in (
            "Prompt",
            "Answer",
            "Accepted",
            "Explanation",
            "Evidence",
            "Source",
            "Image",
            "QuestionId",
        )
    ],
    templates=[
        {
            "name": "Type answer",
            "qfmt": '<div class="prompt">{{Prompt}}</div>{{Image}}{{type:Answer}}',
            "afmt": '<div class="prompt">{{Prompt}}</div>{{Image}}{{type:Answer}}'
            '<hr id="answer">{{#Accepted}}<div class="accepted">Also accepted: '
            "{{Accepted}}</div>{{/Accepted}}" + BACK_EXTRAS,
        }
    ],
    css=CSS,
)

CLOZE_MODEL = genanki.Model(
    1737100003,
    "quizgen: cloze",
    model_type=genanki.Model.CLOZE,
    fields=[
        {"name": n} for n in ("Text", "Explanation", "Evidence", "Source", "Image", "QuestionId")
    ],
    templates=[
        {
            "name": "Cloze",
            "qfmt": '<div class="prompt">{{cloze:Text}}</div>{{Image}}',
            "afmt": '<div class="prompt">{{cloze:Text}}</div>{{Image}}<hr id="answer">'
            + BACK_EXTRAS,
        }
    ],
    css=CSS,
)


def deck_id(name: str) -> int:
    """A stable deck id from a name (Anki ids are positive 63-bit integers)."""
    digest = hashlib.sha256(f"quizgen-deck:{name}".encode()).digest()
    return int.from_bytes(digest[:8], "big") >> 2 or 1


def _esc(text: str) -> str:
    return html.escape(text, quote=True).replace("\n", "<br>")


def _options(options: tuple[str, ...], correct: set[str] | None) -> str:
    items = []
    for option in options:
        marked = correct is not None and option in correct
        css = ' class="correct"' if marked else ""
        items.append(f"<li{css}>{_esc(option)}</li>")
    return f'<ol class="options">{"".join(items)}</ol>'


def _cloze(text: str) -> str:
    parts = []
    last = 0
    for match in CLOZE_BLANK.finditer(text):
        parts.append(_esc(text[last : match.start()]))
        # One cloze number for every blank: one card that asks them all, like the worksheet.
        fill = _esc(match.group(1).strip()).replace("}}", "} }")
        parts.append("{{c1::" + fill + "}}")
        last = match.end()
    parts.append(_esc(text[last:]))
    return "".join(parts)


def note_for(question: Question, source: str) -> genanki.Note:
    evidence = "<br>".join(f"“{_esc(e)}”" for e in question.evidence)
    common = {
        "Explanation": _esc(question.explanation),
        "Evidence": evidence,
        "Source": _esc(source),
        "Image": "",
        "QuestionId": _esc(question.id),
    }
    if question.type is QuestionType.CLOZE:
        assert question.cloze is not None
        fields = {"Text": _cloze(question.cloze), **common}
        model = CLOZE_MODEL
    elif question.type is QuestionType.SHORT_ANSWER:
        fields = {
            "Prompt": _esc(question.prompt),
            "Answer": _esc(question.answers[0]),
            "Accepted": _esc(", ".join(question.answers[1:])),
            **common,
        }
        model = TYPE_ANSWER_MODEL
    else:
        options = question.choices
        answer = "<br>".join(_esc(a) for a in question.answers)
        fields = {
            "Prompt": _esc(question.prompt),
            "Options": _options(options, None),
            "OptionsMarked": _options(options, set(question.answers)),
            "Answer": answer,
            **common,
        }
        model = CHOICE_MODEL
    return genanki.Note(
        model=model,
        fields=[fields[f["name"]] for f in model.fields],
        guid=genanki.guid_for(question.set, question.id),
        tags=list(question.tags),
    )


def write_package(package: genanki.Package, target: Path, timestamp: float) -> None:
    """Write an .apkg whose bytes depend only on the content and ``timestamp``.

    genanki's own ``write_to_file`` stamps zip entries with the clock; here the database is
    written with pinned ids and times, and the zip entries carry a fixed date.
    """
    with tempfile.TemporaryDirectory() as scratch:
        db_path = Path(scratch) / "collection.anki2"
        connection = sqlite3.connect(db_path)
        try:
            package.write_to_db(
                connection.cursor(), timestamp, itertools.count(int(timestamp * 1000))
            )
            connection.commit()
        finally:
            connection.close()
        with atomic_path(target) as temporary, zipfile.ZipFile(temporary, "w") as archive:
            entry = zipfile.ZipInfo("collection.anki2", date_time=(1980, 1, 1, 0, 0, 0))
            archive.writestr(entry, db_path.read_bytes())
            media = zipfile.ZipInfo("media", date_time=(1980, 1, 1, 0, 0, 0))
            archive.writestr(media, "{}")


class AnkiRenderer:
    name = "anki"

    def outputs(self, quiz: Quiz, options: RenderOptions) -> list[str]:
        return [f"{quiz.meta.name}.apkg"]

    def render(self, quiz: Quiz, out_dir: Path, options: RenderOptions) -> list[Path]:
        deck = genanki.Deck(
            deck_id(quiz.meta.name), quiz.meta.deck, description=_esc(quiz.meta.description)
        )
        source = quiz.meta.source.text()
        for question in quiz.questions:
            deck.add_note(note_for(question, source))
        target = out_dir / self.outputs(quiz, options)[0]
        write_package(genanki.Package(deck), target, options.timestamp)
        return [target]
