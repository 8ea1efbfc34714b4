"""The review-to-print flow without a mouse (issue 20): every step below is a key press sent
to whichever widget has the keyboard focus, dialogs included."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from desktop.services.cases import get_case
from desktop.services.changes import Changes
from desktop.services.library import get_article
from desktop.ui import printing
from tests.ui.conftest import mention

Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier


def _press(qtbot, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=3000)  # a dialog
    focus = QApplication.focusWidget()  # just closed: the window is activated again
    assert focus is not None, "nothing has the keyboard focus"
    qtbot.keyClick(focus, key, modifier)


def _type(qtbot, text: str) -> None:  # noqa: ANN001
    focus = QApplication.focusWidget()
    assert focus is not None
    qtbot.keyClicks(focus, text)


class Dialogs:
    """Keys for the modal dialogs about to open, a batch per dialog in order (their exec()
    blocks the test until they close); remembers which dialogs it answered."""

    def __init__(self, qtbot) -> None:  # noqa: ANN001
        self.qtbot, self.batches, self.seen = qtbot, [], []
        self._last = None
        self._timer = QTimer(interval=20)
        self._timer.timeout.connect(self._poll)
        self._timer.start()

    def expect(self, dialog: str, *keys) -> None:  # noqa: ANN002
        self.batches.append((dialog, list(keys)))

    def _poll(self) -> None:
        modal = QApplication.activeModalWidget()
        if modal is None or modal is self._last or not self.batches:
            return
        if type(modal).__name__ != self.batches[0][0]:
            return  # another (the quick-open palette)
        if QApplication.focusWidget() is None or QApplication.focusWidget().window() is not modal:
            return  # not settled yet
        self._last = modal
        self.seen.append(type(modal).__name__)
        for key in self.batches.pop(0)[1]:
            if isinstance(key, str):
                _type(self.qtbot, key)
            else:
                _press(self.qtbot, *key)

    def stop(self) -> None:
        self._timer.stop()


def _quick_open(qtbot, window, text: str) -> None:  # noqa: ANN001
    """Ctrl+K, the words, Enter on the first match."""
    _press(qtbot, Key.Key_K, CTRL)
    palette = window._quick_open
    qtbot.waitUntil(lambda: palette.isVisible() and palette.query_edit.hasFocus(), timeout=3000)
    with qtbot.waitSignal(palette.sig_matched, timeout=5000):
        _type(qtbot, text)
    _press(qtbot, Key.Key_Return)


def test_inbox_review_add_to_case_print_with_keys_only(
    qtbot, library, builders, built, window, tmp_path: Path, monkeypatch
) -> None:  # noqa: ANN001
    title, body = "Seoul asks for a seat", "The Department of Commerce met South Korea."
    with library.write() as s:
        new = builders.add_article(s, title, body, reviewed=False, published=date(2023, 1, 5))
        mention(s, new, f"{title}\n{body}", built.entities["org"], "Department of Commerce")
    window.bus.announce(Changes(everything=True))
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    window.navigator.tree.setFocus()  # where the window starts: the navigator
    # 1. the Inbox: arrows in the navigator
    _press(qtbot, Key.Key_Home)
    for _ in range(15):
        if window.navigator.current_key() == "section:inbox":
            break
        _press(qtbot, Key.Key_Down)
    assert window.navigator.current_key() == "section:inbox"
    # 2. review: Ctrl+3 brings the Review panel with the focus; C confirms
    _press(qtbot, Key.Key_3, CTRL)
    assert QApplication.focusWidget() in (window.review_panel, window.review_panel.list)
    assert window.review_panel.article_id == new  # the newest unreviewed article
    _press(qtbot, Key.Key_C)  # confirm the current suggestion
    assert window.review_panel.model.suggestions()[0].status == "confirmed"
    # 3. add the article to the case: Ctrl+D, type the case's title, Enter
    dialogs = Dialogs(qtbot)
    dialogs.expect("AddToCaseDialog", "Korea", (Key.Key_Return,))
    _press(qtbot, Key.Key_D, CTRL)
    assert dialogs.seen == ["AddToCaseDialog"]
    with library.session() as s:
        assert new in [i.item.id for i in get_case(s, built.case_id).items]
    # 4. mark it reviewed: Ctrl+Enter (the Inbox moves on)
    _press(qtbot, Key.Key_Return, CTRL)
    with library.session() as s:
        assert get_article(s, new).reviewed
    # 5. open the case: Quick open
    _quick_open(qtbot, window, "Korea coordination")
    qtbot.waitUntil(lambda: window.navigator.current_case_id() == built.case_id, timeout=3000)
    # 6. print preview: the sections dialog (Enter), then the preview (Escape)
    dialogs.expect("PrintSectionsDialog", (Key.Key_Return,))
    dialogs.expect("QPrintPreviewDialog", (Key.Key_Escape,))
    _quick_open(qtbot, window, "Print preview")
    qtbot.waitUntil(lambda: "QPrintPreviewDialog" in dialogs.seen, timeout=10000)
    # 7. save as PDF: the sections dialog (Enter); the system's file dialog answers the path
    out = tmp_path / "case.pdf"
    monkeypatch.setattr(printing.file_dialogs, "save_file_name", lambda *a, **k: (str(out), ""))
    dialogs.expect("PrintSectionsDialog", (Key.Key_Return,))
    _quick_open(qtbot, window, "Save as PDF")
    qtbot.waitUntil(lambda: out.exists() and out.stat().st_size > 1000, timeout=15000)
    dialogs.stop()
    assert dialogs.seen == ["AddToCaseDialog", "PrintSectionsDialog", "QPrintPreviewDialog",
                            "PrintSectionsDialog"]  # fmt: skip
