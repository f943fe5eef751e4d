"""Name forms from tests/test_identity_forms.py through the CLI: ``refpath to`` a plain name.

A tiny invented team: two colleagues' Connections.csv files, written here.
Everything is invented.
"""

from __future__ import annotations

import csv
import json

import pytest
from builders import li, lines
from typer.testing import CliRunner

from refpath.cli import app

runner = CliRunner()
HEADER = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]
OLD_HEADER = ["First Name", "Last Name", "Email Address", "Company", "Position", "Connected On"]

#: (first, last, slug, company) of the colleague Kim Ode's connections.
KIM = [
    ("Dr. med. Anna", "Keller", "anna-keller-7", "Fabrikam"),
    ("Eng. Karim", "Saleh", "karim-saleh-2", "Fabrikam"),
    ("Liam", "Carter #OpenToWork", "liam-carter-9", "Globex"),
    ("Ravi", "Iyer Open to work", "ravi-iyer-3", "Globex"),
    ("María", "García-López", "maria-garcia-lopez", "Fabrikam"),
    ("Siobhan", "Oʼconnor", "siobhan-oconnor", "Contoso"),
    ("Jo\u200bhn", "Walker\ufeff", "john-walker-5", "Contoso"),
    ("伟", "张", "zhang-wei-8", "Contoso"),
    ("Daniel,", "Mora,", "daniel-mora", "Contoso"),
    ("TANAKA, Hiroshi", "", "hiroshi-tanaka", "Contoso"),
    ("Adaeze", "OKONJO FCCA", "adaeze-okonjo", "Globex"),
    ("Ahmad", "bin Ismail", "ahmad-bin-ismail", "Globex"),
    ("Jean-Marc", "Roy", "", "Tailspin"),  # two rows of one export without URL ...
    ("Jean Marc", "Roy", "", "Tailspin"),  # ... are two people, whatever their names
]
#: Lee Fry's 2018 export, without URLs.
LEE = [
    ("María", "García López", "Fabrikam S.A."),  # Kim's María at the same company: one person
    ("Maria", "Garcia Lopez", "Globex"),  # a namesake at another company: another person
]


def _write(path, header, rows):
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write("Notes:\n\n")
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)


@pytest.fixture(autouse=True)
def fixed_today(freeze_today):
    freeze_today("refpath.routes.introducers")


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    root = tmp_path_factory.mktemp("forms")
    kim = [(f, la, li(s) if s else "", "", c, "Engineer", "01 Feb 2024") for f, la, s, c in KIM]
    _write(root / "team" / "kim-ode" / "Connections.csv", HEADER, kim)
    lee = [(f, la, "", c, "Engineer", "03 Mar 2018") for f, la, c in LEE]
    _write(root / "team" / "lee-fry" / "Connections.csv", OLD_HEADER, lee)
    db = root / "s.db"
    result = runner.invoke(app, ["--db", str(db), "add", str(root / "team")])
    assert result.exit_code == 0, result.output
    return db


def run(db, *args):
    return runner.invoke(app, ["--db", str(db), *args])


@pytest.mark.parametrize(
    ("query", "written"),
    [
        ("Anna Keller", "Dr. med. Anna Keller"),
        ("Karim Saleh", "Eng. Karim Saleh"),
        ("Liam Carter", "Liam Carter #OpenToWork"),
        ("Ravi Iyer", "Ravi Iyer Open to work"),
        ("Siobhan O'Connor", "Siobhan Oʼconnor"),
        ("John Walker", "John Walker"),  # shown without the zero-width space
        ("Daniel Mora", "Daniel Mora"),  # shown without its stray commas
        ("张伟", "张伟"),  # shown family name first, as LinkedIn shows it
        ("Hiroshi Tanaka", "TANAKA, Hiroshi"),
        ("Adaeze Okonjo", "Adaeze OKONJO FCCA"),
        ("Ahmad Ismail", "Ahmad bin Ismail"),
    ],
)
def test_a_plain_name_finds_the_written_form(db, query, written):
    result = run(db, "to", query, "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["target"]["name"] == written


def test_a_hyphenated_surname_is_found_typed_with_a_space_and_merges_at_one_company_only(db):
    result = run(db, "to", "Maria Garcia Lopez", "--company", "Fabrikam", "--json")
    assert result.exit_code == 0, result.output
    target = json.loads(result.stdout)["target"]
    assert target["url"] == li("maria-garcia-lopez")  # the 2018 row joined the URL person
    result = run(db, "to", "Maria Garcia-Lopez")
    assert result.exit_code == 1
    assert lines(result.stderr)[0] == (
        "refpath: error: 2 people match 'Maria Garcia-Lopez'; "
        "pick one with --company or a profile URL"
    )


def test_two_rows_of_one_export_stay_two_people(db):
    result = run(db, "to", "Jean Marc Roy")
    assert result.exit_code == 1
    assert lines(result.stderr)[0].startswith("refpath: error: 2 people match 'Jean Marc Roy'")


def test_a_different_person_is_not_found(db):
    result = run(db, "to", "Anna Kellner")
    assert result.exit_code == 1
    assert "no one called 'Anna Kellner'" in result.stderr


def test_a_legal_form_written_with_dots_names_the_same_company(db):
    plain = json.loads(run(db, "at", "Fabrikam", "--json").stdout)
    dotted = run(db, "at", "Fabrikam S.A.", "--json")
    assert dotted.exit_code == 0, dotted.output
    assert json.loads(dotted.stdout)["people"] == plain["people"]
    assert {p["name"] for p in plain["people"]} >= {"Dr. med. Anna Keller", "Eng. Karim Saleh"}
