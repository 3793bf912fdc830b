"""Read YAML safely while remembering the line of every mapping key and sequence item.

PyYAML's C parser (libyaml) builds the node tree when it is available; only the construction of
Python objects runs here, so line numbers cost little. Mappings become :class:`LineDict` and
sequences :class:`LineList`, plain ``dict``/``list`` subclasses that carry 1-based line numbers.
Duplicate keys, which PyYAML accepts silently, are reported as problems.

Files may come from strangers, so every limit is checked before any Python object is built: the
file's size (read no further than the limit), and, on the composed node graph, the nesting depth
and the number of values the document holds once its aliases are expanded. An alias bomb ("billion
laughs") composes into a few dozen shared nodes but expands to billions of values; it is refused
in time proportional to the number of distinct nodes, before anything expands it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from .errors import Location, Problems, ProblemWithExcerpt

try:  # libyaml's parser when the wheel has it; the pure-Python one otherwise
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

MAX_FILE_BYTES = 5 * 1024 * 1024
"""A question file larger than this is refused before parsing (see docs/errors.md)."""

MAX_DEPTH = 50
"""Deepest nesting of mappings and sequences in a question file (a real one needs about 6)."""

MAX_VALUES = 1_000_000
"""Most values (scalars, mappings, sequences) a file may hold once its aliases are expanded."""


class LineDict(dict[Any, Any]):
    """A mapping from YAML, with the line of the mapping and of each of its keys."""

    line: int = 0
    key_lines: dict[Any, int]

    def line_of(self, key: Any) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list[Any]):
    """A sequence from YAML, with the line of the sequence and of each item."""

    line: int = 0
    item_lines: list[int]
    flow_text: str | None = None
    """A list written in brackets, as written (``[May 8, 1945]``): how YAML split it shows."""

    def line_of(self, index: int) -> int:
        if 0 <= index < len(self.item_lines):
            return self.item_lines[index]
        return self.line


class _LineLoader(_BaseLoader):
    """PyYAML's safe loader (libyaml's parser and composer when the wheel has them) building
    :class:`LineDict` and :class:`LineList`, and reporting duplicate keys to ``problems``."""

    problems: Problems
    file: str
    text: str


_BOOL = "tag:yaml.org,2002:bool"
# Only true and false (in any case) are booleans, as in YAML 1.2: PyYAML follows YAML 1.1, where
# yes/no/on/off/y/n are booleans too, so `answer: no` would become False. The loader gets its own
# copy of the implicit resolvers; PyYAML's global ones (yaml.safe_load) are left as they are.
_LineLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != _BOOL]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}
_LineLoader.add_implicit_resolver(
    _BOOL, re.compile(r"^(?:[Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee])$"), list("tTfF")
)


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)  # resolves "<<" merge keys
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        try:
            hash(key)
        except TypeError:
            loader.problems.add(Location(loader.file, line), "a mapping key must be plain text")
            continue
        if key in result:
            loader.problems.add(
                Location(loader.file, line),
                f"duplicate key '{key}' (first defined on line {result.key_lines[key]})",
            )
            continue
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = line
    return result


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    if node.flow_style and node.start_mark.line == node.end_mark.line:
        result.flow_text = loader.text[node.start_mark.index : node.end_mark.index]
    return result


_LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)


def _syntax_message(error: yaml.MarkedYAMLError, text: str, line: int | None) -> str:
    problem = error.problem or "invalid YAML"
    source_line = text.splitlines()[line - 1] if line and line <= len(text.splitlines()) else ""
    if "\t" in source_line[: len(source_line) - len(source_line.lstrip())]:
        return "YAML syntax error: a tab character is used for indentation; indent with spaces"
    if "constructor for the tag" in problem:
        tag = problem.split("'")[1] if problem.count("'") >= 2 else "?"
        tag = tag.replace("tag:yaml.org,2002:", "!!")
        return f"unsupported YAML tag '{tag}': question files hold plain data only"
    if problem == "found undefined alias" and error.problem_mark is not None:
        alias = re.match(r"\*[^\s,\[\]{}]+", source_line[error.problem_mark.column :])
        if alias:
            return f"YAML syntax error: alias '{alias.group()}' names no anchor (&name) above it"
    context = f" {error.context}" if error.context else ""
    return f"YAML syntax error: {problem}{context}"


def _excerpt(text: str, line: int | None, column: int | None) -> str:
    """The offending line, numbered, with a caret under the column the parser stopped at."""
    lines = text.splitlines()
    if line is None or not 1 <= line <= len(lines):
        return ""
    source = lines[line - 1].replace("\t", "→")  # a tab shown as one visible character
    number = str(line)
    excerpt = f"  {number} | {source}"
    if column is not None:
        excerpt += f"\n  {' ' * len(number)} | {' ' * min(column, len(source))}^"
    return excerpt


_KEY_AND_TEXT = re.compile(r"^(\s*(?:-\s+)?)([\w.-]+):\s+(.*?)\s*$")


def _hint(error: yaml.MarkedYAMLError, source_line: str, lines: list[str]) -> str:
    """What usually causes this parser error, in the teacher's terms."""
    problem = error.problem or ""
    stripped = source_line.lstrip()
    indent = len(source_line) - len(stripped)
    if "tab" in problem or "'\\t'" in problem or "\t" in source_line[:indent]:
        return "a tab character: YAML indents with spaces only; replace the tab with spaces"
    if problem.startswith("mapping values are not allowed"):
        pair = _KEY_AND_TEXT.match(source_line)
        if pair and ": " in pair.group(3) + " ":
            quoted = pair.group(3).replace("\\", "\\\\").replace('"', '\\"')
            return (
                "a colon followed by a space inside unquoted text starts a new key; "
                f'put the text in quotes: {pair.group(2)}: "{quoted}"'
            )
        return "this line is indented more than the key above it: keys of one mapping line up"
    if problem in ("did not find expected key", "did not find expected '-' indicator"):
        if stripped.startswith("- "):
            return (
                "this list item is indented differently from the items above it: "
                "line up the '-' of every item of one list"
            )
        if re.search(r"""^[^#]*:\s*(["']).*\1\s*[^\s#]""", source_line):
            return (
                "text goes on after the closing quote; to use a quote inside quoted text, "
                "quote it with the other kind ('He said \"no\"') or double it ('it''s')"
            )
        return (
            "this line's indentation does not match the lines above it: keys of one mapping "
            "line up, and the keys of a list item line up under its first key"
        )
    if "expected ',' or ']'" in problem or "expected ',' or '}'" in problem:
        return (
            "a list or mapping in brackets is not closed, or an item holds a bracket, a colon or "
            "a quote: put that item in quotes"
        )
    return ""


_LIMIT = "(the limit for a question file)"

# C0 and C1 control characters other than tab and line breaks: YAML refuses them raw, but a
# double-quoted escape ("\x1f") lets them through, and neither Anki (U+001F separates its fields)
# nor a PDF can show them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


class _OverLimit(Exception):
    def __init__(self, node: yaml.Node, message: str):
        super().__init__(message)
        self.line = node.start_mark.line + 1
        self.message = message


def _check_limits(root: yaml.Node, file: str, text: str, problems: Problems) -> bool:
    """True if the node graph is within :data:`MAX_DEPTH` and :data:`MAX_VALUES`, and no text
    holds a control character.

    A value can hold a control character only if the file's ``text`` holds one (libyaml lets
    U+0085 through as it is) or a backslash escape writes one; a file with neither, most
    files, has its values' characters left unsearched.

    Aliases make the graph a DAG (or, for an alias inside its own anchor, a cycle), so the
    expanded size and height of every collection are computed once and memoised: the check is
    linear in the distinct nodes, whatever the aliases expand to. The recursion stops at
    :data:`MAX_DEPTH`, far below Python's own limit.
    """
    may_hold_control = "\\" in text or _CONTROL.search(text) is not None
    memo: dict[int, tuple[int, int]] = {}
    on_path: set[int] = set()
    reported: set[int] = set()  # scalars with a control character (an alias repeats them)

    def expand(node: yaml.Node, depth: int) -> tuple[int, int]:
        if isinstance(node, yaml.ScalarNode):
            control = _CONTROL.search(node.value) if may_hold_control else None
            if control and id(node) not in reported:
                reported.add(id(node))
                problems.add(
                    Location(file, node.start_mark.line + 1),
                    f"control character U+{ord(control.group()):04X} (written as an escape) "
                    "in a text: cards and paper cannot show it; remove it",
                )
            return 1, 1
        key = id(node)
        found = memo.get(key)
        if found is None:
            if depth >= MAX_DEPTH:
                raise _OverLimit(node, f"nested more than {MAX_DEPTH} levels deep {_LIMIT}")
            if key in on_path:
                raise _OverLimit(
                    node, "an alias refers to the value that contains it: data cannot be recursive"
                )
            on_path.add(key)
            size, height = 1, 0
            children = (
                [part for pair in node.value for part in pair]
                if isinstance(node, yaml.MappingNode)
                else node.value
            )
            for child in children:
                child_size, child_height = expand(child, depth + 1)
                size += child_size
                height = max(height, child_height)
                if size > MAX_VALUES:
                    raise _OverLimit(
                        node,
                        f"this value holds more than {MAX_VALUES} values once its YAML "
                        f"aliases are expanded {_LIMIT}; an alias bomb?",
                    )
            on_path.discard(key)
            found = memo[key] = (size, height + 1)
        if depth + found[1] > MAX_DEPTH:
            raise _OverLimit(node, f"nested more than {MAX_DEPTH} levels deep {_LIMIT}")
        return found

    errors_before = len(problems)
    try:
        expand(root, 0)
    except _OverLimit as over:
        problems.add(Location(file, over.line), over.message)
        return False
    return len(problems) == errors_before


def read_limited(path: Path, shown_as: str, problems: Problems) -> bytes | None:
    """The bytes of a question file, reading no further than :data:`MAX_FILE_BYTES`."""
    try:
        with path.open("rb") as stream:
            raw = stream.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        problems.add(Location(shown_as), f"cannot read file: {error.strerror}")
        return None
    if len(raw) > MAX_FILE_BYTES:
        problems.add(
            Location(shown_as),
            f"file is larger than {MAX_FILE_BYTES} bytes {_LIMIT}",
        )
        return None
    return raw


def is_blank(path: Path) -> bool:
    """True for a file that holds nothing but white space (read no further than the limit)."""
    raw = read_limited(path, "", Problems())
    return raw is not None and not raw.strip()


def load_yaml(path: Path, shown_as: str, problems: Problems) -> Any:
    """Parse one YAML file; on failure add problems (with lines) and return ``None``."""
    raw = read_limited(path, shown_as, problems)
    if raw is None:
        return None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        problems.add(Location(shown_as, 1), "UTF-16 text; save the file as UTF-8")
        return None
    if b"\x00" in raw:
        problems.add(Location(shown_as), "binary data (a NUL byte): this is not a YAML text file")
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        problems.add(
            Location(shown_as, line),
            f"not UTF-8 text (byte 0x{raw[error.start]:02x}); save the file as UTF-8",
        )
        return None
    loader = _LineLoader(text)
    loader.problems = problems
    loader.file = shown_as
    loader.text = text
    try:
        node = loader.get_single_node()  # composed: the node graph, with marks, no values yet
        if node is None or not _check_limits(node, shown_as, text, problems):
            return None
        return loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        error_line = mark.line + 1 if mark is not None else None
        message = _syntax_message(error, text, error_line)
        lines = text.splitlines()
        source_line = lines[error_line - 1] if error_line and error_line <= len(lines) else ""
        hint = _hint(error, source_line, lines)
        if hint and "tab character" not in message:
            message += f"; {hint}"
        problems.items.append(
            ProblemWithExcerpt(
                Location(shown_as, error_line),
                message,
                _excerpt(text, error_line, mark.column if mark is not None else None),
            )
        )
        return None
    except yaml.reader.ReaderError as error:
        line = text[: error.position].count("\n") + 1
        problems.add(
            Location(shown_as, line),
            f"control character U+{error.character:04X} is not allowed in a YAML file",
        )
        return None
    except yaml.YAMLError as error:
        problems.add(Location(shown_as), f"YAML error: {error}")
        return None
    finally:
        loader.dispose()
