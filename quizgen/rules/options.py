"""Q1xx: the options of a multiple choice or multiple select question give the key away.

Haladyna, Downing & Rodriguez (2002), guidelines 23-31 (options homogeneous and of similar length,
no "all/none of the above", no specific determiners, no clues); Moore et al. (2023): longest
option correct, all/none of the above, absolute terms, vague terms, complex (K-type) options;
the NBME item-writing guide (Paniagua & Swygert): convergence of the options on the key.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .context import Item
from .registry import WITH_OPTIONS, Hit, question_rule
from .text import (
    contains_phrase,
    has_digit,
    is_name,
    option_key,
    option_parts,
    option_words,
    wordlist,
)

LONGEST_RATIO = 1.5
LONGEST_MARGIN = 15
"""The key counts as the longest option "by a clear margin" when it is at least 1.5 times as long
as the longest distractor and at least 15 characters longer: sound items often have a key a few
words longer than the rest, more precise ("off the coast of Queensland, Australia" beside "off
the coast of Florida"), which is no cue a student can rely on."""


def _length(text: str) -> int:
    return len(" ".join(text.split()))


def much_longer(length: int, other: int) -> bool:
    return length >= LONGEST_RATIO * other and length - other >= LONGEST_MARGIN


@question_rule(
    "Q101",
    "longest-option-is-key",
    "the key is the longest option by a clear margin",
    WITH_OPTIONS,
)
def longest_option_is_key(item: Item) -> Iterator[Hit]:
    if not item.distractors or not item.keys:
        return
    if all(is_names(option) for option in item.question.choices):
        return  # names are as long as they are: "Xi Jinping" beside "Vladimir V. Putin"
    shortest_key = min(item.keys, key=_length)
    longest_other = max(_length(d) for d in item.distractors)
    key_length = _length(shortest_key)
    if much_longer(key_length, longest_other):
        what = "the key" if len(item.keys) == 1 else "every correct option"
        yield Hit(
            "answer" if len(item.keys) == 1 else "answers",
            f"{what} ('{shortest_key}', {key_length} characters) is much longer than any "
            f"distractor (at most {longest_other}): make the options alike in length",
            shortest_key,
        )


_LIST = re.compile(r"\s*(?:,|\band\b|&)\s*")


def is_names(text: str) -> bool:
    """A name, or a list of names ("Iran and Russia", "Lovelace, Babbage and Somerville")."""
    parts = [p for p in _LIST.split(text) if p]
    return bool(parts) and all(is_name(p) for p in parts)


def _form_difference(key: str, distractors: tuple[str, ...]) -> str | None:
    """How the key differs in form from every distractor, or None."""
    if has_digit(key) and not any(has_digit(d) for d in distractors):
        return "the only option with a number"
    if not has_digit(key) and all(has_digit(d) for d in distractors):
        return "the only option without a number"
    names = [is_names(d) for d in distractors]
    if all(names) and not is_names(key):
        return "the only option that is not a name"
    if is_names(key) and not any(names) and len(key.split()) > 1:
        return "the only name among the options"
    key_words = len(key.split())
    most = max(len(d.split()) for d in distractors)
    longest = max(_length(d) for d in distractors)
    if key_words >= 4 and key_words >= 2 * most and not much_longer(_length(key), longest):
        # a long phrase among single words that Q101 did not already report
        return f"the only long phrase ({key_words} words; the others at most {most})"
    return None


@question_rule(
    "Q102",
    "key-stands-out",
    "the key is the only option of a different form (the only one with a number, the only "
    "non-name among names, the only long phrase)",
    WITH_OPTIONS,
)
def key_stands_out(item: Item) -> Iterator[Hit]:
    if len(item.distractors) < 2 or len(item.keys) != 1:
        return
    key = item.keys[0]
    if _refers_to_options(key):
        return  # "all of the above" as the key: rules Q103, Q104 and Q107 say what is wrong
    difference = _form_difference(key, item.distractors)
    if difference is not None:
        yield Hit(
            "answer",
            f"the key '{key}' is {difference}: write distractors of the same form",
            key,
        )


ALL_OF_THE_ABOVE = re.compile(
    r"^(?:all|both)\s+(?:of\s+)?(?:the\s+)?(?:above|these|of\s+these|options|answers|choices)\b"
    r"|^(?:all|both)\s+(?:are|of\s+them\s+are)\s+(?:correct|true|right)\b",
    re.I,
)
NONE_OF_THE_ABOVE = re.compile(
    r"^(?:none|neither)\s+(?:of\s+)?(?:the\s+)?(?:above|these|of\s+these|options|answers|choices)\b"
    r"|^(?:none|neither)\s+(?:is|are|of\s+them\s+(?:is|are))\s+(?:correct|true|right)\b"
    r"|^no\s+(?:correct\s+)?answer\b",
    re.I,
)


def _option_key_name(item: Item, option: str) -> str:
    return (
        "answers"
        if item.type.value == "multiple_select" and option in item.keys
        else ("answer" if option in item.keys else "distractors")
    )


def _refers_to_options(option: str) -> bool:
    text = option.strip()
    return bool(
        ALL_OF_THE_ABOVE.search(text) or NONE_OF_THE_ABOVE.search(text) or COMBINED.search(text)
    )


@question_rule(
    "Q103",
    "all-of-the-above",
    'an option is "all of the above" (or "both of these")',
    WITH_OPTIONS,
)
def all_of_the_above(item: Item) -> Iterator[Hit]:
    for option in item.question.choices:
        if ALL_OF_THE_ABOVE.search(option.strip()):
            yield Hit(
                _option_key_name(item, option),
                f"option '{option}': \"all of the above\" is right whenever two options are, "
                "and it reads oddly once options are shuffled; ask for each option "
                "(multiple_select) instead",
                option,
            )
            return


@question_rule(
    "Q104",
    "none-of-the-above",
    'an option is "none of the above" (or "neither of these")',
    WITH_OPTIONS,
)
def none_of_the_above(item: Item) -> Iterator[Hit]:
    for option in item.question.choices:
        if NONE_OF_THE_ABOVE.search(option.strip()):
            yield Hit(
                _option_key_name(item, option),
                f"option '{option}': \"none of the above\" tests what is not true and reads "
                "oddly once options are shuffled; write a plausible distractor instead",
                option,
            )
            return


ABSOLUTE_WORDS = wordlist(
    """
    always never only all none every everyone everything nobody nothing completely totally
    absolutely entirely invariably wholly solely
    """
)


def absolute_words(text: str) -> list[str]:
    return [w for w in option_words(text) if w in ABSOLUTE_WORDS]


@question_rule(
    "Q105",
    "absolute-word-in-distractor",
    "a distractor holds an absolute word (always, never, only, all, none) that the key does not",
    WITH_OPTIONS,
)
def absolute_word_in_distractor(item: Item) -> Iterator[Hit]:
    if any(absolute_words(k) for k in item.keys):
        return
    for option in item.distractors:
        if _refers_to_options(option) or len(option_words(option)) < 2:
            continue  # "none of the above", "c only": Q103, Q104, Q107; "none" is a quantity
        found = absolute_words(option)
        if found:
            yield Hit(
                "distractors",
                f"distractor '{option}' says '{found[0]}': students learn that absolute "
                "options are wrong; qualify it as the key is qualified",
                option,
            )
            return


VAGUE_WORDS = wordlist(
    """
    usually often sometimes frequently occasionally rarely seldom generally typically mostly
    commonly probably possibly perhaps somewhat fairly several various
    """
)


def vague_words(text: str) -> list[str]:
    return [w for w in option_words(text) if w in VAGUE_WORDS]


@question_rule(
    "Q106",
    "vague-word-in-option",
    "the key alone is hedged (usually, often, probably), or a distractor is and the key is not",
    WITH_OPTIONS,
)
def vague_word_in_option(item: Item) -> Iterator[Hit]:
    key_hedged = any(vague_words(k) for k in item.keys)
    hedged = [d for d in item.distractors if vague_words(d)]
    if key_hedged == bool(hedged):
        return  # "it usually goes up" / "it usually goes down": the hedge is the question's
    for option in item.question.choices:
        found = vague_words(option)
        if found:
            yield Hit(
                _option_key_name(item, option),
                f"option '{option}' says '{found[0]}': whether it is right depends on how "
                "the student reads it; say how often or how much",
                option,
            )
            return


COMBINED = re.compile(
    r"^(?:both\s+|only\s+)?\(?[a-e1-5]\)?\s*(?:,\s*\(?[a-e1-5]\)?\s*)*(?:and|&|or)\s+"
    r"\(?[a-e1-5]\)?(?:\s+only)?\.?$"
    r"|^(?:both|neither)\s+\(?[a-e1-5]\)?\s+(?:and|nor)\s+\(?[a-e1-5]\)?"
    r"|\b(?:all|any)\s+but\s+(?:one|\(?[a-e1-5]\)?)\b"
    r"|\b(?:all|both|none)\s+of\s+the\s+(?:first|last|above)\s+(?:two|three)\b",
    re.I,
)


@question_rule(
    "Q107",
    "combined-options",
    'an option combines others ("A and B", "both 1 and 3", "all but C")',
    WITH_OPTIONS,
)
def combined_options(item: Item) -> Iterator[Hit]:
    for option in item.question.choices:
        if COMBINED.search(option.strip()):
            yield Hit(
                _option_key_name(item, option),
                f"option '{option}' refers to other options by letter, which shuffling "
                "changes; use a multiple_select question instead",
                option,
            )
            return


@question_rule(
    "Q108",
    "overlapping-options",
    'one option is part of another ("Putin" and "Vladimir Putin", "trade" and "trade '
    'and finance"): both may be right',
    WITH_OPTIONS,
)
def overlapping_options(item: Item) -> Iterator[Hit]:
    options = [(option_key(o), o) for o in item.question.choices]
    for short, shown in sorted(options, key=lambda pair: len(pair[0])):
        for longer, other in options:
            if other is shown or len(longer) <= len(short) or has_digit(short) != has_digit(longer):
                continue
            if contains_phrase(longer, short):
                right = {option_key(k) for k in item.keys}
                if short not in right and longer not in right:
                    continue  # two wrong options that overlap give nothing away
                key = "distractors" if short in right else _option_key_name(item, shown)
                fault = other if short in right else shown
                yield Hit(
                    key,
                    f"option '{shown}' is part of option '{other}': a student can argue "
                    "that both are right, or rule out the pair",
                    fault,
                )
                return


@question_rule(
    "Q109",
    "multiple-select-without-wrong-option",
    "every option of a multiple select is right (each distractor repeats a correct answer)",
    (WITH_OPTIONS[1],),
)
def multiple_select_without_wrong_option(item: Item) -> Iterator[Hit]:
    right = [option_key(k) for k in item.keys]
    wrong = [option_key(d) for d in item.distractors]
    if not wrong or all(
        any(contains_phrase(d, r) or contains_phrase(r, d) for r in right) for d in wrong
    ):
        yield Hit(
            "distractors",
            "no option is wrong: every distractor names a correct answer again, so ticking "
            "everything scores full marks; add options that are wrong",
        )


CONVERGENCE_OPTIONS = 4
"""Options built alike that the rule needs: among three, a shared part is as likely chance."""
CONVERGENCE_MARGIN = 2
"""How many more shared parts the key must hold than any distractor, when it is not the only
option sharing a part with every other."""


def convergent_key(choices: tuple[str, ...], key: str) -> str | None:
    """Why the key is the option the others converge on, or None.

    Options are built alike when they have the key's number of parts (:func:`option_parts`), two
    or more, and all options but one at most do. A part all of them hold is their frame and does
    not count; an option sharing no part with any other is no part of the build. Four options
    must remain, two of the key's parts vary, and three distractors differ from the key in one
    part each. Then the key gives itself away when it alone shares a part with every other
    option, or shares more parts with the others (over every pair) than any distractor by a
    margin (with three parts, every option shares one with every other)."""
    key_parts = option_parts(key)
    if len(key_parts) < 2:
        return None
    shapes = list(dict.fromkeys(option_parts(c) for c in choices))  # a repeated option once
    built = [parts for parts in shapes if len(parts) == len(key_parts)]
    if len(built) < CONVERGENCE_OPTIONS or len(built) < len(shapes) - 1:
        return None
    frame = frozenset.intersection(*built)
    varying = [parts - frame for parts in built]
    varying = [p for p in varying if any(p & other for other in varying if other is not p)]
    key_varying = key_parts - frame
    if len(varying) < CONVERGENCE_OPTIONS or key_varying not in varying or len(key_varying) < 2:
        return None  # one part varies: an ordinary list in a common frame ("…, in Moscow")
    if sum(1 for parts in varying if len(key_varying - parts) == 1) < 3:
        return None
    others = [parts for parts in varying if parts != key_varying]
    shared = [
        sum(len(parts & other) for other in varying if other is not parts) for parts in others
    ]
    key_shared = sum(len(key_varying & other) for other in others)
    if key_shared <= max(shared):
        return None
    alone_with_all = all(key_varying & other for other in others) and all(
        any(not parts & other for other in varying if other is not parts) for parts in others
    )
    if alone_with_all:
        return "shares a part with every other option"
    if key_shared >= max(shared) + CONVERGENCE_MARGIN:
        return (
            f"shares {key_shared} parts with the other options (no distractor more than "
            f"{max(shared)})"
        )
    return None


@question_rule(
    "Q110",
    "options-converge-on-key",
    "options built of parts converge on the key: each distractor changes one part of it "
    '("Putin, in Moscow", "Putin, in Tehran", "Lavrov, in Moscow")',
    (WITH_OPTIONS[0],),
)
def options_converge_on_key(item: Item) -> Iterator[Hit]:
    if len(item.keys) != 1:
        return
    key = item.keys[0]
    why = convergent_key(item.question.choices, key)
    if why is not None:
        yield Hit(
            "answer",
            f"the key '{key}' {why}: the distractors were made by changing one part of it, so a "
            "test-wise student picks the option whose parts recur; make the options differ from "
            "one another as much as from the key, or ask for one part at a time",
            key,
        )
