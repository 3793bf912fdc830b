"""Reading a text a teacher hands to quizgen (an article to draft from, a set's source text).

One reader, so that ``draft``, ``new`` and the evidence check say the same thing about the same
file: UTF-8 with or without a byte order mark, or one line naming the file and, for a text that is
not UTF-8, the line of the first byte that is not.
"""

from __future__ import annotations

from pathlib import Path


class UnreadableText(Exception):
    """Why a text cannot be read, at ``line`` when that is known."""

    def __init__(self, reason: str, line: int | None = None):
        super().__init__(reason)
        self.line = line

    def message(self, shown: str) -> str:
        """The one-line message for the file shown as ``shown``: ``shown[:line]: reason``."""
        where = f"{shown}:{self.line}" if self.line is not None else shown
        return f"{where}: {self}"


def read_text(path: Path) -> str:
    """The text of ``path``, its byte order mark dropped; :class:`UnreadableText` otherwise."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise UnreadableText("no such file") from None
    except IsADirectoryError:
        raise UnreadableText("is a folder, not a text file") from None
    except OSError as error:
        raise UnreadableText(f"cannot read: {error.strerror or error}") from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnreadableText("not UTF-8 text (UTF-16); save the file as UTF-8", 1)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise UnreadableText(
            f"not UTF-8 text (byte 0x{data[error.start]:02x}); save the file as UTF-8", line
        ) from None
