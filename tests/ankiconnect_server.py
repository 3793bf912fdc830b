"""A stand-in for Anki with the AnkiConnect add-on: an HTTP server on 127.0.0.1 that speaks the
add-on's protocol (API version 6) over a real ``anki`` collection.

It follows the add-on itself (github.com/FooSoft/anki-connect at 1f7fc80, plugin/web.py and
plugin/__init__.py), not quizgen's client: the same request handling (a ``key`` checked on every
action but ``requestPermission``, also inside ``multi``; ``version`` 4 when missing, with bare
results; an unknown action or parameter an error reply), and each action does with the collection
what the add-on does, through the same ``anki`` library. Its answers are held to the add-on's
documented examples (tests/ankiconnect/documented_examples.json) by
tests/test_ankiconnect_server.py.
"""

from __future__ import annotations

import base64
import json
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any

from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest
from anki.errors import NotFoundError

API_VERSION = 6


class AnkiConnect:
    """The add-on's actions over one collection (only those quizgen's push and the documented
    examples use), each with the add-on's parameter names, so an unknown parameter fails as
    there (``got an unexpected keyword argument``)."""

    def __init__(self, collection: Collection, api_key: str | None = None) -> None:
        self.collection = collection
        self.api_key = api_key
        self.requests: list[dict[str, Any]] = []
        """Every request received, as sent (the sub-actions of ``multi`` inside it)."""
        self.imported: list[Any] = []
        """The log of every ``importPackage``, as Anki's importer returned it."""
        self.fail_once: set[str] = set()
        """Actions that fail the next time they are asked for (as if Anki had been closed)."""
        self.actions: dict[str, Callable[..., Any]] = {
            name: getattr(self, name)
            for name in (
                "requestPermission",
                "version",
                "multi",
                "deckNames",
                "getMediaDirPath",
                "storeMediaFile",
                "deleteMediaFile",
                "importPackage",
                "modelNamesAndIds",
                "modelFieldNames",
                "findNotes",
                "findCards",
                "notesInfo",
                "addTags",
                "suspend",
            )
        }

    # plugin/__init__.py, AnkiConnect.handler
    def handler(self, request: dict[str, Any]) -> Any:
        name = request.get("action", "")
        version = request.get("version", 4)
        params = request.get("params", {})
        key = request.get("key")
        try:
            if key != self.api_key and name != "requestPermission":
                raise Exception("valid api key must be provided")
            if name in self.fail_once:
                self.fail_once.discard(name)
                raise Exception("Anki was closed")
            method = self.actions.get(name)
            if method is None:
                raise Exception("unsupported action")
            result = method(**params)
            return result if version <= 4 else {"result": result, "error": None}
        except Exception as error:
            return {"result": None, "error": str(error)}

    def requestPermission(self, origin: str = "", allowed: bool = True) -> dict[str, Any]:
        # plugin/web.py passes `allowed` (True for a request without an Origin header, as
        # quizgen's) and `origin`; the README documents the key as `requireApiKey`
        if not allowed:
            return {"permission": "denied"}
        return {
            "permission": "granted",
            "requireApiKey": bool(self.api_key),
            "version": API_VERSION,
        }

    def version(self) -> int:
        return API_VERSION

    def multi(self, actions: list[dict[str, Any]]) -> list[Any]:
        return [self.handler(action) for action in actions]

    def deckNames(self) -> list[str]:
        return [deck.name for deck in self.collection.decks.all_names_and_ids()]

    def getMediaDirPath(self) -> str:
        return str(Path(self.collection.media.dir()).resolve())

    def storeMediaFile(
        self,
        filename: str,
        data: str | None = None,
        path: str | None = None,
        url: str | None = None,
        skipHash: str | None = None,
        deleteExisting: bool = True,
    ) -> str:
        if not (data or path or url):
            raise Exception('You must provide a "data", "path", or "url" field.')
        if data:
            content = base64.b64decode(data)
        elif path:
            content = Path(path).read_bytes()
        else:
            raise Exception("this test server downloads nothing")
        if deleteExisting:
            self.deleteMediaFile(filename)
        stored: str = self.collection.media.write_data(filename, content)
        return stored

    def deleteMediaFile(self, filename: str) -> None:
        self.collection.media.trash_files([filename])

    def importPackage(self, path: str) -> bool:
        # The add-on runs `AnkiPackageImporter(collection, path).run()`; in Anki 23.10 and later
        # that is (anki/importing.py) an import with these options. A relative path is relative
        # to the media folder, as the add-on's README says.
        package = Path(self.collection.media.dir()) / path
        response = self.collection.import_anki_package(
            ImportAnkiPackageRequest(
                package_path=str(package),
                options=ImportAnkiPackageOptions(
                    merge_notetypes=True, with_scheduling=True, with_deck_configs=True
                ),
            )
        )
        self.imported.append(response.log)
        return True

    def modelNamesAndIds(self) -> dict[str, int]:
        return {m.name: int(m.id) for m in self.collection.models.all_names_and_ids()}

    def modelFieldNames(self, modelName: str) -> list[str]:
        model = self.collection.models.by_name(modelName)
        if model is None:
            raise Exception(f"model was not found: {modelName}")
        return [field["name"] for field in model["flds"]]

    def findNotes(self, query: str | None = None) -> list[int]:
        if query is None:
            return []
        return [int(n) for n in self.collection.find_notes(query)]

    def findCards(self, query: str | None = None) -> list[int]:
        if query is None:
            return []
        return [int(c) for c in self.collection.find_cards(query)]

    def notesInfo(self, notes: list[int]) -> list[dict[str, Any]]:
        result: list[dict[str, Any]] = []
        for note_id in notes:
            try:
                note = self.collection.get_note(note_id)  # type: ignore[arg-type]
            except NotFoundError:
                result.append({})
                continue
            model = note.note_type()
            assert model is not None
            result.append(
                {
                    "noteId": note.id,
                    "tags": note.tags,
                    "fields": {
                        f["name"]: {"value": note.fields[f["ord"]], "order": f["ord"]}
                        for f in model["flds"]
                    },
                    "modelName": model["name"],
                    "cards": self.collection.db.list(
                        "select id from cards where nid = ? order by ord", note.id
                    ),
                }
            )
        return result

    def addTags(self, notes: list[int], tags: str, add: bool = True) -> None:
        self.collection.tags.bulk_add(notes, tags)  # type: ignore[arg-type]

    def suspend(self, cards: list[int], suspend: bool = True) -> bool:
        todo = [c for c in cards if (self.collection.get_card(c).queue == -1) != suspend]  # type: ignore[arg-type]
        if not todo:
            return False
        if suspend:
            self.collection.sched.suspend_cards(todo)  # type: ignore[arg-type]
        else:
            self.collection.sched.unsuspend_cards(todo)  # type: ignore[arg-type]
        return True


class AnkiConnectServer:
    """``with AnkiConnectServer(collection) as server:`` serves on ``server.url`` until the end
    of the block; one request at a time, on a thread of its own (the test waits for each)."""

    def __init__(self, collection: Collection, api_key: str | None = None) -> None:
        self.anki = AnkiConnect(collection, api_key)
        anki = self.anki

        class Handler(BaseHTTPRequestHandler):
            # plugin/web.py: WebServer.handlerWrapper
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                try:
                    request = json.loads(body.decode("utf-8"))
                    if not isinstance(request, dict) or not isinstance(request.get("action"), str):
                        raise ValueError("'action' is a required property")
                except ValueError as error:
                    reply: Any = {"result": None, "error": str(error)}
                    payload = f"AnkiConnect v.{API_VERSION}".encode() if not body else None
                else:
                    anki.requests.append(request)
                    if request["action"] == "requestPermission":
                        request = {**request, "params": {"allowed": "Origin" not in self.headers}}
                    reply = anki.handler(request)
                    payload = None
                data = payload if payload is not None else json.dumps(reply).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: Any) -> None:
                pass  # quiet test output

        self.http = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.http.server_address[1]}"
        self.thread = threading.Thread(target=self.http.serve_forever, daemon=True)

    def __enter__(self) -> AnkiConnectServer:
        self.thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.http.shutdown()
        self.http.server_close()
        self.thread.join()
