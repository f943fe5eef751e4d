"""What ``refpath to`` pays for at start-up: only the stages it needs.

Each subpackage's ``__init__`` is empty, so a query imports the routes and the
store, never the map, the planner, the drafts or a heavy library. Checked in a
fresh process, since every test process has imported everything already.
"""

from __future__ import annotations

import subprocess
import sys

from builders import build_team

_RUN = """
import sys
from refpath.cli import main
sys.argv = ["refpath", "--db", sys.argv[1], "to", "Jane Doe"]
try:
    main()
except SystemExit as done:
    assert not done.code, done.code
print("\\n".join(sorted(sys.modules)), file=sys.stderr)
"""
NEVER = ("pandas", "matplotlib", "networkx", "numpy", "jinja2", "refpath.map", "refpath._synth")
NEVER_REFPATH = ("refpath.outreach.plan", "refpath.outreach.drafts", "refpath.outreach.leads")


def test_refpath_to_imports_neither_the_map_nor_the_planner_nor_pandas(tmp_path):
    db = build_team(tmp_path / "s.db")
    done = subprocess.run(
        [sys.executable, "-c", _RUN, str(db)], capture_output=True, text=True, check=True
    )
    assert "Bob Okafor" in done.stdout  # the query really ran
    modules = set(done.stderr.split())
    assert "refpath.routes.introducers" in modules
    loaded = sorted(
        m for m in modules for bad in NEVER + NEVER_REFPATH if m == bad or m.startswith(bad + ".")
    )
    assert loaded == []
