"""The reader highlights every mention of a name, though its mentions share one evidence row
(desktop.store.spans, issue 22)."""

from __future__ import annotations

from pathlib import Path

from desktop.services.library import get_article
from desktop.store.db import Library
from desktop.ui.detail.article_reader import render_article
from desktop.ui.detail.html import item_href
from tests.services.test_packed_evidence import _import, _rows


def test_the_reader_highlights_each_of_three_packed_mentions(
    library: Library, tmp_path: Path
) -> None:
    article_id, bis, link_id = _import(library, tmp_path)
    assert _rows(library, link_id) == 1
    with library.session() as s:
        page = render_article(get_article(s, article_id))
    assert page.count(f'<a href="{item_href(bis)}"') == 3
    assert ">Bureau of Industry and Security</a>" in page and page.count(">BIS</a>") == 2
