"""A facts table's records read from a spreadsheet beside the YAML (``records_from: people.csv``).

The first row names the fields; every other non-empty row is a record, validated as a record
written in YAML is. A column ``<name> 2`` (``3``, ...) beside a column ``<name>`` makes the field a
list (``evidence``, ``evidence 2``; a refs field naming several records); an empty cell leaves its
field out. CSV files are UTF-8 with or without a byte order mark, comma- or semicolon-delimited,
as spreadsheet programs save them; an XLSX file's first sheet is read, each cell as the text it
displays (numbers and dates in their number format). Problems name the file, the row and the
column: ``people.csv:14: column 'id': ...``.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .cellformats import display_text
from .errors import Location, Problems, display_path
from .folders import leaves_folder
from .models import Record
from .specs import RecordSpec, TableSpec
from .yamlfile import MAX_FILE_BYTES, LineDict

SUFFIXES = (".csv", ".xlsx")
NUMBERED = re.compile(r"^(?P<name>.*\S)\s+(?P<number>[2-9]|[1-9][0-9]+)$")
"""``evidence 2``: a further value of the field ``evidence``."""

Row = tuple[int, list[str]]
"""A row's number in the file (1-based, as a spreadsheet program shows it) and its cells."""


class SheetError(Exception):
    """A file that cannot be read as a table, at ``row`` when known."""

    def __init__(self, message: str, row: int | None = None):
        super().__init__(message)
        self.row = row


def records_from(
    table: str,
    spec: TableSpec,
    raw_table: Any,
    yaml_path: Path,
    problems: Problems,
    set_folder: Path | None = None,
) -> list[Record]:
    """The records of ``table`` from its ``records_from`` file (none if it has none); a table
    with neither ``records`` nor ``records_from`` is reported, and so is a file outside
    ``set_folder`` (``../``, an absolute path, a link leading out), as a picture's would be."""
    shown = display_path(yaml_path)
    line = raw_table.line if isinstance(raw_table, LineDict) else None
    if spec.records_from is None:
        if isinstance(raw_table, dict) and "records" not in raw_table:
            problems.add(
                Location(shown, line),
                f"table '{table}' needs 'records' (in YAML) or 'records_from' (a CSV or XLSX file)",
            )
        return []
    if isinstance(raw_table, LineDict):
        line = raw_table.line_of("records_from")
    where = Location(shown, line)
    path = yaml_path.parent / spec.records_from
    if path.suffix.lower() not in SUFFIXES:
        problems.add(
            where,
            f"table '{table}': records_from: '{spec.records_from}' is not a .csv or .xlsx file",
        )
        return []
    sheet = display_path(path)
    if set_folder is not None and leaves_folder(path, set_folder):
        problems.add(
            where,
            f"table '{table}': records_from: '{spec.records_from}' is outside the set folder: "
            "a set's files stay inside its folder; copy the file into it",
        )
        return []
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise SheetError(f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
        rows = list(_csv_rows(path) if path.suffix.lower() == ".csv" else _xlsx_rows(path))
    except OSError as error:
        problems.add(
            where, f"table '{table}': records_from: cannot read {sheet}: {error.strerror or error}"
        )
        return []
    except SheetError as error:
        problems.add(Location(sheet, error.row), str(error))
        return []
    return list(_records(table, rows, sheet, problems))


# ------------------------------------------------------------------ rows → records


def _columns(header: Row, sheet: str, problems: Problems) -> dict[int, tuple[str, bool]] | None:
    """Column index → (field name, whether the field is a list); None if unusable."""
    row, names = header
    named = {i: name.strip() for i, name in enumerate(names) if name.strip()}
    seen: dict[str, int] = {}
    for index, name in named.items():
        if name in seen:
            problems.add(
                Location(sheet, row),
                f"column '{name}' appears twice in the header row (columns {seen[name] + 1} "
                f"and {index + 1})",
            )
            return None
        seen[name] = index
    if "id" not in seen:
        problems.add(
            Location(sheet, row),
            "no 'id' column in the header row (it names the fields; found: "
            f"{', '.join(repr(n) for n in named.values()) or 'nothing'})",
        )
        return None
    columns: dict[int, tuple[str, bool]] = {}
    for index, name in named.items():
        match = NUMBERED.match(name)
        if match and (match["name"] in seen or match["name"] == "evidence"):
            columns[index] = (match["name"], True)
        else:
            columns[index] = (name, False)
    listed = {field for field, is_list in columns.values() if is_list}
    return {i: (field, field in listed) for i, (field, _) in columns.items()}


def _records(table: str, rows: list[Row], sheet: str, problems: Problems) -> Iterator[Record]:
    if not rows:
        problems.add(Location(sheet), "the file is empty: its first row must name the fields")
        return
    columns = _columns(rows[0], sheet, problems)
    if columns is None:
        return
    for row, cells in rows[1:]:
        if not any(cell.strip() for cell in cells):
            continue
        extra = [i + 1 for i, cell in enumerate(cells) if cell.strip() and i not in columns]
        if extra:
            problems.add(
                Location(sheet, row),
                f"column {extra[0]} holds a value but has no name in the header row",
            )
            continue
        raw: dict[str, Any] = {}
        for index, (field, is_list) in columns.items():
            value = cells[index].strip() if index < len(cells) else ""
            if is_list:
                raw.setdefault(field, [])
                if value:
                    raw[field].append(value)
            elif value:
                raw[field] = value
        raw = {k: v for k, v in raw.items() if v != []}
        record = _record(table, raw, row, sheet, problems)
        if record is not None:
            yield record


def _record(
    table: str, raw: dict[str, Any], row: int, sheet: str, problems: Problems
) -> Record | None:
    if "id" not in raw:
        problems.add(
            Location(sheet, row), f"column 'id': empty (every record of '{table}' needs one)"
        )
        return None
    try:
        spec = RecordSpec.model_validate(raw)
    except ValidationError as error:
        for item in error.errors():
            column = item["loc"][0] if item["loc"] else "id"
            problems.add(Location(sheet, row), f"column '{column}': {item['msg']}")
        return None
    return Record(
        table=table,
        id=spec.id,
        fields={k: v for k, v in raw.items() if k != "evidence"},
        evidence=tuple(spec.evidence),
        location=Location(sheet, row),
        field_lines=dict.fromkeys(raw, row),
        evidence_lines=(row,) * len(spec.evidence),
    )


# ------------------------------------------------------------------ CSV


def _csv_rows(path: Path) -> Iterator[Row]:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        row = data[: error.start].count(b"\n") + 1
        raise SheetError(
            "not UTF-8 text: save the sheet as 'CSV UTF-8' (comma or semicolon delimited)", row
        ) from None
    first = text.split("\n", 1)[0]
    # the delimiter that splits the header row into more fields: spreadsheet programs in
    # locales with a decimal comma save CSV with semicolons
    delimiter = max(",;", key=lambda d: len(next(csv.reader([first], delimiter=d), [])))
    # strict: a quote left open would otherwise swallow every row after it into one cell, and
    # text after a closing quote ('"A"x') would be silently joined to it
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            if str(error) == "unexpected end of data":
                raise SheetError(
                    'a quoted cell is never closed: the file ends before its closing "', start
                ) from None
            if "expected after" in str(error):
                raise SheetError(
                    'text after the closing " of a quoted cell: write a " inside a cell as ""',
                    reader.line_num,
                ) from None
            raise SheetError(f"not readable as CSV: {error}", reader.line_num) from None
        yield start, cells


# ------------------------------------------------------------------ XLSX


def _xlsx_rows(path: Path) -> Iterator[Row]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    # a damaged workbook fails inside openpyxl as whatever its zip or XML reader raises (XML
    # parse errors are SyntaxErrors), while opening it or only when its rows are read
    damaged = (
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        InvalidFileException,
        KeyError,
        ValueError,
        SyntaxError,
    )
    # the values as the spreadsheet program saved them, and the cells as written: a formula
    # saved without its result (by a program that does not calculate, which writes no type for
    # the cell either) reads as an empty cell, which must be told apart from one left empty; a
    # formula whose result is the empty text is saved typed, and reads as that text
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except damaged as error:
        raise SheetError(f"not an XLSX workbook ({error})") from None
    try:
        written = load_workbook(path, read_only=True)
    except damaged as error:
        book.close()
        raise SheetError(f"not an XLSX workbook ({error})") from None
    unsaved: list[tuple[int, str]] = []  # (row, cell) of each formula with no saved result
    try:
        rows = zip(book.worksheets[0].iter_rows(), written.worksheets[0].iter_rows(), strict=True)
        number = 0
        while True:
            try:
                cells, sources = next(rows)
            except StopIteration:
                break
            except damaged as error:
                raise SheetError(
                    f"a damaged XLSX workbook: its first sheet cannot be read past row "
                    f"{number} ({error}); open it in the spreadsheet program and save it again"
                ) from None
            number += 1
            row = getattr(cells[0], "row", number) if cells else number
            unsaved += [
                (row, source.coordinate)
                for cell, source in zip(cells, sources, strict=True)
                if cell.value is None
                and getattr(cell, "data_type", None) == "n"
                and getattr(source, "data_type", None) == "f"
            ]
            yield (
                row,
                [display_text(c.value, getattr(c, "number_format", "General")) for c in cells],
            )
    finally:
        book.close()
        written.close()
    if unsaved:  # (the caller reads every row before it makes a record of any)
        names = ", ".join(cell for _, cell in unsaved)
        what = (
            f"cell {names} holds a formula" if len(unsaved) == 1 else f"cells {names} hold formulas"
        )
        raise SheetError(
            f"{what} with no saved result (the program that wrote the file did not calculate "
            "it): open the file in a spreadsheet program and save it again, or type the value in",
            unsaved[0][0],
        )
