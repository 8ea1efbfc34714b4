"""Bytes to text: detect the encoding, refuse what is not an article, normalise line endings.

Order of decisions, and why:
1. size and emptiness first (cheap, and the message tells the user what to do);
2. byte-order marks are authoritative (UTF-8/16/32);
3. UTF-16 without a BOM shows itself as NUL bytes in every other position; any other NUL
   means binary data;
4. strict UTF-8 is tried before statistical detection: valid UTF-8 almost never is anything
   else, and detectors misname short ASCII-ish texts;
5. a file whose lines are UTF-8 except a few is decoded line by line (mixed sources);
6. otherwise charset-normalizer decides, with cp1252 as the fallback for Western news copy
   (it is a superset of Latin-1 for printable characters and has curly quotes and the euro).
"""

from __future__ import annotations

import codecs
import re

from desktop.extract.htmltext import html_article, looks_like_html
from desktop.extract.types import RefusedFile

MAX_FILE_BYTES = 20 * 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_nul = sample[0::2].count(0)
    odd_nul = sample[1::2].count(0)
    half = len(sample) / 2
    if odd_nul > 0.3 * half and even_nul < 0.05 * half:
        return "utf-16-le"
    if even_nul > 0.3 * half and odd_nul < 0.05 * half:
        return "utf-16-be"
    return None


def _detect(data: bytes) -> str:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(name, errors="replace")
    utf16 = _utf16_without_bom(data)
    if utf16:
        return data.decode(utf16, errors="replace")
    if b"\x00" in data:
        raise RefusedFile("binary file, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    mixed = _mixed_utf8(data)
    if mixed is not None:
        return mixed
    try:
        from charset_normalizer import from_bytes

        matches = list(from_bytes(data[:200_000]))
        encoding = matches[0].encoding if matches else None
    except Exception:  # a detector failure is not the user's problem  # noqa: BLE001
        matches, encoding = [], None
    by_language = _codepage_of_language(data, matches) if encoding else None
    if by_language:
        encoding = by_language
    elif encoding is None or _latin_family(encoding):
        # Detectors confuse the Western single-byte code pages on short texts (cp1257 for
        # cp1252 ...); for news copy cp1252 is the usual truth when it decodes at all.
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            encoding = encoding or "latin-1"
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return data.decode("cp1252", errors="replace")


#: Latin-script languages that cp1252 cannot write: their code pages and their letters beyond
#: ASCII. When the detector hears one of them and the text read in that code page uses only
#: that language's letters (and some cp1252 cannot write), the code page wins over the cp1252
#: default (Turkish ı, ş, ğ in cp1254 read as cp1252 give "kalabalýk").
_LATIN2 = ("cp1250", "iso8859_2", "mac_latin2", "cp852")
_BALTIC = ("cp1257", "iso8859_13", "cp775")
_LANGUAGES: dict[str, tuple[tuple[str, ...], str]] = {
    "Turkish": (("cp1254", "iso8859_9", "cp857"), "çğıİöşüÇĞÖŞÜâîûÂÎÛ"),
    "Polish": (_LATIN2, "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ"),
    "Czech": (_LATIN2, "áčďéěíňóřšťúůýžÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ"),
    "Slovak": (_LATIN2, "áäčďéíĺľňóôŕšťúýžÁÄČĎÉÍĹĽŇÓÔŔŠŤÚÝŽ"),
    "Hungarian": (_LATIN2, "áéíóöőúüűÁÉÍÓÖŐÚÜŰ"),
    "Romanian": (_LATIN2, "ăâîșțşţĂÂÎȘȚŞŢ"),
    "Croatian": (_LATIN2, "čćđšžČĆĐŠŽ"),
    "Slovene": (_LATIN2, "čšžČŠŽ"),
    "Lithuanian": (_BALTIC, "ąčęėįšųūžĄČĘĖĮŠŲŪŽ"),
    "Latvian": (_BALTIC, "āčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽ"),
}


def _not_cp1252(char: str) -> bool:
    try:
        char.encode("cp1252")
    except UnicodeEncodeError:
        return True
    return False


def _written_in(text: str, alphabet: str) -> bool:
    """Every non-ASCII letter of ``text`` belongs to ``alphabet``, and some cp1252 lacks."""
    letters = {c for c in text if not c.isascii() and c.isalpha()}
    return bool(letters) and letters <= set(alphabet) and any(map(_not_cp1252, letters))


def _codepage_of_language(data: bytes, matches: list) -> str | None:  # CharsetMatch items
    """The code page of a language the detector found, when the text reads as that language
    in it. Any candidate's language counts (on a short text the best guess may say "Dutch"
    while the cp1254 candidate says Turkish); the letters check keeps Western copy, often
    "heard" as Estonian or Latvian, in cp1252."""
    sample = data[:200_000]
    for language in dict.fromkeys(m.language for m in matches):
        pages, alphabet = _LANGUAGES.get(language or "", ((), ""))
        for page in [m.encoding for m in matches if m.encoding in pages] + list(pages):
            try:
                if _written_in(sample.decode(page), alphabet):
                    return str(page)
            except UnicodeDecodeError:
                continue
    return None


def _mixed_utf8(data: bytes) -> str | None:
    """Files pasted together from several sources: UTF-8 lines stay UTF-8, the odd line in
    cp1252 is read as cp1252, instead of one guess turning every accent into mojibake."""
    lines = data.split(b"\n")
    decoded, utf8_lines = [], 0
    for line in lines:
        try:
            decoded.append(line.decode("utf-8"))
            utf8_lines += not line.isascii()
        except UnicodeDecodeError:
            decoded.append(line.decode("cp1252", errors="replace"))
    return "\n".join(decoded) if utf8_lines else None


# Encodings whose guess we trust over cp1252: other scripts and multi-byte encodings.
_OTHER_SCRIPTS = (
    "cp1251", "cp1253", "cp1255", "cp1256", "cp855", "cp862", "cp864", "cp866", "cp869",
    "cp737", "cp1125", "iso8859_5", "iso8859_6", "iso8859_7", "iso8859_8", "koi8", "mac_cyrillic",
    "mac_greek", "mac_arabic", "mac_farsi", "utf", "shift_jis", "euc", "gb", "big5", "cp932",
    "cp949", "cp950", "hz", "iso2022", "johab", "tis_620", "cp874", "ptcp154", "kz1048",
)  # fmt: skip


def _latin_family(encoding: str) -> bool:
    """Single-byte Western guesses (cp775, cp850, mac_iceland ...) that cp1252 should win over."""
    return not encoding.lower().replace("-", "_").startswith(_OTHER_SCRIPTS)


_BAD_CHARS = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f-\x9f\ufffd]")


def _mostly_control(text: str) -> bool:
    """More than 10% control characters (or replacement marks) in the first 8 KB: binary."""
    sample = text[:8192]
    if not sample:
        return False
    return len(_BAD_CHARS.findall(sample)) > 0.1 * len(sample)


def decode(data: bytes, filename: str = "") -> str:
    """The article text of *data*; raises :class:`RefusedFile` with a reason for the user."""
    return decode_article(data, filename)[0]


def decode_article(data: bytes, filename: str = "") -> tuple[str, dict[str, str]]:
    """:func:`decode`, and what an HTML page's head says about the article (see
    :func:`desktop.extract.htmltext.html_article`; empty for other files)."""
    size = len(data)
    if size > MAX_FILE_BYTES:
        raise RefusedFile(
            f"file is {size / 1024 / 1024:.1f} MB; the limit is {MAX_FILE_BYTES // 1024 // 1024} MB"
        )
    if not data.strip():
        raise RefusedFile("empty file")
    text = _detect(bytes(data))
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text or _mostly_control(text):
        raise RefusedFile("binary file, not text")
    page: dict[str, str] = {}
    if filename.lower().endswith((".html", ".htm", ".xhtml")) or looks_like_html(text):
        text, page = html_article(text)
    if not text.strip():
        raise RefusedFile("empty file")
    return text, page
