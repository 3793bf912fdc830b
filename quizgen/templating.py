"""The template language: Jinja2 in its sandbox, with undefined names as errors.

Templates see a record's fields as names; a field declared in the table's ``refs`` resolves to the
referenced record (or a list of them), so ``{{ speaker.name }}`` works. A record printed as text
shows its ``name`` (else ``title``, else ``id``).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, lru_cache
from typing import Any

from jinja2 import StrictUndefined, TemplateError, pass_context
from jinja2.exceptions import SecurityError
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment

from .errors import did_you_mean
from .models import Record, Table

DISPLAY_FIELDS = ("name", "title", "text", "id")

MAX_TEXT = 100_000
"""Most characters one template may produce, and the longest text ``*`` may build."""
MAX_POWER_BITS = 10_000
"""The largest number ``**`` may build, in bits."""


class FactIndex:
    """Every record of a set by table and id, built once per set for reference lookups."""

    def __init__(self, tables: dict[str, Table]):
        self.tables = tables
        self.by_id: dict[str, dict[str, Record]] = {
            name: {r.id: r for r in table.records} for name, table in tables.items()
        }
        self._views: dict[tuple[str, str], RecordView] = {}
        self._contexts: dict[tuple[str, str], tuple[dict[str, Any], tuple[str, ...]]] = {}
        self._fact_lists: dict[str, FactList] | None = None

    def view(self, record: Record) -> RecordView:
        key = (record.table, record.id)
        found = self._views.get(key)
        if found is None:
            found = self._views[key] = RecordView(record, self)
        return found

    def context(self, record: Record) -> dict[str, Any]:
        """The names a template sees for one record: its fields (a reference as the record it
        names), then ``id``, ``evidence`` and ``record``.

        Worked out once per record (several templates may cover a table) and copied for each
        call. Every list in it that a view builds anew (``evidence``, a list of references) is
        a new list for each call, so a template that changes one changes no other's.
        """
        key = (record.table, record.id)
        found = self._contexts.get(key)
        if found is None:
            found = self._contexts[key] = self._first_context(record)
        first, fresh = found
        names = first.copy()
        for name in fresh:
            names[name] = list(names[name])
        return names

    def _first_context(self, record: Record) -> tuple[dict[str, Any], tuple[str, ...]]:
        """The names, as ``{name: view[name] for name in record.fields}`` then ``id``,
        ``evidence`` and ``record`` (in that order), and the names whose list is the view's own."""
        view = self.view(record)
        names = dict(record.fields)
        fresh = ["evidence"]
        for name in self.tables[record.table].refs:
            if name in names:
                names[name] = view[name]
                if isinstance(names[name], list):
                    fresh.append(name)
        names["id"] = record.id
        names["evidence"] = list(record.evidence)
        names["record"] = view
        # a reference named like one of the last three is shadowed by it, as it always was
        return names, tuple(n for n in fresh if isinstance(names[n], list))

    def fact_lists(self) -> dict[str, FactList]:
        """``facts`` as templates see it (each table as a :class:`FactList`), built once per set
        so that the indexes of ``selectattr`` are built once too."""
        if self._fact_lists is None:
            self._fact_lists = {
                name: FactList([self.view(r) for r in table.records])
                for name, table in self.tables.items()
            }
        return self._fact_lists


class RecordView:
    """What a template sees of a record. Fields only: no methods a field name could collide with."""

    __slots__ = ("_index", "_record", "_refs")

    def __init__(self, record: Record, index: FactIndex):
        self._record = record
        self._index = index
        self._refs = index.tables[record.table].refs

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None

    def __getitem__(self, name: str) -> Any:
        record = self._record
        if name == "id":
            return record.id
        if name == "evidence":
            return list(record.evidence)
        value = record.fields[name]
        target = self._refs.get(name)
        if target is None:
            return value
        records = self._index.by_id[target]
        if isinstance(value, list):
            return [self._index.view(records[v]) for v in value]
        return self._index.view(records[value])

    def __contains__(self, name: object) -> bool:
        return name in ("id", "evidence") or name in self._record.fields

    def __str__(self) -> str:
        for name in DISPLAY_FIELDS:
            if name in self._record.fields:
                return str(self._record.fields[name])
        return self._record.id

    def __repr__(self) -> str:
        return f"<{self._record.table} {self._record.id}>"


class _Undefined(StrictUndefined):
    """Undefined names are errors, with messages in the teacher's terms."""

    __slots__ = ()

    @property
    def _undefined_message(self) -> str:
        if self._undefined_exception is SecurityError:
            return (
                f"'{self._undefined_name}' is not allowed: templates run in a sandbox "
                "without access to Python internals"
            )
        owner = self._undefined_obj
        if isinstance(owner, RecordView):
            record = object.__getattribute__(owner, "_record")
            return (
                f"{record.table} '{record.id}' has no field '{self._undefined_name}'"
                f"{did_you_mean(str(self._undefined_name), record.fields)}"
            )
        return str(super()._undefined_message)


class _Sandbox(SandboxedEnvironment):
    """Jinja's sandbox, with the operators that can exhaust memory bounded.

    The sandbox already refuses Python internals and ranges over 100,000; ``'x' * 10**9`` and
    ``2 ** 10**10`` would still build huge values, so both operators check the size first.
    """

    intercepted_binops = frozenset(["*", "**"])

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            for sequence, times in ((left, right), (right, left)):
                sized = isinstance(sequence, (str, list, tuple)) and isinstance(times, int)
                if sized and len(sequence) * times > MAX_TEXT:
                    raise SecurityError(f"'*' would build more than {MAX_TEXT} characters")
        elif (
            isinstance(left, int)
            and isinstance(right, int)
            and abs(left) > 1
            and right * abs(left).bit_length() > MAX_POWER_BITS
        ):
            raise SecurityError(f"'**' would build a number over {MAX_POWER_BITS} bits")
        return super().call_binop(context, operator, left, right)


REFUSED_FILTERS = ("random", "escape", "e", "forceescape", "safe", "urlize", "xmlattr")
"""Jinja filters templates may not use: ``random`` would make two builds differ, and the others
produce HTML, while quizgen escapes plain text itself for each output (docs/format.md)."""
REFUSED_GLOBALS = ("lipsum",)  # random text


def _plain_text_only(env: SandboxedEnvironment) -> SandboxedEnvironment:
    for name in REFUSED_FILTERS:
        env.filters.pop(name, None)
    for name in REFUSED_GLOBALS:
        env.globals.pop(name, None)
    return env


class FactList(list[Any]):
    """A table's records as a template sees them in ``facts`` (a list of RecordView).

    ``facts.quotes | selectattr('text', 'equalto', text)`` is the documented way to find a record's
    fellows; run for every record it would scan the whole table each time, quadratic in the table.
    A FactList answers it from an index built once per field, in the table's order, with the same
    result; what the index cannot answer exactly (a record without the field, a value that is not
    hashable, a number with a fraction) is left to Jinja.
    """

    def __init__(self, views: list[RecordView]):
        super().__init__(views)
        self._indexes: dict[str, dict[Any, list[RecordView]] | None] = {}

    def with_value(self, field: str, value: Any) -> list[RecordView] | None:
        """The views whose ``field`` equals ``value``, or None where Jinja must decide."""
        if isinstance(value, float):
            # a dict finds a key by identity before equality, so NaN would find itself, while
            # Jinja's `==` (Python's) says NaN equals nothing: floats are left to Jinja
            return None
        if field not in self._indexes:
            self._indexes[field] = self._index(field)
        index = self._indexes[field]
        try:
            return None if index is None else index.get(value, [])
        except TypeError:  # an unhashable value
            return None

    def _index(self, field: str) -> dict[Any, list[RecordView]] | None:
        index: dict[Any, list[RecordView]] = {}
        for view in self:
            if field.startswith("_") or field not in view:
                return None
            try:
                index.setdefault(view[field], []).append(view)
            except TypeError:
                return None
        return index


_EQUALITY_TESTS = ("equalto", "eq", "==")


def _indexed_selectattr(jinja_selectattr: Callable[..., Any]) -> Callable[..., Any]:
    """Jinja's ``selectattr``, answered from the index when it is over a fact table."""

    @pass_context
    def selectattr(context: Context, value: Any, *args: Any, **kwargs: Any) -> Any:
        if (
            type(value) is FactList
            and len(args) == 3
            and not kwargs
            and isinstance(args[0], str)
            and args[1] in _EQUALITY_TESTS
        ):
            found = value.with_value(args[0], args[2])
            if found is not None:
                return (view for view in found)  # a generator, as Jinja's filter gives
        return jinja_selectattr(context, value, *args, **kwargs)

    return selectattr


@cache
def environment() -> SandboxedEnvironment:
    env = _plain_text_only(_Sandbox(undefined=_Undefined, autoescape=False))
    env.filters["selectattr"] = _indexed_selectattr(env.filters["selectattr"])
    return env


@lru_cache(maxsize=4096)
def compile_text(source: str) -> Callable[[dict[str, Any]], str]:
    """Compile a text template once; the result renders a context to stripped text. The result
    holds no state, so it is kept for the same source (``quizgen preview`` rebuilds a set again
    and again in one process).

    The output is built piece by piece (``Template.generate``) and abandoned past
    :data:`MAX_TEXT` characters, so a loop cannot fill memory.
    """
    template = environment().from_string(source)

    def render(names: dict[str, Any]) -> str:
        pieces, length = [], 0
        for piece in template.generate(names):
            length += len(piece)
            if length > MAX_TEXT:
                raise SecurityError(f"the text is longer than {MAX_TEXT} characters")
            pieces.append(piece)
        return "".join(pieces).strip()

    return render


@lru_cache(maxsize=4096)
def compile_expression(source: str) -> Callable[[dict[str, Any]], Any]:
    """Compile a Jinja expression once (``where``, ``answers``, ``items``, ``pairs``); the result
    evaluates it in a context. An undefined name gives Jinja's Undefined, which raises when used.
    """
    expression: Callable[[dict[str, Any]], Any]
    expression = environment().compile_expression(source, undefined_to_none=False)
    return expression


def describe_error(error: Exception) -> str:
    """A one-line description of a template error, for the problem list."""
    if isinstance(error, TemplateError):
        text = error.message or type(error).__name__
    else:
        text = f"{type(error).__name__}: {error}"
    return " ".join(str(text).split())
