"""The fast path for simple templates gives exactly what Jinja gives, errors included."""

from __future__ import annotations

from typing import Any

import pytest
from jinja2 import TemplateError, Undefined
from jinja2.exceptions import SecurityError

from quizgen.errors import Location
from quizgen.models import Record, Table
from quizgen.templating import (
    MAX_TEXT,
    FactIndex,
    FactList,
    _fast_expression,
    _fast_text,
    compile_expression,
    compile_text,
    environment,
)


def _index() -> FactIndex:
    def record(table: str, id: str, **fields: Any) -> Record:
        return Record(table, id, {"id": id, **fields}, ("seen",), Location("f.yaml", 1), {})

    people = Table(
        "people",
        {},
        (
            record("people", "ann", name="Ann", role="mayor", age=41, active=True),
            record("people", "bob", title="Mr Bob", role=None),
        ),
        Location("f.yaml", 1),
    )
    quotes = Table(
        "quotes",
        {"speaker": "people", "others": "people"},
        (record("quotes", "q1", text="Bread <first>", speaker="ann", others=["ann", "bob"]),),
        Location("f.yaml", 2),
    )
    return FactIndex({"people": people, "quotes": quotes})


def _names() -> list[dict[str, Any]]:
    index = _index()
    return [index.context(r) for t in index.tables.values() for r in t.records]


TEXTS = [
    "How does the article describe {{ name }}?",
    "{{ speaker.name }} ({{ speaker.role }}) said “{{ text }}”",
    "{{ speaker }} / {{ others }} / {{ record }} / {{ evidence }} / {{ id }}",
    "{{ age }} {{ active }} {{ role }}",
    "  plain text, no names  ",
    "",
    "{{ speaker.evidence }} {{ speaker.id }}",
    "{{ name | upper }}",  # not simple: Jinja renders it
    "{% if active %}yes{% endif %}",
]
FAST = {TEXTS[0], TEXTS[1], TEXTS[2], TEXTS[3], TEXTS[4], TEXTS[5], TEXTS[6]}


def _jinja_text(source: str, names: dict[str, Any]) -> str:
    return environment().from_string(source).render(names).strip()


def _outcome(function: Any, *args: Any) -> tuple[str, Any]:
    try:
        value = function(*args)
    except TemplateError as error:
        return (type(error).__name__, error.message)
    if isinstance(value, Undefined):  # an expression may give one; using it raises
        return ("undefined", value._undefined_message)
    return ("ok", value)


@pytest.mark.parametrize("source", TEXTS)
def test_text_is_exactly_what_jinja_renders(source: str) -> None:
    assert (_fast_text(source) is not None) == (source in FAST)
    compiled = compile_text(source)
    for names in _names():
        assert _outcome(compiled, names) == _outcome(_jinja_text, source, names)


@pytest.mark.parametrize(
    "source",
    [
        "{{ missing }}",
        "{{ speaker.missing }}",
        "{{ name.upper }}",
        "{{ speaker._record }}",
        "{{ range }}",
    ],
)
def test_what_the_fast_path_is_not_sure_of_goes_to_jinja(source: str) -> None:
    compiled = compile_text(source)
    for names in _names():
        assert _outcome(compiled, names) == _outcome(_jinja_text, source, names)


EXPRESSIONS = [
    "name",
    "speaker.name",
    "others",
    "speaker.role != role",
    "candidate.role == 'mayor'",
    "age == 41",
    "speaker.missing == 1",
    "missing != 1",
    "others | map(attribute='name') | list",
    "role != 'judge' and age",
]


@pytest.mark.parametrize("source", EXPRESSIONS)
def test_expression_is_exactly_what_jinja_evaluates(source: str) -> None:
    compiled = compile_expression(source)
    jinja = environment().compile_expression(source, undefined_to_none=False)
    index = _index()
    candidate = index.view(index.tables["people"].records[0])
    for names in _names():
        names = {**names, "candidate": candidate}
        ours, theirs = _outcome(compiled, names), _outcome(lambda n: jinja(**n), names)
        assert ours[0] == theirs[0]
        if ours[0] == "ok" and not isinstance(ours[1], list):
            assert ours == theirs
        elif ours[0] == "ok":
            assert [repr(v) for v in ours[1]] == [repr(v) for v in theirs[1]]
        else:
            assert ours == theirs


def test_only_simple_expressions_take_the_fast_path() -> None:
    assert _fast_expression("name") is not None
    assert _fast_expression("candidate.country != country") is not None
    assert _fast_expression("a < b") is None
    assert _fast_expression("a == b == c") is None
    assert _fast_expression("items | list") is None
    assert _fast_expression("name )") is None


def test_the_length_limit_holds_on_the_fast_path() -> None:
    compiled = compile_text("{{ name }}{{ name }}")
    assert _fast_text("{{ name }}{{ name }}") is not None
    assert compiled({"name": "x" * 10}) == "x" * 20
    with pytest.raises(SecurityError, match="longer than"):
        compiled({"name": "x" * (MAX_TEXT // 2 + 1)})


SELECTS = [
    "facts.people | selectattr('role', 'equalto', 'mayor') | map(attribute='id') | list",
    "facts.people | selectattr('role', '==', role) | map(attribute='id') | list",
    "facts.quotes | selectattr('speaker', 'equalto', speaker) | map(attribute='id') | list",
    "facts.people | selectattr('name', 'equalto', 'Ann') | list | length",  # bob has no name
    "facts.people | selectattr('age', 'eq', 41.0) | map(attribute='id') | list",
    "facts.people | selectattr('id', 'equalto', []) | list",  # unhashable value
    "facts.people | selectattr('role') | map(attribute='id') | list",  # not an equality
    "facts.people | selectattr('_record', 'equalto', 1) | list",
]


@pytest.mark.parametrize("source", SELECTS)
def test_selectattr_over_a_fact_table_is_jinjas(source: str) -> None:
    index = _index()
    indexed = {n: FactList([index.view(r) for r in t.records]) for n, t in index.tables.items()}
    plain = {n: list(views) for n, views in indexed.items()}
    compiled = compile_expression(source)
    for names in _names():
        ours = _outcome(compiled, {**names, "facts": indexed})
        theirs = _outcome(compiled, {**names, "facts": plain})
        assert ours == theirs, (source, names["id"])


def test_selectattr_over_a_fact_table_uses_the_index() -> None:
    index = _index()
    people = FactList([index.view(r) for r in index.tables["people"].records])
    assert [v["id"] for v in people.with_value("role", "mayor") or []] == ["ann"]
    assert people.with_value("role", "poet") == []
    assert people.with_value("name", "Ann") is None  # bob has no name: Jinja decides
    assert people.with_value("role", ["x"]) is None
