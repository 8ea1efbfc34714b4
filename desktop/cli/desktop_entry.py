"""`casefile --install-desktop-entry` and `--uninstall-desktop-entry`: Casefile in the
desktop's launcher, with its icon, and `.casefile` files opening in it from the file manager.

Per user, no root: everything goes under ``$XDG_DATA_HOME`` (``~/.local/share``), the
freedesktop places a desktop reads the user's own applications, MIME types and icons from.
The launcher's command is the absolute path of the `casefile` that ran the install (a pipx,
venv or bundle install is rarely on the desktop session's PATH). Files are written atomically,
and a file of that name that Casefile did not write (someone's own entry, a link, a device)
is left alone: the install stops with a message naming it, and removal skips it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from desktop import resource

APP_ID = "casefile"
MIME_TYPE = "application/x-casefile"
#: written into the entry and the MIME file, so removal touches only what install wrote
MARKER = "X-Casefile-Installed-By=casefile --install-desktop-entry"
MIME_MARKER = (
    "<!-- installed by casefile, option install-desktop-entry -->"  # no "--" in XML comments
)
#: what each desktop database tool is given: the folder it indexes, under the data dir
UPDATE_TOOLS = (
    ("update-desktop-database", "applications"),
    ("update-mime-database", "mime"),
    ("gtk-update-icon-cache", "icons/hicolor"),
)


class NotOurs(Exception):
    """A file at one of our paths that Casefile did not write."""


@dataclass
class EntryReport:
    written: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)  # not ours: left untouched
    tools: list[str] = field(default_factory=list)  # the database tools that ran


def data_home() -> Path:
    """``$XDG_DATA_HOME``, else ``~/.local/share`` (the spec ignores a relative value)."""
    env = os.environ.get("XDG_DATA_HOME", "")
    return Path(env) if os.path.isabs(env) else Path.home() / ".local" / "share"


def launch_command() -> list[str]:
    """How the launcher starts this installation of Casefile, as absolute paths."""
    if getattr(sys, "frozen", False):  # a bundle folder: its own executable
        return [os.path.abspath(sys.executable)]
    script = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    if script is not None and script.name.startswith(APP_ID) and os.access(script, os.X_OK):
        return [os.path.abspath(script)]  # not resolved: pipx's ~/.local/bin link survives upgrades
    return [os.path.abspath(sys.executable), "-m", "desktop"]


def exec_line(command: Sequence[str]) -> str:
    """The desktop entry's ``Exec`` value: each argument quoted as the spec says, then ``%f``."""
    quoted = []
    for arg in command:
        arg = arg.replace("%", "%%")
        if re.search(r"[\s\"'\\><~|&;$*?#()`]", arg):
            arg = '"' + re.sub(r'(["`$\\])', r"\\\1", arg) + '"'
        quoted.append(arg)
    return " ".join([*quoted, "%f"])


def desktop_entry(command: Sequence[str]) -> bytes:
    template = resource(f"{APP_ID}.desktop").read_text(encoding="utf-8")
    lines = [
        f"Exec={exec_line(command)}" if line.startswith("Exec=") else line
        for line in template.splitlines()
    ]
    return ("\n".join([*lines, MARKER]) + "\n").encode("utf-8")


def mime_xml() -> bytes:
    text = resource(f"{APP_ID}-mime.xml").read_text(encoding="utf-8")
    head, sep, rest = text.partition("\n")
    return (head + sep + MIME_MARKER + "\n" + rest).encode("utf-8")


def icon_files(data: Path) -> list[tuple[Path, bytes]]:
    """Every icon size under hicolor, as the app's icon and as the MIME type's icon."""
    icons = resource("icons")
    files: list[tuple[str, str, bytes]] = [
        ("scalable", "svg", (icons / f"{APP_ID}.svg").read_bytes())
    ]
    for png in sorted(icons.glob(f"{APP_ID}-*.png")):
        size = png.stem.rsplit("-", 1)[1]
        files.append((f"{size}x{size}", "png", png.read_bytes()))
    hicolor = data / "icons" / "hicolor"
    mime_icon = MIME_TYPE.replace("/", "-")
    return [
        (hicolor / folder / context / f"{name}.{ext}", content)
        for folder, ext, content in files
        for context, name in (("apps", APP_ID), ("mimetypes", mime_icon))
    ]


def _planned(data: Path, command: Sequence[str]) -> list[tuple[Path, bytes]]:
    return [
        (data / "applications" / f"{APP_ID}.desktop", desktop_entry(command)),
        (data / "mime" / "packages" / f"{APP_ID}.xml", mime_xml()),
        *icon_files(data),
    ]


def _is_ours(path: Path) -> bool:
    """A regular file (never a link, a folder or a device) that install wrote: the entry and
    the MIME file carry the marker; an icon file of our name is ours to update or remove."""
    if path.is_symlink() or not path.is_file():
        return False
    if path.suffix == ".desktop":
        return MARKER.encode() in path.read_bytes()
    if path.suffix == ".xml":
        return MIME_MARKER.encode() in path.read_bytes()
    return True


def _exists(path: Path) -> bool:
    return path.exists() or path.is_symlink()


def install(data: Path | None = None, command: Sequence[str] | None = None) -> EntryReport:
    """Writes the entry, the MIME type and the icons; raises NotOurs before writing anything
    if one of those paths holds something Casefile did not write."""
    from desktop.store.safe_output import write_bytes

    data = data or data_home()
    planned = _planned(data, command or launch_command())
    for path, _content in planned:
        if _exists(path) and not _is_ours(path):
            raise NotOurs(f"{path} exists and was not written by Casefile; nothing was changed")
    report = EntryReport()
    for path, content in planned:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_bytes(path, content)
        path.chmod(0o644)  # like any installed data file
        report.written.append(path)
    report.tools = _update_databases(data)
    return report


def uninstall(data: Path | None = None) -> EntryReport:
    """Removes what install wrote (whatever command it was written with)."""
    data = data or data_home()
    report = EntryReport()
    for path, _content in _planned(data, launch_command()):
        if not _exists(path):
            continue
        if _is_ours(path):
            path.unlink()
            report.removed.append(path)
        else:
            report.skipped.append(path)
    if report.removed:
        report.tools = _update_databases(data)
    return report


def _update_databases(data: Path) -> list[str]:
    """Refresh the desktop's caches where the tools exist; a missing or failing tool only
    means the desktop notices the change at its next scan."""
    ran = []
    for tool, folder in UPDATE_TOOLS:
        exe = shutil.which(tool)
        target = data / folder
        if exe is None or not target.is_dir():
            continue
        extra = ["-f", "-t", "-q"] if tool == "gtk-update-icon-cache" else []
        try:
            done = subprocess.run(
                [exe, *extra, str(target)], capture_output=True, timeout=60, check=False
            )
        except (OSError, subprocess.SubprocessError):
            continue
        if done.returncode == 0:
            ran.append(tool)
    return ran


def run(*, remove: bool = False) -> int:
    """`--install-desktop-entry` (or, with remove, `--uninstall-…`): prints what changed;
    exit 1 when a file was not ours."""
    try:
        report = uninstall() if remove else install()
    except (NotOurs, OSError) as exc:
        print(f"casefile: {exc}", file=sys.stderr)
        return 1
    for path in report.written:
        print(f"wrote {path}")
    for path in report.removed:
        print(f"removed {path}")
    for path in report.skipped:
        print(f"left {path} (not written by Casefile)")
    if remove and not report.removed:
        print("No Casefile desktop entry was installed for this user.")
    if report.tools:
        print("updated with " + ", ".join(report.tools))
    return 1 if report.skipped else 0
