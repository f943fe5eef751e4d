"""Shares benchmark (issue #17): `share`, `sync` of unchanged shares, `add` of a share.

Targets on this 2-core machine (wall time of the whole command, Python start included):

- `refpath share` of a 20,000-connection archive (Connections.csv, Profile.csv and
  messages.csv with two-way threads, zipped as LinkedIn does): <= 1.5 s;
- `refpath sync` of a folder of 50 unchanged shares (2,000 connections each): <= 2 s;
- `refpath add` of a share: no slower than `refpath add` of the raw archive it came from
  (both into an empty store).

The machine is shared and noisy: figures are medians with their spread.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from common import CACHE, REFPATH, report, run, team_folder, time_process

ROWS = 20_000
SHARES, SHARE_ROWS = 50, 2_000


def archive_zip() -> Path:
    """A 20,000-connection archive as a LinkedIn .zip (cached)."""
    from refpath._synth.teams import write_team

    out = CACHE / f"share-archive-{ROWS}.zip"
    CACHE.mkdir(exist_ok=True)
    if not out.exists():
        t = time.perf_counter()
        with tempfile.TemporaryDirectory() as tmp:
            m = write_team(Path(tmp), owners=2, rows=ROWS, seed=3, archives=1)
            folder = Path(tmp) / m.owners[0].slug
            part = out.with_suffix(".part")
            with zipfile.ZipFile(part, "w", zipfile.ZIP_DEFLATED) as z:
                for f in sorted(folder.iterdir()):
                    z.write(f, f.name)
            part.rename(out)
        print(f"  (generated {out.name} in {time.perf_counter() - t:.1f} s)", file=sys.stderr)
    return out


def share_folder() -> Path:
    """A folder of 50 shares of 2,000 connections each (cached)."""
    from refpath.exports.locate import read_exports
    from refpath.exports.share import plan_share, write_share

    out = CACHE / f"shares-{SHARES}x{SHARE_ROWS}"
    done = out / ".done"
    if not done.exists():
        out.mkdir(parents=True, exist_ok=True)
        for export in read_exports([team_folder(SHARES, SHARE_ROWS)]):
            name = export.owner_name.lower().replace(" ", "-")
            write_share(plan_share(export), out / f"{name}.refpath-share.zip")
        done.write_text("ok")
    return out


def fmt(t: dict[str, float]) -> str:
    return (
        f"{t['median_s']:.2f} s median ({t['min_s']:.2f}-{t['max_s']:.2f}), "
        f"{t['peak_mib']:.0f} MiB peak"
    )


def main() -> None:
    archive = archive_zip()
    folder = share_folder()
    with tempfile.TemporaryDirectory(dir=CACHE) as tmp_name:
        tmp = Path(tmp_name)
        share = tmp / "share.zip"
        t_share = time_process([*REFPATH, "share", str(archive), "-o", str(share)], runs=5)

        db = tmp / "sync.db"
        t = time.perf_counter()
        run([*REFPATH, "--db", str(db), "sync", str(folder)])
        first_sync = time.perf_counter() - t
        t_sync = time_process([*REFPATH, "--db", str(db), "sync", str(folder)], runs=5)

        def add(path: Path) -> dict[str, float]:
            stores = tmp / "adds"
            shutil.rmtree(stores, ignore_errors=True)
            stores.mkdir()
            # a fresh store each run: the name changes with every call of the command
            script = (
                "import sys, subprocess, uuid; "
                f"db = {str(stores)!r} + '/' + uuid.uuid4().hex + '.db'; "
                f"sys.exit(subprocess.run({REFPATH!r} + ['--db', db, 'add', {str(path)!r}])"
                ".returncode)"
            )
            return time_process([sys.executable, "-c", script], runs=5)

        t_add_raw = add(archive)
        t_add_share = add(share)
        size = share.stat().st_size / 2**20
    report(
        "share (issue #17)",
        [
            (f"share of a {ROWS:,}-connection archive (<= 1.5 s)", fmt(t_share)),
            ("  share file size", f"{size:.1f} MiB"),
            (f"first sync of the {SHARES} shares (new store, one run)", f"{first_sync:.2f} s"),
            (f"sync of {SHARES} unchanged shares (<= 2 s)", fmt(t_sync)),
            (f"add of the raw {ROWS:,} archive", fmt(t_add_raw)),
            ("add of its share (<= raw)", fmt(t_add_share)),
        ],
    )


if __name__ == "__main__":
    main()
