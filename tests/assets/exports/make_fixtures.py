"""Write the export fixtures under good/, bad/ and archive/ byte for byte.

Run ``python tests/assets/exports/make_fixtures.py`` after changing it; the
files are committed, so tests never depend on this script. Every person,
company and URL here is invented.
"""

from __future__ import annotations

import random
import zipfile
from pathlib import Path

HERE = Path(__file__).parent
NOTES = (
    'Notes:\n"When exporting your connection data, you may notice that some of the email '
    "addresses are missing. You will only see email addresses for connections who have "
    'allowed their connections to see or download it."\n\n'
)
H2018 = "First Name,Last Name,Email Address,Company,Position,Connected On\n"
H2021 = H2018
HNOW = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
IN = "https://www.linkedin.com/in/"

GOOD: dict[str, bytes] = {
    # a real header spelt without spaces
    "header_without_spaces.csv": (
        b"FirstName,LastName,EmailAddress,Company,Position,ConnectedOn\n"
        b"Rosa,Ilves,,Quietwater,Analyst,14 Mar 2024\n"
        b"Tarek,Saleh,,Brightmoor,Engineer,02 Feb 2023"
    ),
    # cut down by its owner: no last name, URL or email (a European re-save, too)
    "cut_down_columns.csv": (
        b"First Name;Company;Position;Connected On\n"
        b"Inge;Tallgrass;Founder;03.04.2022\n"
        b"Bo;Harbor & Finch;Sales;17.09.2021\n"
    ),
    # re-saved by spreadsheets in other languages, mixed with LinkedIn's own dates
    "localised_dates.csv": (
        H2021
        + "Lucía,Ortega,,Inkwell Labs,Editor,18-ene-20\n"
        + "Jorge,Paz,,Inkwell Labs,Designer,30-oct-09\n"
        + "Marta,Sousa,,Quietwater,Analyst,05-ago-21\n"
        + "Jonas,Weber,,Tallgrass,Engineer,12-Mär-19\n"
        + "Lea,Kraus,,Tallgrass,Engineer,03-Okt-22\n"
        + "Timo,Roth,,Tallgrass,Engineer,1-Dez-20\n"
        + "Chloé,Martin,,Maison Test,Designer,4-févr.-21\n"
        + "Hugo,Petit,,Maison Test,Buyer,9-avr.-22\n"
        + "Giulia,Conti,,Brightmoor,Lawyer,3-mag-21\n"
        + "Sanne,Visser,,Brightmoor,Nurse,15-mrt-18\n"
        + "Rui,Lopes,,Brightmoor,Pilot,11-fev-22\n"
        + "Ivo,Brandt,,Inkwell Labs,Engineer,01 Dec 2016\n"
    ).encode(),
    # 2018: no preamble, e-mail column, quoted US date-times
    "2018.csv": (
        H2018
        + 'Ivo,Brandt,ivo.brandt@example.com,Inkwell Labs,Data Engineer,"1/8/18, 6:14 PM"\n'
        + 'Teo,Lind,,Harbor & Finch,Product Lead,"12/23/17, 9:02 AM"\n'
        + 'Lina,Vale,,Quietwater,Founder,"11/30/17, 12:45 PM"\n'
    ).encode(),
    # 2021 to mid-2023: preamble, no URL, DD Mon YYYY, no final newline
    "2021_preamble.csv": (
        NOTES
        + H2021
        + "Sina,Okafor,,Brightmoor,Recruiter,12 May 2023\n"
        + "Kofi,Mensah,kofi@example.org,Tallgrass,CTO,03 Jan 2022\n"
        + ",,,,,02 Jun 2022\n"
        + "Odile,Fabre,,Maison Test,Designer,28 Feb 2021"
    ).encode(),
    # current: preamble, URL column, hidden row, no final newline
    "current.csv": (
        NOTES
        + HNOW
        + f"Mara,Quill,{IN}mara-quill-7a1b,,Inkwell Labs,Head of Data,13 Feb 2026\n"
        + f"Ivo,Brandt,{IN}ivo-brandt-2c3d,,Inkwell Labs,Data Engineer,01 Feb 2026\n"
        + ",,,,,,02 Jun 2022\n"
        + f"Teo,Lind,{IN}teo-lind-3c4d,urn:li:member:123456,Harbor & Finch,Product Lead,"
        + "17 Nov 2025"
    ).encode(),
    "preamble_deleted.csv": (
        HNOW
        + f"Ada,Nwosu,{IN}ada-nwosu-1f,,Orbitfold,Analyst,09 Sep 2024\n"
        + f"Bram,Dekker,{IN}bram-dekker-9e,,Orbitfold,Engineer,10 Sep 2024\n"
    ).encode(),
    # spreadsheet padding of the preamble lines
    "preamble_comma_padded.csv": (
        "Notes:,,,,,,\n"
        '"When exporting your connection data, you may notice that some of the email '
        'addresses are missing.",,,,,,\n'
        ",,,,,,\n"
        + HNOW
        + f"Cleo,Marchetti,{IN}cleo-marchetti,,Vantablue,COO,21 Mar 2025\n"
        + f"Dario,Conti,{IN}dario-conti,,Vantablue,CFO,22 Mar 2025\n"
    ).encode(),
    # the preamble replaced by a BOM and empty lines
    "bom_empty_lines.csv": b"\xef\xbb\xbf\n\n"
    + (HNOW + f"Elif,Aksoy,{IN}elif-aksoy,,Kestrel,Lawyer,05 Jan 2026").encode(),
    "crlf.csv": (NOTES + HNOW + f"Farah,Haddad,{IN}farah-haddad,,Lumen,Nurse,04 Apr 2024\n")
    .replace("\n", "\r\n")
    .encode(),
    "mixed_line_endings.csv": (
        'Notes:\r\n"When exporting your connection data, emails may be missing."\n\r\n'
        + HNOW.replace("\n", "\r\n")
        + f"Gus,Ferreira,{IN}gus-ferreira,,Tidewell,Chef,06 Jun 2024\n"
        + f"Hana,Sato,{IN}hana-sato,,Tidewell,Sommelier,07 Jun 2024\r\n"
        + f"Ines,Duarte,{IN}ines-duarte,,Tidewell,Host,08 Jun 2024"
    ).encode(),
    "no_final_newline.csv": (
        NOTES + HNOW + f"Jonas,Berg,{IN}jonas-berg,,Fjellstad,Architect,11 Nov 2023"
    ).encode(),
    # re-saved in a spreadsheet: CRLF, D-Mon-YY dates, NA in empty cells
    "spreadsheet_resave.csv": (
        "Notes:,,,,,,\r\n"
        '"When exporting your connection data, you may notice that some of the email '
        'addresses are missing.",,,,,,\r\n'
        ",,,,,,\r\n" + HNOW.replace("\n", "\r\n") + f"Kai,Larsen,{IN}kai-larsen,NA,Nordlys,"
        "Pilot,5-Jan-26\r\n"
        f"Lea,Novak,{IN}lea-novak,NA,NA,NA,23-Apr-10\r\n"
        "NA,NA,NA,NA,NA,NA,2-Jun-22\r\n"
    ).encode(),
    # European re-save: ';', cp1252, dd.mm.yyyy, 'Connected on'
    "european_cp1252.csv": (
        "Notes:;;;;;;\r\n"
        "First Name;Last Name;URL;Email Address;Company;Position;Connected on\r\n"
        f"Jürgen;Müller;{IN}juergen-mueller;;Bäckerei Süß GmbH;Geschäftsführer;13.02.2026\r\n"
        f"Zoë;Lefèvre;{IN}zoe-lefevre;;Café Éclair;Pâtissière;01.12.2025\r\n"
        f"François;Garçon;{IN}francois-garcon;;Crème SARL;Directeur, Ventes;24.06.2024\r\n"
        f"Tomáš;Horváth;{IN}tomas-horvath;;Søren & Østergaard ApS;Ingeniør;03.03.2023\r\n"
    ).encode("cp1252"),
    # broken encoding: some emoji/accents left as invalid UTF-8 bytes
    "invalid_utf8.csv": (
        NOTES.encode()
        + HNOW.encode()
        + b"Noor,Hal\xe9bi,"
        + (IN + "noor-halebi,,Saffron,Chef,02 Feb 2025\n").encode()
        + b"Raf \xf0\x9f\x9a,Osei,"
        + (IN + "raf-osei,,Kumasi Labs,Founder,03 Feb 2025\n").encode()
        + "Tomás,Ruiz,".encode()
        + (IN + "tomas-ruiz,,Olivar,Sales,04 Feb 2025").encode()
    ),
    "hidden_rows.csv": (
        NOTES
        + HNOW
        + ",,,,,,02 Jun 2022\n"
        + f"Uma,Reddy,{IN}uma-reddy,,Monsoon,Analyst,01 Jun 2022\n"
        + ",,,,,,31 May 2022\n"
        + ",,,,,,\n"
        + "\n"
        + f"Viktor,Horvat,{IN}viktor-horvat,,Adria,Captain,30 May 2022\n"
        + ",,,,,,29 May 2022"
    ).encode(),
    # names as members write them: emoji, styled letters, credentials, quotes,
    # pronouns, padding, and two identical rows that are two different members
    "tricky_names.csv": (
        NOTES
        + HNOW
        + f"Devika 🚀,Rao,{IN}devika-rao,,Skyloom,Growth,10 Oct 2025\n"
        + f"𝐒𝐨𝐧𝐚,𝐏𝐢𝐥𝐥𝐚𝐢,{IN}sona-pillai,,Skyloom,Design,09 Oct 2025\n"
        + f'Wes,"Okafor, MBA, PhD",{IN}wes-okafor,,"Okafor & Sons, LLC",Partner,08 Oct 2025\n'
        + f'"James ""JJ""",Tyler,{IN}jj-tyler,,Quarry,Mason,07 Oct 2025\n'
        + f"Rin (she/her),Abe,{IN}rin-abe,,Quarry,Editor,06 Oct 2025\n"
        + f"  Yara  , Haddad ,{IN}yara-haddad,, Lumen , Nurse ,05 Oct 2025\n"
        + "Sam,Lee,,,Acme Widgets,Engineer,04 Oct 2025\n"
        + "Sam,Lee,,,Acme Widgets,Engineer,04 Oct 2025"
    ).encode(),
    "percent_encoded.csv": (
        NOTES
        + HNOW
        + f"Luísa,Fonseca,{IN}lu%C3%ADsa-fonseca-0a1b2c,,Atlântico,Engenheira,12 Dec 2025\n"
        + f"Ana Lúcia,Prado,{IN}ana-l%C3%BAcia-prado,,Atlântico,Gerente,11 Dec 2025"
    ).encode(),
    # columns moved and unknown ones added: read by name, not position
    "extra_columns.csv": (
        "connected on,Position,Company,Notes,First Name,Last Name,URL,Tags\n"
        f"14 Aug 2024,Curator,Gallery Nine,met at fair,Pia,Sandoval,{IN}pia-sandoval,art\n"
    ).encode(),
    # an Excel "Unicode text" save: UTF-16LE with BOM, tab separated
    "utf16_tabs.csv": "\ufeff".encode("utf-16-le")
    + (HNOW.replace(",", "\t") + f"Quinn\tAshby\t{IN}quinn-ashby\t\tMoorland\tVet\t15 Jul 2024\n")
    .replace("\n", "\r\n")
    .encode("utf-16-le"),
}

BAD: dict[str, bytes] = {
    "empty.csv": b"",
    "binary_png.csv": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06"
    + bytes(range(256)),
    "other_columns.csv": b"Name,Organisation,Title\nMara Quill,Inkwell Labs,Head of Data\n",
    "header_only.csv": (NOTES + HNOW.rstrip("\n")).encode(),
    "only_hidden_rows.csv": (NOTES + HNOW + ",,,,,,02 Jun 2022\n,,,,,,03 Jun 2022").encode(),
    # no name column at all: refused, naming the columns it has
    "no_name_column.csv": b"Company,Position,Connected On\nInkwell,CTO,13 Feb 2026\n",
    "random_garbage.csv": random.Random(7).randbytes(2048),
    "lorem.csv": b"Lorem ipsum dolor sit amet, consectetur adipiscing elit.\n" * 30,
    "not_a_zip.zip": b"PK\x03\x04 this is not really a zip archive\n",
}

ARCHIVE: dict[str, str] = {
    "Connections.csv": NOTES
    + HNOW
    + f"Ivo,Brandt,{IN}ivo-brandt-2c3d,,Inkwell Labs,Data Engineer,01 Feb 2026\n"
    + f"Teo,Lind,{IN}teo-lind-3c4d,,Harbor & Finch,Product Lead,17 Nov 2025\n"
    + f"Lina,Vale,{IN}lina-vale-4e5f,,Quietwater,Founder,02 Oct 2025\n"
    + f"Sina,Okafor,{IN}sina-okafor-5a6b,,Brightmoor,Recruiter,12 May 2023\n"
    + f"Kofi,Mensah,{IN}kofi-mensah-6c7d,,Tallgrass,CTO,03 Jan 2022",
    "Profile.csv": "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,"
    "Industry,Zip Code,Geo Location,Twitter Handles,Websites,Instant Messengers\n"
    'Mara,Quill,,,,"Head of Data, Inkwell Labs",,Software,,"Lisbon, Portugal",,,\n',
    "messages.csv": (
        "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
        "DATE,SUBJECT,CONTENT,FOLDER,ATTACHMENTS,IS MESSAGE DRAFT,IS CONVERSATION DRAFT\n"
        # a two-way thread, with a multi-line message holding the planted marker
        f"c1,,Ivo Brandt,{IN}ivo-brandt-2c3d,Mara Quill,{IN}mara-quill-7a1b,"
        '2024-03-01 10:22:05 UTC,Coffee?,"Hi Mara,\nfancy a coffee? SECRET-MARKER-7f3a",'
        "INBOX,,No,No\n"
        f"c1,,Mara Quill,{IN}mara-quill-7a1b,Ivo Brandt,{IN}ivo-brandt-2c3d,"
        '2024-03-02 08:00:00 UTC,Re: Coffee?,"Sure, ""Thursday""?\r\nM.",INBOX,,No,No\n'
        f"c1,,Ivo Brandt,{IN}ivo-brandt-2c3d,Mara Quill,{IN}mara-quill-7a1b,"
        "2024-03-02 09:30:00 UTC,,Thursday works.,INBOX,,No,No\n"
        # a group chat: one message to two people counts for each of them
        f'c2,Launch,Mara Quill,{IN}mara-quill-7a1b,"Ivo Brandt, Teo Lind",'
        f'"{IN}ivo-brandt-2c3d,{IN}teo-lind-3c4d",2025-01-10 12:00:00 UTC,,'
        "Launch on Monday,INBOX,,No,No\n"
        f'c2,Launch,Teo Lind,{IN}teo-lind-3c4d,"Mara Quill, Ivo Brandt",'
        f'"{IN}mara-quill-7a1b,{IN}ivo-brandt-2c3d",2025-01-11 07:15:00 UTC,,'
        "Great news,INBOX,,No,No\n"
        # sponsored, from 'LinkedIn Member' without URL: not a person
        f"c3,,LinkedIn Member,,Mara Quill,{IN}mara-quill-7a1b,2025-02-01 09:00:00 UTC,"
        "Grow your career,Sponsored SECRET-MARKER-7f3a,INBOX,,No,No\n"
        # a draft never sent
        f"c4,,Mara Quill,{IN}mara-quill-7a1b,Sina Okafor,{IN}sina-okafor-5a6b,"
        "2025-03-01 10:00:00 UTC,,Draft SECRET-MARKER-7f3a,DRAFT,,Yes,Yes\n"
        f"c5,,Lina Vale,{IN}lina-vale-4e5f,Mara Quill,{IN}mara-quill-7a1b,"
        "2025-04-01 10:00:00 UTC,Hello,Nice to meet you,INBOX,,No,No\n"
    ),
    "Invitations.csv": (
        "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
        f'Mara Quill,Sina Okafor,"4/2/23, 12:00 AM","Hi Sina, we met at the fair.",OUTGOING,'
        f"{IN}mara-quill-7a1b,{IN}sina-okafor-5a6b\n"
        f'Kofi Mensah,Mara Quill,"1/3/22, 9:15 AM",,INCOMING,{IN}kofi-mensah-6c7d,'
        f"{IN}mara-quill-7a1b\n"
    ),
    "Endorsement_Received_Info.csv": (
        "Endorsement Date,Skill Name,Endorser First Name,Endorser Last Name,"
        "Endorser Public Url,Endorsement Status\r\n"
        "2022/04/01 11:05:54 UTC,SQL,Teo,Lind,www.linkedin.com/in/teo-lind-3c4d,ACCEPTED\r\n"
        "2023/06/12 08:00:00 UTC,Python,Teo,Lind,www.linkedin.com/in/teo-lind-3c4d,ACCEPTED\r\n"
        "2021/01/05 17:30:00 UTC,Leadership,Ivo,Brandt,www.linkedin.com/in/ivo-brandt-2c3d,"
        "ACCEPTED\r\n"
    ),
    "Recommendations_Received.csv": (
        "First Name,Last Name,Company,Job Title,Text,Creation Date,Status\n"
        'Ivo,Brandt,Inkwell Labs,Data Engineer,"Mara is a great lead.\nSECRET-MARKER-7f3a",'
        '"03/14/24, 10:00 AM",VISIBLE\n'
    ),
    "Recommendations_Given.csv": (
        "First Name,Last Name,Company,Job Title,Text,Creation Date,Status\n"
        'Lina,Vale,Quietwater,Founder,"Lina builds calm teams.","11/02/23, 4:20 PM",VISIBLE\n'
    ),
}


def _zip_with_evil_entry(path: Path) -> None:
    """A zip with a usable Connections.csv and an entry that climbs out with '..'."""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            zipfile.ZipInfo("Connections.csv", (2026, 2, 13, 0, 0, 0)), ARCHIVE["Connections.csv"]
        )
        archive.writestr(zipfile.ZipInfo("../evil", (2026, 2, 13, 0, 0, 0)), "boom")


def _zip_without_connections(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        for name in ("Profile.csv", "messages.csv"):
            archive.writestr(zipfile.ZipInfo(name, (2026, 2, 13, 0, 0, 0)), ARCHIVE[name])


def main() -> None:
    for folder, files in (("good", GOOD), ("bad", BAD)):
        (HERE / folder).mkdir(exist_ok=True)
        for name, data in files.items():
            (HERE / folder / name).write_bytes(data)
    _zip_with_evil_entry(HERE / "bad" / "evil_entry.zip")
    _zip_without_connections(HERE / "bad" / "no_connections.zip")
    (HERE / "archive").mkdir(exist_ok=True)
    for name, text in ARCHIVE.items():
        (HERE / "archive" / name).write_bytes(text.encode())


if __name__ == "__main__":
    main()
