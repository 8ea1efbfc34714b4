"""File > Open shared library…: a team library on a PostgreSQL server, in a new window.

The dialog asks for host, port, database, user and password. The address is remembered in
the settings *without* the password, which is asked for every time and never written to
disk (no keyring backend is assumed to exist). The shared library opens in a new Casefile
process, so the window in use keeps its library and nothing here blocks the event loop; the
password reaches that process through $PGPASSWORD (which libpq reads), never its command
line, where other users could see it. A connection problem is reported by the new process
in its own message box, like any library that cannot be opened.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from urllib.parse import quote, unquote, urlsplit

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

SETTINGS_KEY = "shared_library/url"
DEFAULT_PORT = 5432
#: Seconds before a server that does not answer is reported (by the new window).
CONNECT_TIMEOUT = 10

Launcher = Callable[[list[str], dict[str, str]], object]


def build_url(host: str, port: int, database: str, user: str) -> str:
    """The library address without a password: safe to keep in settings and show."""
    user_part = f"{quote(user, safe='')}@" if user else ""
    port_part = f":{port}" if port and port != DEFAULT_PORT else ""
    return f"postgresql://{user_part}{host}{port_part}/{quote(database, safe='')}"


def parse_url(url: str) -> tuple[str, int, str, str]:
    """(host, port, database, user) of a remembered address; defaults for anything missing."""
    try:
        parts = urlsplit(url)
        port = parts.port or DEFAULT_PORT
    except ValueError:
        return "localhost", DEFAULT_PORT, "casefile", ""
    return (
        parts.hostname or "localhost",
        port,
        unquote(parts.path.lstrip("/")) or "casefile",
        unquote(parts.username or ""),
    )


class SharedLibraryDialog(QDialog):
    """The connection form; ``url()`` has no password, ``password()`` is kept in memory only."""

    def __init__(self, parent: QWidget | None = None, remembered: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle("Open shared library")
        host, port, database, user = parse_url(remembered) if remembered else parse_url("")
        self.host = QLineEdit(host)
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(port)
        self.database = QLineEdit(database)
        self.user = QLineEdit(user or os.environ.get("USER", ""))
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setPlaceholderText("not stored: asked each time")
        form = QFormLayout()
        form.addRow("&Server:", self.host)
        form.addRow("P&ort:", self.port)
        form.addRow("&Database:", self.database)
        form.addRow("&User:", self.user)
        form.addRow("&Password:", self.password_edit)
        note = QLabel(
            "The team's library opens in a new window. Casefile remembers the server, "
            "database and user, never the password."
        )
        note.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for field in (self.host, self.database, self.user):
            field.textChanged.connect(self._on_changed)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        (self.password_edit if remembered else self.host).setFocus()
        self._on_changed()

    def _on_changed(self) -> None:
        complete = all(f.text().strip() for f in (self.host, self.database, self.user))
        self.buttons.button(QDialogButtonBox.StandardButton.Open).setEnabled(complete)

    def url(self) -> str:
        return build_url(
            self.host.text().strip(),
            self.port.value(),
            self.database.text().strip(),
            self.user.text().strip(),
        )

    def password(self) -> str:
        return self.password_edit.text()


def _launch(argv: list[str], env: dict[str, str]) -> object:
    return subprocess.Popen(argv, env=env, start_new_session=True)


def launch_shared_library(url: str, password: str, launch: Launcher = _launch) -> object:
    """Start a Casefile window on ``url``; the password travels in the environment only."""
    env = dict(os.environ)
    env.pop("CASEFILE_DB", None)
    if password:
        env["PGPASSWORD"] = password
    address = f"{url}?connect_timeout={CONNECT_TIMEOUT}"
    return launch([sys.executable, "-m", "desktop", "--db", address], env)


def open_shared_library(
    parent: QWidget | None,
    *,
    settings: QSettings | None = None,
    launch: Launcher = _launch,
    dialog: SharedLibraryDialog | None = None,
) -> object | None:
    """Ask for the server (remembered) and password (not), then open it in a new window."""
    settings = settings or QSettings()
    if dialog is None:
        dialog = SharedLibraryDialog(parent, str(settings.value(SETTINGS_KEY, "") or ""))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
    url = dialog.url()
    settings.setValue(SETTINGS_KEY, url)  # no password in it, by construction
    settings.sync()
    return launch_shared_library(url, dialog.password(), launch)
