"""What invented people are made of: name, title, industry and message pools, and quirks.

The seeded generator (``refpath._synth.teams``) and the planted demo team
(``refpath._synth.sample_team``) draw their people from the pools here, give a few of them
the name quirks real exports show (emoji, credentials, pronouns, styled letters,
stray spaces, nicknames), name invented companies per industry and spread
connection days towards recent years. Standard library only; every draw comes
from the ``random.Random`` passed in.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date

# Invented pools, kept as compact strings (hence the SIM905 waivers). Order matters:
# earlier names are drawn more often (Zipf-like).
FIRST_NAMES = (  # noqa: SIM905
    "James Maria David Sarah Michael Laura Daniel Anna Chris Emma Thomas Sofia John Olivia Mark "
    "Julia Paul Elena Peter Hannah Kevin Grace Brian Chloé Ryan Nina Jason Lea Eric Mia Adam Zoë "
    "Alex Lucy Sam Amir Priya Omar Aisha Wei Mei Hiroshi Yuki Kenji Aiko Raj Ananya Vikram Deepa "
    "Arjun Kavya Carlos Lucía José Mateo Camila Diego Valentina Andrés Inês João Beatriz Tiago "
    "Marta Luca Giulia Marco Chiara Pierre Camille Louis Amélie Hugo Léa Jonas Lena Felix Anja "
    "Lukas Jana Søren Freja Björn Ingrid Erik Astrid Łukasz Zofia Piotr Agnieszka Tomáš Petra "
    "Ivan Olga Dmitri Katya Ömer Çağla Mehmet Elif Kwame Ama Kofi Chidi Ngozi Tunde Fatima "
    "Youssef Leila Karim Noor Hassan Rania Ethan Ava Noah Isla Liam Ruby Owen Maya Caleb Nora "
    "Aaron Ella Jordan Riley Taylor Morgan Casey Jamie Quinn Rowan Sasha Nikhil Tanvi Rohan "
    "Ishaan Meera Thảo Minh Linh Duc Hana Jun Seo-yeon Min-jun Renée Ángel François Zoltán Eszter"
).split() + ["Ana Lúcia", "Mary Beth", "Jean-Luc"]
LAST_NAMES = (  # noqa: SIM905
    "Smith Johnson Garcia Martinez Brown Lee Wilson Anderson Taylor Thomas Moore Jackson Martin "
    "White Harris Clark Lewis Walker Hall Young King Wright Lopez Hill Scott Green Adams Nelson "
    "Carter Mitchell Roberts Turner Phillips Campbell Parker Evans Edwards Collins Stewart Morris "
    "Rogers Reed Cook Bell Murphy Bailey Cooper Richardson Cox Howard Ward Peterson Gray Ramírez "
    "Watson Brooks Kelly Sanders Price Bennett Wood Barnes Ross Henderson Coleman Jenkins Perry "
    "Powell Long Patterson Hughes Flores Butler Simmons Foster González Bryant Russell Griffin "
    "Díaz Hayes Müller Schmidt Schneider Fischer Weber Becker Wagner Hoffmann Dubois Lefèvre "
    "Moreau Laurent Girard Rossi Bianchi Romano Colombo Ferreira Silva Santos Oliveira Pereira "
    "Costa Rodrigues Almeida Kowalski Nowak Wiśniewska Novák Horváth Nagy Ivanova Petrov Popescu "
    "Yılmaz Şahin Demir Nguyễn Trần Phạm Kim Park Choi Chen Wang Li Zhang Liu Huang Tanaka Sato "
    "Suzuki Takahashi Patel Shah Sharma Gupta Singh Iyer Reddy Khan Ahmed Hussain Ali Haddad "
    "Nasser Okafor Mensah Adeyemi Okonkwo Diallo Østergaard Sørensen Jørgensen O'Brien"
).split() + ["van der Berg", "de la Cruz"]
POSITIONS = (  # noqa: SIM905
    "Software Engineer|Senior Software Engineer|Staff Engineer|Engineering Manager|"
    "VP, Engineering|CTO|Product Manager|Senior Product Manager|Head of Product|Designer|"
    "Data Scientist|Data Analyst|Head of Data|Account Executive|Sales Director|"
    "Customer Success Manager|Head of Partnerships|Marketing Manager|CMO|Operations Manager|"
    "Director, Operations|VP Operations|COO|CFO|Finance Manager|Controller|Recruiter|"
    "Talent Partner|HR Business Partner|Founder|Co-Founder & CEO|CEO|General Counsel|"
    "Procurement Lead|Supply Chain Manager|Business Analyst|Consultant|Research Scientist|"
    "Field Service Engineer|Program Manager|Chief of Staff|Investor|Advisor|Student"
).split("|")
SALES_TITLES = [
    "Account Executive",
    "Senior Account Executive",
    "Sales Engineer",
    "Solutions Engineer",
    "Business Development Representative",
    "Head of Sales",
]
INDUSTRIES = {
    "fintech": ("Pay", "Capital", "Ledger", "Finance", "Bank"),
    "health": ("Health", "Care", "Diagnostics", "Therapeutics", "Clinics"),
    "robotics": ("Robotics", "Automation", "Motion", "Dynamics", "Machines"),
    "retail": ("Retail", "Goods", "Market", "Outfitters", "Stores"),
    "energy": ("Energy", "Power", "Solar", "Grid", "Renewables"),
    "logistics": ("Logistics", "Freight", "Shipping", "Fleet", "Supply"),
    "edtech": ("Learning", "Academy", "Education", "Tutors", "Schools"),
    "security": ("Security", "Cyber", "Shield", "Defense", "Identity"),
    "media": ("Media", "Studios", "Games", "Audio", "Publishing"),
    "agritech": ("Farms", "Agritech", "Harvest", "Seeds", "Foods"),
}
_BRAND_HEADS = (  # noqa: SIM905
    "Al Bel Cor Dal Fen Gal Hal Kes Lum Mar Nor Or Pel Quin Ros Sol Tal Ver Wil Zan "
    "Bram Cal Dor Elm Fal Gren Hes Ist Jor Kel Lor Mos Nev Ost Pry Rav Sev Tor Ul Vey"
).split()
_BRAND_TAILS = "ora ix en ara ent ivo ux on ia ett wyn ard ica oth usk ane elle ova iq adyn".split()  # noqa: SIM905
_LEGAL = ("", "", "", "", " Inc.", ", Inc.", " GmbH", " Ltd", " Labs")
_EMOJI = ("🚀", "🌱", "✨", "💡")
_CREDENTIALS = ("MBA", "PhD", "CPA", "PMP", "MBA, PhD", "CFA")
_PRONOUNS = ("(she/her)", "(he/him)", "(they/them)")
_NICKS = ("Jim", "Bea", "Max", "Kat", "Tyler")
FILLER = (
    "Thanks for connecting!",
    "Great to meet you at the meetup last week.",
    "Do you have 20 minutes next Tuesday?",
    "Sharing the deck we talked about.",
    "Congrats on the new role!",
    "Happy to help, send me the details.",
    "Let me check with the team and get back to you.",
    "Sounds good, talk soon.",
    "Could you introduce me to someone on the platform team?",
    "Sorry for the slow reply!",
    "Are you going to the conference in March?",
    "Thanks, that was really useful.",
    "We're hiring for a similar role, interested?",
    "Following up on my note from last month.",
    "Loved your post about onboarding, so true.",
    "Coffee when you're in town?",
)


def company_names(rng: random.Random, industry: str, n: int) -> list[str]:
    """``n`` distinct invented company names for one industry (fewer if the pool runs out)."""
    nouns = INDUSTRIES[industry]
    room = len(_BRAND_HEADS) * len(_BRAND_TAILS) * len(nouns)
    out = []
    for code in rng.sample(range(room), min(n, room)):
        code, noun = divmod(code, len(nouns))
        head, tail = divmod(code, len(_BRAND_TAILS))
        brand = _BRAND_HEADS[head] + _BRAND_TAILS[tail]
        out.append(f"{brand} {nouns[noun]}{rng.choice(_LEGAL)}")
    return out


def _styled(name: str) -> str:
    """Mathematical bold letters, as people use to stand out (NFKC folds them back)."""
    return "".join(
        chr(0x1D400 + ord(c) - 65)
        if "A" <= c <= "Z"
        else chr(0x1D41A + ord(c) - 97)
        if "a" <= c <= "z"
        else c
        for c in name
    )


def decorate(
    rng: random.Random, first: list[str], last: list[str], ids: Sequence[int], rate: float = 1.0
) -> None:
    """Give a few of ``ids`` the name quirks real exports show, in place.

    Emoji, credentials (``Smith, MBA``), pronouns or a leading space in the last
    name; styled Unicode, a trailing space or a quoted nickname in the first name.
    ``rate`` scales how many; at least one of each when ``ids`` is not empty.
    """

    def pick(share: float) -> list[int]:
        return rng.sample(list(ids), min(len(ids), max(1, round(len(ids) * share * rate))))

    for p in pick(0.003):
        last[p] = f"{last[p]} {rng.choice(_EMOJI)}"
    for p in pick(0.005):
        last[p] = f"{last[p]}, {rng.choice(_CREDENTIALS)}"
    for p in pick(0.002):
        last[p] = f"{last[p]} {rng.choice(_PRONOUNS)}"
    for p in pick(0.001):
        first[p] = _styled(first[p])
    for p in pick(0.005):
        first[p] = first[p] + " "
    for p in pick(0.002):
        last[p] = " " + last[p]
    for p in pick(0.001):
        first[p] = f'{first[p]} "{rng.choice(_NICKS)}"'


def skewed_days(rng: random.Random, n: int, lo: date, hi: date) -> list[int]:
    """``n`` day ordinals in [lo, hi], more of them recent (density grows linearly)."""
    top, span = hi.toordinal(), hi.toordinal() - lo.toordinal()
    rand = rng.random
    return [top - int(span * (1.0 - rand() ** 0.5)) for _ in range(n)]
