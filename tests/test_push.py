"""``quizgen push`` against a stand-in for Anki with AnkiConnect (tests/ankiconnect_server.py: the
add-on's protocol over a real ``anki`` collection): what a push adds, updates and withdraws, and
a one-line message for every way it can fail, with nothing left that the next push cannot finish."""

from __future__ import annotations

import json
import socket
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from threading import Thread
from typing import Any

import pytest

from quizgen.ankistate import REMOVED_TAG, STATE_NAME

from .anki_helpers import (
    fresh_collection,
    import_package,
    notes_by_question_id,
    scheduling,
    text,
)
from .ankiconnect_server import AnkiConnectServer
from .test_anki_updates import EDITED, _review

EXAMPLES = json.loads(
    (Path(__file__).parent / "ankiconnect" / "documented_examples.json").read_text("utf-8")
)
SET = "russia-iran-treaty"


@pytest.fixture
def anki(tmp_path: Path) -> Iterator[AnkiConnectServer]:
    """Anki with AnkiConnect, an empty profile."""
    (tmp_path / "anki").mkdir()
    with fresh_collection(tmp_path / "anki") as collection, AnkiConnectServer(collection) as s:
        yield s


@pytest.fixture
def teacher(bundled_copy: Path, cli: Callable[..., Any]) -> Callable[..., Any]:
    """``quizgen push`` in the teacher's folder (the bundled set, with a probe question)."""
    (bundled_copy / "update-probe.yaml").write_text(
        EDITED.format(prompt="Where was the treaty signed?"), encoding="utf-8"
    )
    return cli


def _contents(collection: Any) -> tuple[Any, ...]:
    """Everything an import decides: notes, note types, cards and their decks, media."""
    notes = collection.db.all("select guid, mid, mod, tags, flds from notes order by guid")
    cards = collection.db.all(
        "select n.guid, c.ord, c.queue, c.type from cards c join notes n on c.nid = n.id "
        "order by n.guid, c.ord"
    )
    decks = sorted(
        (
            collection.get_note(collection.get_card(cid).nid).guid,
            collection.decks.name(collection.get_card(cid).did),
        )
        for cid in collection.find_cards("")
    )
    types = sorted(
        (m["id"], m["name"], [f["name"] for f in m["flds"]])
        for m in collection.models.all()
        if m["name"].startswith("quizgen")
    )
    media = sorted(p.name for p in Path(collection.media.dir()).iterdir())
    return notes, cards, decks, types, media


def _lines(result: Any) -> list[str]:
    return [line for line in result.stdout.splitlines() if line.strip()]


def test_first_push_imports_the_deck_as_a_file_import_would(
    anki: AnkiConnectServer, teacher: Callable[..., Any], tmp_path: Path
) -> None:
    result = teacher("push", SET, "--url", anki.url)
    assert result.exit_code == 0, result.output
    collection = anki.anki.collection
    notes = notes_by_question_id(collection)
    assert _lines(result)[-1] == f"{SET}: {len(notes)} added, 0 updated, 0 unchanged, 0 withdrawn"
    # the very deck `build` writes, through Anki's own importer: GUIDs, decks, tags, media
    assert (tmp_path / "output" / f"{SET}.apkg").is_file()
    assert (tmp_path / "questions" / SET / STATE_NAME).is_file()
    (log,) = anki.anki.imported
    assert len(log.new) == len(notes) and not log.conflicting
    (tmp_path / "by-hand").mkdir()
    with fresh_collection(tmp_path / "by-hand") as by_hand:
        import_package(by_hand, tmp_path / "output" / f"{SET}.apkg")
        assert _contents(collection) == _contents(by_hand)
    # the package stored in the media folder for the import is gone again
    assert not list(Path(collection.media.dir()).glob("_quizgen-*"))


def test_edit_and_push_updates_one_note_and_keeps_progress(
    anki: AnkiConnectServer, teacher: Callable[..., Any], bundled_copy: Path
) -> None:
    assert teacher("push", SET, "--url", anki.url).exit_code == 0
    collection = anki.anki.collection
    card_id = notes_by_question_id(collection)["update-probe"].cards()[0].id
    _review(collection, [card_id], 1_700_000_000)
    before = scheduling(collection, card_id)
    total = collection.note_count()
    (bundled_copy / "update-probe.yaml").write_text(
        EDITED.format(prompt="In which building was it signed?"), encoding="utf-8"
    )
    result = teacher("push", SET, "--url", anki.url)
    assert result.exit_code == 0, result.output
    assert _lines(result)[-1] == f"{SET}: 0 added, 1 updated, {total - 1} unchanged, 0 withdrawn"
    log = anki.anki.imported[-1]
    assert (len(log.new), len(log.updated), len(log.duplicate)) == (0, 1, total - 1)
    card = collection.get_card(card_id)
    assert "In which building was it signed?" in text(card.question())
    assert scheduling(collection, card_id) == before


def test_remove_and_push_tags_and_suspends_and_the_next_push_has_nothing_to_do(
    anki: AnkiConnectServer, teacher: Callable[..., Any], bundled_copy: Path
) -> None:
    assert teacher("push", SET, "--url", anki.url).exit_code == 0
    collection = anki.anki.collection
    note = notes_by_question_id(collection)["update-probe"]
    _review(collection, [note.cards()[0].id], 1_700_000_000)
    reviews = collection.db.scalar("select count() from revlog")
    total = collection.note_count()
    (bundled_copy / "update-probe.yaml").unlink()
    result = teacher("push", SET, "--url", anki.url)
    assert result.exit_code == 0, result.output
    assert _lines(result)[-1] == f"{SET}: 0 added, 0 updated, {total - 1} unchanged, 1 withdrawn"
    note = collection.get_note(note.id)
    assert REMOVED_TAG in note.tags
    assert all(card.queue == -1 for card in note.cards())
    assert collection.note_count() == total  # never deleted
    assert collection.db.scalar("select count() from revlog") == reviews
    again = teacher("push", SET, "--url", anki.url)
    assert _lines(again)[-1] == f"{SET}: 0 added, 0 updated, {total - 1} unchanged, 0 withdrawn"


def test_dry_run_lists_changes_and_changes_nothing(
    anki: AnkiConnectServer, teacher: Callable[..., Any], bundled_copy: Path, tmp_path: Path
) -> None:
    assert teacher("push", SET, "--url", anki.url).exit_code == 0
    collection = anki.anki.collection
    notes = collection.db.all("select id, mod, tags, flds from notes order by id")
    deck = (tmp_path / "output" / f"{SET}.apkg").read_bytes()
    state = (bundled_copy / STATE_NAME).read_text()
    (bundled_copy / "update-probe.yaml").write_text(
        EDITED.format(prompt="In which building was it signed?"), encoding="utf-8"
    )
    (bundled_copy / "extra.yaml").write_text(
        EDITED.replace("update-probe", "extra-probe").format(prompt="Where, again?"), "utf-8"
    )
    questions = (bundled_copy / "questions.yaml").read_text()
    gone = next(q for q in notes_by_question_id(collection) if f"id: {q}\n" in questions)
    (bundled_copy / "questions.yaml").write_text(
        questions.replace(f"id: {gone}\n", f"id: {gone}-renamed\n")
    )
    result = teacher("push", SET, "--url", anki.url, "--dry-run")
    assert result.exit_code == 0, result.output
    lines = _lines(result)
    assert "  would add       extra-probe" in lines
    assert f"  would add       {gone}-renamed" in lines
    assert "  would update    update-probe" in lines
    assert f"  would withdraw  {gone}" in lines
    assert lines[-1].startswith(f"{SET}: 2 would add, 1 would update, ")
    assert lines[-1].endswith(", 1 would withdraw")
    assert collection.db.all("select id, mod, tags, flds from notes order by id") == notes
    assert len(anki.anki.imported) == 1
    assert (tmp_path / "output" / f"{SET}.apkg").read_bytes() == deck
    assert (bundled_copy / STATE_NAME).read_text() == state


def test_a_push_stopped_half_way_is_finished_by_the_next(
    anki: AnkiConnectServer, teacher: Callable[..., Any], bundled_copy: Path
) -> None:
    assert teacher("push", SET, "--url", anki.url).exit_code == 0
    (bundled_copy / "update-probe.yaml").unlink()
    anki.anki.fail_once.add("suspend")  # Anki goes away after the import
    failed = teacher("push", SET, "--url", anki.url)
    assert failed.exit_code == 4
    note = notes_by_question_id(anki.anki.collection)["update-probe"]
    assert REMOVED_TAG in note.tags and note.cards()[0].queue != -1
    result = teacher("push", SET, "--url", anki.url)
    assert result.exit_code == 0, result.output
    assert _lines(result)[-1].endswith(" 1 withdrawn")
    assert all(card.queue == -1 for card in anki.anki.collection.get_note(note.id).cards())


def _one_line(result: Any) -> str:
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    return str(line)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_anki_not_running(teacher: Callable[..., Any], tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{_free_port()}"
    state = tmp_path / "questions" / SET / STATE_NAME
    state_before = state.read_bytes() if state.exists() else None  # the bundled set ships one
    result = teacher("push", SET, "--url", url)
    assert result.exit_code == 4
    line = _one_line(result)
    assert line.startswith(f"cannot reach Anki at {url} (")
    assert "start Anki with the AnkiConnect add-on (code 2055492159" in line
    # asked before anything was built: nothing written
    assert not (tmp_path / "output").exists()
    assert (state.read_bytes() if state.exists() else None) == state_before


@pytest.mark.parametrize(
    "url",
    [
        "127.0.0.1:8765",
        "notaurl",
        "http://",
        "ftp://127.0.0.1:8765",
        "file:///etc/hosts",
        "http://127.0.0.1:99999",
    ],
)
def test_an_address_that_is_not_http_is_a_usage_error(
    teacher: Callable[..., Any], tmp_path: Path, url: str
) -> None:
    state = tmp_path / "questions" / SET / STATE_NAME
    state_before = state.read_bytes() if state.exists() else None  # the bundled set ships one
    result = teacher("push", SET, "--url", url)
    assert result.exit_code == 2
    assert _one_line(result) == (
        f"--url '{url}' is not an address AnkiConnect listens on: give it as "
        "http://HOST:PORT (default http://127.0.0.1:8765)"
    )
    assert not (tmp_path / "output").exists()
    assert (state.read_bytes() if state.exists() else None) == state_before


def test_something_else_answers_instead_of_the_add_on(teacher: Callable[..., Any]) -> None:
    class Page(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(b"<html>a web server</html>")

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Page)
    thread = Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}"
        result = teacher("push", SET, "--url", url)
    finally:
        server.shutdown()
        server.server_close()
    assert result.exit_code == 4
    assert _one_line(result).startswith(
        f"something answers at {url}, but not the AnkiConnect add-on: install it"
    )


def test_a_missing_or_wrong_key(teacher: Callable[..., Any], tmp_path: Path) -> None:
    (tmp_path / "anki").mkdir()
    with (
        fresh_collection(tmp_path / "anki") as collection,
        AnkiConnectServer(collection, api_key="s3cret") as anki,
    ):
        wrong = teacher("push", SET, "--url", anki.url, "--key", "nope")
        assert wrong.exit_code == 4
        assert _one_line(wrong).startswith("AnkiConnect refused the API key given with --key")
        missing = teacher("push", SET, "--url", anki.url)
        assert missing.exit_code == 4
        assert _one_line(missing).startswith("AnkiConnect asks for an API key: give it with --key")
        assert collection.note_count() == 0
        right = teacher("push", SET, "--url", anki.url, "--key", "s3cret")
        assert right.exit_code == 0, right.output
        assert collection.note_count() > 0


def test_a_note_type_changed_by_hand_stops_the_push(
    anki: AnkiConnectServer, teacher: Callable[..., Any]
) -> None:
    assert teacher("push", SET, "--url", anki.url).exit_code == 0
    collection = anki.anki.collection
    model = collection.models.by_name("quizgen: choice")
    assert model is not None
    collection.models.add_field(model, collection.models.new_field("Mnemonic"))
    collection.models.update_dict(model)
    result = teacher("push", SET, "--url", anki.url)
    assert result.exit_code == 4
    line = _one_line(result)
    assert line.startswith("note type 'quizgen: choice' was changed by hand in Anki: it has the ")
    assert "Mnemonic" in line and "Undo the change" in line
    assert len(anki.anki.imported) == 1


def _documented_params() -> dict[str, set[str]]:
    params: dict[str, set[str]] = {}
    for example in EXAMPLES["examples"]:
        keys = params.setdefault(example["action"], set())
        keys.update(example["request"].get("params", {}))
    return params


def _check_request(request: dict[str, Any], documented: dict[str, set[str]]) -> None:
    assert set(request) <= {"action", "version", "params", "key"}, request
    assert request["version"] == 6
    assert request["action"] in documented, request["action"]
    assert set(request.get("params", {})) <= documented[request["action"]], request
    for inner in request.get("params", {}).get("actions", []):
        _check_request(inner, documented)


def test_every_request_push_sends_is_one_the_add_on_documents(
    anki: AnkiConnectServer, teacher: Callable[..., Any], bundled_copy: Path
) -> None:
    assert teacher("push", SET, "--url", anki.url).exit_code == 0
    (bundled_copy / "update-probe.yaml").unlink()
    assert teacher("push", SET, "--url", anki.url, "--dry-run").exit_code == 0
    assert teacher("push", SET, "--url", anki.url).exit_code == 0
    documented = _documented_params()
    actions = set()
    for request in anki.anki.requests:
        _check_request(request, documented)
        actions.add(request["action"])
    assert {"requestPermission", "storeMediaFile", "importPackage", "suspend"} <= actions | {
        inner["action"]
        for request in anki.anki.requests
        for inner in request.get("params", {}).get("actions", [])
    }
