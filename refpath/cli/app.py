"""The typer app, global options and the helpers every command shares.

The command line is the only layer that prints, reads argv or exits. Library
errors (:class:`refpath.errors.RefpathError`) become one line on stderr,
``refpath: error: ...``, and the exit code documented in the README:

==== =====================================================================
code meaning
==== =====================================================================
0    success
1    nothing usable: unknown or ambiguous person, ``check`` found problems
2    bad input: a file, folder, zip or value that cannot be used
3    the store cannot be used: newer schema, damaged file, disk full, busy
130  interrupted (Ctrl-C); the store is unchanged
==== =====================================================================

Anything shown to a terminal passes through :func:`safe` (or :func:`plain` for
JSON and plain echo; :func:`safe_lines` for a text refpath composed, such as a
draft): the one chokepoint, built on :func:`refpath.outfiles.one_line`. Every
value is one line, with ANSI escapes, control characters, bidi controls and
other format characters removed and rich markup escaped; the store keeps the
value as written.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from typer.core import TyperGroup

from refpath.errors import AmbiguousPerson, InputError, RefpathError, UnknownPerson
from refpath.outfiles import OutputClash, inert_lines, one_line, store_files

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def safe(text: object) -> str:
    """Make user data inert for the terminal: one line, no escapes, controls or rich markup.

    >>> safe("Eve\\x1b[31m [bold]x[/bold]\\nrefpath: error: forged\\u202e")
    'Eve \\\\[bold]x\\\\[/bold] refpath: error: forged'
    """
    return escape(one_line(text))


def plain(text: object) -> str:
    """One line, control, bidi and format characters and ANSI escapes removed (JSON, CSV)."""
    return one_line(text)


def safe_lines(text: object) -> str:
    """:func:`safe` for a text refpath composed of several lines (a draft): its breaks stay."""
    return escape(inert_lines(text))


def exports_held(owners: int, me: bool) -> str:
    """Whose exports the store holds (see :func:`refpath.store.db.exports_held`)."""
    from refpath.store.db import exports_held as phrase  # not at start-up: `check` needs no store

    return phrase(owners, me)


#: Candidates listed for an ambiguous name; the best-known first.
MAX_CANDIDATES = 10


def ambiguous(error: AmbiguousPerson, command: Any) -> None:
    """Print the candidates for an ambiguous name, each with the command that picks it; exit 1.

    ``command(args)`` is the whole command line for one candidate, given the
    shell arguments that name them (:func:`pick_args`).
    """
    from refpath.routes.people import Person

    err.print(f"refpath: error: {safe(error)}")
    people = tuple(
        sorted(
            (c for c in error.candidates if isinstance(c, Person)),
            key=lambda p: (-len(p.known_by), p.company, p.position, p.id),
        )
    )
    for cand in people[:MAX_CANDIDATES]:
        err.print(f"  - {safe(cand.describe())}")
        err.print(f"      {safe(command(pick_args(cand, people)))}")
    if len(people) > MAX_CANDIDATES:
        err.print(f"  … and {len(people) - MAX_CANDIDATES} more, known by fewer colleagues")
        err.print("Next: narrow it with --company COMPANY, or run one of the commands above.")
    else:
        err.print("Next: run one of the commands above to pick that person.")
    raise typer.Exit(1)


def pick_args(person: Any, others: tuple[Any, ...]) -> str:
    """The shell arguments that name this one of several namesakes: URL, name + company, or key."""
    if person.url:
        return quoted(person.url)
    same_company = [o for o in others if o.company == person.company]
    if person.company and len(same_company) == 1:
        return f"{quoted(person.name)} --company {quoted(person.company)}"
    return quoted(person.key)


def quoted(text: str) -> str:
    """``text`` in double quotes for a shell command line (``\\``, ``"`` and ``$`` escaped)."""
    return '"' + plain(text).replace("\\", "\\\\").replace('"', '\\"').replace("$", "\\$") + '"'


def naming(store: Any, person: Any, query: str = "") -> str:
    """Shell arguments that name ``person`` again for ``to``/``draft``/``log add``.

    ``query`` (what the user typed) or the name, with ``--company`` when the
    name alone does not find them; else the profile URL, else the store key.
    """
    from refpath.errors import PersonError
    from refpath.routes.people import find_target

    name = query.strip() or person.name
    for company in (None, person.company or None):
        try:
            found = find_target(store, name, company=company, url_ok=True)
        except PersonError:
            continue
        same = found.id == person.id and (person.id or found.name == person.name)
        if same:  # (a prospect in no export has id 0: the same name then)
            return quoted(name) + (f" --company {quoted(company)}" if company else "")
    return quoted(person.url or person.key or name)


class _RefpathGroup(TyperGroup):
    """Turns RefpathError (and store/OS errors) into one line and an exit code.

    Usage errors from the parser (an unknown option or command, a missing
    argument, a value out of range) get the same one line, exit code 2 and a
    pointer to ``--help`` instead of click's boxed usage text.
    """

    def main(  # type: ignore[override]
        self,
        args: Any = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        try:  # typer 0.28 carries its own copy of click
            from typer._click import exceptions as click_errors
        except ImportError:  # pragma: no cover - older typer uses click itself
            from click import exceptions as click_errors  # type: ignore[no-redef]

        code = 0
        try:
            result = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
            if not standalone_mode:
                return result
            code = result if isinstance(result, int) else 0
        except click_errors.UsageError as error:
            if not standalone_mode:
                raise
            code = _usage_error(error)
        except click_errors.ClickException as error:  # e.g. a file option that cannot be read
            if not standalone_mode:
                raise
            err.print(f"refpath: error: {safe(error.format_message())}")
            code = error.exit_code
        except typer.Abort:
            if not standalone_mode:
                raise
            err.print("refpath: stopped; nothing was changed")
            code = 1
        sys.exit(code)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except RefpathError as error:
            fail(error)
        except OutputClash as error:
            fail(InputError(str(error)))
        except sqlite3.Error as error:  # e.g. a query that met a damaged page
            from refpath.store.db import store_error

            fail(store_error(settings(ctx).db, error))
        except KeyboardInterrupt:
            err.print("refpath: interrupted; the store is unchanged")
            raise typer.Exit(130) from None


def _usage_error(error: Any) -> int:
    """Print a parser error as one ``refpath: error:`` line with a pointer to --help."""
    ctx = getattr(error, "ctx", None)
    where = ctx.command_path if ctx is not None else "refpath"
    if type(error).__name__ == "NoArgsIsHelpError":
        message = f"{where}: a command is missing"
    else:
        message = error.format_message().strip().rstrip(".")
    err.print(f"refpath: error: {safe(message)}; see {safe(where)} --help")
    return 2


def fail(error: RefpathError) -> None:
    """Print a RefpathError as one line (plus candidates for ambiguity) and exit."""
    err.print(f"refpath: error: {safe(error)}")
    if isinstance(error, AmbiguousPerson):
        for cand in error.candidates:
            describe = getattr(cand, "describe", None)
            err.print(f"  - {safe(describe() if describe else cand)}")
    elif isinstance(error, UnknownPerson) and error.suggestions:
        pass  # the message already lists them
    raise typer.Exit(error.exit_code)


app = typer.Typer(
    cls=_RefpathGroup,
    name="refpath",
    help=(
        "Warm introductions instead of cold pitches. Merge your team's LinkedIn exports, "
        "find who can introduce you to a prospect, and draft an honest ask.\n\n"
        'Start with: refpath add EXPORTS --me, then refpath to "Jane Doe".'
    ),
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@dataclass
class Settings:
    """Options given before the command, shared by every command."""

    db: Path


def default_db() -> Path:
    """The store in the user's data folder (:func:`refpath.store.db.default_path`)."""
    from refpath.store.db import default_path

    return default_path()


def _version(value: bool) -> None:
    if value:
        from refpath import __version__

        typer.echo(f"refpath {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    ctx: typer.Context,
    db: Annotated[
        Path | None,
        typer.Option(
            "--db",
            envvar="REFPATH_DB",
            help="Store file to use. Default: refpath.db in your user data folder.",
            show_default=False,
        ),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    ctx.obj = Settings(db=db or default_db())


def settings(ctx: typer.Context) -> Settings:
    """The global settings (``--db``), also when a command is invoked on its own."""
    obj = ctx.find_root().obj
    if isinstance(obj, Settings):
        return obj
    env = os.environ.get("REFPATH_DB")
    return Settings(db=Path(env) if env else default_db())


def open_db(ctx: typer.Context, *, create: bool = False) -> Any:
    """Open the store named by ``--db``; query commands don't create one."""
    from refpath.store.db import open_store

    return open_store(
        settings(ctx).db, create=create, on_upgrade=lambda text: err.print(f"refpath: {safe(text)}")
    )


def protect(ctx: typer.Context, *inputs: tuple[Path, str]) -> tuple[tuple[Path, str], ...]:
    """What an output of this command may not replace: the store and its companion
    files (``-wal``, ``-shm``, ``-journal``) and the command's own ``inputs``
    (``(path, "the lead list")``)."""
    return (*store_files(settings(ctx).db), *inputs)


def check_outputs(ctx: typer.Context, outputs: list[Path], *inputs: tuple[Path, str]) -> None:
    """Refuse, before any work, an output that would replace an input (see :func:`protect`)."""
    from refpath.outfiles import check_output

    for output in outputs:
        try:
            check_output(output, protect(ctx, *inputs))
        except OutputClash as error:
            raise InputError(str(error)) from None


def print_json(data: Any) -> None:
    """Write JSON to stdout (UTF-8, stable key order as given)."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")
    sys.stdout.flush()


def warn(message: str) -> None:
    """One warning line on stderr."""
    err.print(f"refpath: warning: {safe(message)}")
