"""Case bundles: export from one library, import into another without duplicates; refuse bad ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlmodel import func, select

from desktop.services import bundle, bundle_check, export, prepare
from desktop.services.importer import import_paths
from desktop.services.report import build_report
from desktop.store.db import Library, resolve_db_url
from desktop.store.models import Article, CaseFile, CaseItem, Evidence, Item, Link
from desktop.store.text import content_hash
from tests.services.test_report import SAMPLE_TITLE, Builder, make_case


@pytest.fixture
def other(tmp_path: Path):
    lib = Library.open(resolve_db_url(tmp_path / "other.casefile"))
    yield lib
    lib.close()


def _export(library: Library, case_id: int, path: Path) -> Path:
    export.export_case(library=library, case_id=case_id, fmt="json", path=path)
    return path


def _count(library: Library, model, *where) -> int:  # type: ignore[no-untyped-def]
    with library.session() as s:
        return int(s.exec(select(func.count()).select_from(model).where(*where)).one())


def test_round_trip_matches_existing_entities_and_articles(
    library: Library, other: Library, tmp_path: Path
) -> None:
    ids = make_case(library)
    path = _export(library, ids["case"], tmp_path / "case.json")
    # The other library already knows Economy (under her name), Commerce (only by an alias of
    # the exporting library's entity) and the sample article (same content hash).
    b = Builder(other)
    economy = b.entity("person", "Elizabeth Economy")
    commerce = b.entity("organization", "U.S. Department of Commerce", "DOC")
    with library.session() as s:
        # identity is the hash of the text (the Builder's stored hashes are stand-ins)
        art = s.get(Article, ids["sample"])
        sample_hash = content_hash(f"{SAMPLE_TITLE}\n{art.body}")  # type: ignore[union-attr]
    sample = b.article(SAMPLE_TITLE, "already here", ref="2211300031")
    with other.write() as s:
        s.get(Article, sample).content_hash = sample_hash  # type: ignore[union-attr]

    done = bundle.import_bundle(library=other, path=path)

    case_id = done.value
    assert case_id in done.changes.cases
    assert _count(other, Item, Item.name == "Elizabeth Economy") == 1
    assert _count(other, Item, Item.kind == "organization", Item.name.like("%Commerce%")) == 1
    assert _count(other, Article, Article.ref == "2211300031") == 1
    with other.session() as s:
        placed = set(s.exec(select(CaseItem.item_id).where(CaseItem.case_id == case_id)).all())
    assert {economy, commerce, sample} <= placed
    assert _count(other, Link, Link.source_id == economy, Link.target_id == commerce) == 1

    mine, theirs = (
        build_report(library=lib, case_id=c)
        for lib, c in ((library, ids["case"]), (other, case_id))
    )
    assert theirs.summary == mine.summary
    people = {e.name: e.note for e in theirs.entities["people"]}
    assert people["Elizabeth Economy"] == "Most quotable official on the Korea angle."
    assert people == {e.name: e.note for e in mine.entities["people"]}
    assert {e.name for e in theirs.entities["organizations"]} == {
        "Wilson Center",
        "U.S. Department of Commerce",
    }
    assert theirs.entities["groups"][0].members == ("South Korea", "United States")
    # an article ID travels when the text carries it (or the library had the article): the
    # bundle's own "ref" field is not identity (issue 14, item 5)
    assert [a.ref for a in theirs.articles] == ["2211300031", None]
    assert [m.ref for m in theirs.missing] == ["2210270047"]
    relations = {(e.subject, e.relation, e.object, e.confirmed) for e in theirs.relations}
    assert (
        "Elizabeth Economy",
        "is affiliated with",
        "U.S. Department of Commerce",
        True,
    ) in relations
    with other.session() as s:  # the analyst's rejection travels too
        statuses = set(s.exec(select(Link.status).where(Link.kind == "related_to")).all())
    assert statuses == {"rejected"}


def test_importing_twice_adds_a_second_case_and_nothing_else(
    library: Library, other: Library, tmp_path: Path
) -> None:
    ids = make_case(library)
    path = _export(library, ids["case"], tmp_path / "case.json")
    first = bundle.import_bundle(library=other, path=path).value
    counts = [_count(other, m) for m in (Item, Link, Evidence)]
    second = bundle.import_bundle(library=other, path=path).value
    assert [_count(other, m) for m in (Item, Link, Evidence)] == counts
    with other.session() as s:
        titles = [s.get(CaseFile, c).title for c in (first, second)]  # type: ignore[union-attr]
    assert titles == ["ROK coordination", "ROK coordination (imported)"]


def test_a_placeholder_is_filled_by_the_full_article(
    library: Library, other: Library, tmp_path: Path
) -> None:
    ids = make_case(library)
    Builder(other).article("Article 2211090020 (cited)", ref="2211090020", placeholder=True)
    # the bundle's "ref" field alone does not fill the placeholder: identity is the text's
    bundle.import_bundle(library=other, path=_export(library, ids["case"], tmp_path / "c.json"))
    with other.session() as s:
        assert s.exec(select(Article).where(Article.ref == "2211090020")).one().placeholder
    with library.write() as s:  # an article whose text carries its ID, as a file's would
        art = s.exec(select(Article).where(Article.ref == "2211090020")).one()
        art.body = f"Article ID: 2211090020\n{art.body}"
    bundle.import_bundle(library=other, path=_export(library, ids["case"], tmp_path / "d.json"))
    with other.session() as s:
        art = s.exec(select(Article).where(Article.ref == "2211090020")).one()
        assert not art.placeholder and "working group" in art.body


def test_file_names_in_a_bundle_are_only_labels(library: Library, tmp_path: Path) -> None:
    doc = _minimal()
    doc["items"][0]["source"] = "../../../etc/passwd"
    path = tmp_path / "evil.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    bundle.import_bundle(library=library, path=path)
    with library.session() as s:
        assert s.exec(select(Article.source_file)).one() == "passwd"


def _minimal() -> dict:
    return {
        "format": bundle_check.FORMAT,
        "version": 1,
        "case": {"title": "Tiny", "status": "open", "summary": ""},
        "items": [
            {
                "id": 1,
                "kind": "article",
                "name": "A title",
                "ref": "2301010001",
                "published": "2023-01-01",
                "body": "Some text.",
                "content_hash": None,
                "placeholder": False,
                "source": None,
            },
            {
                "id": 2,
                "kind": "person",
                "name": "Jane Doe",
                "aliases": [],
                "role": None,
                "affiliation": None,
                "description": None,
            },
        ],
        "case_items": [{"item": 2, "position": 1, "pinned": False, "note": "n"}],
        "links": [
            {
                "source": 1,
                "target": 2,
                "kind": "mentions",
                "label": "",
                "status": "suggested",
                "origin": "extract",
                "note": None,
                "evidence": [{"article": 1, "start": 0, "end": 4, "sentence": "Some text."}],
            }
        ],
    }


def _break(path: str, value: object) -> dict:
    doc = _minimal()
    *parents, last = path.split(".")
    target: object = doc
    for part in parents:
        target = target[int(part)] if isinstance(target, list) else target[part]  # type: ignore[index]
    if value is KeyError:
        del target[last]  # type: ignore[union-attr]
    else:
        target[int(last) if isinstance(target, list) else last] = value  # type: ignore[index]
    return doc


@pytest.mark.parametrize(
    ("doc", "message"),
    [
        (_break("format", "something-else"), "format"),
        (_break("version", 99), "newer Casefile"),
        (_break("version", "1"), "version"),
        (_break("case.title", "  "), "case.title"),
        (_break("case.status", "archived"), "case.status"),
        (_break("items.0.name", 42), r"items\[0\]\.name"),
        (_break("items.0.ref", "12345"), r"items\[0\]\.ref"),
        (_break("items.0.published", "yesterday"), r"items\[0\]\.published"),
        (_break("items.1.kind", "alien"), r"items\[1\]\.kind"),
        (_break("items.1.name", "x" * 5000), "longer than"),
        (_break("items.1.id", 1), "repeats id"),
        (_break("items.1.shoe_size", 44), "shoe_size"),
        (_break("case_items.0.item", 7), r"case_items\[0\]\.item"),
        (_break("case_items.0.pinned", "yes"), "pinned"),
        (_break("links.0.kind", "loves"), r"links\[0\]\.kind"),
        (_break("links.0.evidence.0.article", 2), "names no article"),
        (_break("links.0.evidence.0.end", -1), "end"),
        (_break("items", KeyError), "items"),
        (["not", "an", "object"], "must be an object"),
    ],
)
def test_malformed_bundles_are_refused_naming_the_field(
    library: Library, tmp_path: Path, doc: object, message: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        bundle.import_bundle(library=library, path=path)
    assert _count(library, CaseFile) == 0 and _count(library, Item) == 0


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"{not json", "not JSON"),
        (b"\xff\xfe\x00", "UTF-8"),
        (b'{"format": 1, "format": 2}', "repeats a key"),
        (b'{"x": NaN}', "NaN"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply|not JSON"),
    ],
)
def test_files_that_are_not_json_are_refused(
    library: Library, tmp_path: Path, raw: bytes, message: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(raw)
    with pytest.raises(ValueError, match=message):
        bundle.import_bundle(library=library, path=path)


def test_the_import_service_takes_bundles(library: Library, other: Library, tmp_path: Path) -> None:
    importer = pytest.importorskip("desktop.services.importer")
    ids = make_case(library)
    path = _export(library, ids["case"], tmp_path / "case.json")
    report = importer.import_paths(library=other, paths=[path])
    assert not report.failed and report.changes.cases
    # one duplicate key for both (the import's is computed where files are prepared)
    assert bundle.content_hash is prepare.content_hash


def test_a_bundle_cannot_plant_a_body_under_a_genuine_articles_identity(
    library: Library, tmp_path: Path
) -> None:
    genuine = Path(__file__).resolve().parents[1] / "data" / "bundle" / "2303030012.txt"
    text = genuine.read_text(encoding="utf-8")
    doc = _minimal()
    forged = doc["items"][0]
    forged.update(name=text.splitlines()[0], body="Fabricated: the firms were cleared.",
                  ref="2303030012", content_hash=content_hash(text.strip()))  # fmt: skip
    path = tmp_path / "forged.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    bundle.import_bundle(library=library, path=path)
    with library.session() as s:
        planted = s.exec(select(Article).where(Article.body.like("Fabricated%"))).one()  # type: ignore[attr-defined]
        assert planted.ref is None and planted.content_hash != content_hash(text.strip())

    report = import_paths(library=library, paths=[genuine])
    assert (report.imported, report.duplicates) == (1, 0)
    with library.session() as s:
        stored = s.exec(select(Article).where(Article.ref == "2303030012")).one()
        assert "28 Chinese companies" in stored.body
