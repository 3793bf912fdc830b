"""Progress of a long build: a rich progress bar on a terminal, nothing anywhere else.

The pipeline reports *stages* (loading the sets, each renderer of each set); a renderer that can
tell how far it is may also report steps of the current stage through :func:`current`. Without a
terminal (a pipe, a log file, CI) or with ``--quiet``, every call is a no-op and rich is never
imported, so a quiet build pays nothing for this.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from typing import IO, Any


class Step:
    """The current stage, as a renderer sees it. This base class ignores everything."""

    def total(self, total: int) -> None:
        """Say how many steps the stage has (for example, flowables or notes)."""

    def advance(self, steps: int = 1) -> None:
        """Say that ``steps`` more steps are done."""

    def update(self, completed: int) -> None:
        """Say that ``completed`` steps are done in all."""

    def add_total(self, steps: int) -> None:
        """Say that the stage has ``steps`` more steps (another document of the same stage)."""

    def reportlab(self, steps: int) -> Callable[[str, int], None]:
        """A callback for reportlab's ``DocTemplate.setProgressCallBack`` that advances this
        stage by ``steps`` in all (say, the document's questions) as its flowables are laid out;
        the stage's total counts them already (:meth:`add_total`)."""
        size, done = 0, 0

        def callback(kind: str, value: int) -> None:
            nonlocal size, done
            if kind == "SIZE_EST":
                size = value
            elif kind == "PROGRESS" and size:
                reached = min(steps, value * steps // size)
                if reached > done:
                    self.advance(reached - done)
                    done = reached

        return callback


_SILENT = Step()
_current: Step = _SILENT


def current() -> Step:
    """The stage in progress (a silent one when no progress is shown)."""
    return _current


class Progress:
    """Shows nothing; :func:`for_terminal` gives the one that draws a bar.

    As a context manager, it closes when the block ends, so that the bar has stopped before
    whatever follows (a build's problems, say) is printed under it.
    """

    @contextlib.contextmanager
    def stage(self, label: str) -> Iterator[Step]:
        yield _SILENT

    def close(self) -> None:
        """Stop drawing (the finished stages stay on the screen)."""

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class _RichStep(Step):
    def __init__(self, bar: Any, task: Any):
        self._bar, self._task = bar, task

    def total(self, total: int) -> None:
        self._bar.update(self._task, total=total)

    def advance(self, steps: int = 1) -> None:
        self._bar.advance(self._task, steps)

    def update(self, completed: int) -> None:
        self._bar.update(self._task, completed=completed)

    def add_total(self, steps: int) -> None:
        total = next(t.total for t in self._bar.tasks if t.id == self._task) or 0
        self._bar.update(self._task, total=total + steps)


class _RichProgress(Progress):
    def __init__(self, stream: IO[str]):
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            Progress,
            SpinnerColumn,
            TaskProgressColumn,
            TextColumn,
            TimeElapsedColumn,
        )

        self._bar = Progress(
            SpinnerColumn(finished_text="✓"),
            TextColumn("{task.description}"),
            BarColumn(),
            TaskProgressColumn(),
            TimeElapsedColumn(),
            console=Console(file=stream),
        )
        self._bar.start()

    @contextlib.contextmanager
    def stage(self, label: str) -> Iterator[Step]:
        global _current
        task = self._bar.add_task(label, total=None)
        step = _RichStep(self._bar, task)
        previous, _current = _current, step
        try:
            yield step
        except BaseException:
            self._bar.remove_task(task)  # a failed stage is not ticked off: the error says why
            raise
        else:
            total = next(t.total for t in self._bar.tasks if t.id == task) or 1
            self._bar.update(task, total=total, completed=total)
            self._bar.stop_task(task)
        finally:
            _current = previous

    def close(self) -> None:
        self._bar.stop()


def for_terminal(quiet: bool = False, stream: IO[str] | None = None) -> Progress:
    """A progress bar on ``stream`` (stderr) when it is a terminal and not ``quiet``."""
    stream = stream if stream is not None else sys.stderr
    if quiet or not stream.isatty():
        return Progress()
    return _RichProgress(stream)
