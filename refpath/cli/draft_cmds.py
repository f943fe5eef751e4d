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

from refpath.cli.app import (
    NewProspect,
    ambiguous,
    app,
    err,
    open_db,
    out,
    protect,
    quoted,
    safe,
    safe_lines,
    warn,
)
from refpath.errors import AmbiguousPerson, InputError, PersonError, UnknownPerson

if TYPE_CHECKING:
    from refpath.routes.introducers import Introduction, Routes

#: Where `refpath --help` lists these commands.
PANEL = "Ask for the introduction"


#: ``check`` reads at most this much: a message is a few kB; 1 MB is not one.
MAX_MESSAGE = 2**20


class Channel(StrEnum):
    """Where a checked message will be sent (each has its own length limit)."""

    note = "note"
    inmail = "inmail"
    email = "email"


class Kind(StrEnum):
    """What a checked message is (see refpath.outreach.message_kinds.KINDS); auto detects it."""

    auto = "auto"
    first_contact = "first-contact"
    intro_ask = "intro-ask"
    blurb = "blurb"
    reply = "reply"
    thank_you = "thank-you"
    scheduling = "scheduling"


#: How ``check`` names each kind in its last line.
KIND_NAMES = {
    "first-contact": "a first-contact message",
    "intro-ask": "an ask to an introducer",
    "blurb": "an introducer's blurb",
    "reply": "a reply",
    "thank-you": "a thank-you",
    "scheduling": "a scheduling note",
}


@app.command("draft", rich_help_panel=PANEL)
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
    new: NewProspect = False,
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
    from refpath.outreach.drafts import (
        NoIntroducer,
        count_text,
        draft_for,
        draft_markdown,
        load_user_config,
    )
    from refpath.outreach.drafts import write_markdown as write
    from refpath.routes.introducers import route_via
    from refpath.routes.people import find_target
    from refpath.routes.standing import CONNECTED, UNKNOWN, YOU, sentence, standing

    config = load_user_config()
    with open_db(ctx) as store:
        try:
            target = find_target(store, name, company=company, new=new)
        except AmbiguousPerson as error:
            why = f" --reason {quoted(reason)}" if reason else ""
            ambiguous(error, lambda who: f"refpath draft {who}{why}")
        except UnknownPerson as error:
            if error.misspelt and company:
                why = f" --reason {quoted(reason)}" if reason else ""
                error.next = (
                    f"if they are someone else, in no export: refpath draft {quoted(name)} "
                    f"--company {quoted(company)} --new{why}"
                )
            raise
        where = standing(store, target, top=25 if via else 5)
        if where.kind == YOU:
            raise PersonError(sentence(where))
        routes = where.routes
        if where.kind == UNKNOWN or routes is None or not routes.paths:
            if where.kind == UNKNOWN:
                raise NoIntroducer(
                    f"{sentence(where)} Add more colleagues' exports with refpath add EXPORTS."
                )
            out.print(safe(sentence(where)))  # a colleague, or a connection no one else knows
            out.print(f"Next: write to {safe(target.name)} directly.")
            return
        chosen: Routes | Introduction = route_via(routes, via) if via else routes
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
    if where.kind == CONNECTED:
        out.print(safe(sentence(where)) + " Or ask for a warmer introduction:")
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


@app.command("check", rich_help_panel=PANEL)
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
    kind: Annotated[
        Kind,
        typer.Option(
            help="What the message is: first-contact (a first message or connection note), "
            "intro-ask (asking someone to introduce you), blurb (what an introducer forwards), "
            "reply, thank-you, or scheduling (settling a time after a yes). auto detects it; "
            "no-reason and no-common-ground apply only where they make sense.",
        ),
    ] = Kind.auto,
) -> None:
    """Check a message for what makes outreach read like a cold pitch.

    Flags standard invitations and impersonal text; pitches (self-promotion,
    claims of savings or growth, demos, trials, links, offers, recruiting,
    chasing someone who never answered); requests for time with no stated
    topic or length; no reason or common ground where the kind of message
    needs them; over-length; and (with --target) closeness the store doesn't
    back. The last line says which kind the message was read as. Exit 0 when
    clean, 1 with findings.
    """
    from refpath.errors import ExportError
    from refpath.exports.locate import read_regular
    from refpath.exports.text import decode_export
    from refpath.outreach.etiquette import check_message, recipient
    from refpath.outreach.message_kinds import detect_kind
    from refpath.routes.people import find_target

    shown = "<stdin>" if file == "-" else file
    try:
        if file == "-":
            data = typer.get_binary_stream("stdin").read(MAX_MESSAGE + 1)
            if len(data) > MAX_MESSAGE:
                raise InputError(f"{shown}: over 1 MB, too big for a message")
        else:
            data = read_regular(Path(file), MAX_MESSAGE, "a message")
    except OSError as error:
        raise InputError(f"{shown}: cannot read: {error.strerror or error}") from error
    try:  # UTF-8 (with or without BOM), UTF-16, cp1252: as refpath add reads exports
        text, decoding = decode_export(data, shown)
    except ExportError as error:
        raise InputError(f"{shown}: not a text file; save the message as UTF-8 text") from error
    for message in decoding:
        warn(message)
    if not text.strip():
        raise InputError(f"{shown}: the message is empty")
    to = None
    if target is not None:
        with open_db(ctx) as store:
            to = recipient(store, find_target(store, target, company=company))
    said = kind.value if kind is not Kind.auto else None
    read_as = said or detect_kind(text.replace("\r\n", "\n").replace("\r", "\n"))
    findings = check_message(
        text, channel=channel.value, free_account=free_account, to=to, kind=read_as
    )
    how = f"checked as {KIND_NAMES[read_as]}" if said else (
        f"read as {KIND_NAMES[read_as]} (--kind to say otherwise)"
    )  # fmt: skip
    if not findings:
        out.print(f"{safe(shown)}: no findings; {how}.")
        return
    for f in findings:
        out.print(f"{safe(shown)}:{f.line}: {f.rule}: {safe(f.message)}")
        out.print(f"  fix: {safe(f.fix)}")
    count = len(findings)
    out.print(
        f"{count} finding{'s' if count > 1 else ''}; {how}; the rules are in docs/messages.md."
    )
    raise typer.Exit(1)
