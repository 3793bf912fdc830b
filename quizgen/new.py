"""``quizgen new``: start a set folder from the commented examples in ``quizgen/scaffold/``.

The starter content is made from the set's source text, so that it validates and builds as created
(evidence included, which quizgen checks against ``source.path``): a table of a few of the text's
sentences, each with one word to ask about, two templates over it (a cloze and a multiple choice
with distractors drawn from the other sentences' words) and one hand-written ordering question.
Without ``--source``, the source is a short sample text shipped with quizgen, copied into the folder
as ``source.txt``; with ``--source FILE``, the set points at FILE (a relative ``source.path``) and
takes the source's title from FILE's first line.

Every file starts with the ``yaml-language-server`` comment pointing at ``schema/`` beside the
questions folder; the schema is written there if it is missing.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from string import Template

from .errors import QuizgenError, display_path
from .schema import SCHEMA_DIR, SCHEMA_FILE, schema_comment, write_schema
from .setfolder import new_set_folder, write_set_folder
from .textfile import UnreadableText, read_text

SCAFFOLD_FILES = ("set.yaml", "facts.yaml", "templates.yaml", "questions.yaml")
SAMPLE_SOURCE = "source.txt"
SENTENCES = 4  # records in the starter table (at least 3: two distractors for each question)
_WORD = re.compile(r"[^\W\d_]{5,}")  # a word to blank out: letters only, five or more


@dataclass(frozen=True)
class Sentence:
    text: str
    keyword: str


@dataclass(frozen=True)
class Created:
    folder: Path
    files: list[Path]
    schema: Path | None  # the schema file, when it had to be written


def _scaffold_text(name: str) -> str:
    return resources.files("quizgen").joinpath("scaffold", name).read_text(encoding="utf-8")


def _yaml_string(text: str) -> str:
    """A YAML double-quoted scalar (a JSON string is one)."""
    return json.dumps(text, ensure_ascii=False)


def split_source(text: str) -> tuple[str | None, list[str]]:
    """The headline (a short first line without a full stop) and the sentences of a text."""
    lines = [line.strip() for line in text.splitlines()]
    lines = [line for line in lines if line]
    headline = None
    if lines and len(lines[0]) <= 150 and not lines[0].endswith((".", "!", "?", ":")):
        headline = lines.pop(0)
    body = " ".join(" ".join(lines).split())
    parts = re.split(r"(?<=[.!?])\s+|(?<=[.!?][”\"’])\s+", body)
    return headline, [p.strip() for p in parts if p.strip()]


def pick_sentences(sentences: list[str], count: int = SENTENCES) -> list[Sentence]:
    """Sentences of 6 to 40 words, each with a word that occurs once in it and that no other
    chosen sentence uses: preferably one after the sentence's third word (the ordering question
    shows the words before it) and not after "a" or "an" (which would hint at its first letter);
    the longest such word first."""
    chosen: list[Sentence] = []
    used: set[str] = set()
    for sentence in sentences:
        if not 6 <= len(sentence.split()) <= 40:
            continue
        folded = sentence.casefold()
        words = sorted(
            _WORD.findall(sentence), key=lambda w: (not _well_placed(sentence, w), -len(w))
        )
        for word in words:
            key = word.casefold()
            if key not in used and folded.count(key) == 1:
                chosen.append(Sentence(sentence, word))
                used.add(key)
                break
        if len(chosen) == count:
            break
    return chosen


def _well_placed(sentence: str, word: str) -> bool:
    before = sentence.split(word, 1)[0].split()
    return len(before) >= 3 and before[-1].casefold() not in ("a", "an")


def _opening(sentence: Sentence, count: int = 8) -> str:
    """The first words of a sentence, for the ordering question: at most ``count``, and none
    from its keyword on (the cloze and multiple choice ask for it: rule Q502); quotation marks
    a cut would leave open are dropped."""
    words = sentence.text.split()
    before = sentence.text.split(sentence.keyword, 1)[0].split()
    shown = words[: min(count, len(before))] if len(before) >= 3 else words[:count]
    text = " ".join(shown)
    if text.count("“") != text.count("”") or text.count('"') % 2:
        text = text.replace("“", "").replace("”", "").replace('"', "")
    return text + (" …" if len(shown) < len(words) else "")


def create_set(name: str, questions_dir: Path, source: Path | None = None) -> Created:
    """Write ``questions_dir/name/``; refuse if it exists. Nothing is left behind on failure."""
    folder = new_set_folder(questions_dir, name)
    if source is not None:
        try:
            source_text = read_text(source)
        except UnreadableText as error:
            raise QuizgenError(error.message(display_path(source))) from None
    else:
        source_text = _scaffold_text(SAMPLE_SOURCE)
    headline, sentences = split_source(source_text)
    picked = pick_sentences(sentences)
    if len(picked) < 3:
        shown = display_path(source) if source else SAMPLE_SOURCE
        raise QuizgenError(
            f"{shown}: found {len(picked)} sentences to start from, need 3 "
            "(sentences of 6 to 40 words, each with a word of five letters or more)"
        )

    schema_path = questions_dir.parent / SCHEMA_DIR / SCHEMA_FILE
    if source is not None:
        source_path = Path(os.path.relpath(source.resolve(), folder.resolve())).as_posix()
        publisher, date = "FILL IN the publisher", "FILL IN the date of publication"
        source_title = headline or f"FILL IN the title of {source.name}"
    else:
        source_path, publisher, date = SAMPLE_SOURCE, "quizgen sample text", "2026-01-01"
        source_title = headline or "A sample text"
    values = {
        "schema_comment": schema_comment(folder, schema_path),
        "name": name,
        "title": _yaml_string(name.replace("-", " ").replace("_", " ").capitalize()),
        "source_title": _yaml_string(source_title),
        "publisher": _yaml_string(publisher),
        "date": _yaml_string(date),
        "source_path": _yaml_string(source_path),
        "records": "\n".join(
            f"      - id: s{i}\n"
            f"        text: {_yaml_string(s.text)}\n"
            f"        keyword: {_yaml_string(s.keyword)}\n"
            f"        evidence: {_yaml_string(s.text)}"
            for i, s in enumerate(picked, 1)
        ),
        "order_evidence": "\n".join(f"      - {_yaml_string(s.text)}" for s in picked),
        "items": "\n".join(f"      - {_yaml_string(_opening(s))}" for s in picked),
    }

    contents = {f: Template(_scaffold_text(f)).substitute(values) for f in SCAFFOLD_FILES}
    if source is None:
        contents[SAMPLE_SOURCE] = source_text
    files = write_set_folder(folder, contents)  # all files appear at once, or none
    written_schema = None if schema_path.exists() else write_schema(schema_path.parent)
    return Created(folder, files, written_schema)
