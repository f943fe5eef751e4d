"""Helpers for the reliability suite: real ``refpath`` processes, file hashes, table dumps.

Most tests here run ``python -m refpath`` as a real subprocess, because the
properties they prove (a SIGKILL, two processes on one file, a full disk, the
bytes left in the file) only mean something for a real process and a real file.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "sample_exports"
ALEX_ZIP = SAMPLES / "Basic_LinkedInDataExport_11-20-2026.zip"
SMALL = SAMPLES / "Carol Mendes.csv"  # a small export to start a store with
BAD = REPO / "tests" / "assets" / "exports" / "bad"
ERROR = "refpath: error: "
IN = "https://www.linkedin.com/in/"
HEADER = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]


def refpath_cmd(db: Path, *args: object) -> list[str]:
    """argv for ``python -m refpath --db DB ARGS...``."""
    return [sys.executable, "-m", "refpath", "--db", str(db), *map(str, args)]


def child_env(**extra: str) -> dict[str, str]:
    """The environment for a refpath subprocess: no REFPATH_DB or colour from the caller."""
    env = {k: v for k, v in os.environ.items() if k not in ("REFPATH_DB", "FORCE_COLOR")}
    env.update({"COLUMNS": "200", "PYTHONUTF8": "1", **extra})
    return env


def run_refpath(db: Path, *args: object, **env: str) -> subprocess.CompletedProcess[str]:
    """Run refpath to completion and capture its text output."""
    return subprocess.run(
        refpath_cmd(db, *args),
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=child_env(**env),
        timeout=180,
        check=False,
    )


runner = CliRunner()


def cli(db: Path, *args: object):  # -> click.testing.Result
    """Run refpath in-process through CliRunner (stdout and stderr kept apart)."""
    from refpath.cli import app

    return runner.invoke(app, ["--db", str(db), *map(str, args)])


def one_error_line(stderr: str, *names: object) -> str:
    """The single ``refpath: error: ...`` line on stderr; it must name each of ``names``."""
    lines = stderr.splitlines()
    assert len(lines) == 1, f"expected one line on stderr, got {lines!r}"
    line = lines[0]
    assert line.startswith(ERROR), line
    for name in names:
        assert str(name) in line, f"{name} not named in {line!r}"
    assert "Traceback" not in stderr
    return line


def digest(path: Path) -> str | None:
    """sha256 of a file's bytes, or None when it does not exist."""
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None


def store_files(db: Path) -> list[Path]:
    """The store file and its SQLite companions (-wal, -shm, -journal) that exist now."""
    return [
        p for p in (db, *(Path(f"{db}{s}") for s in ("-wal", "-shm", "-journal"))) if p.exists()
    ]


def raw_bytes(db: Path) -> bytes:
    """Every byte of the store and its companion files, for scanning."""
    return b"".join(p.read_bytes() for p in store_files(db))


def tree(folder: Path) -> dict[str, str | None]:
    """Every file under ``folder`` (relative path -> sha256), symlinks not followed."""
    return {
        p.relative_to(folder).as_posix(): (None if p.is_symlink() or p.is_dir() else digest(p))
        for p in sorted(folder.rglob("*"))
    }


def dump(db: Path) -> dict[str, object]:
    """Everything the store holds: every table's rows (sorted), plus its pragmas."""
    conn = sqlite3.connect(db)
    try:
        tables = [
            name
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        out: dict[str, object] = {
            t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables
        }
        out["schema"] = conn.execute(
            "SELECT type, name, sql FROM sqlite_master ORDER BY type, name"
        ).fetchall()
        for pragma in ("user_version", "application_id"):
            out[pragma] = conn.execute(f"PRAGMA {pragma}").fetchone()[0]
        out["integrity"] = conn.execute("PRAGMA integrity_check").fetchall()
        return out
    finally:
        conn.close()


def write_lock_held(probe: sqlite3.Connection) -> bool:
    """Whether another connection holds the store's write lock (is inside a write transaction)."""
    try:
        probe.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as err:
        if "locked" in str(err) or "busy" in str(err):
            return True
        raise
    probe.execute("ROLLBACK")
    return False


def new_store(db: Path, *paths: Path) -> Path:
    """A store holding the exports at ``paths`` (added through the library, quickly)."""
    from refpath.exports.locate import read_exports
    from refpath.store.db import open_store
    from refpath.store.ingest import add_exports

    with open_store(db) as store:
        add_exports(store, read_exports(list(paths)))
    return db


def connections_text(rows: list[list[str]]) -> str:
    """A current-format Connections.csv (header, no preamble) holding ``rows``."""
    import csv
    import io

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    return buf.getvalue()


# A small Python starts refpath and reports its peak RSS. Measuring from pytest itself would
# count the pages a forked child shares with pytest (which holds the bombs) before its exec.
_MEASURE = (
    "import resource, subprocess, sys; "
    "rc = subprocess.run(sys.argv[1:]).returncode; "
    "sys.stderr.write(f'\\n@@ {rc} {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}')"
)


def run_measured(db: Path, *args: object, cwd: Path | None = None) -> tuple[int, str, str, int]:
    """Run refpath; (exit code, stdout, stderr, peak RSS in MB) of that very process."""
    cmd = [sys.executable, "-c", _MEASURE, *map(str, refpath_cmd(db, *args))]
    proc = subprocess.run(cmd, capture_output=True, cwd=cwd, env=child_env(), text=True)
    err, _, tail = proc.stderr.rpartition("\n@@ ")
    code, maxrss_kib = (int(x) for x in tail.split())
    return code, proc.stdout, err, maxrss_kib // 1024
