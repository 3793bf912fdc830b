"""The JSON Schema for editors: generated from the models, up to date, strict as the loader."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pydantic
import pytest
import yaml

from quizgen import specs
from quizgen.schema import SCHEMA_FILE, VALIDATOR_SHAPES, schema_text, set_file_schema

from .conftest import BUNDLED, ROOT
from .test_docs import yaml_examples

COMMITTED = ROOT / "schema" / SCHEMA_FILE
COMMENT = re.compile(r"# yaml-language-server: \$schema=(\S+)\n")


class Yaml12Loader(yaml.SafeLoader):
    """YAML as an editor reads it (YAML 1.2 core): 2025-01-17 is text, not a date."""


Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def errors_of(text: str) -> list[str]:
    """Every message the schema gives for a file, with those inside anyOf alternatives."""
    validator = jsonschema.Draft7Validator(set_file_schema())
    data = yaml.load(text, Loader=Yaml12Loader)  # a SafeLoader subclass
    messages: list[str] = []

    def walk(errors: Any) -> None:
        for error in errors:
            messages.append(error.message)
            walk(error.context or [])

    walk(validator.iter_errors(data))
    return messages


def test_the_schema_is_a_valid_draft7_schema() -> None:
    jsonschema.Draft7Validator.check_schema(set_file_schema())


def test_the_committed_schema_is_up_to_date_with_the_models() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == schema_text(), (
        "schema/quizgen-set.schema.json is stale: run `quizgen schema` at the repository root"
    )


def test_quizgen_schema_writes_the_same_file(cli: Callable[..., Any], tmp_path: Path) -> None:
    result = cli("schema", "--out", "editor")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == f"wrote editor/{SCHEMA_FILE}"
    assert (tmp_path / "editor" / SCHEMA_FILE).read_text(encoding="utf-8") == schema_text()


def test_quizgen_schema_into_a_file_fails_cleanly(cli: Callable[..., Any], tmp_path: Path) -> None:
    (tmp_path / "taken").write_text("a file")
    result = cli("schema", "--out", "taken")
    assert result.exit_code == 3
    assert result.stderr.strip() == "taken is a file, not a folder"


@pytest.mark.parametrize("path", sorted(BUNDLED.glob("*.yaml")), ids=lambda p: p.name)
def test_the_schema_accepts_every_bundled_file(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert errors_of(text) == []
    # and the file's first line points an editor at the committed schema
    comment = COMMENT.match(text)
    assert comment, f"{path.name} does not start with the yaml-language-server comment"
    assert (path.parent / comment.group(1)).resolve() == COMMITTED


def test_the_schema_accepts_every_yaml_example_in_the_docs() -> None:
    for set_name, files in yaml_examples().items():
        for file_name, text in files.items():
            if file_name.endswith((".yaml", ".yml")):  # not a spreadsheet beside them
                assert errors_of(text) == [], f"{set_name}/{file_name}"


@pytest.mark.parametrize(
    ("text", "bad_key"),
    [
        (
            "questions:\n  - id: q\n    type: short_answer\n    prompt: P?\n    anwser: A\n",
            "anwser",
        ),
        ("set:\n  tittle: T\n  source: {title: T, publisher: P, date: 2025-01-01}\n", "tittle"),
        ("facts:\n  people:\n    recrods: []\n", "recrods"),
        (
            "templates:\n  - id: t\n    table: people\n    type: cloze\n    prompt: '[[x]]'\n"
            "    distractors: {form: people.name}\n",
            "form",
        ),
        ("question:\n  - id: q\n", "question"),
    ],
)
def test_the_schema_rejects_a_misspelt_key(text: str, bad_key: str) -> None:
    errors = errors_of(text)
    assert any(f"'{bad_key}' was unexpected" in e for e in errors), errors


def test_the_schema_rejects_a_misspelt_key_in_a_bundled_file() -> None:
    text = (BUNDLED / "questions.yaml").read_text(encoding="utf-8")
    assert "    explanation:" in text
    errors = errors_of(text.replace("    explanation:", "    explenation:", 1))
    assert any("'explenation' was unexpected" in e for e in errors), errors


@pytest.mark.parametrize(
    "text",
    [
        "questions:\n  - id: q\n    type: essay\n    prompt: P?\n",  # unknown type
        "questions:\n  - id: 'bad id'\n    type: cloze\n    prompt: '[[x]]'\n",  # id pattern
        "facts:\n  people:\n    records:\n      - name: no id\n",  # record without id
        "facts:\n  'bad name':\n    records: []\n",  # table name
        "templates:\n  - id: t\n    table: p\n    type: cloze\n    prompt: x\n"
        "    distractors: {from: nodot}\n",
    ],
)
def test_the_schema_rejects_what_the_loader_rejects(text: str) -> None:
    assert errors_of(text)


def test_record_fields_are_free_and_evidence_may_be_one_string() -> None:
    text = (
        "facts:\n  people:\n    records:\n"
        "      - {id: a, name: A, born: 1815, tags: [x], evidence: one passage}\n"
        "      - {id: b, evidence: [one, two]}\n"
    )
    assert errors_of(text) == []


def test_every_validator_of_the_models_has_a_shape_in_the_schema() -> None:
    """A shorthand a validator accepts must be accepted by the schema too (VALIDATOR_SHAPES)."""
    found = set()
    for model in vars(specs).values():
        if isinstance(model, type) and issubclass(model, pydantic.BaseModel):
            for decorator in model.__pydantic_decorators__.field_validators.values():
                for name in decorator.info.fields:
                    key = model.model_fields[name].alias or name
                    found.add((model.__name__, key))
    assert found == set(VALIDATOR_SHAPES)


def test_every_key_of_the_models_is_in_the_schema() -> None:
    definitions = json.loads(schema_text())["definitions"]
    for name in ("SetSpec", "CitationSpec", "TableSpec", "TemplateSpec", "QuestionSpec"):
        model = getattr(specs, name)
        keys = {f.alias or n for n, f in model.model_fields.items()}
        assert set(definitions[name]["properties"]) == keys


def test_every_key_has_a_description_for_editor_hovers() -> None:
    schema = set_file_schema()
    parts = {"the top level": schema, **schema["definitions"]}
    for name, definition in parts.items():
        for key, prop in definition.get("properties", {}).items():
            assert prop.get("description"), (
                f"{name}.{key} has no description: give its model field a description, "
                "or add it to KEY_HELP in quizgen/schema.py"
            )
