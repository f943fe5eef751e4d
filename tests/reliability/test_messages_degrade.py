"""messages.csv degrades, never drops.

One message with a field longer than the CSV field limit (131,072 characters)
is skipped alone, counted in the add's warnings; the other messages still
count. A messages.csv over the 200 MB file limit, in an unzipped archive folder
or (compressed like text) in a zip, is a warning naming what was skipped, and
the connections are added. Reading messages needs memory near the file's size,
not several times it: the file is decoded as it is parsed, never held as one
string.
"""

from __future__ import annotations

import base64
import csv
import io
import os
import sqlite3
import zipfile
from pathlib import Path

import pytest

from .support import IN, connections_text, run_measured, run_refpath

MB = 2**20
OWNER = ("Olga Owner", IN + "olga-owner")
PEOPLE = [(f"Pat{i} Person", IN + f"pat-{i}") for i in range(3)]
MESSAGE_HEADER = [
    "CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO",
    "RECIPIENT PROFILE URLS", "DATE", "SUBJECT", "CONTENT", "FOLDER",
]  # fmt: skip


def _archive(folder: Path, messages: bytes | None = None) -> Path:
    """An unzipped archive: Connections.csv (three people), Profile.csv, messages.csv."""
    folder.mkdir(parents=True)
    rows = [[*n.split(), u, "", "Acme", "Eng", "01 Feb 2024"] for n, u in PEOPLE]
    (folder / "Connections.csv").write_text(connections_text(rows), encoding="utf-8")
    (folder / "Profile.csv").write_text("First Name,Last Name\nOlga,Owner\n", encoding="utf-8")
    if messages is not None:
        (folder / "messages.csv").write_bytes(messages)
    return folder


def _messages(contents: list[str]) -> bytes:
    """One message per content, alternating between the owner and a person, both ways."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(MESSAGE_HEADER)
    for i, content in enumerate(contents):
        person = PEOPLE[i % len(PEOPLE)]
        a, b = (OWNER, person) if i % 2 else (person, OWNER)
        w.writerow([f"c{i % 3}", "", *a, *b, f"2024-03-{i % 28 + 1:02d} 10:00:00 UTC", "", content,
                    "INBOX"])  # fmt: skip
    return buf.getvalue().encode("utf-8")


def _counted(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT COALESCE(SUM(sent + received), 0) FROM signals").fetchone()[0]
    finally:
        conn.close()


def _zip(folder: Path) -> Path:
    path = folder.with_suffix(".zip")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        for child in sorted(folder.iterdir()):
            z.write(child, f"Basic_LinkedInDataExport/{child.name}")
    return path


@pytest.mark.parametrize("packed", ["folder", "zip"])
def test_one_over_long_message_is_skipped_alone(tmp_path, packed):
    # a field of 200,000 characters over several lines, between ordinary messages
    giant = ("word " * 1000 + "\n") * 40
    contents = ["Hello", "Hi!", giant, "Thanks", "Talk soon", "Bye\nnow", "ok"]
    export = _archive(tmp_path / "olga", _messages(contents))
    if packed == "zip":
        export = _zip(export)
    db = tmp_path / "s.db"
    done = run_refpath(db, "add", export)
    assert done.returncode == 0, done.stderr
    warning = [line for line in done.stderr.splitlines() if "skipped" in line]
    assert len(warning) == 1 and "1 message with a field over 131,072 characters" in warning[0]
    assert "messages.csv" in warning[0] and "row 3" in warning[0]
    assert _counted(db) == len(contents) - 1


def test_the_csv_field_limit_is_restored_after_reading_messages():
    from refpath.exports.archive import parse_messages

    before = csv.field_size_limit()
    notes: list[str] = []
    found, _ = parse_messages(_messages(["x" * 200_000, "hi"]).decode(), warnings=notes)
    assert csv.field_size_limit() == before
    assert len(notes) == 1 and sum(s.sent + s.received for s in found) == 1


def test_an_oversized_messages_csv_in_a_folder_is_a_warning(tmp_path):
    export = _archive(tmp_path / "olga")
    with open(export / "messages.csv", "wb") as f:  # sparse: 300 MB without the disk
        f.write(b",".join(h.encode() for h in MESSAGE_HEADER) + b"\n")
        f.truncate(300 * MB)
    db = tmp_path / "s.db"
    done = run_refpath(db, "add", export)
    assert done.returncode == 0, done.stderr
    (warning,) = [line for line in done.stderr.splitlines() if "messages.csv" in line]
    assert warning.startswith("refpath: warning: ") and "skipped" in warning
    assert "300 MB" in warning and str(export) in warning
    assert "3 people read" in done.stdout


@pytest.mark.slow
def test_an_oversized_messages_csv_in_a_zip_is_a_warning(tmp_path):
    export = _archive(tmp_path / "olga")
    path = tmp_path / "olga.zip"
    line = base64.b64encode(os.urandom(3 * MB // 4)) + b"\n"  # 1 MB of text-like bytes
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:  # stored: 1:1, not a bomb
        for child in sorted(export.iterdir()):
            z.write(child, child.name)
        with z.open("messages.csv", "w", force_zip64=True) as member:
            member.write(",".join(MESSAGE_HEADER).encode() + b"\n")
            for _ in range(210):
                member.write(line)
    db = tmp_path / "s.db"
    done = run_refpath(db, "add", path)
    assert done.returncode == 0, done.stderr
    (warning,) = [line for line in done.stderr.splitlines() if "messages.csv" in line]
    assert "skipped" in warning and "over the 200 MB limit" in warning
    assert "3 people read" in done.stdout


def _big_messages(size: int) -> bytes:
    """A messages.csv of about ``size`` bytes, with accents and emoji (4-byte characters)."""
    words = ["Zoë", "😀", "meeting", "tomorrow", "about", "the", "robots", "línea", "Straße"]
    contents = []
    total = 0
    i = 0
    while total < size:
        text = " ".join(words[(i + k) % len(words)] for k in range(60))
        contents.append(text)
        total += len(text.encode()) + 120
        i += 1
    return _messages(contents)


def test_reading_messages_needs_memory_near_the_files_size(tmp_path):
    data = _big_messages(40 * MB)
    export = _archive(tmp_path / "olga", data)
    size_mb = len(data) // MB
    base = _archive(tmp_path / "empty")
    code, _, err, floor = run_measured(tmp_path / "a.db", "add", base)
    assert code == 0, err
    code, _, err, peak = run_measured(tmp_path / "b.db", "add", export)
    assert code == 0, err
    assert _counted(tmp_path / "b.db") > 50_000
    # the bytes themselves, plus a little; decoding the whole text took 6-10x the size
    assert peak - floor < 2 * size_mb, f"{peak} MB peak for a {size_mb} MB messages.csv"
