"""``quizgen preview``: a set's self-test page on a local server, rebuilt when its files change.

Two threads, each with one job:

* the **main thread** watches the set's folder (watchfiles) and rebuilds the page in memory after
  each change. Building runs the set's templates under :func:`quizgen.timelimit.time_limit`,
  whose ``SIGALRM`` timer only works on the main thread: so rebuilds stay here, and a template
  that never ends is stopped as in ``quizgen build``. Ctrl-C lands here too (watchfiles raises
  ``KeyboardInterrupt``), and the server is shut down before the command returns.
* a **server thread** (``http.server``, one short-lived thread per request) answers the browser
  from the last page built: ``/`` is the page, ``/events`` a server-sent event stream that sends
  the page's data (its JSON, with its version) whenever it changes, which the page's script
  draws in place of the old (no reload: the page follows a save within a tenth of a second or
  two); ``/version`` is the version and the problems as JSON.

When a change breaks the set, its problems are printed in the terminal and shown at the top of
the page, as the same ``file:line: message`` lines, above the last version that built. Nothing is
written to disk.
"""

from __future__ import annotations

import json
import threading
import time
import webbrowser
from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import watchfiles

from .ankistate import STATE_NAME
from .build import load_quizzes
from .errors import QuizgenError, UsageError
from .models import Quiz
from .render.html.page import Preview, page_data, page_html
from .select import Form, make_forms

KEEP_ALIVE = 15.0
"""Seconds between comments on an idle event stream (so a dropped connection is noticed)."""


@dataclass(frozen=True)
class Built:
    quiz: Quiz
    form: Form


class PreviewState:
    """The page the server hands out, its version, and the build it was made from."""

    def __init__(self, folder: Path, seed: int | None):
        self.folder = folder
        self.seed = seed
        self.good: Built | None = None
        self.problems: tuple[str, ...] = ()
        self.version = 0
        self.page = b""
        self.update = b""
        self.stopping = False
        self.changed = threading.Condition()

    def rebuild(self) -> tuple[str, ...]:
        """Load, check and generate the set again (on the calling thread: the main one), make the
        page of the last good build with the problems of this one, and publish it."""
        try:
            (quiz,) = load_quizzes([self.folder], self.seed)
        except QuizgenError as error:
            problems = tuple(str(problem) for problem in error.problems)
        else:
            self.good = Built(quiz, make_forms(quiz, quiz.questions, 0)[0])
            problems = ()
        version = self.version + 1
        good = self.good
        data = page_data(
            good.quiz if good else None,
            good.form if good else None,
            Preview(version=version, problems=problems),
        )
        page = page_html(data).encode("utf-8")
        # one line of JSON (json.dumps escapes every newline inside strings): one SSE data line
        update = json.dumps({"version": version, "data": data}, ensure_ascii=False)
        with self.changed:
            self.version, self.page, self.problems = version, page, problems
            self.update = f"data: {update}\n\n".encode()
            self.changed.notify_all()
        return problems

    def wait_for_change(self, seen: int, timeout: float) -> tuple[int, bytes]:
        """The version and its event once the version differs from ``seen`` (or after
        ``timeout``, or when stopping)."""
        with self.changed:
            self.changed.wait_for(lambda: self.version != seen or self.stopping, timeout)
            return self.version, self.update

    def stop(self) -> None:
        with self.changed:
            self.stopping = True
            self.changed.notify_all()


def _handler(state: PreviewState) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            pass  # the terminal shows rebuilds and problems, not requests

        def _send(self, body: bytes, kind: str, status: HTTPStatus = HTTPStatus.OK) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            if path in ("/", "/index.html"):
                with state.changed:
                    page = state.page
                self._send(page, "text/html; charset=utf-8")
            elif path == "/version":
                body = json.dumps({"version": state.version, "problems": list(state.problems)})
                self._send(body.encode("utf-8"), "application/json")
            elif path == "/events":
                self._events()
            else:
                self._send(b"not found\n", "text/plain; charset=utf-8", HTTPStatus.NOT_FOUND)

        def _events(self) -> None:
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.send_header("Connection", "close")
            self.end_headers()
            self.close_connection = True
            seen = -1
            try:
                while not state.stopping:
                    version, update = state.wait_for_change(seen, KEEP_ALIVE)
                    if state.stopping:
                        break
                    self.wfile.write(update if version != seen else b": idle\n\n")
                    self.wfile.flush()
                    seen = version
            except (BrokenPipeError, ConnectionResetError):
                pass  # the page went away (reloaded or closed)

    return Handler


def serve(state: PreviewState, port: int) -> ThreadingHTTPServer:
    """Start answering on 127.0.0.1:``port`` (0: any free port) in a daemon thread."""
    try:
        server = ThreadingHTTPServer(("127.0.0.1", port), _handler(state))
    except OSError as error:
        raise UsageError(
            f"--port {port}: cannot listen on 127.0.0.1:{port} ({error.strerror or error})"
        ) from None
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name="quizgen-preview", daemon=True).start()
    return server


def _rebuild(state: PreviewState, say: Callable[[str, bool], None]) -> None:
    """Rebuild and tell the terminal: how many questions and how long, or every problem."""
    started = time.perf_counter()
    problems = state.rebuild()
    if not problems:
        count = len(state.good.quiz.questions) if state.good else 0
        elapsed = time.perf_counter() - started
        say(f"{time.strftime('%H:%M:%S')} built: {count} questions in {elapsed:.2f} s", False)
        return
    for line in problems:
        say(line, True)
    kept = "the page shows the last version that built" if state.good else "nothing built yet"
    say(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} ({kept})", True)


def one_set(folders: list[Path]) -> Path:
    """The one set to preview: the command names at most one, or the folder holds only one."""
    if len(folders) != 1:
        names = ", ".join(folder.name for folder in folders)
        raise UsageError(f"preview shows one set at a time: name one of {names}")
    return folders[0]


class _SetFiles(watchfiles.DefaultFilter):
    """The files a set is made of: not editors' swap files, not hidden files or folders, not the
    deck's state file."""

    def __init__(self, folder: Path):
        super().__init__()
        self.root = folder.resolve()

    def __call__(self, change: watchfiles.Change, path: str) -> bool:
        if not super().__call__(change, path):
            return False
        try:
            parts = Path(path).resolve().relative_to(self.root).parts
        except ValueError:
            return True
        # the deck's anki-state.json is written by `quizgen build`, and is no input of the page
        return parts != (STATE_NAME,) and not any(part.startswith(".") for part in parts)


def run(
    folder: Path,
    port: int,
    open_browser: bool,
    seed: int | None,
    say: Callable[[str, bool], None],
) -> None:
    """Serve the set's page until Ctrl-C; ``say(text, is_problem)`` prints to the terminal."""
    state = PreviewState(folder, seed)
    server: ThreadingHTTPServer | None = None
    try:
        _rebuild(state, say)
        server = serve(state, port)
        url = f"http://127.0.0.1:{server.server_address[1]}/"
        say(f"Previewing {folder.name} at {url} (Ctrl-C to stop)", False)
        if open_browser:
            webbrowser.open(url)
        # a save is one or two events: wait 20 ms for more, at most 200 ms, then rebuild
        for _changes in watchfiles.watch(
            folder, watch_filter=_SetFiles(folder), debounce=200, step=20
        ):
            _rebuild(state, say)
    except KeyboardInterrupt:
        pass
    finally:
        state.stop()
        if server is not None:
            server.shutdown()
            server.server_close()
    say("Preview stopped.", False)
