"""Colleagues' shares: what `refpath share` writes, what it never writes, and reading it back.

The privacy tests plant a marker string in every private field of an invented
archive (message text, subject, conversation title and id, attachment, email,
phone, postal address, an invitation's note, a recommendation's text, and the
name and URL of a person the owner excludes) and scan the share's bytes and
every member of it for them.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from refpath.cli import app
from refpath.errors import ExportError, InputError
from refpath.exports.locate import read_export
from refpath.exports.share import (
    MANIFEST,
    SHARE_VERSION,
    is_share,
    peek_share,
    plan_share,
    read_share,
    rounded,
    share_bytes,
    write_share,
)
from refpath.identity import profile_key

runner = CliRunner()
LI = "https://www.linkedin.com/in/"

#: marker -> the private field it is planted in
MARKERS = {
    "MK-TEXT-41c2": "message text",
    "MK-SUBJECT-77de": "message subject",
    "MK-TITLE-0b9a": "conversation title",
    "MK-CONVID-5e31": "conversation id",
    "MK-ATTACH-c0de": "attachment",
    "mk-email-9f@example.org": "email address",
    "MK-PHONE-555-0142": "phone number",
    "MK-ADDRESS-12-Elm": "postal address",
    "MK-BIRTH-1990": "birth date",
    "MK-INVNOTE-aa17": "invitation note",
    "MK-RECTEXT-4444": "recommendation text",
    "MK-IM-handle": "instant messenger",
    "Zebulon": "excluded person's first name",
    "Quarrington": "excluded person's last name",
    "zeb-quarr-x9": "excluded person's URL slug",
    "Hollowmere": "excluded person's company",
}


def _csv(*rows: str) -> str:
    return "\n".join(rows)


def private_archive(folder: Path) -> Path:
    """An invented LinkedIn archive with a marker in every private field; returns the zip."""
    files = {
        "Profile.csv": _csv(
            "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,"
            "Zip Code,Geo Location,Twitter Handles,Websites,Instant Messengers",
            "Mara,Quill,,MK-ADDRESS-12-Elm,MK-BIRTH-1990,Head of Data,,Software,,Lisbon,,,"
            "MK-IM-handle",
        ),
        "PhoneNumbers.csv": _csv("Extension,Number,Type", ",MK-PHONE-555-0142,Mobile"),
        "Email Addresses.csv": _csv(
            "Email Address,Confirmed,Primary", "mk-email-9f@example.org,Yes,Yes"
        ),
        "Connections.csv": 'Notes:\n"When exporting your connection data..."\n\n'
        + _csv(
            "First Name,Last Name,URL,Email Address,Company,Position,Connected On",
            f"Ivo,Brandt,{LI}ivo-brandt-2c3d,mk-email-9f@example.org,Inkwell,CTO,03 Feb 2024",
            f"Zebulon,Quarrington,{LI}zeb-quarr-x9,,Hollowmere,Founder,12 Jan 2023",
            f"Teo,Lind,{LI}teo-lind-3c4d,,Quietwater,Analyst,09 Sep 2021",
            f"Lina,Vale,{LI}lina-vale-8e8e,,Quietwater,Founder,01 Jul 2020",
            ",,,,,,02 Jun 2022",
        ),
        "messages.csv": _csv(
            "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
            "DATE,SUBJECT,CONTENT,FOLDER,ATTACHMENTS",
            f"MK-CONVID-5e31,MK-TITLE-0b9a,Ivo Brandt,{LI}ivo-brandt-2c3d,Mara Quill,"
            f"{LI}mara-quill-7a1b,2024-03-17 10:22:05 UTC,MK-SUBJECT-77de,"
            '"Hi MK-TEXT-41c2, call me on MK-PHONE-555-0142",INBOX,MK-ATTACH-c0de',
            f"MK-CONVID-5e31,MK-TITLE-0b9a,Mara Quill,{LI}mara-quill-7a1b,Ivo Brandt,"
            f"{LI}ivo-brandt-2c3d,2024-05-21 08:00:00 UTC,Re: MK-SUBJECT-77de,"
            "mail me at mk-email-9f@example.org,INBOX,",
            f'g1,MK-TITLE-0b9a,Mara Quill,{LI}mara-quill-7a1b,"Ivo Brandt,Zebulon Quarrington",'
            f'"{LI}ivo-brandt-2c3d,{LI}zeb-quarr-x9",2024-06-02 09:00:00 UTC,,'
            "group MK-TEXT-41c2,INBOX,",
            f"z1,,Zebulon Quarrington,{LI}zeb-quarr-x9,Mara Quill,{LI}mara-quill-7a1b,"
            "2023-02-11 09:00:00 UTC,MK-SUBJECT-77de,MK-TEXT-41c2,INBOX,",
            f"z1,,Mara Quill,{LI}mara-quill-7a1b,Zebulon Quarrington,{LI}zeb-quarr-x9,"
            "2023-02-12 09:00:00 UTC,,MK-TEXT-41c2,INBOX,",
        ),
        "Invitations.csv": _csv(
            "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl",
            f'Zebulon Quarrington,Mara Quill,"1/10/23, 9:15 AM",MK-INVNOTE-aa17,INCOMING,'
            f"{LI}zeb-quarr-x9,{LI}mara-quill-7a1b",
            f'Mara Quill,Teo Lind,"9/8/21, 12:00 AM",MK-INVNOTE-aa17,OUTGOING,'
            f"{LI}mara-quill-7a1b,{LI}teo-lind-3c4d",
        ),
        "Endorsement_Received_Info.csv": _csv(
            "Endorsement Date,Skill Name,Endorser First Name,Endorser Last Name,"
            "Endorser Public Url,Endorsement Status",
            "2022/04/01 11:05:54 UTC,SQL,Teo,Lind,www.linkedin.com/in/teo-lind-3c4d,ACCEPTED",
            "2023/04/01 11:05:54 UTC,SQL,Zebulon,Quarrington,www.linkedin.com/in/zeb-quarr-x9,"
            "ACCEPTED",
        ),
        "Recommendations_Given.csv": _csv(
            "First Name,Last Name,Company,Job Title,Text,Creation Date,Status",
            'Lina,Vale,Quietwater,Founder,"MK-RECTEXT-4444","11/02/23, 4:20 PM",VISIBLE',
            'Zebulon,Quarrington,Hollowmere,Founder,"MK-RECTEXT-4444","11/02/23, 4:20 PM",VISIBLE',
        ),
        "Recommendations_Received.csv": _csv(
            "First Name,Last Name,Company,Job Title,Text,Creation Date,Status",
            'Zebulon,Quarrington,Hollowmere,Founder,"MK-RECTEXT-4444","12/02/23, 4:20 PM",VISIBLE',
        ),
    }
    path = folder / "Basic_LinkedInDataExport_03-01-2025.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in files.items():
            z.writestr(zipfile.ZipInfo(name, (2025, 3, 1, 8, 0, 0)), text)
    return path


def every_text(share: bytes) -> list[tuple[str, bytes]]:
    """The share's own bytes and every member's bytes, decompressed."""
    found = [("the share file", share)]
    with zipfile.ZipFile(io.BytesIO(share)) as z:
        found += [(name, z.read(name)) for name in z.namelist()]
    return found


def cli(*args: str):
    return runner.invoke(app, list(args))


# ------------------------------------------------------------------ privacy


@pytest.mark.parametrize("how", ["name", "url", "www-url"])
def test_no_private_field_and_nothing_about_an_excluded_person_is_in_the_share(tmp_path, how):
    archive = private_archive(tmp_path)
    exclude = {
        "name": "Zebulon Quarrington",
        "url": f"{LI}zeb-quarr-x9",
        "www-url": "www.linkedin.com/in/Zeb-Quarr-X9/",
    }[how]
    out = tmp_path / "mara.zip"
    result = cli("share", str(archive), "-o", str(out), "--exclude", exclude)
    assert result.exit_code == 0, result.output
    for where, data in every_text(out.read_bytes()):
        for marker, field in MARKERS.items():
            for form in (marker, marker.lower(), marker.upper()):
                assert form.encode() not in data, f"{field} ({marker}) leaked into {where}"
        # no day-exact message date either: only months
        for day in (b"2024-03-17", b"2024-05-21", b"2024-06-02", b"2022-04-01"):
            assert day not in data, f"an exact date leaked into {where}"
    shared = read_share(out)
    assert [c.first_name for c in shared.connections.contacts] == ["Ivo", "Teo", "Lina"]
    assert all(not c.email for c in shared.connections.contacts)
    assert {m.name for m in shared.messages} == {"Ivo Brandt"}
    ivo = shared.messages[0]
    assert (ivo.sent, ivo.received, ivo.first, ivo.last) == (
        2,
        1,
        date(2024, 3, 1),
        date(2024, 6, 1),
    )
    assert {r.name for r in shared.recommendations} == {"Lina Vale"}
    assert {i.name for i in shared.invitations} == {"Teo Lind"}
    assert shared.owner_name == "Mara Quill" and shared.owner_headline == "Head of Data"


def test_without_exclusions_the_markers_of_private_fields_still_never_appear(tmp_path):
    archive = private_archive(tmp_path)
    data, _ = share_bytes(plan_share(read_export(archive)))
    private = {m: f for m, f in MARKERS.items() if "excluded" not in f}
    for where, text in every_text(data):
        for marker, field in private.items():
            assert marker.encode() not in text, f"{field} leaked into {where}"
    assert b"Zebulon" in data or any(b"Zebulon" in t for _, t in every_text(data))


def test_connections_only_shares_no_evidence(tmp_path):
    archive = private_archive(tmp_path)
    out = tmp_path / "mara.zip"
    result = cli("share", str(archive), "-o", str(out), "--connections-only")
    assert result.exit_code == 0, result.output
    shared = read_share(out)
    assert not (shared.messages or shared.invitations or shared.endorsements)
    assert not shared.recommendations
    with zipfile.ZipFile(out) as z:
        assert z.read("evidence.csv").decode().count("\n") == 1  # the header only
    assert "--connections-only" in result.output


# ------------------------------------------------------------------ the command


def test_share_says_what_is_shared_and_left_out_and_dry_run_writes_nothing(tmp_path):
    archive = private_archive(tmp_path)
    out = tmp_path / "mara.zip"
    result = cli("share", str(archive), "-o", str(out), "--exclude", "Zebulon Quarrington",
                 "--dry-run")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert not out.exists() and sorted(p.name for p in tmp_path.iterdir()) == [archive.name]
    text = " ".join(result.output.split())
    assert "3 connections" in text and "3 people with evidence" in text
    assert "Zebulon Quarrington (--exclude): entirely (1 connection row, 2 evidence rows)" in text
    assert "1 hidden profile" in text and "email addresses (1 connection had one)" in text
    assert "Dry run: nothing was written" in text


def test_exclude_file_and_an_exclusion_that_matches_nobody(tmp_path):
    archive = private_archive(tmp_path)
    listing = tmp_path / "private.txt"
    listing.write_text("# people I keep to myself\n\nwww.linkedin.com/in/zeb-quarr-x9\n")
    out = tmp_path / "mara.zip"
    result = cli("share", str(archive), "-o", str(out), "--exclude-file", str(listing))
    assert result.exit_code == 0, result.output
    assert b"Zebulon" not in b"".join(t for _, t in every_text(out.read_bytes()))
    result = cli("share", str(archive), "-o", str(tmp_path / "b.zip"), "--exclude", "Zeb Quaring")
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        f"refpath: error: --exclude 'Zeb Quaring': matches nobody in {archive}; check the "
        "spelling (nothing was written)"
    ]
    assert not (tmp_path / "b.zip").exists()


@pytest.mark.parametrize("target", ["input", "missing", "not-zip", "in-folder"])
def test_the_output_is_never_the_input_and_bad_targets_are_refused(tmp_path, target):
    archive = private_archive(tmp_path)
    before = archive.read_bytes()
    folder = tmp_path / "unzipped"
    with zipfile.ZipFile(archive) as z:
        z.extractall(folder)
    args = {
        "input": [str(archive), "-o", str(archive)],
        "missing": [str(archive)],
        "not-zip": [str(archive), "-o", str(tmp_path / "share.csv")],
        "in-folder": [str(folder), "-o", str(folder / "Connections.zip")],
    }[target]
    result = cli("share", *args)
    assert result.exit_code == 2, result.output
    assert len(result.output.strip().splitlines()) == 1
    assert result.output.startswith("refpath: error: ")
    assert archive.read_bytes() == before
    assert not (folder / "Connections.zip").exists()


def test_writing_is_atomic_and_deterministic(tmp_path, monkeypatch):
    archive = private_archive(tmp_path)
    plan = plan_share(read_export(archive))
    out = tmp_path / "share.zip"
    out.write_bytes(b"an older share")
    checksum = write_share(plan, out)
    assert out.read_bytes() == share_bytes(plan)[0] == share_bytes(plan)[0]
    assert peek_share(out).checksum == checksum
    assert sorted(p.name for p in tmp_path.iterdir()) == [archive.name, "share.zip"]

    import os

    def broken(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(InputError, match="No space left"):
        write_share(plan_share(read_export(archive), connections_only=True), out)
    assert out.read_bytes() == share_bytes(plan)[0]  # untouched
    assert sorted(p.name for p in tmp_path.iterdir()) == [archive.name, "share.zip"]


def test_a_share_is_not_shared_again(tmp_path):
    archive = private_archive(tmp_path)
    out = tmp_path / "s.zip"
    assert cli("share", str(archive), "-o", str(out)).exit_code == 0
    result = cli("share", str(out), "-o", str(tmp_path / "t.zip"))
    assert result.exit_code == 2 and "already a refpath share" in result.output


# ------------------------------------------------------------------ reading back


def test_reading_a_share_gives_the_export_rounded_to_months(tmp_path):
    raw = read_export(private_archive(tmp_path))
    out = tmp_path / "s.zip"
    write_share(plan_share(raw), out)
    shared = read_share(out)
    expected = rounded(raw)
    assert [c[:7] for c in shared.connections.contacts] == [
        c[:7] for c in expected.connections.contacts
    ]
    assert shared.connections.hidden == raw.connections.hidden == 1
    assert shared.connections.fmt == shared.owner_from == "share"
    assert sorted(shared.messages) == sorted(expected.messages)
    assert sorted(shared.invitations) == sorted(expected.invitations)
    # one row per person: an endorser's www. URL joins the https:// one (the same profile key)
    assert sorted((e.name, profile_key(e.url), e.count) for e in shared.endorsements) == sorted(
        (e.name, profile_key(e.url), e.count) for e in expected.endorsements
    )
    assert sorted(shared.recommendations) == sorted(expected.recommendations)
    assert shared.exported_on == raw.exported_on == date(2025, 3, 1)
    assert (shared.owner_url, shared.owner_headline) == (raw.owner_url, raw.owner_headline)


def test_formula_like_cells_are_inert_in_the_file_and_exact_when_read(tmp_path):
    from dataclasses import replace

    raw = read_export(private_archive(tmp_path))
    odd = ['=HYPERLINK("x")', "'quoted", "+1", "-", "@cmd", "\tTab"]
    contacts = tuple(
        c._replace(company=odd[i % len(odd)], position=odd[(i + 1) % len(odd)])
        for i, c in enumerate(raw.connections.contacts)
    )
    raw = replace(raw, connections=replace(raw.connections, contacts=contacts))
    out = tmp_path / "s.zip"
    write_share(plan_share(raw), out)
    with zipfile.ZipFile(out) as z:
        text = z.read("connections.csv").decode()
    for line in text.splitlines()[1:]:
        assert not any(cell.startswith(("=", "+", "@")) for cell in line.split(","))
    assert [(c.company, c.position) for c in read_share(out).connections.contacts] == [
        (c.company, c.position) for c in contacts
    ]


def _rewrite(path: Path, edit) -> None:
    """Rewrite the share at ``path`` with ``edit(name, data) -> data``."""
    with zipfile.ZipFile(path) as z:
        members = [(i, z.read(i)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in members:
            z.writestr(info, edit(info.filename, data))


def _reseal(manifest: dict) -> bytes:
    body = {k: v for k, v in manifest.items() if k != "checksum"}
    canon = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    manifest["checksum"] = hashlib.sha256(canon.encode()).hexdigest()
    return json.dumps(manifest).encode()


@pytest.mark.parametrize(
    ("damage", "says"),
    [
        ("edited-row", "connections.csv was edited or damaged"),
        ("edited-row-and-file-hash", "edited or damaged after it was made (checksum mismatch)"),
        ("edited-owner", "edited or damaged after it was made (checksum mismatch)"),
        ("truncated", "damaged or truncated"),
        ("newer", f"newer than this refpath reads ({SHARE_VERSION})"),
        ("missing-member", "evidence.csv is missing"),
        ("garbage-manifest", "share.json is damaged or was edited"),
    ],
)
def test_an_edited_truncated_or_newer_share_is_refused_in_one_line(tmp_path, damage, says):
    out = tmp_path / "s.zip"
    write_share(plan_share(read_export(private_archive(tmp_path))), out)
    if damage == "truncated":
        out.write_bytes(out.read_bytes()[: out.stat().st_size * 2 // 3])
    elif damage == "missing-member":
        with zipfile.ZipFile(out) as z:
            keep = [(i, z.read(i)) for i in z.infolist() if i.filename != "evidence.csv"]
        with zipfile.ZipFile(out, "w") as z:
            for info, data in keep:
                z.writestr(info, data)
    else:

        def edit(name: str, data: bytes) -> bytes:
            if name == "connections.csv" and damage.startswith("edited-row"):
                return data.replace(b"Inkwell", b"Inkwel1")
            if name != MANIFEST:
                return data
            if damage == "garbage-manifest":
                return b"{not json"
            manifest = json.loads(data)
            if damage == "edited-owner":
                manifest["owner"]["name"] = "Somebody Else"
                return json.dumps(manifest).encode()
            if damage == "edited-row-and-file-hash":
                manifest["files"]["connections.csv"] = "0" * 64
                return json.dumps(manifest).encode()
            if damage == "newer":
                manifest["version"] = SHARE_VERSION + 1
                return _reseal(manifest)
            return data

        _rewrite(out, edit)
    with pytest.raises(ExportError, match=str(out)) as caught:
        read_share(out)
    assert says in str(caught.value)
    db = tmp_path / "store.db"
    result = runner.invoke(app, ["--db", str(db), "add", str(out)])
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"refpath: error: {out}")
    assert "Traceback" not in result.output
    assert not db.exists() or json.loads(
        runner.invoke(app, ["--db", str(db), "stats", "--json"]).stdout
    ) == {"people": 0, "connections": 0, "owners": 0}


def test_is_share_tells_shares_from_archives(tmp_path):
    archive = private_archive(tmp_path)
    out = tmp_path / "s.zip"
    write_share(plan_share(read_export(archive)), out)
    assert is_share(out) and not is_share(archive) and not is_share(tmp_path / "nope.zip")
    info = peek_share(out)
    assert (info.owner, info.version, info.connections, info.evidence) == ("Mara Quill", 1, 4, 5)
