"""A new set folder, as ``quizgen new`` and ``quizgen draft`` create one: its name checked, an
existing folder never touched, and all its files appearing at once or none."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

from .errors import OutputError, QuizgenError, display_path
from .specs import ID_PATTERN


def new_set_folder(questions_dir: Path, name: str) -> Path:
    """``questions_dir/name``, once ``name`` is a valid set name and nothing is there yet."""
    if not re.fullmatch(ID_PATTERN, name):
        raise QuizgenError(
            f"set name '{name}' must start with a letter or digit and hold only letters, "
            "digits, '-', '_' and '.'"
        )
    folder = questions_dir / name
    if folder.exists() or folder.is_symlink():
        raise QuizgenError(
            f"{display_path(folder)} already exists: choose another name or remove it first"
        )
    return folder


def write_set_folder(folder: Path, files: dict[str, str]) -> list[Path]:
    """Write ``files`` (file name → UTF-8 text) as the new ``folder``: into a hidden folder beside
    it, renamed into place when complete, so that a failure leaves nothing behind."""
    questions_dir = folder.parent
    if questions_dir.exists() and not questions_dir.is_dir():
        raise OutputError(
            f"cannot create {display_path(folder)}: {display_path(questions_dir)} is a file, "
            "not a folder"
        )
    try:
        questions_dir.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=questions_dir))
        try:
            for file_name, text in files.items():
                (staging / file_name).write_text(text, encoding="utf-8")
            os.rename(staging, folder)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    except OSError as error:
        raise OutputError(f"cannot create {display_path(folder)}: {error.strerror}") from None
    return [folder / file_name for file_name in files]
