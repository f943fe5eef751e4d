"""Names as people write them, through the CLI: to, at, draft, log, plan, doctor, same.

The fixture team (tests/assets/names/) carries every class of decoration seen
in real exports: a plain first and last name finds each person, shown as written.
"""

from __future__ import annotations

import json

import pytest
from builders import ASSETS, lines
from typer.testing import CliRunner

from refpath.cli import app

runner = CliRunner()
TEAM = ASSETS / "names" / "team"


@pytest.fixture(autouse=True)
def fixed_today(freeze_today):
    freeze_today("refpath.routes.introducers")


@pytest.fixture(scope="module")
def team_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("names") / "s.db"
    result = runner.invoke(app, ["--db", str(db), "add", str(TEAM)])
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture
def db(team_db, tmp_path):
    copy = tmp_path / "s.db"
    copy.write_bytes(team_db.read_bytes())
    return copy


def run(db, *args):
    return runner.invoke(app, ["--db", str(db), *args])


@pytest.mark.parametrize(
    ("query", "written"),
    [
        ("Chidi Okoro", "Chidi Okoro, MBA, PMP, CSM"),
        ("Anil Rao", "Anil Rao, Distinguished Service Medal (Retd)"),
        ("Eva Lindqvist", "Eva Lindqvist, PhD Author"),
        ("Thabo Mbeki", "Thabo Mbeki Ph.D. 🇰🇪✌🏾"),
        ("Karin Holm", "Karin Holm (f.d. Nilsson)"),
        ("Olena Kovalenko", "Olena Kovalenko (Petrova)"),
        ("Maja Berg", "Maja Berg (née Lund)"),
        ("Laura Quinn", "Laura M. Quinn"),
        ("laura m quinn", "Laura M. Quinn"),
        ("Johan Sand", "LTC Johan Sand"),
        ("Md Rafiq Hossain", "Dr Md Rafiq Hossain"),
        ("Elena Rossi", "Prof. Elena Rossi"),
        ("Marta Okafor", "📈 Marta Okafor 🇳🇬🇬🇧"),
        ("James Smith", 'James "Tyler" Smith'),
        ("Priya Raman", "Priya Raman (she/her)"),
        ("Omar Haddad", "Omar Haddad - عمر حداد"),
        ("عمر حداد", "Omar Haddad - عمر حداد"),
        ("Wei Zhang", "Wei ZHANG · 张伟"),
        ("张伟", "Wei ZHANG · 张伟"),
        ("Tom Baker", "Тоm Bаker"),
        ("Zara Vance", "𝓩𝓪𝓻𝓪 Vance"),
    ],
)
def test_a_plain_first_and_last_name_finds_a_decorated_name(team_db, query, written):
    result = run(team_db, "to", query, "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["target"]["name"] == written


def test_a_bare_2018_row_and_a_decorated_current_row_at_one_company_are_one_person(team_db):
    result = run(team_db, "to", "Ilse Varga")
    assert result.exit_code == 1
    out = lines(result.stderr)
    assert out[0] == (
        "refpath: error: 2 people match 'Ilse Varga'; pick one with --company or a profile URL"
    )
    assert out[1] == (
        "  - Ilse Varga, Certified Leadership Coach — Coach, Fabrikam Technologies "
        "[known by Ingrid Sol, Tomas Lind]"
    )
    assert out[3] == "  - Ilse Varga — Teacher, Globex [known by Ravi Menon]"  # another company
    result = run(team_db, "to", "Ilse Varga", "--company", "Fabrikam", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["target"]["url"].endswith("/ilse-varga-1a")


def test_a_company_written_differently_still_finds_the_person(team_db):
    result = run(team_db, "to", "Cleo Marsh", "--company", "Northwind Analytics Inc", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["target"]["name"] == "Cleo Marsh"


def test_a_misspelt_name_at_a_known_company_is_did_you_mean_not_a_prospect(team_db):
    result = run(team_db, "to", "Mikail Berg", "--company", "Contoso")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert lines(result.stderr) == [
        "refpath: error: no one called 'Mikail Berg' at 'Contoso' in the store; "
        "did you mean Mikael Berg (Contoso)?",
        'Next: refpath to "Mikael Berg" (the closest name)',
    ]


def test_draft_and_log_say_did_you_mean_too(db):
    result = run(db, "draft", "Mikail Berg", "--company", "Contoso", "--reason", "a chat")
    assert result.exit_code == 1
    assert "did you mean Mikael Berg (Contoso)?" in result.stderr
    result = run(db, "log", "add", "Mikail Berg", "--company", "Contoso", "--via", "Ingrid Sol")
    assert result.exit_code == 1
    assert "did you mean Mikael Berg (Contoso)?" in result.stderr
    assert run(db, "log", "show", "--json").stdout.strip() in ("[]", "")


def test_a_name_far_from_everyone_there_is_still_a_prospect_through_the_company(team_db):
    result = run(team_db, "to", "Hana Ito", "--company", "Contoso", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["in_store"] is False


def test_at_shows_every_company_holding_the_word_grouped_by_company(team_db):
    result = run(team_db, "at", "Contoso")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("3 people at ")
    for company in ("Contoso", "Contoso Group", "Contoso Cars"):
        assert company in out
    for name in ("Mikael Berg", "Ada Nord", "Ben Falk"):
        assert name in out
    data = json.loads(run(team_db, "at", "contoso", "--json").stdout)
    assert data["reachable"] == 3
    assert {p["company"] for p in data["people"]} == {"Contoso", "Contoso Group", "Contoso Cars"}


def test_at_counts_everyone_but_shows_the_best_top(team_db):
    data = json.loads(run(team_db, "at", "Adatum", "--top", "2", "--json").stdout)
    assert (data["reachable"], data["shown"], len(data["people"])) == (7, 2, 2)
    text = run(team_db, "at", "Adatum", "--top", "2").stdout
    assert "Showing 2 of 7: more with --top N, or everyone with --all." in text
    data = json.loads(run(team_db, "at", "Adatum", "--top", "2", "--all", "--json").stdout)
    assert data["shown"] == 7


def test_at_more_words_narrow_the_companies_and_a_generic_word_names_the_same_one(team_db):
    def companies(query):
        result = run(team_db, "at", query, "--json")
        assert result.exit_code == 0, result.output
        return {p["company"] for p in json.loads(result.stdout)["people"]}

    assert companies("Contoso") == {"Contoso", "Contoso Group", "Contoso Cars"}
    assert companies("Contoso Cars") == {"Contoso Cars"}
    # "Group" is generic: Contoso Group is Contoso, but Contoso Cars is another company
    assert companies("Contoso Group") == {"Contoso", "Contoso Group"}
    assert companies("contoso group, inc.") == {"Contoso", "Contoso Group"}


def test_at_a_suffix_variant_is_the_same_company(team_db):
    data = json.loads(run(team_db, "at", "Fabrikam", "--json").stdout)
    assert [p["name"] for p in data["people"]] == ["Ilse Varga, Certified Leadership Coach"]


def test_at_a_misspelt_company_suggests_real_company_names(team_db):
    result = run(team_db, "at", "Contsoo")
    assert result.exit_code == 1
    first, hint = lines(result.stderr)
    assert first.startswith("refpath: error: no one at 'Contsoo' in the store; closest companies: ")
    assert "Contoso" in first
    assert hint.startswith('Next: refpath at "Contoso')


def test_a_lead_list_misspelling_is_check_the_name_with_the_candidate(db, tmp_path):
    leads = tmp_path / "leads.csv"
    leads.write_text("Name,Company\nMikail Berg,Contoso\nLaura Quinn,Wingtip\n")
    out = tmp_path / "plan.csv"
    result = run(db, "plan", str(leads), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "1 check the name" in result.stdout
    assert (
        "Check the name: no one called Mikail Berg at Contoso; "
        "did you mean Mikael Berg (Contoso)?" in result.stdout
    )
    text = out.read_text()
    assert "check the name" in text
    assert "did you mean Mikael Berg (Contoso)?" in text


def test_doctor_lists_namesakes_across_exports_with_commands_that_settle_them(team_db):
    result = run(team_db, "doctor")
    assert result.exit_code == 0
    out = lines(result.stdout)
    assert out[0] == "Ilse Varga, Certified Leadership Coach: 2 entries"
    assert out[1].endswith(': "https://www.linkedin.com/in/ilse-varga-1a"')
    assert out[2] == (
        '  - Ilse Varga — Teacher, Globex [known by Ravi Menon]: "nm:ilse varga|globex"'
    )
    assert out[3] == (
        '    same person? refpath same "https://www.linkedin.com/in/ilse-varga-1a" '
        '"nm:ilse varga|globex"'
    )


def test_same_and_different_take_company_selectors_as_to_does(db):
    result = run(db, "same", "Ilse Varga", "Ilse Varga")
    assert result.exit_code == 1
    err = lines(result.stderr)
    assert err[0].startswith("refpath: error: 2 people match 'Ilse Varga'")
    assert err[-1] == "Next: name each side by the URL or key shown, or give --company."
    result = run(db, "different", "Ilse Varga", "Ilse Varga", "-c", "Fabrikam", "-c", "Globex")
    assert result.exit_code == 0, result.output
    assert run(db, "doctor").stdout == "No likely duplicates found.\n"
    result = run(db, "same", "Ilse Varga", "Ilse Varga", "-c", "Fabrikam", "-c", "Globex")
    assert result.exit_code == 0, result.output
    assert json.loads(run(db, "to", "Ilse Varga", "--json").stdout)["target"]["url"]


def test_doctor_never_lists_two_rows_of_one_export(tmp_path):
    csv = tmp_path / "Nia Holt.csv"
    csv.write_text(
        "First Name,Last Name,Email Address,Company,Position,Connected On\n"
        "Sam,Lee,,Acme,Engineer,01 Jan 2020\nSam,Lee,,Acme,Engineer,01 Jan 2020\n"
    )
    db = tmp_path / "s.db"
    assert run(db, "add", str(csv)).exit_code == 0
    assert run(db, "doctor").stdout == "No likely duplicates found.\n"
