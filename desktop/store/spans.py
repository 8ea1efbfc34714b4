"""Packed evidence spans: one evidence row per (link, article) for the mentions of a name.

An entity mentioned three times in an article used to store three evidence rows that differed
only by their spans (the mention and its sentence in the body). Each row costs ~48 bytes of
table and two index entries before its own data, so the spans after the first of such a run
are packed into the first row instead: ``evidence.more_spans`` holds them and
``evidence.span_count`` says how many spans the row stands for (1 when ``more_spans`` is NULL).
SQL counts evidence as ``sum(span_count)``; everything else reads a row's spans through
:func:`unpack` (or :meth:`desktop.store.models.Evidence.pieces`), in the order they were
found, so every sentence, highlight and count reads as before.

Only spans whose sentence is read back from the body (no copied ``sentence``) are packed, and
only consecutive ones: a span with a copy (the analyst's words, a bundle's quote, a sentence
in the title line) keeps a row of its own, so rows read in id order give the spans in the
order they were stored.

Encoding (portable: ``bytea`` on PostgreSQL, a BLOB on SQLite): per extra span four
zig-zag LEB128 varints, each relative to the span before it: start - previous start,
end - start, sentence start - previous sentence start, sentence end - previous sentence end.
Consecutive mentions are close and often share a sentence, so an extra span takes ~6 bytes
(against ~100 for a row of its own with its two index entries).

The encoding is a stored format: libraries hold it and migration 0013 writes and reads it
through :func:`pack` and :func:`unpack`. Changing it needs a new format and a migration.
"""

from __future__ import annotations

from collections.abc import Sequence

#: (start, end, sentence start, sentence end) of one span; the sentence is in the body
Piece = tuple[int, int, int | None, int | None]
#: an evidence row's span columns as stored: start, end, sent_start, sent_end, sentence,
#: span_count, more_spans
PackedRow = tuple[int, int, int | None, int | None, str | None, int, bytes | None]

#: SQL for the number of pieces of evidence in a set of evidence rows
COUNT_SQL = "sum(span_count)"


def pack(first: Piece, rest: Sequence[Piece]) -> bytes | None:
    """The spans after ``first`` (each with its sentence in the body), packed; None if none."""
    if not rest:
        return None
    out = bytearray()
    put = out.append
    s0, _, ss0, se0 = first
    if ss0 is None or se0 is None:
        raise ValueError("only spans with a sentence in the body are packed")
    for s, e, ss, se in rest:
        if ss is None or se is None:
            raise ValueError("only spans with a sentence in the body are packed")
        for value in (s - s0, e - s, ss - ss0, se - se0):
            n = value * 2 if value >= 0 else -value * 2 - 1  # zig-zag: small either side of 0
            while n >= 0x80:
                put((n & 0x7F) | 0x80)
                n >>= 7
            put(n)
        s0, ss0, se0 = s, ss, se
    return bytes(out)


def unpack(first: Piece, more: bytes | None) -> list[Piece]:
    """Every span of an evidence row: its own, then the packed ones, in stored order."""
    if not more:
        return [first]
    out = [first]
    s0, _, ss0, se0 = first
    if ss0 is None or se0 is None:  # never packed so (see pack); a damaged value
        return out
    values: list[int] = []
    n = shift = 0
    for byte in more:
        n |= (byte & 0x7F) << shift
        if byte & 0x80:
            shift += 7
            continue
        values.append((n >> 1) ^ -(n & 1))
        n = shift = 0
    for i in range(0, len(values) - 3, 4):
        s = s0 + values[i]
        ss, se = ss0 + values[i + 2], se0 + values[i + 3]
        out.append((s, s + values[i + 1], ss, se))
        s0, ss0, se0 = s, ss, se
    return out


def packed_rows(
    spans: Sequence[tuple[int, int, int | None, int | None, str | None]],
) -> list[PackedRow]:
    """Evidence rows for one (link, article)'s spans in found order: each run of consecutive
    spans whose sentence is in the body becomes one row; a span with a copied sentence keeps
    its own."""
    if len(spans) == 1:  # the common case, kept cheap: the import calls this per link
        s, e, ss, se, quote = spans[0]
        return [(s, e, ss, se, quote, 1, None)]
    out: list[PackedRow] = []
    run: list[Piece] = []

    def flush() -> None:
        if run:
            s, e, ss, se = run[0]
            out.append((s, e, ss, se, None, len(run), pack(run[0], run[1:])))
            run.clear()

    for s, e, ss, se, quote in spans:
        if quote is None and ss is not None and se is not None:
            run.append((s, e, ss, se))
        else:
            flush()
            out.append((s, e, ss, se, quote, 1, None))
    flush()
    return out
