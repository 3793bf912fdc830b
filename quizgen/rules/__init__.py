"""Item-writing rules: checks that judge whether a question is a *good* one.

A catalogue in the manner of ruff's: each rule has a stable code (``Q101``) and a short name
(``longest-option-is-key``), one function, a page in docs/rules.md with a bad and a good example,
and can be silenced on one question or template with a reason: ``allow: {Q101: "why"}``.
``quizgen validate`` reports the findings as warnings (errors with ``--strict``); ``quizgen build``
runs the give-away rule over each printed selection. ``quizgen rules`` lists them.
"""

from __future__ import annotations

from .catalogue import RULES, check_allow, rules_table
from .registry import Finding, Rule
from .runner import GIVE_AWAY, check_printed, check_set, check_sheet

__all__ = [
    "GIVE_AWAY",
    "RULES",
    "Finding",
    "Rule",
    "check_allow",
    "check_printed",
    "check_set",
    "check_sheet",
    "rules_table",
]
