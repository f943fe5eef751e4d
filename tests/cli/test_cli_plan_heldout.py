"""``refpath plan`` on the held-out lead lists (``tests/assets/prospects/heldout``).

Every list a user would expect to work plans each row; the first row reaches the person
the list means (not a namesake "in no export"); a list refpath can't use exits 2 with
one line naming the file.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from builders import ASSETS, build_team, lines
from leads_heldout_cases import EXPECTED, FILES, KNOWN_WRONG, REFUSED
from typer.testing import CliRunner

from refpath.cli import app

runner = CliRunner()
HELDOUT = ASSETS / "prospects" / "heldout"


@pytest.fixture(autouse=True)
def fixed_today(freeze_today):
    freeze_today("refpath.routes.introducers", "refpath.outreach.log", "refpath.outreach.plan")


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build_team(tmp_path_factory.mktemp("team") / "s.db")


def plan(db: Path, leads: Path, out: Path):
    result = runner.invoke(app, ["--db", str(db), "plan", str(leads), "-o", str(out)])
    rows = []
    if out.exists():
        with open(out, newline="", encoding="utf-8-sig") as f:
            rows = list(csv.reader(f))
    return result, rows


@pytest.mark.parametrize(
    "path",
    [p for p in FILES if p.name in EXPECTED and p.name not in KNOWN_WRONG],
    ids=lambda p: p.name,
)
def test_heldout_lists_are_planned(db, path, tmp_path):
    result, rows = plan(db, path, tmp_path / "plan.csv")
    assert result.exit_code == 0, result.output
    count, _, status = EXPECTED[path.name]
    assert len(rows) - 1 == count
    assert rows[1][7] == status, rows[1]
    assert "in no export" not in rows[1][6]  # the person the list means, not a namesake
    assert not any("/company/" in r[8] for r in rows[1:])  # prospect_url


@pytest.mark.parametrize("path", [p for p in FILES if p.name in REFUSED], ids=lambda p: p.name)
def test_heldout_lists_refused_exit_2_in_one_line(db, path, tmp_path):
    result, _ = plan(db, path, tmp_path / "plan.csv")
    assert (result.exit_code, result.stdout) == (2, "")
    assert len(lines(result.stderr)) == 1
    assert result.stderr.startswith(f"refpath: error: {path}{REFUSED[path.name][0]}")


def test_a_list_without_a_name_column_is_refused_listing_its_columns(db, tmp_path):
    path = HELDOUT / "b" / "email_only.csv"
    result, _ = plan(db, path, tmp_path / "plan.csv")
    assert lines(result.stderr) == [
        f"refpath: error: {path}:1: no 'Name' or 'First Name'/'Last Name' column in the header "
        "(its columns: Email, Company, Phone); add one, or a LinkedIn URL column, or give one "
        "name per line"
    ]


def test_a_report_footer_is_skipped_with_a_warning(db, tmp_path):
    path = HELDOUT / "a" / "salesforce_contacts_report.csv"
    result, rows = plan(db, path, tmp_path / "plan.csv")
    assert lines(result.stderr) == [
        f"refpath: warning: {path}: lines 7, 8, 9, 10, 11: one cell each below the table "
        "(a report's footer); skipped"
    ]
    assert [r[0] for r in rows[1:]] == ["Priya Raman", "Henrik Dahl", "Sam Lee"]


def test_sales_navigator_links_are_matched_by_name_and_said_so(db, tmp_path):
    path = HELDOUT / "a" / "salesnav_lead_urls.csv"
    result, rows = plan(db, path, tmp_path / "plan.csv")
    assert lines(result.stderr) == [
        f"refpath: warning: {path}: column 'Profile URL' holds Sales Navigator links, not "
        "public profile URLs: those rows are matched by name and company"
    ]
    assert rows[1][:3] == ["Jane Doe", "Acme Robotics", "Bob Okafor"]
    assert rows[1][8] == "https://www.linkedin.com/in/jane-doe"  # from the store
    assert rows[0][10] == "Profile URL" and "/sales/lead/" in rows[1][10]  # passed through


def test_an_id_profile_url_falls_back_to_the_name(db, tmp_path):
    path = HELDOUT / "a" / "salesnav_phantombuster.csv"
    result, rows = plan(db, path, tmp_path / "plan.csv")
    assert result.exit_code == 0, result.output
    assert rows[1][4] == "You → Bob Okafor → Jane Doe"
    assert rows[1][8] == "https://www.linkedin.com/in/jane-doe"
    assert rows[0][10] == "linkedInProfileUrl"  # the public-profile column, not profileUrl


def test_a_column_of_company_pages_is_passed_through_not_matched(db, tmp_path):
    path = HELDOUT / "a" / "linkedin_column_holds_company_urls.csv"
    result, rows = plan(db, path, tmp_path / "plan.csv")
    assert lines(result.stderr) == [
        f"refpath: warning: {path}: column 'LinkedIn' holds company pages "
        "(linkedin.com/company/...), not people's profiles; passed through, not matched"
    ]
    assert rows[0][10:] == ["LinkedIn"]
    assert rows[1][8] == "https://www.linkedin.com/in/jane-doe"
    assert rows[1][10] == "https://www.linkedin.com/company/acme-robotics"
