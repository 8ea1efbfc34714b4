"""Revision 0004el: article metadata columns, and older imports' body offsets moved onto the
stored text (they were measured in the file as read, one line off per blank line after the
title). On both back ends, through a real downgrade and upgrade."""

from __future__ import annotations

from sqlalchemy import text

from desktop.store import migrate
from desktop.store.db import Library


def test_upgrade_moves_old_offsets_onto_the_stored_text(db_url: str) -> None:
    lib = Library.open(db_url)
    migrate.downgrade(lib.engine, "0003")
    title, body = "Old headline", "Economy said so.\nBIS agreed."
    with lib.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO item (id, kind, name, version, created_at, updated_at) VALUES (1, 'article', :t, 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
            ),
            {"t": title},
        )
        conn.execute(
            text(
                "INSERT INTO item (id, kind, name, version, created_at, updated_at) VALUES (2, 'person', 'Economy', 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
            )
        )
        # the file was "Old headline\n\nEconomy said so.\nBIS agreed.": the body started at 14
        conn.execute(
            text(
                "INSERT INTO article (item_id, body, title_line, reviewed, placeholder) "
                "VALUES (1, :b, 14, TRUE, FALSE)"
            ),
            {"b": body},
        )
        conn.execute(
            text("INSERT INTO link (id, source_id, target_id, kind, label, status, origin, "
                 "created_at) VALUES (1, 1, 2, 'mentions', '', 'suggested', 'extract', "
                 "CURRENT_TIMESTAMP)")
        )  # fmt: skip
        conn.execute(
            text('INSERT INTO evidence (link_id, article_id, start, "end", sentence) '
                 "VALUES (1, 1, 14, 21, 'Economy said so.'), (1, 1, 0, 3, 'Old headline')")
        )  # fmt: skip
    lib.close()
    lib = Library.open(db_url)  # opening migrates to the head
    try:
        with lib.engine.connect() as conn:
            spans = conn.execute(text('SELECT start, "end" FROM evidence ORDER BY start')).all()
            line = conn.execute(text("SELECT title_line, outlet FROM article")).one()
        stored = f"{title}\n{body}"
        assert [stored[s:e] for s, e in spans] == ["Old", "Economy"]
        assert tuple(line) == (len(title) + 1, None)
        assert migrate.current_and_head(lib.engine)[0] == migrate.head_revision()
    finally:
        lib.close()
