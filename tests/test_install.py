"""Casefile installed like any user installs it: the built wheel, not the source tree, in a fresh
venv on every supported Python this machine has, used headless (import, print, the launcher
entry). Slow (each venv installs PySide6 and the rest from the package index or pip's cache),
so it runs once per CI run, on the main interpreter (marked ``install``)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FIXTURE = REPO / "tests" / "data" / "extract" / "wire-nvidia-rule.txt"
TITLE = "U.S. Tightens Curbs on AI Chip Sales to China"
#: what the source tree contributes to a build (an sdist holds the same)
BUILD_INPUTS = ("pyproject.toml", "README.md", "LICENSE", "desktop")

pytestmark = [pytest.mark.slow, pytest.mark.install]


def supported_pythons() -> list[tuple[str, str | None]]:
    """(version, interpreter or None) for 3.11, 3.12 and 3.13, as .ci/pythons finds them."""
    out = subprocess.run(["bash", str(REPO / ".ci" / "pythons")], capture_output=True,
                         text=True, check=True).stdout  # fmt: skip
    found = [line.split(" ", 1) for line in out.splitlines() if line.strip()]
    return [(version, None if path == "-" else path) for version, path in found]


def _params() -> list[object]:
    return [
        pytest.param(path, id=version,
                     marks=pytest.mark.skipif(path is None, reason=f"no Python {version} here"))
        for version, path in supported_pythons()
    ]  # fmt: skip


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """casefile-<version>-py3-none-any.whl, built from a copy of the build inputs (so the
    build neither writes into the working tree nor picks up files git does not know)."""
    src = tmp_path_factory.mktemp("src")
    for name in BUILD_INPUTS:
        path = REPO / name
        if path.is_dir():
            shutil.copytree(path, src / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(path, src / name)
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out),
                    str(src)], check=True, capture_output=True)  # fmt: skip
    (built,) = out.glob("casefile-*-py3-none-any.whl")
    return built


def run(argv: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=600, check=False)  # fmt: skip
    assert done.returncode == 0, f"{argv}: exit {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done


@pytest.mark.parametrize("python", _params())
def test_the_wheel_installs_and_works_headless(wheel: Path, python: str, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([python, "-m", "venv", str(venv)], check=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env.update(QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path / "home"),
               XDG_DATA_HOME=str(tmp_path / "share"), XDG_CONFIG_HOME=str(tmp_path / "config"))  # fmt: skip
    env.pop("CASEFILE_DB", None)
    run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", str(wheel)], tmp_path, env)
    casefile = str(venv / "bin" / "casefile")

    # the package is the installed one, not the source tree
    where = run([str(venv / "bin" / "python"), "-c", "import desktop; print(desktop.__file__)"],
                tmp_path, env).stdout  # fmt: skip
    assert str(venv) in where and str(REPO) not in where

    lib = str(tmp_path / "cases" / "library.casefile")
    run([casefile, "import", str(FIXTURE), "--case", "Smoke", "--db", lib], tmp_path, env)
    # the gazetteer shipped in the wheel: "U.S." is known as the United States
    run([casefile, "show", "United States", "--db", lib], tmp_path, env)
    pdf = tmp_path / "smoke.pdf"
    run([casefile, "print", "Smoke", "--pdf", str(pdf), "--db", lib], tmp_path, env)
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = run(["pdftotext", str(pdf), "-"], tmp_path, env).stdout
        assert "Smoke" in text and TITLE in " ".join(text.split())

    # the launcher entry runs this installation's casefile
    run([casefile, "--install-desktop-entry"], tmp_path, env)
    entry = (tmp_path / "share" / "applications" / "casefile.desktop").read_text()
    assert f"Exec={casefile} %f" in entry
