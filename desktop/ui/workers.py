"""Background work that never touches widgets (Picard's run_task, Orange's concurrent mixin).

``run_task`` runs ``fn(ctx)`` on a thread pool; its result, error and progress come back as
calls on the GUI thread. ``WriteQueue`` is the single serial write worker: writes run one at
a time, in the order they were submitted, so an undo queued after its redo sees the redo's
result. Every task can be cancelled; ``fn`` checks ``ctx.cancelled`` between steps.
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot
from shiboken6 import isValid

log = logging.getLogger(__name__)

DoneFn = Callable[[Any], None]
ErrorFn = Callable[[BaseException], None]
ProgressFn = Callable[..., None]


class TaskContext:
    """What a running task may use: report progress, ask whether it was cancelled."""

    def __init__(self, handle: TaskHandle) -> None:
        self._handle = handle
        self._cancel = threading.Event()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def is_cancelled(self) -> bool:  # a callable for services' ``should_cancel=``
        return self._cancel.is_set()

    def progress(self, *args: Any) -> None:
        """Thread-safe: delivered to ``on_progress`` on the GUI thread, in order."""
        self._handle._sig_progress_raw.emit(args)


class TaskHandle(QObject):
    """Lives on the GUI thread; its raw signals are emitted from the worker and therefore
    queued, so the callbacks and the public signals always run on the GUI thread."""

    sig_progress = Signal(object)  # tuple of the args given to ctx.progress
    sig_done = Signal(object)
    sig_error = Signal(object)
    sig_finished = Signal()  # after done or error

    _sig_progress_raw = Signal(object)
    _sig_done_raw = Signal(object)
    _sig_error_raw = Signal(object)

    def __init__(
        self,
        on_done: DoneFn | None,
        on_error: ErrorFn | None,
        on_progress: ProgressFn | None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = TaskContext(self)
        self.finished = False
        self.result: Any = None
        self.error: BaseException | None = None
        self._on_done, self._on_error, self._on_progress = on_done, on_error, on_progress
        #: the widget the callbacks update: once Qt has deleted it, results are dropped
        self.owner: QObject | None = None
        self._sig_progress_raw.connect(self._deliver_progress)
        self._sig_done_raw.connect(self._deliver_done)
        self._sig_error_raw.connect(self._deliver_error)

    def cancel(self) -> None:
        self.ctx._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self.ctx.cancelled

    @Slot(object)
    def _deliver_progress(self, args: tuple) -> None:
        if self.finished or self._orphaned():
            return
        if self._on_progress is not None:
            self._on_progress(*args)
        self.sig_progress.emit(args)

    @Slot(object)
    def _deliver_done(self, result: Any) -> None:
        self.result = result
        try:
            if self._orphaned():
                return
            if self._on_done is not None:
                self._on_done(result)
            self.sig_done.emit(result)
        finally:
            self._finish()

    @Slot(object)
    def _deliver_error(self, exc: BaseException) -> None:
        self.error = exc
        try:
            if self._on_error is not None and not self._orphaned():
                self._on_error(exc)
            else:
                log.error(
                    "background task failed:\n%s",
                    "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)),
                )
            self.sig_error.emit(exc)
        finally:
            self._finish()

    def _orphaned(self) -> bool:
        """True when the owner was given and Qt has deleted it (a closed page, a rebuilt view)."""
        return self.owner is not None and not isValid(self.owner)

    def _finish(self) -> None:
        self.finished = True
        _LIVE.discard(self)
        self.sig_finished.emit()


class _Runnable(QRunnable):
    def __init__(self, fn: Callable[[TaskContext], Any], handle: TaskHandle) -> None:
        super().__init__()
        self._fn = fn
        self._handle = handle

    def run(self) -> None:
        handle = self._handle
        try:
            result = self._fn(handle.ctx)
        except BaseException as exc:  # noqa: BLE001 - reported on the GUI thread
            handle._sig_error_raw.emit(exc)
        else:
            handle._sig_done_raw.emit(result)


#: handles of running tasks, so Python keeps them (and their callbacks) alive until done
_LIVE: set[TaskHandle] = set()


def run_task(
    fn: Callable[[TaskContext], Any],
    on_done: DoneFn | None = None,
    on_error: ErrorFn | None = None,
    on_progress: ProgressFn | None = None,
    *,
    pool: QThreadPool | None = None,
    owner: QObject | None = None,
) -> TaskHandle:
    """Run ``fn(ctx)`` off the GUI thread; callbacks run on the GUI thread, and not at all
    once ``owner`` (the widget they update) has been deleted."""
    handle = TaskHandle(on_done, on_error, on_progress)
    handle.owner = owner
    _LIVE.add(handle)
    (pool or QThreadPool.globalInstance()).start(_Runnable(fn, handle))
    return handle


def live_tasks() -> list[TaskHandle]:
    return list(_LIVE)


class WriteQueue(QObject):
    """The single serial write worker: one write at a time, in submission order."""

    sig_busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._pending: list[TaskHandle] = []

    def submit(
        self,
        fn: Callable[[TaskContext], Any],
        on_done: DoneFn | None = None,
        on_error: ErrorFn | None = None,
        on_progress: ProgressFn | None = None,
    ) -> TaskHandle:
        handle = run_task(fn, on_done, on_error, on_progress, pool=self._pool)
        self._pending.append(handle)
        handle.sig_finished.connect(lambda h=handle: self._on_finished(h))
        if len(self._pending) == 1:
            self.sig_busy_changed.emit(True)
        return handle

    def _on_finished(self, handle: TaskHandle) -> None:
        if handle in self._pending:
            self._pending.remove(handle)
            if not self._pending:
                self.sig_busy_changed.emit(False)

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def cancel_all(self) -> None:
        for handle in self._pending:
            handle.cancel()

    def wait(self, msecs: int = -1) -> bool:
        """Block until queued writes finished (used on close: never lose a write)."""
        return self._pool.waitForDone(msecs)
