"""Data quality at the edges: repeated headers and impossible connection dates.

A header line repeated inside a Connections.csv or a lead list (two files
pasted together) is not a person: it is skipped, with a count. A year before
1950 or after next year is not a connection date: the row is kept, undated,
with a warning; ``0001`` is never read as 2001. (``same X X`` is refused: see
``test_special_inputs.py``.)
"""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from .support import HEADER, IN, connections_text, run_refpath

NEXT = date.today().year + 1


def _store(db: Path) -> dict[str, str | None]:
    conn = sqlite3.connect(db)
    try:
        return dict(
            conn.execute(
                "SELECT p.name, c.connected_on FROM connections c "
                "JOIN people p ON p.id = c.person_id"
            )
        )
    finally:
        conn.close()


def test_a_repeated_header_is_skipped_with_a_count(tmp_path):
    text = connections_text([["Ann", "One", IN + "ann-one", "", "Acme", "CEO", "01 Feb 2024"]])
    quoted = ",".join(f'"{h}"' for h in HEADER)
    text += ",".join(HEADER) + "\n" + "Bo,Two,,,Acme,CTO,02 Feb 2024\n" + quoted + "\n"
    text += ",".join(h.upper() for h in HEADER) + "\n" + "Cy,Three,,,Acme,VP,03 Feb 2024\n"
    export = tmp_path / "olga-owner.csv"
    export.write_text(text)
    db = tmp_path / "s.db"
    done = run_refpath(db, "add", export)
    assert done.returncode == 0, done.stderr
    assert "3 people read" in done.stdout
    (warning,) = [line for line in done.stderr.splitlines() if "header" in line]
    assert "line 3: the header line is repeated inside the file (3 times)" in warning
    assert "could not be read" not in done.stderr  # a header's date is not a bad date
    assert set(_store(db)) == {"Ann One", "Bo Two", "Cy Three"}


def test_a_repeated_header_in_a_lead_list_is_not_a_prospect(tmp_path):
    export = tmp_path / "olga-owner.csv"
    export.write_text(
        connections_text([["Jane", "Doe", IN + "jane", "", "Acme", "CEO", "01 Feb 2024"]])
    )
    db = tmp_path / "s.db"
    assert run_refpath(db, "add", export).returncode == 0
    leads = tmp_path / "leads.csv"
    leads.write_text("Name,Company\nJane Doe,Acme\nName,Company\nNAME , company\n")
    done = run_refpath(db, "plan", leads, "--json")
    assert done.returncode == 0, done.stderr
    assert "lines 3, 4: the header line again; skipped" in done.stderr
    assert done.stdout.count('"prospect":') == 1


def test_impossible_years_keep_the_row_undated_with_a_warning(tmp_path):
    rows = [
        ("Old", "1949", "31 Dec 1949"),
        ("Ancient", "1900", "1900-01-01"),
        ("Zero", "0001", "01 Jan 0001"),
        ("Slash", "0001", "1/1/0001"),
        ("Future", "far", "01 Jan 2099"),
        ("Future", "next", f"01 Jan {NEXT + 1}"),
        ("Edge", "first", "01 Jan 1950"),
        ("Edge", "last", f"31 Dec {NEXT}"),
        ("Short", "year", "5 Feb 24"),
    ]
    export = tmp_path / "olga-owner.csv"
    export.write_text(
        connections_text(
            [[f, la, IN + f"{f}-{la}".lower(), "", "Acme", "Eng", on] for f, la, on in rows]
        )
    )
    db = tmp_path / "s.db"
    done = run_refpath(db, "add", export)
    assert done.returncode == 0, done.stderr
    assert "9 people read" in done.stdout
    assert "6 'Connected On' dates could not be read" in done.stderr
    assert f"from 1950 to {NEXT}" in done.stderr
    stored = _store(db)
    for name in (
        "Old 1949",
        "Ancient 1900",
        "Zero 0001",
        "Slash 0001",
        "Future far",
        "Future next",
    ):
        assert stored[name] is None, name
    assert stored["Edge first"] == "1950-01-01"
    assert stored["Edge last"] == f"{NEXT}-12-31"
    assert stored["Short year"] == "2024-02-05"
    assert not any(on and on.startswith("2001") for on in stored.values())
