"""Read YAML safely while remembering the line of every mapping key and sequence item.

PyYAML's C parser (libyaml) builds the node tree when it is available; only the construction of
Python objects runs here, so line numbers cost little. Mappings become :class:`LineDict` and
sequences :class:`LineList`, plain ``dict``/``list`` subclasses that carry 1-based line numbers.
Duplicate keys, which PyYAML accepts silently, are reported as problems.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import Location, Problems

try:  # libyaml's parser when the wheel has it; the pure-Python one otherwise
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

MAX_FILE_BYTES = 5 * 1024 * 1024
"""A question file larger than this is refused before parsing (see docs/errors.md)."""


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

    def line_of(self, index: int) -> int:
        if 0 <= index < len(self.item_lines):
            return self.item_lines[index]
        return self.line


class _LineLoader(_BaseLoader):
    problems: Problems
    file: str


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
    context = f" {error.context}" if error.context else ""
    return f"YAML syntax error: {problem}{context}"


def load_yaml(path: Path, shown_as: str, problems: Problems) -> Any:
    """Parse one YAML file; on failure add problems (with lines) and return ``None``."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            problems.add(
                Location(shown_as),
                f"file is {size} bytes, over the limit of {MAX_FILE_BYTES} bytes "
                "for a question file",
            )
            return None
        raw = path.read_bytes()
    except OSError as error:
        problems.add(Location(shown_as), f"cannot read file: {error.strerror}")
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
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        problems.add(Location(shown_as, line), "binary data (NUL byte) in a YAML file")
        return None
    loader = _LineLoader(text)
    loader.problems = problems
    loader.file = shown_as
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        error_line = mark.line + 1 if mark is not None else None
        problems.add(Location(shown_as, error_line), _syntax_message(error, text, error_line))
        return None
    except yaml.YAMLError as error:
        problems.add(Location(shown_as), f"YAML error: {error}")
        return None
    finally:
        loader.dispose()
