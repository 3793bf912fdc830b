"""Headless Chromium for the tests of the HTML page: Debian's /usr/bin/chromium driven by
Playwright for Python (never a browser download). Without it the tests skip with the reason,
unless ``QUIZGEN_REQUIRE_BROWSER=1`` (set by .ci/run), which makes them fail instead."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from .conftest import ROOT

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

CHROMIUM = Path(os.environ.get("QUIZGEN_CHROMIUM", "/usr/bin/chromium"))
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def _missing(reason: str) -> None:
    if os.environ.get("QUIZGEN_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (QUIZGEN_REQUIRE_BROWSER=1)")
    pytest.skip(reason)


def browser() -> Iterator[Browser]:
    """One headless Chromium (use it as a module-scoped fixture: starting one costs ~0.5 s)."""
    if not CHROMIUM.is_file() and shutil.which("chromium") is None:
        _missing(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("Playwright for Python is not installed (pip install -e '.[test]')")
    executable = CHROMIUM if CHROMIUM.is_file() else Path(str(shutil.which("chromium")))
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(executable), args=ARGS)
        try:
            yield launched
        finally:
            launched.close()


class Watched:
    """A page with every console message, page error and request it made recorded."""

    def __init__(self, page: Page):
        self.page = page
        self.console: list[str] = []
        self.requests: list[str] = []
        page.on("console", lambda m: self.console.append(f"{m.type}: {m.text}"))
        page.on("pageerror", lambda e: self.console.append(f"pageerror: {e}"))
        page.on("request", lambda r: self.requests.append(r.url))

    def errors(self) -> list[str]:
        return [m for m in self.console if m.startswith(("error", "pageerror", "warning"))]


def page_data(page: Page) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        page.evaluate("document.getElementById('quiz-data').textContent")
    )
    return data


def axe_violations(page: Page) -> list[str]:
    """axe-core's serious and critical violations on the page, one line each."""
    if not AXE.is_file():
        if os.environ.get("QUIZGEN_REQUIRE_NODE") == "1":
            pytest.fail(f"{AXE} is missing: run `npm ci` (QUIZGEN_REQUIRE_NODE=1)")
        pytest.skip(f"{AXE} is missing: run `npm ci`")
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + ", ".join(str(n["target"]) for n in v["nodes"][:5])
        for v in results["violations"]
        if v["impact"] in ("serious", "critical")
    ]
