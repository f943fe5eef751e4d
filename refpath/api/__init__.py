"""refpath from Python and notebooks: a small, stable API whose results become DataFrames.

Open a store with :func:`open` (the same store the command line uses unless
told otherwise), then ask it what the commands answer::

    import refpath

    with refpath.open() as team:              # read-only unless writable=True
        routes = team.to("Jane Doe")          # like `refpath to "Jane Doe"`
        routes.to_frame()                     # one row per route
        team.plan(leads_df).to_frame()        # like `refpath plan leads.csv`

This package is a thin face over the library functions the commands call, so
the two cannot drift apart: every result wraps the very frozen record the
command line renders (``.record``; its attributes are readable on the result
too), every error is a :class:`refpath.errors.RefpathError`, and emails stay
out unless asked for (``show_emails=True``), as with ``--show-emails``.

pandas is imported in this package only, and only when a DataFrame is made:
``import refpath`` and every command stay free of it. Column names and dtypes of each
frame are listed in the docstrings and in ``docs/api.md``. Throughout, text
is ``str`` (``object`` under pandas 2), dates are ``datetime64[ns]`` (``NaT``
when unknown), scores and strengths are ``float64``, and a field holding
several values (reasons, colleagues) is one string joined with ``" | "``, as
in the ``plan.csv`` the command line writes.
"""

from __future__ import annotations

import csv
import functools
import io
import os
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from refpath.errors import (
    AmbiguousPerson,
    ExportError,
    InputError,
    PersonError,
    ProspectListError,
    RefpathError,
    StoreError,
    UnknownPerson,
)

if TYPE_CHECKING:
    import pandas as pd

    from refpath.outreach.leads import ProspectList
    from refpath.routes.introducers import Introduction, Routes
    from refpath.store.db import Store as _DbStore

__all__ = [
    "AddResult",
    "AmbiguousPerson",
    "AtResult",
    "CheckResult",
    "DraftResult",
    "ExportError",
    "InputError",
    "PersonError",
    "PlanResult",
    "ProspectListError",
    "RefpathError",
    "RoutesResult",
    "Store",
    "StoreError",
    "UnknownPerson",
    "open",
]

# The frames' columns (name -> dtype) and the result types, documented in docs/api.md.
from refpath.api.results import (
    ADD_COLUMNS as ADD_COLUMNS,
)
from refpath.api.results import (
    AT_COLUMNS as AT_COLUMNS,
)
from refpath.api.results import (
    CHECK_COLUMNS as CHECK_COLUMNS,
)
from refpath.api.results import (
    CLUSTER_COLUMNS as CLUSTER_COLUMNS,
)
from refpath.api.results import (
    COLLEAGUE_COLUMNS as COLLEAGUE_COLUMNS,
)
from refpath.api.results import (
    CONNECTION_COLUMNS as CONNECTION_COLUMNS,
)
from refpath.api.results import (
    DRAFT_COLUMNS as DRAFT_COLUMNS,
)
from refpath.api.results import (
    LOAD_COLUMNS as LOAD_COLUMNS,
)
from refpath.api.results import (
    MEMBER_COLUMNS as MEMBER_COLUMNS,
)
from refpath.api.results import (
    PEOPLE_COLUMNS as PEOPLE_COLUMNS,
)
from refpath.api.results import (
    PLAN_COLUMNS as PLAN_COLUMNS,
)
from refpath.api.results import (
    ROUTE_COLUMNS as ROUTE_COLUMNS,
)
from refpath.api.results import (
    SEP as SEP,
)
from refpath.api.results import (
    AddResult as AddResult,
)
from refpath.api.results import (
    AtResult as AtResult,
)
from refpath.api.results import (
    CheckResult as CheckResult,
)
from refpath.api.results import (
    DraftResult as DraftResult,
)
from refpath.api.results import (
    PlanResult as PlanResult,
)
from refpath.api.results import (
    RoutesResult as RoutesResult,
)
from refpath.api.results import (
    _frame as _frame,
)
from refpath.api.results import (
    _joined as _joined,
)

# -- the store ------------------------------------------------------------------------

F = TypeVar("F", bound=Callable[..., Any])


def _store_errors(method: F) -> F:
    """SQLite errors (a damaged page, a busy store) become StoreError, as in the CLI."""

    @functools.wraps(method)
    def wrapper(self: Store, *args: Any, **kwargs: Any) -> Any:
        if self._db is None:
            raise StoreError(f"{self.path}: the store is closed; open it again with refpath.open")
        try:
            return method(self, *args, **kwargs)
        except sqlite3.Error as error:
            from refpath.store.db import store_error

            raise store_error(self.path, error) from error

    return wrapper  # type: ignore[return-value]


def _prospects(leads: Any) -> ProspectList:
    """A lead list from a path, a DataFrame, a list of names or URLs, or a ProspectList.

    A DataFrame goes through the very parser a CSV file does (as CSV text), so
    it is read exactly as ``refpath plan`` reads the same table from a file.
    """
    from refpath.identity import profile_key
    from refpath.outreach.leads import ProspectList, parse_prospects, read_prospects

    if isinstance(leads, ProspectList):
        return leads
    if isinstance(leads, str | os.PathLike):
        return read_prospects(Path(leads))
    if hasattr(leads, "to_csv") and hasattr(leads, "columns"):  # a DataFrame
        source = "<DataFrame>"
        text = leads.to_csv(index=False, lineterminator="\n")
        if not len(leads):
            raise ProspectListError(f"{source}: the DataFrame has no rows")
        found = parse_prospects(text, source)
        if any(p.line == 1 for p in found.prospects):  # the header was read as a name
            raise ProspectListError(
                f"{source}: no 'Name' or 'First Name'/'Last Name' column (columns: "
                f"{', '.join(map(str, leads.columns))}); add one, or pass a list of names"
            )
        return found
    if isinstance(leads, Iterable):
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["Name", "URL"])
        for item in leads:
            if not isinstance(item, str):
                raise InputError(f"leads: {item!r} is not a name or profile URL")
            writer.writerow(["", item] if profile_key(item) else [item, ""])
        return parse_prospects(out.getvalue(), "<list>")
    raise InputError(
        f"leads: give a file path, a DataFrame or a list of names, not {type(leads).__name__}"
    )


class Store:
    """An open refpath store: what the commands answer, as records and DataFrames.

    Get one with :func:`open`; close it with :meth:`close` or a ``with`` block.
    Every method raises the :class:`~refpath.errors.RefpathError` the command
    line would report (an unknown or ambiguous name, a bad file, a busy or
    damaged store).
    """

    def __init__(self, db: _DbStore, *, writable: bool, today: date | None) -> None:
        self._db: _DbStore | None = db
        self.path: Path = db.path  #: the store's file
        self.writable = writable  #: False: :meth:`add` is refused and SQLite is query-only
        self.today = today  #: the day scores are computed for (None: each call's today)

    def __repr__(self) -> str:
        mode = "writable" if self.writable else "read-only"
        state = "closed" if self._db is None else mode
        return f"<refpath.Store {str(self.path)!r} ({state})>"

    # -- lifecycle ------------------------------------------------------------------
    def close(self) -> None:
        """Close the store (closing twice is fine)."""
        if self._db is not None:
            self._db.close()
            self._db = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def _store(self) -> _DbStore:
        assert self._db is not None  # _store_errors checked
        return self._db

    # -- fill -----------------------------------------------------------------------
    @_store_errors
    def add(
        self,
        paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
        owner: str | None = None,
        me: bool = False,
    ) -> AddResult:
        """Add colleagues' LinkedIn exports, as ``refpath add`` does (re-adding replaces).

        Parameters
        ----------
        paths : path or list of paths
            Connections.csv files, archive .zip files or folders, or a team
            folder holding any mix of those.
        owner : str, optional
            Whose export this is, when it has no Profile.csv (one input only).
        me : bool
            The export is yours (the user's): routes start from you.

        Returns
        -------
        AddResult
            One :class:`~refpath.store.ingest.AddSummary` per export, and the
            store's counts afterwards.

        Raises
        ------
        StoreError
            The store was opened read-only (``refpath.open(..., writable=True)``).
        ExportError, InputError
            A file cannot be used; nothing was added (one transaction).
        """
        from contextlib import closing

        from refpath.store.ingest import add_exports
        from refpath.store.readahead import read_keyed

        if not self.writable:
            raise StoreError(
                f"{self.path}: opened read-only; open it with refpath.open(..., writable=True) "
                "to add exports"
            )
        if isinstance(paths, str | os.PathLike):
            paths = [paths]
        with closing(read_keyed([Path(p) for p in paths], owner=owner)) as exports:
            summaries = add_exports(self._store, exports, me=me)
        return AddResult(
            tuple(summaries), self._store.stats(), self._store.me_person_id() is not None
        )

    # -- find -----------------------------------------------------------------------
    @_store_errors
    def to(
        self,
        name: str,
        company: str | None = None,
        top: int = 5,
        *,
        show_emails: bool = False,
        new: bool = False,
    ) -> RoutesResult:
        """Who can introduce you to ``name``: the best routes, ranked and explained.

        The same search as ``refpath to NAME [--company C] [--top K]``.

        Parameters
        ----------
        name : str
            A name (case, accents and emoji don't matter) or a profile URL.
        company : str, optional
            Only people whose company contains this; for a prospect in no
            export, routes go through their colleagues there (inferred).
        top : int
            How many routes, best first.
        show_emails : bool
            Also give the prospect's emails (``RoutesResult.emails``).
        new : bool
            ``name`` is someone in no export: reach them through ``company``
            rather than raise "did you mean" for a close name there.

        Returns
        -------
        RoutesResult

        Raises
        ------
        UnknownPerson
            No one matches (``suggestions`` holds the closest names; ``misspelt``:
            the name is close to someone's at ``company``, see ``new``).
        AmbiguousPerson
            Several people match (``candidates`` holds them: narrow with
            ``company`` or a profile URL).
        """
        from refpath.routes.introducers import introducers_for
        from refpath.routes.people import emails_of, find_target
        from refpath.routes.standing import sentence, standing

        if top < 1:
            raise InputError(f"top must be at least 1, not {top}")
        target = find_target(self._store, name, company=company, new=new)
        routes = introducers_for(self._store, target, top=top, today=self.today)
        emails = emails_of(self._store, target.id) if show_emails and target.id else ()
        where = standing(self._store, target, top=top, routes=routes)
        return RoutesResult(routes, emails, where.kind, sentence(where))

    @_store_errors
    def at(self, company: str, top: int | None = None) -> AtResult:
        """Everyone at ``company`` the team reaches, each with their best route (``refpath at``).

        Parameters
        ----------
        company : str
            Matched folded: case, accents and suffixes such as Inc. don't matter.
        top : int, optional
            Only the best ``top`` people.

        Raises
        ------
        UnknownPerson
            No one at that company is in the store (``suggestions``: the
            closest company names).
        """
        from refpath.routes.introducers import reachable

        if top is not None and top < 1:
            raise InputError(f"top must be at least 1, not {top}")
        shown, total = reachable(self._store, company, top=top, today=self.today)
        return AtResult(tuple(shown), company, total)

    # -- act ------------------------------------------------------------------------
    @_store_errors
    def draft(
        self,
        name: str,
        company: str | None = None,
        *,
        via: str | None = None,
        reason: str | None = None,
        free_account: bool = False,
        template: str | os.PathLike[str] | None = None,
        new: bool = False,
    ) -> DraftResult:
        """Draft a warm-introduction request to ``name`` (``refpath draft``).

        Parameters
        ----------
        name, company : str
            The prospect, as for :meth:`to` (and ``new``, as there).
        via : str, optional
            Ask this introducer (a name or URL on one of the routes) instead of
            the best one.
        reason : str, optional
            What you want to talk about. Without one the texts carry a marked
            placeholder; refpath never invents a reason.
        free_account : bool
            Keep the connection note within a free account's 200 characters.
        template : path, optional
            Your own Jinja2 template (see docs/messages.md). Default: the one in
            your config folder, else refpath's.

        Raises
        ------
        NoIntroducer
            No route reaches the prospect (a :class:`RefpathError`).
        InputError
            ``via`` is not on a route, or the template cannot be used.
        """
        from refpath.outreach.drafts import draft_for, load_user_config
        from refpath.routes.introducers import introducers_for, route_via
        from refpath.routes.people import find_target

        target = find_target(self._store, name, company=company, new=new)
        routes = introducers_for(self._store, target, top=25 if via else 5, today=self.today)
        chosen: Routes | Introduction = route_via(routes, via, option="via") if via else routes
        result = draft_for(
            self._store,
            chosen,
            reason=reason,
            template=Path(template) if template is not None else None,
            config=load_user_config(),
            free_account=free_account,
            today=self.today,
        )
        return DraftResult(result)

    @_store_errors
    def check(
        self,
        text: str,
        *,
        channel: str = "inmail",
        free_account: bool = False,
        target: str | None = None,
        company: str | None = None,
    ) -> CheckResult:
        """Check a message for what makes outreach read like a cold pitch (``refpath check``).

        Parameters
        ----------
        text : str
            The message.
        channel : {"note", "inmail", "email"}
            Where it will be sent: its length limit.
        free_account : bool
            A note from a free account: 200 characters.
        target, company : str, optional
            Whom it is for: checks claims of closeness against the store.

        Returns
        -------
        CheckResult
            The findings; empty (false) when the message is clean.
        """
        from refpath.outreach.etiquette import LIMITS, check_message, recipient
        from refpath.routes.people import find_target

        if channel not in LIMITS:
            raise InputError(f"channel {channel!r}: use one of {', '.join(LIMITS)}")
        text = text.removeprefix("\ufeff")
        if not text.strip():
            raise InputError("the message is empty")
        to = None
        if target is not None:
            to = recipient(self._store, find_target(self._store, target, company=company))
        findings = check_message(text, channel=channel, free_account=free_account, to=to)
        return CheckResult(tuple(findings))

    @_store_errors
    def plan(
        self,
        leads: Any,
        max_per_introducer: int = 3,
        *,
        one_per_company: bool = False,
        cooldown_days: int = 30,
    ) -> PlanResult:
        """Plan intro asks for a whole lead list without over-asking anyone (``refpath plan``).

        Parameters
        ----------
        leads : path, DataFrame, list of str or ProspectList
            A lead-list file (CSV or one name per line), a DataFrame with a
            ``Name`` (or ``First Name`` and ``Last Name``) column and optional
            ``Company`` and ``URL`` columns (its other columns are carried
            through), or a list of names and profile URLs. A DataFrame is read
            exactly as the same table saved as CSV.
        max_per_introducer : int
            The most asks any one person gets.
        one_per_company : bool
            Ask each introducer about at most one person per company.
        cooldown_days : int
            Asks logged this many days back count against an introducer's
            limit, and their prospects are not planned again.

        Raises
        ------
        ProspectListError
            The list cannot be read, or names no one.
        """
        from refpath.outreach.plan import make_plan

        found = _prospects(leads)
        plan = make_plan(
            self._store,
            found,
            max_per_introducer=max_per_introducer,
            one_per_company=one_per_company,
            cooldown_days=cooldown_days,
            today=self.today,
        )
        return PlanResult(plan)

    # -- whole tables ---------------------------------------------------------------
    @_store_errors
    def people(self, *, show_emails: bool = False) -> pd.DataFrame:
        """Every person in the store, one row each.

        Columns: ``id`` (int64), ``key``, ``name``, ``company``, ``position``,
        ``url`` (str), ``known_by`` (str: the colleagues whose exports list
        them, joined with ``" | "``), ``colleague`` (bool: their own export
        was added); with ``show_emails``, ``emails`` (str, joined likewise).
        """
        from refpath.routes.people import emails_of, people_by_ids

        conn = self._store.conn
        ids = [r[0] for r in conn.execute("SELECT id FROM people ORDER BY id")]
        rows = []
        for start in range(0, len(ids), 900):  # SQLite's limit of bound values, with room
            for p in people_by_ids(conn, ids[start : start + 900]):
                row = {
                    "id": p.id,
                    "key": p.key,
                    "name": p.name,
                    "company": p.company,
                    "position": p.position,
                    "url": p.url,
                    "known_by": _joined(p.known_by),
                    "colleague": p.is_owner,
                }
                if show_emails:
                    row["emails"] = _joined(emails_of(self._store, p.id))
                rows.append(row)
        columns = {**PEOPLE_COLUMNS, **({"emails": "str"} if show_emails else {})}
        return _frame(rows, columns)

    @_store_errors
    def connections(self, *, show_emails: bool = False) -> pd.DataFrame:
        """Every tie the exports show, one row per pair, scored as ``refpath to`` scores a hop.

        Columns: ``colleague_id`` (int64), ``colleague`` (str, whose export
        shows it; a pair of colleagues is one row), ``person_id`` (int64),
        ``person``, ``company`` (str), ``connected_on`` (datetime64[ns], NaT
        when unknown), ``strength`` (float64, in [0, 1)), ``connected`` (bool:
        a connection row; False when only messages or an invitation show the
        tie), ``seen_by`` (str: the colleagues whose exports show it, joined
        with ``" | "``); with ``show_emails``, ``email`` (str, the person's
        first email in any export).
        """
        from refpath.map.network import load_network, with_emails

        net = load_network(self._store, today=self.today)
        if show_emails:
            net = with_emails(self._store, net)
        rows = []
        for t in net.ties:
            b = net.people[t.b]
            row = {
                "colleague_id": t.a,
                "colleague": net.owners.get(t.a, net.people[t.a].name),
                "person_id": t.b,
                "person": b.name,
                "company": b.company,
                "connected_on": t.connected_on or None,
                "strength": t.strength,
                "connected": t.connected,
                "seen_by": _joined(t.owners),
            }
            if show_emails:
                row["email"] = b.email
            rows.append(row)
        columns = {**CONNECTION_COLUMNS, **({"email": "str"} if show_emails else {})}
        return _frame(rows, columns)

    @_store_errors
    def colleagues(self) -> pd.DataFrame:
        """The colleagues whose exports are in the store, in the order added (``refpath sources``).

        Columns: ``name`` (str), ``is_me`` (bool), ``source`` (str, the file or
        folder added), ``format`` (str, the Connections.csv variant),
        ``owner_from`` (str, where the owner's name came from),
        ``exported_on`` (datetime64[ns], NaT when unknown), ``added_at``
        (datetime64[ns, UTC]), ``rows``, ``people``, ``hidden``, ``warnings``
        (int64).
        """
        rows = [
            {
                "name": s.name,
                "is_me": s.is_me,
                "source": s.source,
                "format": s.fmt,
                "owner_from": s.owner_from,
                "exported_on": s.exported_on,
                "added_at": s.added_at,
                "rows": s.rows,
                "people": s.people,
                "hidden": s.hidden,
                "warnings": s.warnings,
            }
            for s in self._store.sources()
        ]
        return _frame(rows, COLLEAGUE_COLUMNS)

    @_store_errors
    def clusters(self, *, per: str = "cluster") -> pd.DataFrame:
        """The market clusters the team reaches (``refpath clusters``).

        Parameters
        ----------
        per : {"cluster", "person"}
            ``"cluster"``: one row per cluster, largest first. Columns:
            ``cluster`` (int64, numbered from 1 as the command shows them),
            ``label`` (str), ``people``, ``companies`` (int64),
            ``top_companies``, ``colleagues`` (str: ``"Name (people)"`` joined
            with ``" | "``), ``brokers`` (str: names joined likewise).
            ``"person"``: one row per person in a cluster. Columns:
            ``person_id`` (int64), ``name``, ``company`` (str), ``cluster``
            (int64; 0 for the colleagues' own company, which is not a
            market), ``label`` (str), ``colleague`` (bool: a colleague is
            counted in the cluster where most of the people they know are).
        """
        from refpath.map.clusters import TEAM, market_clusters
        from refpath.map.network import load_network

        if per not in ("cluster", "person"):
            raise InputError(f"per={per!r}: use 'cluster' or 'person'")
        net = load_network(self._store, today=self.today)
        found = market_clusters(net)
        if per == "cluster":
            rows = [
                {
                    "cluster": k.id + 1,
                    "label": k.label,
                    "people": k.size,
                    "companies": k.n_companies,
                    "top_companies": _joined(f"{n} ({m})" for n, m in k.companies),
                    "colleagues": _joined(f"{n} ({m})" for n, m in k.owners),
                    "brokers": _joined(b.name for b in k.brokers),
                }
                for k in found.clusters
            ]
            return _frame(rows, CLUSTER_COLUMNS)
        labels = {k.id: k.label for k in found.clusters} | {TEAM: found.team_company}
        members = [
            {
                "person_id": pid,
                "name": net.people[pid].name,
                "company": net.people[pid].company,
                "cluster": 0 if cid == TEAM else cid + 1,
                "label": labels.get(cid, ""),
                "colleague": pid in net.owners,
            }
            for pid, cid in sorted(found.membership.items())
        ]
        return _frame(members, MEMBER_COLUMNS)


def open(
    db: str | os.PathLike[str] | None = None,
    *,
    writable: bool = False,
    today: date | None = None,
) -> Store:
    """Open a refpath store: the command line's by default.

    Parameters
    ----------
    db : path, optional
        The store file (``~`` is expanded). Default: ``$REFPATH_DB`` if set,
        else ``refpath.db`` in your user data folder, where ``refpath`` keeps it.
    writable : bool
        Allow :meth:`Store.add` (and create the store when missing). Without
        it the store must exist and is opened query-only: nothing can change it.
    today : date, optional
        The day scores are computed for (connected since, recent messages);
        default: today. Fix it to get the same scores every day.

    Returns
    -------
    Store
        Use it in a ``with`` block, or call :meth:`Store.close`.

    Raises
    ------
    StoreError
        No store there yet (read-only), a newer or damaged store, or a folder.

    Examples
    --------
    >>> import refpath, tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as d:
    ...     with refpath.open(pathlib.Path(d) / "new.db", writable=True) as team:
    ...         team.people().shape
    (0, 8)
    >>> refpath.open("/nonexistent/refpath.db")
    Traceback (most recent call last):
    refpath.errors.StoreError: /nonexistent/refpath.db: no refpath store here yet; ...
    """
    from refpath.store.db import default_path, open_store

    if db is None:
        db = os.environ.get("REFPATH_DB") or default_path()
    store = open_store(Path(db).expanduser(), create=writable)
    if not writable:
        store.conn.execute("PRAGMA query_only = ON")
    return Store(store, writable=writable, today=today)
