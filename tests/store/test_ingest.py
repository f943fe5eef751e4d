"""Merging exports into the store: identity, replacement, removal, decisions.

These tests build :class:`Export` records directly, so they pin the merge
rules independently of the file parsers.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from builders import contact, export, li

from refpath.errors import AmbiguousPerson, UnknownPerson
from refpath.exports.records import MessageStats
from refpath.routes.people import find_people, find_person, likely_duplicates, record_decision
from refpath.store.db import open_store
from refpath.store.ingest import add_exports, remove_owner


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "s.db") as s:
        yield s


def test_url_people_merge_across_exports_and_pairs_are_counted_once(store):
    alex = export(
        "Alex Rivera",
        [
            contact("Jane", "Doe", li("jane-doe-1"), "Acme"),
            contact("Bob", "Okafor", li("bob-okafor-9"), "Northwind"),
        ],
    )
    bob = export(
        "Bob Okafor",
        [
            contact("Jane", "Doe", li("Jane-Doe-1/"), "Acme"),
            contact("Alex", "Rivera", li("alex-rivera-2"), "Northwind"),
        ],
    )
    add_exports(store, [alex, bob])
    stats = store.stats()
    # Alex, Bob, Jane: Bob's owner node is his row in Alex's export (reciprocal),
    # and Alex's owner node is his row in Bob's export.
    assert stats.people == 3
    assert stats.owners == 2
    # pairs: Alex-Jane, Alex-Bob, Bob-Jane (Alex-Bob listed twice, counted once)
    assert stats.connections == 3


def test_rows_of_one_export_are_never_merged(store):
    twins = export(
        "Alex Rivera",
        [
            contact("Sam", "Lee", "", "Acme", "Engineer"),
            contact("Sam", "Lee", "", "Acme", "Engineer"),
        ],
        fmt="2021",
    )
    add_exports(store, [twins])
    assert len(find_people(store, "Sam Lee")) == 2


def test_no_url_row_merges_with_unique_url_person_only(store):
    first = export(
        "Bob Okafor",
        [
            contact("Tom", "Baker", li("tom-baker-7"), "Acme Robotics"),
            contact("Sam", "Lee", li("sam-lee-1"), "Globex"),
            contact("Sam", "Lee", li("sam-lee-2"), "Globex"),
        ],
    )
    old = export(
        "Carol Mendes",
        [contact("Tom", "Baker", "", "Acme Robotics Inc."), contact("Sam", "Lee", "", "Globex")],
        fmt="2021",
    )
    add_exports(store, [first, old])
    tom = find_person(store, "Tom Baker")
    assert tom.known_by == ("Bob Okafor", "Carol Mendes")
    # Two URL people called Sam Lee at Globex: the no-URL row stays separate.
    assert len(find_people(store, "Sam Lee")) == 3
    dupes = likely_duplicates(store)
    assert [g[0].name for g in dupes] == ["Sam Lee"]


def test_url_export_added_after_no_url_export_absorbs_the_name_only_person(store):
    old = export("Carol Mendes", [contact("Tom", "Baker", "", "Acme Robotics")], fmt="2021")
    new = export("Bob Okafor", [contact("Tom", "Baker", li("tom-baker-7"), "Acme Robotics")])
    add_exports(store, [old])
    add_exports(store, [new])
    tom = find_person(store, "Tom Baker")
    assert tom.key == "in:tom-baker-7"
    assert tom.known_by == ("Bob Okafor", "Carol Mendes")


def test_owner_is_linked_to_their_row_in_a_colleagues_export_only_when_reciprocal(store):
    bob = export("Bob Okafor", [contact("Riley", "Chen", li("riley-chen-3"), "Northwind")])
    riley = export("Riley Chen", [contact("Bob", "Okafor", li("bob-okafor-9"), "Northwind")])
    add_exports(store, [bob])
    add_exports(store, [riley])
    bob_node = find_person(store, "Bob Okafor")
    assert bob_node.key == "in:bob-okafor-9" and bob_node.is_owner
    assert store.stats().people == 2
    # A "Dana Fox" listed by Riley is not owner Dana unless Dana's export lists Riley.
    dana = export("Dana Fox", [contact("Someone", "Else", li("someone-else"), "X")])
    riley2 = export(
        "Riley Chen",
        [
            contact("Bob", "Okafor", li("bob-okafor-9"), "Northwind"),
            contact("Dana", "Fox", li("dana-fox-other"), "Elsewhere"),
        ],
    )
    add_exports(store, [dana, riley2])
    assert len(find_people(store, "Dana Fox")) == 2


def test_readding_replaces_edges_and_same_export_twice_changes_nothing(store):
    v1 = export(
        "Alex Rivera",
        [
            contact("Jane", "Doe", li("jane-doe-1"), "Acme"),
            contact("Old", "Friend", li("old-friend"), "Gone"),
        ],
    )
    v2 = export(
        "Alex Rivera",
        [
            contact("Jane", "Doe", li("jane-doe-1"), "Acme Corp"),
            contact("New", "Friend", li("new-friend"), "Here"),
        ],
    )
    add_exports(store, [v1])
    again = add_exports(store, [v1])
    assert again[0].unchanged
    before = store.stats()
    summaries = add_exports(store, [v2])
    assert summaries[0].replaced
    assert store.stats().people == before.people  # Old Friend gone, New Friend in
    assert not find_people(store, "Old Friend")
    assert find_person(store, "Jane Doe").company == "Acme Corp"


def test_remove_owner_deletes_only_what_came_from_them(store):
    alex = export(
        "Alex Rivera",
        [
            contact("Jane", "Doe", li("jane-doe-1"), "Acme"),
            contact("Only", "Alex", li("only-alex"), "Solo"),
        ],
    )
    bob = export(
        "Bob Okafor",
        [
            contact("Jane", "Doe", li("jane-doe-1"), "Acme"),
            contact("Only", "Bob", li("only-bob"), "Other"),
        ],
    )
    add_exports(store, [alex, bob])
    remove_owner(store, "bob okafor")
    assert not find_people(store, "Only Bob")
    assert find_person(store, "Jane Doe").known_by == ("Alex Rivera",)
    assert store.stats().owners == 1
    with pytest.raises(UnknownPerson, match="not a colleague"):
        remove_owner(store, "Nobody Here")


def test_messages_become_counts_on_the_pair(store):
    alex = export(
        "Alex Rivera",
        [contact("Jane", "Doe", li("jane-doe-1"), "Acme")],
        messages=[
            MessageStats("Jane Doe", li("jane-doe-1"), 12, 9, date(2019, 1, 1), date(2024, 5, 1)),
            MessageStats("Stranger", li("not-in-store"), 1, 0, None, None),
        ],
    )
    summary = add_exports(store, [alex])[0]
    assert (summary.signals, summary.unmatched_signals) == (1, 1)
    row = store.conn.execute("SELECT sent, received, first_msg, last_msg FROM signals").fetchone()
    assert row == (12, 9, "2019-01-01", "2024-05-01")


def test_same_and_different_decisions_survive_readding(store):
    old = export(
        "Carol Mendes",
        [contact("Sam", "Lee", "", "Globex"), contact("Ana", "Silva", "", "Initech")],
        fmt="2021",
    )
    new = export(
        "Bob Okafor",
        [
            contact("Sam", "Lee", li("sam-lee-1"), "Initech"),
            contact("Ana", "Silva", li("ana-silva"), "Initech"),
        ],
    )
    add_exports(store, [old, new])
    with pytest.raises(AmbiguousPerson):
        find_person(store, "Sam Lee")
    # A user names the entry without URL by the key `refpath doctor` shows.
    record_decision(store, li("sam-lee-1"), "nm:sam lee|globex", same=True)
    assert len(find_people(store, "Sam Lee")) == 1
    # Carol re-exports: the decision still holds.
    newer = export(
        "Carol Mendes",
        [
            contact("Sam", "Lee", "", "Globex"),
            contact("Ana", "Silva", "", "Initech"),
            contact("X", "Y", "", "Z"),
        ],
        fmt="2021",
    )
    add_exports(store, [newer])
    assert find_person(store, "Sam Lee").known_by == ("Bob Okafor", "Carol Mendes")


def test_different_decision_vetoes_automatic_merges(store):
    bob = export("Bob Okafor", [contact("Riley", "Chen", li("riley-chen-3"), "Northwind")])
    add_exports(store, [bob])
    # The user knows Riley's "Bob Okafor" row is a namesake, not their colleague.
    record_decision(store, "Bob Okafor", li("bob-okafor-9"), same=False)
    riley = export("Riley Chen", [contact("Bob", "Okafor", li("bob-okafor-9"), "Northwind")])
    add_exports(store, [riley])
    assert len(find_people(store, "Bob Okafor")) == 2
    # A no-URL row is not merged with a URL person the user said is different.
    record_decision(store, "nm:tom baker|acme", li("tom-baker-7"), same=False)
    add_exports(
        store,
        [
            export("Dev Patel", [contact("Tom", "Baker", li("tom-baker-7"), "Acme")]),
            export("Carol Mendes", [contact("Tom", "Baker", "", "Acme")], fmt="2021"),
        ],
    )
    assert len(find_people(store, "Tom Baker")) == 2


def test_find_person_suggests_close_names(store):
    add_exports(store, [export("Alex Rivera", [contact("Priya", "Raman 🚀", li("priya"), "X")])])
    assert find_person(store, "priya raman").name == "Priya Raman 🚀"
    with pytest.raises(UnknownPerson) as info:
        find_person(store, "Pria Ramen")
    assert "Priya Raman 🚀" in info.value.suggestions


@pytest.mark.parametrize("first_is_damaged", [True, False])
def test_a_name_a_resave_damaged_still_merges_and_the_intact_name_wins(store, first_is_damaged):
    damaged = export("Sam Weber", [contact("Kevin", "Nguy?n", li("kevin-nguyen-7"), "Carevale")])
    intact = export("Carol Mendes", [contact("Kevin", "Nguyễn", "", "Carevale")], fmt="2021")
    add_exports(store, [damaged, intact] if first_is_damaged else [intact, damaged])
    kevin = find_person(store, li("kevin-nguyen-7"))
    assert kevin.known_by == ("Carol Mendes", "Sam Weber")
    if not first_is_damaged:
        assert kevin.name == "Kevin Nguyễn"
    # A namesake at another company is not merged.
    add_exports(store, [export("Dev Patel", [contact("Kevin", "Nguyen", "", "Other Co")])])
    assert len(find_people(store, "Kevin Nguyen")) == 2


def test_evidence_about_someone_no_export_lists_yet_waits_for_them(store):
    alex = export(
        "Alex Rivera",
        [contact("Bob", "Okafor", li("bob-okafor-9"), "Northwind")],
        messages=[
            MessageStats(
                "Olivia Grant", li("olivia-grant-5"), 3, 2, date(2025, 1, 2), date(2025, 3, 4)
            )
        ],
    )
    summary = add_exports(store, [alex])[0]
    assert summary.unmatched_signals == 1
    assert store.conn.execute("SELECT COUNT(*) FROM signals").fetchone()[0] == 0
    bob = export(
        "Bob Okafor",
        [
            contact("Olivia", "Grant", li("olivia-grant-5"), "Globex"),
            contact("Alex", "Rivera", li("alex-rivera-2"), "Northwind"),
        ],
    )
    add_exports(store, [bob])
    olivia = find_person(store, "Olivia Grant")
    row = store.conn.execute(
        "SELECT sent, received, first_msg, last_msg FROM signals WHERE person_id = ?", (olivia.id,)
    ).fetchone()
    assert row == (3, 2, "2025-01-02", "2025-03-04")
    assert store.conn.execute("SELECT COUNT(*) FROM pending_signals").fetchone()[0] == 0


def sample_members():
    """The sample team's exports, one path per colleague (not Bob's share of his export)."""
    sample = Path(__file__).resolve().parents[2] / "sample_exports"
    return sorted(
        p for p in sample.iterdir() if p.name != "README.md" and "refpath-share" not in p.name
    )


def test_the_sample_team_gives_the_same_store_in_any_order(tmp_path):
    from refpath.exports.locate import read_exports

    members = sample_members()

    def fingerprint(order):
        with open_store(tmp_path / f"{len(list(tmp_path.iterdir()))}.db") as s:
            for member in order:
                add_exports(s, read_exports([member]))
            q = s.conn.execute
            people = sorted(r[0] for r in q("SELECT key FROM people"))
            sql = """SELECT o.name, p.key, s.sent, s.received, s.invite, s.endorsements,
                            s.recs_received, s.recs_given FROM signals s
                     JOIN owners o ON o.id = s.owner_id JOIN people p ON p.id = s.person_id"""
            signals = sorted(q(sql).fetchall())
            return s.stats(), people, signals

    assert fingerprint(members) == fingerprint(list(reversed(members)))


def _team_dump(db, members):
    """Add the members in one call to an empty store; dump what identity decided."""
    from refpath.exports.locate import read_exports

    with open_store(db) as s:
        add_exports(s, read_exports(members))
        q = s.conn.execute
        people = sorted(q("SELECT key, name, name_key, company, position, url FROM people"))
        pairs = sorted(
            q(
                """SELECT o.name, p.key, c.connected_on, c.company, c.name, c.url
                   FROM connections c JOIN owners o ON o.id = c.owner_id
                   JOIN people p ON p.id = c.person_id"""
            )
        )
        aliases = sorted(
            q("SELECT a.alias, p.key FROM aliases a JOIN people p ON p.id = a.person_id")
        )
        return s.stats(), people, pairs, aliases


@pytest.mark.parametrize("reverse", [False, True])
def test_a_first_import_that_skips_lookups_decides_exactly_as_one_that_asks(
    tmp_path, monkeypatch, reverse
):
    """Into an empty store, keys this add never wrote are new without a query (a bitmap).

    The result must be the one a look-up of every key gives, and stay so when
    the bitmap is tiny and nearly every key collides.
    """
    from refpath.store.resolve import KeysWritten

    members = sample_members()
    if reverse:
        members.reverse()
    skipping = _team_dump(tmp_path / "skip.db", members)
    monkeypatch.setattr(KeysWritten, "_BITS", 8)
    colliding = _team_dump(tmp_path / "collide.db", members)
    monkeypatch.setattr(KeysWritten, "which_may_hold", lambda self, keys: list(keys))
    asking = _team_dump(tmp_path / "ask.db", members)
    assert skipping == asking == colliding
    assert skipping[0].people == 413 and skipping[0].connections == 683


def test_keys_written_never_forgets_a_key():
    from refpath.store.resolve import KeysWritten

    written = KeysWritten()
    keys = [f"in:someone-{i}" for i in range(5000)]
    written.add_all(keys[:10])
    for key in keys[10:20]:
        written.add_all((key,))
    written.add_all(keys[20:])
    assert written.which_may_hold(keys) == keys
    assert len(written.which_may_hold(f"in:other-{i}" for i in range(5000))) < 50
