"""Templates and expressions as quizgen compiles them: Jinja's sandbox, a bound on the text a
template may produce, and ``selectattr`` over a fact table answered from an index exactly as
Jinja would answer it."""

from __future__ import annotations

from types import GeneratorType
from typing import Any

import pytest
from jinja2 import TemplateError, Undefined
from jinja2.exceptions import SecurityError

from quizgen.errors import Location
from quizgen.models import Record, Table
from quizgen.recordviews import FactIndex, FactList
from quizgen.templating import MAX_TEXT, compile_expression, compile_text


def _index() -> FactIndex:
    def record(table: str, id: str, **fields: Any) -> Record:
        return Record(table, id, {"id": id, **fields}, ("seen",), Location("f.yaml", 1), {})

    people = Table(
        "people",
        {},
        (
            record(
                "people",
                "ann",
                name="Ann",
                role="mayor",
                age=41,
                score=float("nan"),
                active=True,
                tags=["red", "blue"],
                info={"k": "v", "items": 3},
            ),
            record("people", "bob", title="Mr Bob", role=None, score=2.5, tags=[], info=[1]),
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


def _names(index: FactIndex | None = None) -> list[dict[str, Any]]:
    index = index or _index()
    return [index.context(r) for t in index.tables.values() for r in t.records]


def _outcome(function: Any, *args: Any) -> tuple[str, Any]:
    """What a call gives, in a form to compare: its error, or its value shown by :func:`_shown`."""
    try:
        return _shown(function(*args))
    except TemplateError as error:
        return (type(error).__name__, error.message)
    except Exception as error:  # Python's own errors pass through Jinja as they are
        return (type(error).__name__, str(error))


def _shown(value: Any) -> tuple[str, Any]:
    if isinstance(value, Undefined):  # an expression may give one; using it raises
        return ("undefined", value._undefined_message)
    if isinstance(value, (list, tuple, GeneratorType)):
        return (type(value).__name__, [_shown(item) for item in value])
    return ("ok", type(value).__name__, repr(value))  # type: ignore[return-value]


def test_a_template_renders_stripped_text_and_a_record_by_its_name() -> None:
    quote = _names()[2]
    assert compile_text("  {{ speaker }} said “{{ text }}”\n")(quote) == "Ann said “Bread <first>”"
    assert compile_text("{{ speaker.name | upper }}")(quote) == "ANN"
    assert compile_expression("others | map(attribute='id') | list")(quote) == ["ann", "bob"]


def test_the_length_limit_holds() -> None:
    compiled = compile_text("{{ name }}{{ name }}")
    assert compiled({"name": "x" * 10}) == "x" * 20
    with pytest.raises(SecurityError, match="longer than"):
        compiled({"name": "x" * (MAX_TEXT // 2 + 1)})
    with pytest.raises(SecurityError, match="longer than"):
        compile_text("{% for i in range(99999) %}{{ name }}{% endfor %}")({"name": "xy"})


SELECTS = [
    "facts.people | selectattr('role', 'equalto', 'mayor') | map(attribute='id') | list",
    "facts.people | selectattr('role', '==', role) | map(attribute='id') | list",
    "facts.quotes | selectattr('speaker', 'equalto', speaker) | map(attribute='id') | list",
    "facts.people | selectattr('name', 'equalto', 'Ann') | list | length",  # bob has no name
    "facts.people | selectattr('age', 'eq', 41.0) | map(attribute='id') | list",
    "facts.people | selectattr('score', 'equalto', score) | map(attribute='id') | list",  # NaN
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
    for names in _names(index):
        ours = _outcome(compiled, {**names, "facts": indexed})
        theirs = _outcome(compiled, {**names, "facts": plain})
        assert ours == theirs, (source, names["id"])


def test_nan_selects_nothing_not_itself() -> None:
    # Jinja's `==` says NaN equals nothing, itself included; a dict lookup finds it by identity
    index = _index()
    ann = _names(index)[0]
    facts = {"people": FactList([index.view(r) for r in index.tables["people"].records])}
    select = compile_expression("facts.people | selectattr('score', 'equalto', score) | list")
    assert select({**ann, "facts": facts}) == []


def test_selectattr_over_a_fact_table_uses_the_index() -> None:
    index = _index()
    people = FactList([index.view(r) for r in index.tables["people"].records])
    assert [v["id"] for v in people.with_value("role", "mayor") or []] == ["ann"]
    assert people.with_value("role", "poet") == []
    assert people.with_value("name", "Ann") is None  # bob has no name: Jinja decides
    assert people.with_value("role", ["x"]) is None
    assert people.with_value("score", 2.5) is None  # a float: Jinja decides (NaN)
