"""Canvas quizzes as QTI 1.2 packages (``<set>-canvas-qti[-A].zip``): one quiz per form.

The package is laid out as text2qti writes it (``text2qti/qti.py`` and its ``xml_*`` modules),
which Canvas imports: ``imsmanifest.xml``, an empty ``non_cc_assessments/`` folder, and a folder
named after the assessment holding ``assessment_meta.xml`` (Canvas's quiz settings) and the
``questestinterop`` document; pictures go in ``images/``. Identifiers follow text2qti's scheme
(``<prefix>_assessment_<hash>``, ``..._question_<hash>``, ``..._choice_<hash>``), the hashes made
from the set, form and question ids, never from the text.

The modules: :mod:`.package` writes the zip of one form (manifest, quiz settings, assessment),
:mod:`.items` each question's ``<item>``, with the building blocks of :mod:`.elements`.
"""

from __future__ import annotations

from pathlib import Path

from ...models import Quiz
from .. import RenderOptions
from ..exports import forms, suffix
from .package import QtiPackage


class QtiRenderer:
    name = "qti"
    printed = True  # follows RenderOptions.selection and versions

    def outputs(self, quiz: Quiz, options: RenderOptions) -> list[str]:
        return [f"{quiz.meta.name}-canvas-qti{suffix(f)}.zip" for f in forms(quiz, options)]

    def render(self, quiz: Quiz, out_dir: Path, options: RenderOptions) -> list[Path]:
        written = []
        for form in forms(quiz, options):
            target = out_dir / f"{quiz.meta.name}-canvas-qti{suffix(form)}.zip"
            QtiPackage(quiz, form, options.timestamp).write(target)
            written.append(target)
        return written
