"""The pictures questions show, found in their set's folder."""

from __future__ import annotations

from pathlib import Path

from .questiontypes import QuestionProblem


class Images:
    """The pictures of one set's questions, each name looked up on disk once per generation (a
    template gives many questions the same picture, or pictures named after their records)."""

    def __init__(self, folder: Path):
        self._given = folder
        self._folder: Path | None = None
        self._found: dict[str, Path | QuestionProblem] = {}

    def path(self, name: str) -> Path:
        """The picture's resolved path; raise if it is outside the set folder or missing."""
        found = self._found.get(name)
        if found is None:
            found = self._found[name] = self._look_up(name)
        if isinstance(found, QuestionProblem):
            raise QuestionProblem(found.key, found.message)
        return found

    def _look_up(self, name: str) -> Path | QuestionProblem:
        if self._folder is None:
            self._folder = self._given.resolve()
        path = (self._folder / name).resolve()
        if not path.is_relative_to(self._folder):
            return QuestionProblem("image", f"image '{name}' is outside the set folder")
        if not path.is_file():
            return QuestionProblem("image", f"image '{name}' not found in the set folder")
        return path
