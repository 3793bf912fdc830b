"""The fast path for simple templates gives exactly what Jinja gives, errors included."""

from __future__ import annotations

from pathlib import Path
from types import GeneratorType
from typing import Any

import pytest
from jinja2 import TemplateError, Undefined
from jinja2.exceptions import SecurityError

from quizgen.errors import Location
from quizgen.load import load_set
from quizgen.models import Record, Table, TemplateSpec
from quizgen.templating import (
    _UNKNOWN,
    MAX_TEXT,
    FactIndex,
    FactList,
    _fast_expression,
    _fast_text,
    compile_expression,
    compile_text,
    environment,
)

from .conftest import BUNDLED, benchmark_set


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
                active=True,
                tags=["red", "blue"],
                info={"k": "v", "items": 3},
            ),
            record("people", "bob", title="Mr Bob", role=None, tags=[], info=[1]),
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
    "{{ name | upper }} {{ role | lower }} {{ age | upper }}",
    "{% if active %}yes{% endif %}",
    "{% if active %}yes{% elif role %}a {{ role }}{% else %}no{% endif %}!",
    "{% if missing is defined %}a{% elif range is defined %}b{% endif %}{{ x is undefined }}",
    "{{ evidence[0] }} {{ name[0] | upper }}{{ name[1:] }} {{ name[::-1] }} {{ tags[-1] }}",
    "{{ evidence[5] }}",  # an Undefined: Jinja's error
    "{{ others[0].name }} and {{ others[1].title }}",
    "{{ others | map(attribute='name') | join(', ') }}",  # bob has no name: Jinja's error
    "{{ others | map(attribute='id') | join(', ') }} {{ others | join(' and ') }}",
    "{{ tags | join }} {{ tags | join(1) }} {{ tags | length }} {{ tags | count }}",
    "{{ tags | list }} {{ name | list }} {{ info | list }} {{ info | join('+') }}",
    "{{ 'x' ~ name ~ 1 }} {{ age + 1 }} {{ tags + ['x'] }} {{ name + 1 }}",
    "{{ name if active else role }} {{ not active }} {{ active and role }} {{ age or role }}",
    "{{ role and missing }}",  # short-circuits as Python does (bob's role is None)
    "{{ active or missing }}",
    "{{ [name, role] }} {{ (name, age) }} {{ 'Ann' == name }} {{ age > 40 }}",
    "{{ name in speaker.name }} {{ 'r' not in tags }} {{ age <= 41 }} {{ age >= 9 }}",
    "{{ info.k }} {{ info.items }} {{ info['items'] }}",  # dict attributes: Jinja's way
    "{{ 1 }} {{ 'two' }} {{ none }}",
    "{{ missing | upper }}",
    "{{ name | title }}",  # a filter the fast path leaves to Jinja
    "{% for tag in tags %}{{ tag }}{% endfor %}",  # a statement it leaves to Jinja
    "{{ age * 2 }}",  # an operator the sandbox intercepts
]
NOT_FAST = {
    "{{ name | title }}",
    "{% for tag in tags %}{{ tag }}{% endfor %}",
    "{{ age * 2 }}",
}
FAST = set(TEXTS) - NOT_FAST
JINJA_DECIDES = {  # fast templates that give an error (or need Jinja) in every test context
    "{{ evidence[5] }}",
    "{{ others | map(attribute='name') | join(', ') }}",
    "{{ 'x' ~ name ~ 1 }} {{ age + 1 }} {{ tags + ['x'] }} {{ name + 1 }}",
    "{{ name in speaker.name }} {{ 'r' not in tags }} {{ age <= 41 }} {{ age >= 9 }}",
    "{{ info.k }} {{ info.items }} {{ info['items'] }}",
    "{{ missing | upper }}",
}


def _jinja_text(source: str, names: dict[str, Any]) -> str:
    return environment().from_string(source).render(names).strip()


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


@pytest.mark.parametrize("source", TEXTS)
def test_text_is_exactly_what_jinja_renders(source: str) -> None:
    fast = _fast_text(source)
    assert (fast is not None) == (source in FAST)
    compiled = compile_text(source)
    answered = 0
    for names in _names():
        assert _outcome(compiled, names) == _outcome(_jinja_text, source, names)
        # and the fast path itself, where it answers
        text = fast(names) if fast else None
        if text is not None:
            answered += 1
            assert text.strip() == _jinja_text(source, names)
    assert (answered > 0) == (source in FAST and source not in JINJA_DECIDES)


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
    "others | map(attribute='id') | list",
    "others | map(attribute='info.k') | list",
    "role != 'judge' and age",
    "age < 50",
    "candidate.role in ['mayor', 'judge']",
    "others + [speaker]",
    "tags + [name]",
    "[['text', text], ['id', id], ['first', others[0].name]]",
    "(name, role)",
    "evidence[0]",
    "tags[1]",
    "tags[3]",
    "name[1:3]",
    "tags | list",
    "tags | length",
    "missing is defined",
    "name is undefined",
    "not active",
    "active if age else role",
    "info.k",
    "info.items",
    "others | map(attribute='speaker') | list",
    "tags | map('upper') | list",  # map of a filter: Jinja's
    "others | map(attribute='name')",  # a generator: Jinja's
    "a == b == c",  # a chain: Jinja's
    "-age",
    "tags[-1]",
    "name[::-1]",
]
FAST_EXPRESSIONS = set(EXPRESSIONS) - {
    # where the fast path is not sure, in every context of the test, Jinja answers
    "speaker.missing == 1",
    "speaker.role != role",  # a quote has no role, a person no speaker
    "missing != 1",
    "info.items",  # an attribute of dict
    "others | map(attribute='name') | list",  # bob has no name
    "tags[3]",
    "others | map(attribute='info.k') | list",
    "others | map(attribute='speaker') | list",
    "tags | map('upper') | list",
    "others | map(attribute='name')",
    "a == b == c",
}


@pytest.mark.parametrize("source", EXPRESSIONS)
def test_expression_is_exactly_what_jinja_evaluates(source: str) -> None:
    compiled = compile_expression(source)
    jinja = environment().compile_expression(source, undefined_to_none=False)
    index = _index()
    candidate = index.view(index.tables["people"].records[0])
    fast = _fast_expression(source)
    answered = 0
    for names in _names():
        names = {**names, "candidate": candidate}
        theirs = _outcome(lambda n: jinja(**n), names)
        assert _outcome(compiled, names) == theirs
        # and the fast path itself, where it answers
        value = fast(names) if fast else _UNKNOWN
        if value is not _UNKNOWN:
            answered += 1
            assert _shown(value) == theirs
    assert (answered > 0) == (source in FAST_EXPRESSIONS)


def test_only_expressions_it_knows_take_the_fast_path() -> None:
    assert _fast_expression("name") is not None
    assert _fast_expression("candidate.country != country") is not None
    assert _fast_expression("a < b") is not None
    assert _fast_expression("items | list") is not None
    assert _fast_expression("a == b == c") is None
    assert _fast_expression("a * b") is None
    assert _fast_expression("items | map(attribute='x')") is None  # a generator
    assert _fast_expression("items | map('upper') | list") is None
    assert _fast_expression("items | sort") is None
    assert _fast_expression("x.__class__") is None
    assert _fast_expression("f(x)") is None
    assert _fast_expression("name )") is None


def test_a_filter_the_set_replaced_is_left_to_jinja(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(environment().filters, "upper", lambda value: "replaced")
    assert _fast_text("{{ name | upper }}") is None
    assert _fast_text("{{ name | lower }}") is not None


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


# --------------------------------------------------------------------------- on real sets


def _sources(spec: TemplateSpec) -> tuple[list[str], list[str], list[str]]:
    """A template's texts, its expressions over a record, and those that also see 'candidate'
    or 'facts' (the distractors' where and exclude)."""
    texts = [spec.prompt, spec.answer, spec.explanation, spec.image, *spec.accept]
    expressions = [spec.where, spec.pairs]
    for value in (spec.answers, spec.items):
        if isinstance(value, str):
            expressions.append(value)
        elif value is not None:
            texts.extend(value)
    drawn = [spec.distractors.where, spec.distractors.exclude] if spec.distractors else []
    return (
        [t for t in texts if t is not None],
        [e for e in expressions if e is not None],
        [e for e in drawn if e is not None],
    )


@pytest.mark.parametrize("which", ["bundled", "benchmark"])
def test_real_templates_take_the_fast_path_and_give_what_jinja_gives(
    which: str, tmp_path: Path
) -> None:
    quiz_set = load_set(BUNDLED if which == "bundled" else benchmark_set(300, tmp_path))
    index = FactIndex(quiz_set.tables)
    facts = index.fact_lists()
    plain_facts = {name: list(views) for name, views in facts.items()}
    checked = 0
    for item in quiz_set.items:
        spec = item.spec
        if not isinstance(spec, TemplateSpec):
            continue
        texts, expressions, drawn = _sources(spec)
        records = index.tables[spec.table].records
        if spec.where:  # the records the template makes questions of
            where = compile_expression(spec.where)
            records = tuple(r for r in records if where(index.context(r)))
        pool = spec.distractors.from_ if spec.distractors else None
        pool_table = index.tables[pool.rsplit(".", 1)[0]] if pool else None
        candidates = [index.view(r) for r in pool_table.records[:20]] if pool_table else []
        for source in texts:
            fast = _fast_text(source)
            assert fast is not None, (spec.id, source)  # the fast path covers real templates
            for record in records:
                names = index.context(record)
                text = fast(names)
                assert text is not None, (spec.id, source, record.id)
                assert text.strip() == _jinja_text(source, names), (spec.id, source)
                checked += 1
        for source in expressions + drawn:  # 'where' on the records it lets through
            evaluate = _fast_expression(source)
            assert evaluate is not None, (spec.id, source)
            jinja = environment().compile_expression(source, undefined_to_none=False)
            for record in records:
                for candidate in candidates if source in drawn else [None]:
                    names = {**index.context(record), "candidate": candidate, "facts": facts}
                    value = evaluate(names)
                    assert value is not _UNKNOWN, (spec.id, source, record.id)
                    # Jinja over plain lists: no index behind selectattr either
                    plain = {**names, "facts": plain_facts}
                    theirs = _outcome(lambda n, jinja=jinja: jinja(**n), plain)
                    assert _shown(value) == theirs, (spec.id, source, record.id)
                    checked += 1
    assert checked > 100
