"""Ingest benchmark: `refpath add` of a 50-owner x 20,000-row team folder.

Target (issue #2): <= 3 s on this 2-core machine; DuckDB's read_csv of the
same files takes ~1.4 s here. Each run starts from an empty store.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from common import REFPATH, report, team_folder, time_process

OWNERS, ROWS = 50, 20_000


def main() -> None:
    team = team_folder(OWNERS, ROWS)
    timings = []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(3):
            db = Path(tmp) / f"run{i}.db"
            timings.append(
                time_process([*REFPATH, "--db", str(db), "add", str(team)], runs=1, warmup=0)
            )
    times = sorted(t["median_s"] for t in timings)
    report(
        f"ingest: refpath add, {OWNERS} owners x {ROWS:,} rows ({OWNERS * ROWS:,} rows)",
        [
            ("median wall time", f"{times[len(times) // 2]:.2f} s"),
            ("min / max", f"{times[0]:.2f} s / {times[-1]:.2f} s"),
            ("peak RSS", f"{max(t['peak_mib'] for t in timings):.0f} MiB"),
            ("target", "<= 3 s"),
        ],
    )


if __name__ == "__main__":
    main()
