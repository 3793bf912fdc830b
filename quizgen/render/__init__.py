"""Output formats. Every renderer has the same small interface and is found through a registry,
so a new format is one new module plus one line here. Renderer modules import their heavy
libraries (genanki, reportlab) themselves, and are imported only when a build needs them.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from ..errors import UsageError, did_you_mean
from ..models import Quiz
from ..select import Selection

REGISTRY: dict[str, str] = {
    "anki": "quizgen.render.anki:AnkiRenderer",
    "pdf": "quizgen.render.pdf:PdfRenderer",
    "html": "quizgen.render.html:HtmlRenderer",
    "moodle": "quizgen.render.moodle:MoodleRenderer",
    "gift": "quizgen.render.gift:GiftRenderer",
    "qti": "quizgen.render.qti:QtiRenderer",
    "kahoot": "quizgen.render.kahoot:KahootRenderer",
    "quizlet": "quizgen.render.quizlet:QuizletRenderer",
}


@dataclass(frozen=True)
class RenderOptions:
    """What a build asks of every renderer."""

    timestamp: float
    """Seconds since the epoch stamped into outputs (``SOURCE_DATE_EPOCH`` when set)."""
    reproducible: bool = False
    """True when ``SOURCE_DATE_EPOCH`` pins every byte of the output."""
    paper: str = "a4"
    """Printed outputs: ``a4`` or ``letter``."""
    versions: int = 0
    """Printed outputs: 0 for one unnamed form, N for forms A, B, ... each with its own key."""
    selection: Selection = field(default_factory=Selection)
    """Printed outputs: which questions of the bank to print (default: all)."""
    word_bank: bool = False
    """Printed outputs: a word bank above the fill-in-the-blanks section."""


class Renderer(Protocol):
    name: str

    def outputs(self, quiz: Quiz, options: RenderOptions) -> list[str]:
        """The file names this renderer will write for ``quiz`` (checked before writing)."""
        ...

    def render(self, quiz: Quiz, out_dir: Path, options: RenderOptions) -> list[Path]:
        """Write the outputs into ``out_dir`` (each atomically) and return their paths."""
        ...


# A renderer whose outputs are printed (shaped by ``RenderOptions.selection``) sets
# ``printed = True``: a set with no question matching the selection gets none of its outputs.
# A renderer may also define ``check(quiz, options) -> None``, raising QuizgenError for a problem
# found before anything is written (build.py calls it for every set first; validate too).

CHECKED: tuple[str, ...] = ("anki", "pdf")
"""The formats whose renderer defines ``check``: ``validate`` runs those checks without importing
the other renderers' libraries (tests/test_validate_outputs.py keeps this list true)."""


def get_renderer(name: str) -> Renderer:
    try:
        module_name, class_name = REGISTRY[name].split(":")
    except KeyError:
        raise UsageError(
            f"unknown format '{name}'{did_you_mean(name, [*REGISTRY, 'all'])} "
            f"(known: {', '.join(sorted(REGISTRY))}, all)"
        ) from None
    renderer: Renderer = getattr(importlib.import_module(module_name), class_name)()
    return renderer
