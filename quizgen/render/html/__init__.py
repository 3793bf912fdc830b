"""The self-test page: one self-contained HTML file per set (``<set>.html``), or per form with
``--versions`` (``<set>-A.html``, ...), holding the same questions as the worksheet of that form.

The page is the template ``page.html`` with its script ``quiz.js`` and style ``quiz.css`` inlined
(they are real files of this package, rendered with a Jinja2 environment that autoescapes), and
the questions embedded as JSON that the script reads and shows as text, never as markup. Nothing
is fetched: the page works offline and from ``file://``. The answers are in the page (it is for
self-study; docs/html.md says so).
"""

from __future__ import annotations

from pathlib import Path

from ...fileio import atomic_path
from ...models import Quiz
from ...options import letter
from ...select import Form, make_forms, select
from .. import RenderOptions
from .page import Preview, page_data, page_html


def file_name(quiz: Quiz, form: Form) -> str:
    return f"{quiz.meta.name}-{form.letter}.html" if form.letter else f"{quiz.meta.name}.html"


class HtmlRenderer:
    name = "html"
    printed = True  # the page holds the worksheet's questions (RenderOptions.selection)

    def outputs(self, quiz: Quiz, options: RenderOptions) -> list[str]:
        if not select(quiz, options.selection):
            return []
        if options.versions == 0:
            return [f"{quiz.meta.name}.html"]
        return [f"{quiz.meta.name}-{letter(i)}.html" for i in range(options.versions)]

    def render(self, quiz: Quiz, out_dir: Path, options: RenderOptions) -> list[Path]:
        questions = select(quiz, options.selection)
        if not questions:
            return []
        written = []
        for form in make_forms(quiz, questions, options.versions, options.selection.order):
            target = out_dir / file_name(quiz, form)
            with atomic_path(target) as temporary:
                temporary.write_text(page_html(page_data(quiz, form)), encoding="utf-8")
            written.append(target)
        return written


__all__ = ["HtmlRenderer", "Preview", "file_name", "page_data", "page_html"]
