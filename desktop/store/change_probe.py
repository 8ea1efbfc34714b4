"""A cheap way to learn that another process (the CLI, another window, another analyst) has
written to the library, so an open window can refresh what it shows.

SQLite: ``PRAGMA data_version`` on one connection kept for the purpose changes whenever
another connection commits (microseconds: it reads the WAL index). PostgreSQL: the
database's tuple write counters in ``pg_stat_database`` (one small query; a writer's counts
arrive when it commits or goes idle, within seconds).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine

if TYPE_CHECKING:
    from desktop.store.db import Library

_PG_WRITES = text(
    "SELECT tup_inserted + tup_updated + tup_deleted FROM pg_stat_database "
    "WHERE datname = current_database()"
)


class ChangeProbe:
    """``token()`` returns a value that differs once someone else has written."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._postgres = engine.dialect.name == "postgresql"
        self._conn: Connection | None = None

    @classmethod
    def of(cls, library: Library) -> ChangeProbe:
        """The probe of an open library (the window's watcher never touches its engine)."""
        return cls(library.engine)

    def token(self) -> object:
        if self._postgres:  # a new short connection use: the statistics snapshot is per query
            with self._engine.connect() as conn:
                return conn.execute(_PG_WRITES).scalar()
        if self._conn is None:  # data_version is per connection: keep the same one
            self._conn = self._engine.connect()
        try:
            return self._conn.exec_driver_sql("PRAGMA data_version").scalar()
        finally:
            self._conn.rollback()  # never hold a read snapshot open between polls

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
