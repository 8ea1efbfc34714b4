"""The analyst's notes as printed: the small Markdown subset they type (**bold**, *italic*,
`code`, "- " bullets, line breaks) turned into HTML *after* escaping, so nothing in a note can
become live markup: links print as their text, images as their alt text, and no URL is ever
loaded. Regexes have no nested quantifiers: linear in the note's length."""

from __future__ import annotations

import re
from html import escape

_IMAGE = re.compile(r"!\[([^\]\n]*)\]\([^)\n]*\)")
_LINK = re.compile(r"\[([^\]\n]+)\]\([^)\n]*\)")
_CODE = re.compile(r"`([^`\n]+)`")
_BOLD = re.compile(r"\*\*([^*\n]+)\*\*|__([^_\n]+)__")
_ITALIC = re.compile(r"(?<![\w*])\*([^*\n]+)\*(?!\*)|(?<!\w)_([^_\n]+)_(?!\w)")
_BULLET = re.compile(r"^\s*[-*+]\s+")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")


def _inline(line: str) -> str:
    """One escaped line with its emphasis made real (escape first: the markup is ours)."""
    text = _IMAGE.sub(r"\1", line)
    text = _LINK.sub(r"\1", text)
    text = escape(text, quote=True)
    text = _CODE.sub(r"<code>\1</code>", text)
    text = _BOLD.sub(lambda m: f"<b>{m.group(1) or m.group(2)}</b>", text)
    return _ITALIC.sub(lambda m: f"<i>{m.group(1) or m.group(2)}</i>", text)


def note_html(text: str) -> str:
    """Inline HTML for a note (lines joined by <br/>; bullets as "•", headings bold)."""
    lines = []
    for raw in text.strip().splitlines():
        if _BULLET.match(raw):
            lines.append("• " + _inline(_BULLET.sub("", raw, count=1)))
        elif _HEADING.match(raw):
            lines.append(f"<b>{_inline(_HEADING.sub('', raw, count=1))}</b>")
        else:
            lines.append(_inline(raw))
    return "<br/>".join(lines)
