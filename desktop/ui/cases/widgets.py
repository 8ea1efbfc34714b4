"""Small pieces shared by the case, review and edit widgets: an inline message line (errors
never block the user with a modal box), an autosave timer for note editors, and dates."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, SignalInstance
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QVBoxLayout, QWidget

AUTOSAVE_MS = 700
#: light selection, as the library tables have (desktop/resources/style.qss styles QTableView only)
MESSAGE_MS = 7000


def edited_text(when: datetime | None, prefix: str = "Edited") -> str:
    """'Edited 3 Mar 2025, 14:05' in local time (stored times are UTC)."""
    if when is None:
        return ""
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    local = when.astimezone()
    return f"{prefix} {local.day} {local:%b %Y, %H:%M}"


class InlineMessage(QLabel):
    """A one-line message under a header that hides itself; for refused edits."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("InlineMessage")
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._timer = QTimer(self, singleShot=True, interval=MESSAGE_MS)
        self._timer.timeout.connect(self.hide)
        self.hide()

    def show_message(self, text: str) -> None:
        self.setText(text)
        self.show()
        self._timer.start()


def dialog_buttons(
    dialog: QDialog, ok: str | None = None, *, save: bool = False
) -> QDialogButtonBox:
    """OK (named after what it does: ``ok``) or Save, and Cancel, wired to the dialog's
    accept and reject."""
    main = QDialogButtonBox.StandardButton.Save if save else QDialogButtonBox.StandardButton.Ok
    buttons = QDialogButtonBox(main | QDialogButtonBox.StandardButton.Cancel)
    if ok:
        buttons.button(main).setText(ok)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def edit_dialog_end(
    layout: QVBoxLayout, dialog: QDialog, errors: SignalInstance, ok: str | None = None,
    *, save: bool = False,
) -> tuple[InlineMessage, QDialogButtonBox]:  # fmt: skip
    """What every edit dialog ends with: a message where the edit's refusals (``errors``, the
    editor's sig_error) show, then its buttons (``dialog_buttons``)."""
    message = InlineMessage()
    buttons = dialog_buttons(dialog, ok, save=save)
    layout.addWidget(message)
    layout.addWidget(buttons)
    errors.connect(message.show_message)
    return message, buttons


class Autosave(QObject):
    """Calls ``save()`` once typing pauses; ``flush()`` saves at once (on leaving the editor,
    switching item or case). ``pending`` says whether there is something unsaved."""

    def __init__(self, save: Callable[[], None], parent: QObject | None = None,
                 delay_ms: int = AUTOSAVE_MS) -> None:  # fmt: skip
        super().__init__(parent)
        self._save = save
        self._timer = QTimer(self, singleShot=True, interval=delay_ms)
        self._timer.timeout.connect(self.flush)

    @property
    def pending(self) -> bool:
        return self._timer.isActive()

    def touch(self) -> None:
        self._timer.start()

    def cancel(self) -> None:
        self._timer.stop()

    def flush(self) -> None:
        self._timer.stop()
        self._save()


def steer_list(event: QEvent, target: QListWidget) -> bool:
    """Up/Down typed in a filter field move through its list, as in a quick-open palette;
    True when the key was used (the event filter then swallows it)."""
    if not isinstance(event, QKeyEvent) or event.type() != QEvent.Type.KeyPress:
        return False
    if event.key() not in (Qt.Key.Key_Up, Qt.Key.Key_Down):
        return False
    step = -1 if event.key() == Qt.Key.Key_Up else 1
    target.setCurrentRow(max(0, min(target.count() - 1, target.currentRow() + step)))
    return True
