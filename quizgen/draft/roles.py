"""The role and affiliation the text gives a mention of a name: a title before it ("President
Masoud Pezeshkian of Iran"), a phrase beside it (", the Kremlin’s spokesman"; "Iran’s foreign
minister, Abbas Araghchi"), "as U.S. president" after it, or the regime it heads."""

from __future__ import annotations

from dataclasses import dataclass

from . import lexicon
from .lexicon import words
from .mentions import Mention
from .text import Document, Token

_DETERMINERS = words("a an the his her their its our my your this that")
_BOUNDARY_WORDS = words(
    """and or but by with from that according including said says wrote writes told tells added
    adds when while after before since as than like between among"""
)
_ROLE_STOP = frozenset(',.;:!?()[]—–“”"')
_POSSESSIVE = ("’s", "'s")
_VERBS = words("is are was were has have had will would can could should")
_LEADING_VERBS = words(
    "chairs chaired heads headed leads led runs ran directs directed manages managed founded "
    "owns owned represents represented coaches coached edits edited teaches taught"
)
_REGIME_NOUNS = words("regime government administration cabinet")
# Nouns that make the phrase beside a name an organisation's ("a London-based investment fund",
# "the local newspaper"): the lexicon's, and a few more.
ORGANISATION_HEADS = lexicon.ORGANISATION_NOUNS | words(
    "fund firm company agency newspaper broadcaster charity group maker manufacturer bank"
)


@dataclass
class Role:
    text: str  # the role as the draft gives it ("the Kremlin’s spokesman")
    evidence: tuple[int, int]  # the passage: name and role together
    affiliation: str | None = None
    relative: bool = False  # "who chairs the committee": a role only with a title before it
    head: str = ""  # the noun a role phrase before the name ends with ("newspaper")


def _affiliation(tokens: list[Token]) -> str | None:
    """The organisation or country a role names: "Iran’s ...", "... of Iran", "Russian ..."."""
    for index, token in enumerate(tokens):
        if token.text in _POSSESSIVE and index > 0 and tokens[index - 1].is_capitalised:
            begin = index - 1
            while begin > 0 and tokens[begin - 1].is_capitalised:
                begin -= 1
            if begin > 0 and tokens[begin - 1].text == "the":
                begin -= 1
            return " ".join(t.text for t in tokens[begin:index])
    for index, token in enumerate(tokens):
        if token.text in ("of", "at", "with", "for") and index + 1 < len(tokens):
            rest = tokens[index + 1 :]
            begin = 1 if rest and rest[0].text == "the" else 0
            end = begin
            while end < len(rest) and (
                rest[end].is_capitalised
                or (rest[end].text in ("of", "for", "and") and end + 1 < len(rest))
            ):
                end += 1
            if (
                end < len(rest)
                and rest[end].is_word
                and not rest[end].is_capitalised
                and (rest[end].lower not in ("think", "tank", "news", "agency"))
            ):
                continue  # "of Middle Eastern affairs": an adjective, not a name
            if end > begin:
                words = [t.text for t in rest[:end]]
                while words and words[-1] in ("of", "for", "and"):
                    words.pop()
                if end < len(rest) and rest[end].text in ("think", "tank", "news", "agency"):
                    words += [t.text for t in rest[end:]]
                return " ".join(words)
    for token in tokens:
        if token.text in lexicon.DEMONYMS:
            return lexicon.DEMONYMS[token.text]
    return None


def _lower_determiner(text: str) -> str:
    """ "The club's owner" -> "the club's owner" (a role is read inside a sentence)."""
    first, _, rest = text.partition(" ")
    if rest and first.casefold() in _DETERMINERS:
        return first.casefold() + " " + rest
    return text


def _role_words(tokens: list[Token], nouns: frozenset[str] = lexicon.ROLE_NOUNS) -> bool:
    if nouns is lexicon.ROLE_NOUNS:
        return any(lexicon.is_role_noun(t.text) and not t.is_capitalised for t in tokens)
    return any(t.lower in nouns and not t.is_capitalised for t in tokens)


class RoleFinder:
    """Every role the text gives one mention of a name, each rule a method."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.tokens = document.tokens
        self.text = document.text

    def span(self, first: Token, last: Token) -> str:
        return self.text[first.start : last.end]

    def after(self, mention: Mention, nouns: frozenset[str] = lexicon.ROLE_NOUNS) -> Role | None:
        """ ", the Kremlin’s spokesman," after the name; ", 42, a nurse"; ", who is the ...";
        with ``nouns`` the organisation nouns: ", an Iranian news agency"."""
        tokens, i = self.tokens, self.document.token_index(mention.end)
        if i >= len(tokens) or tokens[i].text != ",":
            return None
        sentence = self.document.sentence_at(mention.start)
        j = i + 1
        if j < len(tokens) and tokens[j].text.isdigit():  # an age: "Ana Ruiz, 34, a nurse"
            j += 1
            if j < len(tokens) and tokens[j].text == ",":
                j += 1
        relative = False
        if j + 1 < len(tokens) and tokens[j].text == "who":
            if tokens[j + 1].text in ("is", "was", "has"):
                j += 2
                if j < len(tokens) and tokens[j].text == "been":
                    j += 1
            elif tokens[j + 1].lower in _LEADING_VERBS:
                relative = True  # "who chairs the transport committee"
        begin = j
        while (
            j < len(tokens) and tokens[j].end <= sentence.end and tokens[j].text not in _ROLE_STOP
        ):
            j += 1
        phrase = tokens[begin:j]
        if not phrase or len(phrase) > 25:
            return None
        if relative:
            return Role(
                self.span(phrase[0], phrase[-1]),
                (mention.text_start, phrase[-1].end),
                _affiliation(phrase),
                relative=True,
            )
        head = phrase[0]
        starts_well = (
            head.lower in _DETERMINERS
            or (len(phrase) > 1 and phrase[1].text in _POSSESSIVE)
            or (
                head.lower in nouns
                if nouns is not lexicon.ROLE_NOUNS
                else lexicon.is_role_noun(head.text)
            )
            or (head.text in lexicon.DEMONYMS and _role_words(phrase[:4], nouns))
        )
        # "a hospital cleaner": a short phrase ending in a noun of someone who does something
        doer = (
            nouns is lexicon.ROLE_NOUNS
            and head.lower in ("a", "an")
            and len(phrase) <= 6
            and phrase[-1].lower.endswith(("er", "or"))
            and not phrase[-1].is_capitalised
            and phrase[-1].lower not in ORGANISATION_HEADS
        )
        if not starts_well or not (doer or _role_words(phrase, nouns)):
            return None
        if any(t.lower in lexicon.SPEECH_VERBS for t in phrase[:2]):
            return None
        if any(t.lower in _VERBS for t in phrase[:3]):
            return None  # ", the organization is based on ...": a clause, not an appositive
        return Role(
            _lower_determiner(self.span(phrase[0], phrase[-1])),
            (mention.text_start, phrase[-1].end),
            _affiliation(phrase),
        )

    def before(self, mention: Mention) -> Role | None:
        """ "Iran’s foreign minister, Abbas Araghchi"; "the engineer Luigi Menabrea"."""
        tokens, i = self.tokens, self.document.token_index(mention.text_start) - 1
        if i < 0:
            return None
        sentence = self.document.sentence_at(mention.start)
        if i > 0 and tokens[i].lower == "the" and tokens[i - 1].text == ",":
            i -= 1  # "The local newspaper, the Larchmont Echo"
        comma = tokens[i].text == ","
        if comma:
            # the appositive must close after the name (", Abbas Araghchi," or the sentence end)
            k = self.document.token_index(mention.end)
            if (
                k < len(tokens)
                and tokens[k].text not in (",", ".", ";")
                and tokens[k].end <= sentence.end
            ):
                return None
            i -= 1
        end = i
        while (
            i >= 0
            and tokens[i].start >= sentence.start
            and tokens[i].text not in _ROLE_STOP
            and tokens[i].lower not in _BOUNDARY_WORDS
            and tokens[i].lower not in lexicon.SPEECH_VERBS
            and (
                comma
                or not tokens[i].is_capitalised
                or tokens[i].lower in _DETERMINERS
                or tokens[i + 1].text in _POSSESSIVE
            )
        ):
            i -= 1
            if not comma and tokens[i + 1].lower in _DETERMINERS:
                break
        phrase = tokens[i + 1 : end + 1]
        if not phrase or len(phrase) > 12 or end < 0:
            return None
        if comma and [t.lower for t in phrase] == ["one", "of", "them"]:
            return self.one_of_them(phrase, mention)
        if comma:
            if not _role_words(phrase):
                if (
                    tokens[end].lower in ORGANISATION_HEADS
                    and phrase[0].lower in _DETERMINERS
                    and len(phrase) <= 5
                ):
                    # "The local newspaper, the Larchmont Echo": kept to tell it is no person
                    text = _lower_determiner(self.span(phrase[0], phrase[-1]))
                    return Role(text, (phrase[0].start, mention.end), head=tokens[end].lower)
                return None
        elif not lexicon.is_role_noun(tokens[end].text) or not (
            phrase[0].lower in _DETERMINERS or (len(phrase) > 1 and phrase[1].text in _POSSESSIVE)
        ):
            return None
        text = _lower_determiner(self.span(phrase[0], phrase[-1]))
        head = next((t.lower for t in phrase if lexicon.is_role_noun(t.text)), tokens[end].lower)
        return Role(text, (phrase[0].start, mention.end), _affiliation(phrase), head=head)

    def one_of_them(self, phrase: list[Token], mention: Mention) -> Role | None:
        """ "Farmers agreed ... One of them, Robert Hale, ...": one of the farmers."""
        sentences = self.document.sentences
        here = sentences.index(self.document.sentence_at(phrase[0].start))
        if here == 0:
            return None
        before = sentences[here - 1]
        for token in reversed(self.document.tokens_in(before.start, before.end)):
            word = token.lower
            if (token.is_capitalised and token.start != before.start) or not word.endswith("s"):
                continue
            if word in lexicon.GROUP_NOUNS or lexicon.is_role_noun(word[:-1]):
                text = f"one of the {word}"
                return Role(text, (phrase[0].start, mention.end), head=word[:-1])
        return None

    def title(self, mention: Mention) -> Role | None:
        """ "President Masoud Pezeshkian of Iran": the title, and "of ..." after the name."""
        title = [t for t in mention.title if t.text not in lexicon.HONORIFICS]
        if not title or not any(t.text in lexicon.TITLE_HEADS for t in title):
            return None
        text = "the " + self.span(title[0], title[-1])  # "Who is the Mayor?"
        end = mention.end
        tokens, k = self.tokens, self.document.token_index(mention.end)
        affiliation = _affiliation(list(title))
        if k + 1 < len(tokens) and tokens[k].text == "of" and tokens[k + 1].is_capitalised:
            last = k + 1
            while last + 1 < len(tokens) and tokens[last + 1].is_capitalised:
                last += 1
            place = self.span(tokens[k + 1], tokens[last])
            text, end, affiliation = f"{text} of {place}", tokens[last].end, place
        return Role(text, (title[0].start, end), affiliation)

    def as_role(self, mention: Mention) -> Role | None:
        """ "the return of Mr. Trump as U.S. president"."""
        tokens, k = self.tokens, self.document.token_index(mention.end)
        if k >= len(tokens) or tokens[k].text != "as":
            return None
        for last in range(k + 1, min(k + 6, len(tokens))):
            if tokens[last].text in _ROLE_STOP:
                return None
            if lexicon.is_role_noun(tokens[last].text):
                phrase = tokens[k + 1 : last + 1]
                return Role(
                    self.span(phrase[0], phrase[-1]),
                    (mention.text_start, phrase[-1].end),
                    _affiliation(phrase),
                )
        return None

    def regime(self, mention: Mention) -> Role | None:
        """ "Bashar al-Assad’s regime in Syria": the head of that regime."""
        tokens, k = self.tokens, self.document.token_index(mention.end)
        if k + 1 >= len(tokens) or tokens[k].text not in _POSSESSIVE:
            return None
        if tokens[k + 1].lower not in _REGIME_NOUNS:
            return None
        last = k + 1
        if (
            k + 3 < len(tokens)
            and tokens[k + 2].text in ("in", "of")
            and tokens[k + 3].is_capitalised
        ):
            last = k + 3
        rest = self.span(tokens[k + 1], tokens[last])
        place = tokens[last].text if last > k + 1 else None
        return Role(f"head of the {rest}", (mention.text_start, tokens[last].end), place)

    def roles(self, mention: Mention) -> list[Role]:
        found = []
        for rule in (self.title, self.after, self.before, self.as_role, self.regime):
            role = rule(mention)
            if role is not None:
                found.append(role)
        relative = next((r for r in found if r.relative), None)
        if relative is not None:
            found.remove(relative)
            title = self.title(mention)
            if title is None:
                # "Priya Raman, who owns the Lantern Bookshop"
                found.insert(
                    0,
                    Role(f"the person {relative.text}", relative.evidence, relative.affiliation),
                )
            elif found and found[0].text == title.text:
                # "Councillor Maria Lind, who chairs the transport committee"
                found[0] = Role(
                    f"{title.text} {relative.text}",
                    (title.evidence[0], relative.evidence[1]),
                    title.affiliation or relative.affiliation,
                )
        return found
