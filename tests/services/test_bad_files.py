"""Any file at all: imported with correct text or refused with its reason; the batch goes on."""

from __future__ import annotations

import os
from pathlib import Path

from desktop.services.importer import import_paths
from desktop.services.library import get_article

GOOD = "Japan Tightens Chip Tool Exports\nTokyo said on Friday it would tighten exports.\n"


def _corpus(folder: Path) -> dict[str, str | None]:
    """file name -> expected title (None: must be refused)."""
    folder.mkdir()
    files: dict[str, tuple[bytes, str | None]] = {
        "random.txt": (os.urandom(4096), None),
        "program.txt": (b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 8, None),
        "zero.txt": (b"", None),
        "nul-bytes.txt": (b"Title\x00 with \x00 nul\x00" * 50, None),
        "long-line.txt": (("Long Line Report " + "word " * 60_000).encode(), "Long Line Report"),
        "utf16-nobom.txt": (
            GOOD.replace("Japan", "Nippon").encode("utf-16-le"),
            "Nippon Tightens Chip Tool Exports",
        ),
        "mixed.txt": (
            "Café Déjà Vu Sanctions\n".encode() + "Prix: 5 €\n".encode("cp1252"),
            "Café Déjà Vu Sanctions",
        ),
        "page.html": (
            b"<html><head><title>EU Adds Firms</title><script>alert(1)</script>"
            b"<style>p{}</style></head><body><p>The EU added firms &amp; banks.</p></body></html>",
            "EU Adds Firms",
        ),
        "odd name [v2] (copy) #1 — ü.txt": (GOOD.encode(), "Japan Tightens Chip Tool Exports"),
    }
    for name, (data, _) in files.items():
        (folder / name).write_bytes(data)
    return {name: title for name, (_, title) in files.items()}


def test_every_bad_file_is_handled_and_the_batch_goes_on(library, tmp_path: Path) -> None:
    expected = _corpus(tmp_path / "in")
    big = tmp_path / "in" / "huge.txt"
    with big.open("wb") as fh:  # 50 MB of text: over the limit, refused without reading it all
        fh.write(b"Huge\n" + b"export controls " * (50 * 1024 * 1024 // 16))
    expected["huge.txt"] = None
    report = import_paths(library=library, paths=[tmp_path / "in"])
    refused = {Path(f).name: why for f, why in report.failed}
    assert set(refused) == {n for n, t in expected.items() if t is None}
    assert all(refused.values()), "each refusal says why"
    assert "limit" in refused["huge.txt"]
    with library.session() as session:
        titles = {
            get_article(session, a.id).item.name: get_article(session, a.id)
            for a in report.articles
        }
    wanted = {t for t in expected.values() if t and t != "Long Line Report"}
    assert wanted <= set(titles)
    [long_title] = [t for t in titles if t.startswith("Long Line Report")]
    assert len(long_title) <= 301  # a giant first line is capped as a title; the text is whole
    assert len(titles[long_title].text) > 300_000
    page = titles["EU Adds Firms"]
    assert "alert(1)" not in page.text and "p{}" not in page.text
    assert "firms & banks" in page.text
    assert "5 €" in titles["Café Déjà Vu Sanctions"].text
