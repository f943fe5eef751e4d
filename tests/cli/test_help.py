"""Every command, and every option of every command, has help text."""

from __future__ import annotations

import pytest
import typer.main
from typer.testing import CliRunner

from refpath.cli import app

runner = CliRunner()


def _commands(group, prefix=()):
    for name, cmd in sorted(group.commands.items()):
        path = (*prefix, name)
        yield path, cmd
        if hasattr(cmd, "commands"):
            yield from _commands(cmd, path)


ROOT = typer.main.get_command(app)
COMMANDS = list(_commands(ROOT))


def test_the_commands_of_the_readme_exist():
    names = {path[0] for path, _ in COMMANDS}
    assert {"add", "stats", "sources", "remove", "same", "different"} <= names


@pytest.mark.parametrize("path,cmd", COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_every_command_has_help(path, cmd):
    assert cmd.help and len(cmd.help.strip()) > 15, f"{' '.join(path)} has no help text"
    for param in cmd.params:
        if param.param_type_name == "option" and param.name not in {"help"}:
            assert getattr(param, "help", None), f"{' '.join(path)} {param.opts} has no help"
    result = runner.invoke(app, [*path, "--help"])
    assert result.exit_code == 0
    assert "Usage" in result.output


def test_version_and_no_args_point_to_help():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output.startswith("refpath ")
    result = runner.invoke(app, [])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "refpath: error: Missing command; see refpath --help\n"


def test_the_command_reference_is_current():
    """docs/commands.md is generated from the app; regenerate with `make docs`."""
    import runpy
    from pathlib import Path

    docs = Path(__file__).resolve().parents[2] / "docs"
    render = runpy.run_path(str(docs / "make_commands.py"))["render"]
    assert (docs / "commands.md").read_text(encoding="utf-8") == render(), (
        "docs/commands.md is out of date: run `make docs`"
    )
