"""refpath: warm introductions instead of cold pitches.

refpath merges a team's LinkedIn data exports into one local store, finds who
can introduce you to a prospect (with the evidence for each tie), drafts an
honest warm-intro request, maps the network and plans outreach for a whole
prospect list. Nothing leaves the user's machine.

Data flows one way: ``exports`` (parse files) -> ``store`` (one key per
person, SQLite) -> ``routes`` (tie strength, ranked introductions) ->
``map``/``outreach`` (clusters and the map; drafts, the etiquette check, the
plan), with ``api`` (Python and notebooks) and ``cli`` at the edge.

From Python, :func:`refpath.open` is the way in (see :mod:`refpath.api` and
docs/api.md). The API's names are loaded on first use, so ``import refpath``
(and every command) stays free of pandas.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

#: The public names of :mod:`refpath.api`, loaded from it on first use.
_API = (
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
)

__all__ = ["__version__", *_API]


def __getattr__(name: str) -> Any:
    if name in _API:
        # Imported by name, so import-linter sees no edge refpath -> refpath.api: importing
        # refpath (as every command does, for __version__) loads nothing of the API.
        import importlib

        return getattr(importlib.import_module("refpath.api"), name)
    raise AttributeError(f"module 'refpath' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_API})
