"""Screenshots of every quizgen note type as Anki renders it: docs/images/anki-*.png.

The example set in docs/anki.md (the ```yaml blocks headed ``# anki-demo/...``) is built, the deck
is imported into a scratch collection with Anki's own library, and each card's front and back
(``card.question()`` / ``card.answer()``, the note type's CSS included) is shot in headless
Chromium. Anki's reviewer adds two things the library does not render, and this script imitates
them: the type-in box (``[[type:Answer]]``), and the comparison of a typed answer on the back.

    python scripts/anki_screenshots.py            # needs Debian's `chromium` on PATH
"""

from __future__ import annotations

import argparse
import html
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "anki.md"
SET = "anki-demo"
WIDTH = 720
MIN_HEIGHT = 160
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
    "--force-device-scale-factor=1",
]
# What Anki's reviewer styles around the card (aqt/data/web/css/reviewer.scss), in short.
REVIEWER_CSS = """
html, body { margin: 0; }
body { padding: 20px 16px; overflow-wrap: break-word; }
#typeans { font-family: monospace; }
input#typeans { border: 1px solid #999; border-radius: 4px; padding: 6px; margin-top: .6em; }
.typeGood { background-color: #afa; color: black; }
.typeBad { background-color: #faa; color: black; }
.typeMissed { background-color: #ccc; color: black; }
"""
TYPED = "Kremlin"  # what the pictured student typed into the short-answer box
MEASURE = (
    "<script>document.body.setAttribute('data-height',"
    " Math.ceil(document.documentElement.getBoundingClientRect().height));</script>"
)

sys.path.insert(0, str(ROOT))


def example_set(target: Path) -> Path:
    """The anki-demo set from docs/anki.md, written into ``target``."""
    folder = target / SET
    folder.mkdir(parents=True)
    blocks = re.findall(r"^```yaml\n(.*?)^```", DOC.read_text(encoding="utf-8"), re.S | re.M)
    for block in blocks:
        header = re.match(rf"# {SET}/([\w./-]+\.ya?ml)\n", block)
        if header:
            (folder / header.group(1)).write_text(block, encoding="utf-8")
    return folder


def page(card_html: str, night: bool, typed_comparison: str | None) -> str:
    if typed_comparison is None:
        card_html = card_html.replace(
            "[[type:Answer]]", '<input type="text" id="typeans" style="width:100%">'
        )
    else:
        card_html = card_html.replace("[[type:Answer]]", typed_comparison)
    classes = "card nightMode night_mode" if night else "card"
    return (
        f'<!doctype html><html><head><meta charset="utf-8"><style>{REVIEWER_CSS}</style>'
        f'</head><body class="{classes}">{card_html}</body></html>'
    )


def shoot(document: str, png: Path, scratch: Path) -> None:
    source = scratch / f"{png.stem}.html"
    profile = scratch / "profile"
    source.write_text(document + MEASURE, encoding="utf-8")
    common = [*CHROMIUM_FLAGS, f"--user-data-dir={profile}"]
    dom = subprocess.run(
        ["chromium", *common, f"--window-size={WIDTH},600", "--dump-dom", source.as_uri()],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    height = int(re.search(r'data-height="(\d+)"', dom).group(1))  # type: ignore[union-attr]
    # headless Chromium paints nothing into a window lower than about 150 pixels
    height = max(height, MIN_HEIGHT)
    subprocess.run(
        ["chromium", *common, f"--window-size={WIDTH},{height}", f"--screenshot={png}",
         source.as_uri()],
        check=True, capture_output=True,
    )  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "images")
    args = parser.parse_args()
    if shutil.which("chromium") is None:
        sys.exit("chromium not found: apt-get install -y chromium")

    from anki.collection import (
        Collection,
        ImportAnkiPackageOptions,
        ImportAnkiPackageRequest,
        StripHtmlMode,
    )

    from quizgen.build import build
    from quizgen.models import QuestionType

    with tempfile.TemporaryDirectory() as scratch_name:
        scratch = Path(scratch_name)
        quiz = build([example_set(scratch)], scratch / "out", ["anki"]).quizzes[0]
        collection = Collection(str(scratch / "collection.anki2"))
        try:
            collection.import_anki_package(
                ImportAnkiPackageRequest(
                    package_path=str(scratch / "out" / f"{SET}.apkg"),
                    options=ImportAnkiPackageOptions(with_scheduling=True),
                )
            )
            cards = {}
            for note_id in collection.find_notes(""):
                note = collection.get_note(note_id)
                cards[html.unescape(note["QuestionId"])] = sorted(note.cards(), key=lambda c: c.ord)
            shots = []  # (name, card) for one question of every type, and one reverse card
            for kind in QuestionType:
                question = next(q for q in quiz.questions if q.type is kind)
                shots.append((kind.value.replace("_", "-"), cards[question.id][0]))
            reversed_ = next(q for q in quiz.questions if len(cards[q.id]) > 1)
            shots.append(("reverse", cards[reversed_.id][1]))
            args.out.mkdir(parents=True, exist_ok=True)
            for old in args.out.glob("anki-*.png"):
                old.unlink()
            for name, card in shots:
                comparison = None
                if "[[type:Answer]]" in card.answer():
                    expected = collection._backend.strip_html(
                        text=collection.media.strip(card.note()["Answer"]),
                        mode=StripHtmlMode.NORMAL,
                    )
                    comparison = collection.compare_answer(expected, TYPED)
                for night in (False, True):
                    suffix = "-night" if night else ""
                    front = page(card.question(), night, None)
                    back = page(card.answer(), night, comparison)
                    shoot(front, args.out / f"anki-{name}-front{suffix}.png", scratch)
                    shoot(back, args.out / f"anki-{name}-back{suffix}.png", scratch)
                    print(f"docs/images/anki-{name}-{{front,back}}{suffix}.png")
        finally:
            collection.close()


if __name__ == "__main__":
    main()
