"""refpath's command line: a typer app at the edge of the library.

Each ``*_cmds`` module registers its commands on the one app; heavy imports
(pandas, networkx, matplotlib) happen inside the commands that need them, so a
query does not pay for a picture.
"""

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
app.registered_commands.sort(
    key=lambda c: ORDER.index(c.name or getattr(c.callback, "__name__", ""))
)


def main() -> None:
    """Entry point of the ``refpath`` console script."""
    app()


__all__ = ["app", "main"]
