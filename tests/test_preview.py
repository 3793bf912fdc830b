"""`quizgen preview`: a real process serving a temporary set, watched in headless Chromium while
its YAML is edited, broken and fixed; stopped with Ctrl-C (SIGINT)."""

from __future__ import annotations

import json
import os
import queue
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import pytest

from quizgen import timelimit
from quizgen.errors import UsageError
from quizgen.preview import PreviewState, serve

from .browser_helpers import AXE, Watched, axe_violations, browser
from .conftest import ROOT

if TYPE_CHECKING:
    from playwright.sync_api import Browser

QUESTIONS = """\
questions:
  - id: sky
    type: short_answer
    prompt: What colour is the sky?
    answer: blue
    explanation: It says so.
"""


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    yield from browser()


class Preview:
    """``quizgen preview`` running as a process, its terminal output collected."""

    def __init__(self, folder: Path):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "quizgen", "preview", str(folder), "--no-open", "--port", "0"],
            cwd=folder.parent.parent,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        self.stdout: list[str] = []
        self.stderr: list[str] = []
        # one reader thread per pipe: select() on a buffered text pipe misses a line that came
        # in the same read as the line before it (on a loaded machine "built" and "Previewing"
        # often do), and then waits for it in vain
        self._lines: queue.Queue[str] = queue.Queue()
        self._readers = [
            threading.Thread(target=self._read, args=(stream, lines), daemon=True)
            for stream, lines in (
                (self.process.stdout, self.stdout),
                (self.process.stderr, self.stderr),
            )
        ]
        for reader in self._readers:
            reader.start()
        line = self.wait_for_line(lambda text: "Previewing" in text)
        self.url = line.split(" at ")[1].split()[0]

    def _read(self, stream: IO[str] | None, lines: list[str]) -> None:
        assert stream is not None
        for line in stream:
            lines.append(line.rstrip("\n"))
            self._lines.put(line.rstrip("\n"))

    def wait_for_line(self, wanted: Callable[[str], bool], timeout: float = 90.0) -> str:
        end = time.monotonic() + timeout
        while (left := end - time.monotonic()) > 0:
            try:
                line = self._lines.get(timeout=min(left, 0.2))
            except queue.Empty:
                assert self.process.poll() is None, "\n".join(self.stdout + self.stderr)
                continue
            if wanted(line):
                return line
        raise AssertionError(f"no such line in {self.stdout + self.stderr}")

    def stop(self) -> tuple[int, str, str]:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        self.process.wait(timeout=60)
        self.close()
        return self.process.returncode, "\n".join(self.stdout), "\n".join(self.stderr)

    def close(self) -> None:
        """Once the process has ended: its output read to the end, its pipes closed."""
        for reader in self._readers:
            reader.join(timeout=10)
        for stream in (self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()


@pytest.fixture
def preview_set(make_set: Callable[..., Path]) -> Iterator[tuple[Path, Preview]]:
    folder = make_set({"questions.yaml": QUESTIONS})
    running = Preview(folder)
    yield folder, running
    if running.process.poll() is None:
        running.process.kill()
    running.process.wait()
    running.close()


def test_preview_follows_edits_shows_problems_and_recovers(
    chromium: Browser, preview_set: tuple[Path, Preview]
) -> None:
    folder, running = preview_set
    questions = folder / "questions.yaml"
    watched = Watched(chromium.new_page())
    page = watched.page
    page.goto(running.url)
    assert page.locator("#q1 legend").text_content() == "What colour is the sky?"
    assert page.locator("#problems").is_hidden()

    questions.write_text(QUESTIONS.replace("the sky", "the sea"), encoding="utf-8")
    page.wait_for_function("document.querySelector('#q1 legend').textContent.includes('sea')")

    page.locator("#key-toggle").click()  # the teacher's key view stays on across rebuilds
    assert page.locator("#q1 .feedback").is_visible()

    questions.write_text(QUESTIONS.replace("answer:", "anwser:"), encoding="utf-8")
    page.wait_for_selector("#problems:not([hidden])")
    problem = running.wait_for_line(lambda text: "anwser" in text)
    assert problem.startswith("questions/demo/questions.yaml:5: unknown key 'anwser'")
    assert page.locator("#problem-list li").all_text_contents() == [problem]
    if AXE.is_file() or os.environ.get("QUIZGEN_REQUIRE_NODE") == "1":
        assert axe_violations(page) == []  # the problem list, in key view
    # the last version that built stays under the problems, in key view
    assert page.locator("#q1 legend").text_content() == "What colour is the sea?"
    assert page.locator("#q1 .feedback").is_visible()

    questions.write_text(QUESTIONS.replace("sky", "grass").replace("blue", "green"), "utf-8")
    page.wait_for_function("document.querySelector('#q1 legend').textContent.includes('grass')")
    assert page.locator("#problems").is_hidden()
    assert "green" in str(page.locator("#q1 .feedback").text_content())
    assert watched.errors() == []

    code, out, err = running.stop()
    assert code == 0, err
    assert out.rstrip().endswith("Preview stopped.")
    assert "Traceback" not in err


def test_ctrl_c_stops_the_preview_at_once(preview_set: tuple[Path, Preview]) -> None:
    _, running = preview_set
    started = time.monotonic()
    code, out, err = running.stop()
    assert (code, "Traceback" in err) == (0, False)
    assert time.monotonic() - started < 5
    assert "Preview stopped." in out


def test_a_set_broken_from_the_start_shows_its_problems(make_set: Callable[..., Path]) -> None:
    folder = make_set({"questions.yaml": "questions: [\n"})
    state = PreviewState(folder, None)
    (problem,) = state.rebuild()
    assert problem.endswith("questions.yaml:2: YAML syntax error: did not find expected node "
                            "content while parsing a flow node")  # fmt: skip
    assert state.good is None
    data = json.loads(
        re.search(rb'id="quiz-data">(.*?)</script>', state.page, re.S).group(1)  # type: ignore[union-attr]
    )
    assert data["questions"] == []
    assert data["preview"]["problems"] == [problem]


def test_rebuilds_run_under_the_template_time_limit(
    make_set: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The preview rebuilds on the main thread, where the SIGALRM limit works."""
    folder = make_set(
        {
            "facts.yaml": "facts:\n  t:\n    records:\n      - {id: a}\n",
            "templates.yaml": """\
            templates:
              - id: forever
                table: t
                type: short_answer
                prompt: >-
                  {% for i in range(100000) %}{% for j in range(100000) %}
                  {%- endfor %}{% endfor %}x
                answer: y
            """,
        }
    )
    monkeypatch.setattr(timelimit, "TEMPLATE_SECONDS", 0.3)
    started = time.monotonic()
    (problem,) = PreviewState(folder, None).rebuild()
    assert "still ran after 0.3 s" in problem
    assert time.monotonic() - started < 10


def test_preview_names_the_sets_when_it_cannot_choose(
    cli: Callable[..., Any], make_set: Callable[..., Path]
) -> None:
    make_set({"questions.yaml": QUESTIONS}, name="one")
    make_set({"questions.yaml": QUESTIONS}, name="two")
    result = cli("preview", "--no-open")
    assert result.exit_code == 2
    assert result.stderr.strip() == "preview shows one set at a time: name one of one, two"


def test_a_port_in_use_is_a_usage_error(make_set: Callable[..., Path]) -> None:
    state = PreviewState(make_set({"questions.yaml": QUESTIONS}), None)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(UsageError, match=rf"--port {port}: cannot listen on 127.0.0.1:{port}"):
            serve(state, port)
