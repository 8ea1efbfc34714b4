"""The app-wide change bus: every write announces its ``Changes`` here, views refresh what it
names (Anki's operations pattern). One instance per window, passed down; no global."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from desktop.services.changes import Changes


class ChangeBus(QObject):
    #: carries a desktop.services.changes.Changes
    sig_changed = Signal(object)

    def announce(self, changes: Changes | None) -> None:
        """Emit only when something changed, so views never refresh for nothing."""
        if changes:
            self.sig_changed.emit(changes)


def changes_in(result: object) -> Changes | None:
    """The Changes a service returned, alone or as part of a tuple (``(value, changes)``)."""
    if isinstance(result, Changes):
        return result
    if isinstance(result, tuple):
        for part in result:
            if isinstance(part, Changes):
                return part
    report_changes = getattr(result, "changes", None)
    return report_changes if isinstance(report_changes, Changes) else None
