"""Writing an output file (export, PDF, image, backup) without ever destroying anything.

The one home for every file Casefile writes on the user's behalf. An output

- never replaces the open library or its companions (``-wal``, ``-shm``, ``-journal``),
  compared by name and by inode, so a hard link or another spelling of the path is caught;
- never follows a symbolic link and never writes into a device, FIFO or socket;
- is written atomically: a temporary file in the same folder, flushed to disk, then renamed
  over the target, so a failure (a full disk, a crash) leaves the old file or nothing.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

COMPANION_SUFFIXES = ("-wal", "-shm", "-journal")


class UnsafeOutput(ValueError):
    """The output path names something Casefile must not replace; the message says what."""


def library_files(path: Path | None) -> list[Path]:
    """The library file and the companion files SQLite keeps beside it."""
    if path is None:
        return []
    return [path, *(path.with_name(path.name + s) for s in COMPANION_SUFFIXES)]


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def check_output(path: str | os.PathLike[str], *, protected: Iterable[Path] = ()) -> Path:
    """The absolute output path, or UnsafeOutput naming it; nothing is opened or written."""
    out = Path(os.path.abspath(os.path.expanduser(os.fspath(path))))
    protected = list(protected)
    try:
        st = os.lstat(out)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise UnsafeOutput(f"Cannot write {out}: {exc.strerror}.") from exc
    if st is not None:
        if stat.S_ISLNK(st.st_mode):
            raise UnsafeOutput(
                f"{out} is a symbolic link; Casefile does not write through links. "
                "Choose the file itself or another name."
            )
        if stat.S_ISDIR(st.st_mode):
            raise UnsafeOutput(f"{out} is a folder; give a file name.")
        if not stat.S_ISREG(st.st_mode):
            raise UnsafeOutput(
                f"{out} is not a regular file (a device, pipe or socket); choose a file name."
            )
    real = Path(os.path.realpath(out.parent)) / out.name
    names = {Path(os.path.realpath(p.parent)) / p.name for p in protected}
    ids = {i for i in (_identity(p) for p in protected) if i is not None}
    if real in names or (st is not None and (st.st_dev, st.st_ino) in ids):
        raise UnsafeOutput(
            f"{out} is the open library (or one of its working files); writing there would "
            "destroy it. Choose another file name."
        )
    if not out.parent.is_dir():
        raise UnsafeOutput(f"The folder {out.parent} does not exist.")
    return out


def remove_partial(tmp: Path) -> None:
    """A temporary output and any SQLite companions it grew: nothing left behind."""
    for leftover in (tmp, *(tmp.with_name(tmp.name + s) for s in COMPANION_SUFFIXES)):
        try:
            leftover.unlink()
        except FileNotFoundError:
            pass
        except OSError:
            pass  # best effort: the error that brought us here is the one to report


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextmanager
def atomic_output(
    path: str | os.PathLike[str], *, protected: Iterable[Path] = ()
) -> Iterator[Path]:
    """Yields a new temporary file beside ``path`` to write; on success it is flushed and
    renamed over ``path`` (checked again just before), on failure removed."""
    protected = list(protected)
    out = check_output(path, protected=protected)
    fd, name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".partial", dir=out.parent)
    os.fchmod(fd, 0o644)  # mkstemp's 0600 would hide an export from the user's other tools
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        _fsync(tmp)
        check_output(out, protected=protected)
        os.replace(tmp, out)
    except BaseException:
        remove_partial(tmp)
        raise
    try:
        dir_fd = os.open(out.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def write_bytes(
    path: str | os.PathLike[str], data: bytes, *, protected: Iterable[Path] = ()
) -> Path:
    """``data`` written atomically to ``path`` (see atomic_output); returns the path."""
    with atomic_output(path, protected=protected) as tmp, open(tmp, "wb") as fh:
        fh.write(data)
    return check_output(path, protected=protected)
