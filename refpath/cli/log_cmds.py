"""The outreach log's commands: ``log`` (show it), ``log add`` and ``log due``.

The log itself is :mod:`refpath.outreach.log`; ``refpath plan`` reads it to avoid
asking twice. Names from the exports or the command line pass through
``safe()`` (terminal) or ``plain()`` (JSON).
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from refpath.cli.app import (
    NewProspect,
    ambiguous,
    app,
    open_db,
    out,
    plain,
    print_json,
    quoted,
    safe,
)
from refpath.errors import AmbiguousPerson, InputError, UnknownPerson

if TYPE_CHECKING:
    from refpath.outreach.log import LogEntry
    from refpath.store.db import Store


class Status(StrEnum):
    """What happened to an ask."""

    asked = "asked"
    introduced = "introduced"
    declined = "declined"
    met = "met"


log_app = typer.Typer(
    help="The outreach log: who was asked about whom, and what came of it. "
    "refpath plan reads it to avoid asking twice.",
    no_args_is_help=False,
)
app.add_typer(log_app, name="log", rich_help_panel="Plan and track outreach")


def _entry_json(e: LogEntry, days: int | None = None) -> dict[str, Any]:
    data = {
        "id": e.id,
        "date": e.on.isoformat(),
        "status": e.status,
        "prospect": plain(e.prospect),
        "prospect_key": plain(e.prospect_key),
        "introducer": plain(e.introducer),
        "introducer_key": plain(e.introducer_key),
        "note": plain(e.note),
    }
    return data if days is None else {**data, "days": days}


@log_app.callback(invoke_without_command=True)
def log_show(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print the log as JSON.")] = False,
) -> None:
    """Show the outreach log, oldest first: who was asked about whom, and what came of it."""
    if ctx.invoked_subcommand is not None:
        return
    from rich.table import Table

    from refpath.outreach.log import outreach_log

    with open_db(ctx) as store:
        entries = outreach_log(store)
    if as_json:
        print_json([_entry_json(e) for e in entries])
        return
    if not entries:
        out.print("The outreach log is empty.")
        out.print('Next: after you ask someone, refpath log add "PROSPECT" --via "INTRODUCER"')
        return
    table = Table("date", "status", "prospect", "via", "note")
    for e in entries:
        table.add_row(
            e.on.isoformat(), e.status, safe(e.prospect), safe(e.introducer), safe(e.note)
        )
    out.print(table)


@log_app.command("add")
def log_add(
    ctx: typer.Context,
    prospect: Annotated[
        str,
        typer.Argument(help="The prospect: a name or a LinkedIn profile URL.", show_default=False),
    ],
    via: Annotated[
        str,
        typer.Option("--via", help="Whom you asked for the introduction.", show_default=False),
    ],
    company: Annotated[
        str | None,
        typer.Option(
            "--company",
            "-c",
            help="The prospect's company, to pick one of several namesakes.",
            show_default=False,
        ),
    ] = None,  # fmt: skip
    new: NewProspect = False,
    status: Annotated[
        Status, typer.Option("--status", help="What happened: asked, introduced, declined or met.")
    ] = Status.asked,
    note: Annotated[
        str, typer.Option("--note", help="A short note for yourself (not a message).")
    ] = "",
    on: Annotated[
        str | None,
        typer.Option("--date", help="When, as YYYY-MM-DD. Default: today.", show_default=False),
    ] = None,
) -> None:
    """Record that you asked INTRODUCER about PROSPECT, or what came of it."""
    from refpath.errors import PersonError
    from refpath.outreach.log import log_outreach
    from refpath.routes.people import find_introducer, find_target
    from refpath.routes.standing import (
        COLLEAGUE,
        CONNECTED,
        UNKNOWN,
        YOU,
        me_id,
        sentence,
        standing,
    )

    when = _date(on)
    with open_db(ctx) as store:
        try:
            target = find_target(store, prospect, company=company, url_ok=True, new=new)
        except AmbiguousPerson as error:
            rest = f" --via {quoted(via)} --status {status.value}"
            ambiguous(error, lambda who: f"refpath log add {who}{rest}")
        except UnknownPerson as error:
            if error.misspelt and company:
                error.next = (
                    f"if they are someone else, in no export: refpath log add {quoted(prospect)} "
                    f"--company {quoted(company)} --new --via {quoted(via)} --status {status.value}"
                )
            raise
        where = standing(store, target)
        if where.kind in (YOU, COLLEAGUE):
            raise PersonError(f"{sentence(where)} Nothing was logged.")
        introducer = find_introducer(store, via)
        if introducer.id and introducer.id == me_id(store):
            raise PersonError(f"--via {via!r} is you: name the person you asked")
        entry = log_outreach(store, target, introducer, status.value, on=when, note=note)
    what = {"asked": "asked {i} about {p}", "introduced": "{i} introduced you to {p}"}
    what |= {"declined": "{i} declined to introduce you to {p}", "met": "you met {p} via {i}"}
    text = what[entry.status].format(i=safe(entry.introducer), p=safe(entry.prospect))
    out.print(f"Logged: {text} on {entry.on.isoformat()}.")
    if where.kind in (CONNECTED, UNKNOWN):
        out.print(safe(sentence(where)))
    if entry.status == "asked":
        again = f"refpath log add {quoted(prospect)}"
        if company:
            again += f" --company {quoted(company)}"
        again += f" --via {quoted(via)} --status introduced"
        out.print(
            "Next: refpath log due lists asks waiting a week or more; log the answer with "
            f"{safe(again)}"
        )


def _date(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        when = date.fromisoformat(text)
    except ValueError:
        raise InputError(f"--date: {text!r} is not a date like 2026-11-24") from None
    if when > date.today():
        raise InputError(f"--date: {text} is in the future")
    return when


@log_app.command("due")
def log_due(
    ctx: typer.Context,
    days: Annotated[
        int, typer.Option("--days", min=0, help="How old an unanswered ask must be.")
    ] = 7,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Follow-ups due: asks at least --days old with nothing logged since."""
    from rich.table import Table

    from refpath.outreach.log import follow_ups_due

    with open_db(ctx) as store:
        due = follow_ups_due(store, days=days)
        hint = _naming(store, due[0][0]) if due and not as_json else ""
    if as_json:
        print_json([_entry_json(e, n) for e, n in due])
        return
    if not due:
        out.print(f"No follow-ups due: no ask {days} or more days old is waiting for an answer.")
        return
    table = Table("asked on", "days", "prospect", "via", "note")
    for e, n in due:
        table.add_row(e.on.isoformat(), str(n), safe(e.prospect), safe(e.introducer), safe(e.note))
    out.print(table)
    out.print(f"Next: nudge the introducer, then log the answer: {safe(hint)}")


def _naming(store: Store, e: LogEntry) -> str:
    """``refpath log add`` naming the entry's prospect and introducer as the store finds them."""
    from refpath.errors import PersonError
    from refpath.identity import canonical_url
    from refpath.routes.people import find_target, prospect_at

    args = quoted(e.prospect)
    try:
        find_target(store, e.prospect, url_ok=True)
    except PersonError:
        kind, _, rest = e.prospect_key.partition(":")
        company = rest.rpartition("|")[2] if kind == "nm" else ""
        if kind == "in":
            args = quoted(canonical_url(f"linkedin.com/in/{rest}"))
        elif company:  # folded in the key: spelled as the data spells it, where it can be
            found = prospect_at(store, e.prospect, company)
            args += f" --company {quoted(found.company if found else company)}"
    return f"refpath log add {args} --via {quoted(e.introducer)} --status introduced"
