"""`casefile --install-desktop-entry` / `--uninstall-desktop-entry` and `casefile PATH.casefile`:
what lands in the user's XDG data directory, and what is never replaced or removed."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import xml.etree.ElementTree as ET
from configparser import ConfigParser
from pathlib import Path

import pytest

from desktop.cli import desktop_entry, main

SIZES = (16, 24, 32, 48, 64, 128, 256)


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """$XDG_DATA_HOME, with a space in it (as in many home folders)."""
    folder = tmp_path / "my data"
    monkeypatch.setenv("XDG_DATA_HOME", str(folder))
    return folder


def entry_of(data: Path) -> ConfigParser:
    parser = ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(data / "applications" / "casefile.desktop", encoding="utf-8")
    return parser


def test_install_writes_entry_mime_type_and_icons(data: Path, capsys) -> None:  # noqa: ANN001
    assert main(["--install-desktop-entry"]) == 0
    entry = entry_of(data)["Desktop Entry"]
    assert entry["Name"] == "Casefile" and entry["Icon"] == "casefile"
    assert entry["MimeType"] == "application/x-casefile;"
    # the launcher runs this installation by absolute path, and passes the file clicked on
    command = shlex.split(entry["Exec"])
    assert command[-1] == "%f" and os.path.isabs(command[0])
    mime = ET.parse(data / "mime" / "packages" / "casefile.xml").getroot()
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    mime_type = mime.find("m:mime-type", ns)
    assert mime_type is not None and mime_type.get("type") == "application/x-casefile"
    assert [g.get("pattern") for g in mime_type.findall("m:glob", ns)] == ["*.casefile"]
    hicolor = data / "icons" / "hicolor"
    for size in SIZES:
        for icon in ("apps/casefile.png", "mimetypes/application-x-casefile.png"):
            assert (hicolor / f"{size}x{size}" / icon).stat().st_size > 100
    assert (hicolor / "scalable" / "apps" / "casefile.svg").is_file()
    assert "wrote " + str(data / "applications" / "casefile.desktop") in capsys.readouterr().out


@pytest.mark.skipif(not shutil.which("desktop-file-validate"), reason="desktop-file-utils absent")
def test_the_installed_entry_is_valid(data: Path) -> None:
    assert main(["--install-desktop-entry"]) == 0
    done = subprocess.run(
        ["desktop-file-validate", str(data / "applications" / "casefile.desktop")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout


@pytest.mark.skipif(not shutil.which("update-mime-database"), reason="shared-mime-info absent")
def test_the_mime_database_maps_casefile_files_to_casefile(data: Path) -> None:
    assert main(["--install-desktop-entry"]) == 0
    globs = (data / "mime" / "globs2").read_text(encoding="utf-8")
    assert "application/x-casefile:*.casefile" in globs


def test_exec_line_quotes_paths_as_the_spec_says() -> None:
    line = desktop_entry.exec_line(["/home/a b/venv/bin/casefile"])
    assert line == '"/home/a b/venv/bin/casefile" %f'
    line = desktop_entry.exec_line(['/opt/we"ird$/python', "-m", "desktop"])
    assert line == '"/opt/we\\"ird\\$/python" -m desktop %f'
    assert desktop_entry.exec_line(["/opt/100%/casefile"]) == "/opt/100%%/casefile %f"


def test_install_twice_updates_and_uninstall_removes_everything(data: Path) -> None:
    assert main(["--install-desktop-entry"]) == 0
    assert main(["--install-desktop-entry"]) == 0
    assert main(["--uninstall-desktop-entry"]) == 0
    left = [p for p in data.rglob("*") if p.is_file() and "casefile" in p.name]
    assert left == []
    assert main(["--uninstall-desktop-entry"]) == 0  # nothing installed: says so, succeeds


def test_someone_elses_entry_is_never_replaced_or_removed(data: Path, capsys) -> None:  # noqa: ANN001
    own = data / "applications" / "casefile.desktop"
    own.parent.mkdir(parents=True)
    own.write_text("[Desktop Entry]\nType=Application\nName=My casefile\nExec=true\n")
    assert main(["--install-desktop-entry"]) == 1
    assert "was not written by Casefile" in capsys.readouterr().err
    assert own.read_text().startswith("[Desktop Entry]\nType=Application\nName=My casefile")
    assert not (data / "mime").exists()  # refused before writing anything
    assert main(["--uninstall-desktop-entry"]) == 1
    assert own.is_file()


def test_a_link_at_an_icon_path_is_not_followed(data: Path, tmp_path: Path) -> None:
    precious = tmp_path / "precious.png"
    precious.write_bytes(b"not to be overwritten")
    link = data / "icons" / "hicolor" / "48x48" / "apps" / "casefile.png"
    link.parent.mkdir(parents=True)
    link.symlink_to(precious)
    assert main(["--install-desktop-entry"]) == 1
    assert precious.read_bytes() == b"not to be overwritten" and link.is_symlink()


def test_desktop_entry_options_take_no_command(data: Path) -> None:
    assert main(["--install-desktop-entry", "info"]) == 2
    assert not data.exists()


def test_a_library_file_argument_opens_the_window_on_it(monkeypatch, tmp_path) -> None:  # noqa: ANN001
    """What a file manager runs on a double-click: `casefile /path/to/Cases.casefile`."""
    import desktop.ui.app

    opened: list[str | None] = []
    monkeypatch.setattr(desktop.ui.app, "run_app", lambda db=None: opened.append(db) or 0)
    path = str(tmp_path / "Team Cases.CASEFILE")
    assert main([path]) == 0
    assert main([]) == 0
    assert opened == [path, None]
    assert main([path, "--db", str(tmp_path / "other.casefile")]) == 2
    assert main(["notes.txt"]) == 2  # not a command, not a library: a usage error as before
    assert len(opened) == 2


def test_version(capsys) -> None:  # noqa: ANN001
    from desktop import __version__

    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"casefile {__version__}"
