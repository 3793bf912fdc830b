"""Where a flaw is written: the line of the option, the record's field or the key."""

from __future__ import annotations

from ..errors import Location
from ..specs import QuestionSpec, TemplateSpec
from .context import Item
from .text import contains_phrase, option_key


def item_location(item: Item, key: str, text: str | None) -> Location:
    """The line of the option or key that holds the flaw: an item of a hand-written list, the
    field of the record the text comes from, or the template's or question's key."""
    located = item.located
    spec = located.spec
    if isinstance(spec, QuestionSpec):
        lines = located.list_lines.get(key)
        values = getattr(spec, key, None)
        if text is not None and lines and isinstance(values, list):
            wanted = option_key(text)
            for value, line in zip(values, lines, strict=False):
                if isinstance(value, str) and option_key(value) == wanted:
                    return Location(located.location.file, line)
        return located.where(key)
    record = item.record
    if record is None:  # pragma: no cover - a generated question always has its record
        return located.where(key)
    if text is not None:
        found = _field_line(record.fields, record.field_lines, text)
        if found is not None:
            return Location(record.location.file, found)
        if isinstance(spec, TemplateSpec) and _in_template(spec, key, text):
            return located.where(key)
    return record.location


def _field_line(fields: dict[str, object], lines: dict[str, int], text: str) -> int | None:
    """The line of the record's field that is the text, or else that holds it, or else the
    longest one the text holds (the quotation a prompt is made of)."""
    wanted = option_key(text)
    holding = None
    held: tuple[int, int] | None = None  # (length, line)
    for name, value in fields.items():
        if not isinstance(value, str) or name not in lines:
            continue
        key = option_key(value)
        if key == wanted:
            return lines[name]
        if holding is None and wanted and contains_phrase(key, wanted):
            holding = lines[name]
        elif len(key) > 3 and contains_phrase(wanted, key) and (held is None or len(key) > held[0]):
            held = (len(key), lines[name])
    if holding is not None:
        return holding
    return held[1] if held else None


def _in_template(spec: TemplateSpec, key: str, text: str) -> bool:
    if key == "distractors" and spec.distractors is not None and spec.distractors.values:
        return any(option_key(v) == option_key(text) for v in spec.distractors.values)
    return False
