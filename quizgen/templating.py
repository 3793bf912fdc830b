"""The template language: Jinja2 in its sandbox, with undefined names as errors.

Templates see a record's fields as names; a field declared in the table's ``refs`` resolves to the
referenced record (or a list of them), so ``{{ speaker.name }}`` works. A record printed as text
shows its ``name`` (else ``title``, else ``id``).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from jinja2 import StrictUndefined, Template, TemplateError, filters, nodes, pass_context
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

        Built as a copy of the record's fields with the references resolved (the same names, in
        the same order, as ``{name: view[name] for name in record.fields}``, a few times faster).
        Every list in it that a view would build anew (``evidence``, a list of references) is a
        new list for each call, as it was when each value came from the view.
        """
        view = self.view(record)
        names = dict(record.fields)
        for name in self.tables[record.table].refs:
            if name in names:
                names[name] = view[name]
        names["id"] = record.id
        names["evidence"] = list(record.evidence)
        names["record"] = view
        return names

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


def record_key(view: RecordView) -> tuple[str, str]:
    """(table, id): the record behind a view (a function, not a method: fields own the names)."""
    record: Record = object.__getattribute__(view, "_record")
    return (record.table, record.id)


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


def compile_text(source: str) -> Callable[[dict[str, Any]], str]:
    """Compile a text template once; the result renders a context to stripped text.

    The output is built piece by piece and abandoned past :data:`MAX_TEXT` characters, so a
    loop cannot fill memory.
    """
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

    fast = _fast_text(source)
    if fast is None:
        return render

    def render_fast(names: dict[str, Any]) -> str:
        text = fast(names)
        if text is None or len(text) > MAX_TEXT:  # Jinja decides, and reports the limit
            return render(names)
        return text.strip()

    return render_fast


def compile_expression(source: str) -> Callable[[dict[str, Any]], Any]:
    """Compile a Jinja expression once (``where``, ``answers``, ``items``, ``pairs``)."""
    template = environment().compile_expression(source, undefined_to_none=False)._template
    context, root = _context_maker(template), template.root_render_func

    def evaluate(names: dict[str, Any]) -> Any:
        # what TemplateExpression.__call__ does: the expression assigns its value to 'result'
        ctx = context(names)
        for _ in root(ctx):
            pass
        return ctx.vars["result"]

    fast = _fast_expression(source)
    if fast is None:
        return evaluate

    def evaluate_fast(names: dict[str, Any]) -> Any:
        value = fast(names)
        return evaluate(names) if value is _UNKNOWN else value

    return evaluate_fast


# --------------------------------------------------------------------------- the fast path
# Most templates only print fields ("Who said “{{ text }}”?", "{{ speaker.name }}") and most
# conditions compare two fields ("candidate.country != country"). For those quizgen looks the
# values up itself, exactly as Jinja's sandbox would (a name from the context, a field of a record
# through RecordView, str() of the result), which is several times faster than a Jinja render.
# Anything it is not sure of (a name that is not there, an attribute of anything but a record)
# is _UNKNOWN, and Jinja renders that call, so every result and every error message is Jinja's.

_UNKNOWN: Any = object()
_Getter = Callable[[dict[str, Any]], Any]
_COMPARISONS: dict[str, Callable[[Any, Any], Any]] = {
    "eq": lambda a, b: a == b,
    "ne": lambda a, b: a != b,
}


def _getter(node: nodes.Node) -> _Getter | None:
    """A function giving the value of ``name``, ``name.field``, ... or a constant; else None."""
    if isinstance(node, nodes.Name) and node.ctx == "load":
        key = node.name
        return lambda names: names.get(key, _UNKNOWN)
    if isinstance(node, nodes.Const):
        constant = node.value
        return lambda names: constant
    if isinstance(node, nodes.Getattr) and not node.attr.startswith("_"):
        owner, field = _getter(node.node), node.attr
        if owner is None:
            return None
        get_owner = owner

        def get(names: dict[str, Any]) -> Any:
            value = get_owner(names)
            if type(value) is RecordView and field in value:
                return value[field]
            return _UNKNOWN

        return get
    return None


def _fast_text(source: str) -> Callable[[dict[str, Any]], str | None] | None:
    """For a template of text and ``{{ name }}`` / ``{{ name.field }}`` only, its renderer."""
    try:
        body = environment().parse(source).body
    except TemplateError:
        return None
    output = body[0] if len(body) == 1 else None
    if body and not isinstance(output, nodes.Output):
        return None
    pieces: list[str | _Getter] = []
    for node in output.nodes if isinstance(output, nodes.Output) else []:
        if isinstance(node, nodes.TemplateData):
            pieces.append(node.data)
            continue
        getter = _getter(node)
        if getter is None or isinstance(node, nodes.Const):
            return None
        pieces.append(getter)

    def render(names: dict[str, Any]) -> str | None:
        out = []
        for piece in pieces:
            if isinstance(piece, str):
                out.append(piece)
                continue
            value = piece(names)
            if value is _UNKNOWN:
                return None
            out.append(str(value))
        return "".join(out)

    return render


def _fast_expression(source: str) -> _Getter | None:
    """For ``name``, ``name.field`` or a comparison of two of them, their evaluator."""
    try:
        parser = Parser(environment(), source, state="variable")
        tree = parser.parse_expression()
        if not parser.stream.eos:
            return None
    except TemplateError:
        return None
    if isinstance(tree, nodes.Compare) and len(tree.ops) == 1 and tree.ops[0].op in _COMPARISONS:
        left, right = _getter(tree.expr), _getter(tree.ops[0].expr)
        compare = _COMPARISONS[tree.ops[0].op]
        if left is None or right is None:
            return None
        get_left, get_right = left, right

        def evaluate(names: dict[str, Any]) -> Any:
            a, b = get_left(names), get_right(names)
            if a is _UNKNOWN or b is _UNKNOWN:
                return _UNKNOWN
            return compare(a, b)

        return evaluate
    return _getter(tree)


def describe_error(error: Exception) -> str:
    """A one-line description of a template error, for the problem list."""
    if isinstance(error, TemplateError):
        text = error.message or type(error).__name__
    else:
        text = f"{type(error).__name__}: {error}"
    return " ".join(str(text).split())
