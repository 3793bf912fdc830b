"""Q3xx: true/false statements.

Haladyna, Downing & Rodriguez (2002) on the true-false format, and Frisbie & Becker (1991),
whom they follow: test understanding, not recognition of a sentence of the text; no specific
determiners (always, never, only), which give the answer away; no vague words (usually, often),
which make the statement neither true nor false.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from difflib import SequenceMatcher

from ..models import QuestionType
from .context import Item
from .options import ABSOLUTE_WORDS, VAGUE_WORDS
from .registry import Hit, question_rule
from .text import STOPWORDS, without_quotations, words

TRUE_FALSE = (QuestionType.TRUE_FALSE,)
_FRAME = re.compile(r"^\s*(?:true\s+or\s+false|true/false|t/f)\s*[:?.,-]?\s*", re.I)
COPIED_SHARE = 0.8
"""A statement is "copied" when at least 80 % of its content words are found, in runs of two or
more in the same order, in one evidence passage."""
COPIED_MIN_WORDS = 5


def statement(prompt: str) -> str:
    """The statement of a true/false prompt, without its "True or false:" frame."""
    return _FRAME.sub("", prompt)


def _content(text: str) -> list[str]:
    return [w for w in words(text) if w not in STOPWORDS]


@question_rule(
    "Q301",
    "statement-copied-from-evidence",
    "a true/false statement copies its evidence nearly word for word (tests recognition only)",
    TRUE_FALSE,
)
def statement_copied_from_evidence(item: Item) -> Iterator[Hit]:
    # a quotation in the statement only names what it is about ("the speaker of “...”")
    said = _content(without_quotations(statement(item.prompt)))
    if len(said) < COPIED_MIN_WORDS:
        return
    for passage in item.question.evidence:
        source = _content(passage)
        blocks = SequenceMatcher(None, said, source, autojunk=False).get_matching_blocks()
        copied = sum(block.size for block in blocks if block.size >= 2)
        if copied >= COPIED_SHARE * len(said):
            yield Hit(
                "prompt",
                f"the statement copies its evidence ({copied} of its {len(said)} content words "
                "in the passage's order): students recognise the sentence instead of "
                "understanding it; paraphrase it, or ask what follows from it",
            )
            return


@question_rule(
    "Q302",
    "absolute-word-in-statement",
    "a true/false statement holds an absolute word (always, never, only, all, none)",
    TRUE_FALSE,
)
def absolute_word_in_statement(item: Item) -> Iterator[Hit]:
    found = [w for w in words(without_quotations(statement(item.prompt))) if w in ABSOLUTE_WORDS]
    if found:
        yield Hit(
            "prompt",
            f"the statement says '{found[0]}': absolute statements are nearly always false, "
            "and students know it; qualify it, or ask about the exception directly",
        )


@question_rule(
    "Q303",
    "vague-word-in-statement",
    "a true/false statement holds a vague word (usually, often, sometimes), so it is neither "
    "true nor false",
    TRUE_FALSE,
)
def vague_word_in_statement(item: Item) -> Iterator[Hit]:
    found = [w for w in words(without_quotations(statement(item.prompt))) if w in VAGUE_WORDS]
    if found:
        yield Hit(
            "prompt",
            f"the statement says '{found[0]}': whether it is true depends on how the student "
            "reads it; say how often or how much",
        )
