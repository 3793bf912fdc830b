"""A template applied to the records of its table: its texts and expressions compiled once, then
a question per record (or one problem line per distinct mistake), distractors drawn from a pool
built once per set."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from collections.abc import Set as AbstractSet
from typing import Any

from jinja2 import TemplateSyntaxError

from .authoring import chosen_evidence, same_kind
from .errors import Location, Problems
from .images import Images
from .models import Located, Question, QuizSet, Record, Table
from .questiontypes import (
    REVERSIBLE,
    Draft,
    QuestionProblem,
    assemble,
    needs_rng,
    normalise,
    question_rng,
    question_tags,
    random_order,
    reverse_message,
    unique_texts,
)
from .recordviews import FactIndex, RecordView
from .specs import DistractorSpec, TemplateSpec
from .templating import compile_expression, compile_text, describe_error

_NOTHING: frozenset[Any] = frozenset()


Pool = tuple[list[tuple[str, Any]], list[str]]
"""Distractor candidates as (text, what ``candidate`` is in ``where``), and ``normalise`` of each
text."""


class CompiledTemplate:
    """A template spec compiled once and applied to each record of its table.

    ``pools`` is shared by the templates of one set: a pool drawn ``from`` the same table and
    field is built once (it is only read afterwards).
    """

    def __init__(
        self,
        item: Located,
        index: FactIndex,
        problems: Problems,
        pools: dict[str, Pool] | None = None,
    ):
        spec = item.spec
        assert isinstance(spec, TemplateSpec)
        self.item, self.spec, self.index = item, spec, index
        self.ok = True
        self.where = self._expression(spec.where, "where", problems)
        self.prompt = self._text(spec.prompt, "prompt", problems)
        self.answer = self._text(spec.answer, "answer", problems)
        self.explanation = self._text(spec.explanation, "explanation", problems)
        self.image = self._text(spec.image, "image", problems)
        self.accept = self._list(spec.accept or None, "accept", problems)
        self.evidence = self._expression(spec.evidence, "evidence", problems)
        self.answers = self._list(spec.answers, "answers", problems)
        self.items = self._list(spec.items, "items", problems)
        self.pairs = self._expression(spec.pairs, "pairs", problems)
        self.pool: list[tuple[str, Any]] = []
        self.record_problems: dict[tuple[str, str], list[str]] = {}
        self.pool_keys: list[str] = []
        self.pool_where: Callable[[dict[str, Any]], Any] | None = None
        self.exclude: Callable[[dict[str, Any]], Any] | None = None
        if spec.distractors is not None:
            self._prepare_pool(spec.distractors, problems, {} if pools is None else pools)
        if spec.reverse and spec.type not in REVERSIBLE:
            self._fail("reverse", reverse_message(spec.type), problems)

    # -- compiling, with errors at the key's line

    def _fail(self, key: str, message: str, problems: Problems, offset: int = 0) -> None:
        self.ok = False
        where = self.item.where(key)
        if where.line is not None and offset:
            where = Location(where.file, where.line + offset)
        problems.add(where, f"template '{self.spec.id}': {key}: {message}")

    def _text(
        self, source: str | None, key: str, problems: Problems
    ) -> Callable[[dict[str, Any]], str] | None:
        if source is None:
            return None
        try:
            return compile_text(source)
        except TemplateSyntaxError as error:
            self._fail(
                key,
                f"template syntax error: {describe_error(error)}",
                problems,
                max(error.lineno - 1, 0),
            )
            return None

    def _expression(
        self, source: str | None, key: str, problems: Problems
    ) -> Callable[[dict[str, Any]], Any] | None:
        if source is None:
            return None
        try:
            return compile_expression(source)
        except TemplateSyntaxError as error:
            self._fail(key, f"expression syntax error: {describe_error(error)}", problems)
            return None

    def _list(
        self, source: str | list[str] | None, key: str, problems: Problems
    ) -> Callable[[dict[str, Any]], list[str]] | None:
        if source is None:
            return None
        if isinstance(source, str):
            expression = self._expression(source, key, problems)
            if expression is None:
                return None
            expr = expression

            def from_expression(names: dict[str, Any]) -> list[str]:
                value = expr(names)
                if isinstance(value, (str, bytes)) or not hasattr(value, "__iter__"):
                    raise QuestionProblem(key, "the expression must give a list")
                return [str(v) for v in value]

            return from_expression
        parts = [self._text(s, key, problems) for s in source]

        def from_templates(names: dict[str, Any]) -> list[str]:
            return [p(names) for p in parts if p is not None]

        return from_templates

    def _prepare_pool(
        self, spec: DistractorSpec, problems: Problems, pools: dict[str, Pool]
    ) -> None:
        if spec.values is not None:
            self.pool = [(v, v) for v in unique_texts(list(spec.values))]
            self.pool_keys = [normalise(text) for text, _ in self.pool]  # once, not per question
        elif spec.from_ is not None:
            table_name, field = spec.from_.rsplit(".", 1)
            table = self.index.tables.get(table_name)
            if table is None:
                self._fail(
                    "distractors", f"unknown table '{table_name}' in '{spec.from_}'", problems
                )
                return
            if spec.from_ not in pools:
                pools[spec.from_] = self._pool_from(table, field)
            self.pool, self.pool_keys = pools[spec.from_]
            if not self.pool:
                self._fail(
                    "distractors",
                    f"no record of table '{table_name}' has a field '{field}'",
                    problems,
                )
        else:
            self._fail("distractors", "give 'from: table.field' or 'values: [...]'", problems)
        if spec.same and spec.values is not None:
            self._fail("distractors", "same: needs 'from' (a fixed list has no records)", problems)
        if spec.where is not None:
            self.pool_where = self._expression(spec.where, "distractors", problems)
        if spec.exclude is not None:
            self.exclude = self._expression(spec.exclude, "distractors", problems)

    def _pool_from(self, table: Table, field: str) -> Pool:
        """Each distinct value of the field (a list field gives each of its items), first come
        first kept, with the view of the record it comes from."""
        pool: list[tuple[str, Any]] = []
        keys: list[str] = []
        seen: set[str] = set()
        for record in table.records:
            view = self.index.view(record)
            if field not in view:
                continue
            value = view[field]
            for one in value if isinstance(value, list) else [value]:
                text = str(one).strip()
                key = normalise(text)
                if text and key not in seen:
                    seen.add(key)
                    pool.append((text, view))
                    keys.append(key)
        return pool, keys

    # -- applying to records

    def questions(
        self, quiz_set: QuizSet, seed: int, problems: Problems, images: Images | None = None
    ) -> Iterator[Question]:
        if not self.ok:
            return
        table = self.index.tables[self.spec.table]
        self.record_problems = {}
        made = _Made(self.spec, quiz_set, seed, images or Images(quiz_set.folder))
        context, where = self.index.context, self.where
        for record in table.records:
            names = context(record)
            try:
                if where is not None and not where(names):
                    continue
            except Exception as error:
                self._record_problem(record, "where", describe_error(error, names))
                continue
            question = self._question(record, names, made)
            if question is not None:
                yield question
        self._report_record_problems(problems)

    def _record_problem(self, record: Record, key: str, message: str) -> None:
        self.record_problems.setdefault((key, message), []).append(record.id)

    def _report_record_problems(self, problems: Problems) -> None:
        """One line per distinct problem: a typo in a template fails on every record alike."""
        for (key, message), ids in self.record_problems.items():
            shown = ", ".join(f"'{i}'" for i in ids[:3])
            if len(ids) > 3:
                shown += f" and {len(ids) - 3} more"
            which = f"record {shown}" if len(ids) == 1 else f"records {shown}"
            problems.add(
                self.item.where(key), f"template '{self.spec.id}', {which}: {key}: {message}"
            )

    def _question(self, record: Record, names: dict[str, Any], made: _Made) -> Question | None:
        spec = self.spec
        qid = f"{spec.id}/{record.id}"
        rng = question_rng(made.seed, made.set_name, qid) if made.needs_rng else None
        key = "prompt"
        try:
            assert self.prompt is not None
            draft = Draft(id=qid, type=spec.type, prompt=self.prompt(names))
            key = "answer"
            draft.answer = self.answer(names) if self.answer else None
            key = "accept"
            draft.accept = self.accept(names) if self.accept else []
            key = "answers"
            draft.answers = self.answers(names) if self.answers else None
            key = "items"
            draft.items = self.items(names) if self.items else None
            key = "pairs"
            draft.pairs = _pairs(self.pairs(names)) if self.pairs else None
            key = "distractors"
            if spec.distractors is not None:
                assert rng is not None
                draft.distractors, draft.distractor_keys = self._draw(
                    spec.distractors, draft, names, rng
                )
            fields = assemble(draft, rng)
            key = "explanation"
            explanation = self.explanation(names) if self.explanation else ""
            key = "image"
            image_name = self.image(names) if self.image else None
            image = made.images.path(image_name) if image_name else None
            key = "evidence"
            evidence = self._evidence(record, names)
        except QuestionProblem as problem:
            self._record_problem(record, problem.key, problem.message)
            return None
        except Exception as error:
            self._record_problem(record, key, describe_error(error, names))
            return None
        return made.question(
            fields,
            {
                "id": qid,
                "explanation": explanation,
                "evidence": evidence,
                "image": image,
                "record": record.id,
                "location": record.location,
            },
        )

    def _evidence(self, record: Record, names: dict[str, Any]) -> tuple[str, ...]:
        """The passages the question cites: the record's, or those the template's ``evidence``
        expression chooses among them."""
        if self.evidence is None:
            return record.evidence
        return chosen_evidence(self.evidence(names), record.evidence)

    def _draw(
        self, spec: DistractorSpec, draft: Draft, names: dict[str, Any], rng: random.Random
    ) -> tuple[list[str], list[str]]:
        """``spec.count`` distractors and ``normalise`` of each, drawn in random order from the
        pool, skipping the correct answers, what ``exclude`` names, and what fails ``where``."""
        correct = {normalise(a) for a in draft.answers} if draft.answers else set()
        if draft.answer:
            correct.add(normalise(draft.answer))
        excluded_texts, excluded_records = self._excluded(names)
        pool, pool_keys = self.pool, self.pool_keys
        if spec.values is not None and excluded_texts:
            # a fixed list is the teacher's own choice: an excluded value in it is a mistake
            for (text, _), key in zip(pool, pool_keys, strict=True):
                if key in excluded_texts and key not in correct:
                    raise QuestionProblem(
                        "distractors",
                        f"distractor '{text}' is also a correct answer (it is in 'exclude')",
                    )
        where = self.pool_where
        # one copy of the names per question, not per candidate: only "candidate" changes (and a
        # compiled expression reads the names without keeping or changing the dict)
        where_names = dict(names) if where is not None else names
        chosen: list[str] = []
        chosen_keys: list[str] = []
        for index in random_order(rng, len(pool)):
            key = pool_keys[index]
            if key in correct or key in excluded_texts:
                continue
            text, candidate = pool[index]
            if excluded_records and candidate in excluded_records:
                continue
            if spec.same and not same_kind(spec.same, names, candidate):
                continue
            if where is not None:
                where_names["candidate"] = candidate
                if not where(where_names):
                    continue
            chosen.append(text)
            chosen_keys.append(key)
            if len(chosen) == spec.count:
                return chosen, chosen_keys
        source = spec.from_ or "values"
        raise QuestionProblem(
            "distractors",
            f"too few distractors: needs {spec.count}, "
            f"{source} offers {len(chosen)} that are not a correct answer",
        )

    def _excluded(self, names: dict[str, Any]) -> tuple[AbstractSet[str], AbstractSet[RecordView]]:
        """The texts and records ``exclude`` names for this record: right answers too, so never
        distractors. A record counts as its display text and as itself (so excluding a person
        also excludes that person's role when the pool is ``people.role``). The records are
        their views: the set's FactIndex makes one view per record, so a view is its record."""
        if self.exclude is None:
            return _NOTHING, _NOTHING
        value = self.exclude({**names, "facts": self.index.fact_lists()})
        if value is None:
            return _NOTHING, _NOTHING
        values = [value] if isinstance(value, (str, RecordView)) else list(value)
        texts = {normalise(str(v)) for v in values}
        records = {v for v in values if isinstance(v, RecordView)}
        return texts, records


class _Made:
    """What every question of one template shares, worked out once per template."""

    def __init__(self, spec: TemplateSpec, quiz_set: QuizSet, seed: int, images: Images):
        self.seed = seed
        self.set_name = quiz_set.meta.name
        self.needs_rng = needs_rng(spec.type, spec.distractors is not None)
        self.images = images
        self.shared: dict[str, Any] = {
            "set": self.set_name,
            "type": spec.type,
            "tags": question_tags(quiz_set, spec.tags),
            "topic": spec.topic or "",
            "points": spec.points,
            "reverse": spec.reverse,
            "level": spec.level,
            "template": spec.id,
        }

    def question(self, fields: dict[str, Any], own: dict[str, Any]) -> Question:
        """The question of the type's ``fields`` (:func:`assemble`), the record's ``own`` fields
        and those every question of the template shares."""
        return Question(**self.shared, **fields, **own)


def _pairs(value: Any) -> list[tuple[str, str]]:
    pairs = []
    for pair in value:
        items = list(pair.items()) if isinstance(pair, dict) else [tuple(pair)]
        for item in items:
            if len(item) != 2:
                raise QuestionProblem("pairs", "each pair must have exactly two parts")
            pairs.append((str(item[0]), str(item[1])))
    return pairs
