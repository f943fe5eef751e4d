"""``remove`` leaves no alias that only the removed colleague's export made.

Two kinds of alias come from one export: ``ow:NAME``, the key a colleague had
before their own archive showed their profile URL, and ``nm:NAME|COMPANY``,
the key of a row without URL that another export's URL row later took over.
After ``remove`` neither is left when nothing else backs it, so the store holds
what the remaining exports alone would give; the outreach log the user typed
stays, as ``docs/privacy.md`` says.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from .support import IN, connections_text, run_refpath

MESSAGES = (
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
    "DATE,SUBJECT,CONTENT,FOLDER\n"
    f"c1,,Quinn Zq,{IN}quinn-zq,Ola Other,{IN}ola-other,2026-03-01 10:00:00 UTC,,Hi,INBOX\n"
)


def _team(root: Path) -> tuple[Path, Path, Path]:
    """Bob's export; Quinn's CSV (no URL for Quinn yet; Nia by name only); Quinn's archive."""
    bob = root / "bob-builder.csv"
    bob.write_text(connections_text([
        ["Quinn", "Zq", IN + "quinn-zq", "", "Acme", "Eng", "01 Feb 2024"],
        ["Nia", "Name", IN + "nia-name", "", "Acme", "CTO", "01 Feb 2024"],
        ["Ola", "Other", IN + "ola-other", "", "Globex", "CEO", "01 Feb 2024"],
    ]))  # fmt: skip
    rows = [
        ["Nia", "Name", "", "", "Acme", "CTO", "01 Feb 2024"],
        ["Ola", "Other", IN + "ola-other", "", "Globex", "CEO", "01 Feb 2024"],
        ["Bob", "Builder", "", "", "Acme", "Boss", "01 Feb 2024"],
    ]
    quinn_csv = root / "quinn-zq.csv"
    quinn_csv.write_text(connections_text(rows))
    archive = root / "quinn-zq"
    archive.mkdir()
    (archive / "Connections.csv").write_text(connections_text(rows))
    (archive / "Profile.csv").write_text("First Name,Last Name\nQuinn,Zq\n")
    (archive / "messages.csv").write_text(MESSAGES)
    return bob, quinn_csv, archive


def _aliases(db: Path) -> list[tuple[str, str]]:
    conn = sqlite3.connect(db)
    try:
        return sorted(
            conn.execute("SELECT a.alias, p.key FROM aliases a JOIN people p ON p.id = a.person_id")
        )
    finally:
        conn.close()


def _log(db: Path) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return sorted(conn.execute("SELECT prospect_key, introducer_key, status FROM outreach"))
    finally:
        conn.close()


def test_remove_drops_the_ow_and_nm_aliases_only_that_export_made(tmp_path):
    bob, quinn_csv, archive = _team(tmp_path)
    db = tmp_path / "s.db"
    for args in (["add", quinn_csv], ["add", bob], ["add", archive]):  # archive: Quinn's URL
        done = run_refpath(db, *args)
        assert done.returncode == 0, done.stderr
    made = {alias for alias, _ in _aliases(db)}
    assert "nm:nia name|acme" in made  # Bob's URL row took over Quinn's name-only Nia
    assert "ow:quinn zq" in made  # Quinn's key before the archive showed the URL
    logged = run_refpath(db, "log", "add", "Nia Name", "--via", "Ola Other")
    assert logged.returncode == 0, logged.stderr
    log = _log(db)

    removed = run_refpath(db, "remove", "Quinn Zq")

    assert removed.returncode == 0, removed.stderr
    alone = tmp_path / "alone.db"
    assert run_refpath(alone, "add", bob).returncode == 0
    assert _aliases(db) == _aliases(alone) == []
    assert _log(db) == log  # what the user typed stays
    shown = run_refpath(db, "log")
    assert "Nia Name" in shown.stdout and "Ola Other" in shown.stdout


def test_an_alias_another_export_still_backs_stays(tmp_path):
    bob, quinn_csv, _ = _team(tmp_path)
    carl = tmp_path / "carl-third.csv"  # Carl too knows Nia by name only
    carl.write_text(connections_text([["Nia", "Name", "", "", "Acme", "CTO", "01 Mar 2024"]]))
    db = tmp_path / "s.db"
    for args in (["add", quinn_csv, carl], ["add", bob]):
        assert run_refpath(db, *args).returncode == 0
    assert "nm:nia name|acme" in {a for a, _ in _aliases(db)}
    assert run_refpath(db, "remove", "Quinn Zq").returncode == 0
    assert ("nm:nia name|acme", "in:nia-name") in _aliases(db)
    assert run_refpath(db, "to", "Nia Name").returncode == 0


def test_a_key_the_outreach_log_names_still_finds_its_person(tmp_path):
    bob, quinn_csv, archive = _team(tmp_path)
    db = tmp_path / "s.db"
    for args in (["add", quinn_csv], ["add", bob], ["add", archive]):
        assert run_refpath(db, *args).returncode == 0
    # Bob's key is the name-only key Quinn's export gave him: the log stores that key
    assert run_refpath(db, "log", "add", "Nia Name", "--via", "Bob Builder").returncode == 0
    ((_, introducer, _),) = _log(db)
    assert introducer.startswith("nm:")
    assert run_refpath(db, "remove", "Quinn Zq").returncode == 0
    assert _log(db) == [("in:nia-name", introducer, "asked")]
    conn = sqlite3.connect(db)
    try:
        found = conn.execute(
            "SELECT p.name FROM aliases a JOIN people p ON p.id = a.person_id WHERE a.alias = ?",
            (introducer,),
        ).fetchall()
    finally:
        conn.close()
    assert found == [("Bob Builder",)]


def test_remove_drops_the_urn_alias_its_evidence_made(tmp_path):
    bob, _, _ = _team(tmp_path)
    quinn = tmp_path / "quinn"
    quinn.mkdir()
    (quinn / "Connections.csv").write_text(
        connections_text([["Nia", "Name", IN + "nia-name", "", "Acme", "CTO", "01 Feb 2024"]])
    )
    (quinn / "Profile.csv").write_text("First Name,Last Name\nQuinn,Zq\n")
    (quinn / "Invitations.csv").write_text(  # mid-2023: the counterpart by member URN
        "From,To,Sent At,Message,Direction,inviterProfileUrn,inviteeProfileUrn\n"
        'Nia Name,Quinn Zq,"4/2/23, 9:00 AM",Hello!,INCOMING,urn:li:member:998877,\n'
    )
    db = tmp_path / "s.db"
    for args in (["add", bob], ["add", quinn]):
        done = run_refpath(db, *args)
        assert done.returncode == 0, done.stderr
    assert ("urn:li:member:998877", "in:nia-name") in _aliases(db)
    assert run_refpath(db, "remove", "Quinn Zq").returncode == 0
    assert _aliases(db) == []
