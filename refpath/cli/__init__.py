"""refpath's command line: a typer app at the edge of the library.

Each ``*_cmds`` module registers its commands on the one app; heavy imports
(pandas, networkx, matplotlib) happen inside the commands that need them, so a
query does not pay for a picture.
"""

import sys

from typer.main import get_command_name
from typer.models import CommandInfo

from refpath.cli import (
    draft_cmds,  # noqa: F401  (registers commands)
    log_cmds,  # noqa: F401  (registers commands)
    map_cmds,  # noqa: F401  (registers commands)
    plan_cmds,  # noqa: F401  (registers commands)
    query_cmds,  # noqa: F401  (registers commands)
    share_cmds,  # noqa: F401  (registers commands)
    store_cmds,  # noqa: F401  (registers commands)
)
from refpath.cli.app import app

#: The order `refpath --help` lists the commands in: a new user's path through them.
ORDER = (
    "add", "sources", "stats", "remove", "same", "different", "doctor",
    "to", "at", "draft", "check", "plan", "map", "clusters", "export", "share", "sync",
)  # fmt: skip


def _name(command: CommandInfo) -> str:
    """The name a registered command is called by."""
    return command.name or get_command_name(getattr(command.callback, "__name__", ""))


app.registered_commands.sort(key=lambda c: ORDER.index(_name(c)))


def _named(argv: list[str]) -> str | None:
    """The command ``argv`` runs, when it is plain which (``--db X to ...``), else None.

    ``refpath --help``, ``--version`` or anything unexpected before the command
    get the whole app.
    """
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--db":
            i += 2
        elif arg.startswith("--db="):
            i += 1
        else:
            return None if arg.startswith("-") else arg
    return None


def main() -> None:
    """Entry point of the ``refpath`` console script.

    Only the command asked for is built: typer builds every command's parser
    from its signature on each start, ~15 ms for all of them, paid by every
    ``refpath to`` (see bench/bench_query.py). The whole app is built for
    ``refpath --help`` and whenever the command is not plain.
    """
    name = _named(sys.argv[1:])
    commands = [c for c in app.registered_commands if name is not None and _name(c) == name]
    groups = [g for g in app.registered_groups if name is not None and g.name == name]
    if commands or groups:
        app.registered_commands[:] = commands
        app.registered_groups[:] = groups
    app()


__all__ = ["app", "main"]
