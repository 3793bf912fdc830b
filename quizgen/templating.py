"""The template language: Jinja2 in its sandbox, with undefined names as errors.

Templates see a record's fields as names; a field declared in the table's ``refs`` resolves to the
referenced record (or a list of them), so ``{{ speaker.name }}`` works. A record printed as text
shows its ``name`` (else ``title``, else ``id``). What a template sees of the facts (the views of
records and tables) is :mod:`quizgen.recordviews`; this module is the Jinja environment and the
compiled templates and expressions.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, MutableMapping
from functools import cache, lru_cache
from typing import Any

from jinja2 import StrictUndefined, TemplateError, UndefinedError, pass_context
from jinja2.exceptions import SecurityError
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment

from .errors import did_you_mean
from .recordviews import DISPLAY_FIELDS, FactIndex, FactList, RecordView

__all__ = [  # the views are also imported from here
    "DISPLAY_FIELDS",
    "MAX_POWER_BITS",
    "MAX_TEXT",
    "FactIndex",
    "FactList",
    "RecordView",
    "compile_expression",
    "compile_text",
    "describe_error",
    "environment",
]

MAX_TEXT = 100_000
"""Most characters one template may produce, and the longest text ``*`` may build."""
MAX_POWER_BITS = 10_000
"""The largest number ``**`` may build, in bits."""


class _Undefined(StrictUndefined):
    """Undefined names are errors, with messages in the teacher's terms."""

    __slots__ = ()

    @property
    def _undefined_message(self) -> str:
        if self._undefined_exception is SecurityError:
            return (
                f"'{self._undefined_name}' is not allowed: templates run in a sandbox "
                "without access to Python internals"
            )
        owner = self._undefined_obj
        if isinstance(owner, RecordView):
            record = object.__getattribute__(owner, "_record")
            return (
                f"{record.table} '{record.id}' has no field '{self._undefined_name}'"
                f"{did_you_mean(str(self._undefined_name), record.fields)}"
            )
        return str(super()._undefined_message)


class _Sandbox(SandboxedEnvironment):
    """Jinja's sandbox, with the operators that can exhaust memory bounded.

    The sandbox already refuses Python internals and ranges over 100,000; ``'x' * 10**9`` and
    ``2 ** 10**10`` would still build huge values, so both operators check the size first.
    """

    intercepted_binops = frozenset(["*", "**"])

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            for sequence, times in ((left, right), (right, left)):
                sized = isinstance(sequence, (str, list, tuple)) and isinstance(times, int)
                if sized and len(sequence) * times > MAX_TEXT:
                    raise SecurityError(f"'*' would build more than {MAX_TEXT} characters")
        elif (
            isinstance(left, int)
            and isinstance(right, int)
            and abs(left) > 1
            and right * abs(left).bit_length() > MAX_POWER_BITS
        ):
            raise SecurityError(f"'**' would build a number over {MAX_POWER_BITS} bits")
        return super().call_binop(context, operator, left, right)

    def make_globals(self, d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
        """A template's globals as one plain dict, not Jinja's ``ChainMap`` over the
        environment's: Jinja copies them into every render's context, and iterating a
        ``ChainMap`` costs more than the rest of a short render. quizgen sets the globals once,
        before the first template is compiled, so a snapshot sees the same names."""
        return {**self.globals, **(d or {})}


REFUSED_FILTERS = ("random", "escape", "e", "forceescape", "safe", "urlize", "xmlattr")
"""Jinja filters templates may not use: ``random`` would make two builds differ, and the others
produce HTML, while quizgen escapes plain text itself for each output (docs/format.md)."""
REFUSED_GLOBALS = ("lipsum",)  # random text


def _plain_text_only(env: SandboxedEnvironment) -> SandboxedEnvironment:
    for name in REFUSED_FILTERS:
        env.filters.pop(name, None)
    for name in REFUSED_GLOBALS:
        env.globals.pop(name, None)
    return env


_EQUALITY_TESTS = ("equalto", "eq", "==")


def _indexed_selectattr(jinja_selectattr: Callable[..., Any]) -> Callable[..., Any]:
    """Jinja's ``selectattr``, answered from the index when it is over a fact table."""

    @pass_context
    def selectattr(context: Context, value: Any, *args: Any, **kwargs: Any) -> Any:
        if (
            type(value) is FactList
            and len(args) == 3
            and not kwargs
            and isinstance(args[0], str)
            and args[1] in _EQUALITY_TESTS
        ):
            found = value.with_value(args[0], args[2])
            if found is not None:
                return (view for view in found)  # a generator, as Jinja's filter gives
        return jinja_selectattr(context, value, *args, **kwargs)

    return selectattr


@cache
def environment() -> SandboxedEnvironment:
    env = _plain_text_only(_Sandbox(undefined=_Undefined, autoescape=False))
    env.filters["selectattr"] = _indexed_selectattr(env.filters["selectattr"])
    return env


@lru_cache(maxsize=4096)
def compile_text(source: str) -> Callable[[dict[str, Any]], str]:
    """Compile a text template once; the result renders a context to stripped text. The result
    holds no state, so it is kept for the same source (``quizgen preview`` rebuilds a set again
    and again in one process).

    The output is built piece by piece (``Template.generate``) and abandoned past
    :data:`MAX_TEXT` characters, so a loop cannot fill memory.
    """
    template = environment().from_string(source)

    def render(names: dict[str, Any]) -> str:
        pieces, length = [], 0
        for piece in template.generate(names):
            length += len(piece)
            if length > MAX_TEXT:
                raise SecurityError(f"the text is longer than {MAX_TEXT} characters")
            pieces.append(piece)
        return "".join(pieces).strip()

    return render


@lru_cache(maxsize=4096)
def compile_expression(source: str) -> Callable[[dict[str, Any]], Any]:
    """Compile a Jinja expression once (``where``, ``answers``, ``items``, ``pairs``); the result
    evaluates it in a context. An undefined name gives Jinja's Undefined, which raises when used.
    """
    expression: Callable[[dict[str, Any]], Any]
    expression = environment().compile_expression(source, undefined_to_none=False)
    return expression


def describe_error(error: Exception, names: Iterable[str] = ()) -> str:
    """A one-line description of a template error, for the problem list; an undefined name
    gets a "did you mean" from ``names``, the names the template could see (a record's fields)."""
    if isinstance(error, TemplateError):
        text = error.message or type(error).__name__
    else:
        text = f"{type(error).__name__}: {error}"
    text = " ".join(str(text).split())
    undefined = _UNDEFINED_NAME.fullmatch(text) if isinstance(error, UndefinedError) else None
    if undefined is not None:
        text += did_you_mean(undefined.group(1), [str(n) for n in names])
    return text


_UNDEFINED_NAME = re.compile(r"'([^']+)' is undefined")
