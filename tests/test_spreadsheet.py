"""Facts tables from CSV and XLSX files (`records_from`): the same questions as in YAML, and
problems at file:row with the column."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from quizgen.cellformats import display_text

from .conftest import MINIMAL_SET

FACTS_YAML = """\
facts:
  people:
    refs: {country: countries}
    records:
      - id: peskov
        name: Dmitri S. Peskov
        role: the Kremlin's spokesman
        country: russia
        since: "2012-05-22"
        staff: "1,250"
        evidence: [Dmitri S. Peskov, "the Kremlin's spokesman"]
      - id: araghchi
        name: Abbas Araghchi
        role: Iran's foreign minister
        country: iran
        since: "2024-08-21"
        staff: "11,000"
        evidence: ['Abbas Araghchi, Iran''s foreign minister']
      - id: jalali
        name: Kazem Jalali
        role: Iran's ambassador to Moscow
        country: iran
        since: "2019-03-01"
        staff: "90"
        evidence: ["Kazem Jalali; the ambassador", "told IRNA"]
  countries:
    records:
      - {id: russia, name: Russia}
      - {id: iran, name: Iran}
"""
TEMPLATES = """\
templates:
  - id: role
    type: multiple_choice
    table: people
    prompt: "Who is {{ role }} (since {{ since }}, staff {{ staff }})?"
    answer: "{{ name }}"
    distractors: {from: people.name, count: 2}
  - id: country
    type: short_answer
    table: people
    prompt: "Which country does {{ name }} serve?"
    answer: "{{ refs.country.name if refs is defined else country }}"
"""
HEADER = ["id", "name", "role", "country", "since", "staff", "evidence", "evidence 2"]
ROWS = [
    ["peskov", "Dmitri S. Peskov", "the Kremlin's spokesman", "russia", "2012-05-22", "1,250",
     "Dmitri S. Peskov", "the Kremlin's spokesman"],
    ["araghchi", "Abbas Araghchi", "Iran's foreign minister", "iran", "2024-08-21", "11,000",
     "Abbas Araghchi, Iran's foreign minister", ""],
    ["jalali", "Kazem Jalali", "Iran's ambassador to Moscow", "iran", "2019-03-01", "90",
     "Kazem Jalali; the ambassador", "told IRNA"],
]  # fmt: skip


def _csv(rows: list[list[str]], delimiter: str = ",") -> str:
    import csv
    import io

    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue()


def _sheet_facts(file_name: str) -> str:
    people = FACTS_YAML.split("  countries:")[0].split("    records:")[0]
    countries = "  countries:" + FACTS_YAML.split("  countries:")[1]
    return people + f"    records_from: {file_name}\n" + countries


def same_name(root: Path, files: dict[str, str]) -> Path:
    """A set named 'demo' under ``root``: sets compared share their name, which seeds them."""
    folder = root / "demo"
    folder.mkdir(parents=True)
    for name, text in {"set.yaml": MINIMAL_SET, **files}.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def questions_json(cli: Callable[..., Any], folder: Path) -> list[dict[str, Any]]:
    result = cli("list", str(folder), "--json")
    assert result.exit_code == 0, result.output
    rows: list[dict[str, Any]] = json.loads(result.stdout)
    for row in rows:
        row.pop("set")
    return rows


def write_xlsx(
    path: Path, header: list[str], rows: list[list[Any]], formats: dict[int, str]
) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(header)
    for values in rows:
        sheet.append(values)
        for column, number_format in formats.items():
            sheet.cell(sheet.max_row, column + 1).number_format = number_format
    book.save(path)


def test_csv_and_xlsx_tables_give_the_same_questions_as_yaml(
    cli: Callable[..., Any], tmp_path: Path
) -> None:
    in_yaml = same_name(tmp_path / "yaml", {"facts.yaml": FACTS_YAML, "templates.yaml": TEMPLATES})
    in_csv = same_name(
        tmp_path / "csv", {"facts.yaml": _sheet_facts("people.csv"), "templates.yaml": TEMPLATES}
    )
    (in_csv / "people.csv").write_text(_csv([HEADER, *ROWS]), encoding="utf-8")
    in_xlsx = same_name(
        tmp_path / "xlsx", {"facts.yaml": _sheet_facts("people.xlsx"), "templates.yaml": TEMPLATES}
    )
    # numbers and dates as a spreadsheet holds them, shown through their number formats
    typed = [
        [*row[:4], dt.datetime.fromisoformat(row[4]), int(row[5].replace(",", "")), *row[6:]]
        for row in ROWS
    ]
    typed[1][7] = None  # an empty cell
    write_xlsx(in_xlsx / "people.xlsx", HEADER, typed, {4: "yyyy-mm-dd", 5: "#,##0"})
    expected = questions_json(cli, in_yaml)
    assert len(expected) == 6
    assert questions_json(cli, in_csv) == expected
    assert questions_json(cli, in_xlsx) == expected


def test_csv_with_a_byte_order_mark_and_semicolons(cli: Callable[..., Any], tmp_path: Path) -> None:
    in_yaml = same_name(tmp_path / "yaml", {"facts.yaml": FACTS_YAML, "templates.yaml": TEMPLATES})
    folder = same_name(
        tmp_path / "csv", {"facts.yaml": _sheet_facts("people.csv"), "templates.yaml": TEMPLATES}
    )
    (folder / "people.csv").write_bytes(
        b"\xef\xbb\xbf" + _csv([HEADER, [], *ROWS], delimiter=";").encode()
    )
    assert questions_json(cli, folder) == questions_json(cli, in_yaml)


def test_records_in_yaml_and_in_a_sheet_make_one_table(
    cli: Callable[..., Any], make_set: Callable[..., Path]
) -> None:
    facts = _sheet_facts("more.csv").replace(
        "    records_from: more.csv\n",
        "    records_from: more.csv\n    records:\n"
        "      - {id: peskov, name: Dmitri S. Peskov, role: the spokesman, country: russia,"
        " since: '2012', staff: '1'}\n",
    )
    folder = make_set({"facts.yaml": facts, "templates.yaml": TEMPLATES})
    (folder / "more.csv").write_text(_csv([HEADER, *ROWS[1:]]), encoding="utf-8")
    assert len(questions_json(cli, folder)) == 6


@pytest.mark.parametrize(
    ("sheet", "message"),
    [
        (
            [HEADER, ROWS[0], ["bad id!", *ROWS[1][1:]]],
            "people.csv:3: column 'id': String should match pattern",
        ),
        ([HEADER, ROWS[0], ["", *ROWS[1][1:]]], "people.csv:3: column 'id': empty"),
        ([HEADER[1:], *[r[1:] for r in ROWS]], "people.csv:1: no 'id' column in the header row"),
        ([HEADER, ROWS[0], ROWS[0]], "people.csv:3: duplicate id 'peskov' in table 'people'"),
        (
            [HEADER, [*ROWS[0][:3], "atlantis", *ROWS[0][4:]]],
            "people.csv:2: people 'peskov' names unknown country 'atlantis'",
        ),
        ([[*HEADER, "name"], [*ROWS[0], "x"]], "people.csv:1: column 'name' appears twice"),
        ([HEADER, [*ROWS[0], "stray"]], "people.csv:2: column 9 holds a value but has no name"),
    ],
)
def test_problems_name_the_file_row_and_column(
    cli: Callable[..., Any],
    make_set: Callable[..., Path],
    sheet: list[list[str]],
    message: str,
) -> None:
    folder = make_set({"facts.yaml": _sheet_facts("people.csv"), "templates.yaml": TEMPLATES})
    (folder / "people.csv").write_text(_csv(sheet), encoding="utf-8")
    result = cli("validate", str(folder))
    assert result.exit_code == 1, result.output
    assert message in result.stderr, result.stderr
    assert "Traceback" not in result.output


def test_a_problem_in_an_xlsx_names_the_row(
    cli: Callable[..., Any], make_set: Callable[..., Path]
) -> None:
    folder = make_set({"facts.yaml": _sheet_facts("people.xlsx"), "templates.yaml": TEMPLATES})
    write_xlsx(folder / "people.xlsx", HEADER, [ROWS[0], [], ["no good", *ROWS[1][1:]]], {})
    result = cli("validate", str(folder))
    assert result.exit_code == 1
    assert "people.xlsx:4: column 'id': String should match pattern" in result.stderr


@pytest.mark.parametrize(
    ("file_name", "content", "message"),
    [
        ("people.csv", None, "facts.yaml:4: table 'people': records_from: cannot read"),
        ("people.ods", b"", "facts.yaml:4: table 'people': records_from: 'people.ods' is not"),
        ("people.csv", "id,name\nok,caf\xe9\n".encode("latin-1"), "people.csv:2: not UTF-8 text"),
        ("people.xlsx", b"not a zip", "people.xlsx: not an XLSX workbook"),
        ("people.csv", b"", "people.csv: the file is empty"),
    ],
)
def test_unreadable_sheets_are_reported_once(
    cli: Callable[..., Any],
    make_set: Callable[..., Path],
    file_name: str,
    content: bytes | None,
    message: str,
) -> None:
    folder = make_set({"facts.yaml": _sheet_facts(file_name), "templates.yaml": TEMPLATES})
    if content is not None:
        (folder / file_name).write_bytes(content)
    result = cli("validate", str(folder))
    assert result.exit_code == 1
    assert message in result.stderr, result.stderr


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            'id,name\nok,Kazem Jalali\nopen,"Abbas Araghchi\nlost,Dmitri S. Peskov\n',
            'people.csv:3: a quoted cell is never closed: the file ends before its closing "',
        ),
        (
            'id,name\nok,Kazem Jalali\njoined,"Abbas" Araghchi\n',
            'people.csv:3: text after the closing " of a quoted cell: '
            'write a " inside a cell as ""',
        ),
    ],
    ids=["quote-left-open", "text-after-closing-quote"],
)
def test_a_csv_quote_left_open_or_stray_is_reported_not_swallowed(
    cli: Callable[..., Any], make_set: Callable[..., Path], content: str, message: str
) -> None:
    folder = make_set({"facts.yaml": _sheet_facts("people.csv"), "templates.yaml": TEMPLATES})
    (folder / "people.csv").write_text(content, encoding="utf-8")
    result = cli("validate", str(folder))
    assert result.exit_code == 1
    (line,) = result.stderr.splitlines()  # not a record holding every row after the quote
    assert line.endswith(message), line


def _damaged_xlsx(path: Path, part: str, cut: bool) -> None:
    """A workbook of 40 rows whose ``part`` is cut in half (``cut``) or replaced by broken XML."""
    import zipfile

    write_xlsx(path.with_suffix(".good.xlsx"), HEADER, [ROWS[0]] * 40, {})
    with zipfile.ZipFile(path.with_suffix(".good.xlsx")) as good, zipfile.ZipFile(path, "w") as bad:
        for name in good.namelist():
            data = good.read(name)
            if name == part:
                data = data[: len(data) // 2] if cut else b"<broken"
            bad.writestr(name, data)


@pytest.mark.parametrize(
    ("part", "cut", "message"),
    [
        ("xl/workbook.xml", False, "people.xlsx: not an XLSX workbook ("),
        ("xl/styles.xml", False, "people.xlsx: not an XLSX workbook ("),
        ("xl/worksheets/sheet1.xml", False, "people.xlsx: not an XLSX workbook ("),
        (
            "xl/worksheets/sheet1.xml",
            True,
            "people.xlsx: a damaged XLSX workbook: its first sheet cannot be read past row ",
        ),
    ],
    ids=["broken-workbook", "broken-styles", "broken-sheet", "sheet-cut-short"],
)
def test_a_damaged_xlsx_is_one_line_not_a_traceback(
    cli: Callable[..., Any], make_set: Callable[..., Path], part: str, cut: bool, message: str
) -> None:
    folder = make_set({"facts.yaml": _sheet_facts("people.xlsx"), "templates.yaml": TEMPLATES})
    _damaged_xlsx(folder / "people.xlsx", part, cut)
    (folder / "people.good.xlsx").unlink()
    result = cli("validate", str(folder))
    assert result.exit_code == 1
    (line,) = result.stderr.splitlines()
    assert message in line, line


def test_a_table_needs_records_or_records_from(
    cli: Callable[..., Any], make_set: Callable[..., Path]
) -> None:
    folder = make_set({"facts.yaml": "facts:\n  people:\n    description: nobody\n"})
    result = cli("validate", str(folder))
    assert result.exit_code == 1
    assert "facts.yaml:3: table 'people' needs 'records' (in YAML) or 'records_from'" in (
        result.stderr
    )


@pytest.mark.parametrize(
    ("value", "number_format", "shown"),
    [
        (11000, "#,##0", "11,000"),
        (11000, "General", "11000"),
        (11000.0, "General", "11000"),
        (0.1 + 0.2, "General", "0.3"),
        (0.25, "0%", "25%"),
        (3.14159, "0.00", "3.14"),
        (1234.5, '"$"#,##0.00', "$1,234.50"),
        (5, '0" km"', "5 km"),
        (True, "General", "TRUE"),
        (dt.datetime(2025, 1, 17), "yyyy-mm-dd", "2025-01-17"),
        (dt.datetime(2025, 1, 17), "mmmm d, yyyy", "January 17, 2025"),
        (dt.datetime(2025, 1, 17, 14, 5), "d mmm yyyy h:mm AM/PM", "17 Jan 2025 2:05 PM"),
        (dt.datetime(2025, 1, 17, 14, 5, 9), "hh:mm:ss", "14:05:09"),
        (dt.datetime(2025, 1, 17), "General", "2025-01-17"),
    ],
)
def test_xlsx_cells_read_as_the_text_they_display(
    value: Any, number_format: str, shown: str
) -> None:
    assert display_text(value, number_format) == shown


@pytest.mark.parametrize("where", ["../people.csv", "link"])
def test_a_sheet_outside_the_set_folder_is_refused(
    cli: Callable[..., Any], tmp_path: Path, where: str
) -> None:
    """As a YAML file or a picture may not lead outside the set folder, neither may
    records_from: a stranger's set must not read a spreadsheet elsewhere on the machine."""
    outside = tmp_path / "people.csv"
    outside.write_text(_csv([HEADER, *ROWS]), encoding="utf-8")
    name = "people.csv" if where == "link" else where
    folder = same_name(
        tmp_path / "sets", {"facts.yaml": _sheet_facts(name), "templates.yaml": TEMPLATES}
    )
    if where == "link":
        (folder / "people.csv").symlink_to(outside)
    result = cli("validate", str(folder))
    assert result.exit_code == 1
    line = _sheet_facts(name).splitlines().index(f"    records_from: {name}") + 1
    assert result.stderr.splitlines()[0] == (
        f"{folder.relative_to(tmp_path)}/facts.yaml:{line}: table 'people': records_from: "
        f"'{name}' is outside the set folder: a set's files stay inside its folder; copy the "
        "file into it"
    )


def test_a_formula_reads_as_its_saved_value_and_one_without_is_an_error(
    cli: Callable[..., Any], make_set: Callable[..., Path]
) -> None:
    """A formula cell reads as the result the spreadsheet program saved, the empty text
    included; a formula saved without a result (openpyxl, like any script, writes none) would
    read as an empty cell, so it is an error naming its row and every such cell instead."""
    import zipfile

    folder = make_set({"facts.yaml": _sheet_facts("people.xlsx"), "templates.yaml": TEMPLATES})
    rows = [list(row) for row in ROWS]
    rows[1][2] = '="" & "' + str(ROWS[1][2]) + '"'  # row 3, column C (role)
    rows[1][7] = '=IF(1=1,"","x")'  # row 3, column H (evidence 2): the empty text
    write_xlsx(folder / "people.xlsx", HEADER, rows, {})
    result = cli("validate", str(folder))
    assert result.exit_code == 1
    (line,) = result.stderr.splitlines()
    assert line.endswith(
        "people.xlsx:3: cells C3, H3 hold formulas with no saved result (the program that wrote "
        "the file did not calculate it): open the file in a spreadsheet program and save it "
        "again, or type the value in"
    ), line

    # the same file as a spreadsheet program saves it: each formula with its result, typed
    calculated = folder / "people.xlsx"
    with zipfile.ZipFile(calculated) as book:
        parts = {name: book.read(name) for name in book.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    for cell, value in (("C3", ROWS[1][2]), ("H3", "")):
        # openpyxl writes <c r="C3"><f>…</f><v></v></c>
        found = re.search(rf'<c r="{cell}"><f>(.*?)</f><v></v></c>', sheet)
        assert found is not None, sheet
        saved = f'<c r="{cell}" t="str"><f>{found.group(1)}</f><v>{value}</v></c>'
        sheet = sheet.replace(found.group(0), saved)
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    with zipfile.ZipFile(calculated, "w") as book:
        for name, data in parts.items():
            book.writestr(name, data)
    result = cli("validate", str(folder))
    assert result.exit_code == 0, result.stderr
    shown = cli("list", str(folder), "--json")
    assert str(ROWS[1][2]) in shown.stdout
