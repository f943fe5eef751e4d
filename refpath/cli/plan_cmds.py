"""Commands for a whole lead list: ``plan``, and the outreach log (``log``, ``add``, ``due``).

``plan`` reads the list (:mod:`refpath.prospects`), asks :func:`refpath.plan.make_plan`
for the assignment and renders it: ``plan.csv`` (through :mod:`refpath.safecsv`, so no
cell can run as a spreadsheet formula), the same rows as JSON, a table, and a summary of
who was assigned, the load per introducer and the prospects with no path. ``--drafts``
writes one warm-intro draft per assigned prospect with :mod:`refpath.drafts`. Names from
the exports or the list pass through ``safe()`` (terminal) or ``plain()`` (files, JSON).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from refpath.cli.app import app, open_db, out, plain, print_json, safe, warn
from refpath.errors import InputError, UnknownPerson

if TYPE_CHECKING:
    from refpath.paths import Introduction
    from refpath.people import Person
    from refpath.plan import LogEntry, Plan
    from refpath.store import Store

#: The plan's own columns; the list's other columns follow them.
COLUMNS = ("prospect", "company", "introducer", "score", "hops", "inferred", "reasons", "status")
#: Lists at least this long get a progress bar (on a terminal).
PROGRESS_FROM = 100
#: Prospects with no path named in the summary (the rest are counted).
SHOWN = 10


class Status(StrEnum):
    """What happened to an ask."""

    asked = "asked"
    introduced = "introduced"
    declined = "declined"
    met = "met"


def _quote(text: str) -> str:
    return '"' + plain(text).replace("\\", "\\\\").replace('"', '\\"').replace("$", "\\$") + '"'


# -- plan ---------------------------------------------------------------------


def route_text(intro: Introduction, me: Person | None) -> str:
    """The route as names: ``You → Carol Mendes → Tom Baker ⇢ Jane Doe`` (⇢: inferred)."""
    first = intro.hops[0].a
    names = ["You" if me is not None and first.id == me.id else plain(first.name)]
    for hop in intro.hops:
        names.append(("⇢ " if hop.inferred else "→ ") + plain(hop.b.name))
    return " ".join(names)


def _extra_names(columns: tuple[str, ...]) -> list[str]:
    """The list's own columns, renamed where they would clash with the plan's."""
    taken = {c.casefold() for c in COLUMNS}
    names = []
    for c in columns:
        name = c
        while name.casefold() in taken:
            name = f"{name} (list)"
        taken.add(name.casefold())
        names.append(name)
    return names


def plan_records(plan: Plan) -> tuple[list[str], list[dict[str, Any]]]:
    """(header, one dict per row) with the CSV's columns: the plan's, then the list's."""
    extras = _extra_names(plan.extra_columns)
    records = []
    for row in plan.rows:
        intro, person = row.intro, row.person
        records.append(
            {
                "prospect": plain(row.prospect.label),
                "company": plain(row.prospect.company or (person.company if person else "")),
                "introducer": plain(intro.via[0].name) if intro else "",
                "score": round(intro.score, 4) if intro else None,
                "hops": route_text(intro, plan.me) if intro else "",
                "inferred": intro.inferred if intro else None,
                "reasons": plain(" | ".join([*(intro.reasons if intro else ()), *row.notes])),
                "status": row.status,
                **{k: plain(v) for k, v in zip(extras, row.prospect.extra, strict=True)},
            }
        )
    return [*COLUMNS, *extras], records


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value


@contextmanager
def _progress(total: int) -> Iterator[Callable[[int, int], None] | None]:
    """A rich progress bar on stderr for long lists on a terminal; None otherwise."""
    from refpath.cli.app import err

    if total < PROGRESS_FROM or not err.is_terminal:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    columns = ("Finding routes", BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=err, transient=True) as bar:
        task = bar.add_task("plan", total=total)
        yield lambda done, _total: bar.update(task, completed=done)


def _write_drafts(store: Store, plan: Plan, folder: Path) -> int:
    """One Markdown draft per assigned prospect in ``folder``; returns how many."""
    try:
        from refpath.drafts import draft_for, write_markdown
    except ImportError as error:  # pragma: no cover - drafting ships with refpath
        raise InputError(f"--drafts: drafting is not available ({error})") from error
    written: dict[Path, str] = {}
    for row in plan.with_status("assigned"):
        assert row.intro is not None
        path = write_markdown(draft_for(store, row.intro), folder)
        if path in written:
            warn(f"{path}: {row.prospect.label} (line {row.prospect.line}) replaced the draft "
                 f"for {written[path]}, who has the same name and introducer")  # fmt: skip
        written[path] = f"{row.prospect.label} (line {row.prospect.line})"
    return len(written)


def _summary(plan: Plan, max_per: int, cooldown: int) -> None:
    counts: dict[str, int] = {}
    for row in plan.rows:
        counts[row.status] = counts.get(row.status, 0) + 1
    n = len(plan.rows)
    rest = ", ".join(f"{v} {k}" for k, v in counts.items() if k != "assigned")
    out.print(
        f"Assigned {counts.get('assigned', 0)} of {n} prospect{'s' * (n != 1)}"
        + (f"; {rest}." if rest else ".")
    )
    if plan.load:
        out.print(f"Asks per introducer (at most {max_per}):")
        width = max(len(safe(x.name)) for x in plan.load)
        for x in plan.load:
            recent = f"  (+{x.recent} logged in the last {cooldown} days)" if x.recent else ""
            out.print(f"  {safe(x.name):<{width}}  {x.new}{recent}")
    lost = plan.with_status("no path")
    if lost:
        names = ", ".join(safe(r.prospect.label) for r in lost[:SHOWN])
        more = f" and {len(lost) - SHOWN} more" if len(lost) > SHOWN else ""
        out.print(f"No path: {names}{more}.")


def _table(records: list[dict[str, Any]]) -> None:
    from rich.table import Table

    table = Table("prospect", "introducer", "score", "status", "route or why")
    for r in records:
        table.add_row(
            safe(r["prospect"]),
            safe(r["introducer"]),
            f"{r['score']:.2f}" if r["score"] is not None else "",
            r["status"],
            safe(r["hops"] or r["reasons"]),
        )
    out.print(table)


@app.command("plan")
def plan_cmd(
    ctx: typer.Context,
    prospects: Annotated[
        Path,
        typer.Argument(
            help="The lead list: a CSV with a Name (or First Name and Last Name) column, "
            "optional Company and URL columns, or a text file with one name per line.",
            show_default=False,
        ),
    ],
    max_per_introducer: Annotated[
        int,
        typer.Option(
            "--max-per-introducer", "-n", min=0, help="The most asks any one person gets."
        ),
    ] = 3,
    one_per_company: Annotated[
        bool,
        typer.Option(
            "--one-per-company",
            help="Ask each introducer about at most one person per target company.",
        ),
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write the plan as CSV to this file.", show_default=False
        ),
    ] = None,
    drafts: Annotated[
        Path | None,
        typer.Option(
            "--drafts",
            help="Write a warm-intro draft (Markdown) per assigned prospect into this folder.",
            show_default=False,
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the rows as JSON.")] = False,
    cooldown_days: Annotated[
        int,
        typer.Option(
            "--cooldown-days",
            min=0,
            help="Asks logged this many days back count against an introducer's limit, "
            "and their prospects are not planned again.",
        ),
    ] = 30,
) -> None:
    """Plan intro asks for a whole lead list, without over-asking any colleague.

    Every prospect gets the routes `refpath to` would show; then one
    optimisation gives each prospect at most one person to ask, so that the
    total route score is highest while nobody gets more than
    --max-per-introducer asks. The outreach log (refpath log) is respected.
    """
    from refpath.plan import make_plan
    from refpath.prospects import read_prospects
    from refpath.safecsv import write_csv

    if output is not None and output.resolve() == prospects.resolve():
        raise InputError(f"{output}: is the lead list itself; write the plan to another file")
    leads = read_prospects(prospects)
    for message in leads.warnings:
        warn(message)
    with open_db(ctx) as store:
        with _progress(len(leads.prospects)) as tick:
            plan = make_plan(
                store,
                leads,
                max_per_introducer=max_per_introducer,
                one_per_company=one_per_company,
                cooldown_days=cooldown_days,
                progress=tick,
            )
        written = _write_drafts(store, plan, drafts) if drafts is not None else 0
    header, records = plan_records(plan)
    if output is not None:
        try:
            write_csv(output, header, ([_cell(r[h]) for h in header] for r in records))
        except OSError as error:
            raise InputError(f"{output}: cannot write the plan: {error.strerror}") from error
    if as_json:
        print_json(
            {
                "rows": records,
                "load": [
                    {"introducer": plain(x.name), "asks": x.new, "recent": x.recent}
                    for x in plan.load
                ],
                "max_per_introducer": max_per_introducer,
            }
        )
        return
    if output is None:
        _table(records)
    _summary(plan, max_per_introducer, cooldown_days)
    if output is not None:
        out.print(f"Wrote {safe(output)} ({len(records)} rows).")
    if drafts is not None:
        out.print(f"Wrote {written} draft{'s' * (written != 1)} into {safe(drafts)}.")
    first = next(iter(plan.with_status("assigned")), None)
    if first is not None and first.intro is not None:
        out.print(
            "Next: ask each introducer, then log it: refpath log add "
            f"{safe(_quote(first.prospect.label))} --via {safe(_quote(first.intro.via[0].name))}"
        )


# -- the outreach log -----------------------------------------------------------

log_app = typer.Typer(
    help="The outreach log: who was asked about whom, and what came of it. "
    "refpath plan reads it to avoid asking twice.",
    no_args_is_help=False,
)
app.add_typer(log_app, name="log")


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

    from refpath.plan import outreach_log

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


def _logged_person(store: Store, query: str, company: str | None) -> Person:
    """The person named, or a prospect in no export (at a known company, or by profile URL)."""
    from refpath.identity import canonical_url, profile_key
    from refpath.people import Person, find_person, prospect_at

    try:
        return find_person(store, query, company=company)
    except UnknownPerson:
        found = prospect_at(store, query, company) if company else None
        if found is not None:
            return found
        if profile_key(query):
            return Person(0, "", canonical_url(query), company or "", "", canonical_url(query), ())
        raise


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
    from refpath.plan import log_outreach

    when = _date(on)
    with open_db(ctx) as store:
        target = _logged_person(store, prospect, company)
        introducer = _logged_person(store, via, None)
        entry = log_outreach(store, target, introducer, status.value, on=when, note=note)
    what = {"asked": "asked {i} about {p}", "introduced": "{i} introduced you to {p}"}
    what |= {"declined": "{i} declined to introduce you to {p}", "met": "you met {p} via {i}"}
    text = what[entry.status].format(i=safe(entry.introducer), p=safe(entry.prospect))
    out.print(f"Logged: {text} on {entry.on.isoformat()}.")
    if entry.status == "asked":
        out.print(
            "Next: refpath log due lists asks waiting a week or more; log the answer with "
            f"refpath log add {safe(_quote(entry.prospect))} --via "
            f"{safe(_quote(entry.introducer))} --status introduced"
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

    from refpath.plan import follow_ups_due

    with open_db(ctx) as store:
        due = follow_ups_due(store, days=days)
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
    e = due[0][0]
    out.print(
        f"Next: nudge the introducer, then log the answer: refpath log add "
        f"{safe(_quote(e.prospect))} --via {safe(_quote(e.introducer))} --status introduced"
    )
