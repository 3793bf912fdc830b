"""JSON Schema for the YAML files of a set, generated from the pydantic models.

Editors (VS Code with the YAML extension, anything built on yaml-language-server) read it through
the ``# yaml-language-server: $schema=...`` comment at the top of a file, then complete keys, show
each key's description and flag a misspelt key while the teacher types.

The schema is the models' own (``SetFileSpec.model_json_schema()``) with a few adjustments for what
pydantic cannot see: a record's free fields, and the shorthands the models accept through
``mode="before"`` validators (a single string for a list of evidence, a plain list for
``distractors``). :data:`VALIDATOR_SHAPES` names one adjustment per validator, and a test checks
that every validator of the models has one, so a new shorthand cannot silently be missing here.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .errors import OutputError, display_path
from .fileio import atomic_path
from .specs import RecordSpec, SetFileSpec

SCHEMA_FILE = "quizgen-set.schema.json"
"""The schema's file name, in the ``schema/`` folder beside ``questions/``."""

SCHEMA_DIR = "schema"
DIALECT = "http://json-schema.org/draft-07/schema#"  # the dialect every YAML editor understands

Schema = dict[str, Any]


def _string_or_list(prop: Schema) -> Schema:
    """A list of strings that may also be written as one string."""
    meta = {k: v for k, v in prop.items() if k in ("description", "default")}
    return meta | {"anyOf": [{"type": "string", "minLength": 1}, _strip_meta(prop)]}


def _list_or_spec(prop: Schema) -> Schema:
    """``distractors``: a fixed list of options, or a mapping (``from``/``values``/...)."""
    alternatives = list(prop.get("anyOf", [prop]))
    alternatives.insert(0, {"type": "array", "items": {"type": "string", "minLength": 1}})
    return {k: v for k, v in prop.items() if k != "anyOf"} | {"anyOf": alternatives}


def _table_dot_field(prop: Schema) -> Schema:
    meta = {k: v for k, v in prop.items() if k in ("description", "default")}
    return meta | {
        "anyOf": [
            {"type": "string", "pattern": r"^[A-Za-z0-9_.-]+\.[A-Za-z0-9_]+$"},
            {"type": "null"},
        ],
    }


def _date_text(prop: Schema) -> Schema:
    # Editors read YAML 1.2, where 2025-01-17 is a string; the model also accepts a YAML 1.1 date.
    return prop


def _rule_codes(prop: Schema) -> Schema:
    """``allow``: the codes of the item-writing rules, each with a reason (text, not empty)."""
    from .rules import RULES

    meta = {k: v for k, v in prop.items() if k in ("description", "default")}
    return meta | {
        "type": "object",
        "propertyNames": {"enum": sorted(RULES)},
        "additionalProperties": {"type": "string", "minLength": 1},
    }


VALIDATOR_SHAPES: dict[tuple[str, str], Callable[[Schema], Schema]] = {
    ("_QuestionCommon", "allow"): _rule_codes,  # the base of the two below: not in the schema
    ("QuestionSpec", "allow"): _rule_codes,
    ("TemplateSpec", "allow"): _rule_codes,
    ("CitationSpec", "date"): _date_text,
    ("DistractorSpec", "from"): _table_dot_field,
    ("DistractorSpec", "same"): _string_or_list,
    ("QuestionSpec", "evidence"): _string_or_list,
    ("RecordSpec", "evidence"): _string_or_list,
    ("TemplateSpec", "distractors"): _list_or_spec,
}
"""(model, key) → how the schema shows what that key's validator accepts."""


TITLES = {
    "CitationSpec": "source citation",
    "DistractorSpec": "distractors: where wrong options come from",
    "QuestionSpec": "hand-written question",
    "QuestionType": "question type",
    "RecordSpec": "fact record",
    "SetSpec": "set metadata",
    "TableSpec": "fact table",
    "TemplateSpec": "question template",
}
"""What an editor's hover calls each part of a file (instead of the model's class name)."""

_COMMON = {
    "id": "Required. Letters, digits, '-', '_' and '.'; unique in the set.",
    "type": "Required. multiple_choice, multiple_select, true_false, short_answer, cloze, "
    "matching or ordering.",
    "explanation": "Why the answer is right: on the card's back and in the key.",
    "tags": "Tags of this question (no spaces).",
    "topic": "Groups questions: Anki sub-decks and worksheet sections.",
    "points": "Score on the worksheet (a whole number, 0 or more).",
    "reverse": "multiple_choice and short_answer: a second Anki card asks answer → question.",
}
KEY_HELP: dict[tuple[str, str], str] = {
    ("SetFileSpec", "set"): "The set's metadata and source: in exactly one file of the set.",
    ("SetFileSpec", "facts"): "Named tables of records (people, quotes, ...).",
    ("SetFileSpec", "templates"): "Templates: each turns every record of a table into a question.",
    ("SetFileSpec", "questions"): "Hand-written questions of any type.",
    ("SetSpec", "title"): "Required. Shown on the worksheet, the key and the deck.",
    ("SetSpec", "description"): "One or two sentences about the set.",
    ("SetSpec", "source"): "Required. The citation printed with every evidence passage.",
    ("CitationSpec", "title"): "Required. The source's title.",
    ("CitationSpec", "publisher"): "Required. Who published the source.",
    ("CitationSpec", "url"): "Printed in the citation.",
    ("TableSpec", "description"): "What the table holds.",
    ("TableSpec", "records"): "The records: each an 'id', 'evidence' and free fields.",
    ("RecordSpec", "id"): "Required. Letters, digits, '-', '_' and '.'; unique in its table.",
    ("RecordSpec", "evidence"): "The passage(s) of the source the fact rests on, word for word.",
    ("RecordSpec", "image"): "A picture file, relative to the set folder.",
    ("DistractorSpec", "values"): "A fixed list of wrong options, instead of 'from'.",
    ("DistractorSpec", "count"): "How many wrong options to draw (1 to 20; default 3).",
    ("TemplateSpec", "table"): "Required. The table whose records become questions.",
    ("TemplateSpec", "where"): "Jinja expression: only records for which it is true.",
    ("TemplateSpec", "prompt"): "Required. Text template: the question, e.g. 'Who is {{ name }}?'.",
    ("TemplateSpec", "answer"): 'Text template: the answer, e.g. "{{ role }}".',
    ("TemplateSpec", "answers"): "multiple_select: an expression giving a list, or text templates.",
    ("TemplateSpec", "accept"): "short_answer: text templates of other accepted answers.",
    ("TemplateSpec", "items"): "ordering: an expression giving the items in order, or templates.",
    ("TemplateSpec", "pairs"): "matching: an expression giving [left, right] pairs or a mapping.",
    ("TemplateSpec", "distractors"): "Wrong options: {from: table.field} or a fixed list.",
    ("TemplateSpec", "image"): 'Text template giving a picture file, e.g. "{{ image }}".',
    ("QuestionSpec", "prompt"): "Required. The question; for cloze, each [[blank]] marked.",
    ("QuestionSpec", "answer"): "The answer (multiple_choice, short_answer; true/false).",
    ("QuestionSpec", "answers"): "multiple_select: every correct option.",
    ("QuestionSpec", "accept"): "short_answer: other accepted answers.",
    ("QuestionSpec", "distractors"): "The wrong options (multiple_choice, multiple_select).",
    ("QuestionSpec", "items"): "ordering: the items, in the right order.",
    ("QuestionSpec", "pairs"): "matching: [left, right] pairs.",
    ("QuestionSpec", "evidence"): "The passage(s) of the source the question rests on.",
    ("QuestionSpec", "image"): "A picture file, relative to the set folder.",
    **{
        (model, key): text
        for model in ("TemplateSpec", "QuestionSpec")
        for key, text in _COMMON.items()
    },
}
"""Hover text for the keys whose model field has no ``description`` (the model's wins)."""


def _describe(name: str, definition: Schema) -> None:
    if name in TITLES:
        definition["title"] = TITLES[name]
    for key, prop in definition.get("properties", {}).items():
        if "description" not in prop and (name, key) in KEY_HELP:
            prop["description"] = KEY_HELP[(name, key)]


def _strip_meta(prop: Schema) -> Schema:
    return {k: v for k, v in prop.items() if k not in ("title", "description", "default")}


def _tidy(node: Any) -> Any:
    """Drop pydantic's auto-generated ``title`` of every key (it only repeats the key's name),
    and close mappings whose keys are constrained by a pattern (table names)."""
    if isinstance(node, list):
        return [_tidy(n) for n in node]
    if not isinstance(node, dict):
        return node
    result: dict[str, Any] = {}
    for key, value in node.items():
        if key == "properties":
            result[key] = {
                name: _tidy({k: v for k, v in prop.items() if k != "title"})
                for name, prop in value.items()
            }
        else:
            result[key] = _tidy(value)
    if "patternProperties" in result and "additionalProperties" not in result:
        result["additionalProperties"] = False
    return result


def set_file_schema() -> Schema:
    """The JSON Schema of one YAML file of a set (any of ``set``, ``facts``, ``templates``,
    ``questions``), as a JSON-ready dict."""
    schema = SetFileSpec.model_json_schema(ref_template="#/definitions/{model}")
    definitions: dict[str, Schema] = schema.pop("$defs")
    record = RecordSpec.model_json_schema(ref_template="#/definitions/{model}")
    record["description"] = (
        "A fact: an 'id', the verbatim 'evidence' passage(s) it rests on, an optional 'image', "
        "and any other fields the templates use."
    )
    definitions["RecordSpec"] = record
    definitions["TableSpec"]["properties"]["records"]["items"] = {
        "$ref": "#/definitions/RecordSpec"
    }
    # records in YAML, from a spreadsheet, or both; not neither
    definitions["TableSpec"]["anyOf"] = [{"required": ["records"]}, {"required": ["records_from"]}]
    for (model, key), shape in VALIDATOR_SHAPES.items():
        if model not in definitions:
            continue
        properties = definitions[model]["properties"]
        properties[key] = shape(properties[key])
    for name, definition in definitions.items():
        _describe(name, definition)
    _describe("SetFileSpec", schema)
    schema["title"] = "quizgen question set file"
    schema["description"] = (
        "One YAML file of a quizgen set: any of 'set', 'facts', 'templates', 'questions' "
        "(see docs/format.md)."
    )
    tidy: Schema = _tidy(
        {"$schema": DIALECT, **schema, "definitions": dict(sorted(definitions.items()))}
    )
    return tidy


def schema_text() -> str:
    """The schema as written to disk: stable key order, one trailing newline."""
    return json.dumps(set_file_schema(), indent=2, ensure_ascii=False) + "\n"


def write_schema(out_dir: Path) -> Path:
    """Write the schema into ``out_dir`` (created if missing); return the file's path."""
    target = out_dir / SCHEMA_FILE
    try:
        if out_dir.exists() and not out_dir.is_dir():
            raise OutputError(f"{display_path(out_dir)} is a file, not a folder")
        out_dir.mkdir(parents=True, exist_ok=True)
        with atomic_path(target) as temporary:
            temporary.write_text(schema_text(), encoding="utf-8")
    except OSError as error:
        raise OutputError(f"cannot write {display_path(target)}: {error.strerror}") from None
    return target


def schema_comment(yaml_file_dir: Path, schema_path: Path) -> str:
    """The first line of a YAML file that points editors at the schema (a relative path)."""
    relative = Path(os.path.relpath(schema_path, yaml_file_dir)).as_posix()
    return f"# yaml-language-server: $schema={relative}"
