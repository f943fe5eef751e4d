"""Find people in the store by name or profile URL, and record identity decisions.

Names are matched folded (case, accents, emoji, credentials ignored), so
"Ana Lucia Ferreira" finds "Ana Lúcia Ferreira". A profile URL in any of its
shapes finds its person. A miss raises :class:`UnknownPerson` with the closest
names (rapidfuzz); several matches raise :class:`AmbiguousPerson` with each
candidate described, so the user can pick one with ``--company`` or a URL.

``same``/``different`` decisions are stored by person key, so they survive
re-adding exports.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from refpath.errors import AmbiguousPerson, InputError, UnknownPerson
from refpath.identity import canonical_url, company_key, display_name, name_key, profile_key
from refpath.store.db import Store
from refpath.store.merge import merge_people, save_decision


@dataclass(frozen=True)
class Person:
    """A person node, described for a user."""

    id: int
    key: str
    name: str
    company: str
    position: str
    url: str
    known_by: tuple[str, ...]  #: colleagues whose exports list this person
    is_owner: bool = False

    def describe(self) -> str:
        """One line: name, company, position and who knows them."""
        job = ", ".join(x for x in (self.position, self.company) if x)
        who = ", ".join(self.known_by) if self.known_by else "no colleague's export"
        owner = " (colleague)" if self.is_owner else ""
        return f"{self.name}{owner}" + (f" — {job}" if job else "") + f" [known by {who}]"


_PERSON_SQL = """SELECT p.id, p.key, p.name, p.company, p.position, p.url,
    (SELECT group_concat(o.name, '|') FROM connections c JOIN owners o ON o.id = c.owner_id
     WHERE c.person_id = p.id),
    EXISTS (SELECT 1 FROM owners o WHERE o.person_id = p.id)
  FROM people p"""


def _person(row: tuple) -> Person:
    known = tuple(sorted(row[6].split("|"))) if row[6] else ()
    return Person(row[0], row[1], row[2], row[3], row[4], row[5], known, bool(row[7]))


def people_by_ids(conn: sqlite3.Connection, ids: list[int]) -> list[Person]:
    """Describe the given person ids (in the given order)."""
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    found = {r[0]: _person(r) for r in conn.execute(f"{_PERSON_SQL} WHERE p.id IN ({marks})", ids)}
    return [found[i] for i in ids if i in found]


_ESCAPE = "ESCAPE '\\'"


def _contains(text: str) -> str:
    """A LIKE pattern matching any value that contains ``text`` literally."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def close_names(
    conn: sqlite3.Connection, query: str, limit: int = 5, *, company: str | None = None
) -> tuple[str, ...]:
    """The names closest to ``query`` (for "did you mean" suggestions).

    With ``company``, only people whose folded company contains it are
    considered (when there are any).
    """
    from rapidfuzz import fuzz, process

    # Distinct folded names come from the index alone; display names only for the hits.
    ck = company_key(company) if company else ""
    keys: list[str] = []
    if ck:
        keys = [
            r[0]
            for r in conn.execute(
                f"SELECT DISTINCT name_key FROM people WHERE company_key LIKE ? {_ESCAPE}",
                (_contains(ck),),
            )
        ]
    if not keys:
        keys = [r[0] for r in conn.execute("SELECT DISTINCT name_key FROM people")]
    hits = process.extract(name_key(query), keys, scorer=fuzz.WRatio, limit=limit)
    return tuple(
        conn.execute("SELECT name FROM people WHERE name_key = ? LIMIT 1", (h[0],)).fetchone()[0]
        for h in hits
        if h[1] >= 60
    )


def require_name(query: str) -> str:
    """The folded name ``query`` gives; InputError when it has no letter or digit.

    An empty or symbol-only query (``""``, ``"%"``, ``"*"``) folds to nothing,
    and would match everyone whose name folds to nothing too: it is bad input.
    """
    nk = name_key(query)
    if not nk:
        raise InputError(
            f"{query!r} is not a name: give a name with letters, or a LinkedIn profile URL"
        )
    return nk


def find_people(store: Store, query: str, *, company: str | None = None) -> list[Person]:
    """Every person matching ``query`` (a name or a profile URL), narrowed by company."""
    conn = store.conn
    key = profile_key(query)
    if query.startswith(("in:", "nm:", "ow:")):
        key = query  # an exact key, as `refpath doctor` shows it
    ids: list[int] = []
    if key:
        pid = store.person_id_for_key(key)
        ids = [pid] if pid is not None else []
    else:
        nk = require_name(query)
        ids = [r[0] for r in conn.execute("SELECT id FROM people WHERE name_key = ?", (nk,))]
    people = people_by_ids(conn, ids)
    if company is not None and not company_key(company):
        raise InputError(f"--company {company!r} is not a company name: give letters or digits")
    if company:
        ck = company_key(company)
        people = [p for p in people if ck and ck in company_key(p.company)]
    return people


def find_person(store: Store, query: str, *, company: str | None = None) -> Person:
    """Exactly one person matching ``query``, or a PersonError that says what to do."""
    people = find_people(store, query, company=company)
    if len(people) == 1:
        return people[0]
    where = f" at {company!r}" if company else ""
    if not people:
        suggestions = close_names(store.conn, query, company=company)
        hint = f"; closest names: {', '.join(suggestions)}" if suggestions else ""
        raise UnknownPerson(f"no one called {query!r}{where} in the store{hint}", suggestions)
    raise AmbiguousPerson(
        f"{len(people)} people match {query!r}{where}; pick one with --company or a profile URL",
        tuple(people),
    )


def people_at(conn: sqlite3.Connection, company: str) -> list[int]:
    """Ids of the people at ``company``, matched folded ("ACME Robotics Inc." works).

    An exact folded match wins; otherwise every company whose folded name
    contains the query. Raises :class:`UnknownPerson` with the closest company
    names when nothing matches.
    """
    ck = company_key(company)
    if not ck:  # '', '%', '*': would match every person with no company
        raise InputError(f"{company!r} is not a company name: give letters or digits of one")
    ids = [r[0] for r in conn.execute("SELECT id FROM people WHERE company_key = ?", (ck,))]
    if not ids:
        ids = [
            r[0]
            for r in conn.execute(
                f"SELECT id FROM people WHERE company_key LIKE ? {_ESCAPE}", (_contains(ck),)
            )
        ]
    if not ids:
        from rapidfuzz import fuzz, process

        names: dict[str, str] = {}
        for key, name in conn.execute(
            "SELECT company_key, company FROM people WHERE company_key != ''"
        ):
            names.setdefault(key, name)
        hits = process.extract(ck, list(names), scorer=fuzz.WRatio, limit=5)
        close = tuple(names[h[0]] for h in hits if h[1] >= 60)
        hint = f"; closest companies: {', '.join(close)}" if close else ""
        raise UnknownPerson(f"no one at {company!r} in the store{hint}", close)
    return ids


def prospect_at(store: Store, name: str, company: str) -> Person | None:
    """A prospect who is in no export but works at a company the data knows.

    Returns a :class:`Person` with ``id == 0`` (no such row exists) carrying
    the company as the data spells it most often, or None when no one in the
    store is at that company. :func:`refpath.routes.introducers.introducers_for` reaches
    such a prospect through their colleagues (inferred).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from refpath.store.db import open_store
    >>> with tempfile.TemporaryDirectory() as d, open_store(pathlib.Path(d) / "s.db") as s:
    ...     prospect_at(s, "Jane Doe", "Acme") is None
    True
    """
    ck = company_key(company)
    shown = display_name(name)
    if not ck or not shown:
        return None
    row = store.conn.execute(
        """SELECT company FROM people WHERE company_key = ?
           GROUP BY company ORDER BY COUNT(*) DESC, company LIMIT 1""",
        (ck,),
    ).fetchone()
    if row is None:
        return None
    url = canonical_url(name) if profile_key(name) else ""
    return Person(0, "", shown, row[0], "", url, ())


def find_target(
    store: Store, query: str, *, company: str | None = None, url_ok: bool = False
) -> Person:
    """The person ``query`` names, else a prospect in no export at ``company``.

    The one look-up behind every command that names a prospect (``to``,
    ``draft``, ``log``): :func:`find_person` first; when no one matches and a
    company is given that the data knows, the prospect of :func:`prospect_at`;
    with ``url_ok``, a profile URL no export holds is a prospect of its own.
    Raises what :func:`find_person` raises when none of these applies.
    """
    try:
        return find_person(store, query, company=company)
    except UnknownPerson:
        found = prospect_at(store, query, company) if company else None
        if found is not None:
            return found
        if url_ok and profile_key(query):
            url = canonical_url(query)
            return Person(0, "", url, company or "", "", url, ())
        raise


def emails_of(store: Store, person_id: int) -> tuple[str, ...]:
    """Email addresses colleagues' exports hold for a person (shown only on request)."""
    rows = store.conn.execute(
        """SELECT DISTINCT email FROM connections WHERE person_id = ? AND email LIKE '%@%'
           ORDER BY email""",
        (person_id,),
    )
    return tuple(r[0] for r in rows)


def _decision_side(store: Store, query: str) -> Person | str:
    """The person a decision names, or the bare key of a profile not in the store yet."""
    key = query if query.startswith(("in:", "nm:", "ow:")) else profile_key(query)
    try:
        return find_person(store, query)
    except UnknownPerson:
        if key:
            return key
        raise


def record_decision(
    store: Store, a: str, b: str, *, same: bool
) -> tuple[Person | str, Person | str]:
    """Record that ``a`` and ``b`` are (or are not) the same person, and apply it."""
    pa, pb = _decision_side(store, a), _decision_side(store, b)
    one = (pa if isinstance(pa, str) else pa.key) == (pb if isinstance(pb, str) else pb.key)
    if one and (same or isinstance(pa, str)):  # ('different' on one person: see below)
        raise InputError(
            f"{a!r} and {b!r} name the same entry; name two different people "
            "(see refpath doctor for the entries to settle)"
        )
    if isinstance(pa, str) or isinstance(pb, str):
        if same:
            missing = pa if isinstance(pa, str) else pb
            raise UnknownPerson(f"no one with the key {missing!r} in the store yet")
        # "Different" may name a profile not in the store yet: it vetoes future merges.
        ka, kb = sorted(
            (pa if isinstance(pa, str) else pa.key, pb if isinstance(pb, str) else pb.key)
        )
        with store.transaction() as conn:
            save_decision(conn, ka, kb, same=False)
        return ka, kb
    if pa.id == pb.id and not same:
        raise UnknownPerson(
            f"{a!r} and {b!r} are already one person in the store; "
            "re-add the exports after 'refpath different' to split them"
        )
    with store.transaction() as conn:
        ka, kb = sorted((pa.key, pb.key))
        save_decision(conn, ka, kb, same=same)
        if same:
            merge_people(conn, pa.id, pb.id)
    return pa, pb


def likely_duplicates(store: Store, limit: int = 200) -> list[tuple[Person, ...]]:
    """Groups of nodes that share a folded name where at least one has no URL.

    These are people refpath could not merge with certainty; the user can
    settle each with ``refpath same`` or ``refpath different``.
    """
    conn = store.conn
    groups = conn.execute(
        """SELECT group_concat(id) FROM people WHERE name_key != ''
           GROUP BY name_key HAVING COUNT(*) > 1 AND SUM(key NOT LIKE 'in:%') > 0
           ORDER BY name_key LIMIT ?""",
        (limit,),
    ).fetchall()
    decided = {
        frozenset((a, b)) for a, b in conn.execute("SELECT a, b FROM decisions WHERE same = 0")
    }
    out = []
    for (ids,) in groups:
        people = tuple(people_by_ids(conn, [int(i) for i in ids.split(",")]))
        if len(people) == 2 and frozenset((people[0].key, people[1].key)) in decided:
            continue
        out.append(people)
    return out
