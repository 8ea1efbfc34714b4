"""Every icon-only control says what it does (issue 20): an accessible name for screen readers
and a tooltip for the mouse, over the toolbar and every panel of the window."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton


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


def test_every_icon_only_button_has_an_accessible_name_and_a_tooltip(qtbot, built, window) -> None:  # noqa: ANN001
    window.attach_connections()
    window.navigator.select_case(built.case_id)
    window.select_item(built.entities["person"])
    missing = _unnamed(window)
    assert not missing, "\n".join(missing)
