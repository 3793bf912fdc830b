"""What a rule is: a stable code, a short name, a one-line summary and one function.

Rules come in two kinds. A *question* rule looks at one generated question at a time
(:class:`~quizgen.rules.context.Item`) and yields :class:`Hit`s naming the key that holds the flaw;
the runner turns them into findings at that key's line, once per template when every record of the
template shows the flaw. A *bank* rule looks at the whole set (:class:`~quizgen.rules.context.Bank`)
and yields :class:`BankHit`s with their own location (placeholders in records, a distractor
repeated across questions, one question giving away another's answer).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..errors import Location, Problem
from ..models import Located, QuestionType

if TYPE_CHECKING:
    from .context import Bank, Item

ALL_TYPES = tuple(QuestionType)
WITH_OPTIONS = (QuestionType.MULTIPLE_CHOICE, QuestionType.MULTIPLE_SELECT)


@dataclass(frozen=True)
class Hit:
    """A flaw in one question: ``key`` is the YAML key that holds it (``answer``, ``distractors``,
    ``prompt``, ...), ``text`` the option or fragment at fault (to find its line in a list or a
    record's field)."""

    key: str
    message: str
    text: str | None = None


@dataclass(frozen=True)
class BankHit:
    """A flaw found across the set: where it is, the message, and the questions or templates
    whose ``allow`` may silence it (any one of them)."""

    location: Location | None
    message: str
    owners: tuple[Located, ...] = ()


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    summary: str
    family: str
    types: tuple[QuestionType, ...] = ALL_TYPES
    check_question: Callable[[Item], Iterable[Hit]] | None = field(default=None, repr=False)
    check_bank: Callable[[Bank], Iterable[BankHit]] | None = field(default=None, repr=False)


RULES: dict[str, Rule] = {}
"""Every rule by code, in the order the family modules define them."""


def question_rule(
    code: str, name: str, summary: str, types: tuple[QuestionType, ...] = ALL_TYPES
) -> Callable[[Callable[[Item], Iterable[Hit]]], Callable[[Item], Iterable[Hit]]]:
    """Register a rule that checks one question at a time."""

    def register(check: Callable[[Item], Iterable[Hit]]) -> Callable[[Item], Iterable[Hit]]:
        _add(Rule(code, name, summary, _family(check), types, check_question=check))
        return check

    return register


def bank_rule(
    code: str, name: str, summary: str
) -> Callable[[Callable[[Bank], Iterable[BankHit]]], Callable[[Bank], Iterable[BankHit]]]:
    """Register a rule that checks the whole set at once."""

    def register(check: Callable[[Bank], Iterable[BankHit]]) -> Callable[[Bank], Iterable[BankHit]]:
        _add(Rule(code, name, summary, _family(check), check_bank=check))
        return check

    return register


def _family(check: Callable[..., Any]) -> str:
    return check.__module__.rsplit(".", 1)[-1]


def _add(rule: Rule) -> None:
    assert rule.code not in RULES, f"two rules with code {rule.code}"
    assert all(r.name != rule.name for r in RULES.values()), f"two rules named {rule.name}"
    RULES[rule.code] = rule


@dataclass(frozen=True)
class Finding(Problem):
    """A rule's finding: a problem with the rule's code. Printed as ``file:line: Q101: ...``
    (an error, with ``--strict``) or by :meth:`warning` as ``file:line: warning Q101: ...``."""

    code: str = ""

    def __str__(self) -> str:
        return str(Problem(self.location, f"{self.code}: {self.message}"))

    def warning(self) -> str:
        return str(Problem(self.location, f"warning {self.code}: {self.message}"))
