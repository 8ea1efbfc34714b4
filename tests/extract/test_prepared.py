"""The import's worker reads the extraction as tuples (``extract_assembled``), not through
``extract()``'s dataclasses: both must say the same, and every evidence sentence must be the
one the reading view gives (a hard-wrapped sentence whole, on one line)."""

from __future__ import annotations

from pathlib import Path

from desktop.extract import extract, parse
from desktop.extract.sentences import ViewSentences
from desktop.extract.textview import TextView
from desktop.services.prepare import PreparedArticle, Span, prepare_file
from desktop.store.text import sentence_text

DATA = Path(__file__).resolve().parents[1] / "data" / "extract"
SAMPLE = Path(__file__).resolve().parents[1] / "data" / "samples"


def _articles() -> list[Path]:
    paths = sorted(DATA.glob("*.txt")) + sorted(SAMPLE.glob("*.txt"))
    assert len(paths) >= 7
    return paths


def _sentence(text: str, offset: int) -> str:
    return ViewSentences(TextView(text)).sentence(offset)[2]


def _stored(prepared: PreparedArticle, span: Span) -> str:
    """The sentence a stored span reads back: its copy, else the body's span."""
    return sentence_text(span[4], span[2], span[3], prepared.body)


def test_prepared_article_matches_extract() -> None:
    for path in _articles():
        text = path.read_text(encoding="utf-8")
        parsed = parse(text, path.name)
        x = extract(parsed.text, own_ref=parsed.ref)
        prepared = prepare_file(path)
        assert isinstance(prepared, PreparedArticle), prepared
        assert len(prepared.entities) == len(x.entities)
        for (kind, name, role, affiliation, names, spans), ent in zip(
            prepared.entities, x.entities, strict=True
        ):
            assert (kind, name, role, affiliation) == (
                ent.kind,
                ent.name,
                ent.role,
                ent.affiliation,
            )
            assert [n for n, _ in names] == [ent.name, *ent.aliases]
            assert [sp[:2] for sp in spans] == [(m.start, m.end) for m in ent.mentions]
            for sp in spans:
                assert _stored(prepared, sp) == _sentence(parsed.text, sp[0])
        assert [(*link[:3], *link[3][:2]) for link in prepared.links] == [
            (k.kind, k.source, k.target, k.start, k.end) for k in x.links
        ]
        assert [_stored(prepared, link[3]) for link in prepared.links] == [
            k.sentence.strip() for k in x.links
        ]
        cited = [(ref, sp[0], sp[1]) for ref, spans in prepared.citations for sp in spans]
        assert sorted(cited, key=lambda c: c[1]) == [(c.ref, c.start, c.end) for c in x.citations]
        for _, spans in prepared.citations:
            for sp in spans:
                assert _stored(prepared, sp) == _sentence(parsed.text, sp[0])
