"""Opening a library: finding the file, refusing foreign or damaged ones, migrating, sessions.

A library is one SQLite file (WAL mode, foreign keys on), or, for a team, one PostgreSQL
database (``postgresql://user@host/db``; see ``dialect.postgres``). Opening never overwrites a
file or database that is not a Casefile library, never touches a library from a newer
Casefile, and backs an SQLite library up before migrating it.
"""

from __future__ import annotations

import errno
import logging
import os
import re
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import event, text
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import ArgumentError, DatabaseError, DBAPIError, OperationalError
from sqlmodel import Session, create_engine

from desktop.store import dialect
from desktop.store.dialect import postgres
from desktop.store.safe_output import (
    UnsafeOutput,
    atomic_output,
    check_output,
    library_files,
    remove_partial,
)
from desktop.store.text import storable

ENV_VAR = "CASEFILE_DB"
#: what the window and the CLI say while ``Library.open`` upgrades an older library
UPGRADE_NOTICE = (
    "Upgrading {name} for this version of Casefile: a backup first, then the conversion. "
    "A large library takes a few minutes, once."
)
log = logging.getLogger(__name__)


class LibraryError(Exception):
    """A library that cannot be opened or written; the message is for the user."""


class LibraryDamaged(LibraryError):
    """The file is an SQLite library whose pages cannot be read: ``casefile check`` reports it."""


class LibraryBusy(LibraryError):
    """Another process holds the write lock longer than we are willing to wait."""


class ConcurrentEdit(LibraryError):
    """Someone else changed the row since it was read: saving would silently undo their edit."""


def check_version(session: Session, table: str, row_id: int, seen: int, what: str) -> None:
    """Optimistic locking: go on only if ``table.version`` of the row is still ``seen``.

    Run inside ``library.write()`` before changing the row (the caller then bumps the version).
    The conditional UPDATE also locks the row until the commit; zero rows means another writer
    (another window or analyst) saved it after ``seen`` was read, and ConcurrentEdit says so
    instead of silently overwriting their edit.
    """
    result = session.connection().execute(
        text(f"UPDATE {table} SET version = version WHERE id = :id AND version = :seen"),
        {"id": row_id, "seen": seen},
    )
    if result.rowcount == 0:
        raise ConcurrentEdit(
            f"{what} was changed by someone else after you opened it; nothing was saved. "
            "Refresh to see their change, then edit again."
        )


def default_library_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path("Casefile", appauthor=False) / "library.casefile"


def resolve_db_url(arg: str | os.PathLike[str] | None = None) -> str:
    """--db beats $CASEFILE_DB beats the user data directory; plain paths become SQLite URLs,
    ``postgresql://`` addresses use the psycopg (3) driver."""
    value = os.fspath(arg) if arg else os.environ.get(ENV_VAR) or str(default_library_path())
    for prefix in ("postgresql://", "postgres://"):
        if value.startswith(prefix):
            return "postgresql+psycopg://" + value.removeprefix(prefix)
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser().resolve()}"


def sqlite_uri(path: str | os.PathLike[str], **params: str) -> str:
    """An SQLite ``file:`` URI naming exactly ``path``: ``%``, ``?`` and ``#`` in it are quoted,
    never read as escapes, a query or a fragment (use with ``sqlite3.connect(..., uri=True)``)."""
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"file:{quote(os.fspath(path), safe='/')}" + (f"?{query}" if query else "")


def is_postgres_url(url: str) -> bool:
    return url.startswith(("postgresql", "postgres:"))


#: query parameters of an address that carry a secret (libpq reads ``password`` there too)
_SECRET_PARAMS = frozenset({"password", "sslpassword"})
_SECRET_IN_TEXT = re.compile(r"(://[^:/@?#]*:)[^@/?#]*(@)|((?:ssl)?password=)[^&\s]*", re.I)


def mask_secrets(text: str) -> str:
    """Any ``user:password@`` or ``password=…`` in ``text`` replaced by ``***``."""
    return _SECRET_IN_TEXT.sub(lambda m: f"{m[1]}***{m[2]}" if m[1] else f"{m[3]}***", text)


def display_url(url: str) -> str:
    """The address without its password (in the user part or as ``?password=``): safe to
    show, log or store in settings, even when the address cannot be parsed."""
    if url.startswith("sqlite:///"):
        return url  # a path: nothing to hide, and nothing in it is an escape or a query
    try:
        parsed = make_url(url)
        query = {k: ("***" if k.lower() in _SECRET_PARAMS else v) for k, v in parsed.query.items()}
        shown = parsed.set(query=query).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return mask_secrets(url).replace("postgresql+psycopg://", "postgresql://", 1)
    return shown.replace("postgresql+psycopg://", "postgresql://", 1).replace("%2A%2A%2A", "***")


def sqlite_path(url: str) -> Path | None:
    return Path(url.removeprefix("sqlite:///")) if url.startswith("sqlite:///") else None


def _inspect_existing_file(path: Path) -> bool:
    """True when the file is an existing Casefile library, False when it is empty/new.

    Raises LibraryError for anything else; the file is only read, never changed, and only
    through SQLite: a Python ``open()`` of a library this process already has open would drop
    SQLite's locks on it (see desktop/ui/file_dialogs.py).
    """
    try:
        st = path.stat()
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise LibraryError(f"Cannot read {path}: {exc.strerror}.") from exc
    if path.is_dir():
        raise LibraryError(f"{path} is a folder, not a Casefile library file.")
    if st.st_size == 0:
        return False
    if not os.access(path, os.R_OK):
        raise LibraryError(f"{path} cannot be read: permission denied.")
    try:
        conn = sqlite3.connect(sqlite_uri(path, mode="ro"), uri=True)
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        if "not a database" in str(exc) and not _has_sqlite_magic(path):
            raise LibraryError(
                f"{path} is not a Casefile library (not an SQLite database); left untouched."
            ) from exc
        if st.st_size < 512:
            raise LibraryDamaged(
                f"{path} is damaged (the file is truncated); left untouched."
            ) from exc
        if "unable to open" in str(exc) or "readonly" in str(exc):
            raise LibraryError(read_only_message(path)) from exc
        raise LibraryDamaged(
            f"{path} is damaged and cannot be read ({exc}); left untouched."
        ) from exc
    if st.st_size < 512:
        raise LibraryDamaged(f"{path} is damaged (the file is truncated); left untouched.")
    if app_id == dialect.APPLICATION_ID:
        return True
    if tables == 0:
        return False
    raise LibraryError(
        f"{path} is an SQLite database but not a Casefile library; it was left untouched."
    )


def _has_sqlite_magic(path: Path) -> bool:
    """Whether the file starts like an SQLite database. Only asked once SQLite has refused the
    file as "not a database": no connection of this process can be using it then, so this one
    Python read cannot drop locks that matter."""
    try:
        with path.open("rb") as fh:
            return fh.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


def read_only_message(path: Path) -> str:
    """Why a library cannot be written, when it is the file, the folder or the medium."""
    if not os.access(path.parent, os.W_OK):
        where = f"the folder {path.parent} is read-only"
    elif path.exists() and not os.access(path, os.W_OK):
        where = f"the file {path} is read-only"
    else:
        where = f"{path} is on a read-only medium or cannot be written"
    return (
        f"Cannot write to the library: {where}. Nothing was changed; the library is not "
        "damaged. Make it writable, or copy it somewhere you can write."
    )


def _is_read_only_error(exc: BaseException) -> bool:
    text_ = str(exc).lower()
    return "readonly" in text_ or "read-only" in text_ or "unable to open database" in text_


class Library:
    """An open library: an engine plus the sessions the services use."""

    def __init__(self, url: str, engine: Engine, *, created: bool) -> None:
        self.url = display_url(url)  # never the password: it is shown in titles and output
        self.engine = engine
        self.created = created  # True when this open created the library
        self.path = sqlite_path(url)
        self.is_postgres = engine.dialect.name == "postgresql"
        self._writer = engine.execution_options(casefile_write=True)

    @property
    def name(self) -> str:
        """The file path, or the server address without password, for messages."""
        return str(self.path) if self.path is not None else self.url

    # --- opening ------------------------------------------------------------------------
    @classmethod
    def open(
        cls,
        url: str | None = None,
        *,
        migrate: bool = True,
        on_upgrade: Callable[[str], None] | None = None,
    ) -> Library:
        """Open (or create) a library; an older one is upgraded, a backup first.
        ``on_upgrade(name)`` is called before that starts: it can take minutes, once."""
        url = resolve_db_url(url) if url else resolve_db_url()
        if is_postgres_url(url):
            return cls._open_postgres(url, migrate=migrate, on_upgrade=on_upgrade)
        path = sqlite_path(url)
        if path is None:
            raise LibraryError(f"Unsupported library address: {display_url(url)}")
        existed = _inspect_existing_file(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise LibraryError(f"Cannot create the folder {path.parent}: {exc.strerror}") from exc
        engine = _make_engine(path)
        library = cls(url, engine, created=not existed)
        if migrate:
            try:
                library._migrate(on_upgrade)
            except DatabaseError as exc:
                engine.dispose()
                if _is_read_only_error(exc):
                    raise LibraryError(read_only_message(path)) from exc
                raise LibraryDamaged(f"{path} is damaged and cannot be read ({exc.orig}).") from exc
            except Exception:
                engine.dispose()
                raise
        return library

    @classmethod
    def _open_postgres(
        cls, url: str, *, migrate: bool, on_upgrade: Callable[[str], None] | None = None
    ) -> Library:
        try:
            parsed = make_url(url)
            _ = parsed.port  # a port that is not a number raises here, not in the driver
        except (ArgumentError, ValueError) as exc:
            raise LibraryError(
                f"“{display_url(url)}” is not a valid PostgreSQL address "
                "(expected postgresql://user@host:port/database)."
            ) from exc
        try:
            engine = _make_pg_engine(url)
        except ImportError as exc:
            raise LibraryError(
                "Shared libraries on PostgreSQL need the psycopg driver: "
                "pip install 'casefile[postgres]'."
            ) from exc
        except (ArgumentError, ValueError) as exc:
            raise LibraryError(
                f"“{display_url(url)}” is not a valid PostgreSQL address: {mask_secrets(str(exc))}"
            ) from exc
        try:
            with engine.connect() as conn:
                state = postgres.library_state(conn)
                conn.rollback()
        except DBAPIError as exc:  # refused, timed out, bad password, bad option
            engine.dispose()
            reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
            raise LibraryError(
                f"Cannot connect to {display_url(url)}: {mask_secrets(reason)}"
            ) from exc
        if state == "foreign":
            engine.dispose()
            raise LibraryError(
                f"The database {display_url(url)} already holds tables that are not a Casefile "
                "library; it was left untouched. Use an empty database."
            )
        library = cls(url, engine, created=state == "empty")
        if migrate:
            try:
                library._migrate(on_upgrade)
            except Exception:
                engine.dispose()
                raise
        return library

    def _migrate(self, on_upgrade: Callable[[str], None] | None = None) -> None:
        from desktop.store import migrate

        current, head = migrate.current_and_head(self.engine)
        if current == head:
            return
        if current is not None and not migrate.is_known(current):
            raise LibraryError(
                f"{self.name} was written by a newer Casefile (schema {current}); this Casefile "
                f"knows schema {head}. Update Casefile to open it; the file was left untouched."
            )
        if current is not None and on_upgrade is not None:
            on_upgrade(self.name)
        if current is not None and self.path is not None:
            self.backup(self.path.with_name(f"{self.path.name}.before-{head}.bak"))
        # On a server, two Casefiles may open a new library at once: the writer lock makes
        # the second wait, then find the schema current (Alembic re-reads it under the lock).
        migrate.upgrade(self._writer if self.is_postgres else self.engine)
        if current is not None and self.path is not None and migrate.frees_space(current):
            try:
                self._compact()
            except sqlite3.OperationalError as exc:  # e.g. no room for the copy VACUUM makes
                log.warning(
                    "%s: migrated, but not compacted (%s); it opens as it is", self.name, exc
                )

    def _compact(self) -> None:
        """Rewrite the file after a migration, so the room it made is given back to the
        disk: 0009 packs the article bodies, which leaves their pages a third full rather
        than free (about 25 s at 100,000 articles, once)."""
        raw = self.engine.raw_connection()  # outside SQLAlchemy's transaction: VACUUM needs it
        try:
            # the copy VACUUM builds goes to a temporary file, not memory (the file's size)
            raw.cursor().execute("PRAGMA temp_store = FILE")
            raw.cursor().execute("VACUUM")
        finally:
            raw.invalidate()  # not back to the pool with temp_store = FILE, VACUUM or not

    def close(self) -> None:
        self.engine.dispose()

    def refresh_connections(self) -> None:
        """Close the idle pooled connections so the next ones open and lock the file afresh.

        Called after a file dialog closes: should anything in this process have opened and
        closed the library file meanwhile (and so dropped SQLite's locks), the connections
        that lost their locks are not used again.
        """
        if self.path is not None:
            self.engine.dispose()

    @property
    def protected_files(self) -> list[Path]:
        """The library file and its SQLite companions: no output may ever replace them."""
        return library_files(self.path)

    # --- sessions -----------------------------------------------------------------------
    def session(self) -> Session:
        """A read session (its reads see one consistent snapshot until it ends)."""
        return Session(self.engine, expire_on_commit=False)

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One unit of work: everything commits together or nothing does."""
        session = Session(self._writer, expire_on_commit=False)
        try:
            yield session
            session.commit()
        except (OperationalError, sqlite3.OperationalError) as exc:
            session.rollback()
            busy = "locked" in str(exc) or "busy" in str(exc)
            if busy or (self.is_postgres and postgres.is_busy_error(exc)):
                raise LibraryBusy(
                    f"The library {self.name} is busy: another Casefile window or command is "
                    "writing to it. Nothing was changed; try again in a moment."
                ) from exc
            if self.path is not None and _is_read_only_error(exc):
                raise LibraryError(read_only_message(self.path)) from exc
            raise
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    # --- maintenance --------------------------------------------------------------------
    def backup(self, out: str | os.PathLike[str]) -> Path:
        """A consistent copy while the library is in use (SQLite's online backup API; a
        PostgreSQL library is copied into a new SQLite library file).

        The library is checked first (a damaged one is not copied as if it were sound); the
        copy is written beside the target and renamed over it when complete, so a full disk
        or a crash leaves no partial file, and the target is never the library itself.
        """
        from desktop.store.integrity import problems

        wanted = Path(out).expanduser()
        if not wanted.parent.exists():
            try:
                wanted.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise LibraryError(
                    f"Cannot create the folder {wanted.parent}: {exc.strerror}"
                ) from exc
        try:
            target = check_output(wanted, protected=self.protected_files)
        except UnsafeOutput as exc:
            raise LibraryError(str(exc)) from exc
        found = problems(self, quick=True) if self.path is not None else []  # copy checks PG
        if found:
            raise LibraryError(
                f"{self.name} is damaged ({found[0]}); no backup was written. "
                "Run `casefile check` for the details."
            )
        try:
            with atomic_output(target, protected=self.protected_files) as tmp:
                if self.path is None:
                    self._backup_to_sqlite(tmp)
                else:
                    self._backup_sqlite(tmp)
        except (OSError, sqlite3.Error, DatabaseError) as exc:
            if _is_disk_full(exc):
                raise LibraryError(
                    f"Could not write the backup {target}: not enough space, or a write error "
                    f"({exc}). Nothing was left there, and the library is unchanged."
                ) from exc
            if isinstance(exc, OSError):
                raise LibraryError(
                    f"Could not write the backup {target}: {exc.strerror or exc}. Nothing was "
                    "left there, and the library is unchanged."
                ) from exc
            raise
        return target

    def _backup_sqlite(self, tmp: Path) -> None:
        src = sqlite3.connect(sqlite_uri(self.path or ""), uri=True)
        try:
            dst = sqlite3.connect(sqlite_uri(tmp), uri=True)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
            finally:
                dst.close()
        except BaseException:
            remove_partial(tmp)
            raise
        finally:
            src.close()

    def _backup_to_sqlite(self, tmp: Path) -> None:
        from desktop.store.copy import copy_library

        tmp.unlink(missing_ok=True)
        copy = Library.open(resolve_db_url(tmp))
        try:
            copy_library(self, copy)
            with copy.engine.connect() as conn:
                dialect.checkpoint(conn)
        finally:
            copy.close()


def _is_disk_full(exc: BaseException) -> bool:
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return True
    text_ = str(exc).lower()
    return any(
        words in text_ for words in ("disk is full", "no space", "file too large", "disk i/o error")
    )


def _without_nul(params: Any) -> Any:
    """Statement parameters with NUL characters taken out of their texts (``text.storable``)."""
    if isinstance(params, dict):
        return {k: storable(v) if isinstance(v, str) else v for k, v in params.items()}
    if isinstance(params, list | tuple):
        if params and isinstance(params[0], dict | list | tuple):  # executemany
            return [_without_nul(p) for p in params]
        return type(params)(storable(v) if isinstance(v, str) else v for v in params)
    return params


def _strip_nul(engine: Engine) -> None:
    """PostgreSQL refuses text holding a NUL character (a pasted note, a search); SQLite
    would keep it. Both back ends store and search such text without it."""

    @event.listens_for(engine, "before_cursor_execute", retval=True)
    def _clean(conn, cursor, statement, params, context, executemany):
        return statement, _without_nul(params)


def _make_pg_engine(url: str) -> Engine:
    args = postgres.connect_args(dialect.BUSY_TIMEOUT_MS)
    if "connect_timeout" in make_url(url).query:  # the address's own wins
        del args["connect_timeout"]
    engine = create_engine(
        url,
        pool_pre_ping=True,  # a server restart or idle timeout must not break the next click
        connect_args=args,
    )

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        write = bool(conn.get_execution_options().get("casefile_write"))
        conn.exec_driver_sql(postgres.begin_sql(write))

    _strip_nul(engine)
    return engine


def _make_engine(path: Path) -> Engine:
    # URL.create takes the path as it is: parsed from a string, "%41" would become "A" and
    # "?x" a query, and Casefile would open or create another file.
    url = URL.create("sqlite+pysqlite", database=str(path))
    engine = create_engine(
        url, connect_args={"check_same_thread": False, "timeout": dialect.BUSY_TIMEOUT_MS / 1000}
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        dialect.configure_connection(dbapi_conn)

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        write = bool(conn.get_execution_options().get("casefile_write"))
        conn.exec_driver_sql(dialect.begin_sql(write))

    _strip_nul(engine)
    return engine
