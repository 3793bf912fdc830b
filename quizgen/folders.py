"""Finding set folders and their YAML files: the first step of every command, kept free of the
heavy libraries so that a mistyped set name is reported before any of them is imported."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .errors import QuizgenError, display_path

YAML_SUFFIXES = (".yaml", ".yml")


def find_sets(arguments: Iterable[str], questions_dir: Path) -> list[Path]:
    """Set folders named on the command line (paths or names under ``questions_dir``), or all."""
    names = list(arguments)
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


__all__ = ["YAML_SUFFIXES", "find_sets", "yaml_files"]
