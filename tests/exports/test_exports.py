"""LinkedIn export parsing: every Connections.csv variant, bad files, archives, zips.

The fixture files under ``tests/assets/exports`` are written by
``make_fixtures.py`` next to them; each good file is one real-world variant
and each bad file one way a user's file can fail. One parametrized test per
behaviour runs over the folder.
"""

from __future__ import annotations

import csv
import io
import locale
import random
import shutil
import zipfile
from datetime import date
from pathlib import Path
from textwrap import dedent

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from refpath.errors import ExportError
from refpath.exports.archive import (
    parse_endorsements,
    parse_invitations,
    parse_messages,
    parse_profile,
    parse_recommendations,
)
from refpath.exports.connections import parse_connections
from refpath.exports.dates import parse_date
from refpath.exports.locate import read_export, read_exports
from refpath.exports.records import ConnectionsFile, Export
from refpath.exports.text import decode_export

EXPORTS = Path(__file__).parents[1] / "assets" / "exports"
GOOD = sorted((EXPORTS / "good").glob("*.csv"))
BAD = sorted((EXPORTS / "bad").iterdir())
MARKER = "SECRET-MARKER-7f3a"
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
IN = "https://www.linkedin.com/in/"

#: good fixture -> (people, hidden rows, format, first person's name, first date)
EXPECTED = {
    "2018.csv": (3, 0, "2018", "Ivo Brandt", date(2018, 1, 8)),
    "2021_preamble.csv": (3, 1, "2021", "Sina Okafor", date(2023, 5, 12)),
    "bom_empty_lines.csv": (1, 0, "current", "Elif Aksoy", date(2026, 1, 5)),
    "crlf.csv": (1, 0, "current", "Farah Haddad", date(2024, 4, 4)),
    "cut_down_columns.csv": (2, 0, "2021", "Inge ", date(2022, 4, 3)),
    "header_without_spaces.csv": (2, 0, "2021", "Rosa Ilves", date(2024, 3, 14)),
    "localised_dates.csv": (12, 0, "2021", "Lucía Ortega", date(2020, 1, 18)),
    "current.csv": (3, 1, "current", "Mara Quill", date(2026, 2, 13)),
    "european_cp1252.csv": (4, 0, "current", "Jürgen Müller", date(2026, 2, 13)),
    "extra_columns.csv": (1, 0, "current", "Pia Sandoval", date(2024, 8, 14)),
    "hidden_rows.csv": (2, 3, "current", "Uma Reddy", date(2022, 6, 1)),
    "invalid_utf8.csv": (3, 0, "current", "Noor Hal\ufffdbi", date(2025, 2, 2)),
    "mixed_line_endings.csv": (3, 0, "current", "Gus Ferreira", date(2024, 6, 6)),
    "no_final_newline.csv": (1, 0, "current", "Jonas Berg", date(2023, 11, 11)),
    "percent_encoded.csv": (2, 0, "current", "Luísa Fonseca", date(2025, 12, 12)),
    "preamble_comma_padded.csv": (2, 0, "current", "Cleo Marchetti", date(2025, 3, 21)),
    "preamble_deleted.csv": (2, 0, "current", "Ada Nwosu", date(2024, 9, 9)),
    "spreadsheet_resave.csv": (2, 1, "current", "Kai Larsen", date(2026, 1, 5)),
    "tricky_names.csv": (8, 0, "current", "Devika 🚀 Rao", date(2025, 10, 10)),
    "utf16_tabs.csv": (1, 0, "current", "Quinn Ashby", date(2024, 7, 15)),
}


def parse_file(path: Path) -> ConnectionsFile:
    text, _ = decode_export(path.read_bytes(), path.name)
    return parse_connections(text, source=path.name)


def build_zip(target: Path, files: dict[str, bytes], **kwargs: int) -> Path:
    """A zip of ``files`` (member name -> bytes) with fixed dates."""
    with zipfile.ZipFile(target, "w", **kwargs) as archive:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, (2026, 2, 13, 9, 30, 0))
            info.compress_type = archive.compression
            archive.writestr(info, data)
    return target


def patch_central(data: bytes, member: str, *, flags: int = 0, size: int | None = None) -> bytes:
    """Rewrite a member's central-directory entry: OR in ``flags``, or lie about its size."""
    raw = bytearray(data)
    at = raw.find(b"PK\x01\x02")
    while at >= 0:
        length = int.from_bytes(raw[at + 28 : at + 30], "little")
        if raw[at + 46 : at + 46 + length] == member.encode():
            raw[at + 8 : at + 10] = (
                int.from_bytes(raw[at + 8 : at + 10], "little") | flags
            ).to_bytes(2, "little")
            if size is not None:
                raw[at + 24 : at + 28] = size.to_bytes(4, "little")
            return bytes(raw)
        at = raw.find(b"PK\x01\x02", at + 4)
    raise AssertionError(f"{member} not in zip")


@pytest.fixture
def archive_files(asset) -> dict[str, bytes]:
    """The tiny invented archive: Connections, Profile, messages, invitations, ..."""
    return {p.name: p.read_bytes() for p in sorted(asset("exports", "archive").iterdir())}


# ------------------------------------------------------------ good fixtures


def test_expected_table_lists_every_good_fixture():
    assert sorted(EXPECTED) == [p.name for p in GOOD]


@pytest.mark.parametrize("path", GOOD, ids=lambda p: p.name)
def test_good_fixture_parses_to_expected_people(path):
    count, hidden, fmt, first_name, first_date = EXPECTED[path.name]
    parsed = parse_file(path)
    assert (len(parsed.contacts), parsed.hidden, parsed.fmt) == (count, hidden, fmt)
    first = parsed.contacts[0]
    assert f"{first.first_name} {first.last_name}" == first_name
    assert first.connected_on == first_date


@pytest.mark.parametrize("path", GOOD, ids=lambda p: p.name)
def test_good_fixture_people_have_names_dates_and_real_line_numbers(path):
    parsed = parse_file(path)
    text, _ = decode_export(path.read_bytes(), path.name)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for contact in parsed.contacts:
        assert contact.first_name or contact.last_name
        assert contact.connected_on is not None
        assert contact.first_name == contact.first_name.strip()
        assert contact.url in lines[contact.line - 1]
        assert contact.company in lines[contact.line - 1]


@pytest.mark.parametrize("path", GOOD, ids=lambda p: p.name)
def test_good_fixture_reads_as_a_file_with_owner_option(path):
    export = read_export(path, owner="Test Owner")
    assert (export.owner_name, export.owner_from) == ("Test Owner", "option")
    assert len(export.connections.contacts) == EXPECTED[path.name][0]
    assert export.exported_on is not None and len(export.fingerprint) == 64


def test_names_are_kept_as_written_and_identical_rows_stay_two_people(asset):
    contacts = parse_file(asset("exports", "good", "tricky_names.csv")).contacts
    names = [(c.first_name, c.last_name) for c in contacts]
    assert names[:6] == [
        ("Devika 🚀", "Rao"),
        ("𝐒𝐨𝐧𝐚", "𝐏𝐢𝐥𝐥𝐚𝐢"),
        ("Wes", "Okafor, MBA, PhD"),
        ('James "JJ"', "Tyler"),
        ("Rin (she/her)", "Abe"),
        ("Yara", "Haddad"),
    ]
    assert contacts[5].company == "Lumen" and contacts[5].position == "Nurse"
    assert contacts[2].company == "Okafor & Sons, LLC"
    assert contacts[6][:7] == contacts[7][:7] and contacts[6].line != contacts[7].line


def test_spreadsheet_na_cells_are_empty_and_dates_are_d_mon_yy(asset):
    parsed = parse_file(asset("exports", "good", "spreadsheet_resave.csv"))
    kai, lea = parsed.contacts
    assert kai.email == "" and (lea.company, lea.position) == ("", "")
    assert lea.connected_on == date(2010, 4, 23)
    assert parsed.hidden == 1  # the all-NA row with a date


def test_european_resave_decodes_cp1252_and_reads_dd_mm_yyyy(asset):
    path = asset("exports", "good", "european_cp1252.csv")
    text, warnings = decode_export(path.read_bytes(), path.name)
    assert warnings == []
    contacts = parse_connections(text, source=path.name).contacts
    assert [c.company for c in contacts][:3] == ["Bäckerei Süß GmbH", "Café Éclair", "Crème SARL"]
    assert (contacts[3].first_name, contacts[3].last_name) == ("Tomáš", "Horváth")
    assert contacts[2].position == "Directeur, Ventes"
    assert contacts[1].connected_on == date(2025, 12, 1)


def test_invalid_utf8_is_replaced_with_one_warning(asset):
    export = read_export(asset("exports", "good", "invalid_utf8.csv"), owner="Noor Test")
    (warning,) = export.connections.warnings
    assert "invalid_utf8.csv" in warning and "re-export" in warning
    assert export.warnings == ()  # not repeated at the export level
    assert export.connections.contacts[1].first_name == "Raf \ufffd"
    assert export.connections.contacts[2].first_name == "Tomás"  # valid UTF-8 kept


# ------------------------------------------------------------- bad fixtures


@pytest.mark.parametrize("path", BAD, ids=lambda p: p.name)
def test_bad_fixture_raises_export_error_naming_the_file(path):
    with pytest.raises(ExportError) as caught:
        list(read_exports([path]))
    assert path.name in str(caught.value)


@pytest.mark.parametrize("path", [p for p in BAD if p.suffix == ".csv"], ids=lambda p: p.name)
def test_bad_csv_fails_in_the_pure_parser_too(path):
    with pytest.raises(ExportError, match=path.name):
        text, _ = decode_export(path.read_bytes(), path.name)
        parse_connections(text, source=path.name)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the file is empty"),
        ("\ufeff\n\n  \n", "the file is empty"),
        (HEADER, "header found but no people in it"),
        (HEADER + ",,,,,,02 Jun 2022\n", "all 1 rows are hidden profiles"),
        (
            "Company,Position,Connected On\nInkwell,CTO,13 Feb 2026\n",
            "no name column \\(First Name or Last Name\\); its columns are: Company, Position, "
            "Connected On",
        ),
        ("a,b\n" * 20 + HEADER + "Mara,Quill,,,,,13 Feb 2026", "no 'First Name' header"),
        ("x\x00\x01\x02\x03" * 30, "binary file"),
    ],
)
def test_connections_errors_say_what_is_wrong(text, message):
    with pytest.raises(ExportError, match=f"^demo.csv: .*{message}"):
        parse_connections(text, source="demo.csv")


def test_a_header_without_spaces_reads_like_the_standard_one(asset):
    parsed = parse_file(asset("exports", "good", "header_without_spaces.csv"))
    assert [(c.first_name, c.last_name, c.company) for c in parsed.contacts] == [
        ("Rosa", "Ilves", "Quietwater"),
        ("Tarek", "Saleh", "Brightmoor"),
    ]
    assert parsed.warnings == ()


def test_a_cut_down_file_is_read_with_a_warning_naming_the_missing_columns(asset):
    parsed = parse_file(asset("exports", "good", "cut_down_columns.csv"))
    assert [(c.first_name, c.last_name, c.company, c.connected_on) for c in parsed.contacts] == [
        ("Inge", "", "Tallgrass", date(2022, 4, 3)),
        ("Bo", "", "Harbor & Finch", date(2021, 9, 17)),
    ]
    assert parsed.warnings == (
        "cut_down_columns.csv: read without the columns 'Last Name', 'Email Address' (the file "
        "has 'First Name', 'Company', 'Position', 'Connected On')",
    )


def test_month_abbreviations_in_six_languages_mixed_in_one_file(asset):
    parsed = parse_file(asset("exports", "good", "localised_dates.csv"))
    assert [c.connected_on for c in parsed.contacts] == [
        date(2020, 1, 18), date(2009, 10, 30), date(2021, 8, 5), date(2019, 3, 12),
        date(2022, 10, 3), date(2020, 12, 1), date(2021, 2, 4), date(2022, 4, 9),
        date(2021, 5, 3), date(2018, 3, 15), date(2022, 2, 11), date(2016, 12, 1),
    ]  # fmt: skip
    assert parsed.warnings == ()


def test_an_unreadable_date_keeps_the_row_undated_and_is_counted():
    text = HEADER + "Mara,Quill,,,Inkwell,CTO,31-xyz-21\nTeo,Lind,,,Inkwell,CFO,13 Feb 2026"
    parsed = parse_connections(text, source="demo.csv")
    assert [c.connected_on for c in parsed.contacts] == [None, date(2026, 2, 13)]
    (warning,) = parsed.warnings
    assert warning.startswith(
        "demo.csv: 1 'Connected On' date could not be read (e.g. '31-xyz-21'); kept without a date"
    )


# ----------------------------------------------------------- details of rows


def test_header_is_matched_by_name_case_insensitively_with_semicolons():
    text = "notes:;;\nconnected ON;LAST NAME;first name\n13.02.2026;Quill;Mara\n"
    (contact,) = parse_connections(text).contacts
    assert (contact.first_name, contact.last_name, contact.url) == ("Mara", "Quill", "")
    assert contact.connected_on == date(2026, 2, 13) and contact.line == 3


def test_ragged_and_empty_lines_are_handled():
    text = HEADER + "\n,,,,,,\nMara,Quill\n\nIvo,Brandt,u,e,c,p,01 Feb 2026,extra,cells\n"
    mara, ivo = parse_connections(text).contacts
    assert mara.connected_on is None and (mara.line, ivo.line) == (4, 6)
    assert (ivo.url, ivo.email, ivo.company, ivo.position) == ("u", "e", "c", "p")


def test_a_quoted_field_spanning_lines_is_one_row_with_a_warning():
    text = HEADER + 'Mara,"Quill\nJr",,,Inkwell,CTO,13 Feb 2026\nIvo,Brandt,,,x,y,01 Feb 2026'
    parsed = parse_connections(text, source="q.csv")
    mara, ivo = parsed.contacts
    assert mara.last_name == "Quill\nJr" and (mara.line, ivo.line) == (2, 4)
    assert parsed.warnings == (
        "q.csv: line 2: a quoted field runs over several lines (1 such row); look for a stray '\"'",
    )


def test_quoted_rows_never_shift_onto_other_lines():
    rows = ['A,B"x,C,,,,13 Feb 2026', 'D,"E, Jr",,,,,13 Feb 2026', 'F,"G""",,,,,13 Feb 2026']
    parsed = parse_connections(HEADER + "\n".join(rows))
    assert [(c.first_name, c.last_name, c.line) for c in parsed.contacts] == [
        ("A", 'B"x', 2),
        ("D", "E, Jr", 3),
        ("F", 'G"', 4),
    ]


def test_unreadable_dates_give_none_and_one_summarising_warning():
    rows = "".join(f"P{i},Q,,,,,someday {i % 2}\n" for i in range(5))
    parsed = parse_connections(HEADER + rows + "R,S,,,,,13 Feb 2026", source="d.csv")
    assert [c.connected_on for c in parsed.contacts][:5] == [None] * 5
    (warning,) = parsed.warnings
    assert warning.startswith("d.csv: 5 'Connected On' dates could not be read (e.g. 'someday")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("13 Feb 2026", date(2026, 2, 13)),
        ("02 Jun 2022", date(2022, 6, 2)),
        ("1/8/18, 6:14 PM", date(2018, 1, 8)),
        ("12/23/17, 9:02 AM", date(2017, 12, 23)),
        ("5-Jan-26", date(2026, 1, 5)),
        ("23-Apr-10", date(2010, 4, 23)),
        ("13.02.2026", date(2026, 2, 13)),
        ("2026-02-13", date(2026, 2, 13)),
        ("2024-03-01 10:22:05 UTC", date(2024, 3, 1)),
        ("2022/04/01 11:05:54 UTC", date(2022, 4, 1)),
        ("02/13/2026", date(2026, 2, 13)),
        ("13/02/2026", date(2026, 2, 13)),  # cannot be month first
        ("Feb 13, 2026", date(2026, 2, 13)),
        ("13 February 2026", date(2026, 2, 13)),
        ("12. Mai 2023", date(2023, 5, 12)),
        ("3-déc-24", date(2024, 12, 3)),
        ("46066", date(2026, 2, 13)),  # a spreadsheet's day number
        ("", None),
        ("31 Feb 2026", None),
        ("13 Foo 2026", None),
        ("soon", None),
        ("1/1/1066", None),
    ],
)
def test_dates_in_every_format_seen(raw, expected):
    assert parse_date(raw) == expected


def test_slashed_dates_are_read_day_first_when_the_file_proves_it():
    rows = ["A,B,,,,,13/05/2023", "C,D,,,,,03/04/2023", "E,F,,,,,01/02/2023"]
    dates = [c.connected_on for c in parse_connections(HEADER + "\n".join(rows)).contacts]
    assert dates == [date(2023, 5, 13), date(2023, 4, 3), date(2023, 2, 1)]


def test_month_names_do_not_depend_on_the_locale():
    try:
        old = locale.setlocale(locale.LC_TIME)
        locale.setlocale(locale.LC_TIME, "de_DE.UTF-8")
    except locale.Error:
        pytest.skip("no German locale installed")
    try:
        parse_date.cache_clear()
        assert parse_date("12 May 2023") == date(2023, 5, 12)
        assert parse_date("12 Oct 2023") == date(2023, 10, 12)
    finally:
        locale.setlocale(locale.LC_TIME, old)


# ------------------------------------------------------------ decode_export


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (b"\xef\xbb\xbfFirst Name", "First Name"),
        ("\ufeffZoë".encode("utf-16-le"), "Zoë"),
        ("\ufeffZoë".encode("utf-16-be"), "Zoë"),
        ("First Name\tZoë".encode("utf-16-le"), "First Name\tZoë"),  # no BOM
        ("Jürgen;Müller;Café".encode("cp1252"), "Jürgen;Müller;Café"),
        ("Tomáš;Søren;Ømer – ‘Renée’".encode("cp1252"), "Tomáš;Søren;Ømer – ‘Renée’"),
        ("Raman 🚀".encode(), "Raman 🚀"),
        (b"", ""),
    ],
)
def test_decode_export_reads_every_encoding_seen(data, text):
    assert decode_export(data, "f.csv") == (text, [])


def test_decode_export_replaces_broken_utf8_with_a_warning():
    text, warnings = decode_export("Zoë ".encode() + b"\xf0\x9f\x9a, Ra\xe9", "f.csv")
    assert text == "Zoë \ufffd, Ra\ufffd"
    assert warnings == [
        "f.csv: invalid UTF-8 bytes were replaced (\ufffd); re-export from LinkedIn to keep"
        " accents and emoji"
    ]


@pytest.mark.parametrize(
    "data", [b"a,b\x00c", b"\x89PNG\r\n\x1a\n\x00\x00", bytes(range(1, 32)) * 9]
)
def test_decode_export_refuses_binary(data):
    with pytest.raises(ExportError, match="^f.csv: this looks like a binary file"):
        decode_export(data, "f.csv")


# -------------------------------------------------------- the other files


def test_messages_are_counted_per_counterpart(archive_files):
    text = archive_files["messages.csv"].decode()
    stats, owner_url = parse_messages(text, owner_name="Mara Quill", source="messages.csv")
    assert owner_url == f"{IN}mara-quill-7a1b"
    by_name = {s.name: s for s in stats}
    assert sorted(by_name) == ["Ivo Brandt", "Lina Vale", "Teo Lind"]  # no draft, no sponsor
    ivo = by_name["Ivo Brandt"]
    assert (ivo.sent, ivo.received) == (2, 2)  # the group message counts for him too
    assert (ivo.first, ivo.last) == (date(2024, 3, 1), date(2025, 1, 10))
    assert (by_name["Teo Lind"].sent, by_name["Teo Lind"].received) == (1, 1)
    assert (by_name["Lina Vale"].sent, by_name["Lina Vale"].received) == (0, 1)


def test_messages_never_return_subject_or_content(archive_files):
    text = archive_files["messages.csv"].decode()
    assert MARKER in text
    for owner in ("Mara Quill", None, "Nobody Known"):
        assert MARKER not in repr(parse_messages(text, owner_name=owner))


def test_message_owner_is_whoever_is_in_most_conversations(archive_files):
    text = archive_files["messages.csv"].decode()
    assert parse_messages(text) == parse_messages(text, owner_name="Mara Quill")
    assert parse_messages(text, owner_name="someone else") == parse_messages(text)


def test_messages_before_2023_borrow_recipient_urls_from_sender_rows():
    text = dedent(f"""\
        CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,FOLDER
        c1,,Ivo Brandt,{IN}ivo,"Mara Quill",2021-05-01 10:00:00 UTC,,"a, b",INBOX
        c1,,Mara Quill,{IN}mara,"Ivo Brandt",2021-05-02 10:00:00 UTC,,c,SENT
        c2,,Mara Quill,{IN}mara,"Lee, MBA",2021-05-03 10:00:00 UTC,,d,SENT
        """)
    stats, owner_url = parse_messages(text, owner_name="mara quill")
    assert owner_url == f"{IN}mara"
    assert [(s.name, s.url, s.sent, s.received) for s in stats] == [
        ("Lee, MBA", "", 1, 0),
        ("Ivo Brandt", f"{IN}ivo", 1, 1),
    ]


def test_messages_2018_use_direction():
    text = dedent("""\
        From,To,Date,Subject,Content,Direction,Folder
        Teo Lind,Mara Quill,"1/8/18, 6:14 PM",Hi,"multi
        line",INCOMING,INBOX
        Mara Quill,Teo Lind,"1/9/18, 8:00 AM",Re: Hi,ok,OUTGOING,SENT
        """)
    stats, owner_url = parse_messages(text)
    assert [(s.name, s.sent, s.received, s.last) for s in stats] == [
        ("Teo Lind", 1, 1, date(2018, 1, 9))
    ]
    assert owner_url == ""


def test_invitations_keep_direction_and_whether_there_was_a_note(archive_files):
    sina, kofi = parse_invitations(archive_files["Invitations.csv"].decode())
    assert sina == ("Sina Okafor", f"{IN}sina-okafor-5a6b", "OUTGOING", True, date(2023, 4, 2))
    assert kofi == ("Kofi Mensah", f"{IN}kofi-mensah-6c7d", "INCOMING", False, date(2022, 1, 3))
    assert "fair" not in repr((sina, kofi))


def test_invitations_mid_2023_carry_urns():
    text = dedent("""\
        From,To,Sent At,Message,Direction,inviterProfileUrn,inviteeProfileUrn
        Kofi Mensah,Mara Quill,"7/1/23, 9:00 AM",,INCOMING,urn:li:member:42,urn:li:member:7
        """)
    (kofi,) = parse_invitations(text)
    assert kofi.url == "urn:li:member:42"


def test_endorsements_are_aggregated_per_endorser(archive_files):
    ivo, teo = parse_endorsements(archive_files["Endorsement_Received_Info.csv"].decode())
    assert teo == ("Teo Lind", "www.linkedin.com/in/teo-lind-3c4d", 2, date(2023, 6, 12))
    assert ivo.count == 1


def test_endorsements_utf16_tab_separated_copy(archive_files):
    original = archive_files["Endorsement_Received_Info.csv"].decode()
    data = "\ufeff".encode("utf-16-le") + original.replace(",", "\t").encode("utf-16-le")
    text, warnings = decode_export(data, "Endorsement_Received_Info.csv")
    assert warnings == [] and parse_endorsements(text) == parse_endorsements(original)


def test_recommendations_and_profile(archive_files):
    (ivo,) = parse_recommendations(
        archive_files["Recommendations_Received.csv"].decode(), given=False
    )
    assert ivo == ("Ivo Brandt", "Inkwell Labs", False, date(2024, 3, 14))
    assert MARKER not in repr(ivo)
    name, headline = parse_profile(archive_files["Profile.csv"].decode())
    assert (name, headline) == ("Mara Quill", "Head of Data, Inkwell Labs")


# ------------------------------------------------ archives, zips and folders


def check_archive(export: Export) -> None:
    assert (export.owner_name, export.owner_from) == ("Mara Quill", "profile")
    assert export.owner_headline == "Head of Data, Inkwell Labs"
    assert export.owner_url == f"{IN}mara-quill-7a1b"
    assert len(export.connections.contacts) == 5
    assert len(export.messages) == 3 and len(export.invitations) == 2
    assert len(export.endorsements) == 2 and len(export.recommendations) == 2
    assert export.warnings == ()
    assert MARKER not in repr(export)


def test_unzipped_archive_folder(asset):
    check_archive(read_export(asset("exports", "archive")))


@pytest.mark.parametrize("folder", ["", "Basic_LinkedInDataExport_02-13-2026/"])
def test_zip_archive_read_in_memory(tmp_path, archive_files, asset, folder):
    path = build_zip(
        tmp_path / "export.zip",
        {folder + name: data for name, data in archive_files.items()},
        compression=zipfile.ZIP_DEFLATED,
    )
    export = read_export(path)
    check_archive(export)
    # the archive's name dates it; else the newest Connected On (never a file's time)
    assert export.source == str(path)
    assert export.exported_on == (date(2026, 2, 13) if folder else date(2026, 2, 1))
    assert export.fingerprint == read_export(asset("exports", "archive")).fingerprint
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.zip"]  # nothing extracted


def test_zip_member_names_are_matched_case_insensitively(tmp_path, archive_files):
    files = {name.upper(): data for name, data in archive_files.items()}
    check_archive(read_export(build_zip(tmp_path / "x.zip", files)))


def test_a_bad_optional_file_is_a_warning_not_a_failure(tmp_path, archive_files):
    files = dict(archive_files)
    files["messages.csv"] = b"FROM,TO\nsomeone,else\n"
    files["Invitations.csv"] = b"\x89PNG\r\n\x1a\n\x00\x00"
    export = read_export(build_zip(tmp_path / "x.zip", files))
    assert export.messages == () and export.invitations == ()
    assert export.warnings == (
        f"{tmp_path / 'x.zip'}:messages.csv: missing column 'Date' (file skipped)",
        f"{tmp_path / 'x.zip'}:Invitations.csv: this looks like a binary file, not a CSV"
        " (file skipped)",
    )
    assert len(export.endorsements) == 2


def make_team(root: Path, archive_files: dict[str, bytes]) -> Path:
    team = root / "team"
    connections = archive_files["Connections.csv"]
    (team / "carol-mendes").mkdir(parents=True)
    (team / "carol-mendes" / "Connections.csv").write_bytes(connections)
    (team / "Devon Achebe.csv").write_bytes(connections)
    build_zip(
        team / "priya_nair.zip",
        {"Basic_LinkedInDataExport_02-13-2026/Connections.csv": connections},
    )
    build_zip(team / "Complete_LinkedInDataExport_02-13-2026.zip", archive_files)
    (team / "omar").mkdir()
    build_zip(
        team / "omar" / "Basic_LinkedInDataExport_11-24-2026.zip", {"Connections.csv": connections}
    )
    for ignored in ("README.md", ".DS_Store", ".hidden.csv", "notes.txt"):
        (team / ignored).write_text("not an export")
    return team


def test_team_folder_yields_one_export_per_colleague(tmp_path, archive_files):
    team = make_team(tmp_path, archive_files)
    found = [
        (Path(e.source).relative_to(team).as_posix(), e.owner_name, e.owner_from)
        for e in read_exports([team])
    ]
    assert found == [
        ("Complete_LinkedInDataExport_02-13-2026.zip", "Mara Quill", "profile"),
        ("Devon Achebe.csv", "Devon Achebe", "filename"),
        ("carol-mendes", "Carol Mendes", "filename"),
        ("omar/Basic_LinkedInDataExport_11-24-2026.zip", "Omar", "filename"),
        ("priya_nair.zip", "Priya Nair", "filename"),
    ]


def test_owner_option_needs_a_single_export(tmp_path, archive_files):
    team = make_team(tmp_path, archive_files)
    with pytest.raises(ExportError, match="--owner needs a single export, but 5 were found"):
        list(read_exports([team], owner="Someone"))


@pytest.mark.parametrize(
    "name", ["Connections.csv", "Basic_LinkedInDataExport_11-24-2026.zip", "Connections (1).csv"]
)
def test_linkedin_file_names_do_not_name_an_owner(tmp_path, archive_files, name):
    connections = archive_files["Connections.csv"]
    path = tmp_path / name
    if name.endswith(".zip"):
        build_zip(path, {"Connections.csv": connections})
    else:
        path.write_bytes(connections)
    with pytest.raises(ExportError, match="can't tell whose export this is — pass --owner"):
        read_export(path)
    export = read_export(path, owner="Carol Mendes")
    assert (export.owner_name, export.owner_from) == ("Carol Mendes", "option")


def test_missing_path_and_empty_team_folder(tmp_path):
    with pytest.raises(ExportError, match="nope: no such file or folder"):
        list(read_exports([tmp_path / "nope"]))
    (tmp_path / "team").mkdir()
    (tmp_path / "team" / "README.md").write_text("exports go here")
    with pytest.raises(ExportError, match="team: no LinkedIn export in this folder"):
        list(read_exports([tmp_path / "team"]))


def test_symlinks_leaving_the_folder_are_not_followed(tmp_path, archive_files):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "Connections.csv").write_bytes(archive_files["Connections.csv"])
    team = tmp_path / "team"
    (team / "ana-lima").mkdir(parents=True)
    (team / "ana-lima" / "Connections.csv").write_bytes(archive_files["Connections.csv"])
    (team / "bo-park.csv").symlink_to(outside / "Connections.csv")
    (team / "cy-rowe").symlink_to(outside)
    (team / "dee-ng.csv").symlink_to(team / "ana-lima" / "Connections.csv")  # inside: followed
    (team / ".store").mkdir()
    (team / ".store" / "eli.csv").write_bytes(archive_files["Connections.csv"])
    (team / "eli-cho").mkdir()
    (team / "eli-cho" / "Connections.csv").symlink_to(team / ".store" / "eli.csv")
    exports = list(read_exports([team]))
    assert [e.owner_name for e in exports] == ["Ana Lima", "Dee Ng", "Eli Cho"]
    assert len(exports[2].connections.contacts) == 5


def test_same_export_read_twice_has_the_same_fingerprint(tmp_path, asset):
    copy = shutil.copytree(asset("exports", "archive"), tmp_path / "copy")
    assert read_export(copy).fingerprint == read_export(asset("exports", "archive")).fingerprint
    (copy / "Connections.csv").write_bytes((copy / "Connections.csv").read_bytes() + b"\n")
    assert read_export(copy).fingerprint != read_export(asset("exports", "archive")).fingerprint


# ----------------------------------------------------------- hostile zips


def test_zip_bomb_ratio_is_refused(tmp_path, archive_files):
    files = dict(archive_files, **{"messages.csv": b"0" * (3 * 2**20)})
    path = build_zip(tmp_path / "bomb.zip", files, compression=zipfile.ZIP_DEFLATED)
    with pytest.raises(ExportError, match=r"bomb.zip: messages.csv is compressed \d+:1"):
        read_export(path)


def test_oversized_member_is_refused_before_reading(tmp_path, archive_files, monkeypatch):
    path = build_zip(tmp_path / "big.zip", archive_files)
    path.write_bytes(patch_central(path.read_bytes(), "Connections.csv", size=300 * 2**20))

    def no_reading(*args, **kwargs):
        raise AssertionError("a member was opened")

    monkeypatch.setattr(zipfile.ZipFile, "open", no_reading)
    with pytest.raises(ExportError, match="big.zip: Connections.csv would unpack to 300 MB"):
        read_export(path)


def test_member_larger_than_its_header_is_refused(tmp_path, archive_files):
    path = build_zip(tmp_path / "liar.zip", archive_files, compression=zipfile.ZIP_DEFLATED)
    path.write_bytes(patch_central(path.read_bytes(), "Connections.csv", size=100))
    with pytest.raises(ExportError, match="liar.zip"):
        read_export(path)


def test_encrypted_zip_is_refused(tmp_path, archive_files):
    path = build_zip(tmp_path / "locked.zip", archive_files)
    path.write_bytes(patch_central(path.read_bytes(), "Connections.csv", flags=0x1))
    with pytest.raises(ExportError, match="locked.zip: the archive is password-protected"):
        read_export(path)


def test_zip_with_two_connections_files_is_refused(tmp_path, archive_files):
    connections = archive_files["Connections.csv"]
    path = build_zip(
        tmp_path / "two.zip", {"a/Connections.csv": connections, "b/Connections.csv": connections}
    )
    with pytest.raises(ExportError, match="two.zip: holds several Connections.csv files"):
        read_export(path)


# ------------------------------------------------------------- properties


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_any_text_gives_people_or_an_export_error(text):
    try:
        assert isinstance(parse_connections(text, source="p.csv"), ConnectionsFile)
    except ExportError as err:
        assert str(err).startswith("p.csv: ")


@settings(max_examples=300)
@given(st.text(alphabet=st.sampled_from(list(',;"\n\r\t NA01/:.-aéZ🚀'))))
def test_any_rows_after_a_header_give_people_or_an_export_error(rows):
    try:
        parsed = parse_connections(HEADER + rows, source="p.csv")
    except ExportError as err:
        assert str(err).startswith("p.csv: ")
    else:
        assert all(c.line >= 2 for c in parsed.contacts)


@settings(max_examples=300)
@given(st.binary())
def test_any_bytes_decode_to_text_or_an_export_error(data):
    try:
        text, warnings = decode_export(data, "b.csv")
    except ExportError as err:
        assert str(err).startswith("b.csv: ")
    else:
        assert isinstance(text, str) and all(w.startswith("b.csv: ") for w in warnings)


@settings(max_examples=200)
@given(
    st.text(),
    st.sampled_from(["messages", "invitations", "endorsements", "recommendations", "profile"]),
)
def test_any_text_in_other_files_gives_records_or_an_export_error(text, kind):
    parse = {
        "messages": parse_messages,
        "invitations": parse_invitations,
        "endorsements": parse_endorsements,
        "recommendations": lambda t, source: parse_recommendations(t, given=True, source=source),
        "profile": parse_profile,
    }[kind]
    try:
        parse(text, source="o.csv")
    except ExportError as err:
        assert str(err).startswith("o.csv: ")


cell = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\ufffd\u2028"),
    max_size=12,
).filter(lambda s: s != "NA")


@settings(max_examples=200)
@given(st.lists(st.tuples(cell, cell, cell), min_size=1, max_size=20), st.sampled_from([",", ";"]))
def test_rows_written_by_the_csv_module_read_back(people, delimiter):
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    writer.writerow(["First Name", "Last Name", "Company", "Connected On"])
    writer.writerows((first, last, company, "13 Feb 2026") for first, last, company in people)
    expected = [
        tuple(value.strip() for value in person)
        for person in people
        if any(v.strip() for v in person)
    ]
    try:
        parsed = parse_connections(buf.getvalue())
    except ExportError as err:
        assert not expected and "hidden profiles" in str(err)
        return
    assert [(c.first_name, c.last_name, c.company) for c in parsed.contacts] == expected


@pytest.mark.fuzz
def test_damaged_zips_give_an_export_or_an_export_error(tmp_path, archive_files):
    good = build_zip(tmp_path / "good.zip", archive_files, compression=zipfile.ZIP_DEFLATED)
    data = good.read_bytes()
    rng = random.Random(0)
    path = tmp_path / "damaged.zip"
    for attempt in range(2000):
        damaged = bytearray(data[: rng.randrange(len(data))] if attempt % 3 == 0 else data)
        for _ in range(rng.randrange(4) if attempt % 3 else 0):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        path.write_bytes(bytes(damaged))
        try:
            read_export(path, owner="Test Owner")
        except ExportError as err:
            assert "damaged.zip" in str(err)


# -- decode_stream: decode_export's decisions, streamed -------------------------------

_TEXTS = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200)


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.binary(max_size=300),
        _TEXTS.map(lambda t: t.encode("utf-8")),
        _TEXTS.map(lambda t: b"\xef\xbb\xbf" + t.encode("utf-8")),
        _TEXTS.map(lambda t: t.encode("utf-16")),
        _TEXTS.map(lambda t: t.encode("cp1252", errors="ignore")),
        st.tuples(_TEXTS, st.binary(max_size=4)).map(lambda p: p[0].encode() + p[1]),
    )
)
def test_decode_stream_reads_what_decode_export_reads(data):
    from refpath.exports.text import decode_stream

    try:
        text, warnings = decode_export(data, "f.csv")
    except ExportError as error:
        with pytest.raises(ExportError, match="binary"):
            decode_stream(data, "f.csv")
        assert "binary" in str(error)
        return
    stream, streamed = decode_stream(data, "f.csv")
    assert stream.read().lstrip("\ufeff") == text.lstrip("\ufeff")
    assert streamed == warnings


# ------------------------------------------- rules from the held-out audit (heldout/)


def _dates(text: str) -> list[date | None]:
    return [c.connected_on for c in parse_connections(text).contacts]


@pytest.mark.parametrize(
    ("sep", "first", "says"),
    [(";", date(2025, 11, 1), "read day first"), (",", date(2025, 1, 11), "read month first")],
)
def test_slashed_dates_no_number_proves_are_day_first_only_in_semicolon_files(sep, first, says):
    header = HEADER.replace(",", sep)
    rows = [sep.join(["Ann", "Lee", "", "", "Co", "CTO", d]) for d in ("01/11/2025", "03/04/2024")]
    found = parse_connections(header + "\n".join(rows))
    assert found.contacts[0].connected_on == first
    (warning,) = found.warnings
    assert says in warning and "'01/11/2025'" in warning


def test_slashed_dates_mixed_with_linkedins_own_are_ordered_alone():
    rows = ["A;B;;;;;13/05/2023", "C;D;;;;;03/04/2023", "E;F;;;;;01 Feb 2023"]
    text = HEADER.replace(",", ";") + "\n".join(rows)
    assert _dates(text) == [date(2023, 5, 13), date(2023, 4, 3), date(2023, 2, 1)]
    ambiguous = ["A;B;;;;;03/04/2023", "C;D;;;;;01 Feb 2023", "E;F;;;;;02/01/2023"]
    text = HEADER.replace(",", ";") + "\n".join(ambiguous)
    assert _dates(text) == [date(2023, 4, 3), date(2023, 2, 1), date(2023, 1, 2)]


def test_slashed_dates_that_prove_an_order_or_are_linkedins_own_give_no_warning():
    assert not parse_connections(HEADER + "A,B,,,,,3/14/2024\nC,D,,,,,1/2/2024").warnings
    assert not parse_connections(HEADER + "A,B,,,,,14/3/2024\nC,D,,,,,1/2/2024").warnings
    old = "First Name,Last Name,Email Address,Company,Position,Connected On\n"
    found = parse_connections(old + 'A,B,,,,"1/8/18, 6:14 PM"')
    assert found.warnings == () and found.contacts[0].connected_on == date(2018, 1, 8)


def test_a_header_of_another_era_pasted_below_re_maps_the_rows_after_it():
    old = "First Name,Last Name,Email Address,Company,Position,Connected On\n"
    text = (
        HEADER
        + f"Ann,Lee,{IN}ann,,Inkwell,CTO,13 Feb 2026\n"
        + old
        + "Bo,Ek,,Fern,Chef,01 Mar 2022"
    )
    found = parse_connections(text)
    assert [(c.first_name, c.company, c.position) for c in found.contacts] == [
        ("Ann", "Inkwell", "CTO"),
        ("Bo", "Fern", "Chef"),
    ]
    assert found.contacts[1].connected_on == date(2022, 3, 1)
    (warning,) = found.warnings
    assert "line 3: another header" in warning


def test_a_second_table_after_an_empty_line_is_skipped_but_people_after_one_are_kept():
    people = HEADER + f"Ann,Lee,{IN}ann,,Inkwell,CTO,13 Feb 2026\n"
    found = parse_connections(people + "\nCompany,Count\nInkwell,1\n")
    assert [c.first_name for c in found.contacts] == ["Ann"]
    assert "line 4: a second table" in found.warnings[0]
    # people after an empty line have a date or a URL: read, no warning
    kept = parse_connections(people + "\nBo,Ek,,,Fern,Chef,01 Mar 2022\nCy,Ox,https://x,,,,")
    assert [c.first_name for c in kept.contacts] == ["Ann", "Bo", "Cy"] and not kept.warnings


def test_a_total_at_the_end_is_not_a_person_but_a_named_person_is():
    people = HEADER + f"Ann,Lee,{IN}ann,,Inkwell,CTO,13 Feb 2026\n"
    found = parse_connections(people + "Total,,,,,,1")
    assert len(found.contacts) == 1 and "not a person" in found.warnings[0]
    assert len(parse_connections(people + "Bo,Ek,,,,,").contacts) == 2  # a last name: a person
    # a file of first names only is people, not totals
    assert len(parse_connections("First Name,Company\nAnn,\nBo,").contacts) == 2


def test_utf8_with_a_latin1_name_pasted_in_is_utf8_with_replacements():
    data = "Óscar;".encode() + "Núñez".encode("latin-1")
    text, warnings = decode_export(data, "a.csv")
    assert text == "Óscar;N\ufffd\ufffdez" and "replaced" in warnings[0]
    assert decode_export("Núñez;Zoë".encode("cp1252"), "a.csv") == ("Núñez;Zoë", [])


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("Connections.xlsx", b"PK\x03\x04rest"),
        ("Connections.csv", b"PK\x03\x04a workbook renamed"),
        ("Connections.csv", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1old excel"),
        ("people.numbers", b"anything"),
    ],
)
def test_a_spreadsheet_given_for_a_csv_is_refused_saying_to_save_as_csv(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ExportError, match=r"not a CSV — open it and save it as CSV") as err:
        read_export(path, owner="Ann Lee")
    assert str(err.value).startswith(str(path))


def test_a_zip_holding_linkedins_zip_is_read_through_it_once(tmp_path, archive_files):
    inner = build_zip(tmp_path / "inner.zip", archive_files).read_bytes()
    outer = build_zip(
        tmp_path / "outer.zip", {"Downloads/Basic_LinkedInDataExport_02-13-2026.zip": inner}
    )
    export = read_export(outer)
    check_archive(export)
    assert export.exported_on == date(2026, 2, 13)
    twice = build_zip(tmp_path / "twice.zip", {"again.zip": outer.read_bytes()})
    with pytest.raises(ExportError, match="no Connections.csv inside"):
        read_export(twice)
    two = build_zip(tmp_path / "two.zip", {"a.zip": inner, "b.zip": inner})
    with pytest.raises(ExportError, match="no Connections.csv inside"):
        read_export(two)
