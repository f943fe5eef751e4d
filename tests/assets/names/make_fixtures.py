"""Write the name fixtures: a team folder whose exports carry names as people write them.

Run ``python tests/assets/names/make_fixtures.py`` after changing it; the files
are committed. Every person, company and URL here is invented; each class of
decoration is one seen in real exports (see docs/identity.md).
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).parent
NOTES = (
    'Notes:\n"When exporting your connection data, you may notice that some of the email '
    "addresses are missing. You will only see email addresses for connections who have "
    'allowed their connections to see or download it."\n\n'
)
HNOW = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
H2018 = "First Name,Last Name,Email Address,Company,Position,Connected On\n"
IN = "https://www.linkedin.com/in/"

#: (first, last, slug, company, position): one row per class of decoration.
DECORATED = [
    (
        "Ilse",
        '"Varga, Certified Leadership Coach"',
        "ilse-varga-1a",
        "Fabrikam Technologies",
        "Coach",
    ),
    ("Chidi", '"Okoro, MBA, PMP, CSM"', "chidi-okoro-2b", "Tailspin", "Programme Manager"),
    ("Anil", '"Rao, Distinguished Service Medal (Retd)"', "anil-rao-3c", "Tailspin", "Adviser"),
    ("Eva", '"Lindqvist, PhD Author"', "eva-lindqvist-4d", "Litware", "Writer"),
    ("Thabo", "Mbeki Ph.D. 🇰🇪✌🏾", "thabo-mbeki-5e", "Litware", "Researcher"),
    ("Karin", "Holm (f.d. Nilsson)", "karin-holm-6f", "Proseware", "Analyst"),
    ("Olena", "Kovalenko (Petrova)", "olena-kovalenko-7a", "Proseware", "Engineer"),
    ("Maja", "Berg (née Lund)", "maja-berg-8b", "Proseware", "Designer"),
    ("Laura M.", "Quinn", "laura-quinn-9c", "Wingtip", "CFO"),
    ("LTC Johan", "Sand", "johan-sand-1d", "Wingtip", "Security Lead"),
    ("Dr Md Rafiq", "Hossain", "rafiq-hossain-2e", "Wingtip", "Physician"),
    ("Prof. Elena", "Rossi", "elena-rossi-3f", "Wingtip", "Professor"),
    ("📈 Marta", "Okafor 🇳🇬🇬🇧", "marta-okafor-4a", "Adatum", "Growth"),
    ('"James ""Tyler"""', "Smith", "james-smith-5b", "Adatum", "Sales"),
    ("Priya", "Raman (she/her)", "priya-raman-6c", "Adatum", "Recruiter"),
    ("Omar", "Haddad - عمر حداد", "omar-haddad-7d", "Adatum", "Engineer"),
    ("Wei", "ZHANG · 张伟", "wei-zhang-8e", "Adatum", "Engineer"),
    ("Тоm", "Bаker", "tom-baker-9f", "Adatum", "Engineer"),  # Cyrillic Т, о and а
    ("𝓩𝓪𝓻𝓪", "Vance", "zara-vance-1b", "Adatum", "Designer"),
    ("Mikael", "Berg", "mikael-berg-2c", "Contoso", "Buyer"),
    ("Ada", "Nord", "ada-nord-3d", "Contoso Group", "CEO"),
    ("Ben", "Falk", "ben-falk-4e", "Contoso Cars", "Mechanic"),
    ("Cleo", "Marsh", "cleo-marsh-5f", "Northwind", "Data Lead"),
]

FILES: dict[str, str] = {
    # a current export whose names carry every class of decoration
    "team/ingrid-sol/Connections.csv": NOTES
    + HNOW
    + "\n".join(
        f"{first},{last},{IN}{slug},,{company},{position},13 Feb 2026"
        for first, last, slug, company, position in DECORATED
    ),
    # a 2018 export (no URLs): the bare "Ilse Varga" at Fabrikam is the coach above
    "team/Tomas Lind.csv": H2018
    + 'Ilse,Varga,,Fabrikam,Coach,"1/8/18, 6:14 PM"\n'
    + 'Cleo,Marsh,,Northwind,Data Lead,"3/2/18, 9:00 AM"\n',
    # another 2018 export: an "Ilse Varga" at another company stays another person
    "team/Ravi Menon.csv": H2018 + 'Ilse,Varga,,Globex,Teacher,"5/5/18, 10:00 AM"\n',
}


PROFILE = (
    "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,"
    "Geo Location,Twitter Handles,Websites,Instant Messengers\n"
)
SMALL = NOTES + HNOW + f"Noa,Field,{IN}noa-field-1a,,Litware,Editor,02 Jan 2026"
OTHER = NOTES + HNOW + f"Per,Ahl,{IN}per-ahl-2b,,Tailspin,Pilot,03 Jan 2026"
FILES.update(
    {
        # one colleague twice in one team folder: a folder and a CSV named after her
        "collide/jane-doe/Connections.csv": SMALL,
        "collide/Jane Doe.csv": OTHER,
        # two archives whose Profile.csv name the same person, in folders that name no one
        "collide_profiles/owner-1/Connections.csv": SMALL,
        "collide_profiles/owner-1/Profile.csv": PROFILE + "Jane,Doe,,,,Analyst,,,,,,,\n",
        "collide_profiles/owner-2/Connections.csv": OTHER,
        "collide_profiles/owner-2/Profile.csv": PROFILE + 'Jane,"Doe, MBA",,,,Analyst,,,,,,,\n',
        # folders that name no one and no Profile.csv: the owner cannot be told
        "generic/owner-1/Connections.csv": SMALL,
        "generic/owner-2/Connections.csv": OTHER,
        # a team folder with one file that cannot be read between two good ones
        "keep_going/ana-ruiz.csv": SMALL,
        "keep_going/bo-lind.csv": "Company,Position,Connected On\nInkwell,CTO,13 Feb 2026\n",
        "keep_going/cy-moss.csv": OTHER,
    }
)


def main() -> None:
    for name, text in FILES.items():
        path = HERE / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode())


if __name__ == "__main__":
    main()
