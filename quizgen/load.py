"""YAML files of a set folder → a validated :class:`~quizgen.models.QuizSet`.

Every problem found is collected with its file and line; nothing is raised until the whole set has
been read, so a teacher sees every mistake at once.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .errors import Location, Problems, QuizgenError, did_you_mean, display_path
from .folders import leaves_folder, yaml_files
from .model_errors import explain, report_validation_error
from .models import Citation, Located, QuizSet, Record, SetMeta, Table
from .naming import key_path, split_list_hint
from .specs import (
    ID_PATTERN,
    QuestionSpec,
    RecordSpec,
    SetFileSpec,
    SetSpec,
    TableSpec,
    TemplateSpec,
)
from .spreadsheet import records_from
from .yamlfile import LineDict, LineList, is_blank, load_yaml

_M = TypeVar("_M", bound=BaseModel)

_LEAVES_FOLDER = (
    "a symbolic link to a file outside the set folder: not read (a set's files stay inside "
    "its folder, as its pictures do); copy the file into the folder instead"
)


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
        if leaves_folder(path, folder):
            problems.add(Location(shown), _LEAVES_FOLDER)
            continue
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
            in_sheet = records_from(table_name, table_spec, raw_table, path, problems, folder)
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
        ident = raw.get("id")
        owner = f"{table} '{ident}'" if isinstance(ident, str) else f"a record of table '{table}'"
        for item in error.errors():
            loc = tuple(p for p in item["loc"] if isinstance(p, (str, int)))
            key = loc[0] if loc else "id"
            where = raw.line_of(key) if key in raw else line
            if item["type"] == "missing":
                what = "missing required key 'id'"
            else:
                what = f"{key_path(list(loc))}: {explain(item)}"
                split = split_list_hint(raw, loc)
                what += f"; {split}" if split else ""
            problems.add(Location(file, where), f"{owner}: {what}")
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
