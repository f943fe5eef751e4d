"""The SQLite store: one file, embedded, transactional.

Everything refpath knows lives in one SQLite database in the user's data
folder (or wherever ``--db``/``REFPATH_DB`` points). This module owns
opening (and the version checks, with :mod:`refpath.store.schema`), transactions
and the small queries other modules share. Writers use ``BEGIN IMMEDIATE`` and a
busy timeout, so a second ``refpath add`` waits for the first instead of
failing. The file is created readable by its owner only, in WAL mode, and one
``add`` is one transaction: a crash leaves the store exactly as it was before.

Who knows whom is stored as edges from an *owner* (a colleague whose export was
added) to a person, with the attributes that owner's export showed. Messages,
invitations, endorsements and recommendations are reduced to per-pair counts
and dates in ``signals``; message text is never stored.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from refpath.errors import StoreError
from refpath.store.schema import APPLICATION_ID, SCHEMA_VERSION, create, outdated, upgrade

BUSY_TIMEOUT_S = 60.0


@dataclass(frozen=True)
class Stats:
    """Counts over the whole store."""

    people: int  #: distinct people (owners included)
    connections: int  #: distinct person pairs seen in exports
    owners: int  #: colleagues whose exports were added


def exports_held(owners: int, me: bool) -> str:
    """Whose exports the store holds: the user's is never counted as a colleague's.

    >>> exports_held(1, True), exports_held(3, True), exports_held(2, True)
    ('your export only', "your export and 2 colleagues'", "your export and 1 colleague's")
    >>> exports_held(1, False), exports_held(0, False)
    ('1 export (none marked as yours)', 'no exports')
    """
    if me:
        mates = owners - 1
        if not mates:
            return "your export only"
        return f"your export and {mates} colleague's" if mates == 1 else (
            f"your export and {mates} colleagues'"
        )  # fmt: skip
    if not owners:
        return "no exports"
    return f"{owners} export{'' if owners == 1 else 's'} (none marked as yours)"


@dataclass(frozen=True)
class Source:
    """One colleague's export as recorded in the store."""

    name: str
    is_me: bool
    source: str
    fmt: str
    owner_from: str
    exported_on: str | None  #: ISO date, see ``exported_from``
    added_at: str
    rows: int
    people: int  #: people currently connected to this owner in the store
    hidden: int
    warnings: int
    #: where ``exported_on`` comes from: "archive name" (LinkedIn's archive is named
    #: after the day it was made), "share file" (a share states its export's date),
    #: "newest connection" (the latest Connected On), or ""
    exported_from: str = ""


def default_path() -> Path:
    """Where the store lives unless ``--db`` or ``REFPATH_DB`` says otherwise.

    ``refpath.db`` in the user's data folder (platformdirs): the one place the
    command line and the Python API (:func:`refpath.open`) both default to.
    """
    from platformdirs import user_data_path

    return user_data_path("refpath", appauthor=False) / "refpath.db"


def _create_private(path: Path) -> bool:
    """Create an empty file readable and writable by its owner only (0600).

    Returns False when another refpath created it a moment ago.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return False
    os.close(fd)
    return True


def _share(path: Path) -> int:
    """An open descriptor of ``path`` holding a shared ``flock`` on it.

    Every refpath process holds one while it uses the store. A process that
    created a store and then failed removes the file only when it can take the
    lock exclusively, i.e. when no other refpath has the store open (see
    :meth:`Store.discard_if_unused`). Raises FileNotFoundError when the file was
    removed meanwhile (the caller creates it again).
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    try:
        if _flock is not None:
            with suppress(OSError):  # a file system without flock: nothing is removed then
                _flock(fd, _LOCK_SH)
        held, named = os.fstat(fd), os.stat(path)
        if (held.st_ino, held.st_dev) != (named.st_ino, named.st_dev):
            raise FileNotFoundError(path)  # removed (and maybe re-made) before the lock
    except BaseException:
        os.close(fd)
        raise
    return fd


def _writable(path: Path) -> bool:
    """Whether a write to the store can work: the file and its folder (for -wal/-shm)."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _connect(path: Path, read_only: bool) -> sqlite3.Connection:
    """A connection to the store; read-only (``mode=ro``) when it cannot be written.

    A read-only WAL store whose ``-shm`` cannot be made (a folder without write
    permission, a read-only file system) is opened ``immutable``: SQLite then
    reads the file as it is, without locks.
    """
    if not read_only:
        return sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    uri = path.resolve().as_uri() + "?mode=ro"
    conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    try:
        conn.execute("PRAGMA schema_version").fetchone()
    except sqlite3.OperationalError as err:
        if "unable to open" not in str(err) and "readonly" not in str(err):
            return conn  # (a damaged file: the schema check reports it)
        conn.close()
        conn = sqlite3.connect(
            uri + "&immutable=1", uri=True, timeout=BUSY_TIMEOUT_S, isolation_level=None
        )
    except sqlite3.DatabaseError:
        pass  # not a database: the schema check reports it
    return conn


try:
    from fcntl import LOCK_EX as _LOCK_EX
    from fcntl import LOCK_NB as _LOCK_NB
    from fcntl import LOCK_SH as _LOCK_SH
    from fcntl import flock as _flock
except ImportError:  # pragma: no cover - not POSIX: a failed first add leaves its empty store
    _flock = None  # type: ignore[assignment]


class Store:
    """An open refpath store. Use :func:`open_store` to get one.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as d:
    ...     with open_store(pathlib.Path(d) / "s.db") as store:
    ...         store.stats()
    Stats(people=0, connections=0, owners=0)
    """

    def __init__(
        self,
        path: Path,
        conn: sqlite3.Connection,
        *,
        created: bool = False,
        was_empty: bool = False,
        read_only: bool = False,
        lock_fd: int = -1,
    ) -> None:
        self.path = path
        self.conn = conn
        self.created = created  #: this open made the file
        self.was_empty = was_empty  #: the file was there, empty, and this open made it a store
        self.read_only = read_only  #: opened read-only: the file or its folder can't be written
        self._lock_fd = lock_fd

    # -- lifecycle ---------------------------------------------------------
    def close(self) -> None:
        self.conn.close()
        if self._lock_fd >= 0:
            os.close(self._lock_fd)
            self._lock_fd = -1

    def __enter__(self) -> Store:
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        if exc_type is not None and (self.created or self.was_empty):
            self.discard_if_unused()
        self.close()

    def discard_if_unused(self) -> bool:
        """Remove a store this open created, when it is still empty and no one else uses it.

        So a first ``add`` that fails leaves no empty store file behind; an empty
        file the user had given goes back to empty. Nothing is removed while
        another refpath has the store open (it holds the shared lock) or once
        anything was stored. Returns whether the files were removed.
        """
        made = self.created or self.was_empty
        if not made or self._lock_fd < 0 or _flock is None:
            return False
        try:
            _flock(self._lock_fd, _LOCK_EX | _LOCK_NB)
            if self.conn.in_transaction:
                self.conn.rollback()
            q = "SELECT (SELECT COUNT(*) FROM owners) + (SELECT COUNT(*) FROM people)"
            if self.conn.execute(q).fetchone()[0]:
                return False
        except (OSError, sqlite3.Error):
            return False
        self.conn.close()
        for p in (Path(f"{self.path}{s}") for s in ("-wal", "-shm", "-journal")):
            with suppress(FileNotFoundError):
                os.unlink(p)
        if self.created:
            with suppress(FileNotFoundError):
                os.unlink(self.path)
        else:
            with suppress(OSError):
                os.truncate(self.path, 0)
        self.close()
        return True

    @contextmanager
    def transaction(self, *, people: bool = True) -> Iterator[sqlite3.Connection]:
        """One atomic write: all of it lands, or none of it does.

        ``BEGIN IMMEDIATE`` takes the write lock up front, so a concurrent
        writer waits (up to the busy timeout) rather than failing half-way.
        Before it commits, the company-word index is brought in line with the
        people (72 ms on a 1M-row store); ``people=False`` says the write leaves
        the people table alone (the outreach log) and skips that.
        """
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as err:
            raise store_error(self.path, err) from err
        try:
            yield self.conn
            if people:
                from refpath.store.keys import refresh_company_words

                refresh_company_words(self.conn)
        except BaseException as err:
            self.conn.rollback()
            if isinstance(err, sqlite3.Error):
                raise store_error(self.path, err) from err
            raise
        try:
            self.conn.commit()
        except sqlite3.Error as err:
            self.conn.rollback()
            raise store_error(self.path, err) from err

    # -- shared queries ----------------------------------------------------
    def stats(self) -> Stats:
        """Count people, distinct connected pairs and owners."""
        q = self.conn.execute
        people = q("SELECT COUNT(*) FROM people").fetchone()[0]
        owners = q("SELECT COUNT(*) FROM owners").fetchone()[0]
        # An edge is (owner's person, person); A lists B and B lists A is one pair. Only
        # an edge to another owner can have a twin, so only those need DISTINCT (a
        # million-edge store: 0.06 s against 0.4 s for DISTINCT over every edge).
        pairs = q(
            """SELECT
                 (SELECT COUNT(*) FROM connections
                  WHERE person_id NOT IN (SELECT person_id FROM owners))
               + (SELECT COUNT(*) FROM (
                    SELECT DISTINCT MIN(o.person_id, c.person_id), MAX(o.person_id, c.person_id)
                    FROM connections c JOIN owners o ON o.id = c.owner_id
                    WHERE c.person_id IN (SELECT person_id FROM owners)
                      AND o.person_id != c.person_id))"""
        ).fetchone()[0]
        return Stats(people=people, connections=pairs, owners=owners)

    def sources(self) -> list[Source]:
        """The owners whose exports are in the store, in the order they were added."""
        from refpath.exports.locate import archive_date
        from refpath.exports.share import SHARE_FMT

        rows = self.conn.execute(
            """SELECT o.name, o.is_me, o.source, o.fmt, o.owner_from,
                      (SELECT MAX(c.connected_on) FROM connections c WHERE c.owner_id = o.id),
                      o.added_at, o.rows,
                      (SELECT COUNT(*) FROM connections c WHERE c.owner_id = o.id),
                      o.hidden, o.warnings, o.exported_on
               FROM owners o ORDER BY o.id"""
        ).fetchall()
        out = []
        for r in rows:
            named = archive_date(r[2])
            if r[3] == SHARE_FMT:  # a share states the date of the export it was made from
                on, basis = r[11], "share file"
            elif named:
                on, basis = named.isoformat(), "archive name"
            else:
                on, basis = r[5], "newest connection"
            out.append(
                Source(r[0], bool(r[1]), r[2], r[3], r[4], on, r[6], r[7], r[8], r[9], r[10],
                       basis if on else "")
            )  # fmt: skip
        return out

    def me_owner_id(self) -> int | None:
        """The owner marked with ``--me``, if any."""
        row = self.conn.execute("SELECT id FROM owners WHERE is_me = 1").fetchone()
        return row[0] if row else None

    def me_person_id(self) -> int | None:
        """The person id of the user (the owner of the export marked ``--me``), if any."""
        row = self.conn.execute("SELECT person_id FROM owners WHERE is_me = 1").fetchone()
        return row[0] if row else None

    def owner_headline(self, person_id: int) -> str:
        """The LinkedIn headline a colleague's own export gives them ('' if unknown)."""
        row = self.conn.execute(
            "SELECT headline FROM owners WHERE person_id = ?", (person_id,)
        ).fetchone()
        return row[0] if row else ""

    def owner_by_name(self, name_key: str) -> tuple[int, int] | None:
        """(owner id, person id) of the owner with this folded name, if any."""
        row = self.conn.execute(
            "SELECT id, person_id FROM owners WHERE name_key = ?", (name_key,)
        ).fetchone()
        return (row[0], row[1]) if row else None

    def person_id_for_key(self, key: str) -> int | None:
        """Resolve a person key (or an alias of one) to a person id."""
        return resolve_key(self.conn, key)


def resolve_key(conn: sqlite3.Connection, key: str) -> int | None:
    """The person id for a key, or for an alias a merge left behind; None if neither."""
    row = conn.execute("SELECT id FROM people WHERE key = ?", (key,)).fetchone()
    if row is None:
        row = conn.execute("SELECT person_id FROM aliases WHERE alias = ?", (key,)).fetchone()
    return row[0] if row else None


def store_error(path: Path, err: sqlite3.Error) -> StoreError:
    """The :class:`StoreError` that says, in one line, why SQLite refused ``path``."""
    text = str(err)
    if "locked" in text or "busy" in text:
        return StoreError(
            f"{path}: the store is busy with another refpath command; try again when it finishes"
        )
    if "disk is full" in text or "disk I/O" in text:
        return StoreError(f"{path}: the disk is full; nothing was changed. Free space and retry")
    if "not a database" in text or "malformed" in text:
        return StoreError(
            f"{path}: this file is damaged or not a refpath store; nothing was changed"
        )
    if "readonly" in text:
        return StoreError(
            f"{path}: the store is read-only (no write permission on it or its folder, or a "
            "read-only file system); nothing was changed"
        )
    return StoreError(f"{path}: store error: {text}")


def open_store(
    path: Path, *, create: bool = True, on_upgrade: Callable[[str], None] | None = None
) -> Store:
    """Open (and on first use create) the store at ``path``.

    Raises :class:`StoreError` for a missing store when ``create`` is False, a
    path that is not a regular file (``/dev/null``), a store written by a newer
    refpath, a file that is not a refpath store (``user_version`` 0 or below
    included), or a damaged file. An existing file is never modified by a failed
    open. A store that cannot be written (no permission, a read-only file
    system) is opened read-only: queries work, and a write fails with
    "read-only". A store this call created is removed again when the open, or
    the ``with`` block using the store, fails while it is still empty. A store
    written by an older refpath is upgraded in place first (new tables, keys
    under today's name rules), saying so through ``on_upgrade``.
    """
    path = Path(path)
    if path.is_dir():
        raise StoreError(f"{path}: is a folder; --db needs a file path such as {path}/refpath.db")
    try:
        conn, created, was_empty, read_only, lock_fd = _open(path, create)
    except (OSError, sqlite3.Error) as err:
        raise StoreError(f"{path}: cannot open the store: {err}") from err
    # Two refpaths creating one new store race for SQLite's locks (journal-mode change,
    # WAL recovery), which can answer "busy" at once rather than waiting: retry a while.
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    store = Store(
        path, conn, created=created, was_empty=was_empty, read_only=read_only, lock_fd=lock_fd
    )
    try:
        while True:
            try:
                _check_or_create_schema(
                    path, conn, created or os.stat(path).st_size == 0, read_only, on_upgrade
                )
                break
            except _Busy as busy:
                if time.monotonic() > deadline:
                    raise store_error(path, busy.error) from busy.error
                time.sleep(0.05)
    except BaseException:
        store.discard_if_unused()
        store.close()
        raise
    return store


def _open(path: Path, create: bool) -> tuple[sqlite3.Connection, bool, bool, bool, int]:
    """(connection, created, was an empty file, read-only, shared-lock descriptor) for ``path``.

    Refuses a path that is not a regular file (``/dev/null``, a FIFO), a store
    not there yet unless ``create``, and a new store that cannot be written. An
    existing empty file taken as a new store is made 0600.
    """
    for _ in range(20):  # a failing first add may remove the file under us: retry
        try:
            st = os.stat(path)
        except FileNotFoundError:
            st = None
        if st is not None and not stat.S_ISREG(st.st_mode):
            raise StoreError(
                f"{path}: not a regular file (a device or a pipe); --db needs a store file "
                "such as refpath.db"
            )
        is_new = st is None or st.st_size == 0
        if is_new and not create:
            raise StoreError(f"{path}: no refpath store here yet; run 'refpath add EXPORTS' first")
        created = st is None and _create_private(path)
        try:
            lock_fd = _share(path)
        except FileNotFoundError:
            continue
        try:
            read_only = not _writable(path)
            if is_new and read_only:
                raise StoreError(
                    f"{path}: the store is read-only (no write permission, or a read-only "
                    "file system); a new store cannot be made here"
                )
            was_empty = not created and os.fstat(lock_fd).st_size == 0
            if was_empty:
                os.chmod(path, 0o600)  # someone's empty file becomes a private store
            return _connect(path, read_only), created, was_empty, read_only, lock_fd
        except BaseException:
            os.close(lock_fd)
            if created:
                os.unlink(path)
            raise
    raise StoreError(f"{path}: cannot open the store: it keeps disappearing")


class _Busy(Exception):
    """SQLite said "locked" or "busy" while the store was being opened or created."""

    def __init__(self, error: sqlite3.Error) -> None:
        super().__init__(str(error))
        self.error = error


def _is_busy(err: sqlite3.Error) -> bool:
    return "locked" in str(err) or "busy" in str(err)


def _check_or_create_schema(
    path: Path,
    conn: sqlite3.Connection,
    is_new: bool,
    read_only: bool = False,
    on_upgrade: Callable[[str], None] | None = None,
) -> None:
    try:
        # One statement, one snapshot: read one by one, a store another refpath commits in
        # between looked like "tables but no application id" (not a store).
        app_id, version, tables = conn.execute(
            "SELECT (SELECT application_id FROM pragma_application_id), "
            "(SELECT user_version FROM pragma_user_version), "
            "(SELECT COUNT(*) FROM sqlite_master)"
        ).fetchone()
        has_tables = tables > 0
    except sqlite3.DatabaseError as err:
        if _is_busy(err):
            raise _Busy(err) from err
        raise store_error(path, err) from err
    # An SQLite file with nothing in it may be a store another refpath is creating right now.
    empty = not (has_tables or app_id or version)
    if (app_id != APPLICATION_ID or version <= 0) and not (is_new or empty):
        raise StoreError(f"{path}: this file is not a refpath store; nothing was changed")
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path}: this store was written by a newer refpath (schema {version}, this "
            f"refpath reads {SCHEMA_VERSION}); upgrade refpath to use it"
        )
    try:
        if version == 0:
            # Wide connection rows, a million of them: with 16 KiB pages a 1M-row add took
            # 15.5-20.4 s against 18.1-21.4 s with SQLite's 4 KiB default (alternating runs
            # on a noisy machine: a small gain at best); `refpath to` stays ~115 ms.
            conn.execute("PRAGMA page_size = 16384")
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("BEGIN IMMEDIATE")
            if conn.execute("PRAGMA user_version").fetchone()[0]:
                # another refpath created the schema while this one waited for the lock
                conn.execute("ROLLBACK")
                return _check_or_create_schema(path, conn, False, read_only, on_upgrade)
            create(conn)
            conn.execute("COMMIT")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = OFF")
        if version and outdated(conn, version):
            upgrade(path, conn, read_only, on_upgrade)
    except sqlite3.Error as err:
        if conn.in_transaction:
            conn.rollback()
        if _is_busy(err):
            raise _Busy(err) from err
        raise store_error(path, err) from err
