"""``quizgen push``: a built deck into a running Anki, through the AnkiConnect add-on (API 6).

Push goes through Anki's own importer (``storeMediaFile`` of the ``.apkg``, then ``importPackage``),
so Anki ends up exactly as if the deck had been imported by hand: the same GUIDs, note-type ids,
sub-decks, tags and media, which ``addNotes``/``createModel`` cannot give. Then it tags the notes of
withdrawn questions ``quizgen::removed`` and suspends their cards (never deletes: their review
history stays).

Every step can be repeated: a push that stopped half-way (Anki closed, a dialog in the way) is
finished by the next one. The deck and the set's state file are written before Anki is asked
anything; the import is one transaction inside Anki; tagging and suspending are idempotent; the
package stored in Anki's media folder is replaced by the next push and deleted after the import.
"""

from __future__ import annotations

import base64
import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .ankistate import REMOVED_TAG
from .errors import QuizgenError, UsageError

DEFAULT_URL = "http://127.0.0.1:8765"
API_VERSION = 6
ADDON_CODE = "2055492159"
TIMEOUT = 60.0
"""Seconds to wait for one answer (a large import takes a while; a dialog open in Anki blocks)."""


# Anki runs on this computer (or one the teacher names): never through an HTTP proxy
_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class AnkiConnectError(QuizgenError):
    """Anki could not be reached or updated (exit code 4); the message says what to do."""

    exit_code = 4


@dataclass(frozen=True)
class DeckNote:
    """One note of a built deck, as AnkiConnect shows notes: note type name, fields by name."""

    question_id: str
    notetype: str
    fields: dict[str, str]
    tags: tuple[str, ...]
    withdrawn: bool = False


@dataclass(frozen=True)
class DeckPlan:
    """What a push brings into Anki: the set's deck and its notes (tombstones included)."""

    set_name: str
    deck: str
    notetypes: dict[str, tuple[int, tuple[str, ...]]]
    """Note type name → (id, field names in order)."""
    notes: list[DeckNote]


@dataclass
class PushReport:
    """What a push did (or, with ``--dry-run``, would do), by question id."""

    set_name: str
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    withdrawn: list[str] = field(default_factory=list)
    """Withdrawn questions whose note in Anki is not yet tagged and suspended."""
    suspended_cards: int = 0

    def changes(self) -> list[tuple[str, list[str]]]:
        """What a dry run lists, by what would happen."""
        return [
            ("would add", self.added),
            ("would update", self.updated),
            ("would withdraw", self.withdrawn),
        ]

    def summary(self, dry_run: bool) -> str:
        verb = "would add" if dry_run else "added"
        parts = [
            f"{len(self.added)} {verb}" if dry_run else f"{len(self.added)} added",
            f"{len(self.updated)} {'would update' if dry_run else 'updated'}",
            f"{len(self.unchanged)} unchanged",
            f"{len(self.withdrawn)} {'would withdraw' if dry_run else 'withdrawn'}",
        ]
        return f"{self.set_name}: " + ", ".join(parts)


class AnkiConnect:
    """A client of the AnkiConnect add-on: one JSON request per call, errors as one-line
    :class:`AnkiConnectError` s that say what to do."""

    def __init__(self, url: str = DEFAULT_URL, key: str | None = None, timeout: float = TIMEOUT):
        self.url = _checked_url(url)
        self.key = key
        self.timeout = timeout

    def _request(self, action: str, params: dict[str, Any]) -> dict[str, Any]:
        request: dict[str, Any] = {"action": action, "version": API_VERSION}
        if params:
            request["params"] = params
        # the add-on compares the key with its apiKey setting, null by default: a key must be
        # sent only when one is configured, and then with every action (also inside multi)
        if self.key is not None:
            request["key"] = self.key
        return request

    def call(self, action: str, **params: Any) -> Any:
        return self._reply(action, self._post(self._request(action, params)))

    def multi(self, calls: Sequence[tuple[str, dict[str, Any]]]) -> list[Any]:
        """Several actions in one round-trip (``multi``); an error in any of them is raised."""
        actions = [self._request(action, params) for action, params in calls]
        replies = self._reply("multi", self._post(self._request("multi", {"actions": actions})))
        if not isinstance(replies, list) or len(replies) != len(calls):
            raise self._not_ankiconnect()
        return [self._reply(a, r) for (a, _), r in zip(calls, replies, strict=True)]

    def _post(self, request: dict[str, Any]) -> Any:
        data = json.dumps(request).encode("utf-8")
        http = urllib.request.Request(
            self.url, data, headers={"Content-Type": "application/json"}, method="POST"
        )
        try:
            with _DIRECT.open(http, timeout=self.timeout) as response:
                body = response.read()
        except urllib.error.HTTPError as error:
            if error.code == 403:
                raise AnkiConnectError(
                    f"AnkiConnect at {self.url} refused the request (403 Forbidden): allow "
                    "requests from this computer in its config (Tools → Add-ons → AnkiConnect → "
                    "Config, webCorsOriginList)"
                ) from None
            raise self._not_ankiconnect(f"HTTP {error.code}") from None
        except (urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            if isinstance(reason, TimeoutError):
                raise AnkiConnectError(
                    f"Anki at {self.url} did not answer within {self.timeout:g} s: close any "
                    "dialog open in Anki and push again"
                ) from None
            raise AnkiConnectError(
                f"cannot reach Anki at {self.url} ({getattr(reason, 'strerror', None) or reason}):"
                f" start Anki with the AnkiConnect add-on (code {ADDON_CODE}: Tools → Add-ons → "
                "Get Add-ons), then push again"
            ) from None
        try:
            return json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise self._not_ankiconnect() from None

    def _reply(self, action: str, reply: Any) -> Any:
        if not isinstance(reply, dict) or set(reply) != {"result", "error"}:
            raise self._not_ankiconnect()
        error = reply["error"]
        if error is None:
            return reply["result"]
        message = str(error)
        if message == "valid api key must be provided":
            if self.key is None:
                raise AnkiConnectError(
                    "AnkiConnect asks for an API key: give it with --key (the apiKey in Tools → "
                    "Add-ons → AnkiConnect → Config)"
                )
            raise AnkiConnectError(
                "AnkiConnect refused the API key given with --key: use the apiKey in Tools → "
                "Add-ons → AnkiConnect → Config"
            )
        if message == "unsupported action":
            raise AnkiConnectError(
                f"AnkiConnect at {self.url} does not know the action '{action}': update the "
                f"add-on (code {ADDON_CODE}: Tools → Add-ons → Check for Updates)"
            )
        raise AnkiConnectError(f"Anki could not {action}: {' '.join(message.split())}")

    def _not_ankiconnect(self, detail: str = "") -> AnkiConnectError:
        what = f" ({detail})" if detail else ""
        return AnkiConnectError(
            f"something answers at {self.url}{what}, but not the AnkiConnect add-on: install it "
            f"in Anki (code {ADDON_CODE}: Tools → Add-ons → Get Add-ons), or give its address "
            "with --url"
        )

    def open(self) -> Session:
        """Anki is there, speaks API 6 and takes our key; raise what to do otherwise. Returns what
        every push needs to know (two round-trips: ``requestPermission`` only works alone)."""
        permission = self.call("requestPermission")
        if not isinstance(permission, dict) or permission.get("permission") != "granted":
            raise AnkiConnectError(
                f"AnkiConnect at {self.url} denied access: allow it when Anki asks, or add this "
                "origin to webCorsOriginList in the add-on's config"
            )
        # with the key: a wrong one fails here
        version, models, media_dir = self.multi(
            [("version", {}), ("modelNamesAndIds", {}), ("getMediaDirPath", {})]
        )
        if not isinstance(version, int) or version < API_VERSION:
            raise AnkiConnectError(
                f"AnkiConnect at {self.url} speaks API version {version}, quizgen needs "
                f"{API_VERSION}: update the add-on (Tools → Add-ons → Check for Updates)"
            )
        if not isinstance(models, dict) or not isinstance(media_dir, str):
            raise self._not_ankiconnect()
        return Session({int(i): name for name, i in models.items()}, media_dir)


def _checked_url(url: str) -> str:
    """``url`` if it is an address AnkiConnect can listen on (http or https, a host, a valid
    port); a usage error otherwise: urllib would fail with a traceback on ``127.0.0.1:8765``
    (no scheme), and read a local file for ``file:`` or try FTP for ``ftp:``."""
    parts = urllib.parse.urlsplit(url)
    try:
        port_ok = parts.port is None or parts.port > 0
    except ValueError:
        port_ok = False
    if parts.scheme not in ("http", "https") or not parts.hostname or not port_ok:
        raise UsageError(
            f"--url '{url}' is not an address AnkiConnect listens on: give it as "
            f"http://HOST:PORT (default {DEFAULT_URL})"
        )
    return url


@dataclass(frozen=True)
class Session:
    """What a push learns from Anki once: its note types by id, its media folder."""

    notetypes: dict[int, str]
    media_dir: str


def _quoted(text: str) -> str:
    """``text`` as one term of an Anki search, matched literally (no wildcards)."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    for wildcard in ("*", "_"):
        escaped = escaped.replace(wildcard, "\\" + wildcard)
    return f'"{escaped}"'


def _set_query(plan: DeckPlan) -> str:
    """The set's notes in Anki: quizgen's note types, in the set's deck or its sub-decks."""
    types = " OR ".join(_quoted(f"note:{name}") for name in plan.notetypes)
    return f"({types}) {_quoted(f'deck:{plan.deck}')}"


def _notes_in_anki(anki: AnkiConnect, session: Session, plan: DeckPlan) -> list[dict[str, Any]]:
    """The set's notes in Anki (``notesInfo``), after checking that quizgen's note types there
    have the fields quizgen writes: else the import would make a second note type and leave
    every note of the first one behind."""
    mine = [
        (name, session.notetypes[i], fields)
        for name, (i, fields) in plan.notetypes.items()
        if i in session.notetypes
    ]
    *found, note_ids = anki.multi(
        [
            *[("modelFieldNames", {"modelName": there}) for _, there, _ in mine],
            ("findNotes", {"query": _set_query(plan)}),
        ]
    )
    for (name, there, fields), have in zip(mine, found, strict=True):
        if list(have) != list(fields):
            label = name if there == name else f"{name}' (renamed '{there}' in Anki)"
            raise AnkiConnectError(
                f"note type '{label}' was changed by hand in Anki: it has the fields "
                f"{', '.join(have)}; quizgen needs exactly {', '.join(fields)}. Undo the change "
                "(Tools → Manage Note Types → Fields), then push again"
            )
    infos: list[dict[str, Any]] = anki.call("notesInfo", notes=note_ids) if note_ids else []
    return infos


def _compare(
    anki: AnkiConnect, plan: DeckPlan, infos: list[dict[str, Any]]
) -> tuple[PushReport, list[int]]:
    """How the deck differs from the set's notes in Anki, and the notes in Anki of withdrawn
    questions that are not tagged yet."""
    report = PushReport(plan.set_name)
    there: dict[str, dict[str, Any]] = {}
    for found in infos:
        question = found.get("fields", {}).get("QuestionId", {}).get("value")
        if question is not None:
            there.setdefault(question, found)
    gone: list[tuple[str, dict[str, Any]]] = []
    for note in plan.notes:
        info = there.get(note.fields["QuestionId"])
        if note.withdrawn:
            if info is not None:  # else never in this Anki: nothing to withdraw
                gone.append((note.question_id, info))
        elif info is None:
            report.added.append(note.question_id)
        elif (
            info.get("modelName") == note.notetype
            and {name: value["value"] for name, value in info["fields"].items()} == note.fields
            and sorted(info.get("tags", [])) == sorted(note.tags)
        ):
            report.unchanged.append(note.question_id)
        else:
            report.updated.append(note.question_id)
    cards = [str(card) for _, info in gone for card in info.get("cards", [])]
    active = (
        set(anki.call("findCards", query=f"cid:{','.join(cards)} -is:suspended"))
        if cards
        else set()
    )
    untagged = [int(info["noteId"]) for _, info in gone if REMOVED_TAG not in info.get("tags", [])]
    report.withdrawn = [
        qid
        for qid, info in gone
        if int(info["noteId"]) in untagged or active & set(info.get("cards", []))
    ]
    return report, untagged


def push(
    plan: DeckPlan,
    package: Path | None,
    anki: AnkiConnect,
    session: Session,
    dry_run: bool = False,
) -> PushReport:
    """Bring the deck in ``package`` (the built ``.apkg`` of ``plan``) into Anki, or with
    ``dry_run`` only say what would change (``package`` is then not read); ``session`` is what
    :meth:`AnkiConnect.open` returned."""
    report, withdrawn_notes = _compare(anki, plan, _notes_in_anki(anki, session, plan))
    if dry_run:
        return report
    assert package is not None
    stored_name = f"_quizgen-{plan.set_name}.apkg"  # "_": Anki's media check leaves it alone
    data = base64.b64encode(package.read_bytes()).decode("ascii")
    stored = anki.call("storeMediaFile", filename=stored_name, data=data)
    # an absolute path: Anki 2.1.50 and later no longer run in the media folder, so the
    # add-on's "relative to collection.media" only holds for older versions
    media_dir = session.media_dir
    separator = "\\" if "\\" in media_dir and "/" not in media_dir else "/"
    imported = anki.call("importPackage", path=f"{media_dir.rstrip(separator)}{separator}{stored}")
    if imported is not True:
        raise AnkiConnectError(
            "Anki did not import the deck (no collection open?): open your profile in Anki and "
            "push again"
        )
    # every tombstone of this set carries the tag after the import (the tag is added again to
    # a withdrawn note that a newer edit in Anki kept from being updated); their cards are
    # suspended
    suspend_query = f"{_set_query(plan)} tag:{REMOVED_TAG} -is:suspended"
    calls: list[tuple[str, dict[str, Any]]] = [("deleteMediaFile", {"filename": stored})]
    if withdrawn_notes:
        calls.append(("addTags", {"notes": withdrawn_notes, "tags": REMOVED_TAG}))
    *_, cards = anki.multi([*calls, ("findCards", {"query": suspend_query})])
    if cards:
        anki.call("suspend", cards=cards)
    report.suspended_cards = len(cards)
    return report


def push_sets(
    folders: Sequence[Path],
    out_dir: Path,
    url: str = DEFAULT_URL,
    key: str | None = None,
    dry_run: bool = False,
) -> list[PushReport]:
    """``quizgen push``: build each set's deck as ``build --format anki`` does (the ``.apkg`` in
    ``out_dir``, the set's state file), then bring it into Anki; with ``dry_run``, build and
    write nothing and report what a push would change. Anki is asked first, so that nothing is
    built when it cannot be reached."""
    from .build import build, load_quizzes, render_options
    from .render.anki import deck_id, deck_name
    from .render.anki.plan import plan_deck

    anki = AnkiConnect(url, key)
    session = anki.open()
    quizzes = load_quizzes(folders) if dry_run else build(folders, out_dir, ["anki"]).quizzes
    now = render_options().timestamp
    reports = []
    for quiz in quizzes:
        # after the build, the state file holds what the written deck holds: the same plan
        plan = plan_deck(quiz, now, deck_id, deck_name).push_plan()
        package = None if dry_run else out_dir / f"{quiz.meta.name}.apkg"
        reports.append(push(plan, package, anki, session, dry_run))
    return reports


__all__ = [
    "DEFAULT_URL",
    "REMOVED_TAG",
    "AnkiConnect",
    "AnkiConnectError",
    "DeckNote",
    "DeckPlan",
    "PushReport",
    "Session",
    "push",
    "push_sets",
]
