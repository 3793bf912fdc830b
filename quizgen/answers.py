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
from collections.abc import Sequence

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
