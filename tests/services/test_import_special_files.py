"""Only regular files are read: a FIFO, a device behind a link, a socket, a link out of the
chosen folder and an unreadable subfolder are each skipped with their reason, and the rest
of the folder is imported (before: the FIFO hung the import forever)."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from desktop.services.importer import import_paths
from desktop.services.prepare import MAX_FILE_BYTES, read_article_file
from tests.conftest import SAMPLE

pytestmark = [
    pytest.mark.sqlite_only,
    pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs and symlinks"),
]


def _locked_folder(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A subfolder the user may not list (root may list anything: refuse it by hand)."""
    folder.mkdir()
    (folder / "secret.txt").write_text("Secret\nNothing here.\n")
    folder.chmod(0)
    if os.geteuid() == 0:
        real = os.scandir

        def scandir(path="."):  # noqa: ANN001, ANN202
            if Path(path) == folder:
                raise PermissionError(13, "Permission denied", str(path))
            return real(path)

        monkeypatch.setattr(os, "scandir", scandir)


def test_special_files_are_skipped_with_reasons(
    library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    os.mkfifo(folder / "b.txt")
    (folder / "z.txt").symlink_to("/dev/zero")
    outside = tmp_path / "outside.txt"
    outside.write_text("Outside\nNot in the folder.\n")
    (folder / "out.txt").symlink_to(outside)
    (folder / "etc").symlink_to("/etc")
    (folder / "inside.md").symlink_to(folder / "a.txt")  # a link within the folder is fine
    server = socket.socket(socket.AF_UNIX)
    sock_path = folder / "s.txt"
    try:
        server.bind(str(sock_path))
    except OSError:  # a path too long for AF_UNIX: no socket in this run
        sock_path = None
    _locked_folder(folder / "locked", monkeypatch)
    try:
        report = import_paths(library=library, paths=[folder], workers=0)
    finally:
        server.close()
        (folder / "locked").chmod(0o700)
    reasons = {Path(f).name: r for f, r in report.failed}
    assert report.imported == 1 and report.duplicates == 1  # a.txt, and inside.md (same text)
    assert "named pipe" in reasons["b.txt"]
    assert "outside the chosen folder" in reasons["z.txt"]
    assert "outside the chosen folder" in reasons["out.txt"]
    assert "links are not followed" in reasons["etc"]
    assert "cannot read the folder" in reasons["locked"]
    if sock_path is not None:
        assert "socket" in reasons["s.txt"]


def test_a_device_named_directly_is_refused(library, tmp_path: Path) -> None:
    link = tmp_path / "zero.txt"
    link.symlink_to("/dev/zero")
    report = import_paths(library=library, paths=[link, "/dev/zero"], workers=0)
    assert [r for _, r in report.failed] == ["not a regular file (a character device)"] * 2


def test_the_size_limit_holds_while_reading(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    """A file that grows past the limit after it was looked at is cut off, not read whole."""
    import desktop.services.prepare as prepare

    big = tmp_path / "big.txt"
    big.write_bytes(b"Title\n" + b"x" * 5000)
    real_fstat = os.fstat

    def shrunk(fd: int) -> os.stat_result:  # the size seen before the file grew
        st = real_fstat(fd)
        return os.stat_result((*st[:6], 10, *st[7:]))

    monkeypatch.setattr(prepare, "MAX_FILE_BYTES", 1000)
    monkeypatch.setattr(prepare.os, "fstat", shrunk)
    with pytest.raises(prepare.RefusedFile, match="the limit is"):
        read_article_file(big)
    assert MAX_FILE_BYTES == 20 * 1024 * 1024
