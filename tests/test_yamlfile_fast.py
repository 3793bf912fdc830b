"""The one-pass construction of plain files (``_plain_tree``) against the general path."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest

from quizgen.errors import Problems
from quizgen.yamlfile import (
    MAX_DEPTH,
    LineDict,
    LineList,
    _general_tree,
    _LineLoader,
    _NotPlain,
    _plain_tree,
    load_yaml,
)

ROOT = Path(__file__).resolve().parent.parent


def _node(text: str) -> tuple[Any, _LineLoader]:
    loader = _LineLoader(text)
    loader.problems = Problems()
    loader.file = "f.yaml"
    return loader.get_single_node(), loader


def _shape(value: Any) -> Any:
    """The value with its type, and every line a LineDict or LineList carries, made explicit."""
    if isinstance(value, LineDict):
        return (
            "map",
            value.line,
            [(_shape(k), value.key_lines[k], _shape(v)) for k, v in value.items()],
        )
    if isinstance(value, LineList):
        return ("seq", value.line, value.item_lines, [_shape(v) for v in value])
    return (type(value).__name__, value)


def _general(text: str) -> tuple[Any, list[str]]:
    node, loader = _node(text)
    problems = loader.problems  # as in load_yaml: the constructor reports duplicate keys there
    return _general_tree(node, loader, "f.yaml", problems), [str(p) for p in problems.items]


def _fast(text: str) -> Any:
    node, loader = _node(text)
    return _plain_tree(node, loader)


PLAIN = [
    "a: 1\nb: [x, {c: 2.5}]\nc: null\nd: ~\ne: true\nf: FALSE\ng: yes\nh: 2025-01-17\n",
    "- 1\n- -2\n- 0x1f\n- 1_000\n- .inf\n- -.nan\n- 2025-01-17T10:00:00Z\n- ''\n- \"\"\n",
    "text: |\n  two\n  lines\nfolded: >\n  one\n  line\nquoted: 'it''s'\nescaped: \"tab\\there\"\n",
    "empty_map: {}\nempty_list: []\nnested:\n  - - - deep\n    - {}\n  - k: [1, [2, [3]]]\n",
    "3: one\n2.5: float key\ntrue: bool key\nnull: null key\n2025-01-17: date key\n",
    "? complex key\n: value\n'quoted key': 1\n\"double\": 2\nünïcödé: « texte »\n",
    "just a scalar\n",
    "- only\n- a\n- list\n",
]


@pytest.mark.parametrize("text", PLAIN)
def test_plain_files_build_the_same_values_and_lines(text: str) -> None:
    general, problems = _general(text)
    assert problems == []
    assert _shape(_fast(text)) == _shape(general)


NOT_PLAIN = {
    "merge key": "base: &b {x: 1}\nother:\n  <<: *b\n  y: 2\n",
    "inline merge key": "a:\n  <<: {x: 1}\n  y: 2\n",
    "duplicate key": "a: 1\nb: 2\na: 3\n",
    "unhashable key": "? [a, b]\n: 1\n",
    "control character": 'a: "bell \\x07"\n',
    "custom tag": "a: !thing x\n",
    "python tag": "a: !!python/object/apply:os.system ['true']\n",
    "set tag": "a: !!set {x, y}\n",
    "binary tag": "a: !!binary aGVsbG8=\n",
    "tagged mapping": "a: !!omap [x: 1]\n",
    "value key": "a:\n  =: 1\n",
    "key equal to another": "1: one\ntrue: also one\n",
    "too deep": "a: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "\n",
}


@pytest.mark.parametrize("text", NOT_PLAIN.values(), ids=NOT_PLAIN.keys())
def test_what_the_fast_path_leaves_to_the_general_one(text: str) -> None:
    with pytest.raises(_NotPlain):
        _fast(text)


def test_a_tree_just_within_the_depth_limit_is_plain_and_equal() -> None:
    text = "[" * (MAX_DEPTH - 2) + "x" + "]" * (MAX_DEPTH - 2) + "\n"
    general, problems = _general(text)
    assert problems == []
    assert _shape(_fast(text)) == _shape(general)


def _yaml_files() -> list[Path]:
    files = sorted((ROOT / "tests" / "corpus").rglob("*.y*ml"))
    files += sorted((ROOT / "questions").rglob("*.y*ml"))
    files += sorted((ROOT / "quizgen" / "scaffold").rglob("*.y*ml"))
    return [f for f in files if f.suffix in (".yaml", ".yml")]


def test_every_file_of_the_corpus_and_the_bundled_set_loads_as_before() -> None:
    """Fast or not, ``load_yaml`` gives what the general path gives, problems included."""
    files = _yaml_files()
    assert len(files) > 60
    fast_files = 0
    for path in files:
        raw = path.read_bytes()
        problems = Problems()
        loaded = load_yaml(path, "f.yaml", problems)
        try:
            text = raw.decode("utf-8-sig")
            general, general_problems = _general(text)
        except Exception:  # not UTF-8, a syntax error...: load_yaml stopped before either path
            continue
        assert _shape(loaded) == _shape(general), path
        assert [str(p) for p in problems.items] == general_problems, path
        if b"&" in raw:  # load_yaml's gate: anchors always take the general path
            continue
        try:
            _fast(text)
            fast_files += 1
        except _NotPlain:
            pass
    assert fast_files > len(files) // 2  # most files take the fast path


def test_an_alias_bomb_is_left_to_the_general_path_in_bounded_time() -> None:
    """load_yaml never gives the fast path a file with anchors; were one to reach it, the
    count of values built still stops the walk."""
    laughs = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    laughs += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    with pytest.raises(_NotPlain):
        _fast("\n".join(laughs) + "\n")


def test_dates_stay_dates() -> None:
    value = _fast("d: 2025-01-17\n")
    assert value == {"d": datetime.date(2025, 1, 17)}


SCALARS = [
    "",
    "~",
    "null",
    "Null",
    "NULL",
    "nil",
    "true",
    "True",
    "TRUE",
    "tRuE",
    "false",
    "yes",
    "no",
    "on",
    "off",
    "y",
    "n",
    "1",
    "-1",
    "+1",
    "0x1f",
    "0o17",
    "1_000",
    "1.5",
    "-.5",
    ".inf",
    "-.Inf",
    ".nan",
    "1e3",
    "2025-01-17",
    "2025-01-17T10:00:00Z",
    "2025-1-7",
    "<<",
    "=",
    "-",
    ".",
    "12 angry men",
    "1917 revolution",
    "text",
    "Tehran",
    "nothing",
    "falsehood",
    "é",
]


@pytest.mark.parametrize("value", SCALARS)
def test_scalar_tags_are_pyyamls(value: str) -> None:
    import yaml

    loader = _LineLoader("")
    for implicit in ((True, False), (False, True), (False, False)):
        expected = yaml.resolver.BaseResolver.resolve(loader, yaml.ScalarNode, value, implicit)
        assert loader.resolve(yaml.ScalarNode, value, implicit) == expected
    for kind in (yaml.SequenceNode, yaml.MappingNode):
        assert loader.resolve(kind, None, (True, False)) == (
            yaml.resolver.BaseResolver.resolve(loader, kind, None, (True, False))
        )
