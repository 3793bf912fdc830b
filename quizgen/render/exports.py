"""What the exports for other platforms share (Moodle XML, GIFT, Canvas QTI, Kahoot, Quizlet):
which questions go out and in which forms, the feedback text every question carries, pinned zip
entries, and the note listing what a format had to leave out.

Every export follows ``RenderOptions.selection`` and ``versions`` as the printed outputs do
(:mod:`quizgen.select`): without them, the whole bank in one form.
"""

from __future__ import annotations

import zipfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from html import escape

from ..models import Question, Quiz
from ..select import Form, make_forms, select
from . import RenderOptions

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
"""The date of every zip entry: the bytes of a package depend on its content only."""


def forms(quiz: Quiz, options: RenderOptions) -> list[Form]:
    """The selected questions in each form (none when no question matches the selection)."""
    questions = select(quiz, options.selection)
    if not questions:
        return []
    return make_forms(quiz, questions, options.versions, options.selection.order)


def suffix(form: Form) -> str:
    """``-A`` for form A, nothing for the single unnamed form (as the PDF files are named)."""
    return f"-{form.letter}" if form.letter else ""


def feedback_text(quiz: Quiz, question: Question) -> str:
    """The explanation, each evidence passage and the citation, as plain text paragraphs."""
    parts = [question.explanation.strip()] if question.explanation.strip() else []
    parts += [f"Evidence: “{passage}”" for passage in question.evidence]
    parts.append(f"Source: {quiz.meta.source.text()}")
    return "\n\n".join(parts)


def feedback_html(quiz: Quiz, question: Question) -> str:
    """The same feedback as HTML: the explanation, the passages as quotations, the source."""
    parts = []
    if question.explanation.strip():
        parts.append(f"<p>{html_text(question.explanation.strip())}</p>")
    parts += [f"<blockquote><p>“{html_text(p)}”</p></blockquote>" for p in question.evidence]
    parts.append(f"<p>Source: {html_text(quiz.meta.source.text())}</p>")
    return "".join(parts)


def html_text(text: str) -> str:
    """Plain text as HTML: escaped (double quotes too, for attributes), line breaks kept."""
    return escape(text, quote=False).replace('"', "&quot;").replace("\n", "<br>")


def zip_entry(archive: zipfile.ZipFile, name: str, data: bytes | str) -> None:
    """Add ``name`` (a folder when it ends in ``/``) with a fixed date and permissions."""
    info = zipfile.ZipInfo(name, date_time=ZIP_EPOCH)
    folder = name.endswith("/")
    info.compress_type = zipfile.ZIP_STORED if folder else zipfile.ZIP_DEFLATED
    info.external_attr = (0o40755 << 16 | 0x10) if folder else (0o100644 << 16)
    archive.writestr(info, data)


@dataclass
class LeftOut:
    """The questions a format could not hold, each with the reason (counted for the note)."""

    format: str
    reasons: dict[str, str] = field(default_factory=dict)
    """Question id → reason, e.g. ``"too long"``."""

    def add(self, question: Question, reason: str) -> None:
        self.reasons.setdefault(question.id, reason)

    def note(self, set_name: str) -> str | None:
        """``set 'x': skipped 12 questions for kahoot: 9 too long, 3 with more than 4
        options``, or ``None`` when nothing was left out."""
        if not self.reasons:
            return None
        counts = Counter(self.reasons.values())
        total = len(self.reasons)
        noun = "question" if total == 1 else "questions"
        detail = ", ".join(f"{n} {reason}" for reason, n in counts.most_common())
        return f"{set_name}: skipped {total} {noun} for {self.format}: {detail}"

    def lines(self, questions: Iterable[Question]) -> list[str]:
        """One line per question left out, in the order given: ``id: reason``."""
        return [f"{q.id}: {self.reasons[q.id]}" for q in questions if q.id in self.reasons]


def tags(question: Question) -> list[str]:
    """The tags an export carries: the question's, plus ``level::<level>`` when it has a level."""
    return list(question.tags_with_level())
