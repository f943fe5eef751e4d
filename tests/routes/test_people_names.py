"""Look-ups by name and company as people write them: routes.people on small stores."""

from __future__ import annotations

import pytest
from builders import TODAY, contact, export, market_team, row

from refpath.errors import UnknownPerson
from refpath.routes.introducers import reachable
from refpath.routes.people import (
    close_people_at,
    company_keys_matching,
    find_people,
    find_target,
    likely_duplicates,
)
from refpath.store.db import open_store
from refpath.store.ingest import add_exports


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "s.db") as s:
        yield s


def test_middle_names_and_initials_either_side(store):
    add_exports(
        store,
        [
            export(
                "Nia Holt",
                [
                    row("Laura M.", "Quinn", "laura-q", "Wingtip"),
                    row("Ann", "Lee", "ann-lee", "Wingtip"),
                    row("Ann Marie", "Lee", "ann-marie-lee", "Globex"),
                ],
            )
        ],
    )
    assert [p.name for p in find_people(store, "Laura Quinn")] == ["Laura M. Quinn"]
    assert [p.name for p in find_people(store, "Laura Mae Quinn")] == ["Laura M. Quinn"]
    assert find_people(store, "Laura Ann Quinn") == []  # another middle name: someone else
    # an exact name wins over a looser one: "Ann Lee" is Ann Lee, not also Ann Marie Lee
    assert [p.name for p in find_people(store, "Ann Lee")] == ["Ann Lee"]
    assert [p.name for p in find_people(store, "Ann Lee", company="Globex")] == ["Ann Marie Lee"]


def test_a_bare_row_merges_with_a_decorated_url_row_only_at_the_same_company(store):
    add_exports(
        store, [export("Tomas Lind", [contact("Ilse", "Varga", "", "Fabrikam")], fmt="2018")]
    )
    add_exports(
        store,
        [
            export(
                "Ingrid Sol",
                [row("Ilse", "Varga, Certified Leadership Coach", "iv", "Fabrikam Technologies")],
            )
        ],
    )
    add_exports(store, [export("Ravi Menon", [contact("Ilse", "Varga", "", "Globex")], fmt="2018")])
    people = sorted(find_people(store, "Ilse Varga"), key=lambda p: p.company)
    assert [(p.company, p.known_by) for p in people] == [
        ("Fabrikam Technologies", ("Ingrid Sol", "Tomas Lind")),
        ("Globex", ("Ravi Menon",)),
    ]
    assert [len(g) for g in likely_duplicates(store)] == [2]


def test_two_bare_rows_of_one_export_never_merge_nor_show_in_doctor(store):
    twins = [contact("Sam", "Lee, MBA", "", "Acme"), contact("Sam", "Lee", "", "Acme")]
    add_exports(store, [export("Nia Holt", twins, fmt="2018")])
    assert len(find_people(store, "Sam Lee")) == 2
    assert likely_duplicates(store) == []


def test_company_words_match_whole_words_either_way(store):
    add_exports(
        store,
        [
            export(
                "Nia Holt",
                [
                    row("A", "One", "a1", "Contoso"),
                    row("B", "Two", "b2", "Contoso Cars"),
                    row("C", "Three", "c3", "The Contoso Group"),
                    row("D", "Four", "d4", "Contosol"),
                ],
            )
        ],
    )
    assert company_keys_matching(store.conn, "contoso") == [
        "contoso", "contoso cars", "the contoso",
    ]  # fmt: skip
    assert company_keys_matching(store.conn, "contoso", anywhere=False) == [
        "contoso", "contoso cars",
    ]  # fmt: skip
    assert [p.name for p in find_people(store, "B Two", company="Contoso Cars Inc")] == ["B Two"]


def test_a_misspelling_at_the_company_is_did_you_mean_and_a_stranger_is_a_prospect(store):
    add_exports(store, [export("Nia Holt", [row("Mikael", "Berg", "mb", "Contoso")])])
    assert [p.name for p in close_people_at(store, "Mikail Berg", "Contoso")] == ["Mikael Berg"]
    with pytest.raises(UnknownPerson, match="did you mean Mikael Berg \\(Contoso\\)"):
        find_target(store, "Mikail Berg", company="Contoso")
    assert find_target(store, "Hana Ito", company="Contoso").id == 0
    assert close_people_at(store, "Jane Berg", "Contoso") == ()


def test_at_top_n_is_the_first_n_of_everyone(tmp_path):
    store = market_team(tmp_path / "m.db")
    for company in ("Acme Robotics", "Ledgerwise", "Northwind Analytics"):
        for top in (1, 2, 3):
            some, total = reachable(store, company, top=top, today=TODAY)
            everyone, same_total = reachable(store, company, top=None, today=TODAY)
            assert total == same_total == len(everyone)
            assert [(p.id, i.score, i.via) for p, i in some] == [
                (p.id, i.score, i.via) for p, i in everyone[:top]
            ]
    store.close()
