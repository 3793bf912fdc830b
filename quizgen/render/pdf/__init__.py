"""Printable outputs via reportlab: for each form, a worksheet (``<set>-worksheet[-A].pdf``) and
its answer key (``<set>-key[-A].pdf``), and cut-out flashcards (``<set>-flashcards.pdf``).

The printed quiz is the selection of ``RenderOptions.selection`` (the whole bank by default);
every form has the same questions, each in its own order.
"""

from __future__ import annotations

from pathlib import Path

from ... import progress
from ...errors import Problems
from ...models import Question, Quiz
from ...options import letter
from ...select import Form, make_forms, select
from .. import RenderOptions
from .fonts import check_printable, register
from .pictures import check_pictures


def _suffix(form: Form) -> str:
    return f"-{form.letter}" if form.letter else ""


class PdfRenderer:
    name = "pdf"
    printed = True  # shaped by RenderOptions.selection: a set with no match gets no printouts

    def _plan(self, quiz: Quiz, options: RenderOptions) -> tuple[tuple[Question, ...], list[Form]]:
        questions = select(quiz, options.selection)
        return questions, make_forms(quiz, questions, options.versions, options.selection.order)

    def outputs(self, quiz: Quiz, options: RenderOptions) -> list[str]:
        """The printouts of ``quiz``; none when no question of it matches the selection."""
        if not select(quiz, options.selection):
            return []
        name = quiz.meta.name
        letters = (
            [""] if options.versions == 0 else [f"-{letter(i)}" for i in range(options.versions)]
        )
        files = []
        for suffix in letters:
            files += [f"{name}-worksheet{suffix}.pdf", f"{name}-key{suffix}.pdf"]
        return [*files, f"{name}-flashcards.pdf"]

    def check(self, quiz: Quiz, options: RenderOptions) -> None:
        """Raise before anything is written if the selection cannot be met, or a character or
        a picture of the selected questions cannot be printed."""
        questions, _ = self._plan(quiz, options)
        problems = Problems()
        check_printable(quiz, questions, problems)
        check_pictures(questions, problems)
        problems.raise_if_any()

    def render(self, quiz: Quiz, out_dir: Path, options: RenderOptions) -> list[Path]:
        from .flashcards import write_flashcards
        from .sheets import write_sheet

        self.check(quiz, options)
        questions, forms = self._plan(quiz, options)
        if not questions:
            return []  # no question of this set matches: no printouts (the build says so)
        register()
        # progress: each question of each sheet, and each flashcard
        progress.current().add_total((2 * len(forms) + 1) * len(questions))
        name = quiz.meta.name
        written = []
        for form in forms:
            worksheet = out_dir / f"{name}-worksheet{_suffix(form)}.pdf"
            key = out_dir / f"{name}-key{_suffix(form)}.pdf"
            write_sheet(quiz, form, False, worksheet, options)
            write_sheet(quiz, form, True, key, options)
            written += [worksheet, key]
        flashcards = out_dir / f"{name}-flashcards.pdf"
        write_flashcards(quiz, questions, flashcards, options)
        return [*written, flashcards]
