"""Is the library sound? ``casefile check``, and the check before a backup or a copy.

A library file can have a sound header and damaged pages behind it (a failing disk, a copy
taken mid-write): it opens, and an import or a backup would report success while reading an
article fails. On SQLite, ``PRAGMA integrity_check`` (or the faster ``quick_check``) reads
every page and ``foreign_key_check`` every reference; on PostgreSQL, which guards its own
pages, a sanity pass checks the schema is there and that nothing points at a missing row.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from desktop.store.db import Library

#: (table, column, referenced table, its key): the references a sound library never breaks.
REFERENCES = (
    ("article", "item_id", "item", "id"),
    ("entity", "item_id", "item", "id"),
    ("alias", "entity_id", "item", "id"),
    ("link", "source_id", "item", "id"),
    ("link", "target_id", "item", "id"),
    ("evidence", "link_id", "link", "id"),
    ("evidence", "article_id", "item", "id"),
    ("case_item", "case_id", "case_file", "id"),
    ("case_item", "item_id", "item", "id"),
)
MAX_REPORTED = 20


@dataclass(slots=True)
class CheckReport:
    library: str
    backend: str
    checks: list[str] = field(default_factory=list)  # what was run
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def as_json(self) -> dict:
        return {
            "library": self.library,
            "backend": self.backend,
            "ok": self.ok,
            "checks": self.checks,
            "problems": self.problems,
        }


def check_library(library: Library, *, quick: bool = False) -> CheckReport:
    """Every problem found (none: the library is sound). Reads only."""
    report = CheckReport(library.name, "postgresql" if library.is_postgres else "sqlite")
    try:
        with library.engine.connect() as conn:
            if library.is_postgres:
                _postgres_checks(conn, report)
            else:
                _sqlite_checks(conn, report, quick=quick)
            conn.rollback()
    except DBAPIError as exc:
        report.problems.append(f"the library cannot be read: {exc.orig}")
    return report


def problems(library: Library, *, quick: bool = True) -> list[str]:
    """The problems ``check_library`` finds (quick pass): what a backup or copy checks first."""
    return check_library(library, quick=quick).problems


def _sqlite_checks(conn, report: CheckReport, *, quick: bool) -> None:
    pragma = "quick_check" if quick else "integrity_check"
    report.checks.append(pragma)
    rows = [r[0] for r in conn.exec_driver_sql(f"PRAGMA {pragma}({MAX_REPORTED})")]
    if rows != ["ok"]:
        report.problems.extend(f"{pragma}: {r}" for r in rows)
        return  # a damaged file: the reference check below would only add noise
    report.checks.append("foreign_key_check")
    for table, rowid, parent, _fk in conn.exec_driver_sql("PRAGMA foreign_key_check").fetchmany(
        MAX_REPORTED
    ):
        report.problems.append(f"{table} row {rowid} refers to a missing {parent} row")


def _postgres_checks(conn, report: CheckReport) -> None:
    report.checks.append("schema")
    present = {
        r[0]
        for r in conn.execute(
            text(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
            )
        )
    }
    missing = sorted(({t for t, *_ in REFERENCES} | {"item", "alembic_version"}) - present)
    if missing:
        report.problems.append(f"missing tables: {', '.join(missing)}")
        return
    report.checks.append("references")
    for table, column, parent, key in REFERENCES:
        n = conn.execute(
            text(
                f"SELECT count(*) FROM {table} t WHERE t.{column} IS NOT NULL AND NOT EXISTS "
                f"(SELECT 1 FROM {parent} p WHERE p.{key} = t.{column})"
            )
        ).scalar_one()
        if n:
            report.problems.append(f"{n} {table} row(s) refer to a missing {parent} row")
