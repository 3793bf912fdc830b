"""Reading question text the way the rules need it: words, their stems, names, numbers.

Everything here is small and deterministic. Stems come from the Snowball English stemmer
(``snowballstemmer``, which runs PyStemmer's C implementation of the same algorithm when it is
installed, as quizgen's dependencies make sure), cached per word: a bank repeats its vocabulary.
"""

from __future__ import annotations

import re
from functools import lru_cache

import snowballstemmer

_STEMMER = snowballstemmer.stemmer("english")

WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_POSSESSIVES = ("'s", "’s")
_DIGIT = re.compile(r"\d")
_STRAIGHT = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-"})
_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.I)
_EDGE_PUNCTUATION = re.compile(r"^[\W_]+|[\W_]+$")


def wordlist(text: str) -> frozenset[str]:
    """The words of a text, as a set: word lists written as plain text."""
    return frozenset(text.split())


STOPWORDS = wordlist(
    """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each either few for
    from further had has have having he her here hers herself him himself his how i if in into
    is it its itself just let me more most my myself neither no nor not of off on once one only
    or other our ours ourselves out over own same she should so some such than that the their
    theirs them themselves then there these they this those through to too under until up upon
    us very was we were what when where which while who whom whose why will with within without
    would yet you your yours yourself according article text passage says said say saying
    following true false question statement best correct answer describe described describes
    named name called call
    """
)
"""Function words, and the words of a question's frame ("according to the article, which of the
following ..."): neither tells anything about the content."""


def words(text: str) -> tuple[str, ...]:
    """The words of a text, case-folded, a possessive ``'s`` dropped ("Russia’s": russia)."""
    return tuple(w[:-2] if w.endswith(_POSSESSIVES) else w for w in WORD.findall(text.casefold()))


option_words = lru_cache(maxsize=1 << 16)(words)
""":func:`words` of an option or an answer, remembered: a bank repeats its options from question
to question (drawn from the same pools), while its prompts are seldom repeated (and remembering
them would only push the options out)."""


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    return str(_STEMMER.stemWord(word))


def content_stems(text: str) -> frozenset[str]:
    """The stems of the words that carry content: no function word, no one-letter word."""
    return frozenset(stem(w) for w in words(text) if w not in STOPWORDS and len(w) > 1)


option_stems = lru_cache(maxsize=1 << 16)(content_stems)
""":func:`content_stems` of an option or an answer, remembered (as :data:`option_words`)."""


def folded(text: str) -> str:
    """A text as :func:`option_key` compares it, not remembered (for long, unique texts)."""
    spaced = " ".join(text.translate(_STRAIGHT).casefold().split())
    return _ARTICLE.sub("", _EDGE_PUNCTUATION.sub("", spaced))


@lru_cache(maxsize=1 << 16)
def option_key(text: str) -> str:
    """An option as two options are compared: case, quotes, spacing, a leading article and the
    punctuation at either end ignored ("The Kremlin." = "kremlin")."""
    return folded(text)


_PART_BREAK = re.compile(r"\s*(?:[,;/&]|\b(?:and|in)\b)\s*")


@lru_cache(maxsize=1 << 16)
def option_parts(text: str) -> frozenset[str]:
    """The parts an option is built of: its pieces between commas, semicolons, slashes, "&",
    "and" and "in", each compared as :func:`folded` compares it ("Putin, in Moscow": putin,
    moscow; "in the old cabinet": old cabinet). Words inside a part are not parts: "Lake Chad"
    and "Lake Malawi" share no part."""
    pieces = (folded(piece) for piece in _PART_BREAK.split(option_key(text)))
    return frozenset(piece for piece in pieces if piece)


def contains_phrase(text: str, phrase: str) -> bool:
    """Whether ``phrase`` occurs in ``text`` as whole words (both already :func:`option_key`-ed or
    case-folded)."""
    if not phrase:
        return False
    start = text.find(phrase)
    while start >= 0:  # each occurrence, until one stands between word boundaries
        end = start + len(phrase)
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        if not (before.isalnum() or before == "_" or after.isalnum() or after == "_"):
            return True
        start = text.find(phrase, start + 1)
    return False


def has_digit(text: str) -> bool:
    return _DIGIT.search(text) is not None


_PARTICLES = wordlist(
    """
    de da del della der den di du la le van von bin ibn al el y dos das
    """
)
_INITIAL = re.compile(r"^[A-Z]\.(?:[A-Z]\.)*$")
_CAPITALISED = re.compile(r"^(?:[A-Z][\w’'.-]*|al-[A-Z][\w’'.-]*)$")


@lru_cache(maxsize=1 << 16)
def is_name(text: str) -> bool:
    """Whether an option is a proper name: one to five words, each capitalised (or an initial,
    or a particle such as "de", "van", "al-"), no digits; a leading "the" is allowed
    ("Vladimir V. Putin", "Iran", "the United Nations", "Abu Dhabi")."""
    parts = text.strip().rstrip(".").split()
    if parts and parts[0].casefold() == "the":
        parts = parts[1:]
    if not 1 <= len(parts) <= 5 or has_digit(text):
        return False
    if not _CAPITALISED.match(parts[0]):
        return False
    capitalised = 0
    for part in parts:
        if _INITIAL.match(part):
            continue
        if part.casefold() in _PARTICLES:
            continue
        if not _CAPITALISED.match(part):
            return False
        capitalised += 1
    return capitalised >= 1


def surname(name: str) -> str | None:
    """The last word of a person's name of two or more words ("Vladimir V. Putin" → "Putin"),
    or None when the name is one word."""
    parts = [p for p in name.strip().split() if not _INITIAL.match(p)]
    if len(parts) < 2 or parts[0].casefold() == "the":
        return None
    return parts[-1]


_AN_EXCEPTIONS = ("uni", "use", "usu", "uti", "eu", "ewe", "one", "once", "ufo", "ura", "uro")
_SILENT_H = ("hour", "honest", "honor", "honour", "heir")
_VOWEL_LETTER_NAMES = set("AEFHILMNORSX")  # letters whose name starts with a vowel sound: "an FBI"


def takes_an(word: str) -> bool | None:
    """Whether a word is read with "an" before it (a vowel sound); None if it cannot be told
    (a number, a symbol)."""
    if not word or not word[0].isalpha():
        return None
    if len(word) > 1 and word.isupper():  # an acronym: read letter by letter, or as a word
        first, rest = word[0], word[1:]
        if first in "AEIO":
            return True
        if first == "U":
            return None  # "a UN vote", "an UNRWA school": either can be heard
        if first in _VOWEL_LETTER_NAMES:
            # "an FBI agent" (letters), but "a NATO summit" would be "a" only if read as a word
            return None if any(c in "AEIOU" for c in rest) else True
        return False
    low = word.casefold()
    if low.startswith(_SILENT_H):
        return True
    if low.startswith(_AN_EXCEPTIONS):
        return False
    return low[0] in "aeiou"


QUOTED = re.compile(r"“[^“”]*”|\"[^\"]*\"")


def without_quotations(text: str) -> str:
    """The text with every quotation taken out: words inside quotes are the source's, not the
    question's ("Who said “we are not interested”?" has no negative stem)."""
    return QUOTED.sub(" ", text)
