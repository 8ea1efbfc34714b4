"""The window notices writes made by other processes and refreshes what it shows.

``LibraryWatcher`` polls the library's ``ChangeProbe`` on a QTimer (SQLite: on the GUI
thread, microseconds; PostgreSQL: on a worker, so a slow server never blocks the window) and
announces ``Changes(everything=True)`` on the window's bus, the one signal every view already
refreshes from. View › Refresh (F5) announces the same on demand. The window's own writes
(announced on the bus with what they changed) move the probe's token too: the watcher takes the
new token then, so they do not come back 1.5 s later as a refresh of everything.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.services.changes import Changes
from desktop.store.change_probe import ChangeProbe
from desktop.store.db import Library
from desktop.ui.workers import run_task

log = logging.getLogger(__name__)
#: how often to look (a change made elsewhere shows within about this long)
POLL_MS = 1500


class LibraryWatcher(QObject):
    #: another process wrote to the library (the bus has been told)
    sig_external_change = Signal()

    def __init__(self, library: Library, bus: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.library, self.bus = library, bus
        self._probe = ChangeProbe.of(library)
        self._last: object = None
        self._pending = False
        self._postgres = library.is_postgres
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.poll)
        self._announcing = False
        bus.sig_changed.connect(self._on_own_change)
        self._read(self._remember)

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self._probe.close()

    def poll(self) -> None:
        """Look once (the timer calls this); announce if the library changed since."""
        self._read(self._compare)

    def refresh(self) -> None:
        """Re-read everything now (View › Refresh)."""
        self._read(self._remember)
        self._announce_everything()

    def _on_own_change(self, _changes: object) -> None:
        """This window wrote (it has announced what): that write is not news."""
        if not self._announcing:
            self._read(self._remember)

    def _announce_everything(self) -> None:
        self._announcing = True
        try:
            self.bus.announce(Changes(everything=True))
        finally:
            self._announcing = False

    # --- reading the probe -----------------------------------------------------------------
    def _read(self, then: Any) -> None:
        if not self._postgres:
            try:
                then(self._probe.token())
            except Exception as exc:  # noqa: BLE001 - a failed look is tried again next time
                log.info("could not poll the library: %s", exc)
            return
        if self._pending:
            return
        self._pending = True

        def done(token: object) -> None:
            self._pending = False
            then(token)

        def failed(exc: BaseException) -> None:
            self._pending = False
            log.info("could not poll the library: %s", exc)

        run_task(lambda _ctx: self._probe.token(), done, failed, owner=self)

    def _remember(self, token: object) -> None:
        self._last = token

    def _compare(self, token: object) -> None:
        if self._last is None:
            self._last = token
            return
        if token != self._last:
            self._last = token
            self._announce_everything()
            self.sig_external_change.emit()
