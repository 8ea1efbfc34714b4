"""Graph reads off the GUI thread: a QRunnable with its own session, results by signal.

Each request carries a generation number; the panel ignores answers to requests it has since
replaced, so clicking quickly through items never shows a stale neighbourhood.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Signal

log = logging.getLogger(__name__)


class Relay(QObject):
    """Lives on the GUI thread; signals emitted from the worker are queued to it."""

    sig_done = Signal(int, str, object)  # generation, what, result
    sig_failed = Signal(int, str, str)  # generation, what, message


class GraphJob(QRunnable):
    def __init__(
        self, library: Any, generation: int, what: str, fn: Callable[[Any], Any], relay: Relay
    ) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the panel holds it until it reports
        self.library, self.generation, self.what, self.fn, self.relay = (
            library,
            generation,
            what,
            fn,
            relay,
        )

    def run(self) -> None:
        try:
            with self.library.session() as session:
                result = self.fn(session)
        except Exception as exc:  # noqa: BLE001 - reported to the panel, shown as a message
            log.exception("graph job %s failed", self.what)
            self.relay.sig_failed.emit(self.generation, self.what, str(exc) or type(exc).__name__)
            return
        self.relay.sig_done.emit(self.generation, self.what, result)
