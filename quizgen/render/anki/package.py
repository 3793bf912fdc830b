"""Writing the ``.apkg``: a zip of genanki's database and the media, with every byte pinned by
the timestamp it is given."""

from __future__ import annotations

import itertools
import json
import shutil
import sqlite3
import tempfile
import zipfile
from collections.abc import Sequence
from pathlib import Path

import genanki

from ...fileio import atomic_path
from .notes import Media

_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def write_package(
    decks: Sequence[genanki.Deck], media: Sequence[Media], target: Path, timestamp: float
) -> None:
    """Write an .apkg whose bytes depend only on the content and ``timestamp``.

    genanki's own ``write_to_file`` stamps zip entries with the clock and numbers media in set
    order; here the database is written with ids and times counted from ``timestamp``, the zip
    entries carry a fixed date, and media are numbered in name order.
    """
    with tempfile.TemporaryDirectory() as scratch:
        db_path = Path(scratch) / "collection.anki2"
        connection = sqlite3.connect(db_path)
        try:
            cursor = connection.cursor()
            # a scratch file, zipped when complete: no need to wait for the disk after each of the
            # schema's statements and the commit (the file's bytes are the same either way)
            cursor.execute("PRAGMA synchronous = OFF")
            genanki.Package(list(decks)).write_to_db(
                cursor, timestamp, itertools.count(int(timestamp * 1000))
            )
            connection.commit()
        finally:
            connection.close()
        files = sorted({m.name: m.path for m in media}.items())
        with atomic_path(target) as temporary, zipfile.ZipFile(temporary, "w") as archive:
            database = zipfile.ZipInfo("collection.anki2", date_time=_ZIP_EPOCH)
            database.file_size = db_path.stat().st_size  # as writestr sets it
            with db_path.open("rb") as source, archive.open(database, "w") as entry:
                shutil.copyfileobj(source, entry, 1 << 20)
            index = {str(number): name for number, (name, _) in enumerate(files)}
            archive.writestr(
                zipfile.ZipInfo("media", date_time=_ZIP_EPOCH), json.dumps(index, sort_keys=True)
            )
            for number, (_, path) in enumerate(files):
                archive.writestr(
                    zipfile.ZipInfo(str(number), date_time=_ZIP_EPOCH), path.read_bytes()
                )
