"""What templates see of a set's facts: each record as a :class:`RecordView` (a reference field
as the record it names), a record's names worked out once (:class:`FactIndex`), and each table in
``facts`` as a :class:`FactList` that answers ``selectattr`` by equality from an index.

A record printed as text shows its ``name`` (else ``title``, else ``text``, else ``id``).
"""

from __future__ import annotations

from typing import Any

from .models import Record, Table

DISPLAY_FIELDS = ("name", "title", "text", "id")


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
