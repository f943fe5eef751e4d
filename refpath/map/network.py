"""The team's network as data and as networkx graphs, read from the store in one pass.

Every tie in merged exports has a colleague (an *owner*) at one end: a
connection row says "owner knows person", and an owner's archive may add
evidence (messages, invitations, endorsements, recommendations), even about
someone the export does not list. :func:`load_network` reads all of it with
one query, folds the two sides of a colleague-to-colleague pair into one tie,
and scores every tie with the same formula ``refpath to`` uses. Ties the
exports do not show, only suggest (two people at the same small company), are
*inferred*: :func:`inferred_ties` adds them on request, and maps never draw
them as connections. :func:`team_graph` turns all that into a networkx graph
whose attributes are all ``str``/``int``/``float``/``bool``, so the GEXF and
GraphML writers accept it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    import networkx as nx

    from refpath.store.db import Store

#: Same-company ties are inferred only at companies this small (see :func:`inferred_ties`).
MAX_INFERRED_COMPANY = 12


class Node(NamedTuple):
    """One person in the store, with what a map or an export shows of them."""

    name: str
    company: str
    company_key: str
    position: str
    email: str  #: first non-empty email an export showed ('' if none)
    url: str = ""  #: LinkedIn profile URL ('' for a row without one)


class Edge(NamedTuple):
    """One pair of people seen together in the exports (``a`` is a colleague)."""

    a: int
    b: int
    connected_on: str  #: ISO date of the earliest connection, '' if unknown or inferred
    strength: float  #: tie strength in [0, 1)
    inferred: bool  #: evidence of a relationship, but no connection row
    owners: tuple[str, ...]  #: colleagues whose exports show this tie
    #: False for a tie only messages, an invitation or an endorsement show
    connected: bool = True


@dataclass(frozen=True)
class TeamNetwork:
    """The whole team network, read once and shared by map, clusters and export.

    Examples
    --------
    >>> net = TeamNetwork({1: Node("Ann", "", "", "", ""), 2: Node("Bo", "Acme", "acme", "", "")},
    ...                   {1: "Ann"}, (Edge(1, 2, "2020-01-01", 0.2, False, ("Ann",)),), None)
    >>> net.colleagues_of[2]
    {1: 0.2}
    """

    people: Mapping[int, Node]  #: every person in the store, by person id
    owners: Mapping[int, str]  #: person id of each colleague -> their name, in order added
    ties: tuple[Edge, ...]
    me: int | None  #: person id of the user (the export added with ``--me``)

    def observed(self) -> Iterable[Edge]:
        """Ties backed by a connection row (what a map draws as a connection)."""
        return (t for t in self.ties if not t.inferred)

    @cached_property
    def colleagues_of(self) -> dict[int, dict[int, float]]:
        """For each person, the colleagues they have an observed tie with, and its strength."""
        out: dict[int, dict[int, float]] = {}
        for t in self.observed():
            if t.a in self.owners:
                out.setdefault(t.b, {})[t.a] = t.strength
            if t.b in self.owners:
                out.setdefault(t.a, {})[t.b] = t.strength
        return out

    def owner_names(self, ids: Iterable[int]) -> tuple[str, ...]:
        """Names of the colleagues among ``ids``, sorted."""
        return tuple(sorted(self.owners[i] for i in ids if i in self.owners))


def load_network(
    store: Store, *, today: date | None = None, sides: Mapping[tuple[int, int], Any] | None = None
) -> TeamNetwork:
    """Read every person and every tie in the store, with strengths, in one pass.

    All evidence comes from one query (:func:`refpath.routes.strength.sides_about`
    over every person); each pair's two sides are merged and scored with
    :func:`refpath.routes.strength.tie_strength`, as ``refpath to`` scores a hop.
    Bare connections (most ties) share their evidence, so scores are cached.

    Parameters
    ----------
    store : Store
        An open refpath store.
    today : date, optional
        The day strengths are computed for (default: today).
    sides : mapping, optional
        ``sides_about`` over every person, when the caller has read it already.

    Returns
    -------
    TeamNetwork
        People by id, colleagues by person id, and one :class:`Edge` per pair
        (a pair two colleagues' exports both show is one tie with both owners).
    """
    from refpath.routes.strength import merge_sides, sides_about, tie_strength

    conn = store.conn
    today = today or date.today()
    people = {
        pid: Node(name, company, ckey, position, "", url)
        for pid, name, company, ckey, position, url in conn.execute(
            "SELECT id, name, company, company_key, position, url FROM people ORDER BY id"
        )
    }
    owners: dict[int, str] = dict(
        conn.execute("SELECT person_id, name FROM owners ORDER BY id").fetchall()
    )
    me_row = conn.execute("SELECT person_id FROM owners WHERE is_me = 1").fetchone()
    if sides is None:
        sides = sides_about(conn, "SELECT id FROM people", ())
    cache: dict[tuple[Any, ...], float] = {}
    ties: list[Edge] = []
    for a, b in sides:
        if a == b or ((b, a) in sides and a > b):
            continue  # a colleague's own row, or the second side of a pair seen already
        ab, ba = sides[a, b], sides.get((b, a))
        ka, kb = people[a].company_key, people[b].company_key
        same, mates = bool(ka) and ka == kb, b in owners
        key = (ab, ba, same, mates)
        strength = cache.get(key)
        if strength is None:
            ev = merge_sides(ab, ba, same_company=same, teammates=mates)
            strength = cache[key] = round(tie_strength(ev, today=today), 4)
        on = min((s.connected_on for s in (ab, ba) if s and s.connected_on), default=None)
        by = (owners[a], owners[b]) if ba else (owners[a],)
        connected = bool((ab and ab.connected) or (ba and ba.connected))
        ties.append(Edge(a, b, (on or "")[:10], strength, False, tuple(sorted(by)), connected))
    return TeamNetwork(people, owners, tuple(ties), me_row[0] if me_row else None)


def with_emails(store: Store, net: TeamNetwork) -> TeamNetwork:
    """The same network with each person's first email from any export filled in.

    Parameters
    ----------
    store : Store
        The store ``net`` was read from.
    net : TeamNetwork
        From :func:`load_network` (which leaves emails out: they are private).

    Returns
    -------
    TeamNetwork
    """
    emails: dict[int, str] = {}
    for pid, email in store.conn.execute(
        "SELECT person_id, email FROM connections WHERE email != '' ORDER BY owner_id"
    ):
        emails.setdefault(pid, email)
    people = {pid: n._replace(email=emails.get(pid, "")) for pid, n in net.people.items()}
    return replace(net, people=people)


def inferred_ties(net: TeamNetwork, *, max_company: int = MAX_INFERRED_COMPANY) -> list[Edge]:
    """Same-company ties the exports do not show, only suggest (as ``refpath to`` infers them).

    Only at companies with at most ``max_company`` people in the data: at a
    bigger one, a guess that two people work together counts for little and
    their number grows with the square of the company's size. Pairs with an
    observed tie are left out.

    Parameters
    ----------
    net : TeamNetwork
        From :func:`load_network`.
    max_company : int
        The largest company (people in the data) whose pairs are inferred.

    Returns
    -------
    list of Edge
        With ``inferred=True``, no date, no owners, and the discounted strength
        :func:`refpath.routes.strength.tie_strength` gives a same-company guess.

    Examples
    --------
    >>> people = {i: Node(f"P{i}", "Acme", "acme", "", "") for i in (1, 2, 3)}
    >>> net = TeamNetwork(people, {1: "P1"}, (Edge(1, 2, "", 0.3, False, ("P1",)),), None)
    >>> [(t.a, t.b, t.inferred) for t in inferred_ties(net)]
    [(1, 3, True), (2, 3, True)]
    """
    from refpath.routes.strength import TieEvidence, tie_strength

    by_company: dict[str, list[int]] = {}
    for pid, node in net.people.items():
        if node.company_key:
            by_company.setdefault(node.company_key, []).append(pid)
    seen = {(t.a, t.b) for t in net.ties} | {(t.b, t.a) for t in net.ties}
    out: list[Edge] = []
    for ids in by_company.values():
        if not 2 <= len(ids) <= max_company:
            continue
        ev = TieEvidence(
            0,
            0,
            None,
            None,
            0,
            0,
            False,
            None,
            None,
            True,
            False,
            inferred=True,
            company_size=len(ids),
        )
        strength = round(tie_strength(ev), 4)
        for i, a in enumerate(ids):
            for b in ids[i + 1 :]:
                if (a, b) not in seen:
                    out.append(Edge(a, b, "", strength, True, (), False))
    return out


def team_graph(
    net: TeamNetwork,
    *,
    membership: Mapping[int, int] | None = None,
    show_emails: bool = False,
    inferred: bool = True,
) -> nx.Graph:
    """The whole team as a networkx graph with writer-safe attributes.

    Parameters
    ----------
    net : TeamNetwork
        From :func:`load_network`.
    membership : mapping, optional
        Person id -> cluster id (0-based, -1 for none), written as the ``community``
        node attribute numbered as maps and ``refpath clusters`` show them:
        1 for C1, and so on; 0 for no market cluster (the colleagues' own company).
    show_emails : bool
        Add an ``email`` node attribute (left out by default: emails are private).
    inferred : bool
        Include inferred ties (edge attribute ``kind="inferred"``).

    Returns
    -------
    networkx.Graph
        Nodes are person ids with ``label``, ``name``, ``company``, ``position``,
        ``url`` (the profile URL, '' without one), ``is_owner`` and ``community``;
        edges have ``connected_on``, ``strength``, ``kind`` ("observed" or
        "inferred"), ``connected`` (False when only messages, an invitation or an
        endorsement show the tie) and ``owners`` ("; "-joined names).

    Examples
    --------
    >>> people = {1: Node("Ann", "", "", "", "a@x"), 2: Node("Bo", "Acme", "acme", "", "")}
    >>> net = TeamNetwork(people, {1: "Ann"}, (Edge(1, 2, "", 0.1, False, ("Ann",)),), None)
    >>> g = team_graph(net, membership={2: 0})
    >>> g.nodes[2]["community"], g.nodes[1]["is_owner"], "email" in g.nodes[1]
    (1, True, False)
    >>> g.edges[1, 2]["kind"], g.edges[1, 2]["connected"], g.edges[1, 2]["owners"]
    ('observed', True, 'Ann')
    """
    import networkx as nx

    g = nx.Graph()
    member = membership or {}
    for pid, node in net.people.items():
        attrs: dict[str, Any] = {
            "label": node.name,
            "name": node.name,
            "company": node.company,
            "position": node.position,
            "url": node.url,
            "is_owner": pid in net.owners,
            "community": int(member.get(pid, -1)) + 1,
        }
        if show_emails:
            attrs["email"] = node.email
        g.add_node(pid, **attrs)
    g.add_edges_from(
        (
            t.a,
            t.b,
            {
                "connected_on": t.connected_on,
                "strength": float(t.strength),
                "kind": "inferred" if t.inferred else "observed",
                "connected": t.connected,
                "owners": "; ".join(t.owners),
            },
        )
        for t in net.ties
        if inferred or not t.inferred
    )
    return g
