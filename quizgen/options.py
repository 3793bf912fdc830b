"""How a question's options are shown: their letters, and a shuffle that never shows the answer.

One place for both, so the Anki deck, ``quizgen show`` and the printed sheets letter the same
options alike, and generation and printed forms shuffle alike.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import TypeVar

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
MAX_OPTIONS = len(LETTERS)
"""Most options, items or pairs one question may have: each needs its own letter."""

T = TypeVar("T")


def letter(index: int) -> str:
    """The letter of the option at ``index`` (0 → A). Generation refuses a question with more
    than :data:`MAX_OPTIONS` options, so an index past Z is a bug, raised as ``IndexError``."""
    if not 0 <= index < MAX_OPTIONS:
        raise IndexError(f"option {index + 1} has no letter (at most {MAX_OPTIONS})")
    return LETTERS[index]


def lettered(values: Sequence[T]) -> list[tuple[str, T]]:
    """Each value with its letter: ``[("A", first), ("B", second), ...]``."""
    return [(letter(i), value) for i, value in enumerate(values)]


def shuffled_differently(values: Sequence[T], rng: random.Random) -> tuple[T, ...]:
    """The values shuffled into an order other than the given one (a printed question must not
    show its answer). Values that are all alike have no other order and come back as they are."""
    original = tuple(values)
    if len(set(original)) < 2:
        return original
    shown = list(original)
    while tuple(shown) == original:
        rng.shuffle(shown)
    return tuple(shown)
