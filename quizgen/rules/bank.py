"""Q5xx: across the questions of a set.

A bank is read as a whole: a distractor offered again and again is learnt as "never right", and a
question whose text holds another question's answer gives it away when both are on one sheet
(Haladyna, Downing & Rodriguez 2002, guideline 5: keep items independent of one another).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from ..models import QuestionType
from .context import Bank, Item
from .locate import item_location
from .registry import WITH_OPTIONS, BankHit, bank_rule
from .text import (
    STOPWORDS,
    contains_phrase,
    content_stems,
    folded,
    is_name,
    option_key,
    stem,
    surname,
    words,
)

REPEATED_SHARE = 0.10
REPEATED_MIN = 5


@bank_rule(
    "Q501",
    "repeated-distractor",
    "one distractor is offered in more than 10 % (and at least 5) of the questions with options",
)
def repeated_distractor(bank: Bank) -> Iterator[BankHit]:
    with_options = [item for item in bank.items if item.type in WITH_OPTIONS]
    offered: dict[str, list[tuple[Item, str]]] = defaultdict(list)
    for item in with_options:
        if "Q501" in item.located.spec.allow:
            continue  # a question that allows it does not count
        for option in item.distractors:
            offered[option_key(option)].append((item, option))
    limit = max(REPEATED_MIN, REPEATED_SHARE * len(with_options))
    for uses in offered.values():
        if len(uses) < limit:
            continue
        item, option = uses[0]
        owners = tuple({id(i.located): i.located for i, _ in uses}.values())
        where = ", ".join(f"'{i.question.id}'" for i, _ in uses[:3])
        more = f" and {len(uses) - 3} more" if len(uses) > 3 else ""
        yield BankHit(
            item_location(item, "distractors", option),
            f"distractor '{option}' is offered in {len(uses)} of the {len(with_options)} "
            f"questions with options ({where}{more}): students learn that it is never right; "
            "vary the distractors",
            owners,
        )


# --------------------------------------------------------------------------- give-aways

COMMON_SHARE = 0.10
COMMON_MIN = 5
COMMON_MAX = 50
"""A key shown by more than 10 % of the bank's questions (and more than 5 of them), or by more than
50, is part of the bank's subject ("Iran" in a bank about Iran): seeing it in one more question
tells nothing. The cap of 50 also keeps the check linear: each key is compared with at most 50
questions, whatever the size of the bank."""


def _shown(item: Item) -> str:
    """What a question states as true: its prompt, with its correct options when it has options
    (or all of them, for matching and ordering, whose options are all true). An answer offered
    as a wrong option elsewhere gives nothing away."""
    question = item.question
    shown = question.answers if item.type in WITH_OPTIONS else question.choices
    return folded(" | ".join((question.prompt, *shown)))


@dataclass(frozen=True)
class _Key:
    """One answer of a question, as the phrases that reveal it."""

    text: str
    phrases: tuple[str, ...]
    """Phrases that reveal the key where they stand as whole words: the key, a name's surname."""
    scattered: tuple[str, ...] = ()
    """Words that reveal it wherever each of them stands (an answer without distractors)."""


def _keys(item: Item) -> list[_Key]:
    question = item.question
    if item.type in WITH_OPTIONS:
        answers = list(question.answers)
    elif item.type is QuestionType.SHORT_ANSWER:
        answers = list(question.answers[:1])
    elif item.type is QuestionType.CLOZE:
        answers = list(question.answers)
    else:
        return []
    keys = []
    for answer in answers:
        phrases = [option_key(answer)]
        family = surname(answer) if is_name(answer) else None
        if family and len(family) > 2 and family.casefold() not in STOPWORDS:
            phrases.append(option_key(family))
        scattered: tuple[str, ...] = ()
        if item.type not in WITH_OPTIONS:
            # no distractors: its distinctive words reveal it too ("a turning point")
            own = set(words(question.prompt))
            distinctive = [
                w for w in words(answer) if w not in STOPWORDS and w not in own and len(w) > 2
            ]
            if len(distinctive) > 1 or (distinctive and len(words(answer)) > 1):
                scattered = tuple(dict.fromkeys(distinctive))
        keys.append(_Key(answer, tuple(p for p in dict.fromkeys(phrases) if p), scattered))
    return keys


class _Index:
    """Which questions show each word: candidates for holding a phrase are looked up, never
    scanned (50,000 questions are 50,000 look-ups, not 2.5 billion comparisons). The words and
    stems of a question are worked out again when it is a candidate: keeping them for every
    question would cost more than the few candidates need."""

    def __init__(self, items: list[Item]):
        self.shown = [_shown(item) for item in items]
        postings: dict[str, list[int]] = defaultdict(list)
        for index, text in enumerate(self.shown):
            for word in set(words(text)):
                postings[word].append(index)
        self.postings = postings
        self._stems: dict[int, frozenset[str]] = {}
        self.common = min(max(COMMON_MIN, COMMON_SHARE * len(items)), COMMON_MAX)

    def words(self, index: int) -> frozenset[str]:
        return frozenset(words(self.shown[index]))

    def stems(self, index: int) -> frozenset[str]:
        found = self._stems.get(index)
        if found is None:  # a question is a candidate for several keys: its stems are kept
            found = self._stems[index] = content_stems(self.shown[index])
        return found

    def holding(self, phrase: str) -> list[int] | None:
        """The questions that show every word of the phrase (None when it is too common)."""
        tokens = sorted(set(words(phrase)), key=lambda w: len(self.postings.get(w, ())))
        if not tokens:
            return []
        first = self.postings.get(tokens[0], [])
        if len(first) > self.common:
            return None
        if len(tokens) == 1:
            return first
        found = set(first).intersection(self.postings.get(tokens[1], ()))
        return sorted(found)


@bank_rule(
    "Q502",
    "answer-given-away",
    "one question shows another's answer (and none of its distractors), on the same topic",
)
def answer_given_away(bank: Bank) -> Iterator[BankHit]:
    yield from giveaways(bank)


def giveaways(bank: Bank, where: str = "") -> Iterator[BankHit]:
    """Every pair (A, B) where B shows A's answer: A's key (or, for a name, the surname; for an
    answer without distractors, its distinctive words) is in B's prompt or options, none of A's
    distractors is, and B shares a distinctive word of A's stem (the same fact, not a name seen
    in passing)."""
    items = bank.items
    index = _Index(items)
    for a_index, a in enumerate(items):
        keys = _keys(a)
        if not keys:
            continue
        distractors = [option_key(d) for d in a.distractors]
        context = a.subject_stems
        if not context:
            continue
        for key in keys:
            hit = _revealing(a_index, key, distractors, context, index)
            if hit is None:
                continue
            b_index, phrase = hit
            b = items[b_index]
            shown = key.text if phrase == option_key(key.text) else _part(key.text, phrase)
            yield BankHit(
                item_location(b, "prompt", None),
                f"{b.label()} gives away the answer of {a.label()}"
                f"{where}: it shows '{shown}'"
                + (", and none of its distractors" if distractors else "")
                + "; reword one of them, or keep them on different sheets",
                (a.located, b.located),
            )
            break


def _part(text: str, phrase: str) -> str:
    """How the message names the part of an answer that was found: "'Putin' of 'Vladimir
    V. Putin'"."""
    start = text.casefold().find(phrase)
    part = text[start : start + len(phrase)] if start >= 0 else phrase
    return f"{part}' of '{text}"


NEAR = 6
"""With a single word of A's subject in common, B must have it within 6 words of A's key ("where
did Pezeshkian and Putin sign": yes; "in which building did the two presidents sign the treaty?
the Kremlin": no)."""


def _near(shown: str, phrase: str, word_stem: str) -> bool:
    found = words(shown)
    targets = set(words(phrase))
    at_key = [i for i, w in enumerate(found) if w in targets]
    at_stem = [i for i, w in enumerate(found) if stem(w) == word_stem]
    return any(abs(i - j) <= NEAR for i in at_key for j in at_stem)


def _weak(phrase: str) -> bool:
    """A phrase seen in many texts by chance: one word, not a name, not a year ("two", "trade")."""
    found = words(phrase)
    if len(found) != 1:
        return False
    word = found[0]
    return not (word.isdigit() and len(word) >= 3) and phrase == phrase.casefold()


def _revealing(
    a_index: int, key: _Key, distractors: list[str], context: frozenset[str], index: _Index
) -> tuple[int, str] | None:
    """The first question that reveals the key, and the phrase it shows."""
    searches = [(phrase, True) for phrase in key.phrases]
    if key.scattered:
        searches.append((" ".join(key.scattered), False))
    for phrase, whole in searches:
        candidates = index.holding(phrase)
        if not candidates:
            continue
        # a weak phrase must come with more of the subject: two words of A's stem, not one
        needed = 2 if _weak(key.text) else 1
        for b_index in candidates:  # the cheap tests first
            if b_index == a_index:
                continue
            shown = index.shown[b_index]
            if whole and not contains_phrase(shown, phrase):
                continue
            if any(contains_phrase(shown, d) for d in distractors):
                continue
            if not whole and not set(key.scattered) <= index.words(b_index):
                continue
            shared = context & index.stems(b_index)
            if len(shared) < needed:
                continue
            if len(shared) == 1 and not _near(shown, phrase, next(iter(shared))):
                continue  # one word in common, far from the key: a coincidence
            return b_index, phrase
    return None
