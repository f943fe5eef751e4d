"""An output never replaces an input, and every output is written atomically.

``plan -o``, ``map -o``, ``export -o``, ``draft --out`` and ``plan --drafts``
refuse a target that is the store (by its path, through a symlink or as a
hardlink), its ``-wal``/``-shm``/``-journal``, or the command's own lead list:
one line, exit 2, the store's bytes unchanged. Every file refpath writes goes
to a temporary file in the same folder and is renamed into place, so a hardlink
to the earlier file keeps the earlier bytes, the earlier permissions stay, no
temporary file is left, and a ``plan -o`` killed while writing leaves the earlier
plan whole.
"""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from builders import copy_store

from .support import REPO, child_env, cli, digest, dump, one_error_line, run_refpath

LEADS = REPO / "docs" / "examples" / "prospects.csv"
JANE = "Jane Doe"


@pytest.fixture
def db(sample_db, tmp_path) -> Path:
    """A private copy of the sample store, checkpointed into one file."""
    return copy_store(sample_db, tmp_path / "s.db", one_file=True)


def _draft_name(db: Path, tmp: Path) -> str:
    """The file name ``draft --out`` gives Jane's draft."""
    where = tmp / "probe"
    result = cli(db, "draft", JANE, "--out", where)
    assert result.exit_code == 0, result.output
    (made,) = where.iterdir()
    return made.name


def _commands(db: Path, target: Path, leads: Path) -> dict[str, list[object]]:
    """Each writing command with ``target`` as its output."""
    return {
        "plan -o": ["plan", leads, "-o", target],
        "map -o": ["map", "-o", target],
        "export -o": ["export", "-o", target],
    }


#: how a target can name the store: (label, make(db, folder, suffix) -> target path)
def _by_path(db: Path, folder: Path, suffix: str) -> Path:
    return db


def _by_symlink(db: Path, folder: Path, suffix: str) -> Path:
    link = folder / f"link{suffix}"
    link.symlink_to(db)
    return link


def _by_hardlink(db: Path, folder: Path, suffix: str) -> Path:
    hard = folder / f"hard{suffix}"
    os.link(db, hard)
    return hard


def _by_wal(db: Path, folder: Path, suffix: str) -> Path:
    wal = Path(f"{db}-wal")
    if not wal.exists():
        wal.write_bytes(b"")
    link = folder / f"wal{suffix}"
    link.symlink_to(wal)
    return link


WAYS = {"path": _by_path, "symlink": _by_symlink, "hardlink": _by_hardlink, "wal": _by_wal}
SUFFIX = {"plan -o": ".csv", "map -o": ".png", "export -o": ".gexf"}


@pytest.mark.parametrize("way", WAYS)
@pytest.mark.parametrize("command", list(SUFFIX))
def test_an_output_that_is_the_store_is_refused_and_the_store_kept(db, tmp_path, command, way):
    out = tmp_path / "out"
    out.mkdir()
    target = WAYS[way](db, out, SUFFIX[command])
    if way == "path" and command != "plan -o":
        # map and export check the extension first: name the store with a usable one
        target = db.with_suffix(SUFFIX[command])
        os.replace(db, target)
        db = target
    before, rows = digest(db), dump(db)
    args = _commands(db, target, LEADS)[command]
    result = run_refpath(db, *args)
    assert result.returncode == 2, result.stdout + result.stderr
    one_error_line(result.stderr, target.name)
    assert digest(db) == before and dump(db) == rows
    assert target.is_symlink() == (way in ("symlink", "wal"))


@pytest.mark.parametrize("suffix", ["-wal", "-shm", "-journal"])
def test_the_stores_companion_files_are_refused_by_name(db, suffix):
    before = digest(db)
    result = run_refpath(db, "plan", LEADS, "-o", f"{db}{suffix}")
    assert result.returncode == 2
    one_error_line(result.stderr, f"{db.name}{suffix}")
    assert digest(db) == before


def test_export_csv_refuses_when_either_of_its_two_files_is_the_store(db, tmp_path):
    before = digest(db)
    os.link(db, tmp_path / "net_edges.csv")
    result = run_refpath(db, "export", "-o", tmp_path / "net.csv")
    assert result.returncode == 2
    one_error_line(result.stderr, "net_edges.csv")
    assert digest(db) == before
    assert not (tmp_path / "net_nodes.csv").exists()


def test_plan_refuses_to_write_over_its_own_lead_list(db, tmp_path):
    leads = tmp_path / "leads.csv"
    shutil.copy(LEADS, leads)
    (tmp_path / "alias.csv").symlink_to(leads)
    os.link(leads, tmp_path / "hard.csv")
    for target in (leads, tmp_path / "alias.csv", tmp_path / "hard.csv"):
        result = run_refpath(db, "plan", leads, "-o", target)
        assert result.returncode == 2
        one_error_line(result.stderr, target.name)
        assert leads.read_bytes() == LEADS.read_bytes()


def test_a_draft_written_over_the_store_is_refused(db, tmp_path):
    name = _draft_name(db, tmp_path)
    folder = tmp_path / "drafts"
    folder.mkdir()
    (folder / name).symlink_to(db)
    before = digest(db)
    for args in (["draft", JANE, "--out", folder], ["plan", LEADS, "--drafts", folder]):
        result = run_refpath(db, *args)
        assert result.returncode == 2, result.stdout + result.stderr
        one_error_line(result.stderr, name)
        assert digest(db) == before


# ------------------------------------------------------------------- atomic writes

WRITERS = {
    "plan csv": (["plan", LEADS, "-o", "{t}"], "plan.csv"),
    "export csv": (["export", "-o", "{t}"], "net.csv"),
    "export gexf": (["export", "-o", "{t}"], "net.gexf"),
    "export graphml": (["export", "-o", "{t}"], "net.graphml"),
    "map png": (["map", "-o", "{t}"], "map.png"),
    "map svg": (["map", "-o", "{t}"], "map.svg"),
    "map pdf": (["map", "-o", "{t}"], "map.pdf"),
    "draft": (["draft", JANE, "--out", "{d}"], None),
}


@pytest.mark.parametrize("writer", WRITERS)
def test_every_output_is_renamed_into_place_keeping_its_permissions(db, tmp_path, writer):
    args, name = WRITERS[writer]
    folder = tmp_path / "out"
    folder.mkdir()
    if name is None:
        name = _draft_name(db, tmp_path)
    target = folder / name
    written = [target]
    if name == "net.csv":
        written = [folder / "net_nodes.csv", folder / "net_edges.csv"]
    for path in written:  # an earlier output, 0640, with a second name (a hardlink)
        path.write_bytes(b"earlier\n")
        path.chmod(0o640)
        os.link(path, path.with_name(path.name + ".keep"))
    argv = [str(a).format(t=target, d=folder) for a in args]
    result = cli(db, *argv)
    assert result.exit_code == 0, result.output
    for path in written:
        assert path.read_bytes() != b"earlier\n"  # replaced ...
        assert path.with_name(path.name + ".keep").read_bytes() == b"earlier\n"  # ... renamed
        assert stat.S_IMODE(path.stat().st_mode) == 0o640
    left = sorted(p.name for p in folder.iterdir())
    assert left == sorted([*(p.name for p in written), *(p.name + ".keep" for p in written)])


def test_a_new_output_gets_the_umasks_permissions(db, tmp_path):
    result = cli(db, "plan", LEADS, "-o", tmp_path / "plan.csv")
    assert result.exit_code == 0
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE((tmp_path / "plan.csv").stat().st_mode) == 0o666 & ~mask


KILL_MID_WRITE = textwrap.dedent(
    """
    import os, signal, sys
    import refpath.outfiles as outfiles

    calls = 0
    plain = outfiles.neutralize

    def neutralize(value):  # the plan CSV's cells pass here one by one, while it is written
        global calls
        calls += 1
        if calls == 40:
            sys.stdout.flush()
            os.kill(os.getpid(), signal.SIGKILL)
        return plain(value)

    outfiles.neutralize = neutralize
    from refpath.cli import main
    sys.argv = ["refpath", *sys.argv[1:]]
    main()
    """
)


def test_a_plan_killed_while_writing_leaves_the_earlier_plan_whole(db, tmp_path):
    plan = tmp_path / "plan.csv"
    first = run_refpath(db, "plan", LEADS, "-o", plan)
    assert first.returncode == 0, first.stderr
    earlier = plan.read_bytes()
    killed = subprocess.run(
        [sys.executable, "-c", KILL_MID_WRITE, "--db", str(db), "plan", str(LEADS), "-o", plan],
        capture_output=True,
        text=True,
        env=child_env(),
        timeout=120,
        check=False,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert plan.read_bytes() == earlier
    again = run_refpath(db, "plan", LEADS, "-o", plan)  # and the next plan replaces it
    assert again.returncode == 0 and plan.read_bytes() == earlier


@pytest.mark.parametrize("target", ["/dev/null", "fifo"])
def test_an_output_that_is_not_a_regular_file_is_refused(db, tmp_path, target):
    path = Path(target) if target.startswith("/") else tmp_path / target
    if target == "fifo":
        os.mkfifo(path)
    result = run_refpath(db, "plan", LEADS, "-o", path)
    assert result.returncode == 2
    one_error_line(result.stderr, path.name)
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_draft_written_over_its_own_template_is_refused(db, tmp_path):
    name = _draft_name(db, tmp_path)
    template = tmp_path / "mine.j2"
    template.write_text("{% block ask %}Hi {{ introducer.name }}{% endblock %}\n")
    folder = tmp_path / "drafts"
    folder.mkdir()
    os.link(template, folder / name)
    before = template.read_bytes()
    result = run_refpath(db, "draft", JANE, "--template", template, "--out", folder)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "the template" in one_error_line(result.stderr, name)
    assert template.read_bytes() == before
