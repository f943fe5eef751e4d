"""Drafts on the sample team: golden files, honesty, note limits, templates, self-check.

The golden files under ``tests/golden/drafts/`` were written from the
implementation and read by a person before being kept; the tests compare them
exactly. After a deliberate change, rewrite them with
``REFPATH_UPDATE_GOLDEN=1 pytest tests/outreach/test_drafts.py`` and read the diff.
"""

from __future__ import annotations

import os
import textwrap
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from refpath.cli import app
from refpath.errors import InputError
from refpath.outreach.drafts import (
    FREE_NOTE_LIMIT,
    NOTE_LIMIT,
    NoIntroducer,
    UserConfig,
    char_count,
    draft_for,
    draft_markdown,
    load_user_config,
    write_markdown,
)
from refpath.outreach.etiquette import check_message, recipient
from refpath.routes.introducers import Routes, introducers_for
from refpath.routes.people import find_person, prospect_at
from refpath.store.db import open_store

TODAY = date(2026, 11, 24)
ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "sample_exports"
GOLDEN = Path(__file__).parents[1] / "golden" / "drafts"
REASON = "how Acme Robotics plans maintenance windows on its assembly lines"
LONG_NAME = "Maria Fernanda de la Concepción Rodríguez-Villanueva"


def build_sample(path: Path) -> Path:
    """The sample team in a store at ``path``: Alex's archive as --me, then everyone."""
    if not (SAMPLE / "README.md").exists():
        pytest.skip("sample_exports/ is not there")
    runner = CliRunner()
    mine = SAMPLE / "Basic_LinkedInDataExport_11-20-2026.zip"
    theirs = sorted(str(p) for p in SAMPLE.iterdir() if p != mine and p.name != "README.md")
    assert runner.invoke(app, ["--db", str(path), "add", str(mine), "--me"]).exit_code == 0
    assert runner.invoke(app, ["--db", str(path), "add", *theirs]).exit_code == 0
    return path


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    with open_store(build_sample(tmp_path_factory.mktemp("sample") / "s.db")) as store:
        yield store


def routes_to(store, name: str, company: str | None = None) -> Routes:
    try:
        target = find_person(store, name, company=company)
    except Exception:
        target = prospect_at(store, name, company or "")
        assert target is not None
    return introducers_for(store, target, top=10, today=TODAY)


def via(routes: Routes, first: str):
    return next(i for i in routes.paths if i.via[0].name == first)


CASES = {
    "jane-doe-via-bob-okafor": ("Jane Doe", None, "Bob Okafor", REASON, False),
    "jane-doe-via-bob-okafor-no-reason": ("Jane Doe", None, "Bob Okafor", None, False),
    "jane-doe-via-riley-chen": ("Jane Doe", None, "Riley Chen", REASON, False),
    "jane-doe-via-carol-mendes-inferred": ("Jane Doe", None, "Carol Mendes", REASON, False),
    "jane-doe-via-carol-mendes-inferred-no-reason": ("Jane Doe", None, "Carol Mendes", None, False),
    "long-name-free-account": (LONG_NAME, "Acme Robotics", "Bob Okafor", "line maintenance", True),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_drafts_match_their_golden_files(sample, case):
    name, company, first, reason, free = CASES[case]
    intro = via(routes_to(sample, name, company), first)
    draft = draft_for(sample, intro, reason=reason, free_account=free, today=TODAY)
    text = draft_markdown(draft)
    golden = GOLDEN / f"{case}.md"
    if os.environ.get("REFPATH_UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_the_ask_says_what_the_store_shows_as_a_person_would(sample):
    routes = routes_to(sample, "Jane Doe")
    bob = draft_for(sample, via(routes, "Bob Okafor"), reason=REASON, today=TODAY)
    assert "You've known Jane Doe since 2016 and seem to be in touch." in bob.ask
    assert "40" not in bob.ask and "messages" not in bob.ask  # no counting their inbox
    assert "Would you forward the note below" in bob.ask  # in touch: a direct ask
    riley = draft_for(sample, via(routes, "Riley Chen"), reason=REASON, today=TODAY)
    assert "You connected with Jane Doe in October 2026." in riley.ask
    assert "Do you know Jane well enough to pass on a note?" in riley.ask  # weak: asks first
    assert "If you do, would you forward" in riley.ask
    carol = draft_for(sample, via(routes, "Carol Mendes"), reason=REASON, today=TODAY)
    assert carol.inferred and "Do you know whether Tom knows Jane?" in carol.ask
    assert "Tom Baker and Jane" not in carol.ask  # the inferred tie is never stated as fact


def test_tone_follows_the_evidence_and_old_conversations_are_weak(sample):
    routes = routes_to(sample, "Jane Doe")
    later = date(TODAY.year + 6, 1, 1)  # Bob and Jane's last message is years old by then
    bob = draft_for(sample, via(routes, "Bob Okafor"), reason=REASON, today=later)
    assert "seem to be in touch" not in bob.ask
    assert "Do you know Jane well enough to pass on a note?" in bob.ask
    for d in (bob, draft_for(sample, routes, reason=REASON, today=TODAY)):
        for part in (d.ask, d.blurb, d.note or ""):
            assert "messages" not in part and "exchanged" not in part


def test_an_inferred_tie_from_the_introducer_is_a_question(sample):
    routes = routes_to(sample, "Olivia Grant")
    inferred = [i for i in routes.paths if i.inferred and len(i.via) == 1]
    assert inferred
    draft = draft_for(sample, inferred[0], today=TODAY)
    assert draft.ask.splitlines()[2].startswith("Do you know Olivia Grant at Tidewater Grocers?")


def test_without_a_reason_the_draft_says_where_it_goes(sample):
    draft = draft_for(sample, routes_to(sample, "Jane Doe"), today=TODAY)
    hole = "[your reason: what you want to talk to Jane about]"
    assert draft.reason is None
    assert hole in draft.ask and hole in draft.blurb and hole in (draft.note or "")


def test_a_routes_means_its_best_route_and_no_route_is_an_error(sample):
    routes = routes_to(sample, "Jane Doe")
    assert draft_for(sample, routes, today=TODAY).introducer.name == "Bob Okafor"
    with pytest.raises(NoIntroducer, match="no one on the team can introduce you to Jane Doe"):
        draft_for(sample, replace(routes, paths=()), today=TODAY)


def test_the_blurb_is_two_or_three_sentences_and_asks_first(sample):
    draft = draft_for(sample, routes_to(sample, "Jane Doe"), reason=REASON, today=TODAY)
    sentences = [s for s in draft.blurb.replace("?", ".").split(". ") if s.strip()]
    assert 2 <= len(sentences) <= 3
    assert "If so, let Bob know and I'll get in touch; if not, no need to reply." in draft.blurb


# -- every draft refpath writes passes its own check ---------------------------------

TARGETS = [
    ("Jane Doe", None), ("Tom Baker", None), ("Ana Lúcia Ferreira", None), ("Priya Raman", None),
    ("Sam Lee", "Brightwave Energy"), ("Henrik Dahl", None), ("Mei Tanaka", None),
    ("Lucas Moreau", None), ("Fatima Nasser", None), ("Diego Alvarez", None),
    ("Kwame Mensah", None), ("Olivia Grant", None), ("Marco Bellini", None),
    (LONG_NAME, "Acme Robotics"),
]  # fmt: skip


def test_every_sample_draft_passes_its_own_check(sample):
    """With a reason: no finding at all. Without: only "no-reason", once per part.

    The placeholder is the one thing refpath leaves for the user to fill in.
    """
    kinds = set()
    for name, company in TARGETS:
        routes = routes_to(sample, name, company)
        assert routes.paths, name
        to_target = recipient(sample, routes.target)
        for intro in routes.paths:
            kinds.add(intro.inferred)
            to_introducer = recipient(sample, intro.via[0])
            for reason in (REASON, None):
                for free in (False, True):
                    d = draft_for(sample, intro, reason=reason, free_account=free, today=TODAY)
                    if d.note is None:  # a long route and reason can't fit 200: said, not cut
                        assert free and d.problems, (name, d.problems)
                    rules = [
                        *(f.rule for f in check_message(d.ask, to=to_introducer)),
                        *(f.rule for f in check_message(d.blurb, to=to_target)),
                        *(
                            f.rule
                            for f in check_message(
                                d.note or "", channel="note", free_account=free, to=to_target
                            )
                            if d.note
                        ),
                    ]
                    expected = [] if reason else ["no-reason"] * (3 if d.note else 2)
                    assert rules == expected, (name, [p.name for p in intro.via], reason, d)
    assert kinds == {True, False}


# -- the connection note's limits ------------------------------------------------------


@pytest.fixture(scope="module")
def jane_via_bob(sample):
    return via(routes_to(sample, "Jane Doe"), "Bob Okafor")


def _renamed(intro, name: str):
    last = intro.hops[-1]
    target = replace(last.b, name=name)
    hops = (*intro.hops[:-1], replace(last, b=target))
    return replace(intro, hops=hops)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    name=st.text(min_size=0, max_size=120),
    reason=st.one_of(st.none(), st.text(min_size=0, max_size=400)),
    free=st.booleans(),
)
def test_any_name_and_reason_give_a_note_within_the_limit_or_a_clean_problem(
    sample, jane_via_bob, name, reason, free
):
    draft = draft_for(
        sample, _renamed(jane_via_bob, name), reason=reason, free_account=free, today=TODAY
    )
    limit = FREE_NOTE_LIMIT if free else NOTE_LIMIT
    assert draft.note_limit == limit
    if draft.note is None:
        assert draft.problems and f"over the {limit}-character limit" in draft.problems[0]
    else:
        assert char_count(draft.note) <= limit
        if draft.reason:  # the reason is never cut, so never cut mid-word
            assert draft.reason in draft.note


def test_the_note_shortens_in_steps_and_keeps_the_shared_connection(sample, jane_via_bob):
    reason = "how your team plans maintenance windows on the assembly lines"
    full = draft_for(sample, jane_via_bob, reason=reason, today=TODAY)
    short = draft_for(sample, jane_via_bob, reason=reason, free_account=True, today=TODAY)
    assert "given your work at Acme Robotics" in full.note and char_count(full.note) <= 300
    assert "given your work" not in short.note and char_count(short.note) <= 200
    assert "Bob Okafor" in short.note and reason in short.note


def test_a_reason_too_long_for_a_note_is_a_problem_not_a_cut(sample, jane_via_bob):
    draft = draft_for(sample, jane_via_bob, reason="x " * 150, free_account=True, today=TODAY)
    assert draft.note is None
    assert draft.problems[0].startswith("the connection note needs")
    assert "shorten --reason by" in draft.problems[0]


# -- templates, config and files -----------------------------------------------------


def test_a_user_template_overrides_only_the_blocks_it_defines(sample, jane_via_bob, tmp_path):
    mine = tmp_path / "mine.j2"
    mine.write_text(
        textwrap.dedent(
            """\
            {% block note %}
            Hi {{ target.first_name }}, {{ common }}. I'd like to ask you about {{ topic }},
            for {{ minutes }} minutes. No worries if not. {{ me.first_name }}
            {% endblock %}
            """
        )
    )
    shipped = draft_for(sample, jane_via_bob, reason="line maintenance", today=TODAY)
    draft = draft_for(sample, jane_via_bob, reason="line maintenance", template=mine, today=TODAY)
    assert draft.ask == shipped.ask and draft.blurb == shipped.blurb
    assert draft.note == (
        "Hi Jane, you're connected with my colleague Bob Okafor. I'd like to ask you about "
        "line maintenance, for 15 minutes. No worries if not. Alex"
    )


@pytest.mark.parametrize(
    "text,message",
    [
        ("{% block ask %}{% if %}{% endblock %}", ":1: template error: "),
        ("{% block ask %}{{ nonsense }}{% endblock %}", "template error in block 'ask'"),
        ("Hello {{ me.name }}", "defines none of the blocks ask, blurb, note"),
    ],
)
def test_template_errors_name_the_file(sample, jane_via_bob, tmp_path, text, message):
    bad = tmp_path / "bad.j2"
    bad.write_text(text)
    with pytest.raises(InputError) as caught:
        draft_for(sample, jane_via_bob, template=bad, today=TODAY)
    assert str(caught.value).startswith(str(bad)) and message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_the_config_folder_gives_a_name_headline_minutes_and_template(tmp_path):
    assert load_user_config(tmp_path) == UserConfig()
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "draft.j2").write_text("{% block note %}x{% endblock %}")
    (tmp_path / "config.toml").write_text(
        '[me]\nname = "Alex R."\nheadline = "Ops nerd"\n[draft]\nminutes = 20\n'
    )
    config = load_user_config(tmp_path)
    assert (config.name, config.headline, config.minutes) == ("Alex R.", "Ops nerd", 20)
    assert config.template == tmp_path / "templates" / "draft.j2"
    (tmp_path / "config.toml").write_text("[draft]\nminutes = 0\n")
    with pytest.raises(InputError, match="minutes must be a whole number"):
        load_user_config(tmp_path)
    (tmp_path / "config.toml").write_text("[me\n")
    with pytest.raises(InputError, match="cannot read the config"):
        load_user_config(tmp_path)


def test_config_headline_and_minutes_reach_the_draft(sample, jane_via_bob):
    config = UserConfig(headline="I run ops analytics at Northwind", minutes=20)
    draft = draft_for(sample, jane_via_bob, reason="x", config=config, today=TODAY)
    assert "I'm Alex Rivera (I run ops analytics at Northwind)" in draft.blurb
    assert "20-minute call" in draft.ask


def test_write_markdown_writes_one_slugged_file_per_draft(sample, tmp_path):
    routes = routes_to(sample, "Ana Lúcia Ferreira")
    draft = draft_for(sample, routes, reason="trial scheduling", today=TODAY)
    path = write_markdown(draft, tmp_path / "out")
    assert path.parent == tmp_path / "out"
    assert path.name.startswith("ana-lucia-ferreira-via-") and path.suffix == ".md"
    assert path.read_text(encoding="utf-8") == draft_markdown(draft)
    assert write_markdown(draft, tmp_path / "out") == path  # same draft, same file
    with pytest.raises(InputError, match="cannot write the draft"):
        write_markdown(draft, path)  # a file, not a folder
