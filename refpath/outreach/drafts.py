"""Warm-introduction drafts: the facts of a route, rendered through Jinja2 templates.

A draft has three parts (see ``docs/messages.md``): the **ask** to the
introducer, a forwardable **blurb** for the target (double opt-in: the target
is asked first and introduced only after a yes), and a LinkedIn connection
**note** for the target. This module turns a route from
:func:`refpath.routes.introducers.introducers_for` into template variables, worded by
:mod:`refpath.outreach.wording` to state only what the store shows (an inferred tie
becomes a question), renders the blocks ``ask``, ``blurb`` and ``note`` of
``templates/draft.j2`` (or the user's own template), and shortens the note to
LinkedIn's limit without cutting a word.
refpath never invents a reason: without one the draft carries
:data:`REASON_PLACEHOLDER`-style text that :mod:`refpath.outreach.etiquette` flags.
Nothing here prints; :func:`write_markdown` is the only file writer.
"""

from __future__ import annotations

import functools
import re
import tomllib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import jinja2

from refpath.errors import InputError, RefpathError
from refpath.outfiles import atomic_output
from refpath.outreach.etiquette import FREE_NOTE_LIMIT, LIMITS, char_count
from refpath.outreach.wording import clean, common_ground, tie_of, to_knower, tone, who_of, why
from refpath.routes.introducers import Introduction, Routes
from refpath.routes.people import Person
from refpath.store.db import Store

#: What a draft says in place of the reason the user did not give.
REASON_PLACEHOLDER = "[your reason: what you want to talk to {first} about]"
#: LinkedIn's limits in characters (:mod:`refpath.outreach.etiquette`): notes and InMail bodies.
NOTE_LIMIT, INMAIL_LIMIT = LIMITS["note"], LIMITS["inmail"]
#: The body length an ask to an introducer should stay under (a soft aim, not a limit).
ASK_AIM = 400
#: Note renderings tried from the fullest (0) to the shortest.
NOTE_LEVELS = 4
BLOCKS = ("ask", "blurb", "note")
#: A Profile.csv headline longer than this is cut to its first segment (:func:`short_headline`).
HEADLINE_AIM = 60


class NoIntroducer(RefpathError):
    """No route reaches the target, so there is no one to ask (exit 1)."""


@dataclass(frozen=True)
class Count:
    """One part's length against its limit (and the length to aim under, if any)."""

    part: str
    chars: int
    limit: int
    aim: int | None = None


@dataclass(frozen=True)
class UserConfig:
    """Settings from ``config.toml`` in the config folder (all optional)."""

    name: str = ""  #: overrides the name from the store
    headline: str = ""  #: overrides the Profile.csv headline
    minutes: int = 15  #: the length of the call a draft asks for
    template: Path | None = None  #: ``templates/draft.j2`` when present


@dataclass(frozen=True)
class Draft:
    """A warm-introduction draft: the three texts and what they rest on."""

    target: Person
    introducer: Person  #: whom the user asks (``via[0]``)
    via: tuple[Person, ...]
    inferred: bool  #: the route's last tie is only inferred
    reason: str | None  #: None: the texts carry a placeholder
    ask: str  #: to the introducer
    blurb: str  #: for the introducer to forward (double opt-in)
    note: str | None  #: connection-request note; None when it cannot fit (see ``problems``)
    note_limit: int
    counts: tuple[Count, ...]
    problems: tuple[str, ...] = ()


def short_headline(headline: str) -> str:
    """A LinkedIn headline short enough for an introduction: the first segment of a long one.

    Headlines are often several claims joined by ``|``, ``·``, ``•`` or a
    dash; a blurb needs only the first. One of up to :data:`HEADLINE_AIM`
    characters is kept whole (a headline set in ``config.toml`` is never cut).

    >>> short_headline("Account Executive at Northwind Analytics — data platforms for ops teams")
    'Account Executive at Northwind Analytics'
    >>> short_headline("Founder | Speaker | Angel investor in climate, health and fintech startups")
    'Founder'
    >>> short_headline("Head of Sales at Acme")
    'Head of Sales at Acme'
    """
    text = " ".join(headline.split())
    if len(text) <= HEADLINE_AIM:
        return text
    first = re.split(r"\s+[-–—]\s+|\s*[|•·]\s*", text, maxsplit=1)[0].strip(" ,;:")
    return first or text


def slug(text: str) -> str:
    """A file-name-safe slug: accents folded, anything else a dash.

    >>> slug("Ana Lúcia Ferreira via Bob"), slug("🚀")
    ('ana-lucia-ferreira-via-bob', 'draft')
    """
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    return re.sub(r"[\W_]+", "-", folded).strip("-")[:80].strip("-") or "draft"


def load_user_config(config_dir: Path | None = None) -> UserConfig:
    """The user's draft settings from their config folder.

    Parameters
    ----------
    config_dir
        Default: ``platformdirs.user_config_path("refpath")``. It may hold
        ``config.toml`` (``[me] name, headline``; ``[draft] minutes``) and
        ``templates/draft.j2``.

    Returns
    -------
    UserConfig
        The defaults for whatever is missing.

    Raises
    ------
    InputError
        ``config.toml`` is not valid TOML or ``minutes`` is not 1 to 120.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as d:
    ...     load_user_config(pathlib.Path(d)).minutes
    15
    """
    if config_dir is None:
        from platformdirs import user_config_path

        config_dir = user_config_path("refpath", appauthor=False)
    path = config_dir / "config.toml"
    data: dict[str, Any] = {}
    if path.is_file():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
            raise InputError(f"{path}: cannot read the config: {err}") from err
    me, draft = data.get("me", {}), data.get("draft", {})
    minutes = draft.get("minutes", 15)
    if isinstance(minutes, bool) or not isinstance(minutes, int) or not 1 <= minutes <= 120:
        raise InputError(f"{path}: [draft] minutes must be a whole number from 1 to 120")
    template = config_dir / "templates" / "draft.j2"
    return UserConfig(
        name=str(me.get("name", "")),
        headline=str(me.get("headline", "")),
        minutes=minutes,
        template=template if template.is_file() else None,
    )


def _environment(loader: jinja2.BaseLoader) -> jinja2.Environment:
    return jinja2.Environment(
        loader=loader,
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


@functools.cache
def _shipped_env() -> jinja2.Environment:
    """The environment of refpath's own templates, built once: each is compiled only once
    (a plan with --drafts renders hundreds of drafts)."""
    return _environment(jinja2.PackageLoader("refpath", "templates"))


def _templates(user: Path | None) -> dict[str, tuple[jinja2.Template, str]]:
    """Each block's template and its file name: the user's where defined, else shipped."""
    shipped = _shipped_env().get_template("draft.j2")
    chosen = {b: (shipped, "refpath/templates/draft.j2") for b in BLOCKS}
    if user is None:
        return chosen
    try:
        env = _environment(jinja2.FileSystemLoader(user.parent))
        tmpl = env.get_template(user.name)
    except jinja2.TemplateSyntaxError as err:
        raise InputError(f"{user}:{err.lineno}: template error: {err.message}") from err
    except jinja2.TemplateNotFound as err:
        raise InputError(f"{user}: no such template file") from err
    except (OSError, UnicodeDecodeError, jinja2.TemplateError) as err:
        raise InputError(f"{user}: cannot read the template: {err}") from err
    found = [b for b in BLOCKS if b in tmpl.blocks]
    if not found:
        raise InputError(f"{user}: defines none of the blocks {', '.join(BLOCKS)}")
    chosen.update({b: (tmpl, str(user)) for b in found})
    return chosen


def _render(block: str, tmpl: jinja2.Template, name: str, context: dict[str, Any]) -> str:
    """One block as text: paragraphs reflowed to one line each, blank lines between."""
    try:
        raw = "".join(tmpl.blocks[block](tmpl.new_context(context)))
    except jinja2.TemplateError as err:
        raise InputError(f"{name}: template error in block {block!r}: {err}") from err
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", raw)]
    return "\n\n".join(p for p in paragraphs if p)


def _route(routes_or_intro: Routes | Introduction) -> tuple[Introduction, Person | None]:
    if isinstance(routes_or_intro, Routes):
        if not routes_or_intro.paths:
            who = routes_or_intro.target.name
            raise NoIntroducer(
                f"no one on the team can introduce you to {who}; add more exports with refpath add"
            )
        intro = routes_or_intro.paths[0]
    else:
        intro = routes_or_intro
    first = intro.hops[0]
    me = first.a if intro.via and first.a.id != intro.via[0].id else None
    return intro, me


def draft_for(
    store: Store,
    routes_or_intro: Routes | Introduction,
    *,
    reason: str | None = None,
    template: Path | None = None,
    config: UserConfig | None = None,
    free_account: bool = False,
    today: date | None = None,
) -> Draft:
    """The draft for one route: the ask, the forwardable blurb and the connection note.

    Parameters
    ----------
    store
        The open store (only the user's headline is read from it).
    routes_or_intro
        A :class:`~refpath.routes.introducers.Routes` (its best route is used) or one
        :class:`~refpath.routes.introducers.Introduction` from it.
    reason
        What the user wants to talk about; completes "I'd like to ask Jane
        about ...". None leaves :data:`REASON_PLACEHOLDER` in the texts.
    template
        A Jinja2 file defining any of the blocks ``ask``, ``blurb``, ``note``;
        overrides ``config.template``. Blocks it leaves out come from the
        shipped ``templates/draft.j2``.
    config
        The user's settings (see :func:`load_user_config`); defaults otherwise.
    free_account
        Keep the note within a free account's 200 characters instead of 300.
    today
        The date "connected since" is measured against (tests fix it).

    Returns
    -------
    Draft
        ``note`` is None when even the shortest note is over the limit;
        ``problems`` then says by how much.

    Raises
    ------
    NoIntroducer
        ``routes_or_intro`` is a Routes without any route.
    InputError
        The template cannot be read or rendered (the message names the file).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from refpath.routes.introducers import introducers_for
    >>> from refpath.store.db import open_store
    >>> with tempfile.TemporaryDirectory() as d, open_store(pathlib.Path(d) / "s.db") as s:
    ...     routes = introducers_for(s, Person(0, "", "Jane Doe", "", "", "", ()))
    ...     draft_for(s, routes)
    Traceback (most recent call last):
    refpath.outreach.drafts.NoIntroducer: no one on the team can introduce you to Jane Doe; ...
    """
    config = config or UserConfig()
    today = today or date.today()
    intro, me_person = _route(routes_or_intro)
    reason = clean(reason or "").rstrip(".") or None
    target = intro.hops[-1].b
    headline = config.headline
    if not headline and me_person is not None:
        headline = short_headline(store.owner_headline(me_person.id))
    me = who_of(me_person, headline, config.name)
    tied = [tie_of(h, today) for h in intro.hops]
    me_tie, ties = (tied[0], tied[1:]) if me_person is not None else (None, tied)
    t = who_of(target)
    relation, described = to_knower(me_tie, ties)
    placeholder = REASON_PLACEHOLDER.format(first=t.first_name)
    limit = FREE_NOTE_LIMIT if free_account else NOTE_LIMIT
    context: dict[str, Any] = {
        "me": me,
        "target": t,
        "introducer": who_of(intro.via[0]),
        "knower": who_of(intro.via[-1]),
        "via": [who_of(p) for p in intro.via],
        "ties": ties,
        "inferred": intro.inferred,
        "reason": reason,
        "topic": reason or placeholder,
        "minutes": config.minutes,
        "why": why(ties, t),
        "tone": tone(ties),
        "relation": relation,
        "common": common_ground(ties[-1], described),
        "limit": limit,
        "level": 0,
    }
    chosen = _templates(template or config.template)
    ask = _render("ask", *chosen["ask"], context)
    blurb = _render("blurb", *chosen["blurb"], context)
    note, problems = None, []
    for level in range(NOTE_LEVELS):
        common = common_ground(ties[-1], ties[-1].a.name if level >= 3 else described)
        text = _render("note", *chosen["note"], {**context, "level": level, "common": common})
        if char_count(text) <= limit:
            note = text
            break
    else:
        over = char_count(text) - limit
        fix = f"shorten --reason by {over} characters" if reason else "write this note by hand"
        problems.append(
            f"the connection note needs {char_count(text)} characters even at its shortest, "
            f"{over} over the {limit}-character limit; {fix}"
        )
    counts = (
        Count("ask", char_count(ask), INMAIL_LIMIT, ASK_AIM),
        Count("blurb", char_count(blurb), INMAIL_LIMIT),
        Count("note", char_count(note or ""), limit),
    )
    return Draft(
        target, intro.via[0], intro.via, intro.inferred, reason, ask, blurb, note, limit,
        counts, tuple(problems),
    )  # fmt: skip


def count_text(count: Count) -> str:
    """A count for people: ``"312 characters (aim under 400; limit 2,000)"``.

    >>> count_text(Count("note", 180, 300))
    '180/300 characters'
    """
    if count.aim is None:
        return f"{count.chars}/{count.limit:,} characters"
    return f"{count.chars} characters (aim under {count.aim}; InMail limit {count.limit:,})"


def draft_markdown(draft: Draft, *, note: bool = True) -> str:
    """The draft as Markdown (``templates/draft.md.j2``): each part with its count."""
    env = _shipped_env()
    names = [clean(p.name) for p in (draft.target, draft.introducer, draft.via[-1])]
    return env.get_template("draft.md.j2").render(
        draft=draft,
        target=names[0],
        introducer=names[1],
        knower=names[2],
        route=" → ".join(["You", *(clean(p.name) for p in draft.via), names[0]]),
        counts={c.part: count_text(c) for c in draft.counts},
        with_note=note,
    )


def write_markdown(
    draft: Draft, out_dir: Path, *, protect: Iterable[tuple[Path, str]] = ()
) -> Path:
    """Write the whole draft as Markdown, one file per draft, for a CRM or email client.

    Parameters
    ----------
    draft
        From :func:`draft_for`.
    out_dir
        Created when missing. The file is ``<target>-via-<introducer>.md``
        (see :func:`slug`); writing the same draft again replaces it, atomically.
    protect
        Files the draft may not replace (the store, ...): see
        :func:`refpath.outfiles.atomic_output`.

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    InputError
        The folder or file cannot be written.
    """
    name = slug(f"{draft.target.name} via {draft.introducer.name}") + ".md"
    path = Path(out_dir) / name
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        text = draft_markdown(draft)
        with atomic_output(path, text=True, protect=protect) as f:
            f.write(text)
    except OSError as err:
        raise InputError(f"{out_dir}: cannot write the draft: {err.strerror or err}") from err
    return path
