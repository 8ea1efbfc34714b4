"""Paths as text beside the graph: each hop with its link kind, status and evidence sentence.

Rich text for readability; every name and sentence is escaped (article text is untrusted).
"""

from __future__ import annotations

import html

from desktop.services.graph_paths import GraphPath
from desktop.ui.connections import style


def paths_html(paths: list[GraphPath]) -> str:
    parts = []
    for i, path in enumerate(paths, 1):
        names = {n.id: n.name for n in path.nodes}
        chain = " → ".join(html.escape(n.name) for n in path.nodes)
        parts.append(f"<p><b>Path {i}</b> ({len(path.edges)} hops): {chain}")
        if path.why:
            why = "; ".join(html.escape(line) for line in path.why)
            parts.append(f"<br><small>Why this path: {why}</small>")
        parts.append("</p><ol>")
        for e in path.edges:
            ev = e.evidence[0] if e.evidence else None
            why = (
                f"<br>“{html.escape(ev.sentence.strip())}” <i>— {html.escape(ev.article_title)}</i>"
                if ev
                else ""
            )
            parts.append(
                f"<li>{html.escape(names.get(e.source, ''))} <b>{html.escape(style.link_label(e.kind, e.label))}</b> "
                f"{html.escape(names.get(e.target, ''))} ({html.escape(e.status)}){why}</li>"
            )
        parts.append("</ol>")
    return "".join(parts)
