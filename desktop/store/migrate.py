"""Alembic, driven from code: the library migrates itself on open.

Opening an up-to-date library must not pay for importing Alembic and parsing every migration
script (a third of a second at start-up), so the current revision is read with a plain query
and compared with SCHEMA_HEAD; Alembic is loaded only when there is work to do.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

_MIGRATIONS = Path(__file__).with_name("migrations")

#: The newest migration's revision; a test keeps it equal to Alembic's head.
SCHEMA_HEAD = "0013_packed_evidence"


def _config(engine: Engine | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(_MIGRATIONS))
    if engine is not None:
        cfg.attributes["engine"] = engine
    return cfg


def _script() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_config())


def head_revision() -> str:
    head = _script().get_current_head()
    assert head is not None
    return head


def is_known(revision: str) -> bool:
    try:
        return _script().get_revision(revision) is not None
    except Exception:  # noqa: BLE001 - alembic raises several kinds for unknown ids
        return False


#: revisions that leave a SQLite file with room to give back (0009 packs the article bodies,
#: 0013 the evidence spans)
FREES_SPACE = frozenset({"0009_lean_links", "0013_packed_evidence"})


def frees_space(current: str) -> bool:
    """Whether upgrading from ``current`` to the head runs a revision in ``FREES_SPACE``: only
    then is the whole file worth rewriting (``Library._compact``)."""
    upgrades = _script().iterate_revisions(SCHEMA_HEAD, current)
    return any(script.revision in FREES_SPACE for script in upgrades)


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            conn.rollback()
            return None
        current = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        conn.rollback()
    return current


def current_and_head(engine: Engine) -> tuple[str | None, str]:
    return current_revision(engine), SCHEMA_HEAD


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command

    command.upgrade(_config(engine), revision)


def downgrade(engine: Engine, revision: str) -> None:
    """Only for tests of the upgrade path: takes a library back to an older schema."""
    from alembic import command

    command.downgrade(_config(engine), revision)
