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


def _refpath(*args: str) -> subprocess.CompletedProcess[str]:
    """The console script's own entry point (main), in a fresh process."""
    code = "import sys; from refpath.cli import main; sys.argv[0] = 'refpath'; main()"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True)


def test_main_builds_only_the_command_asked_for_and_every_command_still_answers(tmp_path):
    """main() builds the one command named; what each prints is what the whole app prints."""
    from typer.testing import CliRunner

    from refpath.cli import app

    db = str(build_team(tmp_path / "s.db"))
    runner = CliRunner()
    for args in (
        ["--db", db, "to", "Jane Doe"],
        [f"--db={db}", "at", "Acme Robotics", "--top", "2"],
        ["--db", db, "log", "--json"],
        ["--db", db, "log", "add", "--help"],
        ["--db", db, "stats"],
        ["--help"],
        ["--version"],
        ["--db", db, "bogus"],
        ["--db", db],
    ):
        alone, whole = _refpath(*args), runner.invoke(app, args)
        assert (alone.returncode, alone.stdout) == (whole.exit_code, whole.stdout), args
    assert "Bob Okafor" in _refpath("--db", db, "to", "Jane Doe").stdout


def test_main_builds_the_parser_of_the_one_command_asked_for():
    """Not a timing test: it lists the parsers main() builds for `refpath to`."""
    code = (
        "import sys, typer.main as tm; from refpath.cli import main\n"
        "built = []; real = tm.get_command_from_info\n"
        "def counted(command_info, **kw):\n"
        "    built.append(command_info.name or command_info.callback.__name__)\n"
        "    return real(command_info, **kw)\n"
        "tm.get_command_from_info = counted\n"
        "sys.argv = ['refpath', 'to', '--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(built, file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stderr.strip().splitlines()[-1] == "['to']"
