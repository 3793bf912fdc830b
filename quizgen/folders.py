"""Finding set folders and their YAML files: the first step of every command, kept free of the
heavy libraries so that a mistyped set name is reported before any of them is imported."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .errors import QuizgenError, UsageError, display_path

YAML_SUFFIXES = (".yaml", ".yml")


def find_sets(arguments: Iterable[str] | None, questions_dir: Path) -> list[Path]:
    """Set folders named on the command line (paths or names under ``questions_dir``), or all
    (when none is named: ``arguments`` empty or None)."""
    names = list(arguments or [])
    if not names:
        if not questions_dir.is_dir():
            raise QuizgenError(f"{display_path(questions_dir)}: no such folder of question sets")
        found = sorted(p for p in questions_dir.iterdir() if p.is_dir() and yaml_files(p))
        if not found:
            raise QuizgenError(f"{display_path(questions_dir)}: no question sets (folders of YAML)")
        return found
    folders = []
    for name in names:
        path = Path(name)
        if not path.is_dir() and (questions_dir / name).is_dir():
            path = questions_dir / name
        if not path.is_dir():
            raise QuizgenError(f"{name}: no such set folder")
        folders.append(path)
    return folders


def one_set_for_source(command: str, folders: list[Path], source: Path | None) -> None:
    """``--source FILE`` is the text of one set. Checked against it, every other set's passages
    would be "not found" and bury the result of the set it is meant for: with more than one set to
    check, it is a usage error (exit 2) that says to name the set."""
    if source is None or len(folders) <= 1:
        return
    shown = display_path(source)
    names = ", ".join(folder.name for folder in folders[:4])
    more = f" and {len(folders) - 4} more" if len(folders) > 4 else ""
    raise UsageError(
        f"--source {shown} is the text of one set, but {len(folders)} sets would be checked "
        f"against it ({names}{more}): name the set, e.g. "
        f"`quizgen {command} {folders[0].name} --source {shown}`"
    )


def leaves_folder(path: Path, folder: Path) -> bool:
    """Whether ``path`` (a file found in ``folder``) is a symbolic link, or under one, that leads
    outside the folder."""
    try:
        return not path.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):  # a link loop
        return True


def yaml_files(folder: Path) -> list[Path]:
    """The YAML files of a set folder, in the order they are read (by path); hidden files and
    folders (``.name``) are left out."""
    files = [
        p
        for p in folder.rglob("*")
        if p.suffix in YAML_SUFFIXES
        and p.is_file()
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    ]
    return sorted(files, key=lambda p: p.relative_to(folder).as_posix())


__all__ = ["YAML_SUFFIXES", "find_sets", "leaves_folder", "one_set_for_source", "yaml_files"]
