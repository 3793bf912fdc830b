"""Running the rules over a set: findings at the line of the key that holds the flaw, silenced by
``allow``, and folded into one finding per template where every record shows the flaw."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from ..errors import Location
from ..models import Located, Question, Quiz, QuizSet
from ..select import Selection
from .catalogue import RULES
from .context import Bank, Item
from .locate import item_location
from .registry import BankHit, Finding, Hit, Rule


def check_set(quiz_set: QuizSet, quiz: Quiz, codes: Iterable[str] | None = None) -> list[Finding]:
    """Every finding of the rules (all, or those of ``codes``) on one set, by file and line."""
    rules = [RULES[c] for c in codes] if codes is not None else list(RULES.values())
    bank = Bank(quiz_set, quiz)
    found: list[Finding] = []
    for rule in rules:
        if rule.check_question is not None:
            found += _question_findings(rule, bank)
        if rule.check_bank is not None:
            found += _bank_findings(rule, rule.check_bank(bank))
    return sorted(found, key=_order)


def _order(finding: Finding) -> tuple[str, int, str]:
    location = finding.location or Location("")
    return (location.file, location.line or 0, finding.code)


def allows(located: Located, code: str) -> bool:
    return code in located.spec.allow


def _bank_findings(rule: Rule, hits: Iterable[BankHit]) -> list[Finding]:
    return [
        Finding(hit.location, hit.message, rule.code)
        for hit in hits
        if not any(allows(owner, rule.code) for owner in hit.owners)
    ]


def _question_findings(rule: Rule, bank: Bank) -> list[Finding]:
    check = rule.check_question
    assert check is not None
    per_owner: dict[str, list[tuple[Item, Hit]]] = defaultdict(list)
    made: dict[str, int] = defaultdict(int)  # questions each template or question made
    for item in bank.items:
        owner = item.located.spec.id
        made[owner] += 1
        if item.type not in rule.types or allows(item.located, rule.code):
            continue
        hit = next(iter(check(item)), None)  # one finding per rule and question
        if hit is not None:
            per_owner[owner].append((item, hit))
    found: list[Finding] = []
    for owner, hits in per_owner.items():
        first_item, first_hit = hits[0]
        if first_item.record is not None and len(hits) == made[owner] >= 2:
            located = first_item.located
            message = (
                f"template '{owner}', every record (e.g. '{first_item.record.id}'): "
                f"{first_hit.message}"
            )
            found.append(Finding(located.where(first_hit.key), message, rule.code))
            continue
        for item, hit in hits:
            found.append(
                Finding(
                    item_location(item, hit.key, hit.text),
                    f"{item.label()}: {hit.message}",
                    rule.code,
                )
            )
    return found


def check_sheet(quiz: Quiz, questions: Sequence[Question], where: str) -> list[Finding]:
    """The give-away rule over the questions of one printed sheet (a selection of the bank):
    each finding names the pair and, after the questions, ``where`` (" on the worksheet")."""
    from .bank import giveaways

    if quiz.source is None:  # pragma: no cover - build always keeps the loaded set
        return []
    bank = Bank(quiz.source, quiz, questions)
    return sorted(_bank_findings(RULES[GIVE_AWAY], giveaways(bank, where)), key=_order)


GIVE_AWAY = "Q502"
"""The rule ``build`` runs again over each printed selection (what one sheet shows)."""


def check_printed(quizzes: Sequence[Quiz], selection: Selection, versions: int) -> list[Finding]:
    """``build``: the give-away rule over the questions each set prints (``--count``, ``--tags``,
    ``--types`` choose them; the forms of ``--versions`` hold the same questions in other
    orders, so one check covers them all)."""
    from ..options import LETTERS
    from ..select import select

    if versions > 1:
        where = f" on printed forms A-{LETTERS[versions - 1]}"
    elif versions == 1:
        where = " on printed form A"
    else:
        where = " on the printed worksheet"
    found: list[Finding] = []
    for quiz in quizzes:
        questions = select(quiz, selection)
        if questions:
            found += check_sheet(quiz, questions, where)
    return found
