"""YAML files of a set folder → a validated :class:`~quizgen.models.QuizSet`.

Every problem found is collected with its file and line; nothing is raised until the whole set has
been read, so a teacher sees every mistake at once.
"""

from __future__ import annotations

import datetime
import difflib
import itertools
import re
import types
import typing
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .errors import Location, Problems, QuizgenError, did_you_mean, display_path
from .folders import yaml_files
from .models import (
    ID_PATTERN,
    TAG_PATTERN,
    Citation,
    CitationSpec,
    DistractorSpec,
    Located,
    QuestionSpec,
    QuizSet,
    Record,
    RecordSpec,
    SetFileSpec,
    SetMeta,
    SetSpec,
    Table,
    TableSpec,
    TemplateSpec,
)
from .spreadsheet import records_from
from .yamlfile import LineDict, LineList, is_blank, load_yaml

_M = TypeVar("_M", bound=BaseModel)

_CONTEXT_NAMES: dict[type[BaseModel], str] = {
    SetFileSpec: "the file's top level",
    SetSpec: "set metadata",
    CitationSpec: "source citation",
    TableSpec: "fact table",
    TemplateSpec: "template",
    QuestionSpec: "question",
    DistractorSpec: "distractors",
}


# ------------------------------------------------------------------ pydantic errors → lines


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
            path = ".".join(str(p) for p in full if isinstance(p, (str, int)))
            message = f"{path}: {_explain(item)}"
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


def _explain(item: Any) -> str:
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


# --------------------------------------------------------------------------- loading a set


def load_set(folder: Path) -> QuizSet:
    """Load and validate every YAML file of one set folder; raise with every problem found."""
    problems = Problems()
    shown_folder = display_path(folder)
    files = yaml_files(folder)
    if not files:
        raise QuizgenError(f"{shown_folder}: no YAML files in this set folder")

    meta: SetMeta | None = None
    tables: dict[str, Table] = {}
    table_records: dict[str, dict[str, Record]] = {}  # by id: the duplicate check is O(1)
    items: list[Located] = []
    item_ids: dict[str, Location] = {}
    set_section_seen = False

    for path in files:
        shown = display_path(path)
        raw = load_yaml(path, shown, problems)
        if raw is None:
            if is_blank(path):
                problems.add(
                    Location(shown),
                    "empty file: expected 'set', 'facts', 'templates' or 'questions'",
                )
            continue
        if not isinstance(raw, LineDict):
            problems.add(
                Location(shown, getattr(raw, "line", 1)),
                "a question file must be a mapping with 'set', 'facts', 'templates' "
                "or 'questions' at the top level",
            )
            continue
        spec = _validate_file(raw, shown, problems)
        set_section_seen = set_section_seen or "set" in raw
        if spec.set is not None:
            here = Location(shown, raw.line_of("set"))
            if meta is not None:
                problems.add(here, f"a second 'set' section (the first is at {meta.location})")
            else:
                meta = _set_meta(spec.set, folder, here, _path_line(raw["set"]))
                meta = replace(meta, key_lines=set_key_lines(raw["set"]))

        for table_name, table_spec in spec.facts.items():
            raw_table = raw["facts"][table_name]
            table_loc = Location(shown, raw["facts"].line_of(table_name))
            if table_name in tables:
                # a table may be split across files: same refs required
                if tables[table_name].refs != table_spec.refs and table_spec.refs:
                    problems.add(
                        table_loc,
                        f"table '{table_name}' declares different 'refs' "
                        f"than at {tables[table_name].location}",
                    )
            else:
                tables[table_name] = Table(table_name, dict(table_spec.refs), (), table_loc)
                table_records[table_name] = {}
            raw_records = raw_table.get("records")
            in_yaml = (
                _record(table_name, raw_record, raw_records, index, shown, problems)
                for index, raw_record in enumerate(raw_records or [])
            )
            in_sheet = records_from(table_name, table_spec, raw_table, path, problems)
            for record in itertools.chain(in_yaml, in_sheet):
                if record is None:
                    continue
                records = table_records[table_name]
                duplicate = records.get(record.id)
                if duplicate is not None:
                    problems.add(
                        record.location,
                        f"duplicate id '{record.id}' in table "
                        f"'{table_name}' (first at {duplicate.location})",
                    )
                    continue
                records[record.id] = record

        for section, specs in (("templates", spec.templates), ("questions", spec.questions)):
            raw_list = raw[section] if section in raw else LineList()
            for index, item_spec in specs:
                raw_item = raw_list[index]
                located = Located(
                    item_spec,
                    Location(shown, raw_list.line_of(index)),
                    dict(raw_item.key_lines) if isinstance(raw_item, LineDict) else {},
                    evidence_lines(raw_item),
                    list_lines(raw_item),
                )
                if item_spec.id in item_ids:
                    problems.add(
                        located.where("id"),
                        f"duplicate id '{item_spec.id}' (first at {item_ids[item_spec.id]})",
                    )
                    continue
                item_ids[item_spec.id] = located.where("id")
                items.append(located)

    if meta is None and not set_section_seen:
        problems.add(
            Location(shown_folder),
            "no 'set:' section in any file of this set "
            "(it holds the title, deck and source; see docs/format.md)",
        )
    tables = {
        name: Table(name, t.refs, tuple(table_records[name].values()), t.location)
        for name, t in tables.items()
    }
    _check_references(tables, problems)
    _check_template_tables(items, tables, problems)
    problems.raise_if_any()
    assert meta is not None
    return QuizSet(meta=meta, folder=folder, tables=tables, items=tuple(items))


@dataclass
class _FileParts:
    """The valid parts of one file; each invalid part has been reported and left out."""

    set: SetSpec | None = None
    facts: dict[str, TableSpec] = field(default_factory=dict)
    templates: list[tuple[int, TemplateSpec]] = field(default_factory=list)
    questions: list[tuple[int, QuestionSpec]] = field(default_factory=list)


def _validate_file(raw: LineDict, file: str, problems: Problems) -> _FileParts:
    """Validate each section, table, template and question on its own, so that one mistake
    does not hide the problems (or the valid parts) of the rest of the file."""
    parts = _FileParts()
    sections = list(SetFileSpec.model_fields)
    for key in raw:
        if key not in sections:
            problems.add(
                Location(file, raw.line_of(key)),
                f"unknown key '{key}' at the top "
                f"level{did_you_mean(str(key), sections)} (expected one of: "
                f"{', '.join(sections)})",
            )

    def check(model: type[_M], value: Any, loc: tuple[Any, ...]) -> _M | None:
        try:
            return model.model_validate(value)
        except ValidationError as error:
            report_validation_error(error, value, model, file, problems, loc, raw)
            return None

    if "set" in raw:
        parts.set = check(SetSpec, raw["set"], ("set",))
    facts = raw.get("facts")
    if isinstance(facts, LineDict):
        for name, table in facts.items():
            if not isinstance(name, str) or not re.fullmatch(ID_PATTERN, name):
                problems.add(
                    Location(file, facts.line_of(name)),
                    f"table name '{name}' must be letters, digits, '-', '_' or '.'",
                )
                continue
            if isinstance(table, dict) and isinstance(table.get("records"), list):
                table = {**table, "records": []}  # records are validated one by one later
            spec = check(TableSpec, table, ("facts", name))
            if spec is not None:
                parts.facts[name] = spec
    elif "facts" in raw and facts is not None:
        problems.add(
            Location(file, raw.line_of("facts")),
            "'facts' must be a mapping of table names to tables",
        )
    for section, model in (("templates", TemplateSpec), ("questions", QuestionSpec)):
        items = raw.get(section)
        if items is None:
            continue
        if not isinstance(items, LineList):
            problems.add(Location(file, raw.line_of(section)), f"'{section}' must be a list")
            continue
        for index, item in enumerate(items):
            if not isinstance(item, LineDict):
                problems.add(
                    Location(file, items.line_of(index)),
                    f"each entry of '{section}' must be a mapping with an 'id'",
                )
                continue
            item_spec: BaseModel | None = check(model, item, (section, index))
            if item_spec is not None:
                getattr(parts, section).append((index, item_spec))
    return parts


def _record(
    table: str, raw: Any, raw_list: LineList, index: int, file: str, problems: Problems
) -> Record | None:
    line = raw_list.line_of(index)
    if not isinstance(raw, LineDict):
        problems.add(
            Location(file, line), f"a record of table '{table}' must be a mapping with an 'id'"
        )
        return None
    try:
        spec = RecordSpec.model_validate(raw)
    except ValidationError as error:
        for item in error.errors():
            key = item["loc"][0] if item["loc"] else "id"
            where = raw.line_of(key) if key in raw else line
            what = (
                "missing required key 'id'"
                if item["type"] == "missing"
                else (f"{key}: {item['msg']}")
            )
            problems.add(Location(file, where), f"record of table '{table}': {what}")
        return None
    fields = {k: v for k, v in raw.items() if k not in ("evidence", "draft")}
    return Record(
        table=table,
        id=spec.id,
        fields=fields,
        evidence=tuple(spec.evidence),
        location=Location(file, line),
        field_lines=dict(raw.key_lines),
        evidence_lines=evidence_lines(raw),
        draft=spec.draft,
    )


def evidence_lines(raw: Any) -> tuple[int, ...]:
    """The line of each evidence passage of a record or question: a list's item lines, or the
    line of the ``evidence`` key for a single passage."""
    if not isinstance(raw, LineDict) or "evidence" not in raw:
        return ()
    value = raw["evidence"]
    if isinstance(value, LineList):
        return tuple(value.line_of(i) for i in range(len(value)))
    return (raw.line_of("evidence"),)


def list_lines(raw: Any) -> dict[str, tuple[int, ...]]:
    """The line of each item of every list-valued key of a template or question (where the
    item-writing rules report a flawed option)."""
    if not isinstance(raw, LineDict):
        return {}
    return {
        key: tuple(value.line_of(i) for i in range(len(value)))
        for key, value in raw.items()
        if isinstance(value, LineList)
    }


def set_key_lines(raw_set: Any) -> dict[str, int]:
    """The line of each key of the ``set`` section, the citation's as ``source.title``, ..."""
    if not isinstance(raw_set, LineDict):
        return {}
    lines = dict(raw_set.key_lines)
    source = raw_set.get("source")
    if isinstance(source, LineDict):
        lines.update({f"source.{key}": line for key, line in source.key_lines.items()})
    return lines


def _path_line(raw_set: Any) -> int | None:
    source = raw_set.get("source") if isinstance(raw_set, LineDict) else None
    return source.line_of("path") if isinstance(source, LineDict) and "path" in source else None


def _set_meta(
    spec: SetSpec, folder: Path, location: Location, path_line: int | None = None
) -> SetMeta:
    source = spec.source
    return SetMeta(
        name=folder.name,
        title=spec.title,
        description=spec.description,
        deck=spec.deck or spec.title,
        seed=spec.seed,
        source=Citation(
            title=source.title,
            publisher=source.publisher,
            date=source.date,
            url=source.url,
            path=(folder / source.path) if source.path else None,
            path_location=Location(location.file, path_line) if path_line else None,
            authors=tuple(source.authors),
        ),
        tags=tuple(spec.tags),
        subdecks=spec.subdecks,
        location=location,
        require_evidence=spec.require_evidence,
    )


def iter_ids(value: Any) -> Iterator[Any]:
    """The ids in a reference field: a single id or a list of them."""
    if isinstance(value, list):
        yield from value
    else:
        yield value


def _check_references(tables: dict[str, Table], problems: Problems) -> None:
    ids = {name: {r.id for r in table.records} for name, table in tables.items()}
    for table in tables.values():
        for ref_field, target in table.refs.items():
            if target not in tables:
                problems.add(
                    table.location,
                    f"table '{table.name}': refs field '{ref_field}' "
                    f"names unknown table '{target}'{did_you_mean(target, tables)}",
                )
                continue
            for record in table.records:
                if ref_field not in record.fields:
                    continue
                where = Location(record.location.file, record.field_lines.get(ref_field))
                for ref in iter_ids(record.fields[ref_field]):
                    if not isinstance(ref, str):
                        problems.add(
                            where,
                            f"{table.name} '{record.id}': '{ref_field}' must be "
                            f"an id of table '{target}' or a list of them",
                        )
                    elif ref not in ids[target]:
                        problems.add(
                            where,
                            f"{table.name} '{record.id}' names unknown {ref_field} "
                            f"'{ref}'{did_you_mean(ref, ids[target])}",
                        )


def _check_template_tables(
    items: list[Located], tables: dict[str, Table], problems: Problems
) -> None:
    for item in items:
        spec = item.spec
        if isinstance(spec, TemplateSpec) and spec.table not in tables:
            problems.add(
                item.where("table"),
                f"template '{spec.id}' uses unknown table "
                f"'{spec.table}'{did_you_mean(spec.table, tables)}",
            )
