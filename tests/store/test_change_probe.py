"""The window learns of writes by other processes from a cheap probe (issue 14, item 7), on
both back ends."""

from __future__ import annotations

import time

from desktop.services import cases
from desktop.store.change_probe import ChangeProbe
from desktop.store.db import Library


def _changes(probe: ChangeProbe, before: object, within_s: float = 30.0) -> bool:
    """Whether the token moves (PostgreSQL's counters arrive when the writer's backend
    reports them: at once on exit, else within seconds)."""
    end = time.monotonic() + within_s
    while time.monotonic() < end:
        if probe.token() != before:
            return True
        time.sleep(0.1)
    return False


def test_a_write_by_another_connection_moves_the_token(library: Library, db_url: str) -> None:
    probe = ChangeProbe(library.engine)
    try:
        first = probe.token()
        assert probe.token() == first  # reading changes nothing
        other = Library.open(db_url)
        try:
            cases.create_case(library=other, title="Elsewhere")
        finally:
            other.close()
        assert _changes(probe, first)
    finally:
        probe.close()
