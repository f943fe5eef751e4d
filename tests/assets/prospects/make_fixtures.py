"""Write the lead-list fixtures: ``good/`` lists refpath must read, ``bad/`` ones it must refuse.

Run ``python tests/assets/prospects/make_fixtures.py`` after changing a fixture here;
the files are committed. Each good file is one shape a real lead list comes in (CRM and
Sales Navigator exports, spreadsheet re-saves, typed lists); each bad file is one way a
user's file can fail. ``tests/test_prospects.py`` parametrizes over both folders.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent

GOOD: dict[str, bytes] = {
    "sales_navigator.csv": (
        b"First Name,Last Name,Company,Title,LinkedIn URL,Notes\n"
        b"Jane,Doe,Acme Robotics,VP Operations,https://www.linkedin.com/in/jane-doe,Met at expo\n"
        b'Sam,Lee,,,,"Referred, company unknown"\n'
        b"Priya,Raman,Initech,CTO,,\n"
    ),
    "crm_semicolon_bom.csv": (
        "\ufeffFull Name;Account Name;Owner;Stage\r\n"
        "Ana Lúcia Ferreira;Umbrella;Alex;Qualified\r\n"
        "Tom Baker;Acme Robotics;Alex;New\r\n"
    ).encode(),
    "tabs.tsv": (
        b"Name\tCompany\tProfile URL\n"
        b"Jane Doe\tAcme Robotics\t\n"
        b"\t\thttps://www.linkedin.com/in/sam-lee-globex/\n"
    ),
    "plain_names.txt": (
        b"# prospects for Q1\nJane Doe\n\n  Tom Baker  \nlinkedin.com/in/sam-lee-globex\n"
    ),
    "preamble.csv": (b"Leads exported 24 Nov 2026\n\nName,Company\nJane Doe,Acme Robotics\n"),
    "european_cp1252.csv": "First Name;Last Name;Company\nJürgen;Müller;Zoë GmbH\n".encode(
        "cp1252"
    ),
    "trailing_delimiters.csv": (b"Name,Company,,,\nJane Doe,Acme Robotics,,,\n"),
    "duplicate_columns.csv": (b"Name,Notes,Notes,Status\nJane Doe,first,second,Hot\n"),
    "quoted_multiline.csv": (
        b'Name,Company,Notes\n"Doe, Jane",Acme Robotics,"two\nlines"\nTom Baker,Acme Robotics,\n'
    ),
    "utf16.csv": "Name,Company\nJane Doe,Acme Robotics\n".encode("utf-16"),
    "only_url.csv": (b"Profile URL\nhttps://www.linkedin.com/in/jane-doe\nnot a url\n"),
}

BAD: dict[str, bytes] = {
    "empty.csv": b"",
    "blank_lines.txt": b"\n  \n\t\n",
    "header_only.csv": b"First Name,Last Name,Company\n",
    "no_name_column.csv": b"Company,Title\nAcme Robotics,CEO\n",
    "unclosed_quote.csv": b'Name,Company\nJane Doe,Acme\n"Tom Baker,Acme\n',
    "stray_quote.csv": b'Name,Company\n"Jane" Doe,Acme\n',
    "spreadsheet.xlsx": b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00" + bytes(range(256)) * 4,
    "comments_only.txt": b"# nobody yet\n# still nobody\n",
    "rows_without_names.csv": b"Name,Company\n,Acme Robotics\n,Globex\n",
}


def main() -> None:
    for folder, files in (("good", GOOD), ("bad", BAD)):
        (HERE / folder).mkdir(exist_ok=True)
        for name, data in files.items():
            (HERE / folder / name).write_bytes(data)


if __name__ == "__main__":
    main()
