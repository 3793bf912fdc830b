"""A wall-clock limit on running a set's templates.

Jinja's sandbox keeps templates away from Python internals and caps ``range()`` at 100,000, but
two nested loops still run 10,000,000,000 times, and a loop that prints nothing is not stopped by
the limit on a template's output. A set from a stranger must not hang ``quizgen validate``, so each
template runs under a timer: past :data:`TEMPLATE_SECONDS`, a ``SIGALRM`` raises
:class:`TemplateTimeout` inside whatever the template is doing, and again every 50 ms until the
caller has left the limit (a template may swallow one exception, not all of them).

The timer needs POSIX signals and the main thread (where the CLI runs); elsewhere there is no
limit.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from types import FrameType

TEMPLATE_SECONDS = 30.0
"""How long one template may run over all the records of its table (see docs/errors.md)."""

_REPEAT = 0.05


class TemplateTimeout(BaseException):
    """A template ran past its time limit. A ``BaseException``, so that the ``except Exception``
    around each record's rendering does not take it for a problem of that record."""


def _on_alarm(signum: int, frame: FrameType | None) -> None:
    raise TemplateTimeout


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`TemplateTimeout` in the block once ``seconds`` have passed."""
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable or seconds <= 0:
        yield
        return
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds, _REPEAT)
    try:
        yield
    finally:
        while True:  # the alarm may strike again while it is being cleared
            try:
                signal.setitimer(signal.ITIMER_REAL, 0)
                signal.signal(signal.SIGALRM, previous)
                break
            except TemplateTimeout:
                continue
