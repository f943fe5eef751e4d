"""Write the held-out export variants under ``heldout/`` and their expected reads.

Each variant is one way a real user's export could reach ``refpath add``: an era's
header (2018, 2021, current) combined with what people do to the file (spreadsheet
re-saves, other encodings, date styles, pasted sheets, zips in zips, ...). Half A
was what the export rules were first fixed on; half B was measured after those
fixes and before any change for it, then fixed on; half C was written after both
rounds and measured before any change for it (one miss, then fixed).

``expected.json`` says for each variant what reading it must give: the people read,
hidden rows skipped, every connection date in file order, the archive's other
files, or the one error line. Run ``python tests/assets/exports/heldout/make_heldout.py``
after changing it; the files are committed. Every person, company and URL is invented.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

HERE = Path(__file__).parent
IN = "https://www.linkedin.com/in/"
NOTES_SENTENCE = (
    "When exporting your connection data, you may notice that some of the email addresses are"
    " missing. You will only see email addresses for connections who have allowed their"
    " connections to see or download it."
)
STANDARD = ["First Name", "Last Name", "Email Address", "Company", "Position", "Connected On"]
CURRENT = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]

# (first, last, slug, email, company, position, connected on): all invented
PEOPLE = [
    ("Mara", "Quillfeather", "mara-quillfeather", "", "Inkwell", "CTO", date(2025, 11, 1)),
    ("Tobin", "Ashgrove", "tobin-ashgrove-4a1", "", "Ferncastle", "Designer", date(2024, 3, 14)),
    (
        "Liesl",
        "Varga, MBA",
        "liesl-varga",
        "liesl@example.com",
        "Copperleaf",
        "Sales",
        date(2023, 7, 5),
    ),
    (
        "Óscar",
        "Núñez",
        "%C3%B3scar-n%C3%BA%C3%B1ez",
        "",
        "Brightwater",
        "Engineer",
        date(2022, 12, 25),
    ),
]
#: every date has day and month <= 12: a slashed file of these proves neither order
AMBIGUOUS = [date(2025, 11, 1), date(2024, 3, 4), date(2023, 7, 5), date(2022, 2, 10)]
HIDDEN = date(2022, 6, 2)  # one hidden profile: only a date
BASIC = "Basic_LinkedInDataExport_02-13-2026"  # LinkedIn's folder name in its archive
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def fmt_date(d: date, style: str) -> str:
    serial = (d - date(1899, 12, 30)).days
    return {
        "linkedin": f"{d.day:02d} {MONTHS[d.month - 1]} {d.year}",
        "2018": f"{d.month}/{d.day}/{d.year % 100:02d}, 6:14 PM",
        "dmonyy": f"{d.day}-{MONTHS[d.month - 1]}-{d.year % 100:02d}",
        "dotted": f"{d.day:02d}.{d.month:02d}.{d.year}",
        "dotted_time": f"{d.day:02d}.{d.month:02d}.{d.year} 18:14",
        "iso": d.isoformat(),
        "iso_time": f"{d.isoformat()} 14:05:00",
        "us": f"{d.month}/{d.day}/{d.year}",
        "us_time": f"{d.month}/{d.day}/{d.year} 18:14",
        "eu": f"{d.day:02d}/{d.month:02d}/{d.year}",
        "eu_short": f"{d.day}/{d.month}/{d.year % 100:02d}",
        "serial": str(serial),
        "serial_time": f"{serial}.7590277778",
    }[style]


def table(
    era: str = "current",
    dates: str = "",
    people: list[tuple[str, str, str, str, str, str, date]] | None = None,
    when: list[date] | None = None,
    hidden: bool = True,
    header: list[str] | None = None,
) -> list[list[str]]:
    """The header and rows of a Connections.csv of ``era``, as cells."""
    people = PEOPLE if people is None else people
    style = dates or {"2018": "2018"}.get(era, "linkedin")
    cols = header or (CURRENT if era == "current" else STANDARD)
    rows = [list(cols)]
    keys = [c.lower().replace(" ", "") for c in cols]
    for i, (first, last, slug, email, company, position, on) in enumerate(people):
        on = when[i] if when else on
        cell = {
            "firstname": first, "lastname": last, "url": IN + slug, "emailaddress": email,
            "company": company, "position": position, "connectedon": fmt_date(on, style),
        }  # fmt: skip
        rows.append([cell.get(k, "") for k in keys])
        if hidden and i == 1:
            rows.append([""] * (len(cols) - 1) + [fmt_date(HIDDEN, style)])
    return rows


def render(
    rows: list[list[str]],
    *,
    sep: str = ",",
    preamble: str = "notes",
    eol: str = "\n",
    final_eol: bool = False,
    quote_all: bool = False,
    encoding: str = "utf-8",
    bom: bool = False,
    na: bool = False,
    trailing: str = "",
) -> bytes:
    """A Connections.csv's bytes: the rows written as a program or a person would."""

    def cell(value: str) -> str:
        if na and value == "":
            value = "NA"
        if quote_all or any(ch in value for ch in (sep, '"', "\n")):
            return '"' + value.replace('"', '""') + '"'
        return value

    lines = [sep.join(cell(v) for v in row) for row in rows]
    width = len(rows[0])
    head = {
        "notes": ["Notes:", f'"{NOTES_SENTENCE}"', ""],
        "notes_padded": [
            "Notes:" + sep * (width - 1),
            f'"{NOTES_SENTENCE}"' + sep * (width - 1),
            "",
        ],
        "blank": ["", ""],
        "none": [],
    }[preamble]
    text = eol.join(head + lines) + (eol if final_eol else "") + trailing
    data = text.encode(encoding)
    if bom:
        data = {"utf-8": b"\xef\xbb\xbf", "utf-16-le": b"\xff\xfe"}[encoding] + data
    return data


def dates_of(
    people: list[tuple[str, str, str, str, str, str, date]] | None = None,
) -> list[str]:
    return [p[6].isoformat() for p in (PEOPLE if people is None else people)]


def zipped(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, (2026, 2, 13, 9, 30, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buf.getvalue()


PROFILE = (
    "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,"
    'Geo Location,Twitter Handles,Websites,Instant Messengers\nWren,Halloway,,,,"Lead, Inkwell",'
    ',Software,,"Porto, Portugal",,,\n'
)
PROFILE_2018 = (
    "First Name,Last Name,Maiden Name,Address,Birth Date,Contact Instructions,Headline,Summary,"
    "Industry,Country,Zip Code,Geo Location,Twitter Handles,Websites,Instant Messengers\n"
    "Wren,Halloway,,,,,Lead at Inkwell,,Software,pt,,Porto,,,\n"
)
WREN = IN + "wren-halloway"
MESSAGES = (
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,"
    "SUBJECT,CONTENT,FOLDER\r\n"
    f"c1,,Mara Quillfeather,{IN}mara-quillfeather,Wren Halloway,{WREN},2024-03-01 10:22:05 UTC,"
    ',"Hi Wren,\r\ncoffee next week?\r\n\r\nMara",INBOX\r\n'
    f"c1,,Wren Halloway,{WREN},Mara Quillfeather,{IN}mara-quillfeather,2024-03-02 08:00:00 UTC,"
    ',"Gladly;\r\nTuesday?",INBOX\r\n'
    f"c2,,Wren Halloway,{WREN},Tobin Ashgrove,{IN}tobin-ashgrove-4a1,2024-05-02 08:00:00 UTC,"
    ",Hello,INBOX\r\n"
)
MESSAGES_2018 = (
    "From,To,Date,Subject,Content,Direction,Folder\n"
    'Mara Quillfeather,Wren Halloway,"3/1/18, 10:22 AM",,"Hi Wren,\ncoffee?",INCOMING,INBOX\n'
    'Wren Halloway,Mara Quillfeather,"3/2/18, 8:00 AM",,Gladly,OUTGOING,INBOX\n'
)
INVITATIONS_URN = (
    "From,To,Sent At,Message,Direction,inviterProfileUrn,inviteeProfileUrn\n"
    'Wren Halloway,Liesl Varga,"4/2/23, 12:00 AM","Hi Liesl, we met at the fair.",OUTGOING,'
    "urn:li:member:1001,urn:li:member:2002\n"
    'Tobin Ashgrove,Wren Halloway,"1/3/23, 9:15 AM",,INCOMING,'
    "urn:li:member:3003,urn:li:member:1001\n"
)
INVITATIONS_URL = (
    "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
    f'Wren Halloway,Liesl Varga,"4/2/24, 12:00 AM",,OUTGOING,{WREN},{IN}liesl-varga\n'
)
ENDORSEMENTS_NO_URL = (
    "Endorsement Date,Skill Name,Endorser First Name,Endorser Last Name,Endorsement Status\n"
    "2022/04/01 11:05:54 UTC,SQL,Tobin,Ashgrove,ACCEPTED\n"
    "2023/06/12 08:00:00 UTC,Python,Tobin,Ashgrove,ACCEPTED\n"
)
ENDORSEMENTS_URL = (
    "Endorsement Date\tSkill Name\tEndorser First Name\tEndorser Last Name\tEndorser Public Url\t"
    "Endorsement Status\r\n2022/04/01 11:05:54 UTC\tSQL\tTobin\tAshgrove\t"
    "www.linkedin.com/in/tobin-ashgrove-4a1\tACCEPTED\r\n"
)
RECOMMENDATIONS = (
    "First Name,Last Name,Company,Job Title,Text,Creation Date,Status\n"
    'Liesl,Varga,Copperleaf,Sales,"Wren is calm.","11/02/23, 4:20 PM",VISIBLE\n'
)


def connections(**kw: object) -> bytes:
    era = str(kw.pop("era", "current"))
    dates = str(kw.pop("dates", ""))
    return render(table(era, dates), **kw)  # type: ignore[arg-type]


def xlsx() -> bytes:
    """A minimal .xlsx (a zip of XML parts): what Excel's default save gives."""
    return zipped({
        "[Content_Types].xml": b'<?xml version="1.0"?><Types/>',
        "xl/workbook.xml": b'<?xml version="1.0"?><workbook/>',
        "xl/worksheets/sheet1.xml": b'<?xml version="1.0"?><worksheet/>',
    })  # fmt: skip


V = dict[str, object]
VARIANTS: list[V] = []


def variant(name: str, half: str, files: dict[str, bytes], expect: dict[str, object]) -> None:
    """Register a variant: ``files`` are written under heldout/<name>/ (a one-file variant
    is added as that file; a folder variant as the folder)."""
    VARIANTS.append({"name": name, "half": half, "files": files, "expect": expect})


def ok(
    people: int = 4, hidden: int = 1, dates: list[str] | None = None, **more: object
) -> dict[str, object]:
    return {"ok": True, "people": people, "hidden": hidden, "dates": dates or dates_of(), **more}


def refused(says: str) -> dict[str, object]:
    return {"ok": False, "says": says}


def build() -> None:
    # --------------------------------------------------------------- half A
    variant(
        "A01_2018_bom_crlf",
        "A",
        {"Connections.csv": connections(era="2018", preamble="none", eol="\r\n", bom=True)},
        ok(),
    )
    variant(
        "A02_2021_semicolon_cp1252_dotted",
        "A",
        {
            "Connections.csv": render(
                table("2021", "dotted", header=[*STANDARD[:5], "Connected on"]),
                sep=";",
                preamble="none",
                eol="\r\n",
                encoding="cp1252",
            )
        },
        ok(),
    )
    variant(
        "A03_current_notes_padded_na_dmonyy",
        "A",
        {
            "Connections.csv": connections(
                dates="dmonyy", preamble="notes_padded", eol="\r\n", na=True, final_eol=True
            )
        },
        ok(),
    )
    variant(
        "A04_current_trailing_empty_columns",
        "A",
        {"Connections.csv": render([row + ["", ""] for row in table()], preamble="none")},
        ok(),
    )
    variant(
        "A05_current_totals_line",
        "A",
        {"Connections.csv": connections(final_eol=True, trailing=",,,,,,\nTotal,,,,,,4\n")},
        ok(warns="not a person"),
    )
    variant(
        "A06_current_header_repeated",
        "A",
        {
            "Connections.csv": render(
                table()
                + table()[:1]
                + [list(r) for r in table(people=PEOPLE[:1], hidden=False)[1:]]
            )
        },
        ok(people=5, dates=[*dates_of(), "2025-11-01"], warns="repeated"),
    )
    variant(
        "A07_2021_utf16_unicode_text_with_preamble",
        "A",
        {
            "Connections.csv": render(
                table("2021"), sep="\t", eol="\r\n", encoding="utf-16-le", bom=True, final_eol=True
            )
        },
        ok(),
    )
    variant(
        "A08_current_utf8_with_latin1_bytes",
        "A",
        {"Connections.csv": connections().replace("Núñez".encode(), "Núñez".encode("latin-1"))},
        ok(warns="replaced"),
    )
    variant(
        "A09_current_quote_all_libreoffice",
        "A",
        {"Connections.csv": connections(quote_all=True, final_eol=True)},
        ok(),
    )
    variant(
        "A10_current_excel_serial_dates",
        "A",
        {"Connections.csv": connections(dates="serial", preamble="none")},
        ok(),
    )
    variant(
        "A11_2021_iso_dates_no_preamble",
        "A",
        {"Connections.csv": connections(era="2021", dates="iso", preamble="none")},
        ok(),
    )
    variant(
        "A12_current_us_slashed",
        "A",
        {"Connections.csv": connections(dates="us", preamble="none", eol="\r\n")},
        ok(),
    )
    variant(
        "A13_current_eu_slashed",
        "A",
        {"Connections.csv": connections(dates="eu", preamble="none", eol="\r\n")},
        ok(),
    )
    variant(
        "A14_zip_subfolder_lowercase_names",
        "A",
        {
            "export.zip": zipped(
                {
                    "Basic_LinkedInDataExport_02-13-2026/connections.csv": connections(),
                    "Basic_LinkedInDataExport_02-13-2026/profile.csv": PROFILE.encode(),
                    "Basic_LinkedInDataExport_02-13-2026/Messages.csv": MESSAGES.encode(),
                }
            )
        },
        ok(owner="Wren Halloway", messages=2),
    )
    variant(
        "A15_zip_inside_zip",
        "A",
        {
            "wren.zip": zipped(
                {
                    "Complete_LinkedInDataExport_02-13-2026.zip": zipped(
                        {"Connections.csv": connections(), "Profile.csv": PROFILE.encode()}
                    ),
                }
            )
        },
        ok(owner="Wren Halloway"),
    )
    variant(
        "A16_folder_messages_crlf_in_quotes",
        "A",
        {
            "Connections.csv": connections(),
            "Profile.csv": PROFILE.encode(),
            "messages.csv": MESSAGES.encode(),
        },
        ok(owner="Wren Halloway", messages=2),
    )
    variant(
        "A17_folder_invitations_urn_endorsements_no_url",
        "A",
        {
            "Connections.csv": connections(),
            "Profile.csv": PROFILE.encode(),
            "Invitations.csv": INVITATIONS_URN.encode(),
            "Endorsement_Received_Info.csv": ENDORSEMENTS_NO_URL.encode(),
        },
        ok(owner="Wren Halloway", invitations=2, endorsements=1),
    )
    variant(
        "A18_folder_profile_2018_columns",
        "A",
        {
            "Connections.csv": connections(era="2018", preamble="none"),
            "Profile.csv": PROFILE_2018.encode(),
            "Messages.csv": MESSAGES_2018.encode(),
        },
        ok(owner="Wren Halloway", messages=1),
    )
    variant(
        "A19_empty_connections_header_only",
        "A",
        {"Connections.csv": render(table()[:1])},
        refused("no people"),
    )
    variant("A20_xlsx_given", "A", {"Connections.xlsx": xlsx()}, refused("save"))
    variant(
        "A21_folder_with_unrelated_files",
        "A",
        {
            "Connections.csv": connections(),
            "Rich_Media.csv": b"Date/Time,Media Description\n",
            "notes.txt": b"my notes",
            "photo.jpg": b"\xff\xd8\xff\xe0fake",
            "Connections.xlsx": xlsx(),
        },
        ok(),
    )
    names = [
        ("📈 Marta", "Okafor 🇳🇬", "marta-okafor", "", "Inkwell", "CTO", date(2025, 11, 1)),
        ("𝓦𝓮𝓲", "ZHANG · 张伟", "wei-zhang", "", "Ferncastle", "Designer", date(2024, 3, 14)),
        (
            "Dr Laura M.",
            '"Quinn, PhD, PMP"',
            "laura-quinn",
            "",
            "Copperleaf",
            "Sales",
            date(2023, 7, 5),
        ),
        (
            "Omar",
            "Haddad - عمر حداد",
            "omar-haddad",
            "",
            "Brightwater",
            "Engineer",
            date(2022, 12, 25),
        ),
    ]
    variant(
        "A22_2021_semicolon_names",
        "A",
        {"Connections.csv": render(table("2021", people=names), sep=";")},
        ok(dates=dates_of(names)),
    )

    # --------------------------------------------------------------- half B
    variant(
        "B01_2018_semicolon_cp1252_dotted_time",
        "B",
        {
            "Connections.csv": render(
                table("2018", "dotted_time"),
                sep=";",
                preamble="none",
                eol="\r\n",
                encoding="cp1252",
            )
        },
        ok(),
    )
    variant(
        "B02_2021_notes_padded_crlf_na_dmonyy",
        "B",
        {
            "Connections.csv": connections(
                era="2021", dates="dmonyy", preamble="notes_padded", eol="\r\n", na=True
            )
        },
        ok(),
    )
    variant(
        "B03_current_bom_blank_trailing_blank_lines",
        "B",
        {
            "Connections.csv": connections(
                preamble="blank",
                bom=True,
                eol="\r\n",
                final_eol=True,
                trailing="\r\n,,,,,,\r\n\r\n",
            )
        },
        ok(),
    )
    variant(
        "B04_current_utf16_uk_slashed_no_preamble",
        "B",
        {
            "Connections.csv": render(
                table(dates="eu"),
                sep="\t",
                preamble="none",
                eol="\r\n",
                encoding="utf-16-le",
                bom=True,
            )
        },
        ok(),
    )
    variant(
        "B05_current_semicolon_cp1252_iso",
        "B",
        {"Connections.csv": render(table(dates="iso"), sep=";", eol="\r\n", encoding="cp1252")},
        ok(),
    )
    variant(
        "B06_2021_quote_all_dotted",
        "B",
        {
            "Connections.csv": connections(
                era="2021", dates="dotted", quote_all=True, preamble="none", eol="\r\n"
            )
        },
        ok(),
    )
    variant(
        "B07_current_utf8_with_mac_roman_bytes",
        "B",
        {"Connections.csv": connections().replace("Núñez".encode(), "Núñez".encode("mac_roman"))},
        ok(warns="replaced"),
    )
    variant(
        "B08_current_excel_serial_with_time",
        "B",
        {"Connections.csv": connections(dates="serial_time", preamble="none")},
        ok(),
    )
    variant(
        "B09_2021_us_slashed_with_time",
        "B",
        {"Connections.csv": connections(era="2021", dates="us_time", preamble="none")},
        ok(),
    )
    variant(
        "B10_current_slashed_ambiguous_comma",
        "B",
        {"Connections.csv": render(table(dates="us", when=AMBIGUOUS), preamble="none")},
        ok(dates=[d.isoformat() for d in AMBIGUOUS], warns="month first"),
    )
    eu_ambiguous = render(table(dates="eu", when=AMBIGUOUS), sep=";", preamble="none")
    variant(
        "B11_current_slashed_ambiguous_semicolon",
        "B",
        {"Connections.csv": eu_ambiguous},
        ok(dates=[d.isoformat() for d in AMBIGUOUS], warns="day first"),
    )
    summary = "\n\nCompany,Connections\nInkwell,1\nFerncastle,1\nCopperleaf,1\n"
    variant(
        "B12_current_second_sheet_pasted_below",
        "B",
        {"Connections.csv": connections(final_eol=True, trailing=summary)},
        ok(warns="second table"),
    )
    variant(
        "B13_zip_2018_subfolder_messages_capital",
        "B",
        {
            "wren-halloway.zip": zipped(
                {
                    "LinkedInDataExport/Connections.csv": connections(era="2018", preamble="none"),
                    "LinkedInDataExport/Messages.csv": MESSAGES_2018.encode(),
                }
            )
        },
        ok(owner="Wren Halloway", messages=1),
    )
    variant(
        "B14_zip_in_zip_in_subfolder",
        "B",
        {
            "download.zip": zipped(
                {
                    "Downloads/Basic_LinkedInDataExport_02-13-2026.zip": zipped(
                        {
                            f"{BASIC}/CONNECTIONS.CSV": connections(),
                            f"{BASIC}/Profile.csv": PROFILE_2018.encode(),
                        }
                    ),
                }
            )
        },
        ok(owner="Wren Halloway"),
    )
    variant(
        "B15_folder_invitations_url_endorsements_utf16",
        "B",
        {
            "Connections.csv": connections(),
            "Profile.csv": PROFILE.encode(),
            "invitations.csv": INVITATIONS_URL.encode(),
            "ENDORSEMENT_RECEIVED_INFO.csv": b"\xff\xfe" + ENDORSEMENTS_URL.encode("utf-16-le"),
            "Recommendations_Received.csv": RECOMMENDATIONS.encode(),
        },
        ok(owner="Wren Halloway", invitations=1, endorsements=1, recommendations=1),
    )
    variant(
        "B16_folder_profile_header_only",
        "B",
        {"Connections.csv": connections(), "Profile.csv": PROFILE.split("\n")[0].encode()},
        ok(),
    )
    variant(
        "B17_empty_connections_no_preamble_crlf_commas",
        "B",
        {
            "Connections.csv": render(
                table("2021")[:1], preamble="none", eol="\r\n", final_eol=True, trailing=",,,,,\r\n"
            )
        },
        refused("no people"),
    )
    variant(
        "B18_numbers_file_given",
        "B",
        {
            "Connections.numbers": zipped(
                {"Index/Document.iwa": b"\x00\x01binary", "Metadata/Properties.plist": b"<plist/>"}
            )
        },
        refused("save"),
    )
    variant(
        "B19_folder_with_copies_and_unrelated",
        "B",
        {
            "Connections.csv": connections(),
            "Connections (1).numbers": b"PK\x03\x04junk",
            "Positions.csv": b"Company Name,Title,Description,Location,Started On,Finished On\n",
            "README.txt": b"hi",
            "~$Connections.csv": b"lock",
        },
        ok(),
    )
    names_b = [
        ("Аnna", "Petrovа", "anna-petrova", "", "Inkwell", "CTO", date(2025, 11, 1)),
        ("प्रिया", "शर्मा", "priya-sharma", "", "Ferncastle", "Designer", date(2024, 3, 14)),
        (
            "LTC Johan",
            "Lindqvist PhD Author",
            "johan-lindqvist",
            "",
            "Copperleaf",
            "Sales",
            date(2023, 7, 5),
        ),
        (
            "Raman 🚀",
            "Kovalenko (Petrova)",
            "raman-k",
            "",
            "Brightwater",
            "Engineer",
            date(2022, 12, 25),
        ),
    ]
    variant(
        "B20_current_utf16_names_second_scripts",
        "B",
        {
            "Connections.csv": render(
                table(people=names_b), sep="\t", encoding="utf-16-le", bom=True, eol="\r\n"
            )
        },
        ok(dates=dates_of(names_b)),
    )
    pasted_2021 = table("2021")[:1] + [
        list(r) for r in table("2021", people=PEOPLE[:1], hidden=False)[1:]
    ]
    variant(
        "B21_current_then_2021_header_pasted",
        "B",
        {"Connections.csv": render(table() + pasted_2021)},
        ok(people=5, dates=[*dates_of(), "2025-11-01"], company5="Inkwell", warns="another header"),
    )
    variant(
        "B22_2021_eu_short_year_slashed",
        "B",
        {
            "Connections.csv": connections(
                era="2021", dates="eu_short", preamble="notes", eol="\r\n"
            )
        },
        ok(),
    )

    # --------------------------------------------------------------- half C
    # written after every fix on A and B, and measured before any change for them
    mixed = table("2021", "eu", when=AMBIGUOUS)
    mixed[1][-1] = fmt_date(AMBIGUOUS[0], "linkedin")  # one date the spreadsheet left alone
    variant(
        "C01_2021_semicolon_mixed_slashed_and_linkedin_dates",
        "C",
        {"Connections.csv": render(mixed, sep=";", preamble="none", encoding="cp1252")},
        ok(dates=[d.isoformat() for d in AMBIGUOUS], warns="day first"),
    )
    variant(
        "C02_current_tab_separated_utf8",
        "C",
        {"Connections.csv": render(table(), sep="\t", preamble="none")},
        ok(),
    )
    variant(
        "C03_lowercase_header_bom_semicolon",
        "C",
        {
            "Connections.csv": render(
                table(header=[c.lower().replace(" ", "") for c in CURRENT]),
                sep=";",
                preamble="none",
                bom=True,
            )
        },
        ok(),
    )
    variant(
        "C04_zip_with_macosx_and_ds_store",
        "C",
        {
            "export.zip": zipped(
                {
                    f"{BASIC}/Connections.csv": connections(),
                    f"{BASIC}/.DS_Store": b"\x00\x00\x00\x01Bud1",
                    f"__MACOSX/{BASIC}/._Connections.csv": b"\x00\x05\x16\x07mac",
                    f"{BASIC}/Profile.csv": PROFILE.encode(),
                }
            )
        },
        ok(owner="Wren Halloway"),
    )
    variant(
        "C05_current_header_repeated_at_end_and_total",
        "C",
        {"Connections.csv": render(table() + table()[:1] + [["Total", "", "", "", "", "", "4"]])},
        ok(warns="not a person"),
    )
    variant(
        "C06_current_iso_datetime",
        "C",
        {"Connections.csv": render(table(dates="iso_time"), preamble="none")},
        ok(),
    )
    variant(
        "C07_2021_dotted_short_year",
        "C",
        {
            "Connections.csv": render(
                [
                    r[:-1] + [r[-1][:6] + r[-1][8:]] if i else r
                    for i, r in enumerate(table("2021", "dotted"))
                ],
                sep=";",
                preamble="none",
            )
        },
        ok(),
    )
    variant(
        "C08_current_eu_slashed_with_time_ambiguous_semicolon",
        "C",
        {
            "Connections.csv": render(
                [
                    r[:-1] + [r[-1] + " 09:30"] if i else r
                    for i, r in enumerate(table(dates="eu", when=AMBIGUOUS))
                ],
                sep=";",
                preamble="none",
                bom=True,
            )
        },
        ok(dates=[d.isoformat() for d in AMBIGUOUS], warns="day first"),
    )
    variant(
        "C09_zip_empty_connections",
        "C",
        {"export.zip": zipped({"Connections.csv": b"", "Profile.csv": PROFILE.encode()})},
        refused("empty"),
    )
    variant(
        "C10_preamble_only_no_header",
        "C",
        {"Connections.csv": f'Notes:\n"{NOTES_SENTENCE}"\n\n'.encode()},
        refused("no 'First Name' header"),
    )
    variant(
        "C11_current_utf16_big_endian",
        "C",
        {"Connections.csv": b"\xfe\xff" + render(table(), sep="\t", encoding="utf-16-be")},
        ok(),
    )
    variant(
        "C12_current_csv_with_quoted_newline_in_position",
        "C",
        {
            "Connections.csv": render(
                [
                    r[:5] + [r[5] + "\n(part time)"] + r[6:] if i == 1 else r
                    for i, r in enumerate(table())
                ]
            )
        },
        ok(warns="runs over several lines"),
    )


def main() -> None:
    import shutil

    build()
    manifest = []
    for v in VARIANTS:
        folder = HERE / str(v["name"])
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        files: dict[str, bytes] = v["files"]  # type: ignore[assignment]
        for name, data in files.items():
            (folder / name).write_bytes(data)
        target = next(iter(files)) if len(files) == 1 else "."
        manifest.append({"name": v["name"], "half": v["half"], "add": target, **v["expect"]})  # type: ignore[dict-item]
    (HERE / "expected.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n")
    print(f"{len(VARIANTS)} variants")


_: Callable[..., object] = main
if __name__ == "__main__":
    main()
