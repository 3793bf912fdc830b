"""Option letters and shuffles that always differ from the answer order."""

from __future__ import annotations

import random

import pytest

from quizgen.options import LETTERS, letter, shuffled_differently


def test_the_letters_helper() -> None:
    assert [letter(i) for i in range(3)] == ["A", "B", "C"]
    assert letter(25) == "Z" and len(LETTERS) == 26
    with pytest.raises(IndexError):
        letter(26)


def test_shuffled_differently_always_differs() -> None:
    for seed in range(300):
        rng = random.Random(seed)
        assert shuffled_differently(("a", "b"), rng) == ("b", "a")
        values = ("a", "b", "c")
        shown = shuffled_differently(values, rng)
        assert shown != values and sorted(shown) == sorted(values)
    assert shuffled_differently(("a",), random.Random(1)) == ("a",)
