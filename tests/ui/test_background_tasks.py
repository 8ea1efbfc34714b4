"""Background tasks report back only to widgets that still exist."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QLabel
from shiboken6 import delete, isValid

from desktop.ui.workers import TaskContext, cancel_latest, run_task


def test_a_result_for_a_deleted_owner_is_dropped(qtbot) -> None:  # noqa: ANN001
    label = QLabel()
    release = threading.Event()
    calls: list[str] = []

    def work(_ctx: TaskContext) -> str:
        release.wait(5)
        return "late"

    def done(text: str) -> None:
        calls.append(text)
        label.setText(text)  # would raise: the C++ label is gone

    handle = run_task(work, done, owner=label)
    delete(label)  # the page closed while the task ran
    assert not isValid(label)
    release.set()
    qtbot.waitUntil(lambda: handle.finished)
    assert calls == []


def test_a_result_for_a_live_owner_is_delivered(qtbot) -> None:  # noqa: ANN001
    label = QLabel()
    qtbot.addWidget(label)
    handle = run_task(lambda _ctx: "done", label.setText, owner=label)
    qtbot.waitUntil(lambda: handle.finished)
    assert label.text() == "done"


def test_latest_wins_drops_the_older_result(qtbot) -> None:  # noqa: ANN001
    """A slow first answer arriving after a newer request's is never shown."""
    label = QLabel()
    qtbot.addWidget(label)
    release = threading.Event()
    shown: list[str] = []

    def show(text: str) -> None:
        shown.append(text)
        label.setText(text)

    def slow(ctx: TaskContext) -> str:
        release.wait(5)
        return "stale"

    first = run_task(slow, show, show, owner=label, latest="hood")
    second = run_task(lambda _ctx: "fresh", show, owner=label, latest="hood")
    qtbot.waitUntil(lambda: second.finished)
    assert first.cancelled  # a task that checks ctx.cancelled may stop early
    release.set()
    qtbot.waitUntil(lambda: first.finished)
    assert shown == ["fresh"] and label.text() == "fresh"


def test_latest_wins_takes_a_queued_task_back_and_a_key_can_be_cleared(qtbot) -> None:  # noqa: ANN001
    pool = QThreadPool()
    pool.setMaxThreadCount(1)
    release = threading.Event()
    ran: list[str] = []
    busy = run_task(lambda _ctx: release.wait(5), pool=pool)
    queued = run_task(lambda _ctx: ran.append("queued"), pool=pool, latest="search")
    newest = run_task(lambda _ctx: ran.append("newest"), ran.append, pool=pool, latest="search")
    assert queued.finished and queued.superseded  # taken off the queue: it never runs
    release.set()
    qtbot.waitUntil(lambda: busy.finished and newest.finished)
    assert ran == ["newest", None]  # the job ran, then its result (None) was delivered
    gate = threading.Event()
    cleared: list[object] = []
    pending = run_task(lambda _ctx: gate.wait(5), cleared.append, pool=pool, latest="search")
    cancel_latest("search")  # the search field was emptied
    gate.set()
    qtbot.waitUntil(lambda: pending.finished)
    assert cleared == []
    pool.waitForDone(5000)
