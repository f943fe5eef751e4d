"""What each held-out lead list must read as (``tests/assets/prospects/heldout``).

Shared by ``tests/outreach/test_leads_heldout.py`` (the reader) and
``tests/cli/test_cli_plan_heldout.py`` (``refpath plan`` on the test team). The files
are invented, written by ``make_heldout.py`` next to them.
"""

from __future__ import annotations

from pathlib import Path

HELDOUT = Path(__file__).resolve().parent / "assets" / "prospects" / "heldout"
FILES = sorted(p for half in ("a", "b", "c") for p in (HELDOUT / half).iterdir())
SN = "https://www.linkedin.com/sales/lead/ACwAAB3xYz9QkLmN0pQrStUvWxYz12AbCdEfGh,NAME_SEARCH,Xy7Q"
ID_URL = "https://www.linkedin.com/in/ACwAAB3xYz9QkLmN0pQrStUvWxYz12AbCdEfGh"
AR = "Acme Robotics"

#: file -> (prospects, first (name, company, url), status of the first row in the test team)
EXPECTED: dict[str, tuple[int, tuple[str, str, str], str]] = {
    "apollo_company_url_first.csv": (2, ("Tom Baker", AR, ""), "assigned"),
    "apollo_export.csv": (2, ("Jane Doe", AR, "http://www.linkedin.com/in/jane-doe"), "assigned"),
    "company_linkedin_url_only.csv": (2, ("Jane Doe", AR, ""), "assigned"),
    "company_suffix_case.csv": (2, ("Jane Doe", "ACME ROBOTICS, INC.", ""), "assigned"),
    "credentials_emoji.csv": (3, ("Jane Doe, MBA", AR, ""), "assigned"),
    "duplicate_column_names.csv": (1, ("Sam Lee", "Globex", ""), "assigned"),
    "dux_soup.csv": (2, ("Tom Baker", AR, "https://www.linkedin.com/in/tom-baker"), "assigned"),
    "dynamics_contacts.csv": (2, ("Tom Baker", AR, ""), "assigned"),
    "dynamics_leads.csv": (2, ("Jane Doe", AR, ""), "assigned"),
    "excel_sep_line.csv": (1, ("Jane Doe", AR, ""), "assigned"),
    "german_excel.csv": (2, ("Jürgen Weiß", "Zoë Maschinenbau GmbH", ""), "not found"),
    "hubspot_associated_company.csv": (3, ("Tom Baker", AR, ""), "assigned"),
    "hubspot_contacts.csv": (
        2,
        ("Jane Doe", AR, "https://www.linkedin.com/in/jane-doe"),
        "assigned",
    ),  # fmt: skip
    "last_first_full_name.csv": (3, ("Jane Doe", AR, ""), "assigned"),
    "linked_helper.csv": (
        1,
        ("Priya Raman", "Initech", "https://www.linkedin.com/in/priya-raman"),
        "already connected",
    ),  # fmt: skip
    "linkedin_column_holds_company_urls.csv": (2, ("Jane Doe", AR, ""), "assigned"),
    "lusha.csv": (2, ("Sam Lee", "Globex", "linkedin.com/in/sam-lee-globex"), "assigned"),
    "name_suffix_noise.csv": (
        1,
        ("Jane Doe", AR, "https://www.linkedin.com/in/jane-doe"),
        "assigned",
    ),  # fmt: skip
    "notes_above.csv": (2, ("Tom Baker", AR, ""), "assigned"),
    "pipedrive_deals.csv": (2, ("Tom Baker", AR, ""), "assigned"),
    "pipedrive_org_person.csv": (2, ("Tom Baker", AR, "linkedin.com/in/tom-baker"), "assigned"),
    "pipedrive_people.csv": (2, ("Jane Doe", AR, ""), "assigned"),
    "salesforce_contacts_report.csv": (3, ("Priya Raman", "Initech", ""), "already connected"),
    "salesforce_custom_report.csv": (
        2,
        ("Sam Lee", "Globex", "https://www.linkedin.com/in/sam-lee-globex"),
        "assigned",
    ),  # fmt: skip
    "salesforce_full_name.csv": (2, ("Jane Doe", AR, ""), "assigned"),
    "salesforce_leads_report.csv": (2, ("Jane Doe", "Acme Robotics Inc.", ""), "assigned"),
    "salesnav_evaboot.csv": (
        2,
        ("Jane Doe", AR, "https://www.linkedin.com/in/jane-doe"),
        "assigned",
    ),  # fmt: skip
    "salesnav_lead_urls.csv": (2, ("Jane Doe", AR, SN), "assigned"),
    "salesnav_phantombuster.csv": (1, ("Jane Doe", AR, ID_URL), "assigned"),
    "semicolon_cp1252.csv": (2, ("Renée Lefèvre", "Café Müller GmbH", ""), "not found"),
    "sheet_person_employer.csv": (
        1,
        ("Priya Raman", "Initech", "https://www.linkedin.com/in/priya-raman/"),
        "already connected",
    ),  # fmt: skip
    "sheet_prospect_target_account.csv": (
        2,
        ("Tom Baker", AR, "www.linkedin.com/in/tom-baker/"),
        "assigned",
    ),  # fmt: skip
    "sheet_who_org.csv": (2, ("Jane Doe", AR, "linkedin.com/in/jane-doe"), "assigned"),
    "title_row.csv": (2, ("Jane Doe", AR, ""), "assigned"),
    "trailing_empty_columns.csv": (2, ("Jane Doe", AR, ""), "assigned"),
    "url_column_only.csv": (2, ("", "", "https://www.linkedin.com/in/jane-doe"), "assigned"),
    "urls_without_scheme.csv": (2, ("Jane Doe", AR, "linkedin.com/in/jane-doe"), "assigned"),
    "utf16_unicode_text.txt": (
        2,
        ("Tom Baker", AR, "https://www.linkedin.com/in/tom-baker"),
        "assigned",
    ),  # fmt: skip
    "utf8_bom_crlf.csv": (
        2,
        ("Jane Doe", AR, "https://www.linkedin.com/in/jane-doe"),
        "assigned",
    ),  # fmt: skip
    "zoho_contacts.csv": (1, ("Sam Lee", "Globex", ""), "assigned"),
    "zoho_leads.csv": (2, ("Jane Doe", AR, ""), "assigned"),
    "zoominfo.csv": (1, ("Jane Doe", AR, "http://www.linkedin.com/in/jane-doe"), "assigned"),
    "zoominfo_company_url_only.csv": (2, ("Tom Baker", AR, ""), "assigned"),
    # c/: written after the first fixes
    "airtable_lookup.csv": (
        2,
        ("Sam Lee", "Globex", "https://www.linkedin.com/in/sam-lee-globex"),
        "assigned",
    ),
    "close_leads.csv": (2, ("Jane Doe", AR, ""), "assigned"),
    "copper_people.csv": (
        1,
        ("Tom Baker", AR, "https://www.linkedin.com/in/tom-baker"),
        "assigned",
    ),
    "french_excel.csv": (2, ("Jane Doe", AR, ""), "assigned"),
    "freshsales_contacts.csv": (
        1,
        ("Priya Raman", "Initech", "https://in.linkedin.com/in/priya-raman"),
        "already connected",
    ),
    "google_contacts.csv": (1, ("Tom Baker", AR, ""), "assigned"),
    "hand_contact_link.csv": (
        2,
        ("Sam Lee", "Globex", "linkedin.com/in/sam-lee-globex"),
        "assigned",
    ),
    "lemlist.csv": (2, ("Jane Doe", AR, "https://www.linkedin.com/in/jane-doe/"), "assigned"),
    "monday_board.csv": (2, ("Jane Doe", AR, ""), "assigned"),
    "notion_db.csv": (1, ("Priya Raman", "Initech", ""), "already connected"),
    "outlook_contacts.csv": (2, ("Jane Doe", AR, ""), "assigned"),
    "outreach_prospects.csv": (
        1,
        ("Jane Doe", AR, "https://www.linkedin.com/in/jane-doe"),
        "assigned",
    ),
    "sheet_with_total_row.csv": (2, ("Jane Doe", AR, ""), "assigned"),
}
#: Read wrong, on purpose: Close calls a company a "lead", so its ``lead_name`` is the
#: company, while ``Lead Name`` is the person's name in Zoho and Dynamics. Not guessed.
KNOWN_WRONG = {"close_leads.csv"}

#: file -> the words the one-line refusal holds after the file name (in order)
REFUSED: dict[str, tuple[str, ...]] = {
    "email_only.csv": (":1: no 'Name' or 'First Name'/'Last Name' column", "Email, Company, Phone"),
    "email_single_column.csv": (":1: no 'Name' or 'First Name'/'Last Name' column", "Email"),
    "salesnav_urls_only.csv": (": no prospects found", "Sales Navigator"),
    "company_list_not_people.csv": (
        ":1: no 'Name' or 'First Name'/'Last Name' column",
        "Company, Domain, Industry, Employees",
    ),
}
