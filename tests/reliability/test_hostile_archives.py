"""Hostile archives through a real ``refpath add``: climbing paths, zip bombs, symlinks.

Zips are read in memory and never extracted, so no entry name can put a file
anywhere; a zip with an unsafe name is refused outright. Zip bombs are refused
from their headers before anything is decompressed, and a header that lies is
caught while reading, a megabyte at a time. Symlinks inside a folder the user
gives are followed only when they stay inside it. Every refusal is one line
naming the file, exit code 2, and the store's bytes do not change.

(``tests/test_exports.py`` pins the parser-level refusals; these tests run the
command and look at the file system, the memory used and the store.)
"""

from __future__ import annotations

import struct
import tempfile
import uuid
import zipfile
import zlib
from pathlib import Path

import pytest

from .support import (
    ALEX_ZIP,
    REPO,
    SMALL,
    digest,
    new_store,
    one_error_line,
    raw_bytes,
    run_measured,
    tree,
)

ARCHIVE = REPO / "tests" / "assets" / "exports" / "archive"
MB = 2**20


def connections_csv() -> bytes:
    return (ARCHIVE / "Connections.csv").read_bytes()


@pytest.fixture
def world(tmp_path):
    """A store holding a small export, an empty working folder, and a place for inputs."""
    db = new_store(tmp_path / "store" / "s.db", SMALL)
    (tmp_path / "cwd").mkdir()
    (tmp_path / "in").mkdir()
    return tmp_path, db


# ---------------------------------------------------------------- entry paths


def _evil_names(token: str) -> list[str]:
    tmp = tempfile.gettempdir()
    return [
        f"../{token}.csv",
        f"../../../{token}.csv",
        f"Basic_LinkedInDataExport/../../{token}.csv",
        f"{tmp}/{token}.csv",
        f"/{token}.csv",
        f"..\\..\\{token}.csv",
        f"C:\\Users\\Public\\{token}.csv",
        f"C:/{token}.csv",
    ]


@pytest.mark.parametrize("index", range(8))
def test_entries_with_climbing_or_absolute_paths_are_refused_and_written_nowhere(world, index):
    root, db = world
    token = f"refpath-evil-{uuid.uuid4().hex}"
    evil = _evil_names(token)[index]
    path = root / "in" / "evil.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("Connections.csv", connections_csv())
        archive.writestr(zipfile.ZipInfo(evil), b"First Name,Last Name,Connected On\nEve,Evil,x\n")
        archive.writestr("Profile.csv", b"First Name,Last Name\nEve,Evil\n")
    assert evil in zipfile.ZipFile(path).namelist()  # the name went in as written
    before, store_before = tree(root), digest(db)

    code, out, err, _ = run_measured(db, "add", path, cwd=root / "cwd")

    assert code == 2
    assert "unsafe path" in one_error_line(err, path)
    assert out == ""
    assert tree(root) == before and digest(db) == store_before
    places = [root, root.parent, root / "cwd", root / "in", Path(tempfile.gettempdir()), Path("/")]
    for place in places:
        assert not any(token in p.name for p in place.iterdir()), place


# ------------------------------------------------------------------ zip bombs


def _zeros_deflated(size: int) -> tuple[bytes, int]:
    """Raw deflate data for ``size`` zero bytes (whole MBs) and their CRC-32, built cheaply.

    One megabyte of zeros is deflated once and ends in a full flush, so the
    same bytes can simply be repeated; a final empty block ends the stream.
    """
    assert size % MB == 0
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(bytes(MB)) + compressor.flush(zlib.Z_FULL_FLUSH)
    last = zlib.compressobj(9, zlib.DEFLATED, -15).flush()
    crc = 0
    zeros = bytes(MB)
    for _ in range(size // MB):
        crc = zlib.crc32(zeros, crc)
    return block * (size // MB) + last, crc


def _zip_bytes(members: list[tuple[str, bytes, int, int, int]]) -> bytes:
    """A zip written by hand: (name, stored data, method, CRC-32, size it claims to unpack to)."""
    body, central = bytearray(), bytearray()
    when = (0x5A4D, 0x5B51)  # time, date (13 Feb 2025)
    for name, data, method, crc, size in members:
        encoded = name.encode()
        central += struct.pack(
            "<4s6H3I5H2I", b"PK\x01\x02", 20, 20, 0, method, *when, crc, len(data), size,
            len(encoded), 0, 0, 0, 0, 0o100644 << 16, len(body),
        ) + encoded  # fmt: skip
        body += struct.pack(
            "<4s5H3I2H", b"PK\x03\x04", 20, 0, method, *when, crc, len(data), size,
            len(encoded), 0,
        ) + encoded + data  # fmt: skip
    end = struct.pack("<4s4H2IH", b"PK\x05\x06", 0, 0, len(members), len(members),
                      len(central), len(body), 0)  # fmt: skip
    return bytes(body + central + end)


GIB = 2**30


def test_the_bomb_builder_makes_real_zips(tmp_path):
    """A small bomb from the same builder unpacks to exactly the zeros its header promises."""
    data, crc = _zeros_deflated(4 * MB)
    path = tmp_path / "small.zip"
    path.write_bytes(_zip_bytes([("messages.csv", data, zipfile.ZIP_DEFLATED, crc, 4 * MB)]))
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None
        assert archive.read("messages.csv") == bytes(4 * MB)


@pytest.fixture(scope="module")
def gigabyte_of_zeros() -> tuple[bytes, int]:
    return _zeros_deflated(GIB)


def _stored(name: str, data: bytes) -> tuple[str, bytes, int, int, int]:
    return name, data, zipfile.ZIP_STORED, zlib.crc32(data), len(data)


@pytest.mark.parametrize(
    "case, refusal",
    [
        ("connections", "would unpack to 1024 MB"),
        ("messages", "would unpack to 1024 MB"),
        ("ratio", "messages.csv is compressed 1011:1"),  # 150 MB: under the size cap
        ("liar", "can't read Connections.csv"),  # a header that says 20 kB
        ("liar_in_folder", "can't read Basic_LinkedInDataExport_02-13-2026/Connections.csv"),
        ("liar_with_its_crc", "binary file"),  # ... with the CRC of those 20 kB
    ],
)
def test_a_gigabyte_zip_bomb_is_refused_in_one_line_without_using_the_memory(
    world, gigabyte_of_zeros, case, refusal
):
    root, db = world
    bomb, crc = gigabyte_of_zeros
    connections = _stored("Connections.csv", connections_csv())
    deflated, small_crc = zipfile.ZIP_DEFLATED, zlib.crc32(bytes(20_000))
    zeros150, crc150 = _zeros_deflated(150 * MB)
    members = {
        "connections": [("Connections.csv", bomb, deflated, crc, GIB)],
        "messages": [connections, ("messages.csv", bomb, deflated, crc, GIB)],
        "ratio": [connections, ("messages.csv", zeros150, deflated, crc150, 150 * MB)],
        "liar": [("Connections.csv", bomb, deflated, crc, 20_000)],
        "liar_in_folder": [
            ("Basic_LinkedInDataExport_02-13-2026/Connections.csv", bomb, deflated, crc, 20_000)
        ],
        "liar_with_its_crc": [("Connections.csv", bomb, deflated, small_crc, 20_000)],
    }[case]
    path = root / "in" / "bomb.zip"
    path.write_bytes(_zip_bytes(members))
    assert path.stat().st_size < 2 * MB
    before, store_before = tree(root), digest(db)

    code, out, err, peak_mb = run_measured(db, "add", path, cwd=root / "cwd")

    assert (code, out) == (2, ""), (code, out, err)
    assert refusal in one_error_line(err, path)
    assert peak_mb < 300, f"refpath used {peak_mb} MB refusing a zip bomb"
    assert tree(root) == before, (before, tree(root))
    assert digest(db) == store_before


# ------------------------------------------------------------------- symlinks


def _outside(root: Path, token: str) -> Path:
    """A folder outside the one given to refpath, holding files that must never be read."""
    outside = root / "outside"
    outside.mkdir()
    (outside / "Profile.csv").write_text(f"First Name,Last Name\nZed,Outsider{token}\n")
    (outside / "Connections.csv").write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        f"Yan,Outsider{token},,,Outside{token},,01 Feb 2026\n"
    )
    return outside


def test_symlinks_in_an_archive_folder_are_not_followed_out_of_it(world):
    root, db = world
    token = uuid.uuid4().hex[:12]
    outside = _outside(root, token)
    folder = root / "in" / "ana-lima"
    folder.mkdir()
    (folder / "Connections.csv").write_bytes(connections_csv())
    (folder / "Profile.csv").symlink_to(outside / "Profile.csv")
    (folder / "messages.csv").symlink_to("/dev/zero")
    (folder / "Invitations.csv").symlink_to(folder / "Invitations.csv")  # a loop
    (folder / "sub").symlink_to(outside, target_is_directory=True)

    code, out, err, _ = run_measured(db, "add", folder, cwd=root / "cwd")

    assert (code, err) == (0, ""), err
    assert out.startswith("Ana Lima: added")  # named by its folder: Profile.csv was not read
    assert token.encode() not in raw_bytes(db)


def test_a_connections_file_linked_from_outside_is_not_read(world):
    root, db = world
    token = uuid.uuid4().hex[:12]
    outside = _outside(root, token)
    folder = root / "in" / "ana-lima"
    folder.mkdir()
    (folder / "Connections.csv").symlink_to(outside / "Connections.csv")
    store_before = digest(db)

    code, _, err, _ = run_measured(db, "add", folder, cwd=root / "cwd")

    assert code == 2
    assert "no LinkedIn export in this folder" in one_error_line(err, folder)
    assert digest(db) == store_before and token.encode() not in raw_bytes(db)


def test_a_symlink_stored_inside_a_zip_is_data_not_a_link(world):
    """A zip entry marked as a symlink holds only the target's name; it is never followed."""
    root, db = world
    token = uuid.uuid4().hex[:12]
    outside = _outside(root, token)
    path = root / "in" / "linked.zip"
    with zipfile.ZipFile(path, "w") as archive:
        link = zipfile.ZipInfo("Connections.csv")
        link.create_system = 3
        link.external_attr = 0o120777 << 16  # S_IFLNK
        archive.writestr(link, str(outside / "Connections.csv"))
    store_before = digest(db)

    code, _, err, _ = run_measured(db, "add", path, "--owner", "Ana Lima", cwd=root / "cwd")

    assert code == 2
    one_error_line(err, path)
    assert digest(db) == store_before and token.encode() not in raw_bytes(db)


def test_the_real_sample_archive_is_read_without_writing_anything(world):
    root, db = world
    before = tree(root / "cwd"), tree(root / "in")
    code, out, err, _ = run_measured(db, "add", ALEX_ZIP, cwd=root / "cwd")
    assert (code, err) == (0, ""), err
    assert out.startswith("Alex Rivera: added")
    assert (tree(root / "cwd"), tree(root / "in")) == before
