"""``refpath draft`` and ``refpath check`` through CliRunner: exact text and exit codes.

The team is ``test_paths.build_team`` (Bob has 40 messages with Jane, Riley a
bare connection, Carol knows Tom Baker at Acme Robotics); the config folder
points at an empty temporary one so a user's own config never leaks in.
"""

from __future__ import annotations

import pytest
from builders import build_team
from typer.testing import CliRunner

from refpath.cli import app

runner = CliRunner()


@pytest.fixture(autouse=True)
def fixed_today_and_config(freeze_today, monkeypatch, tmp_path):
    freeze_today("refpath.routes.introducers", "refpath.outreach.drafts")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build_team(tmp_path_factory.mktemp("team") / "s.db")


def run(db, *args, **kw):
    return runner.invoke(app, ["--db", str(db), *args], **kw)


ASK = (
    "You've known Jane Doe since 2016 and seem to be in touch. I'd like to ask Jane about "
    "line maintenance, in a 15-minute call. Would you "
    "forward the note below and ask whether Jane is open to it? I'll only get in touch if "
    "Jane says yes."
)
BLURB = (
    "Hi Jane, I'm Alex Rivera, and I work with Bob Okafor. I'd like to ask you about line "
    "maintenance, given your role as VP Engineering at Acme Robotics: would you be open to a "
    "15-minute call in the next few weeks? If so, let Bob know and I'll get in touch; if not, "
    "no need to reply."
)
NOTE = (
    "Hi Jane, you're connected with my colleague Bob Okafor. I'd like to ask you about line "
    "maintenance, given your work at Acme Robotics: would you be open to a 15-minute call in "
    "the next few weeks? If not, no problem at all. Thanks, Alex"
)


def test_draft_prints_the_ask_and_the_blurb_apart_and_a_next_step(db):
    result = run(db, "draft", "Jane Doe", "--reason", "line maintenance")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "# Warm introduction to Jane Doe via Bob Okafor",
        "",
        "Route: You → Bob Okafor → Jane Doe (observed)",
        "",
        "## 1. Your ask to Bob Okafor",
        "",
        "Hi Bob,",
        "",
        ASK,
        "",
        "If you'd rather not, just say so; no problem at all.",
        "",
        "Thanks, Alex",
        "",
        "_310 characters (aim under 400; InMail limit 2,000)_",
        "",
        "## 2. For Bob Okafor to forward to Jane Doe (double opt-in)",
        "",
        BLURB,
        "",
        "_279/2,000 characters_",
        "",
        "Next: send the ask to Bob Okafor. Once Jane says yes, connect with a note: "
        'refpath draft "Jane Doe" --reason "line maintenance" --note',
    ]
    assert result.stderr == ""


def test_draft_without_a_reason_warns_and_marks_the_spot(db):
    result = run(db, "draft", "Jane Doe")
    assert result.exit_code == 0
    assert "about [your reason: what you want to talk to Jane about], in a" in result.stdout
    assert result.stderr == (
        "refpath: warning: no --reason: the draft marks where yours goes (what you want to ask "
        "Jane about); refpath never invents one\n"
    )
    assert result.stdout.splitlines()[-1].endswith('--reason "..." --note')


def test_note_prints_only_the_note_and_its_count_on_stderr(db):
    result = run(db, "draft", "Jane Doe", "--note", "-r", "line maintenance")
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        NOTE + "\n",
        "refpath: 234/300 characters\n",
    )
    free = run(db, "draft", "Jane Doe", "--note", "--free-account", "-r", "line maintenance")
    assert free.stdout == (
        "Hi Jane, you're connected with my colleague Bob Okafor. I'd like to ask you about line "
        "maintenance: would you be open to a 15-minute call in the next few weeks? If not, no "
        "problem at all. Thanks, Alex\n"
    )
    assert free.stderr == "refpath: 200/200 characters\n"  # exactly at the limit


def test_a_note_that_cannot_fit_is_a_one_line_error(db):
    result = run(db, "draft", "Jane Doe", "--note", "--free-account", "-r", "word " * 40)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("refpath: error: the connection note needs ")
    assert result.stderr.endswith("characters\n") and result.stderr.count("\n") == 1


def test_via_picks_another_introducer_or_lists_them(db):
    riley = run(db, "draft", "Jane Doe", "--via", "riley chen", "-r", "x")
    assert riley.stdout.startswith("# Warm introduction to Jane Doe via Riley Chen\n")
    assert "Do you know Jane well enough to pass on a note?" in riley.stdout
    tom = run(db, "draft", "Jane Doe", "--via", "Tom Baker", "-r", "x")  # on Carol's route
    assert tom.stdout.startswith("# Warm introduction to Jane Doe via Carol Mendes\n")
    assert "Do you know whether Tom knows Jane?" in tom.stdout
    assert tom.stdout.splitlines()[-1].endswith('--via "Carol Mendes" --reason "x" --note')
    bad = run(db, "draft", "Jane Doe", "--via", "Nobody")
    assert (bad.exit_code, bad.stdout) == (2, "")
    assert bad.stderr == (
        "refpath: error: --via 'Nobody' is not on a route to Jane Doe; the introducers are: "
        "Bob Okafor, Riley Chen, Carol Mendes\n"
    )


def test_draft_reaches_a_prospect_in_no_export_through_their_company(db):
    result = run(db, "draft", "Quentin Oyelaran", "--company", "Acme Robotics", "-r", "robots")
    assert result.exit_code == 0
    assert "Do you know whether Jane knows Quentin?" in result.stdout
    assert result.stdout.splitlines()[-1].endswith(
        'refpath draft "Quentin Oyelaran" --company "Acme Robotics" --reason "robots" --note'
    )


def test_unknown_and_ambiguous_names_exit_1(db):
    unknown = run(db, "draft", "Jane Dough")
    assert unknown.exit_code == 1
    assert unknown.stderr.startswith("refpath: error: no one called 'Jane Dough' in the store")
    sam = run(db, "draft", "Sam Lee")
    assert sam.exit_code == 1 and "2 people match 'Sam Lee'" in sam.stderr


def test_out_writes_one_markdown_file_per_draft(db, tmp_path):
    result = run(db, "draft", "Jane Doe", "-r", "line maintenance", "--out", str(tmp_path / "d"))
    path = tmp_path / "d" / "jane-doe-via-bob-okafor.md"
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == f"Wrote {path}"
    text = path.read_text(encoding="utf-8")
    assert ASK in text and BLURB in text and NOTE in text
    assert text.endswith("_234/300 characters_\n")


def test_a_template_from_the_config_folder_or_the_option(db, tmp_path):
    folder = tmp_path / "config" / "refpath" / "templates"
    folder.mkdir(parents=True)
    (folder / "draft.j2").write_text("{% block note %}Hi {{ target.first_name }}!{% endblock %}")
    assert run(db, "draft", "Jane Doe", "--note", "-r", "x").stdout == "Hi Jane!\n"
    mine = tmp_path / "mine.j2"
    mine.write_text("{% block note %}Hello {{ target.name }}.{% endblock %}")
    result = run(db, "draft", "Jane Doe", "--note", "-r", "x", "--template", str(mine))
    assert result.stdout == "Hello Jane Doe.\n"
    mine.write_text("{% block note %}{{ target.nickname }}{% endblock %}")
    broken = run(db, "draft", "Jane Doe", "--note", "--template", str(mine))
    assert broken.exit_code == 2
    assert broken.stderr.startswith(f"refpath: error: {mine}: template error in block 'note'")
    missing = run(db, "draft", "Jane Doe", "--template", str(tmp_path / "nope.j2"))
    assert (missing.exit_code, missing.stderr) == (
        2,
        f"refpath: error: {tmp_path / 'nope.j2'}: no such template file\n",
    )


def test_a_config_headline_says_who_the_user_is(db, tmp_path):
    folder = tmp_path / "config" / "refpath"
    folder.mkdir(parents=True)
    (folder / "config.toml").write_text('[me]\nheadline = "I run ops analytics at Northwind"\n')
    result = run(db, "draft", "Jane Doe", "-r", "x")
    assert (
        "Hi Jane, I'm Alex Rivera (I run ops analytics at Northwind), and I work" in result.stdout
    )


# -- check ---------------------------------------------------------------------------


def test_check_a_clean_message_exits_0(db, tmp_path):
    msg = tmp_path / "m.txt"
    msg.write_text(NOTE, encoding="utf-8")
    result = run(db, "check", str(msg), "--channel", "note")
    assert (result.exit_code, result.stdout) == (
        0, f"{msg}: no findings; read as a first-contact message (--kind to say otherwise).\n"
    )  # fmt: skip


def test_check_prints_each_finding_with_its_line_and_fix_and_exits_1(asset):
    path = asset("messages", "bad", "pitch-demo-request.txt")
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{path}:1: no-common-ground: nothing you share is mentioned",
        "  fix: Name the person you both know, or what you have in common (a company, an event, "
        "their post).",
        f"{path}:3: pitch: promotes the sender's company or product to someone who has no "
        "relationship with you ('We just launched an')",
        "  fix: Leave out what your company does; say why you write to this person and ask about "
        "their work. Talk about what you sell only if they ask.",
        f"{path}:4: pitch: promises a benefit in numbers or sales words to someone who has no "
        "relationship with you ('save your team hours')",
        "  fix: Drop the numbers and promises: a stranger can't check them and reads them as an "
        "ad. Ask about their situation instead.",
        "3 findings; read as a first-contact message (--kind to say otherwise); the rules are in "
        "docs/messages.md.",
    ]


def test_check_kind_says_which_rules_apply(tmp_path):
    thanks = tmp_path / "thanks.txt"
    thanks.write_text("Thanks so much for the call yesterday, Jane. It helped a lot.\nSam\n")
    result = runner.invoke(app, ["check", str(thanks)])
    assert (result.exit_code, result.stdout) == (
        0, f"{thanks}: no findings; read as a thank-you (--kind to say otherwise).\n"
    )  # fmt: skip
    first = runner.invoke(app, ["check", str(thanks), "--kind", "first-contact"])
    assert first.exit_code == 1
    assert first.stdout.splitlines()[-1] == (
        "2 findings; checked as a first-contact message; the rules are in docs/messages.md."
    )
    assert runner.invoke(app, ["check", str(thanks), "--kind", "memo"]).exit_code == 2


def test_check_reads_stdin_and_knows_the_channels(db):
    result = runner.invoke(app, ["check", "-", "--channel", "note"], input="I'd like to add you "
                           "to my professional network on LinkedIn.\n")  # fmt: skip
    assert result.exit_code == 1
    assert "<stdin>:1: standard-invite: LinkedIn's standard invitation text" in result.stdout
    long = "Hi Jane, we both know Bob. I'd like to ask you about maintenance. " + "x" * 150
    assert runner.invoke(app, ["check", "-", "--channel", "note"], input=long).exit_code == 0
    free = runner.invoke(app, ["check", "-", "--channel", "note", "--free-account"], input=long)
    assert free.exit_code == 1 and "a connection note allows 200" in free.stdout
    bad = runner.invoke(app, ["check", "-", "--channel", "fax"], input=long)
    assert bad.exit_code == 2


def test_check_with_a_target_looks_for_closeness_in_the_store(db):
    text = "Hi Jane, great catching up! I'd like to ask you about maintenance; we both know Bob."
    result = run(db, "check", "-", "--target", "Jane Doe", input=text)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        "<stdin>:1: unbacked-closeness: 'great catching up', but the store shows no "
        "conversation between you and Jane Doe"
    )
    assert run(db, "check", "-", input=text).exit_code == 0
    assert run(db, "check", "-", "--target", "Nobody Atall", input=text).exit_code == 1


def test_check_bad_files_exit_2(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x00\x01\x02PK\x03\x04" * 10)
    for path, message in [
        (tmp_path / "missing.txt", "can't read it (No such file or directory)"),
        (empty, "the message is empty"),
        (binary, "not a text file; save the message as UTF-8 text"),
    ]:
        result = runner.invoke(app, ["check", str(path)])
        assert result.exit_code == 2
        assert result.stderr.startswith(f"refpath: error: {path}: {message}")


def test_a_drafted_note_passes_check_through_the_cli(db):
    note = run(db, "draft", "Jane Doe", "--note", "--free-account", "-r", "line maintenance")
    checked = run(
        db, "check", "-", "--channel", "note", "--free-account", "--target", "Jane Doe",
        input=note.stdout,
    )  # fmt: skip
    assert (checked.exit_code, checked.stdout) == (
        0, "<stdin>: no findings; read as a first-contact message (--kind to say otherwise).\n"
    )  # fmt: skip
