"""Possible-duplicate suggestions during one import: names created earlier in the same batch
are candidates too (they used to be missing when the candidate list was first read from the
library in the middle of the batch, before the batch's own rows were written)."""

from __future__ import annotations

from pathlib import Path

from desktop.services import library as lib_service
from desktop.services.batch_store import BatchStore
from desktop.services.importer import import_paths
from desktop.services.prepare import PreparedArticle, prepare_file
from desktop.store import dialect
from desktop.store.db import Library


def _duplicates(library: Library, name: str) -> set[frozenset[str]]:
    with library.session() as session:
        item = lib_service.resolve_item(session, name)
        page = lib_service.get_entity(session, item.id)
        return {
            frozenset((lk.source.name, lk.target.name))
            for lk in page.links
            if lk.label == "possibly the same as"
        }


def test_a_one_word_name_from_the_same_batch_is_a_duplicate_candidate(
    library: Library, tmp_path: Path
) -> None:
    first = tmp_path / "a.txt"
    first.write_text(
        "Talks to continue\nAmbassador Wickramasinghe said the talks would go on.\n",
        encoding="utf-8",
    )
    second = tmp_path / "b.txt"
    second.write_text(
        "Talks Resume\nJ. Wickramasinghe said the review had started.\n", encoding="utf-8"
    )
    prepared = [prepare_file(first), prepare_file(second)]
    assert all(isinstance(p, PreparedArticle) for p in prepared)
    with library.write() as session:  # one batch, as the import stores it
        result = BatchStore().store(dialect.raw_cursor(session.connection()), prepared)  # type: ignore[arg-type]
    assert len(result.stored) == 2
    assert _duplicates(library, "J. Wickramasinghe") == {
        frozenset(("J. Wickramasinghe", "Wickramasinghe"))
    }


def test_the_same_names_in_two_imports_are_suggested_alike(
    library: Library, tmp_path: Path
) -> None:
    """The reference behaviour: the one-word name already stored by an earlier import."""
    first = tmp_path / "a.txt"
    first.write_text(
        "Talks to continue\nAmbassador Wickramasinghe said the talks would go on.\n",
        encoding="utf-8",
    )
    second = tmp_path / "b.txt"
    second.write_text(
        "Talks Resume\nJ. Wickramasinghe said the review had started.\n", encoding="utf-8"
    )
    import_paths(library=library, paths=[first], workers=0)
    import_paths(library=library, paths=[second], workers=0)
    assert _duplicates(library, "J. Wickramasinghe") == {
        frozenset(("J. Wickramasinghe", "Wickramasinghe"))
    }
