"""decode(): encodings, refusals, HTML, line endings."""

from __future__ import annotations

import codecs

import pytest

from desktop.extract import MAX_FILE_BYTES, RefusedFile, decode

TEXT = "Export curbs on “advanced” chips cost €2 billion, café owners in Zürich said.\nSecond line."


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
        TEXT.encode("utf-16-le"),
        TEXT.encode("utf-16-be"),
        codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le"),
        TEXT.encode("cp1252"),
    ],
    ids=[
        "utf8",
        "utf8-bom",
        "utf16le-bom",
        "utf16be-bom",
        "utf16le",
        "utf16be",
        "utf32-bom",
        "cp1252",
    ],
)
def test_encodings_round_trip(data: bytes) -> None:
    assert decode(data) == TEXT


def test_latin1_accents() -> None:
    text = "Le ministère a publié la liste; Müller und Söhne GmbH wurde genannt. Über alles."
    assert decode(text.encode("latin-1")) == text


def test_line_endings_are_normalised() -> None:
    assert decode(b"Title\r\nBody one\r\nBody two\rlast") == "Title\nBody one\nBody two\nlast"


def test_bom_is_stripped() -> None:
    assert not decode(codecs.BOM_UTF8 + b"Title").startswith("\ufeff")


@pytest.mark.parametrize("data", [b"", b"   \n\t \r\n", "  \n".encode("utf-16")])
def test_empty_refused(data: bytes) -> None:
    with pytest.raises(RefusedFile, match="empty file"):
        decode(data)


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 20,
        bytes(range(0, 32)) * 50,
        b"%PDF-1.4\n\x00\x01\x02\x03 binary \x00\xff\xfe\x00",
    ],
)
def test_binary_refused(data: bytes) -> None:
    with pytest.raises(RefusedFile, match="binary file, not text"):
        decode(data)


def test_oversize_refused() -> None:
    with pytest.raises(RefusedFile, match=r"file is 50\.0 MB; the limit is 20 MB"):
        decode(b"a" * (50 * 1024 * 1024))
    assert MAX_FILE_BYTES == 20 * 1024 * 1024


def test_html_visible_text_only() -> None:
    page = b"""<!DOCTYPE html><html><head><title>BIS adds 36 to Entity List</title>
    <meta name="x" content="hidden meta"><style>p { color: red }</style>
    <script>var secret = "script text";</script></head>
    <body><h1>BIS adds 36 to Entity List</h1><p>The Bureau of Industry &amp; Security said&nbsp;so.</p>
    <div>Second <b>block</b></div><script>alert(1)</script></body></html>"""
    text = decode(page, "notice.html")
    lines = text.split("\n")
    assert lines[0] == "BIS adds 36 to Entity List"
    assert "The Bureau of Industry & Security said so." in lines
    assert "Second block" in lines
    for hidden in ("script text", "color: red", "hidden meta", "alert"):
        assert hidden not in text


def test_html_detected_by_content_and_h1_title() -> None:
    text = decode(b"<html><body><h1>Headline</h1><p>Body text.</p></body></html>", "x.txt")
    assert text.split("\n")[0] == "Headline"
    assert "Body text." in text


def test_plain_text_with_angle_brackets_is_not_html() -> None:
    assert decode(b"a <b> c", "x.txt") == "a <b> c"
