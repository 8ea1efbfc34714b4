"""File > Open shared library…: the address is remembered, the password never is."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialogButtonBox

from desktop.ui.shared_library_dialog import (
    SETTINGS_KEY,
    SharedLibraryDialog,
    build_url,
    open_shared_library,
    parse_url,
)


def test_address_round_trips_without_a_password() -> None:
    url = build_url("db.team.example", 5433, "trade cases", "ana@ministry")
    assert url == "postgresql://ana%40ministry@db.team.example:5433/trade%20cases"
    assert parse_url(url) == ("db.team.example", 5433, "trade cases", "ana@ministry")
    assert build_url("localhost", 5432, "casefile", "ana") == "postgresql://ana@localhost/casefile"


def test_open_remembers_the_server_but_not_the_password(qtbot) -> None:  # noqa: ANN001
    settings = QSettings()
    dialog = SharedLibraryDialog(None, "postgresql://ana@db.team.example/cases")
    qtbot.addWidget(dialog)
    assert (dialog.host.text(), dialog.database.text(), dialog.user.text()) == (
        "db.team.example",
        "cases",
        "ana",
    )
    dialog.password_edit.setText("s3cret-pw")
    launched: list[tuple[list[str], dict[str, str]]] = []
    open_shared_library(
        None, settings=settings, dialog=dialog, launch=lambda a, e: launched.append((a, e))
    )
    (argv, env) = launched[0]
    assert argv[-2:] == ["--db", "postgresql://ana@db.team.example/cases?connect_timeout=10"]
    assert env["PGPASSWORD"] == "s3cret-pw" and "s3cret-pw" not in " ".join(argv)
    assert settings.value(SETTINGS_KEY) == "postgresql://ana@db.team.example/cases"
    stored = open(settings.fileName(), encoding="utf-8").read()  # noqa: SIM115
    assert "s3cret-pw" not in stored


def test_open_needs_host_database_and_user(qtbot) -> None:  # noqa: ANN001
    dialog = SharedLibraryDialog()
    qtbot.addWidget(dialog)
    open_button = dialog.buttons.button(QDialogButtonBox.StandardButton.Open)
    dialog.user.setText("ana")
    assert open_button.isEnabled()
    dialog.database.setText(" ")
    assert not open_button.isEnabled()
