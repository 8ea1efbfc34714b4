"""Casefile: a desktop case-file manager for policy and trade-compliance analysts."""

from __future__ import annotations

from pathlib import Path

__version__ = "0.1.0"


def resource(*parts: str) -> Path:
    """A file the program reads at run time, shipped inside the package (``desktop/resources``).

    Read through ``importlib.resources`` so the same call finds it in a source tree, an
    installed wheel or pipx venv, and a PyInstaller folder. Casefile is always installed as
    files (never imported from a zip), so the answer is a real path that other processes (the
    import workers) can open too.
    """
    from importlib.resources import files  # imported on use: keeps `import desktop` lean

    node = files(__name__).joinpath("resources", *parts)
    if not isinstance(node, Path):
        raise RuntimeError(f"Casefile's resources are not files on disk ({node}); reinstall it")
    return node
