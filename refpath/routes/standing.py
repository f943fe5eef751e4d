"""One answer per person: is this you, a colleague, a connection, reachable, or unknown?

Every command that names a person (``to``, ``draft``, ``log add``, ``map
--highlight``, ``plan``) asks :func:`standing` and says what it says, in the
words of :func:`sentence`, so no two commands can disagree about the same
person:

========== ==============================================================
kind       meaning
========== ==============================================================
you        the person is the user (the export added with ``--me``)
colleague  their own export is in the store: no introduction is needed
connected  the user's own export lists them: the user can write directly
reachable  someone on the team can introduce the user (``routes.paths``)
unknown    no one on the team knows them or anyone at their company
========== ==============================================================

"Connected" wins over "reachable": a user connected with the prospect may
still ask for a warmer introduction (the routes are kept), but is told first
that they can write directly.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from refpath.routes.introducers import Routes, introducers_for
from refpath.routes.people import Person
from refpath.store.db import Store

YOU, COLLEAGUE, CONNECTED, REACHABLE, UNKNOWN = (
    "you", "colleague", "connected", "reachable", "unknown",
)  # fmt: skip
KINDS = (YOU, COLLEAGUE, CONNECTED, REACHABLE, UNKNOWN)


@dataclass(frozen=True)
class Standing:
    """What the store says about one person, relative to the user."""

    kind: str  #: one of :data:`KINDS`
    person: Person
    routes: Routes | None = None  #: None for you and a colleague (no routes are searched)

    @property
    def needs_intro(self) -> bool:
        """An introduction is the way to reach them (reachable or unknown)."""
        return self.kind in (REACHABLE, UNKNOWN)


def me_id(store: Store) -> int | None:
    """The person id of the user (the export marked ``--me``), if any."""
    row = store.conn.execute("SELECT person_id FROM owners WHERE is_me = 1").fetchone()
    return row[0] if row else None


def standing(
    store: Store,
    person: Person,
    *,
    top: int = 5,
    finder: Callable[[Person], Routes] | None = None,
    routes: Routes | None = None,
) -> Standing:
    """Classify ``person`` (see the module docstring); routes are searched only when needed.

    ``finder`` (e.g. :meth:`refpath.routes.introducers.RouteFinder.routes`)
    replaces :func:`introducers_for` when many people are classified; ``routes``
    are the person's routes when the caller has them already.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from refpath.store.db import open_store
    >>> with tempfile.TemporaryDirectory() as d, open_store(pathlib.Path(d) / "s.db") as s:
    ...     standing(s, Person(0, "", "Jane Doe", "Acme", "", "", ())).kind
    'unknown'
    """
    if person.id and person.id == me_id(store):
        return Standing(YOU, person)
    if person.is_owner:
        return Standing(COLLEAGUE, person)
    if routes is None:
        routes = finder(person) if finder else introducers_for(store, person, top=top)
    if routes.connected:
        return Standing(CONNECTED, person, routes)
    return Standing(REACHABLE if routes.paths else UNKNOWN, person, routes)


def sentence(s: Standing) -> str:
    """The one sentence every command uses for ``s`` (plain text, not escaped).

    >>> jane = Person(0, "", "Jane Doe", "Acme", "", "", ())
    >>> sentence(Standing(COLLEAGUE, jane))  # doctest: +ELLIPSIS
    'Jane Doe is a colleague: their export is in the store (see refpath sources), so no ...'
    """
    name = s.person.name
    if s.kind == YOU:
        return f"{name} is you: name someone else."
    if s.kind == COLLEAGUE:
        return (
            f"{name} is a colleague: their export is in the store (see refpath sources), "
            "so no introduction is needed."
        )
    if s.kind == CONNECTED:
        on = s.routes.connected_on if s.routes else None
        since = f" since {on.day} {on:%b %Y}" if on else ""
        return f"You are already connected to {name}{since}: you can write directly."
    if s.kind == UNKNOWN:
        too_big = s.routes is not None and s.routes.company_too_big
        if too_big:
            return (
                f"No one on the team knows {name}, and {s.person.company} is too big "
                "to guess who does."
            )
        return f"No one on the team knows {name} or anyone at their company."
    first = s.routes.paths[0].via[0].name if s.routes and s.routes.paths else ""
    return f"{name} can be reached through the team; the best person to ask is {first}."
