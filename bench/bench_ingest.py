"""Ingest benchmark: `refpath add` of a 50-owner x 20,000-row team folder.

Target (issue #2): <= 3 s on this 2-core machine; DuckDB's read_csv of the
same files takes ~1.4 s here. Each run starts from an empty store.

It also measures a floor: the same people and pairs written into a new store
with the store's own schema, pragmas and bulk index handling, from tuples
read back from a finished store (so no parsing and no identity work at all).
Whatever `refpath add` does, it cannot be faster than that.
"""

from __future__ import annotations

import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from common import REFPATH, peaks_by_process, report, team_folder, time_process

from refpath.store import SECONDARY_INDEXES, open_store

OWNERS, ROWS = 50, 20_000


def sqlite_floor(done: Path, tmp: Path) -> float:
    """Seconds to write ``done``'s owners, people and connections into a new store.

    Rows are read back first (not timed); the timed part is what an add of a
    first team folder must do in SQLite at least: the inserts, people in one
    batch per export, the secondary indexes rebuilt once, and the commit.
    """
    src = sqlite3.connect(done)
    people = src.execute("SELECT * FROM people ORDER BY id").fetchall()
    owners = src.execute("SELECT * FROM owners ORDER BY id").fetchall()
    conns = src.execute("SELECT * FROM connections ORDER BY owner_id, person_id").fetchall()
    src.close()
    per_export = len(people) // len(owners) + 1
    with open_store(tmp / f"floor-{time.monotonic_ns()}.db") as store:
        t = time.perf_counter()
        with store.transaction() as conn:
            for name, _ in SECONDARY_INDEXES:
                conn.execute(f"DROP INDEX IF EXISTS {name}")
            for i in range(0, len(people), per_export):
                conn.executemany(
                    "INSERT INTO people VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    people[i : i + per_export],
                )
            marks = ", ".join("?" * len(owners[0]))
            conn.executemany(f"INSERT INTO owners VALUES ({marks})", owners)
            conn.executemany("INSERT INTO connections VALUES (?, ?, ?, ?, ?, ?, ?, ?)", conns)
            for _, create in SECONDARY_INDEXES:
                conn.execute(create)
        return time.perf_counter() - t


def main() -> None:
    team = team_folder(OWNERS, ROWS)
    timings = []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(3):
            db = Path(tmp) / f"run{i}.db"
            timings.append(
                time_process([*REFPATH, "--db", str(db), "add", str(team)], runs=1, warmup=0)
            )
        peaks = peaks_by_process([*REFPATH, "--db", str(Path(tmp) / "peaks.db"), "add", str(team)])
        floors = [sqlite_floor(Path(tmp) / "run0.db", Path(tmp)) for _ in range(3)]
    times = sorted(t["median_s"] for t in timings)
    report(
        f"ingest: refpath add, {OWNERS} owners x {ROWS:,} rows ({OWNERS * ROWS:,} rows)",
        [
            ("median wall time", f"{times[len(times) // 2]:.2f} s"),
            ("min / max", f"{times[0]:.2f} s / {times[-1]:.2f} s"),
            ("peak RSS", f"{max(t['peak_mib'] for t in timings):.0f} MiB (largest process)"),
            (
                "peak RSS by process",
                " + ".join(f"{role} {mib:.0f} MiB" for role, mib in sorted(peaks.items()))
                + f" = {sum(peaks.values()):.0f} MiB at most",
            ),
            ("target", "<= 3 s"),
            (
                "floor: SQLite writes alone",
                f"{statistics.median(floors):.2f} s (min {min(floors):.2f} s): the same rows "
                "from ready tuples, same schema, no parsing or identity work",
            ),
        ],
    )


if __name__ == "__main__":
    main()
