"""Inputs that are not what they seem: special files, queries that match everyone, ``same X X``.

``check`` and ``plan`` read only regular files (standard input via ``-`` aside):
a FIFO or ``/dev/zero`` is refused at once with one line, never waited on or
read until memory runs out, and what is read is capped. An empty or
symbol-only name (``""``, ``%``, ``*``) folds to nothing and would match every
person whose name folds to nothing: it is bad input (exit 2, one line), in a
query and in a lead list. ``same X X`` is refused. The store is unchanged each
time.
"""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest

from .support import IN, connections_text, digest, dump, one_error_line, refpath_cmd, run_refpath
from .support import child_env as env

#: A refusal must come at once; a FIFO read would wait forever, /dev/zero for minutes.
AT_ONCE_S = 20


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    """A store where one person's name folds to nothing (an emoji) and one is ordinary."""
    root = tmp_path_factory.mktemp("special")
    export = root / "carol-mendes.csv"
    rows = [
        ["\U0001f642", "", IN + "smiley", "", "Acme", "CEO", "01 Feb 2026"],
        ["%", "*", IN + "symbols", "", "", "CTO", "01 Feb 2026"],
        ["Jane", "Doe", IN + "jane-doe", "", "Acme", "VP", "01 Feb 2026"],
    ]
    export.write_text(connections_text(rows), encoding="utf-8")
    db = root / "s.db"
    added = run_refpath(db, "add", export)
    assert added.returncode == 0, added.stderr
    return db


def _timed(
    db: Path, *args: object, stdin: bytes | None = None
) -> tuple[subprocess.CompletedProcess, float]:
    start = time.monotonic()
    done = subprocess.run(
        refpath_cmd(db, *args),
        capture_output=True,
        input=stdin,
        env=env(),
        timeout=AT_ONCE_S * 3,
        check=False,
    )
    return done, time.monotonic() - start


@pytest.mark.parametrize("command", ["check", "plan"])
@pytest.mark.parametrize("special", ["fifo", "/dev/zero", "folder"])
def test_a_special_file_is_refused_at_once(db, tmp_path, command, special):
    path = Path(special)
    if special == "fifo":
        path = tmp_path / "leads.csv"
        os.mkfifo(path)  # no writer ever opens it: a read would wait forever
    elif special == "folder":
        path = tmp_path
    before = digest(db)
    done, took = _timed(db, command, path)
    assert done.returncode == 2, done.stderr
    line = one_error_line(done.stderr.decode(), path)
    assert ("not a regular file" in line) or ("folder" in line)
    assert took < AT_ONCE_S
    assert digest(db) == before


@pytest.mark.parametrize("command", ["check", "plan"])
def test_a_file_over_the_cap_is_refused_before_it_is_read(db, tmp_path, command):
    huge = tmp_path / "huge.csv"
    with open(huge, "wb") as f:  # sparse: 4 GB that take no disk and no time to make
        f.truncate(4 * 2**30)
    done, took = _timed(db, command, huge)
    assert done.returncode == 2
    assert "too big" in one_error_line(done.stderr.decode(), huge)
    assert took < AT_ONCE_S


def test_check_still_reads_standard_input_and_caps_it(db):
    ok, _ = _timed(db, "check", "-", stdin=b"Hi Jane, Bob suggested I write. Could we talk?\n")
    assert ok.returncode in (0, 1) and ok.stdout
    big, _ = _timed(db, "check", "-", stdin=b"x" * (2**20 + 10))
    assert big.returncode == 2
    one_error_line(big.stderr.decode(), "<stdin>")


@pytest.mark.parametrize("query", ["", " ", "%", "*", "_", "%%", "\U0001f642", "?!", "'\""])
@pytest.mark.parametrize("command", ["to", "draft", "log add"])
def test_a_query_with_no_letter_or_digit_is_bad_input(db, query, command):
    before = dump(db)
    args = [*command.split(), query]
    if command == "log add":
        args += ["--via", "Jane Doe"]
    done = run_refpath(db, *args)
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert "is not a name" in one_error_line(done.stderr)
    assert done.stdout == ""
    assert dump(db) == before


@pytest.mark.parametrize("company", ["", "%", "*"])
def test_a_company_with_no_letter_or_digit_is_bad_input(db, company):
    for args in (["at", company], ["to", "Jane Doe", "--company", company]):
        done = run_refpath(db, *args)
        assert done.returncode == 2, (args, done.stdout, done.stderr)
        assert "not a company name" in one_error_line(done.stderr)


def test_a_lead_list_of_symbols_is_refused_and_symbol_rows_are_skipped(db, tmp_path):
    only = tmp_path / "only.txt"
    only.write_text("%\n*\n\U0001f642\n", encoding="utf-8")
    done = run_refpath(db, "plan", only)
    assert done.returncode == 2
    one_error_line(done.stderr, only)
    mixed = tmp_path / "mixed.csv"
    mixed.write_text("Name,Company\n%,Acme\nJane Doe,Acme\n*,\n", encoding="utf-8")
    done = run_refpath(db, "plan", mixed, "--json")
    assert done.returncode == 0, done.stderr
    assert "lines 2, 4: no name or profile URL; skipped" in done.stderr
    assert '"prospect": "Jane Doe"' in done.stdout and '"prospect": "%"' not in done.stdout


@pytest.mark.parametrize(
    "pair",
    [("Jane Doe", "Jane Doe"), ("Jane Doe", IN + "jane-doe"), (IN + "nobody", IN + "nobody")],
)
@pytest.mark.parametrize("verb", ["same", "different"])
def test_same_x_x_is_refused(db, pair, verb):
    before = dump(db)
    done = run_refpath(db, verb, *pair)
    assert done.returncode in (1, 2), done.stdout
    one_error_line(done.stderr)
    if verb == "same":
        assert done.returncode == 2 and "the same entry" in done.stderr
    assert dump(db) == before
