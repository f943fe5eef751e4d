"""Commands that answer "who can introduce me?": ``to`` and ``at``.

They find the person, ask :mod:`refpath.routes.introducers` for routes and render them: a
rich table by default, or JSON with ``--json``. Everything taken from the
exports passes through ``safe()`` (terminal) or ``plain()`` (JSON); emails are
shown only with ``--show-emails``. Every outcome ends with a next step.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from refpath.cli.app import (
    ambiguous,
    app,
    err,
    naming,
    open_db,
    out,
    plain,
    print_json,
    quoted,
    safe,
)
from refpath.errors import AmbiguousPerson, PersonError, UnknownPerson

if TYPE_CHECKING:
    from refpath.routes.introducers import Introduction, Routes
    from refpath.routes.people import Person
    from refpath.routes.standing import Standing

#: Where `refpath --help` lists these commands.
PANEL = "Find who can introduce you"


def _via_text(intro: Introduction) -> str:
    return " → ".join(p.name for p in intro.via) or "you, directly"


def _at_lines(
    groups: dict[str, list[tuple[int, Person, Introduction]]], *, several: bool, width: int
) -> str:
    """``at``'s list: per person a line for who, one for the route, and the evidence wrapped.

    Plain lines rather than a table: fifty people in a table took rich ~45 ms to
    lay out, a third of the time ``at`` may take (see bench/bench_query.py).
    """
    import textwrap

    indent = "     "
    text: list[str] = []
    for company, rows in groups.items():
        if several:
            text += ["", f"[bold]{safe(company or '(no company)')}[/bold]"]
        for rank, person, intro in rows:
            who = safe(person.name) + (f" — {safe(person.position)}" if person.position else "")
            text.append(f"{rank:>3}  {who}")
            via = f"via {_via_text(intro)}" if intro.via else "you know them directly"
            route = f"{safe(via)} · score {intro.score:.2f}"
            text.append(indent + route + (" · [yellow]inferred[/yellow]" if intro.inferred else ""))
            if intro.reasons:
                why = safe(intro.reasons[-1])
                text += textwrap.wrap(
                    why, max(40, width), initial_indent=indent, subsequent_indent=indent
                )
    return "\n".join(text)


def _person_json(p: Person) -> dict[str, Any]:
    return {
        "name": plain(p.name),
        "company": plain(p.company),
        "position": plain(p.position),
        "url": plain(p.url),
    }


def _intro_json(intro: Introduction) -> dict[str, Any]:
    return {
        "via": [plain(p.name) for p in intro.via],
        "score": round(intro.score, 4),
        "inferred": intro.inferred,
        "reasons": [plain(r) for r in intro.reasons],
        "hops": [
            {
                "from": plain(h.a.name),
                "to": plain(h.b.name),
                "strength": round(h.strength, 4),
                "inferred": h.inferred,
            }
            for h in intro.hops
        ],
    }


def _unknown(error: UnknownPerson, company: str | None) -> None:
    err.print(f"refpath: error: {safe(error)}")
    if error.suggestions:
        err.print(f"Next: refpath to {safe(quoted(error.suggestions[0]))} (the closest name)")
    elif company:
        err.print(
            "Next: check the spelling of the name and the company, or add an export that "
            "lists someone there with refpath add EXPORTS"
        )
    else:
        err.print(
            "Next: check the spelling, give --company COMPANY to reach them through "
            "their colleagues, or add more exports with refpath add EXPORTS"
        )
    raise typer.Exit(1)


def _people(n: int) -> str:
    return f"{n:,} {'person' if n == 1 else 'people'}"


def _too_big(routes: Routes) -> str:
    return (
        f"No guesses through {safe(routes.target.company)}: with {routes.people_there:,} "
        "people there in the data, working there says little about knowing someone."
    )


def _draft_hint(named: str) -> str:
    return f"refpath draft {named} --reason {quoted('...')}"


def _render_routes(
    where: Standing, emails: tuple[str, ...], namesakes: list[Person], named: str
) -> None:
    from rich.table import Table

    from refpath.routes.standing import CONNECTED, sentence

    routes = where.routes
    assert routes is not None
    t = routes.target
    job = ", ".join(x for x in (t.position, t.company) if x)
    out.print(f"[bold]{safe(t.name)}[/bold]" + (f" — {safe(job)}" if job else ""))
    if t.url:
        out.print(f"  {safe(t.url)}")
    for email in emails:
        out.print(f"  {safe(email)}")
    if not routes.in_store:
        out.print(
            f"{safe(t.name)} is in no export, but {_people(routes.people_there)} at "
            f"{safe(t.company)} {'is' if routes.people_there == 1 else 'are'}"
            + (": these routes go through them and are inferred." if routes.paths else ".")
        )
        for other in namesakes:
            out.print(f"Also in the store: {safe(other.describe())} (drop --company to see them).")
    if routes.me is None:
        out.print(
            "No export is marked as yours, so routes start from the whole team "
            "(mark yours with: refpath add YOUR_EXPORT --me)."
        )
    if where.kind == CONNECTED:
        out.print(safe(sentence(where)))
    if routes.direct:
        for reason in routes.direct.reasons:
            out.print(f"  {safe(reason)}")
    if not routes.paths:
        if routes.connected:
            out.print(f"Next: write to {safe(t.name)} directly.")
            return
        if routes.company_too_big:
            out.print(_too_big(routes))
        out.print(safe(sentence(where)))
        out.print("Next: add more colleagues' exports with refpath add EXPORTS.")
        return
    table = Table("#", "ask" if routes.me is None else "via", "score", "", "why", show_lines=True)
    for rank, intro in enumerate(routes.paths, 1):
        table.add_row(
            str(rank),
            safe(_via_text(intro)),
            f"{intro.score:.2f}",
            "[yellow]inferred[/yellow]" if intro.inferred else "",
            "\n".join(safe(r) for r in intro.reasons),
        )
    out.print(table)
    if routes.company_too_big:
        out.print(_too_big(routes))
    best = routes.paths[0]
    first = best.via[0].name if best.via else t.name
    if routes.connected:
        out.print(
            f"Next: write to {safe(t.name)} directly, or for a warmer introduction ask "
            f"{safe(first)}: {safe(_draft_hint(named))}"
        )
    elif routes.in_store:
        out.print(f"Next: ask {safe(first)} — draft the request with {safe(_draft_hint(named))}")
    else:
        out.print(
            f"Next: ask {safe(best.via[0].name)} about {safe(t.company)}, or see everyone "
            f"there with refpath at {safe(quoted(t.company))}"
        )


@app.command("to", rich_help_panel=PANEL)
def to(
    ctx: typer.Context,
    name: Annotated[
        str,
        typer.Argument(
            help="The prospect: a name (case, accents and emoji don't matter) or a "
            "LinkedIn profile URL.",
            show_default=False,
        ),
    ],
    company: Annotated[
        str | None,
        typer.Option(
            "--company",
            "-c",
            help="Only people whose current company contains this. For a prospect in no "
            "export, routes go through their colleagues at this company.",
            show_default=False,
        ),
    ] = None,
    top: Annotated[
        int, typer.Option("--top", "-k", min=1, help="How many routes to show, best first.")
    ] = 5,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    show_emails: Annotated[
        bool,
        typer.Option("--show-emails", help="Also show the prospect's email when an export has it."),
    ] = False,
) -> None:
    """Who can introduce you to NAME: the best routes through your team, ranked and explained.

    Each route's score multiplies its ties' strengths (messages both ways,
    recommendations, endorsements, invitation notes, years connected, same
    company, teammates), so one weak tie sinks it. Routes through someone who
    merely works at the prospect's company are labelled inferred.
    """
    from refpath.routes.introducers import introducers_for
    from refpath.routes.people import emails_of, find_people, find_target
    from refpath.routes.standing import COLLEAGUE, YOU, sentence, standing

    namesakes: list[Person] = []
    with open_db(ctx) as store:
        try:
            target = find_target(store, name, company=company)
        except AmbiguousPerson as error:
            ambiguous(error, lambda who: f"refpath to {who}")
            return
        except UnknownPerson as error:
            _unknown(error, company)
            return
        if not target.id:  # a prospect in no export: say who of that name the data does hold
            namesakes = find_people(store, name)
        where = standing(store, target, top=top)
        if where.kind == YOU:
            raise PersonError(sentence(where))
        routes = where.routes or introducers_for(store, target, top=top)  # a colleague: JSON
        emails = emails_of(store, target.id) if show_emails and target.id else ()
        named = naming(store, target, name) if not as_json else ""
    if as_json:
        print_json(
            {
                "target": {
                    **_person_json(target),
                    **({"emails": [plain(e) for e in emails]} if show_emails else {}),
                },
                "connected": routes.connected,
                "colleague": target.is_owner,
                "standing": where.kind,
                "connected_on": routes.connected_on.isoformat() if routes.connected_on else None,
                "in_store": routes.in_store,
                "start": "you" if routes.me is not None else "team",
                "me": plain(routes.me.name) if routes.me else None,
                "company_size": routes.company_size,
                "company_too_big": routes.company_too_big,
                "direct": (
                    {
                        "strength": round(routes.direct.strength, 4),
                        "reasons": [plain(r) for r in routes.direct.reasons],
                    }
                    if routes.direct
                    else None
                ),
                "paths": [_intro_json(i) for i in routes.paths],
            }
        )
        return
    if where.kind == COLLEAGUE:
        out.print(safe(sentence(where)))
        out.print(f"Next: write to {safe(target.name)} directly.")
        return
    _render_routes(where, emails, namesakes, named)


#: People `at` shows unless --top or --all says otherwise.
AT_TOP = 50


@app.command("at", rich_help_panel=PANEL)
def at(
    ctx: typer.Context,
    company: Annotated[
        str,
        typer.Argument(
            help="The company (case, accents and suffixes like Inc. don't matter; every "
            "company holding these words as whole words is shown).",
            show_default=False,
        ),
    ],
    top: Annotated[
        int,
        typer.Option("--top", "-k", min=1, help="Show only the best N people."),
    ] = AT_TOP,
    show_all: Annotated[
        bool, typer.Option("--all", help="Show everyone, not only the best.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """People at COMPANY your team can reach, best routes first, grouped by company."""
    from refpath.routes.introducers import reachable

    with open_db(ctx) as store:
        try:
            shown, total = reachable(store, company, top=None if show_all else top)
        except UnknownPerson as error:
            err.print(f"refpath: error: {safe(error)}")
            hint = error.suggestions[0] if error.suggestions else None
            err.print(
                f"Next: refpath at {safe(quoted(hint))}"
                if hint
                else "Next: check the spelling, or add more exports with refpath add EXPORTS"
            )
            raise typer.Exit(1) from None
    if as_json:
        print_json(
            {
                "company": plain(company),
                "reachable": total,
                "shown": len(shown),
                "people": [{**_person_json(p), **_intro_json(i)} for p, i in shown],
            }
        )
        return
    if not total:
        out.print(f"Everyone at {safe(company)} in the store is on your team.")
        out.print('Next: refpath to "NAME" --company COMPANY for a prospect in no export.')
        return
    groups: dict[str, list[tuple[int, Person, Introduction]]] = {}
    for rank, (person, intro) in enumerate(shown, 1):
        groups.setdefault(person.company, []).append((rank, person, intro))
    names = list(groups)
    companies = ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
    out.print(
        f"{total:,} {'person' if total == 1 else 'people'} at {safe(companies)} "
        "reachable through the team"
        + (f"; the best {len(shown)}" if len(shown) < total else "")
        + (", by company:" if len(names) > 1 else ":")
    )
    out.print(_at_lines(groups, several=len(names) > 1, width=out.width))
    if len(shown) < total:
        out.print(f"Showing {len(shown)} of {total:,}: more with --top N, or everyone with --all.")
    if not shown:
        return
    first = shown[0][0]
    out.print(f"Next: refpath to {safe(quoted(first.url or first.name))} for every route to them.")
