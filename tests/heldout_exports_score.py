"""Score ``refpath add`` on the held-out export variants in ``tests/assets/exports/heldout/``.

Each variant is added through the CLI into a store that already holds one export,
and sorted into: read right, read wrong (silently, or with the wrong message),
refused wrongly, refused right. Run ``python tests/heldout_exports_score.py`` for
the figures per half; ``-v AB`` lists every variant of those halves that is not right.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from typer.testing import CliRunner  # noqa: E402

from refpath.cli import app  # noqa: E402
from refpath.exports.locate import read_export  # noqa: E402

HELDOUT = Path(__file__).parent / "assets" / "exports" / "heldout"
BASE = Path(__file__).parent / "assets" / "exports" / "good" / "current.csv"
OWNER = "Test Owner"


def check(case: dict[str, object], tmp: Path) -> tuple[str, str]:
    """(verdict, why) for one variant: 'right', 'wrong', 'refused wrongly', 'refused right'."""
    runner = CliRunner()
    db = tmp / "s.db"
    assert (
        runner.invoke(app, ["--db", str(db), "add", str(BASE), "--owner", "Base One"]).exit_code
        == 0
    )
    before = db.read_bytes()
    path = HELDOUT / str(case["name"]) / str(case["add"])
    args = ["--db", str(db), "add", str(path)]
    if "owner" not in case:
        args += ["--owner", OWNER]
    result = runner.invoke(app, args)
    out = result.stdout + result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    if "Traceback" in out or (result.exception and not isinstance(result.exception, SystemExit)):
        return "wrong", f"traceback / exception {result.exception!r}"
    if not case["ok"]:
        if result.exit_code == 0:
            return "wrong", f"added, should be refused: {result.stdout.strip()[:200]}"
        if db.read_bytes() != before:
            return "wrong", "refused but the store changed"
        if len(lines) != 1:
            return "wrong", f"{len(lines)} error lines: {lines}"
        says = str(case["says"])
        if says.lower() not in lines[0].lower() or path.name not in lines[0]:
            return "wrong", f"message lacks {says!r} or the file: {lines[0]}"
        return "refused right", lines[0]
    if result.exit_code != 0:
        return "refused wrongly", " | ".join(lines)[:300]
    export = read_export(path, owner=None if "owner" in case else OWNER)
    got = export.connections
    problems = []
    if len(got.contacts) != case["people"]:
        problems.append(f"people {len(got.contacts)} != {case['people']}")
    if got.hidden != case["hidden"]:
        problems.append(f"hidden {got.hidden} != {case['hidden']}")
    dates = [c.connected_on.isoformat() if c.connected_on else None for c in got.contacts]
    if dates != case["dates"]:
        problems.append(f"dates {dates} != {case['dates']}")
    if "owner" in case and export.owner_name != case["owner"]:
        problems.append(f"owner {export.owner_name!r}")
    for kind in ("messages", "invitations", "endorsements", "recommendations"):
        if kind in case and len(getattr(export, kind)) != case[kind]:
            problems.append(f"{kind} {len(getattr(export, kind))} != {case[kind]}")
    if "company5" in case and got.contacts[4].company != case["company5"]:
        problems.append(f"5th company {got.contacts[4].company!r}")
    warnings = [*got.warnings, *export.warnings]
    wanted = case.get("warns")
    if wanted and not any(str(wanted) in w for w in warnings):
        problems.append(f"no warning saying {wanted!r}: {warnings}")
    if not wanted and warnings:
        problems.append(f"unexpected warnings {warnings}")
    if any("\n" in w for w in warnings):
        problems.append("a warning spans lines")
    names = [f"{c.first_name} {c.last_name}" for c in got.contacts]
    if any("\ufffd" in n for n in names) and wanted != "replaced":
        problems.append(f"replacement characters in {names}")
    return ("wrong", "; ".join(problems)) if problems else ("right", "")


def main(verbose: str = "") -> dict[str, dict[str, int]]:
    cases = json.loads((HELDOUT / "expected.json").read_text())
    scores: dict[str, dict[str, int]] = {}
    for case in cases:
        with tempfile.TemporaryDirectory() as tmp:
            verdict, why = check(case, Path(tmp))
        half = scores.setdefault(case["half"], {})
        half[verdict] = half.get(verdict, 0) + 1
        if verbose and case["half"] in verbose and verdict not in ("right", "refused right"):
            print(f"{case['name']}: {verdict}: {why}")
    for half, counts in sorted(scores.items()):
        total = sum(counts.values())
        print(f"half {half} ({total}): " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    return scores


if __name__ == "__main__":
    shutil.which("true")
    main(verbose=sys.argv[sys.argv.index("-v") + 1] if "-v" in sys.argv else "")
