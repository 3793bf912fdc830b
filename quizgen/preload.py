"""Parsing a build's YAML files on a second core while the first imports the libraries.

A command that builds a large set spends a fifth of a second importing pydantic, Jinja and
genanki before it loads anything, and about as long again in libyaml; neither needs the other.
So, when the sets hold enough YAML to be worth it (:data:`MIN_BYTES`), the console script forks
a child process before its heavy imports. The child needs only PyYAML and
:mod:`quizgen.yamlfile`: it parses and checks the largest files (about :data:`CHILD_SHARE` of the
bytes) exactly as :func:`~quizgen.yamlfile.load_yaml` would in the parent, and hands the values
and problems back through a pipe as one pickle. The parent imports meanwhile, parses the other
files itself, then takes the child's (:meth:`Preload.take`).

Nothing changes but the time: every value and problem is the one ``load_yaml`` gives (it runs in
both processes), and whatever the child does not deliver (it failed, was killed, or a file is not
among its results) the parent parses itself. Only the ``quizgen`` console script forks (never the
library, which may live in a longer process), only where ``os.fork`` exists, and not when
``QUIZGEN_SINGLE_PROCESS`` is set.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from .errors import Problem, Problems, display_path
from .folders import yaml_files
from .yamlfile import load_yaml

MIN_BYTES = 256 * 1024
"""Sets with less YAML than this are parsed in the process itself: a fork would save nothing."""

CHILD_SHARE = 0.7
"""The part of the bytes the child parses: it starts parsing while the parent still has its
imports ahead of it (measured on the 10k-question benchmark set: 0.6 to 0.8 balance the two)."""

Parsed = Mapping[Path, tuple[Any, list[Problem]]]
"""What ``load_yaml`` gave for each file: its value and the problems it added."""


def parse_files(files: Sequence[Path]) -> dict[Path, tuple[Any, list[Problem]]]:
    """Each file through ``load_yaml``, as loading would read it."""
    parsed: dict[Path, tuple[Any, list[Problem]]] = {}
    for path in files:
        problems = Problems()
        value = load_yaml(path, display_path(path), problems)
        parsed[path] = (value, problems.items)
    return parsed


def split(sizes: Mapping[Path, int], share: float = CHILD_SHARE) -> tuple[list[Path], list[Path]]:
    """The files for the child (the largest, until they make ``share`` of the bytes) and the
    rest for the parent, each in the given order."""
    total = sum(sizes.values())
    child: set[Path] = set()
    taken = 0
    for path in sorted(sizes, key=lambda p: -sizes[p]):
        if taken >= share * total:
            break
        child.add(path)
        taken += sizes[path]
    return [p for p in sizes if p in child], [p for p in sizes if p not in child]


class Preload:
    """The YAML files of a build, being parsed by a child process."""

    def __init__(self, pid: int, fd: int, own_files: Sequence[Path]):
        self._pid = pid
        self._fd: int | None = fd
        self._own_files = own_files
        self._parsed: Parsed | None = None

    def take(self) -> Parsed:
        """Parse this process's share of the files, then wait for the child's and return both;
        if the child failed, only this process's share (the caller parses what is missing, as
        it would have without a child)."""
        if self._parsed is not None:
            return self._parsed
        own = parse_files(self._own_files)
        chunks = []
        try:
            while self._fd is not None and (chunk := os.read(self._fd, 1 << 20)):
                chunks.append(chunk)
        except OSError:
            chunks = []
        succeeded = self.close() == 0
        from_child: Parsed = {}
        if succeeded and chunks:
            try:
                from_child = pickle.loads(b"".join(chunks))
            except Exception:  # a truncated pickle: parse in this process instead
                from_child = {}
        self._parsed = {**from_child, **own}
        return self._parsed

    def close(self) -> int | None:
        """Stop listening and reap the child (a child still writing gets a broken pipe and
        ends); its exit status, or ``None`` once already closed."""
        if self._fd is None:
            return None
        os.close(self._fd)
        self._fd = None
        _, status = os.waitpid(self._pid, 0)
        return os.waitstatus_to_exitcode(status)


def start(folders: Sequence[Path]) -> Preload | None:
    """Fork a child parsing the folders' YAML files, or ``None`` when it is not worth it (or not
    possible here); see the module's documentation."""
    if not hasattr(os, "fork") or os.environ.get("QUIZGEN_SINGLE_PROCESS"):
        return None
    try:
        sizes = {path: path.stat().st_size for folder in folders for path in yaml_files(folder)}
    except OSError:
        return None  # loading will report the file it cannot read
    if sum(sizes.values()) < MIN_BYTES:
        return None
    child_files, own_files = split(sizes)
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: parse, write, and leave without running the parent's cleanup
        code = 1
        try:
            os.close(read_fd)
            data = memoryview(pickle.dumps(parse_files(child_files), pickle.HIGHEST_PROTOCOL))
            while data:
                data = data[os.write(write_fd, data) :]
            code = 0
        finally:
            os._exit(code)
    os.close(write_fd)
    return Preload(pid, read_fd, own_files)


__all__ = ["CHILD_SHARE", "MIN_BYTES", "Parsed", "Preload", "parse_files", "split", "start"]
