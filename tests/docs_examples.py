"""Reading the examples out of the Markdown docs: YAML files, text files and console sessions.

Conventions (docs/format.md, docs/walkthrough.md):

* a ```yaml block is a whole file; its first line is ``# <set>/<file>.yaml``;
* a ```text block whose info string names a file (```text ferry.txt) is that file's content;
* a ```console block holds ``$ quizgen ...`` commands, each followed by exactly what it prints
  (standard output and standard error, as a terminal shows them).
"""

from __future__ import annotations

import os
import re
import shlex
import struct
import textwrap
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .conftest import ROOT

DOCS = [*sorted((ROOT / "docs").glob("*.md")), ROOT / "README.md"]
WALKTHROUGH = ROOT / "docs" / "walkthrough.md"
FENCE = re.compile(r"^( *)```([^\n]*)\n(.*?)^\1```", re.S | re.M)
HEADER = re.compile(r"# ([\w.-]+)/([\w./-]+\.ya?ml)\n")


@dataclass(frozen=True)
class Block:
    kind: str  # yaml, text, console, ...
    name: str  # the file a text block is, else ""
    body: str


@dataclass(frozen=True)
class Command:
    args: list[str]  # after "quizgen"
    expected: str


def fenced_blocks(doc: Path) -> list[Block]:
    found = []
    for _, info, body in FENCE.findall(doc.read_text(encoding="utf-8")):
        kind, _, name = info.strip().partition(" ")
        found.append(Block(kind, name.strip(), textwrap.dedent(body)))
    return found


def yaml_blocks(doc: Path) -> list[str]:
    return [b.body for b in fenced_blocks(doc) if b.kind == "yaml"]


def commands(block: Block) -> list[Command]:
    """The ``$ quizgen ...`` commands of a console block, each with the text it prints."""
    found: list[Command] = []
    args: list[str] | None = None
    lines: list[str] = []
    for line in block.body.splitlines():
        if line.startswith("$ "):
            if args is not None:
                found.append(Command(args, "".join(f"{x}\n" for x in lines)))
            words = shlex.split(line[2:])
            assert words[0] == "quizgen", f"a console block runs quizgen only: {line}"
            args, lines = words[1:], []
        else:
            assert args is not None, f"output before any command: {line}"
            lines.append(line)
    if args is not None:
        found.append(Command(args, "".join(f"{x}\n" for x in lines)))
    return found


REFRESH = os.environ.get("QUIZGEN_REFRESH_DOCS") == "1"
"""``QUIZGEN_REFRESH_DOCS=1 pytest tests/test_docs.py tests/test_walkthrough.py`` rewrites the
console blocks with what the commands print now (then read the diff before committing)."""


def replay(doc: Path, block: Block, outputs: list[str]) -> None:
    """Rewrite one console block of ``doc`` with the outputs just seen (refresh mode)."""
    lines = []
    for command, output in zip(commands(block), outputs, strict=True):
        lines.append("$ " + shlex.join(["quizgen", *command.args]) + "\n" + output)
    text = doc.read_text(encoding="utf-8")
    old = "```console\n" + block.body + "```"
    assert text.count(old) == 1, f"{doc.name}: cannot find the console block to refresh"
    doc.write_text(text.replace(old, "```console\n" + "".join(lines) + "```"), encoding="utf-8")


def images_named(text: str) -> list[str]:
    """The literal ``image:`` paths of a YAML example (templates like "{{ image }}" skipped)."""
    names: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "image" and isinstance(value, str) and "{{" not in value:
                    names.append(value)
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(yaml.safe_load(text))
    return names


def tiny_png() -> bytes:
    """A 1×1 grey PNG: the picture the tests put where an example names one."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\x80"))
        + chunk(b"IEND", b"")
    )


def write_example(folder: Path, file_name: str, text: str) -> None:
    path = folder / file_name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    if path.suffix not in (".yaml", ".yml"):
        return
    for image in images_named(text):
        picture = folder / image
        picture.parent.mkdir(parents=True, exist_ok=True)
        picture.write_bytes(tiny_png())


def check_console_block(doc: Path, block: Block, cli: Callable[..., Any]) -> None:
    """Run each `$ quizgen ...` command of a console block and compare its output with the doc's
    (or, with QUIZGEN_REFRESH_DOCS=1, write the real output back into the doc)."""
    outputs = []
    for command in commands(block):
        output = cli(*command.args).output
        outputs.append(output)
        if not REFRESH:
            assert output == command.expected, f"quizgen {' '.join(command.args)}"
    if REFRESH:
        replay(doc, block, outputs)
