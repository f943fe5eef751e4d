"""Privacy: who can read the store, what never goes into it, and what ``remove`` leaves.

These tests look at the bytes of the store file and of its ``-wal``/``-shm``
companions, not only at what queries return: text that is not in the bytes
cannot leak, whatever reads the file later.
"""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import uuid
import zipfile
from pathlib import Path

import pytest

from refpath.exports.locate import read_exports
from refpath.store.db import open_store
from refpath.store.ingest import add_exports

from .support import (
    ALEX_ZIP,
    IN,
    SAMPLES,
    child_env,
    cli,
    connections_text,
    one_error_line,
    raw_bytes,
    refpath_cmd,
    run_refpath,
)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# ----------------------------------------------------------------- file modes


def test_a_new_store_is_readable_by_its_owner_only_whatever_the_umask(tmp_path):
    db = tmp_path / "deep" / "er" / "s.db"
    proc = subprocess.run(
        refpath_cmd(db, "add", SAMPLES / "Carol Mendes.csv"),
        capture_output=True,
        text=True,
        env=child_env(),
        preexec_fn=lambda: os.umask(0),  # the most permissive umask there is
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert mode(db) == 0o600
    # the companions SQLite creates while the store is open take the store's mode
    with open_store(db) as store, store.transaction() as conn:
        conn.execute("INSERT INTO decisions VALUES ('a', 'b', 1, 'now')")
        for companion in ("-wal", "-shm"):
            assert mode(Path(f"{db}{companion}")) == 0o600, companion


def test_the_library_creates_the_store_0600_too(tmp_path):
    old = os.umask(0)
    try:
        with open_store(tmp_path / "s.db") as store:
            store.stats()
    finally:
        os.umask(old)
    assert mode(tmp_path / "s.db") == 0o600


# ---------------------------------------------------------- message text never


#: text in Alex's archive that must never reach the store: message contents and
#: subjects, conversation titles, invitation notes, recommendation texts, profile summary
NEVER = [
    "SECRET-MARKER-7f3a",
    "Pricing as discussed, between us please",  # the content around the marker
    "Alex, grow your pipeline this quarter",  # a message SUBJECT
    "Q4 pipeline sync",  # a CONVERSATION TITLE
    "Robotics list is in the shared sheet",
    "we met briefly at the retail ops summit",  # an invitation's note
    "Paolo learns fast, and never drops a follow-up",  # a recommendation's text
    "I help operations leaders see their whole pipeline",  # Profile.csv Summary
]


def test_the_sample_archive_really_holds_the_planted_text():
    with zipfile.ZipFile(ALEX_ZIP) as archive:
        text = b"".join(archive.read(n) for n in archive.namelist()).decode()
    for phrase in NEVER:
        assert phrase in text


def test_message_text_never_reaches_the_store_file_or_its_wal(tmp_path):
    db = tmp_path / "s.db"
    # through the library, keeping the store open so the WAL still holds the pages
    with open_store(db) as store:
        [summary] = add_exports(store, read_exports([ALEX_ZIP]))
        assert summary.signals > 0  # the messages were read: as counts
        assert Path(f"{db}-wal").stat().st_size > 0
        data = raw_bytes(db)
        for phrase in NEVER:
            assert phrase.encode() not in data, phrase
        assert b"Alex Rivera" in data  # (the scan does see the file's text)
    # and through the command, after it has checkpointed and closed
    db2 = tmp_path / "s2.db"
    result = run_refpath(db2, "add", ALEX_ZIP, SAMPLES)
    assert result.returncode == 0, result.stderr
    data = raw_bytes(db2)
    for phrase in NEVER:
        assert phrase.encode() not in data, phrase


# --------------------------------------------------------------------- emails


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("sample") / "s.db"
    assert cli(db, "add", SAMPLES).exit_code == 0
    return db


def _with_email(db: Path) -> tuple[str, list[str]]:
    conn = sqlite3.connect(db)
    try:
        url, email = conn.execute(
            """SELECT p.url, c.email FROM connections c JOIN people p ON p.id = c.person_id
               WHERE c.email LIKE '%@%' AND p.url != '' ORDER BY p.url LIMIT 1"""
        ).fetchone()
        emails = [e for (e,) in conn.execute("SELECT DISTINCT email FROM connections")]
    finally:
        conn.close()
    return url, [e for e in emails if "@" in e]


@pytest.mark.parametrize(
    "args",
    [
        ["to", "{url}"],
        ["to", "{url}", "--json"],
        ["at", "{company}"],
        ["at", "{company}", "--json"],
        ["sources"],
        ["sources", "--json"],
        ["doctor"],
        ["doctor", "--json"],
        ["stats"],
        ["clusters"],
    ],  # fmt: skip
)
def test_emails_are_never_shown_without_show_emails(sample_store, args):
    url, emails = _with_email(sample_store)
    assert emails
    conn = sqlite3.connect(sample_store)
    company = conn.execute("SELECT company FROM people WHERE url = ?", (url,)).fetchone()[0]
    conn.close()
    result = cli(sample_store, *[a.format(url=url, company=company) for a in args])
    assert result.exit_code == 0, result.output
    for email in emails:
        assert email not in result.output
    assert "@" not in result.stdout.replace("@cmd", "")


def test_to_shows_the_email_only_with_show_emails(sample_store):
    url, _ = _with_email(sample_store)
    conn = sqlite3.connect(sample_store)
    pid = conn.execute("SELECT id FROM people WHERE url = ?", (url,)).fetchone()[0]
    own = [e for (e,) in conn.execute(
        "SELECT email FROM connections WHERE person_id = ? AND email LIKE '%@%'", (pid,)
    )]  # fmt: skip
    conn.close()
    shown = cli(sample_store, "to", url, "--show-emails")
    as_json = json.loads(cli(sample_store, "to", url, "--show-emails", "--json").stdout)
    assert all(e in shown.stdout for e in own)
    assert sorted(as_json["target"]["emails"]) == sorted(own)
    assert "emails" not in json.loads(cli(sample_store, "to", url, "--json").stdout)["target"]


@pytest.mark.parametrize("suffix", [".csv", ".gexf", ".graphml"])
def test_export_holds_emails_only_with_show_emails(sample_store, tmp_path, suffix):
    _, emails = _with_email(sample_store)

    def written(*flags: str) -> str:
        out = tmp_path / f"net{len(flags)}{suffix}"
        result = cli(sample_store, "export", "-o", out, *flags)
        assert result.exit_code == 0, result.output
        assert not any(e in result.output for e in emails)
        return "".join(p.read_text() for p in tmp_path.glob(f"net{len(flags)}*"))

    hidden, shown = written(), written("--show-emails")
    assert not any(e in hidden for e in emails)
    assert any(e in shown for e in emails)


# ---------------------------------------------------------- remove: no trace


def _planted_team(
    root: Path, token: str, *, identity: bool = False
) -> tuple[Path, Path, list[str]]:
    """Nia's ordinary export, and Quentin's archive whose every own field carries ``token``.

    With ``identity``, Quentin's export also gives a person Nia knows by name
    only a profile URL, and shows another under a newer display name.
    Returns Nia's file, Quentin's folder, and the markers only Quentin's export holds.
    """
    t = token
    nia = root / "nia-normal.csv"
    nia.write_text(connections_text([
        ["Ola", "Plain", IN + "ola-plain", "", "Acme Robotics", "CTO", "01 Jan 2020"],
        ["Pat", "Named", "", "", "Globex", "Buyer", "02 Jan 2020"],
        ["Rui", "Common", IN + "rui-common", "rui@acme.example", "Acme Robotics", "VP",
         "03 Jan 2020"],
    ]))  # fmt: skip
    quentin = root / "quentin"
    quentin.mkdir()
    (quentin / "Connections.csv").write_text(connections_text([
        [f"Solo{t}", f"Only{t}", IN + f"solo-{t}", f"solo.{t}@example.invalid",
         f"Corp{t}", f"Position{t}", "01 Feb 2026"],
        [f"Nameonly{t}", "Person", "", f"nm.{t}@example.invalid", f"NmCorp{t}", f"NmPos{t}",
         "02 Feb 2026"],
        # people Nia knows too, as Quentin's newer export shows them
        ["Ola", "Plain", IN + "ola-plain", f"ola.{t}@example.invalid", f"SharedCorp{t}",
         f"SharedPos{t}", "03 Feb 2026"],
        ["Rui", f"Common{t}" if identity else "Common", IN + "rui-common", "", "Acme Robotics",
         "SVP" if identity else "VP", "05 Feb 2026"],
    ] + ([
        ["Pat", "Named", IN + f"pat-named-{t}", "", "Globex", "Buyer", "04 Feb 2026"],
    ] if identity else [])))  # fmt: skip
    (quentin / "Profile.csv").write_text(
        f"First Name,Last Name,Headline,Summary\nQuentin,Zq{t},Headline{t},Summary{t}\n"
    )
    (quentin / "messages.csv").write_text(
        "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
        "DATE,SUBJECT,CONTENT,FOLDER\n"
        f"c1,Title{t},Quentin Zq{t},{IN}quentin-{t},Ola Plain,{IN}ola-plain,"
        f"2026-03-01 10:00:00 UTC,Subject{t},Content{t},INBOX\n"
        f"c1,Title{t},Ola Plain,{IN}ola-plain,Quentin Zq{t},{IN}quentin-{t},"
        f"2026-03-02 10:00:00 UTC,,Reply{t},INBOX\n"
        f"c2,,Stranger{t},{IN}stranger-{t},Quentin Zq{t},{IN}quentin-{t},"
        f"2026-03-03 10:00:00 UTC,,Hello{t},INBOX\n"
    )
    markers = [t, f"solo-{t}", f"Corp{t}", f"Headline{t}", f"quentin-{t}", f"Zq{t}"]
    return nia, quentin, markers


def _view(db: Path) -> dict[str, object]:
    """What the store says, without row ids or times: to compare two stores."""
    conn = sqlite3.connect(db)
    try:
        return {
            "people": sorted(conn.execute(
                "SELECT key, name, name_key, company, company_key, position, url FROM people"
            )),
            "connections": sorted(conn.execute(
                """SELECT o.name, p.key, c.connected_on, c.company, c.position, c.email
                   FROM connections c JOIN owners o ON o.id = c.owner_id
                   JOIN people p ON p.id = c.person_id"""
            )),
            "signals": sorted(conn.execute(
                "SELECT o.name, p.key, s.sent, s.received, s.first_msg, s.last_msg FROM signals s "
                "JOIN owners o ON o.id = s.owner_id JOIN people p ON p.id = s.person_id"
            )),
            "aliases": sorted(conn.execute("SELECT alias FROM aliases")),
            "decisions": sorted(conn.execute("SELECT a, b, same FROM decisions")),
            "owners": sorted(conn.execute("SELECT name, source FROM owners")),
        }  # fmt: skip
    finally:
        conn.close()


def test_remove_leaves_no_trace_of_the_owner_in_the_file(tmp_path):
    token = "zq" + uuid.uuid4().hex[:10]
    nia, quentin, markers = _planted_team(tmp_path, token)
    db = tmp_path / "s.db"
    assert run_refpath(db, "add", nia).returncode == 0
    result = run_refpath(db, "add", quentin)
    assert result.returncode == 0, result.stderr
    # decisions naming Quentin-only people (kept across re-adds) must go too
    same = run_refpath(db, "same", IN + f"solo-{token}", f"Nameonly{token} Person")
    assert same.returncode == 0, same.stderr
    assert run_refpath(db, "different", IN + f"solo-{token}", IN + "rui-common").returncode == 0
    before = raw_bytes(db)
    for marker in markers:
        assert marker.encode() in before, marker  # (the scan would see them)

    removed = run_refpath(db, "remove", f"Quentin Zq{token}")

    assert removed.returncode == 0, removed.stderr
    assert removed.stdout.startswith(f"Removed Quentin Zq{token}'s export")
    files = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith("s.db")}
    for name, data in files.items():
        assert token.encode() not in data, f"{name} still holds {token}"
        assert token.encode("utf-16-le") not in data
    # the store now says exactly what a store of Nia's export alone says
    alone = tmp_path / "alone.db"
    assert run_refpath(alone, "add", nia).returncode == 0
    assert _view(db) == _view(alone)


def test_remove_leaves_no_url_or_name_the_owner_gave_people_others_know(tmp_path):
    token = "zq" + uuid.uuid4().hex[:10]
    nia, quentin, _ = _planted_team(tmp_path, token, identity=True)
    db = tmp_path / "s.db"
    assert run_refpath(db, "add", nia).returncode == 0
    assert run_refpath(db, "add", quentin).returncode == 0
    assert run_refpath(db, "remove", f"Quentin Zq{token}").returncode == 0
    assert token.encode() not in raw_bytes(db)


def test_remove_says_so_when_another_reader_keeps_old_bytes_in_the_file(tmp_path, monkeypatch):
    """A program reading the store stops the final checkpoint; remove must not claim success."""
    token = "zq" + uuid.uuid4().hex[:10]
    nia, quentin, _ = _planted_team(tmp_path, token)
    db = tmp_path / "s.db"
    assert run_refpath(db, "add", nia).returncode == 0
    assert run_refpath(db, "add", quentin).returncode == 0
    monkeypatch.setattr("refpath.store.db.BUSY_TIMEOUT_S", 0.2)  # don't wait the full minute
    reader = sqlite3.connect(db)
    reader.execute("BEGIN")
    reader.execute("SELECT COUNT(*) FROM people").fetchone()
    try:
        result = cli(db, "remove", f"Quentin Zq{token}")
        assert token.encode() in raw_bytes(db)  # the reader's snapshot still needs those pages
    finally:
        reader.rollback()
        reader.close()
    assert result.exit_code == 3, result.output
    line = one_error_line(result.stderr, db)
    assert f"Quentin Zq{token}'s export was removed, but another program" in line
    # the export is gone, and once nobody holds the old snapshot neither are its bytes
    assert run_refpath(db, "stats").returncode == 0
    assert token.encode() not in raw_bytes(db)
    assert "Quentin" not in run_refpath(db, "sources").stdout
