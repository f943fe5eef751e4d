"""Commands that fill and look after the store: add, sources, stats, remove, same, doctor."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from refpath.cli.app import (
    app,
    err,
    exports_held,
    open_db,
    out,
    plain,
    print_json,
    quoted,
    safe,
    warn,
)
from refpath.outfiles import counted

if TYPE_CHECKING:  # (imported where used: every command loads this module)
    from refpath.exports.records import Export, Skipped
    from refpath.store.resolve import Keyed

#: Where `refpath --help` lists these commands.
PANEL = "Your team's store"


@contextmanager
def _progress(
    label: str,
) -> Iterator[Callable[[Iterable[Export | Keyed | Skipped]], Iterator[Export | Keyed | Skipped]]]:
    """A transient progress line on stderr while exports are read and stored.

    Yields ``track``: wrap the exports with it. The line stays, saying the
    store is being saved, until the block ends (indexes and the commit of a
    large add take a few seconds after the last export is read).
    """
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from refpath.exports.records import Export

    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    ) as progress:
        task = progress.add_task(label, total=None)

        def track(
            exports: Iterable[Export | Keyed | Skipped],
        ) -> Iterator[Export | Keyed | Skipped]:
            n = 0
            for n, item in enumerate(exports, 1):
                if isinstance(item, Export):
                    who = item.owner_name
                else:
                    who = getattr(getattr(item, "export", None), "owner_name", "")
                progress.update(task, description=f"{label}: {n} read, now {safe(who)}")
                yield item
            progress.update(task, description=f"{label}: all {n} read; saving the store")

        yield track


@app.command(rich_help_panel=PANEL)
def add(
    ctx: typer.Context,
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Connections.csv files, LinkedIn archive .zip files, unzipped archive "
            "folders, colleagues' shares (refpath share), or a team folder holding any mix "
            "of those (one per colleague).",
            show_default=False,
        ),
    ],
    owner: Annotated[
        str | None,
        typer.Option(help="Whose export this is, when it has no Profile.csv (one input only)."),
    ] = None,
    me: Annotated[bool, typer.Option("--me", help="This export is yours (the user's).")] = False,
    keep_going: Annotated[
        bool,
        typer.Option(
            "--keep-going",
            help="Add every export that can be read and report each one that cannot, "
            "instead of refusing the whole add.",
        ),
    ] = False,
) -> None:
    """Add colleagues' LinkedIn exports to the store (re-adding one replaces it).

    The owner of each export is read from its Profile.csv, else --owner, else the
    file or folder name (carol-mendes/Connections.csv, "Carol Mendes.csv"); a
    share names its owner itself.
    Everything is added in one transaction: on any error nothing changes
    (with --keep-going, exports that cannot be read are skipped and listed).
    Two exports of one colleague in one add are refused: one would replace the other.
    """
    from refpath.store.ingest import add_exports
    from refpath.store.readahead import read_keyed

    # closing(): an add that stops early stops the reader process at once, not at exit
    with (
        open_db(ctx, create=True) as store,
        closing(read_keyed(paths, owner=owner, keep_going=keep_going)) as exports,
        _progress("Adding exports") as track,
    ):
        was_me = next((s.name for s in store.sources() if s.is_me), None) if me else None
        skipped: list[Skipped] = []
        summaries = add_exports(store, track(exports), me=me, on_skip=skipped.append)
        stats = store.stats()
        store_path = store.path
        no_me = store.me_owner_id() is None
    for s in summaries:
        who = f"{safe(s.owner)}{' (you)' if s.is_me else ''}"
        if s.skipped:
            out.print(f"{who}: skipped the share {safe(s.source)}: {safe(s.skipped)}")
            continue
        if s.unchanged:
            out.print(f"{who}: unchanged ({safe(s.source)} was added before)")
            continue
        hidden = f", {counted(s.hidden, 'hidden profile')} skipped" if s.hidden else ""
        evidence = f", evidence for {s.signals}" if s.signals else ""
        verb = "replaced earlier export" if s.replaced else "added"
        out.print(
            f"{who}: {verb} — {s.rows} people read{hidden}; {s.new_people} new, "
            f"{s.known_people} already known{evidence}  [dim]({safe(s.source)})[/dim]"
        )
        if s.kept_evidence:
            out.print(
                f"  kept the earlier export's evidence (messages, invitations, endorsements, "
                f"recommendations) for {counted(s.kept_evidence, 'person', 'people')}: "
                "this export brings none of its own"
            )
        for w in s.warnings:
            warn(w)
    for skip in skipped:
        warn(f"skipped: {skip.error}")
    if skipped:
        out.print(
            f"Skipped {counted(len(skipped), 'export')} that could not be read (listed above); "
            "the others were added."
        )
    now_me = next((s.owner for s in summaries if s.is_me), None)
    if was_me is not None and now_me is not None and was_me != now_me:
        out.print(
            f"You are now {safe(now_me)}: routes start from this export, no longer from "
            f"{safe(was_me)}'s (still in the store as a colleague's)."
        )
    out.print(
        f"Store {safe(store_path)}: {counted(stats.people, 'person', 'people')}, "
        f"{counted(stats.connections, 'connection')}, {exports_held(stats.owners, not no_me)}."
    )
    if no_me:
        out.print("Next: mark your own export with [bold]refpath add YOUR_EXPORT --me[/bold].")
    else:
        out.print('Next: [bold]refpath to "Prospect Name"[/bold] to find who can introduce you.')


@app.command(rich_help_panel=PANEL)
def stats(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Count people, connections (distinct pairs) and colleagues in the store."""
    with open_db(ctx) as store:
        result = store.stats()
        me = store.me_owner_id() is not None
    if as_json:
        print_json(asdict(result))
    else:
        out.print(
            f"{counted(result.people, 'person', 'people')}, "
            f"{counted(result.connections, 'connection')}; "
            f"{exports_held(result.owners, me)}"
        )


@app.command(rich_help_panel=PANEL)
def sources(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List the colleagues whose exports are in the store."""
    from rich.table import Table

    with open_db(ctx) as store:
        rows = store.sources()
    if as_json:
        print_json([{k: plain(v) if isinstance(v, str) else v for k, v in asdict(r).items()}
                    for r in rows])  # fmt: skip
        return
    if not rows:
        out.print("No exports yet. Add some with: refpath add EXPORTS")
        return
    table = Table("colleague", "export", "format", "exported", "rows", "people", "hidden")
    for r in rows:
        table.add_row(
            safe(r.name) + (" (you)" if r.is_me else ""),
            safe(r.source),
            r.fmt,
            f"{r.exported_on} ({r.exported_from})" if r.exported_on else "unknown",
            str(r.rows),
            str(r.people),
            str(r.hidden),
        )
    out.print(table)
    if any(r.exported_from == "newest connection" for r in rows):
        out.print(
            "[dim]Exported: the date in LinkedIn's archive name, else the newest Connected On "
            "date in the export (it was exported that day or later).[/dim]"
        )


#: ``remove`` asks before removing an export that lists more people than this.
REMOVE_ASK_ABOVE = 3000


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + "."


def _interactive() -> bool:
    """Whether someone at a terminal can answer a question (scripts are never asked)."""
    import sys

    return sys.stdin.isatty()


@app.command(rich_help_panel=PANEL)
def remove(
    ctx: typer.Context,
    owner: Annotated[str, typer.Argument(help="The colleague whose export to remove.")],
    yes: Annotated[
        bool,
        typer.Option(
            "--yes",
            "-y",
            help="Don't ask before removing your own export or one of over "
            f"{REMOVE_ASK_ABOVE:,} people (never asked when not on a terminal).",
        ),
    ] = False,
) -> None:
    """Remove everything that came only from one colleague's export (no trace is left)."""
    from refpath.identity import name_key
    from refpath.store.ingest import remove_owner

    with open_db(ctx) as store:
        nk = name_key(owner)
        source = next((s for s in store.sources() if name_key(s.name) == nk), None)
        if source is not None and not yes and _interactive():
            why = []
            if source.is_me:
                why.append("it is your own export (routes start from it)")
            if source.people > REMOVE_ASK_ABOVE:
                why.append(f"it lists {source.people:,} people")
            if why and not typer.confirm(
                f"Remove {plain(source.name)}'s export? {_sentence('; '.join(why))}",
                default=False,
            ):
                out.print("Nothing was removed.")
                raise typer.Exit(1)
        deleted = remove_owner(store, owner)
        result = store.stats()
        me = store.me_owner_id() is not None
    out.print(
        f"Removed {safe(owner)}'s export and "
        f"{counted(deleted, 'person', 'people')} only they knew. "
        f"Store now: {counted(result.people, 'person', 'people')}, "
        f"{counted(result.connections, 'connection')}, {exports_held(result.owners, me)}."
    )
    if source is not None and source.is_me:
        out.print("Next: mark your own export again with refpath add YOUR_EXPORT --me")


def _said(side: object) -> str:
    describe = getattr(side, "describe", None)
    return safe(describe() if describe else f"{side} (not in the store yet)")


_SIDES_COMPANY = typer.Option(
    "--company",
    "-c",
    help="The company of a name given (as for refpath to). Once: for both names; "
    "twice: the first for A, the second for B.",
    show_default=False,
)


def _companies(company: list[str] | None) -> tuple[str | None, str | None]:
    """--company given once applies to both sides; twice, one each."""
    from refpath.errors import InputError

    given = company or []
    if len(given) > 2:
        raise InputError("--company may be given at most twice (for A, then for B)")
    if len(given) == 1:
        return given[0], given[0]
    return (given[0], given[1]) if given else (None, None)


def _decide(ctx: typer.Context, a: str, b: str, company: list[str] | None, *, same: bool):
    from refpath.errors import AmbiguousPerson
    from refpath.routes.people import record_decision

    ca, cb = _companies(company)
    with open_db(ctx) as store:
        try:
            return record_decision(store, a, b, same=same, company_a=ca, company_b=cb)
        except AmbiguousPerson as error:
            err.print(f"refpath: error: {safe(error)}")
            for cand in error.candidates:
                describe = getattr(cand, "describe", None)
                pick = getattr(cand, "url", "") or getattr(cand, "key", "")
                err.print(
                    f"  - {safe(describe() if describe else cand)}: name it {safe(quoted(pick))}"
                )
            err.print("Next: name each side by the URL or key shown, or give --company.")
            raise typer.Exit(1) from None


@app.command(rich_help_panel=PANEL)
def same(
    ctx: typer.Context,
    a: Annotated[str, typer.Argument(help="A name, profile URL or key (as doctor shows).")],
    b: Annotated[str, typer.Argument(help="Another name, URL or key for the same person.")],
    company: Annotated[list[str] | None, _SIDES_COMPANY] = None,
) -> None:
    """Record that A and B are the same person (kept across re-adds)."""
    pa, pb = _decide(ctx, a, b, company, same=True)
    out.print(f"Recorded: {_said(pa)} is the same person as {_said(pb)}.")


@app.command(rich_help_panel=PANEL)
def different(
    ctx: typer.Context,
    a: Annotated[str, typer.Argument(help="A name, profile URL or key (as doctor shows).")],
    b: Annotated[str, typer.Argument(help="A name, URL or key of a different person.")],
    company: Annotated[list[str] | None, _SIDES_COMPANY] = None,
) -> None:
    """Record that A and B are different people, so refpath never merges them."""
    pa, pb = _decide(ctx, a, b, company, same=False)
    out.print(
        f"Recorded: {_said(pa)} and {_said(pb)} are different people; refpath won't merge them."
    )


@app.command(rich_help_panel=PANEL)
def doctor(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List likely duplicates across exports: same name, at least one without a profile URL."""
    from refpath.routes.people import likely_duplicates

    with open_db(ctx) as store:
        groups = likely_duplicates(store)
    if as_json:
        print_json([[{"name": plain(p.name), "company": plain(p.company),
                      "key": plain(p.key), "url": plain(p.url),
                      "known_by": list(p.known_by)} for p in g]
                    for g in groups])  # fmt: skip
        return
    if not groups:
        out.print("No likely duplicates found.")
        return
    for group in groups:
        out.print(f"[bold]{safe(group[0].name)}[/bold]: {len(group)} entries")
        for p in group:
            out.print(f"  - {safe(p.describe())}: {safe(quoted(p.url or p.key))}")
        a, b = (quoted(p.url or p.key) for p in group[:2])
        out.print(f"    same person? refpath same {safe(a)} {safe(b)}")
    out.print(
        "Settle each with refpath same A B or refpath different A B, naming each entry by "
        "the URL or key shown (or by name with --company)."
    )
