"""Background tasks report back only to widgets that still exist."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QLabel
from shiboken6 import delete, isValid

from desktop.ui.workers import TaskContext, run_task


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
