"""The app-wide change bus: every write announces its ``Changes`` here, views refresh what it
names (Anki's operations pattern). One instance per window, passed down; no global.

A view joins with ``bus.subscribe(view, view.on_changed, concerns)``: it is called only for
changes that concern it, and while it is hidden (a page the centre stack does not show, a closed
dock) the changes are kept and delivered once, merged, when it is shown again. So a case-note
autosave does not make the article list re-read 30,000 ids, and a hidden page costs nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QWidget

from desktop.services.changes import Changes

ChangesFn = Callable[[Changes], None]
ConcernsFn = Callable[[Changes], bool]


class ChangeBus(QObject):
    #: carries a desktop.services.changes.Changes
    sig_changed = Signal(object)

    def announce(self, changes: Changes | None) -> None:
        """Emit only when something changed, so views never refresh for nothing."""
        if changes:
            self.sig_changed.emit(changes)

    def subscribe(
        self, view: QWidget, on_changed: ChangesFn, concerns: ConcernsFn | None = None
    ) -> ViewSubscription:
        """Deliver to ``on_changed`` the changes ``concerns`` accepts (all when None), deferred
        while ``view`` is hidden. The subscription lives and dies with ``view``."""
        return ViewSubscription(self, view, on_changed, concerns)


def touches_library(changes: Changes) -> bool:
    """Articles, entities or links changed (what sections, counts and the graph show), as
    opposed to a change of case files alone (a note, a summary, an item's position)."""
    return bool(changes.everything or changes.articles or changes.entities or changes.links)


def is_hidden(view: QWidget) -> bool:
    """Hidden inside its window: the view or a parent explicitly hidden (a stack's other page,
    a closed dock). A window not shown yet does not count, so views built before the first
    paint (and widgets tested on their own) refresh at once."""
    widget: QWidget | None = view
    while widget is not None:
        if widget.isWindow():
            return False
        if widget.isHidden():
            return True
        widget = widget.parentWidget()
    return False


class ViewSubscription(QObject):
    """One view's interest in the bus (Anki's rule): skip changes that do not concern it; while
    hidden, mark it stale and refresh once when it is shown."""

    _SHOWN = (QEvent.Type.Show, QEvent.Type.ShowToParent)

    def __init__(
        self, bus: ChangeBus, view: QWidget, on_changed: ChangesFn, concerns: ConcernsFn | None
    ) -> None:
        super().__init__(view)
        self._view, self._on_changed, self._concerns = view, on_changed, concerns
        #: changes kept while hidden, delivered merged when shown
        self.stale: Changes | None = None
        view.installEventFilter(self)
        bus.sig_changed.connect(self.deliver)

    def deliver(self, changes: Changes) -> None:
        if self._concerns is not None and not self._concerns(changes):
            return
        if is_hidden(self._view):
            self.stale = changes if self.stale is None else self.stale | changes
            return
        self._on_changed(changes)

    def flush(self) -> None:
        """Deliver what was kept while hidden."""
        stale, self.stale = self.stale, None
        if stale is not None:
            self._on_changed(stale)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        shown = watched is self._view and event.type() in self._SHOWN
        if shown and self.stale is not None and not is_hidden(self._view):
            self.flush()
        return False
