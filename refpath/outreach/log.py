"""The outreach log: who was asked about whom, and what came of it (``refpath log``).

Entries are kept in the store's ``outreach`` table by person key, so they
survive re-adding exports (and follow merges through aliases). No message text
is stored. :mod:`refpath.outreach.plan` reads the log through :class:`LogState`: prospects
met, introduced or recently asked are not planned again, and asks within the
cooldown count against an introducer's capacity. See ``docs/plan.md``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from refpath.errors import InputError, StoreError
from refpath.outreach.leads import person_key
from refpath.routes.people import Person
from refpath.store.db import Store

LOG_STATUSES = ("asked", "introduced", "declined", "met")


@dataclass(frozen=True)
class LogEntry:
    """One line of the outreach log: who was asked about whom, and what came of it.

    People are stored by key (ids change when exports are re-added); the
    names are as they were when the entry was made. No message text.
    """

    id: int
    prospect_key: str
    prospect: str  #: display name
    introducer_key: str
    introducer: str  #: display name
    status: str  #: one of :data:`LOG_STATUSES`
    on: date
    note: str = ""


def _has_log(store: Store) -> bool:
    row = store.conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'outreach'").fetchone()
    return row is not None


def log_outreach(
    store: Store,
    prospect: Person,
    introducer: Person,
    status: str = "asked",
    *,
    on: date | None = None,
    note: str = "",
) -> LogEntry:
    """Record an ask (or what came of it) in the store's outreach log."""
    if status not in LOG_STATUSES:
        raise InputError(f"status {status!r} is not one of {', '.join(LOG_STATUSES)}")
    pk, ik = person_key(prospect), person_key(introducer)
    if pk == ik:
        raise InputError(f"{prospect.name} cannot introduce you to themselves")
    if not _has_log(store):
        raise StoreError(
            f"{store.path}: this store predates the outreach log; "
            "re-add your exports into a new store"
        )
    on = on or date.today()
    with store.transaction(people=False) as conn:
        cur = conn.execute(
            """INSERT INTO outreach (prospect_key, prospect_name, introducer_key,
                                     introducer_name, status, on_date, note)
               VALUES (?, ?, ?, ?, ?, ?, ?)""",
            (pk, prospect.name, ik, introducer.name, status, on.isoformat(), note),
        )
        new_id = cur.lastrowid or 0
    return LogEntry(new_id, pk, prospect.name, ik, introducer.name, status, on, note)


def outreach_log(store: Store) -> list[LogEntry]:
    """Every log entry, oldest first, with keys updated through merges (aliases)."""
    if not _has_log(store):
        return []
    rows = store.conn.execute(
        """SELECT id, prospect_key, prospect_name, introducer_key, introducer_name, status,
                  on_date, note FROM outreach ORDER BY on_date, id"""
    ).fetchall()
    keys = sorted({r[1] for r in rows} | {r[3] for r in rows})
    current = dict(
        store.conn.execute(
            """SELECT k.value, COALESCE(p.key, pa.key, k.value) FROM json_each(?) k
               LEFT JOIN people p ON p.key = k.value
               LEFT JOIN aliases a ON a.alias = k.value
               LEFT JOIN people pa ON pa.id = a.person_id""",
            (json.dumps(keys),),
        ).fetchall()
    )
    return [
        LogEntry(
            r[0], current[r[1]], r[2], current[r[3]], r[4], r[5], date.fromisoformat(r[6]), r[7]
        )
        for r in rows
    ]


def _asks(entries: Sequence[LogEntry]) -> dict[tuple[str, str], tuple[LogEntry, LogEntry]]:
    """Per (prospect, introducer): (the ask, the latest entry).

    The ask is the latest 'asked' entry, or the first entry when the user
    logged only the outcome.
    """
    out: dict[tuple[str, str], tuple[LogEntry, LogEntry]] = {}
    for e in entries:  # oldest first
        pair = (e.prospect_key, e.introducer_key)
        ask = out[pair][0] if pair in out else e
        out[pair] = (e if e.status == "asked" else ask, e)
    return out


def follow_ups_due(
    store: Store, *, days: int = 7, today: date | None = None
) -> list[tuple[LogEntry, int]]:
    """Asks at least ``days`` old with nothing logged since: (the ask, days since), oldest first."""
    today = today or date.today()
    due = [
        (ask, (today - ask.on).days)
        for ask, last in _asks(outreach_log(store)).values()
        if last.status == "asked" and (today - ask.on).days >= days
    ]
    return sorted(due, key=lambda d: (d[0].on, d[0].id))


@dataclass
class LogState:
    """What the log says, as the plan needs it."""

    done: dict[str, LogEntry] = field(default_factory=dict)  # prospect -> met/introduced
    open: dict[str, LogEntry] = field(default_factory=dict)  # prospect -> open ask in cooldown
    stale: dict[str, LogEntry] = field(default_factory=dict)  # prospect -> older open ask
    declined: set[tuple[str, str]] = field(default_factory=set)
    recent: dict[str, int] = field(default_factory=dict)  # introducer -> asks in cooldown

    @classmethod
    def read(cls, store: Store, today: date, cooldown_days: int) -> LogState:
        state = cls()
        entries = outreach_log(store)
        for e in entries:  # met outranks introduced
            prev = state.done.get(e.prospect_key)
            if e.status in ("met", "introduced") and (prev is None or prev.status != "met"):
                state.done[e.prospect_key] = e
        for (pk, ik), (ask, last) in _asks(entries).items():
            fresh = (today - ask.on).days < cooldown_days
            if fresh:
                state.recent[ik] = state.recent.get(ik, 0) + 1
            if last.status == "declined":
                state.declined.add((pk, ik))
            elif last.status == "asked":
                (state.open if fresh else state.stale)[pk] = ask
        return state
