"""Find people in the store by name or profile URL, and record identity decisions.

Names are matched folded (case, accents, emoji, credentials, titles, brackets,
nicknames, a second script ignored: see :func:`refpath.identity.name_key`), so
"Ana Lucia Ferreira" finds "Ana Lúcia Ferreira, MBA". When no folded name is
equal, a name that agrees on first and last name with a middle name or initial
left out on either side matches ("Laura Quinn" finds "Laura M. Quinn"), and a
query in another script finds a name that carries it ("Omar Haddad - عمر حداد").
A profile URL in any of its shapes finds its person. A miss raises
:class:`UnknownPerson` with the closest names (rapidfuzz); several matches raise
:class:`AmbiguousPerson` with each candidate described, so the user can pick one
with ``--company`` or a URL. Companies match by whole words either way
("Contoso" finds Contoso Group and Contoso Cars; "Northwind Analytics Inc"
finds Northwind).

``same``/``different`` decisions are stored by person key, so they survive
re-adding exports.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from refpath.errors import AmbiguousPerson, InputError, UnknownPerson
from refpath.identity import (
    canonical_url,
    companies_match,
    company_key,
    company_words,
    display_name,
    name_key,
    names_agree,
    other_name_key,
    profile_key,
)
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
    keys = [
        r[0]
        for r in conn.execute(
            "SELECT DISTINCT name_key FROM people "
            "WHERE company_key IN (SELECT value FROM json_each(?))",
            (json.dumps(_keys_containing(conn, ck) if ck else []),),
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


def _loose_name_ids(conn: sqlite3.Connection, nk: str) -> list[int]:
    """People whose folded name agrees with ``nk`` on first and last name (middles aside).

    One range scan of the name index: names starting with the first word and
    ending with the last one.
    """
    words = nk.split()
    if len(words) < 2:
        return []
    first, last = words[0], words[-1]
    rows = conn.execute(
        "SELECT id, name_key FROM people WHERE name_key > ? AND name_key < ? AND name_key GLOB ?",
        (
            first + " ",
            first + "!",
            "* " + last.replace("[", "[[]").replace("*", "[*]").replace("?", "[?]"),
        ),
    )
    return [pid for pid, key in rows if names_agree(nk, key)]


def _other_script_ids(conn: sqlite3.Connection, query: str) -> list[int]:
    """People whose name carries ``query`` as its spelling in another script.

    For a query with no Latin letters ("张伟") that matched no whole name: the
    names holding its longest word are read once (a scan of the table).
    """
    nk = name_key(query)
    if not nk or any("a" <= ch <= "z" for ch in nk):
        return []
    word = max(query.split(), key=len)
    found = []
    for pid, name in conn.execute("SELECT id, name FROM people WHERE instr(name, ?) > 0", (word,)):
        other = other_name_key(name)
        if other and (other == nk or names_agree(nk, other)):
            found.append(pid)
    return found


def _at_company(people: list[Person], company: str | None) -> list[Person]:
    if not company:
        return people
    ck = company_key(company)
    return [p for p in people if companies_match(ck, company_key(p.company))]


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
    """Every person matching ``query`` (a name or a profile URL), narrowed by company.

    The folded name first; when no one has it (at ``company``), first and
    last name with middle names aside; then a spelling in another script.
    """
    conn = store.conn
    key = profile_key(query)
    if query.startswith(("in:", "nm:", "ow:")):
        key = query  # an exact key, as `refpath doctor` shows it
    if key:
        pid = store.person_id_for_key(key)
        return _at_company(people_by_ids(conn, [pid] if pid is not None else []), company)
    nk = require_name(query)
    if company is not None and not company_key(company):
        raise InputError(f"--company {company!r} is not a company name: give letters or digits")
    ids = [r[0] for r in conn.execute("SELECT id FROM people WHERE name_key = ?", (nk,))]
    people = _at_company(people_by_ids(conn, ids), company)
    if not people:
        people = _at_company(people_by_ids(conn, _loose_name_ids(conn, nk)), company)
    if not people:
        people = _at_company(people_by_ids(conn, _other_script_ids(conn, query)), company)
    return people


def close_people_at(store: Store, query: str, company: str, limit: int = 3) -> tuple[Person, ...]:
    """People at ``company`` whose name is close to ``query``: a misspelling ("Mikail Berg").

    For "did you mean": a name in no export at a company the data knows is
    checked against the names there before it becomes a prospect of its own.
    """
    from rapidfuzz import fuzz, process

    nk = name_key(query)
    ck = company_key(company)
    if not nk or not ck:
        return ()
    keys = company_keys_matching(store.conn, ck, anywhere=False)
    if not keys:
        return ()
    marks = ",".join("?" * len(keys))
    names: dict[str, list[int]] = {}
    for pid, key in store.conn.execute(
        f"SELECT id, name_key FROM people WHERE company_key IN ({marks})", keys
    ):
        names.setdefault(key, []).append(pid)
    hits = process.extract(nk, list(names), scorer=fuzz.ratio, limit=limit, score_cutoff=80)
    last = nk.split()[-1]
    ids = []
    for key, score, _ in hits:
        # one typo in a name, or the same surname with a first name close to the query's
        if score >= 85 or (key.split()[-1] == last and fuzz.ratio(key, nk) >= 80):
            ids += names[key]
    return tuple(people_by_ids(store.conn, ids[:limit]))


def find_person(store: Store, query: str, *, company: str | None = None) -> Person:
    """Exactly one person matching ``query``, or a PersonError that says what to do."""
    return _one(store, find_people(store, query, company=company), query, company)


def _one(store: Store, people: list[Person], query: str, company: str | None) -> Person:
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


def company_keys_matching(
    conn: sqlite3.Connection, ck: str, *, anywhere: bool = True, words: str = ""
) -> list[str]:
    """The folded company names in the store that hold ``ck`` as whole words.

    "contoso" gives "contoso", "contoso cars" and (only ``anywhere``) "the
    contoso group": one look-up of its first word in the store's word index.
    With ``words`` (:func:`refpath.identity.company_words`), a name holding
    ``ck`` must be ``ck`` itself or hold all of ``words``: "istix analytics"
    (key "istix") gives "istix" and "istix analytics europe", not "istix
    shipping".
    """
    if not ck:
        return []
    found = {
        key
        for (key,) in conn.execute("SELECT key FROM company_words WHERE word = ?", (ck.split()[0],))
        if f" {ck} " in f" {key} "
    }
    if not anywhere:
        found = {k for k in found if k == ck or k.startswith(ck + " ")}
    if words and words != ck:
        found = {k for k in found if k == ck or f" {words} " in f" {k} "}
    return sorted(found)


def _keys_containing(conn: sqlite3.Connection, ck: str) -> list[str]:
    """The folded company names that contain ``ck`` as text ("acm" in "acme")."""
    return sorted(
        {
            r[0]
            for r in conn.execute(
                f"SELECT key FROM company_words WHERE key LIKE ? {_ESCAPE}", (_contains(ck),)
            )
        }
    )


def _spelling(conn: sqlite3.Connection, key: str) -> str:
    """The company as the data spells it most often for a folded name."""
    row = conn.execute(
        "SELECT company FROM people WHERE company_key = ? GROUP BY company "
        "ORDER BY COUNT(*) DESC, company LIMIT 1",
        (key,),
    ).fetchone()
    return row[0] if row else key


def companies_at(conn: sqlite3.Connection, company: str) -> list[str]:
    """The folded company names ``company`` stands for, matched folded and by whole words.

    "Contoso" stands for Contoso, Contoso Group and Contoso Cars; "ACME
    Robotics Inc." for Acme Robotics. When no company holds the words, every
    company whose folded name contains them as text; raises
    :class:`UnknownPerson` with the closest real company names when nothing matches.
    """
    ck = company_key(company)
    if not ck:  # '', '%', '*': would match every person with no company
        raise InputError(f"{company!r} is not a company name: give letters or digits of one")
    keys = company_keys_matching(conn, ck, words=company_words(company)) or _keys_containing(
        conn, ck
    )
    if not keys:
        from rapidfuzz import fuzz, process

        from refpath.store.keys import company_keys

        # Whole company names only, never a fragment: compare keys of similar length.
        hits = process.extract(
            ck, sorted(company_keys(conn)), scorer=fuzz.ratio, limit=5, score_cutoff=60
        )
        close = tuple(_spelling(conn, h[0]) for h in hits)
        hint = f"; closest companies: {', '.join(close)}" if close else ""
        raise UnknownPerson(f"no one at {company!r} in the store{hint}", close)
    return keys


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
    keys = company_keys_matching(store.conn, ck, anywhere=False)
    # "Northwind Analytics Inc" for the store's "Northwind Labs", when that is the only one
    key = ck if ck in keys else keys[0] if len(keys) == 1 else None
    if key is None:
        return None
    url = canonical_url(name) if profile_key(name) else ""
    return Person(0, "", shown, _spelling(store.conn, key), "", url, ())


def find_target(
    store: Store,
    query: str,
    *,
    company: str | None = None,
    url_ok: bool = False,
    new: bool = False,
) -> Person:
    """The person ``query`` names, else a prospect in no export at ``company``.

    The one look-up behind every command that names a prospect (``to``,
    ``draft``, ``log``): :func:`find_person` first; when no one matches and a
    company is given, a name close to someone's there is "did you mean"
    (:class:`UnknownPerson` naming them), never a prospect; else, when the data
    knows the company, the prospect of :func:`prospect_at`; with ``url_ok``, a
    profile URL no export holds is a prospect of its own. ``new``: the user
    says the name is no one in the store, so a close name there is not offered
    (the prospect is reached through the company).
    Raises what :func:`find_person` raises when none of these applies.
    """
    people = find_people(store, query, company=company)
    if people or not company:
        if not people and url_ok and profile_key(query):
            url = canonical_url(query)
            return Person(0, "", url, "", "", url, ())
        try:
            return _one(store, people, query, company)
        except UnknownPerson as error:
            if profile_key(query) or company:
                raise
            raise UnknownPerson(
                f"{error}; for a prospect in no export, give their company with --company",
                error.suggestions,
            ) from None
    if not profile_key(query) and not new:
        close = close_people_at(store, query, company)
        if close:
            names = tuple(p.name for p in close)
            said = " or ".join(f"{p.name} ({p.company})" for p in close)
            raise UnknownPerson(
                f"no one called {query!r} at {company!r} in the store; did you mean {said}?",
                names,
                misspelt=True,
            )
    found = prospect_at(store, query, company)
    if found is not None:
        return found
    if url_ok and profile_key(query):
        url = canonical_url(query)
        return Person(0, "", url, company or "", "", url, ())
    try:
        return _one(store, people, query, company)
    except UnknownPerson as error:
        if profile_key(query) or not display_name(query):
            raise
        raise UnknownPerson(
            f"{error}, and no one at {company!r} either, so there is no one to reach them through",
            error.suggestions,
        ) from None


def find_introducer(store: Store, query: str) -> Person:
    """The person ``query`` names as an introducer (``--via``): colleagues first.

    A full name or profile URL that matches one colleague picks them even when
    others share the name; a first name alone picks the one colleague with that
    first name. Otherwise as :func:`find_target` (a profile URL no export holds
    is accepted); a miss suggests colleagues' names before anyone else's.
    """
    people = find_people(store, query)
    owners = [p for p in people if p.is_owner]
    if len(owners) == 1:
        return owners[0]
    folded = name_key(query)
    if not people and folded and " " not in folded:
        rows = store.conn.execute("SELECT person_id, name_key FROM owners").fetchall()
        firsts = [pid for pid, nk in rows if nk.split(" ")[0] == folded]
        if len(firsts) == 1:
            return people_by_ids(store.conn, firsts)[0]
        if len(firsts) > 1:
            raise AmbiguousPerson(
                f"{len(firsts)} colleagues are called {query!r}; give the full name",
                tuple(people_by_ids(store.conn, firsts)),
            )
    try:
        return find_target(store, query, url_ok=True)
    except UnknownPerson as error:
        from rapidfuzz import fuzz, process

        names = {nk: n for n, nk in store.conn.execute("SELECT name, name_key FROM owners")}
        hits = process.extract(folded, list(names), scorer=fuzz.WRatio, limit=3)
        mates = tuple(names[h[0]] for h in hits if h[1] >= 60)
        close = tuple(dict.fromkeys((*mates, *error.suggestions)))[:5]
        hint = f"; closest names: {', '.join(close)}" if close else ""
        raise UnknownPerson(f"no one called {query!r} in the store{hint}", close) from None


def emails_of(store: Store, person_id: int) -> tuple[str, ...]:
    """Email addresses colleagues' exports hold for a person (shown only on request)."""
    rows = store.conn.execute(
        """SELECT DISTINCT email FROM connections WHERE person_id = ? AND email LIKE '%@%'
           ORDER BY email""",
        (person_id,),
    )
    return tuple(r[0] for r in rows)


def _decision_side(store: Store, query: str, company: str | None = None) -> Person | str:
    """The person a decision names, or the bare key of a profile not in the store yet."""
    key = query if query.startswith(("in:", "nm:", "ow:")) else profile_key(query)
    try:
        return find_person(store, query, company=None if key else company)
    except UnknownPerson:
        if key:
            return key
        raise


def record_decision(
    store: Store,
    a: str,
    b: str,
    *,
    same: bool,
    company_a: str | None = None,
    company_b: str | None = None,
) -> tuple[Person | str, Person | str]:
    """Record that ``a`` and ``b`` are (or are not) the same person, and apply it.

    Each side is named as for ``refpath to``: a name (narrowed by its company
    when given), a profile URL, or an exact key as ``refpath doctor`` shows it.
    """
    pa = _decision_side(store, a, company_a)
    pb = _decision_side(store, b, company_b)
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


def _apart(p: Person, q: Person) -> bool:
    """Whether two entries may be one member: never two rows of one colleague's export."""
    return not set(p.known_by) & set(q.known_by)


def likely_duplicates(store: Store, limit: int = 200) -> list[tuple[Person, ...]]:
    """Groups of nodes that share a folded name across exports, at least one without a URL.

    These are people refpath could not merge with certainty; the user can
    settle each with ``refpath same`` or ``refpath different``. Two rows of
    one export are two members by rule, so entries that one colleague's
    export lists both of are never offered; nor are pairs already decided.
    """
    conn = store.conn
    groups = conn.execute(
        """SELECT group_concat(id) FROM people WHERE name_key != ''
           GROUP BY name_key HAVING COUNT(*) > 1 AND SUM(key NOT LIKE 'in:%') > 0
           ORDER BY name_key"""
    )
    decided = {
        frozenset((a, b)) for a, b in conn.execute("SELECT a, b FROM decisions WHERE same = 0")
    }
    out = []
    for (ids,) in groups:
        people = people_by_ids(conn, [int(i) for i in ids.split(",")])
        kept = [
            p
            for p in people
            if any(
                q is not p
                and _apart(p, q)
                and not (p.url and q.url)
                and frozenset((p.key, q.key)) not in decided
                for q in people
            )
        ]
        if len(kept) > 1:
            out.append(tuple(kept))
            if len(out) >= limit:
                break
    return out
