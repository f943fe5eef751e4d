"""Commands for colleagues' shares: share (make one), sync (follow a shared folder)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from refpath.cli.app import app, exports_held, open_db, out, safe, warn
from refpath.errors import InputError
from refpath.outfiles import counted

if TYPE_CHECKING:  # (imported where used: every command loads this module)
    from refpath.exports.share import SharePlan
    from refpath.store.ingest import AddSummary

_FIELDS_CONNECTIONS = "name, profile URL, company, position, connected-on"
_FIELDS_EVIDENCE = (
    "message counts each way with the first and last month; invitation direction, whether "
    "it had a note, and its month; endorsement count; recommendations given and received"
)

#: Where `refpath --help` lists these commands.
PANEL = "Share and sync"


def _check_target(output: Path, export: Path) -> None:
    """Refuse an -o that would overwrite the export being shared, or is not a .zip."""
    if output.suffix.lower() != ".zip":
        raise InputError(f"{output}: name the share FILE.zip, so anyone can open it")
    if output.is_dir():
        raise InputError(f"{output}: is a folder; -o needs a file name such as share.zip")
    if not output.parent.is_dir():
        raise InputError(f"{output}: the folder {output.parent} does not exist")
    target = output.resolve()
    given = export.resolve()
    if target == given or (export.is_dir() and target.parent == given):
        raise InputError(
            f"{output}: would write into the export being shared; choose a path outside it"
        )


def _describe(plan: SharePlan) -> None:
    """Say what the share holds and what was left out, and why."""
    export = plan.export
    when = f", exported {export.exported_on.isoformat()}" if export.exported_on else ""
    out.print(f"Sharing {safe(export.owner_name)}'s export ({safe(export.source)}{when}):")
    known = ["name"] + (["headline"] if export.owner_headline else [])
    known += ["profile URL"] if export.owner_url else []
    out.print(f"  owner: {safe(export.owner_name)} ({', '.join(known)})")
    out.print(f"  {counted(len(plan.contacts), 'connection')}: {_FIELDS_CONNECTIONS}")
    if plan.connections_only:
        out.print("  no relationship evidence (--connections-only)")
    elif not plan.evidence:
        out.print("  no relationship evidence (the export has no messages, invitations,")
        out.print("  endorsements or recommendations, or none about the people shared)")
    else:
        out.print(
            f"  {counted(len(plan.evidence), 'person', 'people')} with evidence "
            f"(pairs with the owner): {_FIELDS_EVIDENCE}"
        )
    out.print("Left out:")
    for ex in plan.excluded:
        out.print(
            f"  {safe(ex.given)} (--exclude): entirely "
            f"({counted(ex.connections, 'connection row')}, {counted(ex.evidence, 'evidence row')})"
        )
    if plan.evidence_withheld:
        out.print(
            f"  evidence about {counted(plan.evidence_withheld, 'person', 'people')} "
            "(--connections-only)"
        )
    if export.connections.hidden:
        out.print(
            f"  {counted(export.connections.hidden, 'hidden profile')}"
            " (the export has no name for them)"
        )
    if plan.emails:
        out.print(f"  email addresses ({counted(plan.emails, 'connection')} had one): never shared")
    if plan.messages:
        out.print(
            f"  the text and subjects of {counted(plan.messages, 'message')}, conversation titles "
            "and ids, attachments, who was in which group chat: never shared"
        )
    out.print(
        "  exact dates of messages and invitations (months only); phone numbers, postal "
        "addresses and the rest of the archive: never shared"
    )


@app.command(rich_help_panel=PANEL)
def share(
    export: Annotated[
        Path,
        typer.Argument(
            help="Your LinkedIn export: the archive .zip, its unzipped folder, or Connections.csv.",
            show_default=False,
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            help="The share file to write (FILE.zip). Needed unless --dry-run.",
            show_default=False,
        ),
    ] = None,
    owner: Annotated[
        str | None,
        typer.Option(help="Your full name, when the export has no Profile.csv."),
    ] = None,
    exclude: Annotated[
        list[str] | None,
        typer.Option(
            "--exclude",
            help="Leave this person out entirely (a name or profile URL; repeat for more).",
            show_default=False,
        ),
    ] = None,
    exclude_file: Annotated[
        Path | None,
        typer.Option(
            help="A file of names or profile URLs to leave out, one a line (# comments).",
            show_default=False,
        ),
    ] = None,
    connections_only: Annotated[
        bool,
        typer.Option(
            "--connections-only", help="Share your connections only, no relationship evidence."
        ),
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Say what would be shared; write nothing.")
    ] = False,
) -> None:
    """Make a small file for your team with only what an introduction needs.

    Reads your LinkedIn export and writes FILE.zip (CSV files and a README you can
    open and check) with your connections and, per person, message counts and
    months, invitations, endorsements and recommendations. Never message text,
    subjects, emails, phone numbers or addresses. No store is needed or touched.
    Put the file in your team's shared folder; delete it there to withdraw.
    """
    from refpath.exports import locate as sources
    from refpath.exports.share import is_share, plan_share, read_exclude_file, write_share

    if output is None and not dry_run:
        raise InputError("-o FILE.zip is needed (or --dry-run to see what would be shared)")
    if output is not None:
        _check_target(output, export)
    if export.exists() and is_share(export):
        raise InputError(f"{export}: is already a refpath share; share your LinkedIn export")
    names = list(exclude or [])
    if exclude_file is not None:
        names += read_exclude_file(exclude_file)
    located = sources.locate([export])
    if len(located) != 1:
        raise InputError(
            f"{export}: holds {len(located)} exports; share takes one export, your own"
        )
    plan = plan_share(
        sources.load(located[0], owner), exclude=names, connections_only=connections_only
    )
    for w in plan.warnings:
        warn(w)
    _describe(plan)
    if dry_run or output is None:
        out.print("Dry run: nothing was written.")
        return
    checksum = write_share(plan, output)
    size = output.stat().st_size
    out.print(
        f"Wrote {safe(output)} ({size / 1024:.1f} KB, checksum {checksum[:12]}…). Open it to "
        "check it, then put it in your team's shared folder."
    )


def _print_added(s: AddSummary) -> None:
    who = f"{safe(s.owner)}{' (you)' if s.is_me else ''}"
    if s.skipped:
        out.print(f"{who}: skipped the share {safe(s.source)}: {safe(s.skipped)}")
    elif s.unchanged:
        out.print(f"{who}: unchanged")
    else:
        verb = "replaced their earlier export" if s.replaced else "added"
        evidence = f", evidence for {s.signals}" if s.signals else ""
        out.print(
            f"{who}: {verb} — {s.rows} people; {s.new_people} new, {s.known_people} already "
            f"known{evidence}  [dim]({safe(s.source)})[/dim]"
        )
    for w in s.warnings:
        warn(w)


@app.command(rich_help_panel=PANEL)
def sync(
    ctx: typer.Context,
    folder: Annotated[
        Path,
        typer.Argument(
            help="The team's shared folder of shares (made with refpath share).",
            show_default=False,
        ),
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Say what would change; change nothing.")
    ] = False,
) -> None:
    """Bring the store in step with a shared folder of colleagues' shares.

    Adds new and changed shares, leaves unchanged ones alone, and removes (after
    saying whom) every colleague whose share came from this folder and is no
    longer in it: deleting one's share withdraws it. Raw exports in the folder,
    your own export, and colleagues added from elsewhere are never removed.
    """
    from refpath.exports.share import read_share
    from refpath.store.ingest import add_exports, remove_owner
    from refpath.store.sync import plan_sync

    with open_db(ctx, create=True) as store:
        plan = plan_sync(store, folder)
        for path, why in plan.ignored:
            out.print(f"Leaving {safe(path)} alone: {safe(why)}")
        if plan.raw:
            out.print(
                f"Leaving {counted(len(plan.raw), 'raw export')} alone (sync follows shares; "
                "add raw exports with refpath add)"
            )
        for name, source in plan.remove:
            out.print(
                f"{'Would remove' if dry_run else 'Removing'} {safe(name)}: their share "
                f"({safe(source)}) is no longer in {safe(plan.folder)}"
            )
        if dry_run:
            for info in plan.add:
                out.print(f"Would add {safe(info.owner)}'s share ({safe(info.path)})")
            out.print(
                f"Dry run: {len(plan.add)} to add, {len(plan.unchanged)} unchanged, "
                f"{len(plan.remove)} to remove; nothing was changed."
            )
            return
        summaries = (
            add_exports(store, (read_share(info.path) for info in plan.add)) if plan.add else []
        )
        for s in summaries:
            _print_added(s)
        for name, _source in plan.remove:
            deleted = remove_owner(store, name)
            out.print(
                f"Removed {safe(name)}'s share and "
                f"{counted(deleted, 'person', 'people')} only they knew."
            )
        stats = store.stats()
        me = store.me_person_id() is not None
    added = sum(1 for s in summaries if not s.skipped and not s.unchanged)
    out.print(
        f"Synced {safe(plan.folder)}: {added} added or replaced, {len(plan.unchanged)} unchanged, "
        f"{len(plan.remove)} removed. Store: {counted(stats.people, 'person', 'people')}, "
        f"{counted(stats.connections, 'connection')}, {exports_held(stats.owners, me)}."
    )
