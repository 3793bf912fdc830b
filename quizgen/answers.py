"""How a typed answer is compared with the accepted answers (short answers and cloze blanks).

Two texts match when their normal forms are equal. The same rules are written a second time, in
JavaScript, in the HTML page (``render/html/quiz.js``), because the page checks answers in the
student's browser; one table of test vectors (``answer_vectors.json``) drives the tests of both,
and docs/format.md ("How typed answers are compared") states the rules for teachers:

1. Unicode NFKC (full-width letters, ligatures and no-break spaces become plain ones), then
   case folded (``ß`` = ``ss``, final ``ς`` = ``σ``);
2. curly quotes and apostrophes become straight ones, every kind of dash a hyphen;
3. digit grouping is removed: ``11,000`` = ``11 000`` = ``11000`` (a comma or space between a
   digit and exactly three more digits);
4. hyphens and slashes separate words (``well-known`` = ``well known``);
5. other punctuation is dropped (``U.S.`` = ``US``, ``Peskov's`` = ``Peskovs``), except a ``.``
   or ``,`` between two digits (``3.5`` stays ``3.5``, never ``35``);
6. runs of whitespace become one space, none at either end;
7. a leading article (``a``, ``an``, ``the``) is dropped.

An empty answer (nothing left after these rules) never matches.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .errors import Problems
    from .models import Question

_STRAIGHTEN = str.maketrans(
    {
        **dict.fromkeys("‘’‚‛′`´", "'"),
        **dict.fromkeys("“”„‟″«»", '"'),
        **dict.fromkeys("‐‑‒–—―−", "-"),
    }
)
_GROUPING = re.compile(r"(?<=\d)[, ](?=\d{3}(?!\d))")
_SEPARATORS = re.compile(r"[-/]")
_DECIMAL = re.compile(r"(?<=\d)([.,])(?=\d)")
_ARTICLE = re.compile(r"^(?:a|an|the) ")
# private-use characters stand in for a decimal '.' or ',' while other punctuation is dropped
_KEEP = {".": "\ue000", ",": "\ue001"}
_RESTORE = str.maketrans({v: k for k, v in _KEEP.items()})


def normalise_answer(text: str) -> str:
    """The normal form in which a typed answer and an accepted answer are compared."""
    folded = unicodedata.normalize("NFKC", text).casefold().translate(_STRAIGHTEN)
    folded = " ".join(folded.split())
    folded = _GROUPING.sub("", folded)
    folded = _SEPARATORS.sub(" ", folded)
    folded = _DECIMAL.sub(lambda m: _KEEP[m.group(1)], folded)
    kept = "".join(c for c in folded if not unicodedata.category(c).startswith("P"))
    words = " ".join(kept.translate(_RESTORE).split())
    return _ARTICLE.sub("", words)


def answer_matches(typed: str, accepted: Sequence[str]) -> bool:
    """Whether ``typed`` is one of the ``accepted`` answers, by :func:`normalise_answer`."""
    wanted = normalise_answer(typed)
    return bool(wanted) and any(wanted == normalise_answer(answer) for answer in accepted)


ANSWER_SEPARATOR = " | "
"""Between several answers written on one line: the other accepted answers of a short answer, the
correct options of a multiple select, the fill-ins of a cloze, in the key, ``show``, the deck, the
page and every export. A comma would not do ("September 11, 2001" would read as two answers),
nor would a semicolon; ``|`` is in no answer, because validate refuses one that holds it
(:func:`separator_problems`)."""

LISTED_TYPES = ("short_answer", "multiple_select", "cloze")
"""The question types whose answers are listed with :data:`ANSWER_SEPARATOR`."""


def list_answers(answers: Iterable[str]) -> str:
    """Several answers on one line, as every output writes them."""
    return ANSWER_SEPARATOR.join(answers)


def separator_problems(questions: Iterable[Question], problems: Problems) -> None:
    """An answer holding ``|`` would read as two answers wherever answers are listed."""
    for question in questions:
        if question.type.value not in LISTED_TYPES:
            continue
        for answer in question.answers:
            if ANSWER_SEPARATOR.strip() in answer:
                problems.add(
                    question.location,
                    f"question '{question.id}': the answer '{answer}' holds '|', which separates "
                    "accepted answers in the key and every output; write each accepted answer "
                    "on its own (a short answer's other answers go in 'accept')",
                )
