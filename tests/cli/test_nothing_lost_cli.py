"""Issue 14 on the command line: outputs never replace the library, a link or a device (item 3);
a path is a path (item 4); a backup onto a full disk leaves nothing behind (item 6); messages
say what was stored and what was not, and `casefile check` finds damage (item 9)."""

from __future__ import annotations

import os
import resource
import sqlite3
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest

from desktop.cli import main
from desktop.store.db import Library, resolve_db_url
from tests.conftest import REPO, SAMPLE

pytestmark = pytest.mark.sqlite_only


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def make_library(path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    assert run(capsys, "import", str(SAMPLE), "--db", str(path))[0] == 0
    assert run(capsys, "case", "create", "Kept case", "--db", str(path))[0] == 0
    return path


def assert_sound(path: Path) -> None:
    conn = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        titles = [r[0] for r in conn.execute("SELECT title FROM case_file")]
        articles = conn.execute("SELECT count(*) FROM article WHERE NOT placeholder").fetchone()[0]
    finally:
        conn.close()
    assert titles == ["Kept case"] and articles == 1


# --- item 3: outputs ----------------------------------------------------------------------


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm", "-journal"])
@pytest.mark.parametrize("command", ["export", "print", "backup", "copy"])
def test_output_onto_the_library_or_its_companions_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str, suffix: str
) -> None:
    lib = make_library(tmp_path / "library.casefile", capsys)
    out = str(lib) + suffix
    args = {
        "export": ["export", "Kept case", "--format", "html", "--out", out],
        "print": ["print", "Kept case", "--pdf", out],
        "backup": ["backup", out],
        "copy": ["copy", "--to", out],
    }[command]
    code, _, err = run(capsys, *args, "--db", str(lib))
    assert code == 2 and "Traceback" not in err
    if command == "copy" and not suffix:
        assert "name the same library" in err
    else:
        assert out in err and ("source library" if command == "copy" else "open library") in err
    assert_sound(lib)


def test_output_through_a_hard_link_to_the_library_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib = make_library(tmp_path / "library.casefile", capsys)
    other = tmp_path / "elsewhere.html"
    os.link(lib, other)
    code, _, err = run(
        capsys, "export", "Kept case", "--format", "md", "--out", str(other), "--db", str(lib)
    )
    assert code == 2 and "open library" in err
    assert_sound(lib)


def test_output_never_replaces_a_link_or_a_device(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib = make_library(tmp_path / "library.casefile", capsys)
    target = tmp_path / "precious.txt"
    target.write_text("keep me")
    link = tmp_path / "link.html"
    link.symlink_to(target)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for out in (link, fifo, Path("/dev/null")):
        code, _, err = run(
            capsys, "export", "Kept case", "--format", "html", "--out", str(out), "--db", str(lib)
        )
        assert code == 2 and str(out) in err, err
    code, _, err = run(capsys, "print", "Kept case", "--pdf", str(link), "--db", str(lib))
    assert code == 2 and "symbolic link" in err
    assert link.is_symlink() and target.read_text() == "keep me"
    assert fifo.is_fifo()


def test_an_export_replaces_an_old_file_whole_and_leaves_no_temporary_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib = make_library(tmp_path / "lib" / "library.casefile", capsys)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = out_dir / "case.md"
    out.write_text("an older export")
    code, _, err = run(
        capsys, "export", "Kept case", "--format", "md", "--out", str(out), "--db", str(lib)
    )
    assert code == 0, err
    assert "Kept case" in out.read_text() and sorted(p.name for p in out_dir.iterdir()) == [
        "case.md"
    ]


# --- item 4: a path is a path -------------------------------------------------------------


@pytest.mark.parametrize("folder", ["100%25", "q3%41", "Why?", "a#b", "50% off", "x=1&y"])
def test_characters_in_a_library_path_are_never_interpreted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], folder: str
) -> None:
    (tmp_path / folder).mkdir()
    lib = tmp_path / folder / "lib.casefile"
    make_library(lib, capsys)
    assert_sound(lib)
    # Nothing was written anywhere else: not "100%" nor "q3A" nor a file named "Why".
    assert sorted(p.name for p in tmp_path.iterdir()) == [folder]
    assert {p.name for p in (tmp_path / folder).iterdir()} <= {
        "lib.casefile",
        "lib.casefile-wal",
        "lib.casefile-shm",
    }
    backup = tmp_path / folder / "copy.casefile"
    code, _, err = run(capsys, "backup", str(backup), "--db", str(lib))
    assert code == 0, err
    copy = Library.open(resolve_db_url(backup))
    try:
        with copy.engine.connect() as c:
            assert (
                c.exec_driver_sql("SELECT count(*) FROM article WHERE NOT placeholder").scalar()
                == 1
            )
    finally:
        copy.close()


# --- item 6: a full disk ------------------------------------------------------------------


def _limit_file_size() -> None:
    # Every file this process writes stops growing at 256 KiB (EFBIG), as on a full disk.
    resource.setrlimit(resource.RLIMIT_FSIZE, (256 * 1024, 256 * 1024))


def test_a_backup_that_runs_out_of_space_leaves_nothing_and_the_library_is_fine(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib = make_library(tmp_path / "library.casefile", capsys)
    more = tmp_path / "more"
    more.mkdir()
    for i in range(30):  # the library grows past the limit; the backup cannot fit under it
        (more / f"a{i}.txt").write_text(
            SAMPLE.read_text(encoding="utf-8").replace("Japan", f"Country {i}") * 3
        )
    assert run(capsys, "import", str(more), "--db", str(lib))[0] == 0
    assert lib.stat().st_size > 256 * 1024
    out_dir = tmp_path / "backups"
    out_dir.mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "backup", str(out_dir / "b.casefile"), "--db", str(lib)],
        cwd=REPO,
        capture_output=True,
        text=True,
        preexec_fn=_limit_file_size,
        timeout=120,
    )
    assert result.returncode != 0
    assert "space" in result.stderr and "Traceback" not in result.stderr
    assert list(out_dir.iterdir()) == []  # no .partial, no -journal
    code, out, err = run(capsys, "info", "--db", str(lib))
    assert code == 0 and "damaged" not in err
    code, _, _ = run(capsys, "check", "--db", str(lib))
    assert code == 0


# --- item 9: truthful messages ------------------------------------------------------------


def _articles(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    text = SAMPLE.read_text(encoding="utf-8")
    for i in range(n):
        (folder / f"a{i:02d}.txt").write_text(text.replace("Japan", f"Country {i}") * 2)
    return folder


def test_an_import_stopped_by_a_busy_library_says_what_was_stored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.services import importer

    monkeypatch.setattr("desktop.store.dialect.sqlite.BUSY_TIMEOUT_MS", 200)
    monkeypatch.setattr("desktop.store.dialect.BUSY_TIMEOUT_MS", 200)
    monkeypatch.setattr(importer, "BATCH_ARTICLES", 2)
    folder = _articles(tmp_path / "in", 6)
    path = tmp_path / "lib.casefile"
    library = Library.open(resolve_db_url(path))
    holder = sqlite3.connect(path, isolation_level=None)

    def progress(done: int, _total: int, _name: str) -> None:
        if (
            done == 3 and not holder.in_transaction
        ):  # the first two articles are stored: another writer takes the lock
            holder.execute("BEGIN IMMEDIATE")

    try:
        report = importer.import_paths(
            library=library, paths=[folder], progress=progress, workers=0
        )
    finally:
        holder.rollback()
        holder.close()
    with library.engine.connect() as conn:
        stored = conn.exec_driver_sql("SELECT count(*) FROM article WHERE NOT placeholder")
        assert stored.scalar() == 2 == report.imported
    library.close()
    assert report.not_imported == 4
    assert "2 articles were stored" in report.stopped and "other 4 files" in report.stopped
    assert "Nothing was changed" not in report.stopped


@pytest.fixture
def read_only_library(tmp_path: Path, capsys: pytest.CaptureFixture[str]):  # noqa: ANN201
    """A library on a read-only medium (root: a tmpfs remounted read-only), or in a
    read-only folder (others)."""
    folder = tmp_path / "ro"
    folder.mkdir()
    mounted = False
    if os.geteuid() == 0:
        mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(folder)],
                                 capture_output=True).returncode == 0  # fmt: skip
        if not mounted:
            pytest.skip("running as root without mount: permissions cannot make a file read-only")
    lib = make_library(folder / "library.casefile", capsys)
    if mounted:
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
    else:
        lib.chmod(0o444)
        folder.chmod(0o555)
    yield lib
    if mounted:
        subprocess.run(["umount", str(folder)], check=False)
    else:
        folder.chmod(0o755)


def test_a_read_only_library_gets_a_clear_message_not_a_traceback(
    read_only_library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for args in (["case", "create", "New"], ["import", str(SAMPLE)]):
        code, out, err = run(capsys, *args, "--db", str(read_only_library))
        said = out + err
        assert code != 0, said
        assert "read-only" in said and "damaged" not in said.replace("not damaged", "")
        assert "Traceback" not in said


def _corrupt_pages(path: Path, *, first: int = 3) -> None:
    """Overwrite pages from page ``first`` (0-based) on, whatever the library's page size;
    page 0 holds the header and the schema."""
    size = path.stat().st_size
    with open(path, "r+b") as fh:
        fh.seek(16)
        page = int.from_bytes(fh.read(2), "big") or 65536
        fh.seek(page * first)
        fh.write(b"\xa5" * min(page * 6, size - page * (first + 1)))


def test_check_finds_damaged_pages_and_backup_and_copy_refuse_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib = make_library(tmp_path / "library.casefile", capsys)
    assert run(capsys, "import", str(_articles(tmp_path / "in", 20)), "--db", str(lib))[0] == 0
    code, out, _ = run(capsys, "check", "--db", str(lib))
    assert code == 0 and "no problems found" in out
    _corrupt_pages(lib)
    code, out, _ = run(capsys, "check", "--db", str(lib), "--json")
    import json

    doc = json.loads(out)
    assert code == 1 and doc["ok"] is False and doc["problems"]
    code, out, _ = run(capsys, "check", "--db", str(lib))
    assert code == 1 and "problem" in out
    code, _, err = run(capsys, "backup", str(tmp_path / "b.casefile"), "--db", str(lib))
    assert code == 2 and "damaged" in err and not (tmp_path / "b.casefile").exists()
    code, _, err = run(capsys, "copy", "--from", str(lib), "--to", str(tmp_path / "c.casefile"))
    assert code == 2 and "damaged" in err


def test_check_reports_a_library_whose_schema_page_is_damaged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    lib = make_library(tmp_path / "library.casefile", capsys)
    assert run(capsys, "import", str(_articles(tmp_path / "in", 20)), "--db", str(lib))[0] == 0
    with open(lib, "r+b") as fh:  # the schema, right behind the 100-byte header
        fh.seek(100)
        fh.write(b"\xa5" * 3000)
    before = lib.read_bytes()
    code, out, _ = run(capsys, "check", "--db", str(lib), "--json")
    doc = json.loads(out)
    assert code == 1 and doc["ok"] is False and "damaged" in doc["problems"][0]
    assert lib.read_bytes() == before  # check only reads


def test_an_older_library_is_upgraded_with_a_word_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Upgrading a large library takes minutes: the CLI says why it waits, on stderr, so the
    --json on stdout stays clean; the backup is made first."""
    from desktop.store import migrate

    path = make_library(tmp_path / "old.casefile", capsys)
    library = Library.open(str(path))
    migrate.downgrade(library.engine, "0007_never_suggest")
    library.close()
    code, out, err = run(capsys, "search", "export", "--json", "--db", str(path))
    assert code == 0 and out.lstrip().startswith("{")
    assert "Upgrading " in err and "old.casefile for this version" in err
    assert path.with_name(f"old.casefile.before-{migrate.SCHEMA_HEAD}.bak").exists()
    code, out, err = run(capsys, "search", "export", "--json", "--db", str(path))
    assert code == 0 and "Upgrading" not in err
