"""What the Python API returns: the commands' frozen records, each with ``to_frame()``.

Every result wraps the record the command line renders (``.record``; its
attributes read through) and turns it into a DataFrame with the columns and
dtypes listed here as ``*_COLUMNS`` (name -> dtype) and in ``docs/api.md``.
pandas is imported only when a frame is made.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar, overload

from refpath.outfiles import counted

if TYPE_CHECKING:
    import pandas as pd

    from refpath.outreach.drafts import Draft
    from refpath.outreach.etiquette import Finding
    from refpath.outreach.plan import Plan, PlanRow
    from refpath.routes.introducers import Introduction, Routes
    from refpath.routes.people import Person
    from refpath.store.db import Stats
    from refpath.store.ingest import AddSummary

#: Several values in one cell (reasons, colleagues) are joined with this, as in plan.csv.
SEP = " | "

# -- the columns of every frame: name -> dtype ---------------------------------------
# "str" is pandas' text dtype (object under pandas 2); "boolean" is nullable (NA: no route).

ADD_COLUMNS = {
    "owner": "str",
    "source": "str",
    "is_me": "bool",
    "rows": "int64",
    "hidden": "int64",
    "new_people": "int64",
    "known_people": "int64",
    "unchanged": "bool",
    "replaced": "bool",
    "skipped": "str",
    "signals": "int64",
    "unmatched_signals": "int64",
    "warnings": "str",
}
ROUTE_COLUMNS = {
    "target": "str",
    "rank": "int64",
    "introducer": "str",
    "hops": "str",
    "n_hops": "int64",
    "score": "float64",
    "inferred": "bool",
    "reasons": "str",
}
AT_COLUMNS = {
    "rank": "int64",
    "name": "str",
    "company": "str",
    "position": "str",
    "url": "str",
    # then the best route's columns, as `to`'s frame has them
    **{k: v for k, v in ROUTE_COLUMNS.items() if k not in ("target", "rank")},
}
DRAFT_COLUMNS = {"part": "str", "text": "str", "chars": "int64", "limit": "int64", "aim": "Int64"}
CHECK_COLUMNS = {"line": "int64", "rule": "str", "message": "str", "fix": "str"}
PLAN_COLUMNS = {
    "prospect": "str",
    "company": "str",
    "introducer": "str",
    "score": "float64",
    "hops": "str",
    "inferred": "boolean",
    "reasons": "str",
    "status": "str",
    "prospect_url": "str",
    "introducer_url": "str",
}
LOAD_COLUMNS = {"introducer": "str", "asks": "int64", "recent": "int64", "capacity": "int64"}
PEOPLE_COLUMNS = {
    "id": "int64",
    "key": "str",
    "name": "str",
    "company": "str",
    "position": "str",
    "url": "str",
    "known_by": "str",
    "colleague": "bool",
}
CONNECTION_COLUMNS = {
    "colleague_id": "int64",
    "colleague": "str",
    "person_id": "int64",
    "person": "str",
    "company": "str",
    "connected_on": "datetime64[ns]",
    "strength": "float64",
    "connected": "bool",
    "seen_by": "str",
}
COLLEAGUE_COLUMNS = {
    "name": "str",
    "is_me": "bool",
    "source": "str",
    "format": "str",
    "owner_from": "str",
    "exported_on": "datetime64[ns]",
    "added_at": "datetime64[ns, UTC]",
    "rows": "int64",
    "people": "int64",
    "hidden": "int64",
    "warnings": "int64",
}
CLUSTER_COLUMNS = {
    "cluster": "int64",
    "label": "str",
    "people": "int64",
    "companies": "int64",
    "top_companies": "str",
    "colleagues": "str",
    "brokers": "str",
}
MEMBER_COLUMNS = {
    "person_id": "int64",
    "name": "str",
    "company": "str",
    "cluster": "int64",
    "label": "str",
    "colleague": "bool",
}


def _frame(rows: Iterable[dict[str, Any]], columns: dict[str, str]) -> pd.DataFrame:
    """A DataFrame of ``rows`` with exactly ``columns`` (name -> dtype), in that order.

    Columns of ``rows`` beyond ``columns`` (a lead list's own) follow as text.
    """
    import pandas as pd

    rows = list(rows)
    names = list(columns)
    for r in rows:
        names.extend(k for k in r if k not in columns and k not in names)
    frame = pd.DataFrame(rows, columns=names)
    for name in names:
        dtype = columns.get(name, "str")
        if dtype.startswith("datetime64"):
            utc = "UTC" in dtype
            values = pd.to_datetime(frame[name], utc=utc, errors="coerce")
            frame[name] = values.astype(dtype)
        else:
            frame[name] = frame[name].astype(dtype)
    return frame


def _joined(values: Iterable[str]) -> str:
    return SEP.join(values)


def _starts_at_me(intro: Introduction) -> Person | None:
    """The user, when the route starts at them (before the colleague asked), else None."""
    first = intro.hops[0].a
    return first if intro.via and first.id != intro.via[0].id else None


def _route_row(intro: Introduction, me: Person | None) -> dict[str, Any]:
    from refpath.outreach.plan import route_names

    return {
        "introducer": intro.via[0].name if intro.via else "",
        "hops": route_names(intro, me),
        "n_hops": len(intro.hops),
        "score": float(intro.score),
        "inferred": bool(intro.inferred),
        "reasons": _joined(intro.reasons),
    }


class _Record:
    """A result wrapping one frozen record: its attributes read through to ``record``."""

    record: Any

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name == "record":  # copy/pickle probe before __init__
            raise AttributeError(name)
        return getattr(self.record, name)

    def to_frame(self) -> pd.DataFrame:  # pragma: no cover - every result defines it
        raise NotImplementedError

    def _repr_html_(self) -> str:
        """Jupyter shows a result as its frame."""
        html: str = self.to_frame()._repr_html_()
        return html


T = TypeVar("T")


class _Rows(_Record, Sequence[T]):
    """A result that is also the sequence of its rows (routes, findings, plan rows)."""

    def _items(self) -> Sequence[T]:  # pragma: no cover - every result defines it
        raise NotImplementedError

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[T]: ...
    def __getitem__(self, index: int | slice) -> T | Sequence[T]:
        return self._items()[index]

    def __len__(self) -> int:
        return len(self._items())

    def __iter__(self) -> Iterator[T]:
        return iter(self._items())


# -- results --------------------------------------------------------------------------


@dataclass(frozen=True, repr=False)
class AddResult(_Rows["AddSummary"]):
    """What :meth:`Store.add` did: one summary per export, as ``refpath add`` prints them.

    A sequence of :class:`refpath.store.ingest.AddSummary` (``record``), with
    the store's counts afterwards (``stats``).

    Frame columns (:meth:`to_frame`), one row per export: ``owner``, ``source``
    (str); ``is_me`` (bool); ``rows``, ``hidden``, ``new_people``,
    ``known_people`` (int64); ``unchanged``, ``replaced`` (bool); ``skipped`` (str:
    why a colleague's share was not used, '' when it was); ``signals``,
    ``unmatched_signals`` (int64); ``warnings`` (str, joined with ``" | "``).
    """

    record: tuple[AddSummary, ...]
    stats: Stats  #: people, connections and colleagues in the store after the add
    me: bool = False  #: an export in the store is marked as the user's

    def _items(self) -> Sequence[AddSummary]:
        return self.record

    def __repr__(self) -> str:
        from refpath.store.db import exports_held as _exports_held

        s = self.stats
        skipped = sum(1 for r in self.record if r.skipped)
        also = f" ({skipped} skipped)" if skipped else ""
        return (
            f"<AddResult: {counted(len(self.record), 'export')}{also}; the store has "
            f"{counted(s.people, 'person', 'people')}, {counted(s.connections, 'connection')}, "
            f"{_exports_held(s.owners, self.me)}>"
        )

    def to_frame(self) -> pd.DataFrame:
        """One row per export added (see the class for the columns)."""
        rows = [
            {
                "owner": s.owner,
                "source": s.source,
                "is_me": s.is_me,
                "rows": s.rows,
                "hidden": s.hidden,
                "new_people": s.new_people,
                "known_people": s.known_people,
                "unchanged": s.unchanged,
                "replaced": s.replaced,
                "skipped": s.skipped,
                "signals": s.signals,
                "unmatched_signals": s.unmatched_signals,
                "warnings": _joined(s.warnings),
            }
            for s in self.record
        ]
        return _frame(rows, ADD_COLUMNS)


@dataclass(frozen=True, repr=False)
class RoutesResult(_Rows["Introduction"]):
    """The routes to one prospect, best first, as ``refpath to`` ranks and explains them.

    ``record`` is the :class:`refpath.routes.introducers.Routes` the command
    renders: ``target``, ``me``, ``connected``, ``connected_on``, ``in_store``,
    ``company_too_big``, ``direct`` ... read through on this object. As a
    sequence it holds the :class:`~refpath.routes.introducers.Introduction`
    records (``via``, ``hops``, ``score``, ``inferred``, ``reasons``).
    ``emails`` holds the prospect's emails only when asked for. ``standing``
    says what the person is to you, as every command says it: "colleague"
    (their export is in the store: no introduction needed), "connected" (you
    can write directly), "reachable" or "unknown"; ``said`` is the sentence
    ``refpath to`` prints for it.

    Frame columns (:meth:`to_frame`), one row per route: ``target`` (str),
    ``rank`` (int64, 1 is best), ``introducer`` (str, whom you ask),
    ``hops`` (str, the route as names: ``You → Bob Okafor → Jane Doe``, ``⇢``
    before a person reached by an inferred tie), ``n_hops`` (int64), ``score``
    (float64, in [0, 1)), ``inferred`` (bool), ``reasons`` (str, the evidence,
    one hop after another, joined with ``" | "``).
    """

    record: Routes
    emails: tuple[str, ...] = ()
    standing: str = ""
    said: str = ""

    def _items(self) -> Sequence[Introduction]:
        return self.record.paths

    def __repr__(self) -> str:
        routes = counted(len(self.record.paths), "route")
        return f"<RoutesResult: {routes} to {self.record.target.name}>"

    def to_frame(self) -> pd.DataFrame:
        """One row per route, best first (see the class for the columns)."""
        routes = self.record
        rows = [
            {"target": routes.target.name, "rank": rank, **_route_row(intro, routes.me)}
            for rank, intro in enumerate(routes.paths, 1)
        ]
        return _frame(rows, ROUTE_COLUMNS)


@dataclass(frozen=True, repr=False)
class AtResult(_Rows["tuple[Person, Introduction]"]):
    """Everyone at a company the team reaches, each with their best route (``refpath at``).

    A sequence of ``(Person, Introduction)`` pairs (``record``), best first;
    ``reachable`` counts everyone there the team reaches (more than shown
    when ``top`` was given).

    Frame columns (:meth:`to_frame`), one row per person: ``rank`` (int64),
    ``name``, ``company``, ``position``, ``url``, ``introducer``, ``hops``
    (str), ``n_hops`` (int64), ``score`` (float64), ``inferred`` (bool),
    ``reasons`` (str); the route columns as in :class:`RoutesResult`.
    """

    record: tuple[tuple[Person, Introduction], ...]
    company: str
    reachable: int

    def _items(self) -> Sequence[tuple[Person, Introduction]]:
        return self.record

    def __repr__(self) -> str:
        return (
            f"<AtResult: {len(self.record)} shown of {counted(self.reachable, 'person', 'people')} "
            f"reachable at {self.company}>"
        )

    def to_frame(self) -> pd.DataFrame:
        """One row per person, best route first (see the class for the columns)."""
        rows = [
            {
                "rank": rank,
                "name": p.name,
                "company": p.company,
                "position": p.position,
                "url": p.url,
                **_route_row(intro, _starts_at_me(intro)),
            }
            for rank, (p, intro) in enumerate(self.record, 1)
        ]
        return _frame(rows, AT_COLUMNS)


@dataclass(frozen=True, repr=False)
class DraftResult(_Record):
    """A warm-introduction draft, as ``refpath draft`` writes it.

    ``record`` is the :class:`refpath.outreach.drafts.Draft`: ``ask`` (to the
    introducer), ``blurb`` (for them to forward), ``note`` (the connection
    note, None when it cannot fit), ``introducer``, ``via``, ``reason``,
    ``counts``, ``problems``. ``str(result)`` is the Markdown the command
    prints.

    Frame columns (:meth:`to_frame`), one row per part (ask, blurb, note):
    ``part``, ``text`` (str; '' for a note that cannot fit), ``chars``,
    ``limit`` (int64, LinkedIn's limit), ``aim`` (Int64, the length to aim
    under; NA when none).
    """

    record: Draft

    def __repr__(self) -> str:
        d = self.record
        return f"<DraftResult: to {d.target.name} via {d.introducer.name}>"

    def __str__(self) -> str:
        return self.markdown()

    def markdown(self, *, note: bool = True) -> str:
        """The draft as Markdown, each part with its count (``note=False``: without the note)."""
        from refpath.outreach.drafts import draft_markdown

        return draft_markdown(self.record, note=note)

    def to_frame(self) -> pd.DataFrame:
        """One row per part of the draft (see the class for the columns)."""
        d = self.record
        texts = {"ask": d.ask, "blurb": d.blurb, "note": d.note or ""}
        rows = [
            {
                "part": c.part,
                "text": texts.get(c.part, ""),
                "chars": c.chars,
                "limit": c.limit,
                "aim": c.aim,
            }
            for c in d.counts
        ]
        return _frame(rows, DRAFT_COLUMNS)


@dataclass(frozen=True, repr=False)
class CheckResult(_Rows["Finding"]):
    """What the etiquette check (``refpath check``) found in a message; empty when clean.

    A sequence of :class:`refpath.outreach.etiquette.Finding` (``record``):
    false when there is nothing to fix.

    Frame columns (:meth:`to_frame`), one row per finding: ``line`` (int64,
    1-based), ``rule``, ``message``, ``fix`` (str).
    """

    record: tuple[Finding, ...]

    def _items(self) -> Sequence[Finding]:
        return self.record

    def __repr__(self) -> str:
        rules = ", ".join(sorted({f.rule for f in self.record}))
        found = counted(len(self.record), "finding")
        return f"<CheckResult: {found}" + (f": {rules}>" if rules else ">")

    def to_frame(self) -> pd.DataFrame:
        """One row per finding, in line order (see the class for the columns)."""
        rows = [
            {"line": f.line, "rule": f.rule, "message": f.message, "fix": f.fix}
            for f in self.record
        ]
        return _frame(rows, CHECK_COLUMNS)


@dataclass(frozen=True, repr=False)
class PlanResult(_Rows["PlanRow"]):
    """An outreach plan for a lead list, as ``refpath plan`` makes it.

    ``record`` is the :class:`refpath.outreach.plan.Plan`: ``rows`` (one
    :class:`~refpath.outreach.plan.PlanRow` per prospect, in list order: this
    result is their sequence), ``load``, ``me``, ``with_status(...)``.

    Frame columns (:meth:`to_frame`), those of the ``plan.csv`` the command
    writes, one row per prospect: ``prospect``, ``company``, ``introducer``
    (str, '' when none), ``score`` (float64, NaN when none), ``hops`` (str,
    the route as names), ``inferred`` (boolean, NA when no route),
    ``reasons`` (str, joined with ``" | "``), ``status`` (str, one of
    :data:`refpath.outreach.plan.STATUSES`), then the list's own columns (str).
    :meth:`load_frame` gives the asks per introducer.
    """

    record: Plan

    def _items(self) -> Sequence[PlanRow]:
        return self.record.rows

    def __repr__(self) -> str:
        assigned = len(self.record.with_status("assigned"))
        return f"<PlanResult: {assigned} of {len(self.record.rows)} prospects assigned>"

    def to_frame(self) -> pd.DataFrame:
        """One row per prospect, in list order (see the class for the columns)."""
        from refpath.outreach.plan import plan_table

        _, rows = plan_table(self.record)
        return _frame(rows, PLAN_COLUMNS)

    def load_frame(self) -> pd.DataFrame:
        """The asks per introducer, busiest first, as ``refpath plan`` sums them up.

        Columns: ``introducer`` (str), ``asks`` (int64, in this plan),
        ``recent`` (int64, logged within the cooldown), ``capacity`` (int64,
        the ``max_per_introducer`` the plan was made with).
        """
        rows = [
            {"introducer": x.name, "asks": x.new, "recent": x.recent, "capacity": x.capacity}
            for x in self.record.load
        ]
        return _frame(rows, LOAD_COLUMNS)
