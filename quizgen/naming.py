"""Where a value is, in the words the teacher used when writing it.

pydantic locates a value by positions, ``templates.8.distractors.values.1``; a teacher knows the
template by its id and counts items from 1: ``template 'year-joined': distractors.values, item 2``.
And when a list in brackets held a date or a number with a comma (``[May 8, 1945, April 4,
1955]``), YAML split it at the commas: :func:`split_at_commas` says so and shows the quoted form.
"""

from __future__ import annotations

import json
import re
from typing import Any

_OWNERS = {"templates": "template", "questions": "question"}


def _item(index: int) -> str:
    return f"item {index + 1}"


def teacher_path(root: Any, loc: tuple[Any, ...]) -> str:
    """``loc`` (pydantic's path from the file's top level) as the teacher would say it."""
    parts = [p for p in loc if isinstance(p, (str, int))]
    owner = ""
    rest: list[Any] = parts
    if len(parts) >= 2 and parts[0] in _OWNERS and isinstance(parts[1], int):
        item = _child(root, parts[:2])
        ident = item.get("id") if isinstance(item, dict) else None
        owner = (
            f"{_OWNERS[parts[0]]} '{ident}'"
            if isinstance(ident, str)
            else f"{parts[0]}, {_item(parts[1])}"
        )
        rest = parts[2:]
    elif len(parts) >= 2 and parts[0] == "facts":
        owner = f"table '{parts[1]}'"
        rest = parts[2:]
    elif parts[:1] == ["set"]:
        owner = "set"
        rest = parts[1:]
    path = key_path(rest)
    if owner and path:
        return f"{owner}: {path}"
    return owner or path


def key_path(parts: list[Any]) -> str:
    """Keys joined by dots, list items counted from 1: ``distractors.values, item 2``."""
    words: list[str] = []
    for part in parts:
        if isinstance(part, int):
            words.append(_item(part))
        elif words and not words[-1].startswith("item "):
            words[-1] += f".{part}"
        else:
            words.append(str(part))
    return ", ".join(words)


def _child(root: Any, parts: list[Any]) -> Any:
    """The value at ``parts`` in the file's data. A key the file does not hold is skipped when
    the value there is a list: the model's own name for it (``distractors: [a, b]`` is validated
    as ``distractors.values``)."""
    node = root
    for part in parts:
        if isinstance(node, list) and isinstance(part, str):
            continue
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def split_list_hint(root: Any, loc: tuple[Any, ...]) -> str | None:
    """The hint of :func:`split_at_commas` when ``loc`` is an item of a list in brackets."""
    parts = [p for p in loc if isinstance(p, (str, int))]
    if not parts or not isinstance(parts[-1], int):
        return None
    text = getattr(_child(root, parts[:-1]), "flow_text", None)
    return split_at_commas(text) if isinstance(text, str) else None


_DATE_END = re.compile(r"(?:\b[^\W\d_]+\.? \d{1,2}|\b\d{1,2} [^\W\d_]+\.?)$")  # May 8, 8 May
_YEAR = re.compile(r"\d{4}")
_GROUP = re.compile(r"\d{3}")


def split_at_commas(flow_text: str) -> str | None:
    """For a list written in brackets whose commas cut a date (``May 8, 1945``) or a number
    (``11,000``) in two: a hint naming what happened and the list written with quotes."""
    if not (flow_text.startswith("[") and flow_text.endswith("]")):
        return None
    inner = flow_text[1:-1]
    if any(mark in inner for mark in "[]{}\"'#"):
        return None  # quoted or nested: the teacher chose how to split it
    pieces = inner.split(",")
    items: list[str] = []
    merged = False
    for index, piece in enumerate(pieces):
        text = piece.strip()
        previous = items[-1] if items else None
        tight = index > 0 and not piece.startswith((" ", "\t"))  # "11,000": no space
        if previous is not None and (
            (_YEAR.fullmatch(text) and _DATE_END.search(previous))
            or (tight and _GROUP.fullmatch(text) and previous[-1:].isdigit())
        ):
            items[-1] = f"{previous}{',' if tight else ', '}{text}"
            merged = True
        else:
            items.append(text)
    if not merged:
        return None
    quoted = ", ".join(json.dumps(item, ensure_ascii=False) for item in items)
    return (
        f"the commas in {flow_text} split it into {len(pieces)} items; "
        f"put each item in quotes: [{quoted}]"
    )
