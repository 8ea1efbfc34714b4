"""Renderings of the case summary: HTML (for export and for printing), Markdown and JSON.

Article text, names and notes are untrusted: every piece of text goes through ``_h`` (HTML) or
``_md`` (Markdown) on its way into markup; nothing else builds markup from data.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict
from datetime import date, datetime
from html import escape
from pathlib import Path
from typing import Any

from desktop.services.note_markup import note_html
from desktop.services.report import (
    ENTITY_SECTIONS,
    RELATION_WORDS,
    SECTIONS,
    ArticleEntry,
    CaseReport,
    EntityEntry,
    ScreeningEntry,
)
from desktop.store import safe_output
from desktop.store.db import Library

FORMATS = ("html", "md", "json")
DIAGRAM_URL = "casefile-diagram.png"  # the print path registers an image under this name

#: Shared by the exported page and the printed page. QTextDocument reads a subset of CSS and
#: ignores margins given in pt, so spacing is in px (1pt = 1.33px) and type sizes are in pt.
PRINT_CSS = """
body { font-family: 'DejaVu Serif'; font-size: 10pt; color: #1d1d1f; }
p { margin: 0 0 6px 0; line-height: 135%; }
h1 { font-family: 'DejaVu Sans'; font-size: 19pt; font-weight: bold; color: #14213d;
     margin: 0 0 5px 0; }
h2 { font-family: 'DejaVu Sans'; font-size: 9.5pt; font-weight: bold; color: #1f3a5f;
     text-transform: uppercase; letter-spacing: 1.5px; margin: 24px 0 8px 0; }
h3 { font-family: 'DejaVu Sans'; font-size: 9.5pt; font-weight: bold; color: #1d1d1f;
     margin: 10px 0 2px 0; }
h5 { font-family: 'DejaVu Sans'; font-size: 7.5pt; font-weight: bold; color: #6b6b70; text-transform: uppercase; letter-spacing: 1px;
     margin: 14px 0 4px 0; }
h4 { font-family: 'DejaVu Sans'; font-size: 9pt; font-weight: normal; color: #1d1d1f;
     margin: 9px 0 2px 0; }
.kicker { font-family: 'DejaVu Sans'; font-size: 7.5pt; font-weight: bold; color: #1f3a5f;
          letter-spacing: 2px; margin: 0 0 4px 0; }
.meta { font-family: 'DejaVu Sans'; font-size: 8pt; color: #5c5c62; margin: 0 0 3px 0; }
.lead { font-size: 11pt; line-height: 145%; margin: 14px 0 4px 0; }
.note { font-style: italic; color: #303036; margin: 2px 0 6px 0; }
.quote { color: #303036; margin: 1px 0 4px 16px; }
.mention { margin: 0 0 4px 0; }
.mention-more { margin: 0 0 4px 16px; }
.src { font-family: 'DejaVu Sans'; font-size: 7.5pt; color: #1f3a5f; }
.muted { color: #77777c; }
.flag { font-family: 'DejaVu Sans'; font-size: 7pt; font-weight: normal; color: #8a6d1f; }
.srcline { margin: 0 0 4px 0; }
td { font-size: 9.5pt; padding: 2px 0 3px 0; vertical-align: top; }
.diagram { line-height: 100%; margin: 4px 0 10px 0; }
.when { font-family: 'DejaVu Sans'; font-size: 8pt; color: #5c5c62; }
"""
#: Only the exported page gets these (a browser reads them; QTextDocument ignores them).
SCREEN_CSS = """
body { max-width: 44em; margin: 2.5em auto; padding: 0 1.5em; }
h2 { border-bottom: 1px solid #d0d4da; padding-bottom: 3px; }
h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
"""
TIMELINE_DATE_WIDTH = "17%"
MAX_ALIASES = 4  # printed per entity; the JSON keeps them all


def _h(text: object) -> str:
    return escape(str(text), quote=True)


def format_date(value: date | None) -> str:
    return f"{value.day} {value:%B %Y}" if value else ""


def _short_date(value: date) -> str:
    return f"{value.day} {value:%b %Y}"


def chosen_sections(sections: Iterable[str] | None) -> list[str]:
    """Known section keys in reading order; unknown names raise ValueError."""
    if sections is None:
        return list(SECTIONS)
    wanted = set(sections)
    unknown = wanted - set(SECTIONS)
    if unknown:
        raise ValueError(
            f"Unknown section(s): {', '.join(sorted(unknown))}. Choose from: {', '.join(SECTIONS)}."
        )
    return [key for key in SECTIONS if key in wanted]


# --- HTML ---------------------------------------------------------------------------------


def to_html(
    report: CaseReport,
    *,
    sections: Iterable[str] | None = None,
    for_print: bool = False,
    diagram: bool = False,
    diagram_width: int | None = None,
) -> str:
    """A complete HTML document; ``diagram`` adds an <img> the caller supplies as DIAGRAM_URL."""
    css = PRINT_CSS if for_print else PRINT_CSS + SCREEN_CSS
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{_h(report.title)}</title>",
        f"<style>{css}</style></head><body>",
    ]
    parts += _title_block(report)
    for key in chosen_sections(sections):
        parts += _html_section(report, key, diagram, diagram_width)
    parts.append("</body></html>")
    return "\n".join(parts)


def _title_block(report: CaseReport) -> list[str]:
    counts = [
        (len(report.entities.get("people", ())), "person", "people"),
        (len(report.entities.get("organizations", ())), "organization", "organizations"),
        (len(report.articles), "article", "articles"),
    ]
    meta = [
        f"Status: {report.status.capitalize()}",
        f"Printed {format_date(report.printed_at.date())}",
    ]
    meta += [f"{n} {one if n == 1 else many}" for n, one, many in counts if n]
    return [
        '<p class="kicker">CASE SUMMARY</p>',
        f"<h1>{_h(report.title)}</h1>",
        f'<p class="meta">{_h(" · ".join(meta))}</p>',
        "<hr>",
    ]


def connection_lines(report: CaseReport) -> list[str]:
    """The stated relations between the case's items, one line each: "Gina Raimondo —
    Commerce Secretary, Department of Commerce" (suggested ones say so; citations left to the
    evidence section)."""
    out = []
    for e in report.relations:
        if e.kind == "cites":
            continue
        role = e.relation != RELATION_WORDS.get(e.kind, e.kind.replace("_", " "))
        text = (
            f"{e.subject} — {e.relation}, {e.object}"
            if role
            else f"{e.subject} {e.relation} {e.object}"
        )
        out.append(text + ("" if e.confirmed else " (suggested)"))
    return out


def _html_section(
    report: CaseReport, key: str, diagram: bool, width: int | None = None
) -> list[str]:
    if key == "diagram":
        lines = connection_lines(report)
        if not (diagram or lines):
            return []
        out = [f"<h2>{SECTIONS[key]}</h2>"]
        if lines:  # the relations first, in words; then the picture
            out.append("<ul>" + "".join(f"<li>{_h(line)}</li>" for line in lines) + "</ul>")
        if diagram:
            out.append(
                f'<p class="diagram"><img src="{DIAGRAM_URL}" alt="Connection diagram"'
                + (f' width="{int(width)}"' if width else "")
                + "></p>"
            )
        return out
    if report.section_is_empty(key):
        return []
    if key == "summary":
        paras = [p for p in report.summary.split("\n\n") if p.strip()]
        return [f'<p class="lead">{note_html(p)}</p>' for p in paras]
    out = [f"<h2>{_h(SECTIONS[key])}</h2>"]
    if key in ENTITY_SECTIONS:
        for entry in report.entities[key]:
            out += _html_entity(entry)
    elif key == "articles":
        for article in report.articles:
            out += _html_article(article)
    elif key == "timeline":
        out.append('<table class="timeline" width="100%" cellspacing="0" cellpadding="2">')
        for t in report.timeline:
            missing = "" if t.in_library else ' <span class="flag">not yet in the library</span>'
            ref = f' <span class="muted">· {_h(t.ref)}</span>' if t.ref else ""
            said = f"“{_h(t.sentence)}” — " if t.sentence else ""
            source = f' <span class="muted">({_h(t.source)})</span>' if t.source else ""
            out.append(
                f'<tr><td class="when" width="{TIMELINE_DATE_WIDTH}">{_h(_short_date(t.date))}</td>'
                f"<td>{said}{_h(t.title)}{ref}{missing}{source}</td></tr>"
            )
        out.append("</table>")
    elif key == "evidence":
        out += _html_evidence(report)
    elif key == "screening":
        for hit in report.screening:
            out.append(f'<p class="srcline">{_h(screening_line(hit))}</p>')
            out.append(f'<p class="note">{_h(hit.reason)}</p>')
    elif key == "missing":
        out.append(
            '<p class="meta">Cited by the case\'s articles but not yet imported into the library.</p>'
        )
        for m in report.missing:
            cited = ", ".join(f"[{n}]" for n in m.cited_by)
            when = f" · {_h(format_date(m.published))}" if m.published else ""
            by = f' · cited by <span class="src">{cited}</span>' if cited else ""
            out.append(f'<p class="srcline"><b>Article {_h(m.ref)}</b>{when}{by}</p>')
            if m.note:
                out.append(f'<p class="note">{note_html(m.note)}</p>')
    return out


def _html_entity(e: EntityEntry) -> list[str]:
    out = [f"<h3>{_h(e.name)}</h3>"]
    detail = [p for p in (e.role, e.affiliation) if p]
    if detail:
        out.append(f'<p class="meta">{_h(" · ".join(detail))}</p>')
    if e.aliases:
        shown = ", ".join(e.aliases[:MAX_ALIASES]) + (" …" if len(e.aliases) > MAX_ALIASES else "")
        out.append(f'<p class="meta">Also known as: {_h(shown)}</p>')
    if e.description:
        out.append(f"<p>{_h(e.description)}</p>")
    if e.members:
        out.append(f'<p class="meta">Members: {_h(", ".join(e.members))}</p>')
    if e.note:
        out.append(f'<p class="note">{note_html(e.note)}</p>')
    return out


def _html_article(a: ArticleEntry) -> list[str]:
    meta = [format_date(a.published) if a.published else "Undated"]
    if a.ref:
        meta.append(f"ID {a.ref}")
    if a.source:
        meta.append(a.source)
    if a.dateline:
        meta.append(f"dateline {a.dateline}")
    number = f' <span class="src">[{a.source_number}]</span>' if a.source_number else ""
    out = [f"<h3>{_h(a.title)}{number}</h3>", f'<p class="meta">{_h(" · ".join(meta))}</p>']
    if a.note:
        out.append(f'<p class="note">Analyst’s note: {note_html(a.note)}</p>')
    elif a.excerpt:
        out.append(f"<p>{_h(a.excerpt)}</p>")
    return out


def _html_evidence(report: CaseReport) -> list[str]:
    out: list[str] = []

    def cite(n: int) -> str:
        return f'<span class="src">[{n}]</span>'

    if report.relations:
        out.append("<h5>Stated links</h5>")
    for e in report.relations:
        flag = "" if e.confirmed else ' <span class="flag">· unconfirmed</span>'
        out.append(f"<h4><b>{_h(e.subject)}</b> {_h(e.relation)} <b>{_h(e.object)}</b>{flag}</h4>")
        for c in e.citations:
            out.append(f'<p class="quote">“{_h(c.sentence)}” {cite(c.source)}</p>')
        if e.more:
            more = (
                "1 more supporting sentence"
                if e.more == 1
                else f"{e.more} more supporting sentences"
            )
            out.append(f'<p class="quote muted">and {more}</p>')
    if report.mentions:
        out.append("<h5>Where they appear</h5>")
        for e in report.mentions:
            first, *rest = e.citations
            out.append(
                f'<p class="mention"><b>{_h(e.subject)}</b> — “{_h(first.sentence)}” '
                f"{cite(first.source)}</p>"
            )
            for c in rest:
                out.append(f'<p class="mention-more">“{_h(c.sentence)}” {cite(c.source)}</p>')
            if e.more:
                more = "1 more article" if e.more == 1 else f"{e.more} more articles"
                out.append(f'<p class="mention-more muted">and in {more}</p>')
    if report.sources:
        out.append("<h5>Sources</h5>")
        for s in report.sources:
            bits = [format_date(s.published)] if s.published else []
            if s.ref:
                bits.append(f"ID {s.ref}")
            tail = f' <span class="muted">· {_h(" · ".join(bits))}</span>' if bits else ""
            out.append(f'<p class="srcline">{cite(s.number)} {_h(s.title)}{tail}</p>')
    return out


# --- Markdown -----------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
_MD_LINE_START = re.compile(r"^(\s*\d*)([#>+\-=.)])")


def _md(text: object) -> str:
    """Plain text that stays plain in any Markdown renderer: no markup, no raw HTML.

    Inline markers are backslash-escaped and <, >, & become entities, so a pasted ``<script>``
    shows as text; a leading "#", "-", ">" or "1." cannot start a block either.
    """
    flat = " ".join(str(text).split())
    safe = _MD_SPECIAL.sub(r"\\\1", escape(flat, quote=False))
    return _MD_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), safe)


def screening_line(hit: ScreeningEntry) -> str:
    """ "HuaYing Semiconductor (organization) is on Entity List, dated 20 Nov 2026, as ..."."""
    dated = f", dated {format_date(hit.list_date)}" if hit.list_date else ""
    return (
        f"{hit.matched} ({hit.item_kind}) is on {hit.list_name}{dated}, "
        f"as {hit.entry} ({hit.score}%, confirmed)"
    )


def to_markdown(report: CaseReport, *, sections: Iterable[str] | None = None) -> str:
    lines = [f"# {_md(report.title)}", ""]
    lines.append(
        f"*Status: {_md(report.status)} · Printed {format_date(report.printed_at.date())}*"
    )
    lines.append("")
    for key in chosen_sections(sections):
        if key == "diagram" or report.section_is_empty(key):
            continue
        if key == "summary":
            lines += [_md(p) + "\n" for p in report.summary.split("\n\n") if p.strip()]
            continue
        lines += [f"## {SECTIONS[key]}", ""]
        if key in ENTITY_SECTIONS:
            for e in report.entities[key]:
                detail = ", ".join(_md(p) for p in (e.role, e.affiliation) if p)
                lines.append(f"- **{_md(e.name)}**" + (f" — {detail}" if detail else ""))
                if e.members:
                    lines.append(f"  - Members: {_md(', '.join(e.members))}")
                if e.note:
                    lines.append(f"  - *Note:* {_md(e.note)}")
        elif key == "articles":
            for a in report.articles:
                meta = [format_date(a.published) or "Undated"] + [
                    p
                    for p in (
                        f"ID {a.ref}" if a.ref else "",
                        a.source or "",
                        f"dateline {a.dateline}" if a.dateline else "",
                    )
                    if p
                ]
                num = f" \\[{a.source_number}\\]" if a.source_number else ""
                lines += [f"### {_md(a.title)}{num}", "", f"*{_md(' · '.join(meta))}*", ""]
                body = f"*Note:* {_md(a.note)}" if a.note else _md(a.excerpt)
                if body:
                    lines += [body, ""]
        elif key == "timeline":
            for t in report.timeline:
                ref = f" ({t.ref})" if t.ref else ""
                gone = " — not in library" if not t.in_library else ""
                said = f"“{_md(t.sentence)}” — " if t.sentence else ""
                source = f" *({_md(t.source)})*" if t.source else ""
                lines.append(
                    f"- **{_short_date(t.date)}** — {said}{_md(t.title)}{ref}{gone}{source}"
                )
        elif key == "evidence":
            for ev in (*report.relations, *report.mentions):
                what = f"{_md(ev.subject)} *{_md(ev.relation)}* {_md(ev.object)}".rstrip()
                lines.append(f"- {what}" + ("" if ev.confirmed else " (unconfirmed)"))
                for c in ev.citations:
                    lines.append(f"  > “{_md(c.sentence)}” \\[{c.source}\\]")
            if report.sources:
                lines += ["", "### Sources", ""]
                for s in report.sources:
                    bits = [
                        b for b in (format_date(s.published), f"ID {s.ref}" if s.ref else "") if b
                    ]
                    tail = f" — {', '.join(bits)}" if bits else ""
                    lines.append(f"{s.number}\\. {_md(s.title)}{tail}")
        elif key == "screening":
            for hit in report.screening:
                lines.append(f"- {_md(screening_line(hit))}")
                lines.append(f"  - {_md(hit.reason)}")
        elif key == "missing":
            for m in report.missing:
                cited = ", ".join(f"\\[{n}\\]" for n in m.cited_by)
                lines.append(f"- Article {m.ref}" + (f" — cited by {cited}" if cited else ""))
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


# --- JSON ---------------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def report_dict(report: CaseReport) -> dict[str, Any]:
    return _plain(asdict(report))


def to_json(report: CaseReport, bundle_doc: dict[str, Any]) -> str:
    """The case bundle (what import reads) with the summary alongside (what people read)."""
    doc = dict(bundle_doc)
    doc["report"] = report_dict(report)
    return json.dumps(doc, ensure_ascii=False, indent=2)


# --- files --------------------------------------------------------------------------------


def export_case(
    *,
    library: Library,
    case_id: int,
    fmt: str,
    path: Path,
    sections: Sequence[str] | None = None,
) -> None:
    from desktop.services import bundle
    from desktop.services.report import build_report

    if fmt not in FORMATS:
        raise ValueError(f"Unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}.")
    report = build_report(library=library, case_id=case_id)
    if fmt == "html":
        text = to_html(report, sections=sections)
    elif fmt == "md":
        text = to_markdown(report, sections=sections)
    else:
        text = to_json(report, bundle.build_bundle(library=library, case_id=case_id))
    safe_output.write_bytes(Path(path), text.encode("utf-8"), protected=library.protected_files)
