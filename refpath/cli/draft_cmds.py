"""Commands that write and check messages: ``draft`` and ``check``.

``draft`` finds the routes to a person (as ``to`` does), renders
:func:`refpath.outreach.drafts.draft_for` and prints it, writes it with ``--out``, or
prints only the connection note with ``--note``. ``check`` runs
:func:`refpath.outreach.etiquette.check_message` over a file or stdin and exits 1 when
it finds anything, so it works in scripts. Everything from the exports or the
user's files passes through ``safe()`` on its way to the terminal.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from refpath.cli.app import app, err, open_db, out, protect, quoted, safe, safe_lines, warn
from refpath.errors import InputError

if TYPE_CHECKING:
    from refpath.routes.introducers import Introduction, Routes
    from refpath.routes.people import Person


#: ``check`` reads at most this much: a message is a few kB; 1 MB is not one.
MAX_MESSAGE = 2**20


class Channel(StrEnum):
    """Where a checked message will be sent (each has its own length limit)."""

    note = "note"
    inmail = "inmail"
    email = "email"


def _pick(routes: Routes, via: str) -> Introduction:
    """The best route whose introducer (or, failing that, anyone on it) is ``via``."""
    from refpath.identity import name_key, profile_key

    key = profile_key(via)
    folded = name_key(via)

    def same(p: Person) -> bool:
        return (bool(key) and profile_key(p.url) == key) or name_key(p.name) == folded

    for people in ([i.via[0]] for i in routes.paths), (i.via for i in routes.paths):
        for intro, on_route in zip(routes.paths, people, strict=True):
            if any(same(p) for p in on_route):
                return intro
    names = list(dict.fromkeys(i.via[0].name for i in routes.paths))
    raise InputError(
        f"--via {via!r} is not on a route to {routes.target.name}; "
        f"the introducers are: {', '.join(names)}"
    )


@app.command("draft")
def draft(
    ctx: typer.Context,
    name: Annotated[
        str,
        typer.Argument(help="The prospect: a name or a LinkedIn profile URL.", show_default=False),
    ],
    company: Annotated[
        str | None,
        typer.Option(
            "--company",
            "-c",
            help="Only people whose company contains this; for a prospect in no export, "
            "reach them through their colleagues there.",
            show_default=False,
        ),
    ] = None,
    via: Annotated[
        str | None,
        typer.Option(
            help="Ask this introducer instead of the best one (a name from refpath to).",
            show_default=False,
        ),
    ] = None,
    reason: Annotated[
        str | None,
        typer.Option(
            "--reason",
            "-r",
            help='What you want to talk about; completes "I\'d like to ask Jane about ...". '
            "Without it the draft shows where it goes.",
            show_default=False,
        ),
    ] = None,
    note: Annotated[
        bool,
        typer.Option(
            "--note", help="Print only the LinkedIn connection note for the prospect (≤ 300)."
        ),
    ] = False,
    free_account: Annotated[
        bool,
        typer.Option(
            "--free-account", help="Keep the connection note within a free account's 200."
        ),
    ] = False,
    template: Annotated[
        Path | None,
        typer.Option(
            help="Your own Jinja2 template defining any of the blocks ask, blurb, note "
            "(see docs/messages.md). Default: templates/draft.j2 in your config folder, "
            "else refpath's.",
            show_default=False,
        ),
    ] = None,
    out_dir: Annotated[
        Path | None,
        typer.Option(
            "--out",
            help="Also write the whole draft as Markdown into this folder (one file per draft).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Draft a warm-introduction request to NAME: the ask and a forwardable blurb.

    The ask to the introducer says only what the data shows about their tie
    (an inferred tie becomes a question), your reason, a call of set length,
    and an easy way to say no. The blurb is for the introducer to forward:
    the prospect is asked first and introduced only after a yes.
    """
    from refpath.outreach.drafts import count_text, draft_for, draft_markdown, load_user_config
    from refpath.outreach.drafts import write_markdown as write
    from refpath.routes.introducers import introducers_for
    from refpath.routes.people import find_target

    config = load_user_config()
    with open_db(ctx) as store:
        target = find_target(store, name, company=company)
        routes = introducers_for(store, target, top=25 if via else 5)
        chosen: Routes | Introduction = _pick(routes, via) if via else routes
        result = draft_for(
            store, chosen, reason=reason, template=template, config=config,
            free_account=free_account,
        )  # fmt: skip
    inputs = [(template, "the template")] if template is not None else []
    written = write(result, out_dir, protect=protect(ctx, *inputs)) if out_dir else None
    first = result.target.name.split()[0] if result.target.name.split() else result.target.name
    if note:
        if result.note is None:
            raise InputError("; ".join(result.problems))
        out.print(safe_lines(result.note))
        err.print(f"refpath: {count_text(result.counts[2])}")
        if written:
            err.print(f"refpath: wrote {safe(written)}")
        return
    if result.reason is None:
        warn(
            f"no --reason: the draft marks where yours goes (what you want to ask {first} about); "
            "refpath never invents one"
        )
    if routes.connected:
        out.print(f"You are already connected to {safe(result.target.name)}: you could also "
                  "write directly.")  # fmt: skip
    if written:
        out.print(f"Wrote {safe(written)}")
    else:
        out.print(safe_lines(draft_markdown(result, note=False)))
    t = result.target
    who = t.url if t.url and name.strip() == t.url else t.name
    hint = f"refpath draft {quoted(who)}"
    if company:
        hint += f" --company {quoted(company)}"
    if via:
        hint += f" --via {quoted(result.introducer.name)}"
    hint += f" --reason {quoted(result.reason or '...')} --note"
    out.print(
        f"Next: send the ask to {safe(result.introducer.name)}. Once {safe(first)} says yes, "
        f"connect with a note: {safe(hint)}"
    )


@app.command("check")
def check(
    ctx: typer.Context,
    file: Annotated[
        str,
        typer.Argument(help="The message: a text file, or - to read stdin.", show_default=False),
    ],
    target: Annotated[
        str | None,
        typer.Option(
            help="Whom the message is for: checks claims of closeness against the store.",
            show_default=False,
        ),
    ] = None,
    company: Annotated[
        str | None,
        typer.Option(
            "--company",
            "-c",
            help="The --target's company, when several share the name.",
            show_default=False,
        ),
    ] = None,
    channel: Annotated[
        Channel,
        typer.Option(help="Where it will be sent: note (300), inmail (2,000) or email (2,000)."),
    ] = Channel.inmail,
    free_account: Annotated[
        bool, typer.Option("--free-account", help="A note from a free account: 200 characters.")
    ] = False,
) -> None:
    """Check a message for what makes outreach read like a cold pitch.

    Flags standard invitations and impersonal text, sales pitches and links to
    strangers, calls with no stated topic or length, no reason or common
    ground, over-length, and (with --target) closeness the store doesn't back.
    Exit 0 when clean, 1 with findings.
    """
    from refpath.exports.locate import read_regular
    from refpath.outreach.etiquette import check_message, recipient
    from refpath.routes.people import find_target

    shown = "<stdin>" if file == "-" else file
    try:
        if file == "-":
            data = typer.get_binary_stream("stdin").read(MAX_MESSAGE + 1)
            if len(data) > MAX_MESSAGE:
                raise InputError(f"{shown}: over 1 MB, too big for a message")
        else:
            data = read_regular(Path(file), MAX_MESSAGE, "a message")
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(f"{shown}: not UTF-8 text ({error.reason})") from error
    except OSError as error:
        raise InputError(f"{shown}: cannot read: {error.strerror or error}") from error
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise InputError(f"{shown}: the message is empty")
    to = None
    if target is not None:
        with open_db(ctx) as store:
            to = recipient(store, find_target(store, target, company=company))
    findings = check_message(text, channel=channel.value, free_account=free_account, to=to)
    if not findings:
        out.print(f"{safe(shown)}: no findings.")
        return
    for f in findings:
        out.print(f"{safe(shown)}:{f.line}: {f.rule}: {safe(f.message)}")
        out.print(f"  fix: {safe(f.fix)}")
    count = len(findings)
    out.print(f"{count} finding{'s' if count > 1 else ''}; the rules are in docs/messages.md.")
    raise typer.Exit(1)
