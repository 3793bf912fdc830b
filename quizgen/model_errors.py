"""Pydantic's validation errors about a YAML file → one-line problems at the line of the node,
in the teacher's terms.

A misspelt key becomes "unknown key ... (did you mean ...?)" and not also "missing"; a value that
fits no branch of a union (``answer: str | bool``) becomes one "expected text or ..." line; and
pydantic's cryptic messages (patterns, enums, empty strings) are explained.
"""

from __future__ import annotations

import datetime
import difflib
import re
import types
import typing
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, ValidationError

from .errors import Location, Problems, did_you_mean
from .naming import split_list_hint, teacher_path
from .specs import (
    ID_PATTERN,
    TAG_PATTERN,
    CitationSpec,
    DistractorSpec,
    QuestionSpec,
    SetFileSpec,
    SetSpec,
    TableSpec,
    TemplateSpec,
)
from .yamlfile import LineDict, LineList

_CONTEXT_NAMES: dict[type[BaseModel], str] = {
    SetFileSpec: "the file's top level",
    SetSpec: "set metadata",
    CitationSpec: "source citation",
    TableSpec: "fact table",
    TemplateSpec: "template",
    QuestionSpec: "question",
    DistractorSpec: "distractors",
}


def _unwrap(annotation: Any) -> list[Any]:
    """The model classes (or containers) an annotation may hold, Optional/Annotated removed."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [a for arg in typing.get_args(annotation) for a in _unwrap(arg)]
    return [annotation]


def _model_at(root: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The pydantic model that validated the object found at ``loc`` under ``root``."""
    current: Any = root
    for part in loc:
        candidates = _unwrap(current)
        current = None
        for candidate in candidates:
            if isinstance(candidate, type) and issubclass(candidate, BaseModel):
                if isinstance(part, str):
                    fields = {f.alias or n: f for n, f in candidate.model_fields.items()}
                    if part in fields:
                        current = fields[part].annotation
                        break
            elif typing.get_origin(candidate) in (list, dict) and not (
                isinstance(part, str) and typing.get_origin(candidate) is list
            ):
                current = typing.get_args(candidate)[-1]
                break
        if current is None:
            return None
    for candidate in _unwrap(current):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
    return None


def _line_at(raw: Any, loc: tuple[Any, ...]) -> int | None:
    node, line = raw, getattr(raw, "line", None)
    for part in loc:
        in_dict = isinstance(node, LineDict) and part in node
        in_list = isinstance(node, LineList) and isinstance(part, int) and part < len(node)
        if in_dict or in_list:
            line, node = node.line_of(part), node[part]
        # other parts name a branch of a union: skip them
    return line


def _describe(raw: Any, loc: tuple[Any, ...], model: type[BaseModel]) -> str:
    name = _CONTEXT_NAMES.get(model, model.__name__)
    parent = raw
    for part in loc:
        if isinstance(parent, (LineDict, LineList)):
            try:
                parent = parent[part]
            except (KeyError, IndexError, TypeError):
                break
    if isinstance(parent, dict) and isinstance(parent.get("id"), str):
        return f"{name} '{parent['id']}'"
    return name


def report_validation_error(
    error: ValidationError,
    raw: Any,
    root: type[BaseModel],
    file: str,
    problems: Problems,
    prefix: tuple[Any, ...] = (),
    base: Any = None,
) -> None:
    """Turn each pydantic error into a one-line problem at the line of the offending node."""
    seen: set[tuple[int | None, str]] = set()
    found: list[tuple[int, Location, str]] = []
    errors = _merge_unions(error.errors(), raw)
    # A misspelt key is reported once, as unknown with a suggestion, not also as missing.
    suggested: set[tuple[tuple[Any, ...], str]] = set()
    for item in errors:
        if item["type"] == "extra_forbidden":
            model = _model_at(root, tuple(item["loc"])[:-1])
            if model is not None:
                names = [f.alias or n for n, f in model.model_fields.items()]
                close = difflib.get_close_matches(str(item["loc"][-1]), names, n=1, cutoff=0.6)
                suggested.update((tuple(item["loc"])[:-1], c) for c in close)
    for item in errors:
        loc = tuple(item["loc"])
        if item["type"] == "missing" and (loc[:-1], loc[-1]) in suggested:
            continue
        full = prefix + loc
        line = _line_at(base if base is not None else raw, full)
        if item["type"] == "extra_forbidden":
            model = _model_at(root, loc[:-1])
            key = loc[-1]
            fields = (
                [f.alias or n for n, f in model.model_fields.items()] if model is not None else []
            )
            where = _describe(raw, loc[:-1], model) if model is not None else "here"
            message = f"unknown key '{key}' in {where}{did_you_mean(str(key), fields)}"
        elif item["type"] == "missing":
            model = _model_at(root, loc[:-1])
            where = _describe(raw, loc[:-1], model) if model is not None else "here"
            message = f"missing required key '{loc[-1]}' in {where}"
        else:
            node = base if base is not None else raw
            message = f"{teacher_path(node, full)}: {explain(item)}"
            split = split_list_hint(node, full)
            if split:
                message += f"; {split}"
        if (line, message) not in seen:
            seen.add((line, message))
            found.append((line or 0, Location(file, line), message))
    for _, location, message in sorted(found, key=lambda entry: entry[0]):
        problems.add(location, message)


_SCALAR_TAGS = {"str", "bool", "int", "float", "list", "dict", "none", "date", "datetime"}


def _branches(loc: tuple[Any, ...], raw: Any) -> list[bool]:
    """For each part of a pydantic error's location: does it name a branch of a union
    (``answer: str | bool`` gives ``answer.str`` and ``answer.bool``) rather than a key the
    file holds or an index?"""
    flags = []
    node = raw
    for part in loc:
        in_dict = isinstance(node, dict) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if in_dict or in_list:
            flags.append(False)
            node = node[part]
        else:
            flags.append(
                isinstance(part, str)
                and (part in _SCALAR_TAGS or "[" in part or "-" in part or part[:1].isupper())
            )
    return flags


def _merge_unions(errors: Iterable[Any], raw: Any) -> list[dict[str, Any]]:
    """Pydantic's errors with the branches of each union folded into one error at the key.

    A value that fits no branch gives one error per branch; the teacher wrote one value, so it
    becomes one ``union_type`` error listing what each branch expected. When a branch got further
    (a list whose items are wrong), its deeper errors are kept instead, without the branch name.
    """
    merged: list[dict[str, Any]] = []
    branches: dict[tuple[Any, ...], list[tuple[tuple[Any, ...], dict[str, Any]]]] = {}
    for item in errors:
        loc = tuple(item["loc"])
        flags = _branches(loc, raw)
        cut = next((i for i, branch in enumerate(flags) if branch), None)
        if cut is None:
            merged.append(dict(item))
            continue
        rest = tuple(part for part, branch in zip(loc, flags, strict=True) if not branch)[cut:]
        if loc[:cut] not in branches:
            branches[loc[:cut]] = []
            merged.append({"type": "union_type", "loc": loc[:cut], "branches": []})
        branches[loc[:cut]].append((rest, dict(item)))
    result: list[dict[str, Any]] = []
    for item in merged:
        if item["type"] != "union_type":
            result.append(item)
            continue
        entries = branches[item["loc"]]
        deeper = [(rest, e) for rest, e in entries if rest]
        if deeper:
            result += [{**e, "loc": item["loc"] + rest} for rest, e in deeper]
            continue
        expected = [_EXPECTED[e["type"]] for _, e in entries if e["type"] in _EXPECTED]
        if len(expected) != len(entries):  # not only type errors: keep pydantic's messages
            result += [{**e, "loc": item["loc"]} for _, e in entries]
            continue
        if "text" in expected and "true or false" in expected:
            expected.remove("true or false")  # `answer: true` is for true_false only
        result.append(
            {
                "type": "union_type",
                "loc": item["loc"],
                "input": entries[0][1].get("input"),
                "msg": "",
                "ctx": {"expected": list(dict.fromkeys(expected))},
            }
        )
    return result


_EXPECTED = {
    "string_type": "text",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "list_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
}


def _kind_of(value: Any) -> str:
    """What a YAML value is, in the teacher's terms."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, (datetime.date, datetime.datetime)):
        return "a date"
    if isinstance(value, str):
        return f"'{value}'" if len(value) <= 40 else "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if value is None:
        return "nothing"
    return type(value).__name__


def _type_message(expected: list[str], value: Any) -> str:
    message = f"expected {' or '.join(expected)}, got {_kind_of(value)}"
    quotable = isinstance(value, (bool, int, float, datetime.date))
    if "text" in expected and quotable:
        message += ": write it in quotes"
    return message


_PATTERN_RULES = {
    ID_PATTERN: "an id is letters, digits, '-', '_' or '.', without spaces",
    TAG_PATTERN: "a tag cannot contain spaces or double quotes (Anki separates tags by spaces)",
}


def explain(item: Any) -> str:
    """A pydantic error message in the teacher's terms where pydantic's own is cryptic."""
    context = item.get("ctx") or {}
    value = item.get("input")
    if item["type"] == "string_pattern_mismatch" and context.get("pattern") in _PATTERN_RULES:
        return f"'{value}' is not allowed: {_PATTERN_RULES[context['pattern']]}"
    if item["type"] == "enum" and isinstance(value, str):
        choices = re.findall(r"'([^']*)'", str(context.get("expected", "")))
        return f"'{value}' is not one of {', '.join(choices)}{did_you_mean(value, choices)}"
    if item["type"] == "string_too_short" and context.get("min_length") == 1:
        return "must not be empty"
    if item["type"] == "union_type":
        return _type_message(context["expected"], value)
    if item["type"] in _EXPECTED:
        return _type_message([_EXPECTED[item["type"]]], value)
    return str(item["msg"]).removeprefix("Value error, ")
