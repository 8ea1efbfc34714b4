"""Every icon-only control says what it does (issue 20): an accessible name for screen readers
and a tooltip for the mouse, over the toolbar and every panel of the window."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QDockWidget, QToolBar, QToolButton, QWidget


def _unnamed(window) -> list[str]:  # noqa: ANN001
    missing = []
    for button in window.findChildren(QAbstractButton):
        if button.text().replace("&", "").strip() or button.icon().isNull():
            continue  # a text button says what it is
        if button.objectName().startswith("qt_") or type(button.parent()).__name__ == "QLineEdit":
            continue  # Qt's own (dock float/close, overflow, clear): named by Qt's accessibility
        if not button.accessibleName().strip() or not button.toolTip().strip():
            parent = button.parent()
            missing.append(
                f"{type(parent).__name__}/{button.objectName() or type(button).__name__}"
            )
    return missing


PANELS = {  # dock -> the panel it must hold (not a placeholder), so none is skipped
    "ConnectionsDock": "ConnectionsPanel",
    "TimelineDock": "TimelinePanel",
    "ReviewDock": "ReviewPanel",
    "NavigatorDock": "NavigatorPanel",
}


def test_every_icon_only_button_has_an_accessible_name_and_a_tooltip(qtbot, built, window) -> None:  # noqa: ANN001
    window.attach_connections()
    window.navigator.select_case(built.case_id)
    window.select_item(built.entities["person"])
    for dock in window.findChildren(QDockWidget):
        dock.show()  # every panel, including those tabbed behind others
    held = {
        dock.objectName(): {type(w).__name__ for w in (dock.widget(), *dock.findChildren(QWidget))}
        for dock in window.findChildren(QDockWidget)
    }
    for dock, panel in PANELS.items():
        assert panel in held.get(dock, set()), dock
    window.show_search()  # search results are a page of the main area, not a dock
    assert window.search_page is not None and window.search_page.isVisible()
    assert any(type(w).__name__ == "SearchPanel" for w in window.search_page.findChildren(QWidget))
    missing = _unnamed(window)
    assert not missing, "\n".join(missing)


def test_toolbar_buttons_say_what_they_do(window) -> None:  # noqa: ANN001
    toolbar = window.findChild(QToolBar, "MainToolbar")
    buttons = [b for b in toolbar.findChildren(QToolButton) if b.defaultAction() is not None]
    assert len(buttons) >= 6
    for button in buttons:
        action = button.defaultAction()
        name = button.accessibleName() or action.iconText() or button.text()
        assert name.strip() and action.toolTip().strip(), action.objectName()
