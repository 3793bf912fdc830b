"""Two choices a template makes for each of its questions: which of its record's evidence
passages the question cites (``evidence:``), and which records may give it distractors
(``distractors.same:``). docs/format.md documents both.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .questiontypes import QuestionProblem
from .recordviews import RecordView


def chosen_evidence(value: Any, passages: tuple[str, ...]) -> tuple[str, ...]:
    """The passages a template's ``evidence`` expression chose: a passage or a list of them,
    each one of the record's own (so each was checked against the source when it was loaded),
    kept in the order the expression gives them, each once."""
    if value is None:
        return ()
    chosen = [value] if isinstance(value, str) else value
    if not isinstance(chosen, Sequence):
        raise QuestionProblem("evidence", "the expression must give a passage or a list of them")
    result: list[str] = []
    for passage in chosen:
        if not isinstance(passage, str):
            raise QuestionProblem(
                "evidence", "the expression must give passages (text), e.g. evidence[:1]"
            )
        if passage not in passages:
            shown = passage if len(passage) <= 60 else passage[:59] + "…"
            raise QuestionProblem(
                "evidence", f"“{shown}” is not one of the record's evidence passages"
            )
        if passage not in result:
            result.append(passage)
    if not result:
        raise QuestionProblem("evidence", "the expression chose no passage")
    return tuple(result)


def same_kind(fields: Sequence[str], names: dict[str, Any], candidate: Any) -> bool:
    """Whether the record a distractor comes from has the same value as the question's record
    in each of ``fields`` (text compared ignoring case and spacing; a record by identity). A
    candidate without the field is never of the same kind."""
    for field in fields:
        if field not in names:
            raise QuestionProblem(
                "distractors", f"same: the question's record has no field '{field}'"
            )
        if not isinstance(candidate, RecordView) or field not in candidate:
            return False
        if _comparable(names[field]) != _comparable(candidate[field]):
            return False
    return True


def _comparable(value: Any) -> Any:
    if isinstance(value, RecordView):
        return value
    if isinstance(value, (list, tuple)):
        return tuple(_comparable(v) for v in value)
    return " ".join(str(value).split()).casefold()
