"""A client of the AnkiConnect add-on (API 6): one JSON request per call over HTTP to the Anki
running on this computer, never through a proxy; every failure is one :class:`AnkiConnectError`
that says what to do. ``quizgen push`` (:mod:`quizgen.push`) is its only user.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

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
class Session:
    """What a push learns from Anki once: its note types by id, its media folder."""

    notetypes: dict[int, str]
    media_dir: str


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


__all__ = [
    "ADDON_CODE",
    "API_VERSION",
    "DEFAULT_URL",
    "TIMEOUT",
    "AnkiConnect",
    "AnkiConnectError",
    "Session",
]
