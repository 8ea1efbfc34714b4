"""Background work that never touches widgets (Picard's run_task, Orange's concurrent mixin).

``run_task`` runs ``fn(ctx)`` on a thread pool; its result, error and progress come back as
calls on the GUI thread. ``WriteQueue`` is the single serial write worker: writes run one at
a time, in the order they were submitted, so an undo queued after its redo sees the redo's
result. Every task can be cancelled; ``fn`` checks ``ctx.cancelled`` between steps.

Latest wins: ``run_task(..., latest=key)`` supersedes the task still pending under the same key
(search as you type, the connections panel following clicks): the older one is cancelled, taken
off the queue if it has not started, and its result or error is never delivered, so a slow
answer can never paint over a newer one. ``LatestJobRunner`` wraps that for a panel.
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable, Hashable
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QEventLoop,
    QObject,
    QRunnable,
    Qt,
    QThread,
    QThreadPool,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QGuiApplication
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
        #: a newer task of the same latest-wins key replaced this one: nothing is delivered
        self.superseded = False
        self.latest_key: Hashable | None = None
        self._queued: tuple[QThreadPool, QRunnable] | None = None
        self._sig_progress_raw.connect(self._deliver_progress)
        self._sig_done_raw.connect(self._deliver_done)
        self._sig_error_raw.connect(self._deliver_error)

    def cancel(self) -> None:
        self.ctx._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self.ctx.cancelled

    def supersede(self) -> None:
        """Cancel and drop whatever this task would still deliver (called on the GUI thread)."""
        self.superseded = True
        self.cancel()
        if self._queued is not None and not self.finished:
            pool, runnable = self._queued
            if pool.tryTake(runnable):  # never started: it will not report, so finish here
                self._finish()

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
            if self.superseded:
                pass  # a newer request replaced it: its failure is no longer anyone's concern
            elif self._on_error is not None and not self._orphaned():
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
        """True when superseded, or the owner was given and Qt has deleted it (a closed page,
        a rebuilt view)."""
        return self.superseded or (self.owner is not None and not isValid(self.owner))

    def _finish(self) -> None:
        if self.finished:
            return
        self.finished = True
        self._queued = None
        _LIVE.discard(self)
        if self.latest_key is not None and _LATEST.get(self.latest_key) is self:
            del _LATEST[self.latest_key]
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
#: the newest pending task of each latest-wins key
_LATEST: dict[Hashable, TaskHandle] = {}


def run_task(
    fn: Callable[[TaskContext], Any],
    on_done: DoneFn | None = None,
    on_error: ErrorFn | None = None,
    on_progress: ProgressFn | None = None,
    *,
    pool: QThreadPool | None = None,
    owner: QObject | None = None,
    latest: Hashable | None = None,
) -> TaskHandle:
    """Run ``fn(ctx)`` off the GUI thread; callbacks run on the GUI thread, and not at all
    once ``owner`` (the widget they update) has been deleted. With ``latest`` (a key), this
    task supersedes the one still pending under that key: only the newest result arrives."""
    handle = TaskHandle(on_done, on_error, on_progress)
    handle.owner = owner
    if latest is not None:
        cancel_latest(latest)
        handle.latest_key = latest
        _LATEST[latest] = handle
    _LIVE.add(handle)
    pool = pool or QThreadPool.globalInstance()
    runnable = _Runnable(fn, handle)
    runnable.setAutoDelete(False)  # kept by the handle, so a queued one can be taken back
    handle._queued = (pool, runnable)
    pool.start(runnable)
    return handle


def cancel_latest(key: Hashable) -> None:
    """Drop the task pending under a latest-wins key, if any (a cleared search field)."""
    older = _LATEST.pop(key, None)
    if older is not None and not older.finished:
        older.supersede()


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


class LatestJobRunner(QObject):
    """Latest-wins jobs on a thread of their own (search and quick open as you type): each
    ``submit`` supersedes the job before it, and only the newest one's outcome is signalled."""

    sig_result = Signal(object)  # the newest job's return value
    sig_failed = Signal(str)  # the newest job's error, as a message
    sig_busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)  # one thread: jobs in order, the database lightly loaded
        self._pool.setMaxThreadCount(1)
        self._busy = False

    @property
    def busy(self) -> bool:
        return self._busy

    def submit(self, fn: Callable[[], Any]) -> TaskHandle:
        handle = run_task(lambda _ctx: fn(), self._on_done, self._on_failed,
                          pool=self._pool, owner=self, latest=self)  # fmt: skip
        self._set_busy(True)
        return handle

    def cancel(self) -> None:
        """Forget the pending job: whatever is running finishes unseen."""
        cancel_latest(self)
        self._set_busy(False)

    def shutdown(self, msecs: int = 5000) -> None:
        self.cancel()
        self._pool.waitForDone(msecs)

    def _on_done(self, result: object) -> None:
        self._set_busy(False)
        self.sig_result.emit(result)

    def _on_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.sig_failed.emit(f"{type(exc).__name__}: {exc}")

    def _set_busy(self, busy: bool) -> None:
        if busy != self._busy:
            self._busy = busy
            self.sig_busy_changed.emit(busy)


#: an edit still waiting after this long shows the busy cursor (a lock held elsewhere)
BUSY_AFTER_MS = 150
_waiting = False  # an edit is waiting in wait_off_gui's event loop
_edit_pool: QThreadPool | None = None


def edit_pool() -> QThreadPool:
    """One thread for the edits of every window: they run one at a time, in order."""
    global _edit_pool
    if _edit_pool is None:
        _edit_pool = QThreadPool()
        _edit_pool.setMaxThreadCount(1)
    return _edit_pool


def wait_off_gui(fn: Callable[[], Any], *, pool: QThreadPool | None = None) -> Any:
    """Run ``fn()`` on a worker and return its result (or raise its error) to the caller on the
    GUI thread, which meanwhile keeps painting and running timers but takes no user input. For
    edits that are short but can wait on a lock (PostgreSQL waits up to 5 s, SQLite's busy
    timeout as long): the window stays drawn and, past ``BUSY_AFTER_MS``, shows a busy cursor.
    Off the GUI thread (or with no running application) ``fn`` simply runs here."""
    global _waiting
    app = QCoreApplication.instance()
    if app is None or QThread.currentThread() is not app.thread() or _waiting:
        return fn()  # nested (a timer's autosave while an edit waits): here, in order
    _waiting = True
    handle = run_task(lambda _ctx: fn(), on_error=lambda _exc: None, pool=pool)
    loop = QEventLoop()
    handle.sig_finished.connect(loop.quit)
    busy = {"shown": False}

    def show_busy() -> None:
        if not handle.finished and isinstance(app, QGuiApplication):
            QGuiApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
            busy["shown"] = True

    timer = QTimer(singleShot=True, interval=BUSY_AFTER_MS)
    timer.timeout.connect(show_busy)
    timer.start()
    try:
        if not handle.finished:  # delivered by a queued signal: cannot have happened yet
            loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
    finally:
        _waiting = False
        timer.stop()
        if busy["shown"]:
            QGuiApplication.restoreOverrideCursor()
    if handle.error is not None:
        raise handle.error
    return handle.result
