"""Evidence checking: every evidence passage must appear verbatim in the set's source text.

A passage matches when it appears in the source after both are normalised the same way: runs of
whitespace (line breaks included) become one space, and curly quotes and apostrophes become
straight ones, so a teacher may type ``"`` for ``“`` and wrap a long passage over lines. Nothing
else is forgiven: case, punctuation, dashes and spelling must be the source's.

The source text is the set's ``source.path`` (relative to the set folder) or a file given with
``--source``, which overrides it. A ``source.path`` that does not exist is not an error, because a
fresh clone does not hold the (third-party) article: the check is skipped with a note. A
``--source`` file that does not exist is an error.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import Location, Problems, QuizgenError, display_path
from .models import QuizSet
from .specs import QuestionSpec
from .textfile import UnreadableText, read_text
from .typos import misspelling_of

_QUOTES = str.maketrans(
    {
        "“": '"',
        "”": '"',
        "„": '"',
        "‟": '"',
        "″": '"',
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "′": "'",
    }
)


MAX_SOURCE_BYTES = 20 * 1024 * 1024
"""The largest source text read for evidence checking (see docs/errors.md)."""


def _shown(path: Path) -> str:
    """A path as the user would type it, with ``a/../`` folded away."""
    return display_path(Path(os.path.normpath(path)))


def normalise_passage(text: str) -> str:
    """The form in which passages and source are compared: quotes straightened, spaces collapsed."""
    return " ".join(text.translate(_QUOTES).split())


@dataclass(frozen=True)
class SourceText:
    """A source text, normalised once for searching."""

    path: Path
    normalised: str

    @classmethod
    def read(cls, path: Path, location: Location | None = None) -> SourceText:
        shown = _shown(path)
        if not path.is_file():
            raise QuizgenError(f"source text {shown}: no such file", location)
        if path.stat().st_size > MAX_SOURCE_BYTES:  # it may lie anywhere: bound what is read
            raise QuizgenError(
                f"source text {shown}: larger than {MAX_SOURCE_BYTES} bytes (the limit)", location
            )
        try:
            text = read_text(path)
        except UnreadableText as error:
            raise QuizgenError(f"source text {error.message(shown)}", location) from None
        return cls(path, normalise_passage(text))

    def contains(self, passage: str) -> bool:
        return normalise_passage(passage) in self.normalised

    def matched_prefix(self, passage: str) -> str:
        """The longest start of ``passage`` (normalised) found in the source: a hint at where a
        passage stops matching."""
        wanted = normalise_passage(passage)
        low, high = 0, len(wanted)  # invariant: wanted[:low] is found
        while low < high:
            middle = (low + high + 1) // 2
            if wanted[:middle] in self.normalised:
                low = middle
            else:
                high = middle - 1
        return wanted[:low]


@dataclass(frozen=True)
class EvidenceReport:
    """What the evidence check did for one set: the source it used, or why it did not run."""

    set_name: str
    source: Path | None
    passages: int = 0
    note: str | None = None


def passages(quiz_set: QuizSet) -> Iterator[tuple[Location, str, str]]:
    """Every evidence passage of the set: (location of the passage, owner description, passage)."""
    for table in quiz_set.tables.values():
        for record in table.records:
            lines = record.evidence_lines or (record.location.line,) * len(record.evidence)
            for passage, line in zip(record.evidence, lines, strict=False):
                yield Location(record.location.file, line), f"{table.name} '{record.id}'", passage
    for item in quiz_set.items:
        spec = item.spec
        if isinstance(spec, QuestionSpec):
            lines = item.evidence_lines or (item.location.line,) * len(spec.evidence)
            for passage, line in zip(spec.evidence, lines, strict=False):
                yield Location(item.location.file, line), f"question '{spec.id}'", passage


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def check_evidence(quiz_set: QuizSet, source: SourceText, problems: Problems) -> int:
    """Report every passage not found in ``source``; return how many passages were checked."""
    count = 0
    name = source.path.name
    for location, owner, passage in passages(quiz_set):
        count += 1
        if source.contains(passage):
            continue
        found = source.matched_prefix(passage)
        hint = f"; the source matches up to “…{found[-40:]}”" if len(found) >= 10 else ""
        problems.add(
            location,
            f"{owner}: evidence not found in the source text {name}: "
            f"“{_shorten(normalise_passage(passage))}”{hint}",
        )
    return count


NO_EVIDENCE = (
    "has no evidence: quote the passage of the source it rests on in 'evidence' (a set without "
    "a source text says `require_evidence: false` in its set section)"
)


def check_required(quiz_set: QuizSet, problems: Problems) -> None:
    """Every record and hand-written question needs evidence, unless the set says
    ``require_evidence: false`` (a set without a source text to quote)."""
    if not quiz_set.meta.require_evidence:
        return
    for table in quiz_set.tables.values():
        for record in table.records:
            if not record.evidence:
                typo = misspelt_key(record.fields, "evidence")
                problems.add(
                    record.location,
                    f"{table.name} '{record.id}' {NO_EVIDENCE}"
                    if typo is None
                    else f"{table.name} '{record.id}' has no evidence: is '{typo}' "
                    f"(line {record.field_lines.get(typo)}) meant to be 'evidence'?",
                )
    for item in quiz_set.items:
        if isinstance(item.spec, QuestionSpec) and not item.spec.evidence:
            problems.add(item.location, f"question '{item.spec.id}' {NO_EVIDENCE}")


def misspelt_key(fields: Iterable[str], reserved: str) -> str | None:
    """The field of a record that looks like a misspelling of a reserved key (``evidance``)."""
    return next((f for f in fields if misspelling_of(str(f), [reserved]) == reserved), None)


def verify_set(
    quiz_set: QuizSet, override: SourceText | None, problems: Problems
) -> EvidenceReport:
    """Check a set's evidence against ``override`` or the set's own ``source.path``."""
    meta = quiz_set.meta
    check_required(quiz_set, problems)
    source = override
    if source is None:
        path = meta.source.path
        if path is None:
            return EvidenceReport(meta.name, None, note=None)
        if not path.is_file():
            where = meta.source.path_location or meta.location
            note = (
                f"note: {where}: source text {_shown(path)} not found; "
                "evidence not checked (give the text with --source FILE)"
            )
            return EvidenceReport(meta.name, None, note=note)
        source = SourceText.read(path, meta.source.path_location or meta.location)
    count = check_evidence(quiz_set, source, problems)
    return EvidenceReport(meta.name, Path(os.path.normpath(source.path)), count)
