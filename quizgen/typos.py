"""Names that look like misspellings of the names quizgen reserves.

A record is free-form: any key that is not reserved (``id``, ``evidence``, ``image``, ...) is a
field of the teacher's own. So a misspelt reserved key (``evidance:``) is silently a field, and the
record has no evidence. These checks find such a key by its closeness to a reserved one and say
so at the key's own line.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator

from .errors import Location, Problem
from .models import QuizSet
from .specs import RecordSpec

RESERVED_RECORD_KEYS = tuple(RecordSpec.model_fields)
"""The keys of a record that are not fields: ``id``, ``evidence``, ``image`` and any added later."""


def misspelling_of(name: str, reserved: Iterable[str]) -> str | None:
    """The reserved key ``name`` looks like a misspelling of, if any: close to it (difflib's
    ratio 0.8 or more), but not the key itself nor a longer name made from it (``images``,
    ``evidence_note`` are fields of their own)."""
    for key in reserved:
        if name == key or name.startswith(key):
            continue
        if difflib.SequenceMatcher(None, name, key).ratio() >= 0.8:
            return key
    return None


def misspelt_reserved_keys(quiz_set: QuizSet) -> Iterator[Problem]:
    """A warning at the line of each record field that looks like a misspelt reserved key."""
    for table in quiz_set.tables.values():
        for record in table.records:
            for name in record.fields:
                key = misspelling_of(str(name), RESERVED_RECORD_KEYS)
                if key is None:
                    continue
                line = record.field_lines.get(name, record.location.line)
                yield Problem(
                    Location(record.location.file, line),
                    f"{table.name} '{record.id}': '{name}' is taken as a field of the record "
                    f"(did you mean the reserved key '{key}'?)",
                )
