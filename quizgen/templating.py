"""The template language: Jinja2 in its sandbox, with undefined names as errors.

Templates see a record's fields as names; a field declared in the table's ``refs`` resolves to the
referenced record (or a list of them), so ``{{ speaker.name }}`` works. A record printed as text
shows its ``name`` (else ``title``, else ``id``).
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from functools import cache
from typing import Any, TypeVar

from jinja2 import StrictUndefined, Template, TemplateError, filters, nodes, pass_context, tests
from jinja2.exceptions import SecurityError
from jinja2.parser import Parser
from jinja2.runtime import Context, new_context
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
    hashable) is left to Jinja.
    """

    def __init__(self, views: list[RecordView]):
        super().__init__(views)
        self._indexes: dict[str, dict[Any, list[RecordView]] | None] = {}

    def with_value(self, field: str, value: Any) -> list[RecordView] | None:
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
_jinja_selectattr = filters.do_selectattr


@pass_context
def _selectattr(context: Context, value: Any, *args: Any, **kwargs: Any) -> Any:
    """Jinja's ``selectattr``, answered from the index when it is over a fact table."""
    if (
        type(value) is FactList
        and len(args) == 3
        and not kwargs
        and isinstance(args[0], str)
        and args[1] in _EQUALITY_TESTS
    ):
        found = value.with_value(args[0], args[2])
        if found is not None:
            return (view for view in found)
    return _jinja_selectattr(context, value, *args, **kwargs)


@cache
def environment() -> SandboxedEnvironment:
    env = _plain_text_only(_Sandbox(undefined=_Undefined, autoescape=False))
    env.filters["selectattr"] = _selectattr
    return env


def _context_maker(template: Template) -> Callable[[dict[str, Any]], Context]:
    """``template.new_context``, with the template's globals flattened once.

    A template's globals are a ChainMap (its own over the environment's) that Jinja copies key by
    key for every render: on a large set that cost more than the rendering itself.
    """
    env, name, blocks = template.environment, template.name, template.blocks
    flat_globals = dict(template.globals)

    def make(names: dict[str, Any]) -> Context:
        return new_context(env, name, blocks, names, False, flat_globals)

    return make


_R = TypeVar("_R")


def _jinja_when_needed(
    compile_jinja: Callable[[str], Callable[[dict[str, Any]], _R]], source: str, now: bool
) -> Callable[[dict[str, Any]], _R]:
    """``source`` run by Jinja, compiled ``now`` or on the first call (when the fast path covers
    it and may never need Jinja)."""
    jinja = compile_jinja(source) if now else None

    def run(names: dict[str, Any]) -> _R:
        nonlocal jinja
        if jinja is None:
            jinja = compile_jinja(source)
        return jinja(names)

    return run


def compile_text(source: str) -> Callable[[dict[str, Any]], str]:
    """Compile a text template once; the result renders a context to stripped text.

    The output is built piece by piece and abandoned past :data:`MAX_TEXT` characters, so a
    loop cannot fill memory. A template the fast path can render (:func:`_fast_text`) is given
    to Jinja's compiler only when a context first needs Jinja: parsing it already found any
    syntax error, and what the fast path accepts compiles without fail.
    """
    fast = _fast_text(source)
    render = _jinja_when_needed(_jinja_text, source, now=fast is None)
    if fast is None:
        return render
    fast_text = fast

    def render_fast(names: dict[str, Any]) -> str:
        text = fast_text(names)
        if text is None or len(text) > MAX_TEXT:  # Jinja decides, and reports the limit
            return render(names)
        return text.strip()

    return render_fast


def _jinja_text(source: str) -> Callable[[dict[str, Any]], str]:
    template = environment().from_string(source)
    context, root = _context_maker(template), template.root_render_func
    env = template.environment

    def render(names: dict[str, Any]) -> str:
        # what Template.generate does, less the per-call copy of the template's globals
        pieces, length = [], 0
        try:
            for piece in root(context(names)):
                length += len(piece)
                if length > MAX_TEXT:
                    break
                pieces.append(piece)
        except Exception:
            env.handle_exception()
        if length > MAX_TEXT:
            raise SecurityError(f"the text is longer than {MAX_TEXT} characters")
        return "".join(pieces).strip()

    return render


def compile_expression(source: str) -> Callable[[dict[str, Any]], Any]:
    """Compile a Jinja expression once (``where``, ``answers``, ``items``, ``pairs``); as for
    :func:`compile_text`, one the fast path can evaluate is compiled by Jinja when first needed."""
    fast = _expression_getter(source)
    evaluate = _jinja_when_needed(_jinja_expression, source, now=fast is None)
    if fast is None:
        return evaluate
    fast_value = fast

    def evaluate_fast(names: dict[str, Any]) -> Any:
        try:
            value = fast_value(names)
        except Exception:  # Jinja raises it, in its own words
            return evaluate(names)
        return evaluate(names) if value is _UNKNOWN else value

    return evaluate_fast


def _jinja_expression(source: str) -> Callable[[dict[str, Any]], Any]:
    template = environment().compile_expression(source, undefined_to_none=False)._template
    context, root = _context_maker(template), template.root_render_func

    def evaluate(names: dict[str, Any]) -> Any:
        # what TemplateExpression.__call__ does: the expression assigns its value to 'result'
        ctx = context(names)
        for _ in root(ctx):
            pass
        return ctx.vars["result"]

    return evaluate


# --------------------------------------------------------------------------- the fast path
# Most templates print fields ("Who said “{{ text }}”?", "{{ speaker.name }}", "{{ evidence[0] }}",
# "{{ country | upper }}", "{{ members | map(attribute='name') | join(', ') }}"), choose between
# two texts with {% if %}, and most conditions compare two fields ("candidate.country != country").
# For those quizgen evaluates the template itself, doing exactly what the code Jinja's compiler
# generates does (the same Python operation on the same objects: a name from the context, a field
# of a record through RecordView, ``environment.getitem``'s ``obj[key]``, the stock filter's own
# body, str() of what is printed), which is several times faster than a Jinja render.
# Anything it is not sure of (a name that is not there, an attribute of anything but a record or a
# plain dict, a filter, test or node it does not know, any exception) is _UNKNOWN, and Jinja
# renders that call, so every result and every error message is Jinja's.
# tests/test_templating_fast.py compares the two on every construct below.

_UNKNOWN: Any = object()
_Getter = Callable[[dict[str, Any]], Any]
_Emit = Callable[[dict[str, Any], list[str]], bool]
_COMPARISONS: dict[str, Callable[[Any, Any], Any]] = {
    "eq": operator.eq,
    "ne": operator.ne,
    "lt": operator.lt,
    "lteq": operator.le,
    "gt": operator.gt,
    "gteq": operator.ge,
    "in": lambda a, b: a in b,
    "notin": lambda a, b: a not in b,
}
_STOCK_FILTERS: dict[str, Any] = {
    name: filters.FILTERS[name] for name in ("upper", "lower", "length", "count", "list", "join")
}
_STOCK_TESTS = ("defined", "undefined")


def _is_stock_filter(name: str) -> bool:
    """Whether the environment's filter of that name is the one the fast path copies."""
    expected = _STOCK_FILTERS.get(name, _selectattr if name == "selectattr" else None)
    if name == "map":
        expected = filters.FILTERS["map"]
    return expected is not None and environment().filters.get(name) is expected


def _getter(node: nodes.Node) -> _Getter | None:
    """A function giving the value of an expression, or _UNKNOWN; None if the fast path does
    not evaluate such an expression."""
    kind = type(node)
    if kind is nodes.Name:
        assert isinstance(node, nodes.Name)
        if node.ctx != "load":
            return None
        key = node.name
        return lambda names: names.get(key, _UNKNOWN)
    if kind is nodes.Const:
        assert isinstance(node, nodes.Const)
        constant = node.value
        return lambda names: constant
    if kind is nodes.Getattr:
        assert isinstance(node, nodes.Getattr)
        return _getattr(node)
    if kind is nodes.Getitem:
        assert isinstance(node, nodes.Getitem)
        return _getitem(node)
    if kind in (nodes.List, nodes.Tuple):
        return _sequence(node)
    if kind is nodes.Compare:
        assert isinstance(node, nodes.Compare)
        return _compare(node)
    if kind in (nodes.And, nodes.Or, nodes.Add, nodes.Not, nodes.Neg, nodes.Pos):
        return _operator(node)
    if kind in (nodes.Concat, nodes.CondExpr):
        return _operator(node)
    if kind is nodes.Test:
        assert isinstance(node, nodes.Test)
        return _test(node)
    if kind is nodes.Filter:
        assert isinstance(node, nodes.Filter)
        return _filter(node)
    return None


def _getattr(node: nodes.Getattr) -> _Getter | None:
    """``environment.getattr``: a record's field (a RecordView has no attributes but its
    fields), or the item of a plain dict under a name that is not an attribute of dict."""
    owner, field = _getter(node.node), node.attr
    if owner is None or field.startswith("_"):
        return None
    get_owner, dict_item = owner, not hasattr(dict, field)
    if isinstance(node.node, nodes.Name):  # the usual record.field, one call less
        key = node.node.name

        def get_name_field(names: dict[str, Any]) -> Any:
            value = names.get(key, _UNKNOWN)
            if type(value) is RecordView:
                return _field_of(value, field)
            if type(value) is dict and dict_item:
                return value.get(field, _UNKNOWN)
            return _UNKNOWN

        return get_name_field

    def get(names: dict[str, Any]) -> Any:
        value = get_owner(names)
        kind = type(value)
        if kind is RecordView:
            return _field_of(value, field)
        if kind is dict and dict_item:
            return value.get(field, _UNKNOWN)
        return _UNKNOWN

    return get


def _field_of(view: RecordView, name: Any) -> Any:
    """``view[name]`` if ``name in view``, else _UNKNOWN (Jinja's getattr and getitem give an
    Undefined); a plain field without the two method calls."""
    if name == "id" or name == "evidence":
        return view[name]
    fields = view._record.fields
    if name not in fields:
        return _UNKNOWN
    return view[name] if name in view._refs else fields[name]


def _getitem(node: nodes.Getitem) -> _Getter | None:
    """``x[key]`` (``environment.getitem`` tries ``obj[key]`` first) and ``x[a:b]`` (a slice
    bypasses the environment)."""
    owner = _getter(node.node)
    if owner is None:
        return None
    get_owner = owner
    if isinstance(node.arg, nodes.Slice):
        parts = [node.arg.start, node.arg.stop, node.arg.step]
        bounds = [None if part is None else _getter(part) for part in parts]
        if any(g is None for g, part in zip(bounds, parts, strict=True) if part is not None):
            return None

        def get_slice(names: dict[str, Any]) -> Any:
            value = get_owner(names)
            start, stop, step = (None if g is None else g(names) for g in bounds)
            if any(v is _UNKNOWN for v in (value, start, stop, step)):
                return _UNKNOWN
            return value[start:stop:step]

        return get_slice
    key = _getter(node.arg)
    if key is None:
        return None
    get_key = key

    def get(names: dict[str, Any]) -> Any:
        value, index = get_owner(names), get_key(names)
        if value is _UNKNOWN or index is _UNKNOWN:
            return _UNKNOWN
        try:
            return value[index]
        except (TypeError, LookupError):  # Jinja looks further, or gives an Undefined
            return _UNKNOWN

    return get


def _sequence(node: nodes.Node) -> _Getter | None:
    assert isinstance(node, (nodes.List, nodes.Tuple))
    if isinstance(node, nodes.Tuple) and node.ctx != "load":
        return None
    items = [_getter(item) for item in node.items]
    if any(item is None for item in items):
        return None
    getters = [item for item in items if item is not None]
    build = tuple if isinstance(node, nodes.Tuple) else list

    def get(names: dict[str, Any]) -> Any:
        values = [g(names) for g in getters]
        for value in values:
            if value is _UNKNOWN:
                return _UNKNOWN
        return build(values)

    return get


def _compare(node: nodes.Compare) -> _Getter | None:
    if len(node.ops) != 1 or node.ops[0].op not in _COMPARISONS:
        return None
    left, right = _getter(node.expr), _getter(node.ops[0].expr)
    if left is None or right is None:
        return None
    get_left, get_right, compare = left, right, _COMPARISONS[node.ops[0].op]

    def get(names: dict[str, Any]) -> Any:
        a, b = get_left(names), get_right(names)
        if a is _UNKNOWN or b is _UNKNOWN:
            return _UNKNOWN
        return compare(a, b)

    return get


def _operator(node: nodes.Node) -> _Getter | None:
    """``and``, ``or``, ``not``, ``+``, ``-x``, ``~`` and ``a if b else c``: Python's own
    operators in the generated code (the sandbox intercepts only ``*`` and ``**``)."""
    if isinstance(node, (nodes.Not, nodes.Neg, nodes.Pos)):
        operand = _getter(node.node)
        if operand is None or node.operator in environment().intercepted_unops:
            return None
        get_operand = operand
        unary: Callable[[Any], Any] = (
            operator.not_
            if isinstance(node, nodes.Not)
            else operator.neg
            if isinstance(node, nodes.Neg)
            else operator.pos
        )

        def get_unary(names: dict[str, Any]) -> Any:
            value = get_operand(names)
            return _UNKNOWN if value is _UNKNOWN else unary(value)

        return get_unary
    if isinstance(node, nodes.Concat):
        parts = [_getter(part) for part in node.nodes]
        if any(part is None for part in parts):
            return None
        getters = [part for part in parts if part is not None]

        def get_concat(names: dict[str, Any]) -> Any:
            values = [g(names) for g in getters]
            if any(value is _UNKNOWN for value in values):
                return _UNKNOWN
            return "".join(map(str, values))  # runtime.str_join without autoescape

        return get_concat
    if isinstance(node, nodes.CondExpr):
        if node.expr2 is None:
            return None
        condition, expr1, expr2 = _getter(node.test), _getter(node.expr1), _getter(node.expr2)
        if condition is None or expr1 is None or expr2 is None:
            return None
        test, yes, no = condition, expr1, expr2

        def get_if(names: dict[str, Any]) -> Any:
            chosen = test(names)
            if chosen is _UNKNOWN:
                return _UNKNOWN
            return yes(names) if chosen else no(names)

        return get_if
    assert isinstance(node, (nodes.And, nodes.Or, nodes.Add))
    left, right = _getter(node.left), _getter(node.right)
    if left is None or right is None or node.operator in environment().intercepted_binops:
        return None
    get_left, get_right = left, right
    if isinstance(node, nodes.Add):

        def get_add(names: dict[str, Any]) -> Any:
            a, b = get_left(names), get_right(names)
            if a is _UNKNOWN or b is _UNKNOWN:
                return _UNKNOWN
            return a + b

        return get_add
    stop_when = isinstance(node, nodes.Or)  # 'or' stops at a true value, 'and' at a false one

    def get_logic(names: dict[str, Any]) -> Any:
        a = get_left(names)
        if a is _UNKNOWN or bool(a) is stop_when:
            return a
        return get_right(names)

    return get_logic


def _test(node: nodes.Test) -> _Getter | None:
    """``name is defined`` / ``is undefined``: defined if the context or the globals have it."""
    if (
        node.name not in _STOCK_TESTS
        or environment().tests.get(node.name) is not tests.TESTS[node.name]
        or not isinstance(node.node, nodes.Name)
        or node.args
        or node.kwargs
        or node.dyn_args
        or node.dyn_kwargs
    ):
        return None
    key, negate = node.node.name, node.name == "undefined"
    known = frozenset(environment().globals)

    def get(names: dict[str, Any]) -> Any:
        return (key in names or key in known) is not negate

    return get


def _filter_arguments(node: nodes.Filter) -> tuple[list[nodes.Expr], dict[str, nodes.Expr]] | None:
    if node.node is None or node.dyn_args or node.dyn_kwargs or not _is_stock_filter(node.name):
        return None
    return list(node.args), {str(k.key): k.value for k in node.kwargs}


def _filter(node: nodes.Filter) -> _Getter | None:
    """The stock filters that give a value: ``upper``, ``lower``, ``length``/``count``, and
    ``list`` and ``join`` of anything, a ``map`` or a ``selectattr`` included (which give
    generators in Jinja, so they are only taken where something iterates them)."""
    arguments = _filter_arguments(node)
    if arguments is None:
        return None
    args, kwargs = arguments
    if node.name in ("list", "join"):
        items = _items(node.node)
        if items is None or kwargs:
            return None
        get_items = items
        if node.name == "list":
            if args:
                return None
            return lambda names: _apply(get_items(names), list)
        if len(args) > 1 or (args and not isinstance(args[0], nodes.Const)):
            return None
        separator = str(args[0].value) if args else ""  # type: ignore[attr-defined]
        return lambda names: _apply(get_items(names), lambda v: separator.join(map(str, v)))
    value = _getter(node.node)  # type: ignore[arg-type]
    if value is None or args or kwargs:
        return None
    get_value = value
    if node.name in ("length", "count"):
        return lambda names: _apply(get_value(names), len)
    if node.name == "upper":
        return lambda names: _apply(get_value(names), lambda v: _soft_str(v).upper())
    if node.name == "lower":
        return lambda names: _apply(get_value(names), lambda v: _soft_str(v).lower())
    return None


def _soft_str(value: Any) -> str:
    return value if isinstance(value, str) else str(value)  # jinja2.utils' soft_str


def _apply(value: Any, function: Callable[[Any], Any]) -> Any:
    if value is _UNKNOWN:
        return _UNKNOWN
    try:
        return function(value)
    except Exception:  # Jinja raises it, in its own words
        return _UNKNOWN


def _items(node: nodes.Node | None) -> _Getter | None:
    """What iterating the value of ``node`` yields, as a list: for ``map(attribute=...)`` and
    ``selectattr(field, 'equalto', value)`` over a fact table, what their generators yield."""
    if node is None:
        return None
    if not isinstance(node, nodes.Filter) or node.name not in ("map", "selectattr"):
        return _getter(node)
    arguments = _filter_arguments(node)
    source = _items(node.node)
    if arguments is None or source is None:
        return None
    args, kwargs = arguments
    get_source = source
    if node.name == "map":
        attribute = kwargs.get("attribute")
        if args or len(kwargs) != 1 or not isinstance(attribute, nodes.Const):
            return None
        if not isinstance(attribute.value, str):
            return None
        # jinja2.filters.make_attrgetter: each dotted part through environment.getitem
        parts = [int(p) if p.isdigit() else p for p in attribute.value.split(".")]

        def get_map(names: dict[str, Any]) -> Any:
            values = get_source(names)
            if values is _UNKNOWN:
                return _UNKNOWN
            result = []
            try:
                for item in values:
                    for part in parts:
                        item = _field_of(item, part) if type(item) is RecordView else item[part]
                        if item is _UNKNOWN:
                            return _UNKNOWN
                    result.append(item)
            except Exception:  # Jinja's getitem looks further, or gives an Undefined
                return _UNKNOWN
            return result

        return get_map
    # selectattr: only what _selectattr answers from a fact table's index
    if kwargs or len(args) != 3:
        return None
    field, test, value = args
    if not (
        isinstance(field, nodes.Const)
        and isinstance(field.value, str)
        and isinstance(test, nodes.Const)
        and test.value in _EQUALITY_TESTS
    ):
        return None
    wanted = _getter(value)
    if wanted is None:
        return None
    get_wanted, name = wanted, field.value

    def get_selected(names: dict[str, Any]) -> Any:
        table, target = get_source(names), get_wanted(names)
        if type(table) is not FactList or target is _UNKNOWN:
            return _UNKNOWN
        found = table.with_value(name, target)
        return _UNKNOWN if found is None else found

    return get_selected


def _pieces(node: nodes.Output) -> list[str | _Getter] | None:
    pieces: list[str | _Getter] = []
    for child in node.nodes:
        if isinstance(child, nodes.TemplateData):
            pieces.append(child.data)
            continue
        getter = _getter(child)
        if getter is None:
            return None
        pieces.append(getter)
    return pieces


_Piece = str | tuple[str] | _Getter
"""Text, a name looked up in the context (the most common piece, without a call), or a getter."""


def _text_pieces(node: nodes.Output) -> list[_Piece] | None:
    found = _pieces(node)
    if found is None:
        return None
    names = (c.name if isinstance(c, nodes.Name) and c.ctx == "load" else None for c in node.nodes)
    return [
        (name,) if name is not None else piece for piece, name in zip(found, names, strict=True)
    ]


def _output(node: nodes.Output) -> _Emit | None:
    """``str()`` of each expression printed, between the template's own text."""
    pieces = _pieces(node)
    if pieces is None:
        return None

    def emit(names: dict[str, Any], out: list[str]) -> bool:
        for piece in pieces:
            if type(piece) is str:
                out.append(piece)
                continue
            value = piece(names)  # type: ignore[operator]
            if value is _UNKNOWN:
                return False
            out.append(str(value))
        return True

    return emit


def _if(node: nodes.If) -> _Emit | None:
    branches: list[tuple[_Getter | None, _Emit]] = []
    for branch in [node, *node.elif_]:
        test, body = _getter(branch.test), _block(branch.body)
        if test is None or body is None:
            return None
        branches.append((test, body))
    otherwise = _block(node.else_)
    if otherwise is None:
        return None
    branches.append((None, otherwise))

    def emit(names: dict[str, Any], out: list[str]) -> bool:
        for test, body in branches:
            if test is None:
                return body(names, out)
            condition = test(names)
            if condition is _UNKNOWN:
                return False
            if condition:
                return body(names, out)
        return True  # pragma: no cover - the last branch has no test

    return emit


def _block(body: list[nodes.Node]) -> _Emit | None:
    parts: list[_Emit] = []
    for node in body:
        part = (
            _output(node)
            if isinstance(node, nodes.Output)
            else _if(node)
            if isinstance(node, nodes.If)
            else None
        )
        if part is None:
            return None
        parts.append(part)

    def emit(names: dict[str, Any], out: list[str]) -> bool:
        return all(part(names, out) for part in parts)

    return parts[0] if len(parts) == 1 else emit


def _fast_text(source: str) -> Callable[[dict[str, Any]], str | None] | None:
    """For a template of text, printed expressions the fast path evaluates and ``{% if %}``
    blocks, its renderer (None where Jinja must decide); None for any other template."""
    try:
        body = environment().parse(source).body
    except TemplateError:
        return None
    if len(body) == 1 and isinstance(body[0], nodes.Output):
        return _output_text(body[0])  # most templates: the same, one call less per piece
    emit = _block(body)
    if emit is None:
        return None
    render_block = emit

    def render(names: dict[str, Any]) -> str | None:
        out: list[str] = []
        try:
            known = render_block(names, out)
        except Exception:  # Jinja raises it, in its own words
            return None
        return "".join(out) if known else None

    return render


def _output_text(node: nodes.Output) -> Callable[[dict[str, Any]], str | None] | None:
    """:func:`_output` for a template that is one Output, giving the text."""
    found = _text_pieces(node)
    if found is None:
        return None
    pieces = found

    def render(names: dict[str, Any]) -> str | None:
        out: list[str] = []
        try:
            for piece in pieces:
                kind = type(piece)
                if kind is str:
                    out.append(piece)  # type: ignore[arg-type]
                    continue
                value = (
                    names.get(piece[0], _UNKNOWN)  # type: ignore[index]
                    if kind is tuple
                    else piece(names)  # type: ignore[operator]
                )
                if value is _UNKNOWN:
                    return None
                out.append(str(value))
        except Exception:  # Jinja raises it, in its own words
            return None
        return "".join(out)

    return render


def _expression_getter(source: str) -> _Getter | None:
    """The expression's getter, which may raise where Jinja would; None if the fast path does
    not evaluate it."""
    try:
        parser = Parser(environment(), source, state="variable")
        tree = parser.parse_expression()
        if not parser.stream.eos:
            return None
    except TemplateError:
        return None
    return _getter(tree)


def _fast_expression(source: str) -> _Getter | None:
    """For an expression the fast path evaluates, its evaluator (_UNKNOWN where Jinja must
    decide); None for any other expression."""
    getter = _expression_getter(source)
    if getter is None:
        return None
    evaluate = getter

    def value(names: dict[str, Any]) -> Any:
        try:
            return evaluate(names)
        except Exception:  # Jinja raises it, in its own words
            return _UNKNOWN

    return value


def describe_error(error: Exception) -> str:
    """A one-line description of a template error, for the problem list."""
    if isinstance(error, TemplateError):
        text = error.message or type(error).__name__
    else:
        text = f"{type(error).__name__}: {error}"
    return " ".join(str(text).split())
