"""The catalogue: every rule, by code, and the checks of ``allow`` against it.

The families, each one module with one function per rule:

* ``Q1xx`` :mod:`~quizgen.rules.options`: the options give the key away (multiple choice, select);
* ``Q2xx`` :mod:`~quizgen.rules.stems`: the stem gives the key away or misleads;
* ``Q3xx`` :mod:`~quizgen.rules.statements`: true/false statements;
* ``Q4xx`` :mod:`~quizgen.rules.hygiene`: placeholders, drafts and the text's punctuation;
* ``Q5xx`` :mod:`~quizgen.rules.bank`: across the questions of a set.
"""

from __future__ import annotations

import re

from . import bank, hygiene, options, statements, stems  # noqa: F401 - each registers its rules
from .registry import RULES, Rule

__all__ = ["RULES", "Rule", "check_allow", "rules_table"]

CODE = re.compile(r"^Q\d{3}$")

_BY_CODE = dict(sorted(RULES.items()))  # the families register in import order; list by code
RULES.clear()
RULES.update(_BY_CODE)


def check_allow(allow: dict[str, str | None]) -> None:
    """Refuse an ``allow`` entry for an unknown rule or without a reason (a ValueError, which the
    loader reports at the line of ``allow``)."""
    by_name = {rule.name: rule.code for rule in RULES.values()}
    for code, reason in allow.items():
        if code in by_name:
            raise ValueError(f"write the rule's code, {by_name[code]}, not its name '{code}'")
        if code not in RULES:
            close = [c for c in RULES if c[:2] == code[:2]] if CODE.match(code) else []
            hint = (
                f" (quizgen rules lists them; {close[0]}..{close[-1]} are close)" if close else ""
            )
            raise ValueError(f"unknown rule '{code}'{hint or ' (quizgen rules lists them)'}")
        if reason is None or not str(reason).strip():
            raise ValueError(
                f"{code} ({RULES[code].name}) is silenced without a reason: "
                f'write why it does not apply, e.g. {code}: "the long option is a quotation"'
            )


def rules_table() -> str:
    """``quizgen rules``: one line per rule, code, name and summary, in code order."""
    rules: list[Rule] = sorted(RULES.values(), key=lambda r: r.code)
    width = max(len(r.name) for r in rules)
    return "".join(f"{r.code}  {r.name:<{width}}  {r.summary}\n" for r in rules)
