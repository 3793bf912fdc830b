"""Make the PNG previews of the printed outputs shown in docs/worksheets.md.

    python scripts/pdf_previews.py            # writes docs/images/pdf-*.png

Builds the test set with every question type (tests/pdf_sets/showcase) as form A of two, with a
word bank, then renders pages with pdftoppm (poppler-utils). Outputs are pinned with
SOURCE_DATE_EPOCH, so a rerun changes the images only when the layout changes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SET = ROOT / "tests" / "pdf_sets" / "showcase"
IMAGES = ROOT / "docs" / "images"
DPI = 80
# (output file, page of it, preview name)
PAGES = [
    ("showcase-worksheet-A.pdf", 1, "pdf-worksheet-page1"),
    ("showcase-worksheet-A.pdf", 2, "pdf-worksheet-page2"),
    ("showcase-key-A.pdf", 1, "pdf-key-page1"),
    ("showcase-flashcards.pdf", 1, "pdf-flashcards-fronts"),
    ("showcase-flashcards.pdf", 2, "pdf-flashcards-backs"),
]


def main() -> int:
    if shutil.which("pdftoppm") is None:
        print("pdftoppm not found: install poppler-utils", file=sys.stderr)
        return 1
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1737072000")
    sys.path.insert(0, str(ROOT))
    from quizgen.build import build

    IMAGES.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch)
        build([SET], out, ["pdf"], versions=2, word_bank=True)
        for file_name, page, name in PAGES:
            subprocess.run(
                [
                    "pdftoppm",
                    "-png",
                    "-r",
                    str(DPI),
                    "-f",
                    str(page),
                    "-l",
                    str(page),
                    "-singlefile",
                    str(out / file_name),
                    str(IMAGES / name),
                ],
                check=True,
            )
            print(f"wrote {(IMAGES / name).relative_to(ROOT)}.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
