"""The team as route finding reads it: the colleagues, the user, and the ties between them.

Every edge in the store has a colleague (an *owner*) at one end, so
:mod:`refpath.routes.introducers` needs only what the owners' exports say about the owners
themselves, read once here, plus what it reads per target. A :class:`Team`
caches the companies, the merged sides and the scored ties it has seen, so one
can serve many targets in a row (see :class:`refpath.routes.introducers.RouteFinder`).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from datetime import date
from typing import NamedTuple

from refpath.routes.strength import (
    IDS,
    Side,
    TieEvidence,
    bare_strength,
    is_bare,
    merge_sides,
    sides_about,
    tie_strength,
)


class Tie(NamedTuple):
    """One scored tie a → b (ids), with its evidence."""

    a: int
    b: int
    ev: TieEvidence
    s: float


class Team:
    """The colleagues, the user, and what the store says between them."""

    def __init__(self, conn: sqlite3.Connection, today: date) -> None:
        self.conn = conn
        self.today = today
        rows = conn.execute("SELECT id, person_id, is_me FROM owners").fetchall()
        self.owner_ids = {pid: oid for oid, pid, _ in rows}
        self.me: int | None = next((pid for _, pid, me in rows if me), None)
        self.sides: dict[tuple[int, int], Side] = {}
        self.companies: dict[int, tuple[str, str]] = {}
        #: company keys of people whose company name was not needed (yet): the targets at a
        #: company, read from the company index alone
        self.keys: dict[int, str] = {}
        self._hops: dict[tuple[int, int], Tie] = {}
        self._starts: dict[int, tuple[Tie, ...]] = {}
        self.contacts: set[int] = set()  # my non-colleague contacts with real evidence
        owners = json.dumps(sorted(self.owner_ids))
        self.sides.update(sides_about(conn, IDS, (owners,)))
        self.load_companies(self.owner_ids)

    def load_companies(self, pids: Iterable[int]) -> None:
        wanted = [p for p in pids if p not in self.companies]
        if wanted:
            for pid, ck, company in self.conn.execute(
                f"SELECT id, company_key, company FROM people WHERE id IN ({IDS})",
                (json.dumps(wanted),),
            ):
                self.companies[pid] = (ck, company)

    def key(self, pid: int) -> str:
        """``pid``'s folded company ('' when unknown)."""
        known = self.companies.get(pid)
        return known[0] if known is not None else self.keys.get(pid, "")

    def hop(self, a: int, b: int) -> Tie:
        """The observed tie a → b, merged from both archives."""
        hop = self._hops.get((a, b))
        if hop is None:
            if a not in self.companies and a in self.keys:
                self.load_companies([a])  # its name goes into the reasons
            ka, ca = self.companies.get(a, ("", ""))
            ev = merge_sides(
                self.sides.get((a, b)),
                self.sides.get((b, a)),
                same_company=bool(ka) and ka == self.key(b),
                teammates=a in self.owner_ids and b in self.owner_ids,
                company=ca,
            )
            hop = self._hops[a, b] = Tie(a, b, ev, tie_strength(ev, today=self.today))
        return hop

    def strength(self, a: int, b: int) -> float:
        """``hop(a, b).s``; no evidence is built when the archives show only a connection."""
        hop = self._hops.get((a, b))
        if hop is not None:
            return hop.s
        ab, ba = self.sides.get((a, b)), self.sides.get((b, a))
        if (ab is None or is_bare(ab)) and (ba is None or is_bare(ba)):
            ka = self.key(a)
            return bare_strength(
                ab,
                ba,
                same_company=bool(ka) and ka == self.key(b),
                teammates=a in self.owner_ids and b in self.owner_ids,
                today=self.today,
            )
        return self.hop(a, b).s

    def load_contacts(self, owner_pids: Iterable[int]) -> None:
        """My contacts with real evidence (messages etc.), and what ``owner_pids`` say of them.

        Only these can make me → contact → teammate beat me → teammate: a bare
        connection (even a long one at my company) is weaker than being
        teammates, and a route is never stronger than its weakest hop.
        """
        if self.me is None:
            return
        self.contacts = {
            pid
            for (pid,) in self.conn.execute(
                "SELECT person_id FROM signals WHERE owner_id = ?", (self.owner_ids[self.me],)
            )
            if pid not in self.owner_ids
        }
        if self.contacts:
            ids = json.dumps(sorted(self.contacts))
            self.sides.update(
                sides_about(self.conn, IDS, (ids,), owner_pids={self.me, *owner_pids})
            )
            self.load_companies(self.contacts)

    def start(self, y: int) -> tuple[Tie, ...]:
        """The best route (≤ 2 hops) from me to teammate ``y``; () when the team is the start."""
        if self.me is None or y == self.me:
            return ()
        best = self._starts.get(y)
        if best is not None:
            return best
        me = self.me
        via, score = None, self.strength(me, y)
        vias = [w for w in self.owner_ids if (w, y) in self.sides or (y, w) in self.sides]
        vias += [x for x in self.contacts if (y, x) in self.sides]
        for w in vias:
            if w in (me, y):
                continue
            first = self.strength(me, w)
            if first <= score:  # a detour is never stronger than its first hop
                continue
            second = self.strength(w, y)
            if first * second > score:
                via, score = w, first * second
        best = (self.hop(me, y),) if via is None else (self.hop(me, via), self.hop(via, y))
        self._starts[y] = best
        return best

    def first_hop(self, y: int) -> tuple[Tie, ...]:
        """Me → teammate ``y`` directly (for routes that need the third hop)."""
        if self.me is None or y == self.me:
            return ()
        return (self.hop(self.me, y),)
