"""`casefile print` and `casefile export`: valid PDFs with embedded fonts, escaped text, bundles."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.store.db import Library
from tests.services.test_report import HOSTILE, make_case

POPPLER = shutil.which("pdftotext") and shutil.which("pdfinfo") and shutil.which("pdffonts")


def _tool(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def _pdf_text(path: Path) -> str:
    return _tool("pdftotext", "-layout", str(path), "-")


def _pages(path: Path) -> tuple[int, str]:
    info = _tool("pdfinfo", str(path))
    fields = dict(line.split(":", 1) for line in info.splitlines() if ":" in line)
    return int(fields["Pages"]), fields["Page size"].strip()


def test_print_writes_a_pdf_with_the_case_and_embedded_fonts(
    cli, library: Library, tmp_path: Path
) -> None:
    make_case(library, hostile=True)
    out = tmp_path / "case.pdf"
    code, doc, err = cli(
        "print", "ROK coordination", "--pdf", str(out), "--page-size", "A4", "--json"
    )
    assert code == 0, err
    data = out.read_bytes()
    assert data.startswith(b"%PDF") and doc["pages"] >= 1
    assert b"/FontFile2" in data  # TrueType font programs are embedded
    if not POPPLER:
        pytest.skip("poppler-utils not installed: text, page and font checks skipped")
    pages, size = _pages(out)
    assert pages == doc["pages"] >= 2 and size.startswith("595")  # A4 in points
    fonts = _tool("pdffonts", str(out)).splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts)  # the "emb" column
    assert any("DejaVu" in line for line in fonts)
    text = _pdf_text(out)
    for words in (
        "ROK coordination",
        "Elizabeth Economy",
        "Wilson Center",
        "South Korea",
        "KEY PEOPLE",
        "EVIDENCE",
        "MISSING REFERENCES",
        "Page 1 of",
    ):
        assert words in text
    flat = " ".join(text.split())
    assert "<script>alert(1)</script>" in flat and "onerror=alert(2)>" in flat
    assert "Tom &amp; Jerry & co" in flat  # the literal text, not decoded and not markup


def test_sections_and_letter_paper(cli, library: Library, tmp_path: Path) -> None:
    make_case(library)
    out = tmp_path / "short.pdf"
    code, _, err = cli(
        "print",
        "ROK coordination",
        "--pdf",
        str(out),
        "--sections",
        "summary,people",
        "--page-size",
        "Letter",
    )
    assert code == 0, err
    if not POPPLER:
        pytest.skip("poppler-utils not installed")
    pages, size = _pages(out)
    assert pages == 1 and size.startswith("612 x 792")
    text = _pdf_text(out)
    assert "Elizabeth Economy" in text and "EVIDENCE" not in text and "ARTICLES" not in text


def test_bad_sections_and_unknown_cases_are_usage_errors(
    cli, library: Library, tmp_path: Path
) -> None:
    make_case(library)
    code, _, err = cli(
        "print", "ROK coordination", "--pdf", str(tmp_path / "x.pdf"), "--sections", "gossip"
    )
    assert code == 2 and "Unknown section" in err
    code, _, err = cli("print", "No such case", "--pdf", str(tmp_path / "x.pdf"))
    assert code == 2 and "No case file" in err
    code, _, err = cli(
        "export", "ROK coordination", "--format", "md", "--out", str(tmp_path / "nope" / "x.md")
    )
    assert code == 2 and "does not exist" in err
    assert not (tmp_path / "x.pdf").exists()


def test_export_html_md_and_json(cli, library: Library, tmp_path: Path) -> None:
    make_case(library, hostile=True)
    for fmt in ("html", "md", "json"):
        out = tmp_path / f"case.{fmt}"
        code, doc, err = cli(
            "export", "ROK coordination", "--format", fmt, "--out", str(out), "--json"
        )
        assert code == 0, err
        assert doc["bytes"] == out.stat().st_size > 0
    html = (tmp_path / "case.html").read_text(encoding="utf-8")
    assert "<script>" not in html and "&lt;script&gt;" in html
    md = (tmp_path / "case.md").read_text(encoding="utf-8")
    assert "<script>" not in md and "Elizabeth Economy" in md
    bundle = json.loads((tmp_path / "case.json").read_text(encoding="utf-8"))
    assert (
        bundle["format"] == "casefile-case-bundle"
        and bundle["report"]["title"] == "ROK coordination"
    )
    assert any(i["name"] == HOSTILE for i in bundle["items"])  # JSON keeps the raw text


def test_an_exported_bundle_imports_into_another_library(
    cli, library: Library, tmp_path: Path
) -> None:
    pytest.importorskip("desktop.services.importer")
    make_case(library)
    out = tmp_path / "case.json"
    assert cli("export", "ROK coordination", "--format", "json", "--out", str(out))[0] == 0
    other = tmp_path / "other.casefile"
    assert main(["import", str(out), "--db", str(other)]) == 0
    assert main(["case", "show", "ROK coordination", "--db", str(other)]) == 0
