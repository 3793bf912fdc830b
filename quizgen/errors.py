"""One error root for everything a user can get wrong.

Every user-facing problem is a :class:`Problem`: a location (file and line, or file and key) and a
one-line message. The library raises :class:`QuizgenError` subclasses; only the CLI catches them.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Location:
    """Where a problem is: a file, and a line (1-based) or a key path when no line is known."""

    file: str
    line: int | None = None
    key: str | None = None

    def __str__(self) -> str:
        if self.line is not None:
            return f"{self.file}:{self.line}"
        if self.key:
            return f"{self.file}: {self.key}"
        return self.file


@dataclass(frozen=True)
class Problem:
    location: Location | None
    message: str

    def __str__(self) -> str:
        text = " ".join(self.message.split())  # always one line
        return f"{self.location}: {text}" if self.location else text

    def report(self) -> str:
        """The problem as the command line prints it: its line, and any lines shown under it."""
        return str(self)


@dataclass(frozen=True)
class ProblemWithExcerpt(Problem):
    """A problem printed with lines of the file under it: a YAML syntax error's line, numbered,
    with a caret under the place the parser stopped."""

    excerpt: str = ""

    def report(self) -> str:
        return f"{self}\n{self.excerpt}" if self.excerpt else str(self)


class QuizgenError(Exception):
    """Root of every error quizgen reports to a user. ``exit_code`` is what the CLI exits with."""

    exit_code = 1

    def __init__(self, problems: Iterable[Problem] | str, location: Location | None = None):
        if isinstance(problems, str):
            problems = [Problem(location, problems)]
        self.problems: list[Problem] = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class ValidationFailed(QuizgenError):
    """The question files have one or more problems; ``problems`` lists every one of them."""

    exit_code = 1


class UsageError(QuizgenError):
    """A command-line value that cannot be used (exit code 2, like any bad option)."""

    exit_code = 2


class OutputError(QuizgenError):
    """An output could not be written (folder is a file, not writable, a renderer failed)."""

    exit_code = 3


class Problems:
    """Collects problems so that validation reports all of them at once."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def add(self, location: Location | None, message: str) -> None:
        self.items.append(Problem(location, message))

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def raise_if_any(self) -> None:
        if self.items:
            raise ValidationFailed(self.items)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A ``" (did you mean 'x'?)"`` suffix, or an empty string when nothing is close."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def display_path(path: Path) -> str:
    """A path as the user would type it: relative to the working directory when inside it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return rel if not rel.startswith("..") else str(path)
