"""``refpath add`` on the held-out export variants (``tests/assets/exports/heldout/``).

Each variant is an era's Connections.csv combined with what users do to it, or an
archive laid out differently; ``expected.json`` (written by ``make_heldout.py``)
says what it must give. Through the CLI: the exit code, the people read, one
line per warning or error naming the file, a refused add leaving the store
byte-identical; through the loader the add uses: every date and the archive's
other files. ``tests/heldout_exports_score.py`` prints the same checks as figures.
"""

from __future__ import annotations

import json
import re

import pytest
from builders import ASSETS
from typer.testing import CliRunner

from refpath.cli import app
from refpath.exports.locate import read_export

HELDOUT = ASSETS / "exports" / "heldout"
CASES = json.loads((HELDOUT / "expected.json").read_text(encoding="utf-8"))
BASE = ASSETS / "exports" / "good" / "current.csv"
OWNER = "Test Owner"
runner = CliRunner()


def run(db, *args):
    return runner.invoke(app, ["--db", str(db), *map(str, args)])


def test_the_variants_are_many_and_split_in_halves_fixed_on_one_after_the_other():
    halves = [case["half"] for case in CASES]
    assert len(CASES) >= 50
    assert halves.count("A") >= 20 and halves.count("B") >= 20 and halves.count("C") >= 10


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_heldout_variant_through_the_cli(tmp_path, case):
    db = tmp_path / "s.db"
    assert run(db, "add", BASE, "--owner", "Base One").exit_code == 0
    before = db.read_bytes()
    path = HELDOUT / case["name"] / case["add"]
    owner = [] if "owner" in case else ["--owner", OWNER]
    result = run(db, "add", path, *owner)
    stderr = [line for line in result.stderr.splitlines() if line.strip()]
    assert "Traceback" not in result.stdout + result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)
    if not case["ok"]:
        assert result.exit_code == 2, result.stdout
        (line,) = stderr
        assert line.startswith(f"refpath: error: {path}")
        assert case["says"] in line
        assert db.read_bytes() == before
        return
    assert result.exit_code == 0, result.stderr
    read = re.search(r"(\d+) people read", result.stdout)
    assert read and int(read[1]) == case["people"]
    for line in stderr:  # one line per warning, naming the file it is about
        assert line.startswith(f"refpath: warning: {path}")
    if "warns" in case:
        assert any(case["warns"] in line for line in stderr), stderr
    else:
        assert stderr == []

    export = read_export(path, owner=None if "owner" in case else OWNER)
    got = export.connections
    assert len(got.contacts) == case["people"]
    assert got.hidden == case["hidden"]
    assert [c.connected_on and c.connected_on.isoformat() for c in got.contacts] == case["dates"]
    if "owner" in case:
        assert export.owner_name == case["owner"]
    for kind in ("messages", "invitations", "endorsements", "recommendations"):
        if kind in case:
            assert len(getattr(export, kind)) == case[kind], kind
    if "company5" in case:
        assert got.contacts[4].company == case["company5"]
    if case.get("warns") != "replaced":
        assert not any("\ufffd" in c.first_name + c.last_name for c in got.contacts)
