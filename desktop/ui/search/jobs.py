"""Latest-wins background jobs for search-as-you-type (Picard's rule: never touch the UI from a
worker; post the result back).

Each keystroke supersedes the one before: a new job drops any job still queued, and a result
that arrives for anything but the newest job is discarded, so a slow search can never paint
over a newer one. One thread per runner keeps jobs in order and the database lightly loaded.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Relay(QObject):
    """Created on the GUI thread; emitted from the worker, so delivery is queued to it."""

    sig_done = Signal(int, object)
    sig_failed = Signal(int, str)


class _Job(QRunnable):
    def __init__(self, token: int, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._token, self._fn, self._relay = token, fn, relay

    def run(self) -> None:
        try:
            result = self._fn()
        except Exception as exc:  # noqa: BLE001 - shown in the panel, never raised in a thread
            self._relay.sig_failed.emit(self._token, f"{type(exc).__name__}: {exc}")
        else:
            self._relay.sig_done.emit(self._token, result)


class LatestJobRunner(QObject):
    """Runs one job at a time off the GUI thread and reports only the newest one's outcome."""

    sig_result = Signal(object)  # the newest job's return value
    sig_failed = Signal(str)  # the newest job's error, as a message
    sig_busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # The pool is created before the relay, so it is destroyed (waiting for a running job)
        # before the relay that job reports through.
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._relay = _Relay(self)
        self._relay.sig_done.connect(self._on_done)
        self._relay.sig_failed.connect(self._on_failed)
        self._token = 0
        self._busy = False

    @property
    def busy(self) -> bool:
        return self._busy

    def submit(self, fn: Callable[[], Any]) -> int:
        self._token += 1
        self._pool.clear()  # queued jobs are stale already
        self._pool.start(_Job(self._token, fn, self._relay))
        self._set_busy(True)
        return self._token

    def cancel(self) -> None:
        """Forget every job: whatever is running finishes unseen."""
        self._token += 1
        self._pool.clear()
        self._set_busy(False)

    def shutdown(self, msecs: int = 5000) -> None:
        self.cancel()
        self._pool.waitForDone(msecs)

    def _on_done(self, token: int, result: object) -> None:
        if token == self._token:
            self._set_busy(False)
            self.sig_result.emit(result)

    def _on_failed(self, token: int, message: str) -> None:
        if token == self._token:
            self._set_busy(False)
            self.sig_failed.emit(message)

    def _set_busy(self, busy: bool) -> None:
        if busy != self._busy:
            self._busy = busy
            self.sig_busy_changed.emit(busy)
