"""A pathological article stays readable: one unbroken 1,000,000-character word (the reader
sat in setHtml for over 280 s) is shown bounded, with break opportunities, and the user is
told the reader shows only the start."""

from __future__ import annotations

import re

from desktop.services.dto import ArticleView, ItemRef, MentionSpan
from desktop.ui.detail.article_reader import DISPLAY_LIMIT, ArticleReader, render_article
from desktop.ui.detail.html import BREAK_EVERY

WORD = "x" * 1_000_000


def _view(text: str, mentions: tuple[MentionSpan, ...] = ()) -> ArticleView:
    return ArticleView(
        item=ItemRef(id=1, kind="article", name=text[:50]), ref=None, published=None,
        source_file="long.txt", imported_at=None, placeholder=False, reviewed=True,
        text=text, mentions=mentions,
    )  # fmt: skip


def _longest_run(text: str) -> int:
    return max((len(r) for r in re.split(r"[\s\u200b]+", text)), default=0)


def test_rendered_document_is_bounded_and_breakable() -> None:
    html = render_article(_view(f"Long Word\n{WORD}"))
    assert len(html) < DISPLAY_LIMIT * 1.2
    assert _longest_run(re.sub(r"<[^>]*>", " ", html)) <= BREAK_EVERY
    assert "1,000,010 characters long" in html


def test_the_reader_shows_the_long_word_broken(qtbot) -> None:  # noqa: ANN001
    reader = ArticleReader()
    qtbot.addWidget(reader)
    reader.resize(600, 400)
    reader.show()
    reader.set_article(_view(f"{WORD[:5000]}\n{WORD}\nShort tail."))
    shown = reader.toPlainText()
    assert len(shown) < DISPLAY_LIMIT * 1.1 and _longest_run(shown) <= BREAK_EVERY
    assert shown.replace("\u200b", "").count("x") >= DISPLAY_LIMIT // 2  # the start is there
    assert "the reader shows the first" in shown


def test_ordinary_text_is_unchanged(qtbot) -> None:  # noqa: ANN001
    reader = ArticleReader()
    qtbot.addWidget(reader)
    reader.set_article(_view("Title\nThe U.S. said https://example.org/a-long-but-normal-url."))
    assert "\u200b" not in reader.toPlainText()


def test_entity_page_shortens_a_huge_evidence_sentence() -> None:
    from desktop.ui.detail.html import EXCERPT_LIMIT, esc_excerpt

    shown = esc_excerpt("Economy said " + WORD)
    assert len(shown) < EXCERPT_LIMIT * 1.1 and shown.endswith("…")
    assert _longest_run(shown) <= BREAK_EVERY
    assert esc_excerpt("Economy said <b>no</b>.") == "Economy said &lt;b&gt;no&lt;/b&gt;."
