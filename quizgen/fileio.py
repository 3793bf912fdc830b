"""Writing outputs so that a failure never leaves a half-written or clobbered file.

Two guarantees, both documented in docs/errors.md:

* **Atomic files.** Every output is written to a temporary file beside its target and renamed
  into place only when complete (:func:`atomic_path`); a failing renderer leaves the previous
  version of its file, and every file written before it, untouched.
* **Only our own files.** An output folder remembers the files quizgen wrote into it, with
  their SHA-256, in ``.quizgen-manifest.json``. A build overwrites a file only if the manifest
  lists it and the file is unchanged since quizgen wrote it, unless asked to (``--force``). It
  never deletes anything.

The manifest is kept up to date by :func:`atomic_path` itself, through the :class:`OutputFolder`
a build opens with :func:`writing_into`: every file a renderer writes is recorded the moment it is
renamed into place, so a build that fails half-way still knows which files are its own.
"""

from __future__ import annotations

import contextlib
import contextvars
import hashlib
import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from .errors import Location, OutputError, Problem, display_path

MANIFEST_NAME = ".quizgen-manifest.json"
MANIFEST_FORMAT = 1

_current_folder: contextvars.ContextVar[OutputFolder | None] = contextvars.ContextVar(
    "quizgen_output_folder", default=None
)


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; rename it into place only if the block succeeds.

    Inside :func:`writing_into`, the target must lie in that output folder and be quizgen's own
    (or the build forced); the written file is then recorded in the folder's manifest.
    """
    folder = _current_folder.get()
    if folder is not None:
        folder.check_writable(target)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    temporary = Path(name)
    try:
        yield temporary
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)
    if folder is not None:
        folder.record(target)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class OutputFolder:
    """An output folder and the manifest of the files quizgen wrote into it."""

    def __init__(self, path: Path, force: bool = False):
        self.path = path
        self.root = path.resolve()
        self.force = force
        self.manifest_path = path / MANIFEST_NAME
        self.files: dict[str, dict[str, Any]] = self._read_manifest()
        self.written: list[Path] = []

    def _read_manifest(self) -> dict[str, dict[str, Any]]:
        """The recorded files; an unreadable or foreign manifest owns nothing (the safe side)."""
        try:
            data = json.loads(self.manifest_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        files = data.get("files") if isinstance(data, dict) else None
        if not isinstance(files, dict):
            return {}
        return {
            name: entry
            for name, entry in files.items()
            if isinstance(name, str) and isinstance(entry, dict) and "sha256" in entry
        }

    def owns(self, name: str) -> bool:
        """True if ``name`` is a file quizgen wrote here and nobody has changed since."""
        entry = self.files.get(name)
        path = self.path / name
        if entry is None or not path.is_file() or path.is_symlink():
            return False
        try:
            return bool(entry["sha256"] == file_digest(path))
        except OSError:
            return False

    def problem_with(self, target: Path) -> str | None:
        """Why ``target`` may not be written, or ``None`` if it may."""
        if target.resolve().parent != self.root or target.name == MANIFEST_NAME:
            return f"{display_path(target)} is not a file of the output folder"
        if target.is_dir() and not target.is_symlink():
            return f"{display_path(target)} is a folder; quizgen will not replace it"
        if not (target.exists() or target.is_symlink()) or self.force:
            return None
        if self.owns(target.name):
            return None
        if target.name in self.files:
            return (
                f"{display_path(target)} was changed since quizgen wrote it; "
                "move it away or build with --force to overwrite it"
            )
        return (
            f"{display_path(target)} was not created by quizgen; "
            "move it away or build with --force to overwrite it"
        )

    def check_all(self, names: Iterable[str]) -> list[Problem]:
        """One problem for every planned output that may not be written (before any writing),
        and for every name two outputs of the build would share (two sets named alike)."""
        problems = []
        counts: dict[str, int] = {}
        for name in names:
            counts[name] = counts.get(name, 0) + 1
        for name, count in counts.items():
            where = Location(display_path(self.path / name))
            if count > 1:
                problems.append(
                    Problem(
                        where,
                        f"{count} outputs of this build would be written to "
                        f"{display_path(self.path / name)}: are two sets' folders named alike?",
                    )
                )
            message = self.problem_with(self.path / name)
            if message is not None:
                problems.append(Problem(where, message))
        return problems

    def check_writable(self, target: Path) -> None:
        message = self.problem_with(target)
        if message is not None:
            raise OutputError(message)

    def record(self, target: Path) -> None:
        """Remember ``target`` as quizgen's own, and save the manifest at once."""
        self.files[target.name] = {"sha256": file_digest(target), "size": target.stat().st_size}
        self.written.append(target)
        self._save()

    def _save(self) -> None:
        data = {
            "format": MANIFEST_FORMAT,
            "about": "Files quizgen wrote here; it overwrites only these (see docs/errors.md).",
            "files": dict(sorted(self.files.items())),
        }
        fd, name = tempfile.mkstemp(prefix=f"{MANIFEST_NAME}.", suffix=".tmp", dir=self.path)
        temporary = Path(name)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as stream:
                json.dump(data, stream, indent=2, ensure_ascii=False)
                stream.write("\n")
            os.chmod(temporary, 0o666 & ~_umask())
            os.replace(temporary, self.manifest_path)
        finally:
            temporary.unlink(missing_ok=True)


@contextlib.contextmanager
def writing_into(folder: OutputFolder) -> Iterator[OutputFolder]:
    """Within the block, every :func:`atomic_path` write is checked against and recorded in
    ``folder``."""
    token = _current_folder.set(folder)
    try:
        yield folder
    finally:
        _current_folder.reset(token)
