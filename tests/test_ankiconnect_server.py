"""The test server answers the AnkiConnect add-on's documented sample requests as the add-on's
README shows, so that push tests against it check quizgen's client against the add-on, not against
itself. The samples are copied verbatim in tests/ankiconnect/documented_examples.json."""

from __future__ import annotations

import base64
import copy
import json
import urllib.request
from pathlib import Path
from typing import Any

import genanki
import pytest

from .anki_helpers import fresh_collection
from .ankiconnect_server import AnkiConnectServer

EXAMPLES = json.loads(
    (Path(__file__).parent / "ankiconnect" / "documented_examples.json").read_text("utf-8")
)
# results that a fresh collection gives exactly as documented; the others are compared by shape
# (ids and lists of note types differ from the README author's collection)
EXACT = {
    "requestPermission",
    "version",
    "multi",
    "deckNames",
    "storeMediaFile",
    "deleteMediaFile",
    "importPackage",
    "modelFieldNames",
    "addTags",
    "suspend",
}


def post(url: str, request: dict[str, Any]) -> Any:
    data = json.dumps(request).encode()
    with urllib.request.urlopen(urllib.request.Request(url, data), timeout=30) as response:
        return json.load(response)


def same_shape(documented: Any, actual: Any, where: str = "") -> None:
    """``actual`` has every key of ``documented`` and values of the same JSON types."""
    if isinstance(documented, dict):
        assert isinstance(actual, dict), where
        for key, value in documented.items():
            assert key in actual, f"{where}: no {key!r}"
            same_shape(value, actual[key], f"{where}.{key}")
    elif isinstance(documented, list):
        assert isinstance(actual, list), where
        assert actual, f"{where}: empty list"
        for item in actual:
            same_shape(documented[0], item, f"{where}[]")
    else:
        assert type(actual) is type(documented), f"{where}: {actual!r} vs {documented!r}"


def _sample_package(tmp_path: Path) -> Path:
    model = genanki.Model(
        1_600_000_001,
        "Sample",
        fields=[{"name": "Front"}, {"name": "Back"}],
        templates=[{"name": "Card 1", "qfmt": "{{Front}}", "afmt": "{{Back}}"}],
    )
    deck = genanki.Deck(1_600_000_002, "Sample deck")
    deck.add_note(genanki.Note(model, ["front", "back"], guid="sample-guid"))
    path = tmp_path / "sample.apkg"
    genanki.Package(deck).write_to_file(str(path), timestamp=1_600_000_000)
    return path


def _in_collection(request: dict[str, Any], ids: dict[str, Any]) -> dict[str, Any]:
    """The documented request with the README author's ids and paths replaced by real ones."""
    request = copy.deepcopy(request)
    params = request.get("params", {})
    for name in ("notes", "cards"):
        if name in params:
            params[name] = ids[name]
    if request["action"] == "importPackage":
        params["path"] = ids["package"]
    if request["action"] == "storeMediaFile" and "path" in params:
        params["path"] = ids["file"]
    return request


@pytest.mark.parametrize(
    "example",
    EXAMPLES["examples"],
    ids=[f"{e['action']}-{e['sample']}" for e in EXAMPLES["examples"]],
)
def test_documented_samples_get_the_documented_answers(
    tmp_path: Path, example: dict[str, Any]
) -> None:
    (tmp_path / "file").write_text("Hello world!\n")
    with fresh_collection(tmp_path) as collection:
        note = collection.new_note(collection.models.by_name("Basic"))  # type: ignore[arg-type]
        note["Front"] = "front content"
        note.tags = ["tag"]
        collection.add_note(note, collection.decks.id("Default"))  # type: ignore[arg-type]
        ids = {
            "notes": [note.id],
            "cards": [card.id for card in note.cards()],
            "package": str(_sample_package(tmp_path)),
            "file": str(tmp_path / "file"),
        }
        with AnkiConnectServer(collection) as server:
            reply = post(server.url, _in_collection(example["request"], ids))
        documented = example["response"]
        if example["action"] in EXACT:
            assert reply == documented
        else:
            assert set(reply) == {"result", "error"} and reply["error"] is None
            same_shape(documented["result"], reply["result"], example["action"])
        if example["action"] == "storeMediaFile":
            stored = (Path(collection.media.dir()) / "_hello.txt").read_bytes()
            # (the README calls the sample's content "Hello world!"; its base64 says otherwise)
            data = example["request"]["params"].get("data")
            assert stored == (base64.b64decode(data) if data else b"Hello world!\n")
        if example["action"] == "importPackage":
            assert collection.find_notes('"deck:Sample deck"')


@pytest.mark.parametrize(
    "example", EXAMPLES["errors"], ids=[e["request"]["action"] for e in EXAMPLES["errors"]]
)
def test_mistakes_get_the_add_ons_error_messages(tmp_path: Path, example: dict[str, Any]) -> None:
    with fresh_collection(tmp_path) as collection, AnkiConnectServer(collection) as server:
        assert post(server.url, example["request"]) == example["response"]


def test_a_configured_key_is_required_on_every_action_but_request_permission(
    tmp_path: Path,
) -> None:
    with fresh_collection(tmp_path) as collection, AnkiConnectServer(collection, "s3cret") as s:
        assert post(s.url, {"action": "version", "version": 6}) == {
            "result": None,
            "error": "valid api key must be provided",
        }
        assert post(s.url, {"action": "version", "version": 6, "key": "s3cret"})["result"] == 6
        permission = post(s.url, {"action": "requestPermission", "version": 6})["result"]
        assert permission["requireApiKey"] is True
        # inside multi, each action carries its own key (the add-on handles each one alone)
        inner = {"action": "version", "version": 6}
        reply = post(
            s.url,
            {"action": "multi", "version": 6, "key": "s3cret", "params": {"actions": [inner]}},
        )
        assert reply["result"] == [{"result": None, "error": "valid api key must be provided"}]


def test_an_unknown_parameter_is_an_error_as_in_the_add_on(tmp_path: Path) -> None:
    with fresh_collection(tmp_path) as collection, AnkiConnectServer(collection) as server:
        reply = post(server.url, {"action": "findNotes", "version": 6, "params": {"q": "x"}})
        assert reply["result"] is None
        assert "unexpected keyword argument 'q'" in reply["error"]
