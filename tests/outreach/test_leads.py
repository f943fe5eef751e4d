"""Lead lists: every good shape is read, every bad file is refused naming the file and line.

The fixtures under ``tests/assets/prospects`` are written by ``make_fixtures.py`` next
to them; one parametrized test per behaviour runs over each folder.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from textwrap import dedent

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from refpath.errors import ProspectListError
from refpath.identity import display_name, name_key
from refpath.outreach.leads import parse_prospects, read_prospects

ASSETS = Path(__file__).parents[1] / "assets" / "prospects"
GOOD = sorted((ASSETS / "good").iterdir())
BAD = sorted((ASSETS / "bad").iterdir())

#: good fixture -> (prospects, first (name, company, url, line), passed-through columns)
EXPECTED = {
    "crm_semicolon_bom.csv": (2, ("Ana Lúcia Ferreira", "Umbrella", "", 2), ("Owner", "Stage")),
    "duplicate_columns.csv": (1, ("Jane Doe", "", "", 2), ("Notes", "Notes (2)", "Status")),
    "european_cp1252.csv": (1, ("Jürgen Müller", "Zoë GmbH", "", 2), ()),
    "only_url.csv": (1, ("", "", "https://www.linkedin.com/in/jane-doe", 2), ()),
    "plain_names.txt": (3, ("Jane Doe", "", "", 2), ()),
    "preamble.csv": (1, ("Jane Doe", "Acme Robotics", "", 4), ()),
    "quoted_multiline.csv": (2, ("Jane Doe", "Acme Robotics", "", 2), ("Notes",)),
    "sales_navigator.csv": (
        3,
        ("Jane Doe", "Acme Robotics", "https://www.linkedin.com/in/jane-doe", 2),
        ("Title", "Notes"),
    ),
    "tabs.tsv": (2, ("Jane Doe", "Acme Robotics", "", 2), ()),
    "trailing_delimiters.csv": (1, ("Jane Doe", "Acme Robotics", "", 2), ()),
    "utf16.csv": (1, ("Jane Doe", "Acme Robotics", "", 2), ()),
}

#: bad fixture -> what the one-line message says after the file name
REFUSED = {
    "blank_lines.txt": ": the file is empty",
    "comments_only.txt": ": no prospects found",
    "empty.csv": ": the file is empty",
    "header_only.csv": ": no prospects found",
    "no_name_column.csv": ":1: no 'Name' or 'First Name'/'Last Name' column",
    "rows_without_names.csv": ": no prospects found",
    "spreadsheet.xlsx": ": this looks like a binary file",
    "stray_quote.csv": ":2: broken quoting",
    "unclosed_quote.csv": ":3: a quoted cell starting on this line is never closed",
}


def test_every_fixture_has_an_expectation():
    assert {p.name for p in GOOD} == set(EXPECTED)
    assert {p.name for p in BAD} == set(REFUSED)


@pytest.mark.parametrize("path", GOOD, ids=[p.name for p in GOOD])
def test_good_lists_are_read(path):
    found = read_prospects(path)
    count, first, extra = EXPECTED[path.name]
    p = found.prospects[0]
    assert (len(found.prospects), (p.name, p.company, p.url, p.line)) == (count, first)
    assert found.extra_columns == extra
    assert all(len(q.extra) == len(extra) for q in found.prospects)
    assert found.source == str(path)


@pytest.mark.parametrize("path", BAD, ids=[p.name for p in BAD])
def test_bad_lists_are_refused_naming_the_file(path):
    with pytest.raises(ProspectListError) as caught:
        read_prospects(path)
    assert str(caught.value).startswith(f"{path}{REFUSED[path.name]}")
    assert "\n" not in str(caught.value)
    assert caught.value.exit_code == 2


def test_missing_file_and_folder_are_refused(tmp_path):
    with pytest.raises(ProspectListError, match=f"^{tmp_path / 'none.csv'}: can't read it"):
        read_prospects(tmp_path / "none.csv")
    with pytest.raises(ProspectListError, match=f"^{tmp_path}: is a folder"):
        read_prospects(tmp_path)


def test_extra_columns_pass_through_in_order_with_their_values():
    text = dedent(
        """\
        Lead Owner,First Name,Last Name,Company,Score,Notes
        Alex,Jane,Doe,Acme,90,"Met at expo, booth 4"
        """
    )
    found = parse_prospects(text, "leads.csv")
    assert found.extra_columns == ("Lead Owner", "Score", "Notes")
    assert found.prospects[0].extra == ("Alex", "90", "Met at expo, booth 4")


def test_last_first_names_are_turned_round_and_credentials_kept():
    found = parse_prospects('Name\n"Doe, Jane"\n"Smith, MBA"\n"Okafor, Bob, PhD"\n', "x.csv")
    assert [p.name for p in found.prospects] == ["Jane Doe", "Smith, MBA", "Bob Okafor, PhD"]


def test_header_names_are_matched_loosely():
    for header in ("NAME", "full_name", "Contact Name", "Lead name"):
        assert parse_prospects(f"{header},Account\nJane Doe,Acme\n").prospects[0].name == "Jane Doe"
    found = parse_prospects("first;SURNAME;Organisation;LinkedIn Profile\nJane;Doe;Acme;\n")
    assert (found.prospects[0].name, found.prospects[0].company) == ("Jane Doe", "Acme")


def test_skipped_rows_and_long_rows_are_warned_about_once():
    rows = "".join(f",Acme{i}\n" for i in range(8)) + "Jane Doe,Acme,extra\n"
    found = parse_prospects("Name,Company\n" + rows, "l.csv")
    assert [p.line for p in found.prospects] == [10]
    assert found.warnings == (
        "l.csv: lines 2, 3, 4, 5, 6 (and 3 more): no name or profile URL; skipped",
        "l.csv: line 10: more cells than the header has columns; the extra cells were ignored",
    )


def test_a_name_with_a_comma_on_the_first_line_of_a_plain_list_asks_for_a_header():
    with pytest.raises(ProspectListError, match=r"^x.txt:1: no 'Name'"):
        parse_prospects("Jane Doe, Acme\nTom Baker, Acme\n", "x.txt")


def test_line_numbers_count_multi_line_cells():
    text = 'Name,Notes\nJane Doe,"a\nb\nc"\nTom Baker,\n'
    assert [p.line for p in parse_prospects(text).prospects] == [2, 5]


# -- properties ---------------------------------------------------------------------

_cell = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=12
)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gives_prospects_or_a_prospect_list_error(text):
    try:
        found = parse_prospects(text, "x.csv")
    except ProspectListError as error:
        assert str(error).startswith("x.csv")
    else:
        assert found.prospects
        assert all(p.name or p.url for p in found.prospects)
        assert all(len(p.extra) == len(found.extra_columns) for p in found.prospects)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(_cell, _cell, _cell), min_size=1, max_size=6),
    st.sampled_from([",", ";", "\t"]),
)
def test_written_csv_reads_back(rows, delimiter):
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter)
    writer.writerow(["First Name", "Last Name", "Notes"])
    writer.writerows(rows)
    named = [(f, la, n) for f, la, n in rows if name_key(display_name(f, la))]  # not "%"
    try:
        found = parse_prospects(buf.getvalue(), "w.csv")
    except ProspectListError:
        assert not named
        return
    assert [(p.name, p.extra) for p in found.prospects] == [
        (display_name(f, la), (n.strip(),)) for f, la, n in named
    ]
