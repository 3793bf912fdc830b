"""Q2xx: the stem gives the key away, or reads the wrong way.

Haladyna, Downing & Rodriguez (2002), guidelines 17 (word the stem positively; emphasise a
negative), 31c-d (no clang associations, no grammatical inconsistencies); Moore et al. (2023):
negative stem, word repeats between stem and key, grammatical cues.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..models import QuestionType
from .context import Item
from .registry import WITH_OPTIONS, Hit, question_rule
from .text import STOPWORDS, has_digit, option_stems, takes_an, without_quotations, words

NEGATIVE = re.compile(
    r"(?<![\w*_])(not|never|except|cannot|neither|nor|none|no longer|\w+n[’']t)(?![\w*_])", re.I
)
_EMPHASIS = re.compile(r"^\W*$")


def _unemphasised_negative(text: str) -> str | None:
    """The first negative word of the text that is written in lower case (a negative written
    NOT, *not* or _not_ is emphasised: students will not miss it)."""
    for match in NEGATIVE.finditer(without_quotations(text)):
        word = match.group(1)
        if word.isupper() and len(word) > 1:
            continue
        if word.casefold() in ("nor", "neither") and "neither" not in text.casefold():
            continue  # "nor" without "neither" is part of a list, not a negative stem
        return word
    return None


_EXPLAINING = re.compile(r"^\s*(?:why|how come|for what reason)\b", re.I)


@question_rule(
    "Q201",
    "negative-stem",
    "the stem or statement is negative (not, except, never) and the negative is not emphasised",
    (*WITH_OPTIONS, QuestionType.SHORT_ANSWER, QuestionType.TRUE_FALSE),
)
def negative_stem(item: Item) -> Iterator[Hit]:
    prompt = item.prompt
    if item.type is not QuestionType.TRUE_FALSE and _EXPLAINING.match(prompt):
        return  # "Why did the treaty not include ...?" asks for a reason, not for the odd one out
    word = _unemphasised_negative(prompt)
    if word is not None:
        what = "statement" if item.type is QuestionType.TRUE_FALSE else "stem"
        yield Hit(
            "prompt",
            f"the {what} is negative ('{word}') and the negative is easy to miss: ask it "
            f"positively, or write it in capitals ({word.upper()})",
        )


@question_rule(
    "Q202",
    "stem-word-in-key",
    "a distinctive word of the stem is repeated in the key and in no distractor",
    WITH_OPTIONS,
)
def stem_word_in_key(item: Item) -> Iterator[Hit]:
    if not item.distractors:
        return
    in_distractors: set[str] = set()
    for option in item.distractors:
        in_distractors |= option_stems(option)
    shared = item.prompt_stems - in_distractors
    if not shared:
        return
    for key in item.keys:
        repeated = sorted(
            s for s in shared & option_stems(key) if not item.bank.common_in_prompts(s)
        )
        if repeated:
            word = _word_for(repeated[0], key)
            yield Hit(
                "answer" if len(item.keys) == 1 else "answers",
                f"the key '{key}' repeats '{word}' from the stem and no distractor does: "
                "students match the words, not the meaning",
                key,
            )
            return


def _word_for(word_stem: str, text: str) -> str:
    from .text import stem

    for word in words(text):
        if stem(word) == word_stem:
            return word
    return word_stem


_TRAILING = re.compile(r"[\s:…._\-–—]*$")
_ARTICLE_END = re.compile(r"(?:^|\s)(a|an)$", re.I)
_ARTICLE_BLANK = re.compile(r"(?:^|\s)(a|an)\s+_{3,}", re.I)


def _stem_article(prompt: str) -> str | None:
    match = _ARTICLE_BLANK.search(prompt) or _ARTICLE_END.search(_TRAILING.sub("", prompt))
    return match.group(1).casefold() if match else None


def _first_word(option: str) -> str:
    found = re.findall(r"[^\W_][\w’'-]*", option)
    return found[0] if found else ""


@question_rule(
    "Q203",
    "article-cue",
    'the stem ends in "a" or "an" and only some options fit it',
    (QuestionType.MULTIPLE_CHOICE,),
)
def article_cue(item: Item) -> Iterator[Hit]:
    article = _stem_article(item.prompt)
    if article is None or not item.distractors:
        return
    wants_an = article == "an"

    def fits(option: str) -> bool | None:
        vowel = takes_an(_first_word(option))
        return None if vowel is None else vowel == wants_an

    if fits(item.keys[0]) is False:
        return  # the key itself does not fit: a typo, which the teacher sees in the key
    misfits = [d for d in item.distractors if fits(d) is False]
    if misfits:
        yield Hit(
            "prompt",
            f"the stem ends in '{article}', which does not fit '{misfits[0]}': students rule "
            f"out {'that option' if len(misfits) == 1 else 'those options'}; move the article "
            "into the options",
            misfits[0],
        )


_VERB_END = re.compile(r"(?:^|\s)(is|was|are|were)$", re.I)
_SINGULAR_ENDINGS = ("ss", "us", "is", "ics", "'s", "’s")


def _plural(option: str) -> bool | None:
    """Whether an option reads as plural: a list ("Iran and Russia", "oil, gas") or a noun in
    -s; None for a number, a name or a word that could be either."""
    text = option.strip().rstrip(".")
    if has_digit(text) or not text:
        return None
    if re.search(r"\s(?:and|&)\s|,", text):
        return True
    last = text.split()[-1]
    if last[:1].isupper():
        return False  # a name is one thing: "Athens", "the United States" (is)
    low = last.casefold()
    if low in STOPWORDS:
        return None
    return low.endswith("s") and not low.endswith(_SINGULAR_ENDINGS)


@question_rule(
    "Q204",
    "number-cue",
    'the stem ends in "is" or "are" and only the key agrees with it',
    (QuestionType.MULTIPLE_CHOICE,),
)
def number_cue(item: Item) -> Iterator[Hit]:
    match = _VERB_END.search(_TRAILING.sub("", item.prompt))
    if match is None or len(item.distractors) < 2:
        return
    plural = match.group(1).casefold() in ("are", "were")
    if _plural(item.keys[0]) is not plural:
        return
    if all(_plural(d) is (not plural) for d in item.distractors):
        yield Hit(
            "prompt",
            f"the stem ends in '{match.group(1)}' and only the key is "
            f"{'plural' if plural else 'singular'}: students pick the option that agrees",
        )


_CLOZE_LIKE = re.compile(r"(?:\.\.\.|…|_{3,})\s*[?.]?\s*$|_{3,}")


@question_rule(
    "Q205",
    "short-answer-as-cloze",
    "a short answer whose prompt is a sentence to complete (ends in ... or holds a blank)",
    (QuestionType.SHORT_ANSWER,),
)
def short_answer_as_cloze(item: Item) -> Iterator[Hit]:
    if _CLOZE_LIKE.search(item.prompt.strip()):
        yield Hit(
            "prompt",
            "the prompt is a sentence to complete: write it as a cloze, with the blank "
            "where the answer goes",
        )
