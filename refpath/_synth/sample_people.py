"""The planted demo team's data: six sellers at Northwind Analytics and whom they know.

The colleagues and how each one's export looks (``TEAM``), who of them are
connected and since when (``TEAM_EDGES``), the people planted in their exports
(``PLANTED``, the facts listed in ``sample_exports/README.md``), the invented
companies per industry, the message threads and archive files of Alex's and Bob's
exports, and the demo lead list. ``refpath._synth.sample_team`` writes them out byte for
byte. Everyone here is invented.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from refpath._synth.formats import Row

NORTHWIND = "Northwind Analytics"
PROSPECTS_HEADER = "First Name,Last Name,Company,Title,Notes"


def _p(first: str, last: str, slug: str, company: str, position: str, email: str = "") -> Row:
    return Row(first, last, slug, company, position, email)


# The team. Riley and Bob appear in each other's exports, and so on (TEAM_EDGES).
ALEX = _p("Alex", "Rivera", "alex-rivera-nwa", NORTHWIND, "Account Executive")
BOB = _p("Bob", "Okafor", "bob-okafor-3c9d1e", NORTHWIND, "Senior Account Executive")
CAROL = _p("Carol", "Mendes", "carol-mendes-77a0b2", NORTHWIND, "Solutions Engineer")
DEV = _p("Dev", "Patel", "dev-patel-5e21f0", NORTHWIND, "Sales Engineer")
RILEY = _p("Riley", "Chen", "riley-chen-b04c7a", NORTHWIND, "Business Development Representative")
SAM = _p("Sam", "Weber", "sam-weber-e1f9a3", NORTHWIND, "Account Executive, DACH")
# Dev's 2018 export shows Alex at his job of the time.
ALEX_2018 = ALEX._replace(
    company="Harborline Software", position="Sales Development Representative"
)

# Planted people (see README). Acme Robotics has only these eight people in the data.
JANE = _p("Jane", "Doe", "jane-doe-8a1f42", "Acme Robotics", "VP Operations")
TOM = _p("Tom", "Baker", "tom-baker-acme", "Acme Robotics", "Director of Manufacturing")
LINH = _p("Linh", "Tran", "linh-tran-0b7e55", "Acme Robotics", "Robotics Engineer")
MARCO = _p("Marco", "Bellini", "marcobellini", "Acme Robotics", "Head of Sales")
GRACE = _p("Grace", "Holm", "grace-holm-c41d09", "Acme Robotics", "Field Service Lead")
OMAR = _p("Omar", "Haddad", "omar-haddad-6a2f13", "Acme Robotics", "CFO")
ELENA = _p("Elena", "Sokolova", "elena-sokolova-e8c210", "Acme Robotics", "Product Manager")
HUGO = _p("Hugo", "Lambert", "hugo-lambert-2d9b4c", "Acme Robotics", "Mechanical Engineer")
SAM_LEE_ENERGY = _p("Sam", "Lee", "sam-lee-4b1e2a", "Brightwave Energy", "Procurement Lead")
SAM_LEE_HEALTH = _p("Sam", "Lee", "samlee-pulse", "Pulsewise", "CTO")
ANA = _p(
    "Ana Lúcia",
    "Ferreira",
    "ana-l%C3%BAcia-ferreira-1a2b3c",
    "Meridale Health",
    "Head of Clinical Operations",
)
PRIYA = _p("Priya", "Raman 🚀", "priya-raman-9c2d11", "Sunstack Solar", "Founder & CEO")
NADIA = _p("Nadia", "Qureshi", "nadia-qureshi-31f0aa", "Ledgerwise", "CFO")
HENRIK = _p("Henrik", "Dahl", "henrik-dahl-77b3e0", "Gridline Storage", "Head of Data")
MEI = _p("Mei", "Tanaka", "mei-tanaka-5c8a61", "Tallymark", "VP Finance", "mei.tanaka@example.org")
LUCAS = _p(
    "Lucas", "Moreau", "lucas-moreau-a90f3d", "Juniper Outfitters", "Director of Supply Chain"
)
FATIMA = _p("Fatima", "Nasser", "fatima-nasser-1e4b7c", "Carevale", "COO")
DIEGO = _p("Diego", "Alvarez", "diego-alvarez-b25e08", "Kestrel Motion Systems", "VP Engineering")
KWAME = _p("Kwame", "Mensah", "kwame-mensah-3f6d92", "Solvane Power", "CTO")
OLIVIA = _p("Olivia", "Grant", "olivia-grant-d07c4e", "Tidewater Grocers", "Head of Operations")
HANNAH = _p("Hannah", "Whitfield", "hannah-whitfield-nwa", NORTHWIND, "CEO")
JONAS = _p("Jonas", "Keller", "jonas-keller-8e1a77", NORTHWIND, "VP Sales")
RUTH = _p("Ruth", "Adeyemi", "ruth-adeyemi-4c0f19", NORTHWIND, "Marketing Manager")
GRETA = _p("Greta", "Lindqvist", "greta-lindqvist-9a3b6e", "Harborline Software", "Sales Manager")
PAOLO = _p(
    "Paolo",
    "Conti",
    "paolo-conti-61d2f8",
    "Harborline Software",
    "Sales Development Representative",
)
STAFF = (HANNAH, JONAS, RUTH)


@dataclass(frozen=True)
class Colleague:
    """One seller of the demo team and how their export is made."""

    key: str
    me: Row
    industries: tuple[str, str]
    random_rows: int  # invented connections on top of the planted ones
    hidden: int
    since: date  # first connection
    exported: date  # last possible "Connected On"
    fmt: str


TEAM = (
    Colleague(
        "alex", ALEX, ("fintech", "retail"), 160, 2, date(2012, 5, 1), date(2026, 11, 19), "current"
    ),
    Colleague(
        "bob", BOB, ("robotics", "energy"), 125, 1, date(2010, 9, 1), date(2026, 11, 16), "current"
    ),
    Colleague(
        "carol", CAROL, ("health", "robotics"), 100, 1, date(2011, 3, 1), date(2023, 5, 12), "2021"
    ),
    Colleague(
        "dev", DEV, ("fintech", "health"), 62, 0, date(2012, 1, 10), date(2018, 11, 4), "2018"
    ),
    Colleague(
        "riley", RILEY, ("robotics", "health"), 95, 1, date(2016, 6, 1), date(2026, 11, 15), "sheet"
    ),
    Colleague(
        "sam", SAM, ("energy", "retail"), 80, 1, date(2013, 2, 1), date(2026, 10, 28), "euro"
    ),
)
TEAM_EDGES = {
    ("alex", "bob"): date(2022, 3, 14),
    ("alex", "carol"): date(2022, 3, 15),
    ("alex", "riley"): date(2024, 6, 3),
    ("alex", "sam"): date(2025, 2, 10),
    ("alex", "dev"): date(2017, 9, 12),
    ("bob", "carol"): date(2020, 1, 20),
    ("bob", "riley"): date(2024, 6, 5),
    ("bob", "sam"): date(2025, 2, 11),
    ("bob", "dev"): date(2019, 4, 8),
    ("carol", "riley"): date(2024, 6, 4),
    ("carol", "sam"): date(2025, 2, 12),
    ("carol", "dev"): date(2016, 5, 2),
    ("riley", "sam"): date(2025, 3, 1),
    ("riley", "dev"): date(2024, 7, 9),
    ("sam", "dev"): date(2025, 2, 13),
}
PLANTED = {
    "alex": [(NADIA, date(2023, 6, 20)), (GRETA, date(2017, 7, 3)), (PAOLO, date(2018, 2, 1))],
    "bob": [
        (JANE, date(2016, 3, 14)),
        (LINH, date(2021, 6, 2)),
        (MARCO, date(2019, 9, 23)),
        (OMAR, date(2022, 1, 11)),
        (SAM_LEE_ENERGY, date(2023, 4, 11)),
        (PRIYA, date(2024, 1, 19)),
        (HENRIK, date(2020, 10, 5)),
        (DIEGO, date(2018, 5, 30)),
        (KWAME, date(2021, 2, 17)),
    ],
    "carol": [
        (TOM, date(2022, 8, 17)),
        (OMAR, date(2021, 11, 4)),
        (ANA, date(2022, 2, 8)),
        (FATIMA, date(2020, 6, 15)),
        (DIEGO, date(2019, 3, 21)),
    ],
    "dev": [
        (HUGO._replace(email="hugo.lambert@example.net"), date(2017, 4, 12)),
        (MEI, date(2016, 11, 2)),
    ],
    "riley": [
        (JANE, date(2026, 10, 21)),
        (MARCO, date(2025, 3, 12)),
        (ELENA, date(2025, 11, 3)),
        (SAM_LEE_HEALTH, date(2025, 7, 8)),
        (ANA, date(2025, 9, 30)),
        (FATIMA, date(2024, 12, 2)),
        (DIEGO, date(2025, 5, 19)),
    ],
    "sam": [
        (GRACE, date(2024, 5, 7)),
        (PRIYA, date(2023, 9, 14)),
        (HENRIK, date(2025, 1, 20)),
        (LUCAS, date(2022, 10, 3)),
        (OLIVIA, date(2024, 3, 26)),
    ],
}
# Invented companies, 13 per industry cluster, biggest first (Acme Robotics is only planted).
COMPANIES = {
    "robotics": "Kestrel Motion Systems|Tessel Automation|Ironfern Robotics|Halvorsen Machines|"
    "Corvane Dynamics|Pellucid Robotics|Brightgear Automation|Orrin Mechatronics|"
    "Stoneward Industrial|Lumatic Controls|Verrow Drives|Quarrel Labs|Nettle Robotics",
    "fintech": "Ledgerwise|Tallymark|Quillpay|Fernbank Payments|Cobaltline Credit|"
    "Moneta Harbor|Parcel Capital|Sablewood Bank|Clearbrook Lending|Penrose Ledger|"
    "Kitefin|Silverbirch Insurance|Harborcoin Exchange",
    "health": "Meridale Health|Carevale|Pulsewise|Brightwell Clinics|Sunfield Diagnostics|"
    "Northcape Medical|Thistle Therapeutics|Oakhaven Care|Veridia Bio|Calmwater Health|"
    "Redfern Genomics|Mosswood Pharmacy|Lumen Pathways",
    "retail": "Juniper Outfitters|Tidewater Grocers|Parlor & Pine|Brambleton Goods|"
    "Cartwheel Market|Hollis Home|Maple Row Apparel|Foxglove Beauty|Larkspur Living|"
    "Copperpot Kitchens|Dune & Drift|Harlow Supply|Kestrel Retail",
    "energy": "Brightwave Energy|Gridline Storage|Solvane Power|Sunstack Solar|"
    "Windrow Renewables|Emberfield Energy|Tidal Arc|Heliostat Works|Ampere Valley|"
    "Northmist Hydro|Voltaic Fields|Redkite Grid|Coalridge Utilities",
}
# A recruiter who invited Alex and is not in anyone's connections.
STRANGER = _p("Victor", "Hale", "victor-hale-2b9d40", "Talentbridge", "Recruiter")

# The threads in Alex's and Bob's archives, one message a line: thread|from>to+to|when|text.
# "chatty" and "silent" are two of Alex's invented connections; "member" is a sponsor;
# a literal \n in a text is a line break.
THREADS = r"""
alex-bob|alex>bob|2026-09-08 09:12:40|Got a minute for the Acme account plan?
alex-bob|bob>alex|2026-09-08 09:30:02|Sure, call me after standup.
alex-bob|alex>bob|2026-09-21 16:05:11|Thanks for the deck, I reused slides 4-7.
alex-bob|bob>alex|2026-09-21 16:44:57|Anytime!
alex-bob|alex>bob|2026-10-02 11:00:03|Lunch Thursday?
alex-bob|bob>alex|2026-10-02 11:03:19|Yes, the usual place.
nadia|alex>nadia|2023-06-21 10:02:00|Thanks for connecting, Nadia!
nadia|nadia>alex|2023-06-22 08:45:31|Likewise. Send me the case study when it's out.
nadia|alex>nadia|2025-03-04 14:20:09|Pricing as discussed, between us please: SECRET-MARKER-7f3a
nadia|nadia>alex|2025-03-05 09:01:44|Got it, thanks.\nI'll take it to our finance team,\nNadia
nadia|alex>nadia|2026-10-16 13:37:12|Checking in before your budget cycle, any news?
greta|greta>alex|2019-01-15 17:02:08|Proud of you for that quarter!
greta|alex>greta|2019-01-15 18:40:51|Couldn't have done it without you.
greta|alex>greta|2022-02-25 12:05:30|Starting at Northwind next month. Thanks for everything!
chatty|alex>chatty|2025-11-03 15:00:00|Great panel yesterday!
chatty|chatty>alex|2025-11-04 08:12:05|Thank you, glad it was useful.
chatty|alex>chatty|2025-11-04 09:30:41|Coffee next time you're in Austin?
silent|alex>silent|2026-06-09 10:10:10|Hi, do you have 20 minutes for a quick intro call?
group|riley>alex+bob|2026-10-12 09:00:00|Adding both of you for Q4 planning.
group|bob>alex+riley|2026-10-12 09:14:26|Robotics list is in the shared sheet.
group|alex>bob+riley|2026-10-13 08:55:02|Fintech and retail targets added, too.
group|riley>alex+bob|2026-10-14 17:21:37|Great, see you Monday.
ad|member>alex|2026-11-02 07:00:00|Teams like yours close deals 30% faster. Book a demo today.
marco|bob>marco|2020-02-10 10:00:00|Good to meet at the robotics summit.
marco|marco>bob|2020-02-11 14:22:13|Likewise, let's keep in touch.
marco|marco>bob|2025-04-02 09:48:07|Are you at Automate this year?
marco|bob>marco|2025-04-02 11:05:55|Yes, booth 1120, come by!
linh|linh>bob|2021-06-03 12:00:00|Thanks for the invite!
linh|bob>linh|2021-06-03 12:30:00|Welcome to the network, Linh.
"""
THREAD_TITLES = {"group": "Q4 pipeline sync"}
THREAD_SUBJECTS = {"ad": "Alex, grow your pipeline this quarter"}
JANE_LINES = (
    ("Hi Jane, good to see you at the trade show.", "Great to catch up, Bob!"),
    ("How is the new plant coming along?", "Busy, but on schedule. Thanks for asking."),
    ("Sharing the benchmark report I mentioned.", "Very useful, passed it to my team."),
    ("Congrats on the promotion!", "Thank you! Lots of new things to learn."),
    ("Any plans for the conference in Detroit?", "Yes, let's grab a coffee there."),
)

ENDORSEMENTS = """\
Endorsement Date,Skill Name,Endorser First Name,Endorser Last Name,Endorser Public Url,\
Endorsement Status
2026/04/02 18:03:11 UTC,Solution Selling,Bob,Okafor,www.linkedin.com/in/bob-okafor-3c9d1e,ACCEPTED
2026/04/02 18:03:09 UTC,SaaS,Bob,Okafor,www.linkedin.com/in/bob-okafor-3c9d1e,ACCEPTED
2025/01/14 07:55:40 UTC,Negotiation,Nadia,Qureshi,www.linkedin.com/in/nadia-qureshi-31f0aa,ACCEPTED
{endorser}
2021/05/06 12:00:58 UTC,Cold Calling,Greta,Lindqvist,www.linkedin.com/in/greta-lindqvist-9a3b6e,\
ACCEPTED
2021/05/06 12:00:51 UTC,Salesforce.com,Greta,Lindqvist,www.linkedin.com/in/greta-lindqvist-9a3b6e,\
ACCEPTED
"""
RECOMMENDATIONS_RECEIVED = """\
First Name,Last Name,Company,Job Title,Text,Creation Date,Status
Greta,Lindqvist,Harborline Software,Sales Manager,"Alex was the most consistent SDR on my team: \
curious, prepared and kind to prospects.","03/02/22, 04:12 PM",VISIBLE
Bob,Okafor,Northwind Analytics,Senior Account Executive,Alex runs the cleanest deals I have seen.\
 Great partner on joint accounts.,"06/18/25, 10:03 AM",VISIBLE
"""
RECOMMENDATIONS_GIVEN = """\
First Name,Last Name,Company,Job Title,Text,Creation Date,Status
Riley,Chen,Northwind Analytics,Business Development Representative,Riley books meetings with \
people who actually need us.,"12/01/25, 09:30 AM",VISIBLE
Paolo,Conti,Harborline Software,Sales Development Representative,"Paolo learns fast, and never \
drops a follow-up.","11/23/21, 03:47 PM",VISIBLE
"""
ALEX_POSITIONS = """\
Company Name,Title,Description,Location,Started On,Finished On
Northwind Analytics,Account Executive,"New business, mid-market fintech and retail.",\
"Austin, Texas, United States",Mar 2022,
Harborline Software,Sales Development Representative,Outbound prospecting for the SMB team.,\
"Austin, Texas, United States",Jun 2017,Feb 2022
"""

PROSPECTS = (
    ("Jane", "Doe", "Acme Robotics", "VP Operations", "Met at the Automate expo booth"),
    ("Sam", "Lee", "", "", "Referred by a customer, company unknown"),
    ("Sam", "Lee", "Brightwave Energy", "Procurement Lead", "RFP expected in Q1"),
    ("Ana Lúcia", "Ferreira", "Meridale Health", "Head of Clinical Operations", ""),
    ("Priya", "Raman", "Sunstack Solar", "Founder & CEO", "Raised a Series B, hiring ops"),
    ("Tom", "Baker", "Acme Robotics", "Director of Manufacturing", ""),
    ("Quentin", "Oyelaran", "Harrowgate Foods", "COO", "Cold inbound from the website"),
    ("Nadia", "Qureshi", "Ledgerwise", "CFO", "Expansion to the finance team"),
    ("Marco", "Bellini", "Acme Robotics", "Head of Sales", ""),
    ("Henrik", "Dahl", "Gridline Storage", "Head of Data", "Evaluating vendors now"),
    ("Mei", "Tanaka", "Tallymark", "VP Finance", ""),
    ("Lucas", "Moreau", "Juniper Outfitters", "Director of Supply Chain", ""),
    ("Fatima", "Nasser", "Carevale", "COO", "Opened our pricing email twice"),
    ("Diego", "Alvarez", "Kestrel Motion Systems", "VP Engineering", ""),
    ("Kwame", "Mensah", "Solvane Power", "CTO", ""),
    ("Olivia", "Grant", "Tidewater Grocers", "Head of Operations", "Invitation sent in October"),
)
