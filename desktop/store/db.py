"""Opening a library: finding the file, refusing foreign or damaged ones, migrating, sessions.

A library is one SQLite file (WAL mode, foreign keys on). Opening never overwrites a file that
is not a Casefile library, never touches a library from a newer Casefile, and backs a library
up before migrating it.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlmodel import Session, create_engine

from desktop.store import dialect

ENV_VAR = "CASEFILE_DB"
_SQLITE_MAGIC = b"SQLite format 3\x00"


class LibraryError(Exception):
    """A library that cannot be opened or written; the message is for the user."""


class LibraryBusy(LibraryError):
    """Another process holds the write lock longer than we are willing to wait."""


def default_library_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path("Casefile", appauthor=False) / "library.casefile"


def resolve_db_url(arg: str | os.PathLike[str] | None = None) -> str:
    """--db beats $CASEFILE_DB beats the user data directory; plain paths become SQLite URLs."""
    value = os.fspath(arg) if arg else os.environ.get(ENV_VAR) or str(default_library_path())
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser().resolve()}"


def sqlite_path(url: str) -> Path | None:
    return Path(url.removeprefix("sqlite:///")) if url.startswith("sqlite:///") else None


def _inspect_existing_file(path: Path) -> bool:
    """True when the file is an existing Casefile library, False when it is empty/new.

    Raises LibraryError for anything else; the file is only read, never changed.
    """
    if not path.exists() or path.stat().st_size == 0:
        return False
    if path.is_dir():
        raise LibraryError(f"{path} is a folder, not a Casefile library file.")
    with path.open("rb") as fh:
        header = fh.read(100)
    if not header.startswith(_SQLITE_MAGIC):
        raise LibraryError(
            f"{path} is not a Casefile library (not an SQLite database); left untouched."
        )
    if len(header) < 100 or path.stat().st_size < 512:
        raise LibraryError(f"{path} is damaged (the file is truncated); left untouched.")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise LibraryError(
            f"{path} is damaged and cannot be read ({exc}); left untouched."
        ) from exc
    if app_id == dialect.APPLICATION_ID:
        return True
    if tables == 0:
        return False
    raise LibraryError(
        f"{path} is an SQLite database but not a Casefile library; it was left untouched."
    )


class Library:
    """An open library: an engine plus the sessions the services use."""

    def __init__(self, url: str, engine: Engine, *, created: bool) -> None:
        self.url = url
        self.engine = engine
        self.created = created  # True when this open created the library
        self.path = sqlite_path(url)
        self._writer = engine.execution_options(casefile_write=True)

    # --- opening ------------------------------------------------------------------------
    @classmethod
    def open(cls, url: str | None = None, *, migrate: bool = True) -> Library:
        url = url or resolve_db_url()
        path = sqlite_path(url)
        if path is None:
            raise LibraryError(f"Unsupported library address: {url}")
        existed = _inspect_existing_file(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise LibraryError(f"Cannot create the folder {path.parent}: {exc.strerror}") from exc
        engine = _make_engine(url)
        library = cls(url, engine, created=not existed)
        if migrate:
            try:
                library._migrate()
            except DatabaseError as exc:
                engine.dispose()
                raise LibraryError(f"{path} is damaged and cannot be read ({exc.orig}).") from exc
            except Exception:
                engine.dispose()
                raise
        return library

    def _migrate(self) -> None:
        from desktop.store import migrate

        current, head = migrate.current_and_head(self.engine)
        if current == head:
            return
        if current is not None and not migrate.is_known(current):
            raise LibraryError(
                f"{self.path} was written by a newer Casefile (schema {current}); this Casefile "
                f"knows schema {head}. Update Casefile to open it; the file was left untouched."
            )
        if current is not None and self.path is not None:
            self.backup(self.path.with_name(f"{self.path.name}.before-{head}.bak"))
        migrate.upgrade(self.engine)

    def close(self) -> None:
        self.engine.dispose()

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
            if "locked" in str(exc) or "busy" in str(exc):
                raise LibraryBusy(
                    f"The library {self.path} is busy: another Casefile window or command is "
                    "writing to it. Nothing was changed; try again in a moment."
                ) from exc
            raise
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    # --- maintenance --------------------------------------------------------------------
    def backup(self, out: str | os.PathLike[str]) -> Path:
        """A consistent copy while the library is in use (SQLite's online backup API)."""
        target = Path(out).expanduser().resolve()
        if self.path is not None and target == self.path:
            raise LibraryError("The backup must go to another file than the library itself.")
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".partial")
        src = sqlite3.connect(str(self.path))
        try:
            dst = sqlite3.connect(str(tmp))
            try:
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
        shutil.move(str(tmp), str(target))
        return target


def _make_engine(url: str) -> Engine:
    engine = create_engine(
        url, connect_args={"check_same_thread": False, "timeout": dialect.BUSY_TIMEOUT_MS / 1000}
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):  # type: ignore[no-untyped-def]
        dialect.configure_connection(dbapi_conn)

    @event.listens_for(engine, "begin")
    def _on_begin(conn):  # type: ignore[no-untyped-def]
        write = bool(conn.get_execution_options().get("casefile_write"))
        conn.exec_driver_sql(dialect.begin_sql(write))

    return engine
