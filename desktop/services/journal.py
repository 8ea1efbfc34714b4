"""A precise record of what a structural edit did, and its exact inverse.

Merge, split alias and delete used to capture every row near the entities and, on undo,
delete both entities and put the captured rows back: whatever was written since (an import's
mentions of the kept entity, a note, a hand-drawn link) went with the cascade. Instead each
edit now writes through a ``Journal`` that records, in the same write transaction, exactly
which rows it inserted, updated (the fields and their values before and after) and deleted
(their whole before-image). Undo walks the record backwards and touches only those rows, so
later work stays. When later work makes the exact inverse impossible (a row to restore now
clashes, a row the edit created has been used since), undo raises ``UndoConflict`` and the
transaction rolls back: nothing changes.

A deleted row whose id was taken since (SQLite and the import reuse the highest ids) comes
back under a new id; rows restored after it follow the new id.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, and_, delete, func, insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError
from sqlmodel import col

from desktop.store import dialect
from desktop.store.models import (
    ARTICLE,
    Alias,
    CaseFile,
    CaseItem,
    Entity,
    Evidence,
    Item,
    Link,
    table_of,
)

Row = dict[str, Any]

TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        table_of(Item),
        table_of(Entity),
        table_of(Alias),
        table_of(Link),
        table_of(Evidence),
        table_of(CaseItem),
        table_of(CaseFile),
    )
}
#: each table's key column
KEY = {"item": "id", "entity": "item_id", "alias": "id", "link": "id", "evidence": "id",
       "case_item": "id", "case_file": "id"}  # fmt: skip
#: columns naming another row: (table, column) -> the table they name
REFS = {
    ("entity", "item_id"): "item",
    ("alias", "entity_id"): "item",
    ("link", "source_id"): "item",
    ("link", "target_id"): "item",
    ("evidence", "link_id"): "link",
    ("evidence", "article_id"): "item",
    ("case_item", "item_id"): "item",
    ("case_item", "case_id"): "case_file",
}
#: rows that hang on a row (table -> [(table, column)]): a row the edit created can only be
#: taken away again when nothing written since hangs on it
DEPENDENTS: dict[str, list[tuple[str, str]]] = {}
for (_table, _column), _target in REFS.items():
    DEPENDENTS.setdefault(_target, []).append((_table, _column))

WHAT = {"item": "item", "entity": "entity", "alias": "alias", "link": "link",
        "evidence": "piece of evidence", "case_item": "case entry", "case_file": "case"}  # fmt: skip


class UndoConflict(ValueError):
    """Work done since the edit makes its exact undo impossible; nothing was changed."""


@dataclass(frozen=True, slots=True)
class Op:
    """One row change: ``insert`` (key), ``update`` (key, fields before/after) or ``delete``
    (the whole row before). A ``soft`` update is skipped on undo when the fields were changed
    again since (a bookkeeping value like an edit counter), instead of refusing the undo."""

    action: str
    table: str
    key: int
    before: Row | None = None
    after: Row | None = None
    soft: bool = False


class Journal:
    """Makes row changes on ``conn`` and records each one (inside the write transaction)."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.ops: list[Op] = []

    def insert(self, table: str, values: Row) -> int:
        t = TABLES[table]
        key = KEY[table]
        if key in values:
            self.conn.execute(insert(t).values(**values))
            new = int(values[key])
        else:
            new = int(
                self.conn.execute(insert(t).values(**values).returning(t.c[key])).scalar_one()
            )
        self.ops.append(Op("insert", table, new))
        return new

    def update(self, table: str, key: int, *, soft: bool = False, **values: Any) -> None:
        t = TABLES[table]
        cols = [t.c[name] for name in values]
        row = self.conn.execute(select(*cols).where(t.c[KEY[table]] == key)).one()
        before = dict(zip(values, row, strict=True))
        if before == values:
            return
        self.conn.execute(update(t).where(t.c[KEY[table]] == key).values(**values))
        self.ops.append(Op("update", table, key, before, dict(values), soft))

    def delete(self, table: str, *where: Any) -> list[Row]:
        """Deletes the rows matching ``where``, recording each before-image."""
        t = TABLES[table]
        rows = [dict(r._mapping) for r in self.conn.execute(select(t).where(*where))]
        for row in rows:
            self.ops.append(Op("delete", table, int(row[KEY[table]]), before=row))
        if rows:
            keys = [row[KEY[table]] for row in rows]
            self.conn.execute(delete(t).where(t.c[KEY[table]].in_(keys)))
        return rows


@dataclass(frozen=True, slots=True)
class EditRecord:
    """What an undoable structural edit did, in order."""

    ops: tuple[Op, ...]

    def items(self) -> set[int]:
        """Every item id the edit touched (for Changes and the search index)."""
        out: set[int] = set()
        for op in self.ops:
            rows = [r for r in (op.before, op.after) if r]
            if op.table == "item":
                out.add(op.key)
            for row in rows:
                for (table, column), target in REFS.items():
                    if table == op.table and target == "item" and row.get(column) is not None:
                        out.add(int(row[column]))
            if op.table in ("entity",):
                out.add(op.key)
        return out


class _Undo:
    """Applies the inverse of a record's ops, last first, in one transaction."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.moved: dict[tuple[str, int], int] = {}  # (table, old id) -> the id it came back as
        self.notes: set[tuple[int, int]] = set()  # (case, item) whose note index to redo

    def key(self, table: str, key: int) -> int:
        return self.moved.get((table, key), key)

    def mapped(self, table: str, row: Row) -> Row:
        out = dict(row)
        for (t, column), target in REFS.items():
            if t == table and out.get(column) is not None:
                out[column] = self.key(target, int(out[column]))
        if table == "entity":
            out["item_id"] = self.key("item", int(out["item_id"]))
        return out

    def exists(self, table: str, key: int) -> bool:
        t = TABLES[table]
        return (
            self.conn.execute(select(t.c[KEY[table]]).where(t.c[KEY[table]] == key)).first()
            is not None
        )

    def run(self, ops: Iterable[Op]) -> None:
        for op in reversed(list(ops)):
            getattr(self, f"_undo_{op.action}")(op)

    def _note(self, table: str, row: Row | None) -> None:
        if table == "case_item" and row is not None:
            self.notes.add((int(row["case_id"]), int(row["item_id"])))

    def _undo_insert(self, op: Op) -> None:
        t, key = TABLES[op.table], self.key(op.table, op.key)
        row = self.conn.execute(select(t).where(t.c[KEY[op.table]] == key)).first()
        if row is None:
            return  # removed since: nothing of it left to take back
        for table, column in DEPENDENTS.get(op.table, []):
            dt = TABLES[table]
            n = self.conn.execute(
                select(func.count()).select_from(dt).where(dt.c[column] == key)
            ).scalar_one()
            if n:
                raise UndoConflict(
                    f"Cannot undo: the {WHAT[op.table]} it created ({_label(row._mapping)}) has "
                    f"been used since ({n} {WHAT[table]}{'s' if n != 1 else ''} added). Nothing "
                    "was changed."
                )
        self._note(op.table, dict(row._mapping))
        self.conn.execute(delete(t).where(t.c[KEY[op.table]] == key))

    def _undo_update(self, op: Op) -> None:
        assert op.before is not None and op.after is not None
        t, key = TABLES[op.table], self.key(op.table, op.key)
        found = self.conn.execute(select(t).where(t.c[KEY[op.table]] == key)).first()
        full = dict(found._mapping) if found is not None else {}
        after = self.mapped(op.table, op.after)
        problem = (
            "deleted" if found is None
            else "changed again" if {k: full[k] for k in after} != after
            else ""
        )  # fmt: skip
        if problem:
            if op.soft:  # bookkeeping: later work wins
                return
            raise UndoConflict(
                f"Cannot undo: a {WHAT[op.table]} it changed has been {problem} since. Nothing "
                "was changed."
            )
        before = self.mapped(op.table, op.before)
        self._note(op.table, full)
        self.conn.execute(update(t).where(t.c[KEY[op.table]] == key).values(**before))
        self._note(op.table, {**full, **before})

    def _undo_delete(self, op: Op) -> None:
        assert op.before is not None
        table, key_col = op.table, KEY[op.table]
        row = self.mapped(table, op.before)
        for (rt, column), target in REFS.items():
            if rt == table and row.get(column) is not None and not self.exists(target, row[column]):
                raise UndoConflict(
                    f"Cannot undo: it would put back a {WHAT[table]} of a {WHAT[target]} that has "
                    "been deleted since. Nothing was changed."
                )
        if table != "entity" and self.exists(table, row[key_col]):  # its id was taken since
            values = {k: v for k, v in row.items() if k != key_col}
            new = self._insert(table, values, returning=True)
            self.moved[(table, op.key)] = new
        else:
            self._insert(table, row, returning=False)
        self._note(table, row)

    def _insert(self, table: str, values: Row, *, returning: bool) -> int:
        t = TABLES[table]
        stmt = insert(t).values(**values)
        try:  # a clash aborts the whole undo: the caller's transaction rolls back
            if returning:
                return int(self.conn.execute(stmt.returning(t.c[KEY[table]])).scalar_one())
            self.conn.execute(stmt)
            return int(values[KEY[table]])
        except IntegrityError as exc:
            raise UndoConflict(
                f"Cannot undo: the {WHAT[table]} it would put back ({_label(values)}) clashes "
                "with one made since. Nothing was changed."
            ) from exc

    def reindex(self, items: Iterable[int]) -> None:
        """The search index of the entities and notes the undo touched."""
        conn = self.conn
        for old in items:
            item_id = self.key("item", old)
            row = conn.execute(
                select(col(Item.kind), col(Item.name)).where(col(Item.id) == item_id)
            ).first()
            if row is None:
                dialect.unindex_entity(conn, item_id)
            elif row.kind != ARTICLE:
                index_entity(conn, item_id)
        for case_id, item_id in self.notes:
            dialect.unindex_note(conn, case_id, item_id)
            note = conn.execute(
                select(col(CaseItem.note)).where(
                    and_(col(CaseItem.case_id) == case_id, col(CaseItem.item_id) == item_id)
                )
            ).scalar()
            if note is not None:
                dialect.index_note(conn, case_id, item_id, note)


def _label(row: Any) -> str:
    for field in ("name", "title", "kind"):
        if field in row and row[field]:
            return str(row[field])
    return f"id {next(iter(row.values()), '?')}"


def index_entity(conn: Connection, entity_id: int) -> None:
    """The entity's search row from its current name and aliases."""
    name = conn.execute(select(col(Item.name)).where(col(Item.id) == entity_id)).scalar_one()
    aliases = [
        a
        for a in conn.execute(
            select(col(Alias.name))
            .where(col(Alias.entity_id) == entity_id)
            .order_by(col(Alias.name))
        ).scalars()
        if a != name
    ]
    dialect.index_entity(conn, entity_id, name, aliases)


def undo_record(conn: Connection, record: EditRecord) -> dict[tuple[str, int], int]:
    """The exact inverse of ``record`` (UndoConflict, and a rollback by the caller, when
    impossible). Returns the rows that came back under a new id."""
    undo = _Undo(conn)
    undo.run(record.ops)
    undo.reindex(record.items())
    return undo.moved
