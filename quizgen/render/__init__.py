"""Output formats. Every renderer has the same small interface and is found through a registry,
so a new format is one new module plus one line here. Renderer modules import their heavy
libraries (genanki, reportlab) themselves, and are imported only when a build needs them.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from ..errors import QuizgenError
from ..models import Quiz

REGISTRY: dict[str, str] = {
    "anki": "quizgen.render.anki:AnkiRenderer",
    "pdf": "quizgen.render.pdf:PdfRenderer",
}


@dataclass(frozen=True)
class RenderOptions:
    """What a build asks of every renderer."""

    timestamp: float
    """Seconds since the epoch stamped into outputs (``SOURCE_DATE_EPOCH`` when set)."""
    reproducible: bool = False
    """True when ``SOURCE_DATE_EPOCH`` pins every byte of the output."""


class Renderer(Protocol):
    name: str

    def outputs(self, quiz: Quiz, options: RenderOptions) -> list[str]:
        """The file names this renderer will write for ``quiz`` (checked before writing)."""
        ...

    def render(self, quiz: Quiz, out_dir: Path, options: RenderOptions) -> list[Path]:
        """Write the outputs into ``out_dir`` (each atomically) and return their paths."""
        ...


def get_renderer(name: str) -> Renderer:
    try:
        module_name, class_name = REGISTRY[name].split(":")
    except KeyError:
        raise QuizgenError(
            f"unknown format '{name}' (known: {', '.join(sorted(REGISTRY))})"
        ) from None
    renderer: Renderer = getattr(importlib.import_module(module_name), class_name)()
    return renderer
