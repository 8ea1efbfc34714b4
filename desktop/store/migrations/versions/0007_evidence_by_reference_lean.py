"""Evidence by reference (issue 22): an evidence row says where its sentence is in the
article's body instead of keeping a copy of it.

``evidence`` gains ``sent_start`` and ``sent_end`` (offsets in the article's *body*, which an
edit of the title cannot shift) and its ``sentence`` column becomes nullable: it keeps a copy
only where the body cannot give the sentence back (the analyst's own words, a case bundle's
quote, a sentence in the title line). Existing rows are converted article by article: the
sentence is found again in the stored text (title line, newline, body) with the extraction's
sentence finder, and the copy is dropped only when the body reads back to exactly the stored
sentence (``desktop.store.text.sentence_ref``); every other row keeps its copy. So every
evidence sentence reads back the same before and after. The library is backed up before any
migration runs (``Library._migrate``).

Revision ID: 0006_lean
Revises: 0005_watch2
"""

from collections.abc import Iterator, Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0006_lean"
down_revision = "0005_watch2"
branch_labels = None
depends_on = None

#: articles converted per round trip (bounds memory on a library of a million articles)
_CHUNK = 200


def _chunks(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    for i in range(0, len(ids), _CHUNK):
        yield ids[i : i + _CHUNK]


def _articles(conn: sa.Connection) -> list[int]:
    return [
        int(r[0])
        for r in conn.execute(sa.text("SELECT DISTINCT article_id FROM evidence ORDER BY 1"))
    ]


def _texts(conn: sa.Connection, ids: Sequence[int]) -> dict[int, tuple[str, str]]:
    rows = conn.execute(
        sa.text(
            "SELECT a.item_id, i.name, a.body FROM article a JOIN item i ON i.id = a.item_id "
            "WHERE a.item_id IN :ids"
        ).bindparams(sa.bindparam("ids", expanding=True)),
        {"ids": list(ids)},
    )
    return {int(r[0]): (r[1] or "", r[2] or "") for r in rows}


def upgrade() -> None:
    # imported here: the extraction's sentence finder is only needed to convert old rows
    from desktop.extract.sentences import ViewSentences
    from desktop.extract.textview import TextView
    from desktop.store.text import sentence_ref

    with op.batch_alter_table("evidence") as batch:
        batch.add_column(sa.Column("sent_start", sa.Integer, nullable=True))
        batch.add_column(sa.Column("sent_end", sa.Integer, nullable=True))
        batch.alter_column("sentence", existing_type=sa.Text, nullable=True)
    conn = op.get_bind()
    update = sa.text(
        "UPDATE evidence SET sent_start = :s, sent_end = :e, sentence = NULL WHERE id = :id"
    )
    for ids in _chunks(_articles(conn)):
        texts = _texts(conn, ids)
        rows = conn.execute(
            sa.text(
                'SELECT id, article_id, start, "end", sentence FROM evidence '
                "WHERE article_id IN :ids AND sentence IS NOT NULL"
            ).bindparams(sa.bindparam("ids", expanding=True)),
            {"ids": list(ids)},
        ).all()
        found: list[dict[str, Any]] = []
        finders: dict[int, Any] = {}
        for ev_id, article_id, start, end, sentence in rows:
            if article_id not in texts:
                continue
            title, body = texts[article_id]
            if not body:
                continue
            body_at = len(title) + 1
            s, e, quote = sentence_ref(body, body_at, start, end, sentence)  # a whole sentence
            if quote is not None and 0 <= start < body_at + len(body):
                finder = finders.get(article_id)
                if finder is None:
                    finder = finders[article_id] = ViewSentences(TextView(f"{title}\n{body}"))
                ss, se, words = finder.sentence(start)
                if words == sentence:
                    s, e, quote = sentence_ref(body, body_at, ss, se, sentence)
            if quote is None:
                found.append({"s": s, "e": e, "id": ev_id})
        if found:
            conn.execute(update, found)


def downgrade() -> None:
    from desktop.store.text import reader_words

    conn = op.get_bind()
    for ids in _chunks(_articles(conn)):
        texts = _texts(conn, ids)
        rows = conn.execute(
            sa.text(
                "SELECT id, article_id, sent_start, sent_end FROM evidence "
                "WHERE article_id IN :ids AND sentence IS NULL"
            ).bindparams(sa.bindparam("ids", expanding=True)),
            {"ids": list(ids)},
        ).all()
        copies = [
            {
                "q": reader_words(texts.get(a, ("", ""))[1][s or 0 : e or 0]),
                "id": ev_id,
            }
            for ev_id, a, s, e in rows
        ]
        if copies:
            conn.execute(sa.text("UPDATE evidence SET sentence = :q WHERE id = :id"), copies)
    conn.execute(sa.text("UPDATE evidence SET sentence = '' WHERE sentence IS NULL"))
    with op.batch_alter_table("evidence") as batch:
        batch.alter_column("sentence", existing_type=sa.Text, nullable=False)
        batch.drop_column("sent_end")
        batch.drop_column("sent_start")
