"""What a map draws: the routes to highlight, the focus, the layout and the size limit."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from refpath.routes.introducers import Introduction

FULL_LIMIT = 1500  # above this many people the map is a summary of the clusters


@dataclass(frozen=True)
class Route:
    """An introduction route to highlight, as person ids."""

    nodes: tuple[int, ...]  #: from the user (or the teammate to ask) to the target
    inferred: tuple[bool, ...]  #: per hop: only suggested by a shared company
    score: float

    @classmethod
    def of(cls, intro: Introduction) -> Route:
        """The route of one :class:`refpath.routes.introducers.Introduction` (which has hops)."""
        nodes = (intro.hops[0].a.id, *(h.b.id for h in intro.hops))
        return cls(nodes, tuple(h.inferred for h in intro.hops), intro.score)


@dataclass(frozen=True)
class MapOptions:
    """What to draw, and where."""

    out: Path
    routes: tuple[Route, ...] = ()  #: best first; the first is drawn boldest
    focus: int | None = None  #: person id of a colleague: draw only their network
    layout: str = "clusters"
    max_people: int = FULL_LIMIT
    #: inputs the picture may not replace: (path, what), e.g. the store
    protect: tuple[tuple[Path, str], ...] = ()
