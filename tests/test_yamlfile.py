import datetime
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from quizgen.errors import Problems
from quizgen.yamlfile import MAX_DEPTH, LineDict, LineList, load_yaml


def load(tmp_path: Path, text: str) -> tuple[object, list[str]]:
    path = tmp_path / "f.yaml"
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    problems = Problems()
    return load_yaml(path, "f.yaml", problems), [str(p) for p in problems.items]


def test_lines_of_keys_and_items(tmp_path: Path) -> None:
    data, problems = load(tmp_path, "a: 1\nb:\n  - x\n  - {c: 2}\n")
    assert problems == []
    assert isinstance(data, LineDict)
    assert data.line_of("a") == 1 and data.line_of("b") == 2
    assert isinstance(data["b"], LineList)
    assert data["b"].item_lines == [3, 4]
    assert data["b"][1].line_of("c") == 4


def test_duplicate_keys_are_reported_with_both_lines(tmp_path: Path) -> None:
    _, problems = load(tmp_path, "a: 1\nb: 2\na: 3\n")
    assert problems == ["f.yaml:3: duplicate key 'a' (first defined on line 1)"]


def test_tabs_python_tags_and_encoding(tmp_path: Path) -> None:
    _, problems = load(tmp_path, "a:\n\tb: 1\n")
    assert problems == [
        "f.yaml:2: YAML syntax error: a tab character is used for indentation; indent with spaces"
    ]
    _, problems = load(tmp_path, "a: !!python/object/apply:os.system ['true']\n")
    assert problems == [
        "f.yaml:1: unsupported YAML tag '!!python/object/apply:os.system': "
        "question files hold plain data only"
    ]
    _, problems = load(tmp_path, b"a: 1\nb: caf\xe9\n")  # type: ignore[arg-type]
    assert problems == ["f.yaml:2: not UTF-8 text (byte 0xe9); save the file as UTF-8"]


def test_scalars_merge_keys_and_aliases(tmp_path: Path) -> None:
    text = (
        "n: [~, null, '']\nnum: [1, -2, 0x1f, 1_000, 2.5, 1.5e+3]\nb: [true, FALSE, yes, no, on]\n"
        "d: 2025-01-17\nbase: &b {x: 1}\nother:\n  <<: *b\n  y: 2\nsame: *b\n"
    )
    data, problems = load(tmp_path, text)
    assert problems == []
    assert isinstance(data, LineDict)
    assert data["n"] == [None, None, ""]
    assert data["num"] == [1, -2, 31, 1000, 2.5, 1500.0]
    assert [type(v) for v in data["num"]] == [int] * 4 + [float] * 2
    assert data["b"] == [True, False, "yes", "no", "on"]  # YAML 1.2 booleans only
    assert data["d"] == datetime.date(2025, 1, 17)
    assert data["other"] == {"x": 1, "y": 2} and data["other"].line_of("y") == 8
    assert data["same"] == {"x": 1} and data.line_of("same") == 9


def test_a_tree_just_within_the_depth_limit_loads(tmp_path: Path) -> None:
    inside = "[" * (MAX_DEPTH - 2) + "x" + "]" * (MAX_DEPTH - 2) + "\n"
    data, problems = load(tmp_path, inside)
    assert problems == [] and isinstance(data, LineList)
    _, problems = load(tmp_path, "a: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "\n")
    assert problems == [
        f"f.yaml:1: nested more than {MAX_DEPTH} levels deep (the limit for a question file)"
    ]


def test_yes_no_on_stay_text_and_true_false_any_case_are_booleans(
    cli: Callable[..., Any], make_set: Callable[..., Path]
) -> None:
    make_set(
        {
            "q.yaml": """\
            questions:
              - id: short
                prompt: Did it happen?
                type: short_answer
                answer: no
                accept: [yes, On, off]
              - id: mc
                prompt: Which word?
                type: multiple_choice
                answer: Yes
                distractors: [No, maybe]
              - id: tf1
                prompt: It is true.
                type: true_false
                answer: TRUE
              - id: tf2
                prompt: It is false.
                type: true_false
                answer: False
              - id: tf3
                prompt: It is yes.
                type: true_false
                answer: yes
            """
        }
    )
    result = cli("list", "--json")
    assert result.exit_code == 0, result.output
    by_id = {q["id"]: q for q in json.loads(result.stdout)}
    assert by_id["short"]["answers"] == ["no", "yes", "On", "off"]
    assert by_id["mc"]["answers"] == ["Yes"]
    assert sorted(by_id["mc"]["choices"]) == ["No", "Yes", "maybe"]
    assert by_id["tf1"]["answers"] == ["True"]
    assert by_id["tf2"]["answers"] == ["False"]
    assert by_id["tf3"]["answers"] == ["True"]


def test_a_fact_field_on_renders_as_typed(
    cli: Callable[..., Any], make_set: Callable[..., Path]
) -> None:
    make_set(
        {
            "facts.yaml": """\
            facts:
              events:
                records:
                  - id: launch
                    day: on
                    switch: Off
            templates:
              - id: day
                table: events
                type: short_answer
                prompt: "When? {{ switch }}"
                answer: "{{ day }}"
            """
        }
    )
    result = cli("list", "--json")
    assert result.exit_code == 0, result.output
    (question,) = json.loads(result.stdout)
    assert question["answers"] == ["on"] and question["prompt"] == "When? Off"


def test_the_loader_leaves_pyyaml_global_resolvers_alone() -> None:
    import quizgen.yamlfile  # noqa: F401  (imported for its side effects, if any)

    assert yaml.safe_load("a: yes") == {"a": True}
    assert yaml.load("a: on", Loader=yaml.SafeLoader) == {"a": True}
