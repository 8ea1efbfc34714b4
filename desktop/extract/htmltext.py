"""Visible text of an HTML page with the stdlib parser: no scripts, styles or head metadata.

Block elements become line breaks so paragraphs stay paragraphs (sentence evidence and the
title line depend on it); the <title> (or else the first <h1>) becomes the first line.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCK = frozenset(
    [
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "table",
        "section",
        "article",
        "header",
        "footer",
        "blockquote",
        "pre",
        "dt",
        "dd",
        "hr",
        "title",
        "figcaption",
        "aside",
        "nav",
        "main",
        "address",
    ]
)
_HIDDEN = frozenset(["script", "style", "head", "noscript", "template", "svg", "iframe", "object"])
_SPACES = re.compile(r"[ \t\f\v\r\xa0]+")
_BLANKS = re.compile(r"\n\s*\n+")
# <meta property/name/itemprop=...> -> our field
_META_FIELDS = {
    "article:published_time": "published",
    "datepublished": "published",
    "date": "published",
    "pubdate": "published",
    "dc.date": "published",
    "dc.date.issued": "published",
    "og:site_name": "source",
    "publisher": "source",
    "author": "author",
    "article:author": "author",
}


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0
        self.title: list[str] = []
        self.h1: list[str] = []
        self._in_title = False
        self._in_h1 = False
        self._h1_done = False
        self.meta: dict[str, str] = {}

    def _note_meta(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Publication date, outlet and author from <meta> and the first <time datetime>."""
        a = {k.lower(): (v or "").strip() for k, v in attrs}
        if tag == "time" and a.get("datetime"):
            self.meta.setdefault("time", a["datetime"])
            return
        key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
        field = _META_FIELDS.get(key)
        value = a.get("content", "")
        if field and value and not (field == "author" and "://" in value):
            self.meta.setdefault(field, " ".join(value.split())[:300])

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("meta", "time"):
            self._note_meta(tag, attrs)
        if tag == "title":
            self._in_title = True
            return
        if tag in _HIDDEN:
            self.hidden += 1
        if tag == "h1" and not self._h1_done:
            self._in_h1 = True
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("meta", "time"):
            self._note_meta(tag, attrs)
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
            return
        if tag in _HIDDEN and self.hidden:
            self.hidden -= 1
        if tag == "h1" and self._in_h1:
            self._in_h1 = False
            self._h1_done = True
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title.append(data)
            return
        if self.hidden:
            return
        if self._in_h1:
            self.h1.append(data)
        self.parts.append(data)


def html_to_text(markup: str) -> str:
    return html_article(markup)[0]


def html_article(markup: str) -> tuple[str, dict[str, str]]:
    """The page's visible text and what its head says: ``published``, ``source``,
    ``author`` (a <meta> or, for the date, the first <time datetime>)."""
    parser = _TextParser()
    try:
        parser.feed(markup)
        parser.close()
    except Exception:  # malformed markup: keep what was parsed  # noqa: BLE001
        pass
    body = "".join(parser.parts)
    lines = [_SPACES.sub(" ", line).strip() for line in body.split("\n")]
    text = _BLANKS.sub("\n\n", "\n".join(lines)).strip()
    title = _SPACES.sub(" ", " ".join("".join(parser.title).split())).strip()
    meta = parser.meta
    if "published" not in meta and "time" in meta:
        meta["published"] = meta["time"]
    meta.pop("time", None)
    site = meta.get("source")
    if site and title:
        for sep in (" | ", " - ", " – ", " — ", " :: "):
            if title.endswith(sep + site):
                title = title[: -len(sep + site)].strip()  # "Headline | Harbor Ledger"
    if not title:
        title = " ".join("".join(parser.h1).split())
    if title and not text.startswith(title):
        text = f"{title}\n{text}" if text else title
    return text, meta


def looks_like_html(text: str) -> bool:
    head = text[:512].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or (
        head.startswith("<?xml") and "<html" in head
    )
