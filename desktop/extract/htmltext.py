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

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
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
    if not title:
        title = " ".join("".join(parser.h1).split())
    if title and not text.startswith(title):
        text = f"{title}\n{text}" if text else title
    return text


def looks_like_html(text: str) -> bool:
    head = text[:512].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or (
        head.startswith("<?xml") and "<html" in head
    )
