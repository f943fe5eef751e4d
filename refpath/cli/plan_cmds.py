"""The command for a whole lead list: ``plan`` (the outreach log is :mod:`refpath.cli.log_cmds`).

``plan`` reads the list (:mod:`refpath.outreach.leads`), asks
:func:`refpath.outreach.plan.make_plan`
for the assignment and renders it: ``plan.csv`` (through :mod:`refpath.outfiles`, so no
cell can run as a spreadsheet formula), the same rows as JSON, a table, and a summary of
who was assigned, the load per introducer and the prospects with no path. ``--drafts``
writes one warm-intro draft per assigned prospect with :mod:`refpath.outreach.drafts`. Names from
the exports or the list pass through ``safe()`` (terminal) or ``plain()`` (files, JSON).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from refpath.cli.app import (
    app,
    check_outputs,
    naming,
    open_db,
    out,
    plain,
    print_json,
    protect,
    quoted,
    safe,
    warn,
)
from refpath.errors import InputError

if TYPE_CHECKING:
    from refpath.outreach.plan import Plan
    from refpath.store.db import Store

#: Lists at least this long get a progress bar (on a terminal).
PROGRESS_FROM = 100
#: Prospects with no path named in the summary (the rest are counted).
SHOWN = 10

#: Where `refpath --help` lists these commands.
PANEL = "Plan and track outreach"


# -- plan ---------------------------------------------------------------------


def plan_records(plan: Plan) -> tuple[list[str], list[dict[str, Any]]]:
    """(header, one dict per row) as plan.csv and --json give them: text made plain."""
    from refpath.outreach.plan import plan_table

    header, rows = plan_table(plan)
    return header, [{k: _shown(k, v) for k, v in row.items()} for row in rows]


def _shown(column: str, value: Any) -> Any:
    if isinstance(value, str):
        return plain(value)
    if column == "score" and value is not None:
        return round(value, 4)
    return value


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


def _write_drafts(
    store: Store, plan: Plan, folder: Path, keep: tuple[tuple[Path, str], ...]
) -> int:
    """One Markdown draft per assigned prospect in ``folder``; returns how many."""
    try:
        from refpath.outreach.drafts import draft_for, write_markdown
    except ImportError as error:  # pragma: no cover - drafting ships with refpath
        raise InputError(f"--drafts: drafting is not available ({error})") from error
    written: dict[Path, str] = {}
    for row in plan.with_status("assigned"):
        assert row.intro is not None
        path = write_markdown(draft_for(store, row.intro), folder, protect=keep)
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
    for row in plan.with_status("check the name")[:SHOWN]:
        out.print(f"Check the name: {safe('; '.join(row.notes))}")
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


@app.command("plan", rich_help_panel=PANEL)
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
    from refpath.outfiles import write_csv
    from refpath.outreach.leads import read_prospects
    from refpath.outreach.plan import make_plan

    lead_list = (prospects, "the lead list itself")
    keep = protect(ctx, lead_list)
    check_outputs(ctx, [output] if output is not None else [], lead_list)
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
        written = _write_drafts(store, plan, drafts, keep) if drafts is not None else 0
        first = next(iter(plan.with_status("assigned")), None)
        named = naming(store, first.person, first.prospect.label) if first and first.person else ""
    header, records = plan_records(plan)
    if output is not None:
        try:
            rows = ([_cell(r[h]) for h in header] for r in records)
            write_csv(output, header, rows, protect=keep)
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
    if first is not None and first.intro is not None:
        out.print(
            f"Next: ask each introducer, then log it: refpath log add {safe(named)} "
            f"--via {safe(quoted(first.intro.via[0].name))}"
        )
