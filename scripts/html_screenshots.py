"""Screenshots of the self-test page: docs/images/html-{light,dark}-{desktop,phone}.png.

The bundled set's page is built into a scratch folder and opened in headless Chromium (Debian's
/usr/bin/chromium, driven by Playwright for Python: `pip install -e '.[test]'`); the first question
is answered wrong and the second right, so that both kinds of feedback show, and the top of the
page is shot at a desktop and a phone width, in the light and the dark colour scheme.

    python scripts/html_screenshots.py
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from quizgen.build import build  # noqa: E402
from tests.browser_helpers import ARGS, CHROMIUM, page_data  # noqa: E402
from tests.html_student import click_answer  # noqa: E402

BUNDLED = ROOT / "questions" / "russia-iran-treaty"
SIZES = {"desktop": (1100, 900), "phone": (390, 844)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "images")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as scratch, sync_playwright() as playwright:
        (page_file,) = build([BUNDLED], Path(scratch), ["html"]).written
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        for scheme in ("light", "dark"):
            for size, (width, height) in SIZES.items():
                context = browser.new_context(
                    color_scheme=scheme, viewport={"width": width, "height": height}
                )
                page = context.new_page()
                page.goto(page_file.as_uri())
                questions = page_data(page)["questions"]
                click_answer(page, 1, questions[0], correct=False)
                click_answer(page, 2, questions[1], correct=True)
                page.evaluate("document.activeElement.blur(); window.scrollTo(0, 0)")
                target = args.out / f"html-{scheme}-{size}.png"
                page.screenshot(path=str(target))
                print(f"wrote {target.relative_to(ROOT)}")
                context.close()
        browser.close()


if __name__ == "__main__":
    main()
