"""The four quizgen note types, with hard-coded ids.

Their field lists are designed once and must not change: when an imported note type's fields differ
from the one a student has, Anki makes a second note type ("name+"), marks the student's notes
"conflicting" and stops updating them. Template text and CSS may change freely (Anki updates them in
place), so anything that may evolve is rendered by the templates, not stored in fields.

Fields shared by every note type:

* ``Instruction``: what to do ("Choose one answer."), so one note type serves several
  question types;
* ``Image``: an ``<img>`` of a packaged picture, or empty;
* ``Explanation``, ``Evidence``, ``Source``: the back of every card;
* ``QuestionId``: the question's id in its set (the GUID is derived from it too).

Every field holds HTML that quizgen built from escaped text: nothing a teacher types is ever
interpreted as markup.
"""

from __future__ import annotations

import genanki

CSS = """\
.card {
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
  font-size: 20px; line-height: 1.45; text-align: left;
  color: #1b1b1b; background-color: #fdfdfb;
  --muted: #5c5c5c; --rule: #c9c9c9; --accent: #1d6b3a; --accent-bg: #e5f3e9; --quote: #9a8c6b;
}
.card.nightMode, .card.night_mode, .nightMode .card, .night_mode .card {
  color: #e8e8e8; background-color: #2b2b2b;
  --muted: #b0b0b0; --rule: #5a5a5a; --accent: #8fdca8; --accent-bg: #1f3b2a; --quote: #a99a74;
}
.qz { max-width: 36em; margin: 0 auto; padding: 0 .4em; }
.qz-instruction { font-size: 70%; text-transform: uppercase; letter-spacing: .06em;
  color: var(--muted); margin-bottom: .3em; }
.qz-prompt { font-weight: 600; font-size: 110%; margin-bottom: .7em; }
.qz-image { margin: .5em 0; text-align: center; }
.qz-image img { max-width: 100%; max-height: 40vh; }
ol.qz-options { list-style-type: upper-alpha; padding-left: 2em; margin: .4em 0; }
ol.qz-options li { margin: .25em 0; padding: .1em .4em; border-radius: .3em; }
ol.qz-options li.qz-correct { font-weight: 700; color: var(--accent);
  background: var(--accent-bg); }
ol.qz-options li.qz-correct::after { content: " \\2714"; }
ol.qz-pairs, ol.qz-order { padding-left: 2em; margin: .4em 0; }
ol.qz-pairs li, ol.qz-order li { margin: .2em 0; }
.qz-arrow { color: var(--muted); padding: 0 .2em; }
.qz-columns { display: flex; column-gap: 2.5em; row-gap: .2em; flex-wrap: wrap; }
.qz-columns ol { padding-left: 2em; margin: .2em 0; }
ol.qz-letters { list-style-type: upper-alpha; }
.qz-letter { color: var(--muted); font-size: 85%; }
hr#answer { border: 0; border-top: 1px solid var(--rule); margin: 1em 0; }
.qz-answer { font-weight: 700; color: var(--accent); margin: .3em 0; }
.qz-accepted { color: var(--muted); font-size: 90%; }
.qz-explanation { margin-top: .8em; }
.qz-evidence { margin: .8em 0 0 0; padding-left: .8em; border-left: 3px solid var(--quote);
  font-style: italic; font-size: 90%; }
.qz-evidence p { margin: .2em 0; }
.qz-source { margin-top: .5em; font-size: 75%; color: var(--muted); }
.qz-source a { color: inherit; }
.cloze { font-weight: 700; color: #1f5fa8; }
.nightMode .cloze, .night_mode .cloze { color: #8fbfff; }
#typeans { width: 100%; box-sizing: border-box; font-size: 100%; }
"""

_HEAD = (
    '<div class="qz-instruction">{{Instruction}}</div>'
    '<div class="qz-prompt">{{Prompt}}</div>'
    '{{#Image}}<div class="qz-image">{{Image}}</div>{{/Image}}'
)
BACK_EXTRAS = (
    '{{#Explanation}}<div class="qz-explanation">{{Explanation}}</div>{{/Explanation}}'
    '{{#Evidence}}<blockquote class="qz-evidence">{{Evidence}}</blockquote>{{/Evidence}}'
    '{{#Source}}<div class="qz-source">{{Source}}</div>{{/Source}}'
)
_COMMON_FIELDS = ("Explanation", "Evidence", "Source", "QuestionId")


def _fields(*names: str) -> list[dict[str, str]]:
    return [{"name": name} for name in names]


def _wrap(html: str) -> str:
    return f'<div class="qz">{html}</div>'


# Made only for notes whose Reverse field is filled (Anki skips cards with empty fronts).
REVERSE_TEMPLATE = {
    "name": "Reverse",
    "qfmt": "{{#Reverse}}"
    + _wrap('<div class="qz-instruction">{{Reverse}}</div><div class="qz-prompt">{{Answer}}</div>')
    + "{{/Reverse}}",
    "afmt": _wrap(
        '<div class="qz-instruction">{{Reverse}}</div>'
        '<div class="qz-prompt">{{Answer}}</div><hr id="answer">'
        '<div class="qz-answer">{{Prompt}}</div>'
        '{{#Image}}<div class="qz-image">{{Image}}</div>{{/Image}}' + BACK_EXTRAS
    ),
}

CHOICE = genanki.Model(
    1737100011,
    "quizgen: choice",
    fields=_fields(
        "Prompt",
        "Instruction",
        "Image",
        "Options",
        "OptionsMarked",
        "Answer",
        "Reverse",
        *_COMMON_FIELDS,
    ),
    templates=[
        {
            "name": "Question",
            "qfmt": _wrap(_HEAD + "{{Options}}"),
            "afmt": _wrap(
                _HEAD + '{{OptionsMarked}}<hr id="answer">'
                '<div class="qz-answer">{{Answer}}</div>' + BACK_EXTRAS
            ),
        },
        REVERSE_TEMPLATE,
    ],
    css=CSS,
)
"""Multiple choice, multiple select and true/false: options in the build's order, both sides."""

TYPE_IN = genanki.Model(
    1737100012,
    "quizgen: type-in",
    fields=_fields(
        "Prompt", "Instruction", "Image", "Answer", "Accepted", "Reverse", *_COMMON_FIELDS
    ),
    templates=[
        {
            "name": "Question",
            "qfmt": _wrap(_HEAD + "{{type:Answer}}"),
            "afmt": _wrap(
                _HEAD + '{{type:Answer}}<hr id="answer">'
                '{{#Accepted}}<div class="qz-accepted">Also accepted: {{Accepted}}</div>'
                "{{/Accepted}}" + BACK_EXTRAS
            ),
        },
        REVERSE_TEMPLATE,
    ],
    css=CSS,
)
"""Short answer: Anki compares what the student types with the first accepted answer."""

CLOZE = genanki.Model(
    1737100013,
    "quizgen: cloze",
    model_type=genanki.Model.CLOZE,
    fields=_fields("Text", "Instruction", "Image", *_COMMON_FIELDS),
    templates=[
        {
            "name": "Cloze",
            "qfmt": _wrap(
                '<div class="qz-instruction">{{Instruction}}</div>'
                '<div class="qz-prompt">{{cloze:Text}}</div>'
                '{{#Image}}<div class="qz-image">{{Image}}</div>{{/Image}}'
            ),
            "afmt": _wrap(
                '<div class="qz-instruction">{{Instruction}}</div>'
                '<div class="qz-prompt">{{cloze:Text}}</div>'
                '{{#Image}}<div class="qz-image">{{Image}}</div>{{/Image}}'
                '<hr id="answer">' + BACK_EXTRAS
            ),
        }
    ],
    css=CSS,
)
"""Cloze: every blank of a question is one cloze number, so a question is one card."""

ARRANGE = genanki.Model(
    1737100014,
    "quizgen: matching and ordering",
    fields=_fields("Prompt", "Instruction", "Image", "Items", "Solution", *_COMMON_FIELDS),
    templates=[
        {
            "name": "Question",
            "qfmt": _wrap(_HEAD + "{{Items}}"),
            "afmt": _wrap(_HEAD + '<hr id="answer">{{Solution}}' + BACK_EXTRAS),
        }
    ],
    css=CSS,
)
"""Matching and ordering: the shuffled items on the front, the solution on the back."""

ALL = (CHOICE, TYPE_IN, CLOZE, ARRANGE)
