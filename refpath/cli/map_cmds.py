"""Commands that show the network: map (a picture), clusters (a table) and export (for Gephi)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from refpath.cli.app import (
    ambiguous,
    app,
    check_outputs,
    open_db,
    out,
    plain,
    print_json,
    protect,
    quoted,
    safe,
)

if TYPE_CHECKING:
    from refpath.map.clusters import Broker, Clustering

#: Where `refpath --help` lists these commands.
PANEL = "See the network"


@app.command("map", rich_help_panel=PANEL)
def map_(
    ctx: typer.Context,
    output: Annotated[
        Path,
        typer.Option(
            "-o",
            "--output",
            help="Picture to write: .png, .svg or .pdf; or .html: an interactive page "
            "(offline, self-contained) with every person, search, and each one's routes.",
        ),
    ] = Path("network.png"),
    highlight: Annotated[
        str | None,
        typer.Option(help="Draw the best introduction routes to this person, boldly, with names."),
    ] = None,
    company: Annotated[
        str | None,
        typer.Option(help="The --highlight person's company, when several share the name."),
    ] = None,
    owner: Annotated[
        str | None,
        typer.Option(help="Draw only this colleague's network (clusters stay team-wide)."),
    ] = None,
    layout: Annotated[
        str,
        typer.Option(
            help="clusters: clusters around a ring, colleagues inside (fast at any size). "
            "spring: networkx force layout (small maps only)."
        ),
    ] = "clusters",
    max_people: Annotated[
        int,
        typer.Option(min=1, help="Draw people one by one up to this many; above, draw a summary."),
    ] = 1500,
) -> None:
    """Draw the team's network: market clusters, colleagues, brokers, a highlighted route.

    Up to --max-people people each person is a dot; above, the picture is a
    summary with each market cluster as a bubble. The title says which.

    With -o FILE.html the map is one interactive page that works offline:
    every person at any size, zoom and pan, hover for who it is, search by
    name, click anyone for their best introductions as `refpath to` ranks
    them; --highlight NAME opens it with that person's routes shown.

    \b
    refpath map -o network.png --highlight "Jane Doe"
    refpath map -o network.html --highlight "Jane Doe"
    """
    from refpath.errors import AmbiguousPerson, PersonError, UnknownPerson
    from refpath.identity import name_key
    from refpath.map.clusters import market_clusters
    from refpath.map.html import check_output, is_html
    from refpath.map.network import load_network
    from refpath.map.options import MapOptions, Route
    from refpath.map.plot import draw_map, output_format
    from refpath.routes.people import find_target
    from refpath.routes.standing import REACHABLE, YOU, sentence, standing

    html = is_html(output)
    check_output(output) if html else output_format(output)  # bad names fail before any work
    check_outputs(ctx, [output])
    with open_db(ctx) as store:
        focus = None
        if owner is not None:
            found = store.owner_by_name(name_key(owner))
            if found is None:
                names = ", ".join(s.name for s in store.sources()[:8])
                raise UnknownPerson(
                    f"{owner!r} is not a colleague whose export was added; colleagues: {names}"
                )
            focus = found[1]
        routes: tuple = ()
        where = None
        if highlight is not None:
            try:
                target = find_target(store, highlight, company=company)
            except AmbiguousPerson as error:
                drawn = f"refpath map -o {quoted(str(output))} --highlight"
                ambiguous(error, lambda who: f"{drawn} {who}")
            where = standing(store, target, top=3)
            if where.kind == YOU:
                raise PersonError(sentence(where))
            found = where.routes.paths if where.routes and where.person.id else ()
            routes = tuple(Route.of(intro) for intro in found if intro.hops)
        if html:
            page = _write_html(store, output, focus, where, protect(ctx))
        else:
            net = load_network(store)
    if html:
        highlighted = page.highlighted
    else:
        clustering = market_clusters(net)
        opts = MapOptions(output, routes, focus, layout, max_people, protect=protect(ctx))
        result = draw_map(net, clustering, opts)
        kind = "summary" if result.summarised else "map"
        out.print(
            f"Wrote {safe(result.path)}: {kind} of {result.people:,} people in "
            f"{result.clusters} market clusters."
        )
        highlighted = len(routes)
    if where is None:
        return
    name = safe(where.person.name)
    if where.kind != REACHABLE or not where.person.id:
        out.print(safe(sentence(where)))
    if not where.person.id:
        out.print(f"{name} is in no export, so the map has no dot for them.")
    if highlighted:
        n = highlighted
        best = f"the {n} best introduction routes" if n > 1 else "the one introduction route"
        out.print(f"Highlighted {best} to {name}.")
    else:
        out.print("Nothing highlighted.")


def _write_html(store: Any, output: Path, focus: int | None, where: Any, keep: Any) -> Any:
    """Write the interactive page (``where``: the --highlight person's standing, or None)."""
    from refpath.map.html import write_html_map

    highlight = where.person.id if where is not None and where.person.id else None
    result = write_html_map(store, output, focus=focus, highlight=highlight, protect=keep)
    out.print(
        f"Wrote {safe(result.path)}: interactive map of {result.people:,} people in "
        f"{result.clusters} market clusters, {result.bytes / 1e6:.1f} MB; "
        f"routes for {result.routed:,} people. Open it in a browser (it works offline)."
    )
    return result


def _broker_json(b: Broker) -> dict[str, Any]:
    return {
        "name": plain(b.name),
        "company": plain(b.company),
        "score": b.score,
        "cluster": b.cluster + 1,
        "known_by": [plain(n) for n in b.known_by],
    }


def _clusters_json(c: Clustering) -> dict[str, Any]:
    return {
        "method": c.method,
        "modularity": c.modularity,
        "clusters": [
            {
                "cluster": k.id + 1,
                "label": plain(k.label),
                "people": k.size,
                "companies": k.n_companies,
                "top_companies": [{"name": plain(n), "people": m} for n, m in k.companies],
                "colleagues": [{"name": plain(n), "people": m} for n, m in k.owners],
                "brokers": [_broker_json(b) for b in k.brokers],
            }
            for k in c.clusters
        ],
        "top_brokers": [_broker_json(b) for b in c.brokers],
    }


@app.command(rich_help_panel=PANEL)
def clusters(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List the market clusters the team reaches, through which colleagues and brokers."""
    from rich.table import Table

    from refpath.map.clusters import market_clusters
    from refpath.map.network import load_network

    with open_db(ctx) as store:
        net = load_network(store)
    result = market_clusters(net)
    if as_json:
        print_json(_clusters_json(result))
        return
    if not result.clusters:
        out.print("No clusters: the store has no connections yet. Add exports with: refpath add")
        return
    table = Table("#", "people", "top companies", "reached through", "brokers")
    for k in result.clusters:
        companies = ", ".join(f"{safe(n)} ({m})" for n, m in k.companies[:3])
        more = k.n_companies - min(3, len(k.companies))
        if more > 0:
            companies += f" +{more} more"
        mates = ", ".join(f"{safe(n)} ({m})" for n, m in k.owners[:3])
        if len(k.owners) > 3:
            mates += f" +{len(k.owners) - 3} more"
        brokers = ", ".join(f"{safe(b.name)} ({len(b.known_by)} colleagues)" for b in k.brokers)
        table.add_row(f"C{k.id + 1}", f"{k.size:,}", companies, mates, brokers or "-")
    out.print(table)
    out.print(f"[dim]{safe(result.method)}; modularity {result.modularity}.[/dim]")


@app.command(rich_help_panel=PANEL)
def export(
    ctx: typer.Context,
    file: Annotated[
        Path | None,
        typer.Argument(help="File to write: .gexf, .graphml or .csv.", show_default=False),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="The same as FILE.", show_default=False),
    ] = None,
    show_emails: Annotated[
        bool, typer.Option("--show-emails", help="Include email addresses (left out by default).")
    ] = False,
    inferred: Annotated[
        bool,
        typer.Option(
            "--inferred", help="Also export inferred ties (same small company, no connection)."
        ),
    ] = False,
) -> None:
    """Export the whole network for Gephi, Cytoscape or Neo4j: .gexf, .graphml or .csv.

    Every person is a node (name, company, position, colleague or not, market
    cluster); every tie an edge (connected on, strength, observed or inferred,
    the colleagues whose exports show it). .csv writes FILE_nodes.csv and
    FILE_edges.csv.
    """
    from refpath.errors import InputError
    from refpath.map.graph_export import export_files, export_graph

    if file is not None and output is not None and file != output:
        raise InputError(f"two files to write: {file} and -o {output}; give one")
    output = file or output
    if output is None:
        raise InputError("no file to write: refpath export FILE (.gexf, .graphml or .csv)")

    check_outputs(ctx, list(export_files(output)))
    with open_db(ctx) as store:
        written = export_graph(
            store, output, show_emails=show_emails, inferred=inferred, protect=protect(ctx)
        )
    files = ", ".join(safe(p) for p in written.files)
    out.print(f"Wrote {files}: {written.nodes:,} people, {written.edges:,} ties.")
