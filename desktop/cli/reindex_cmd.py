"""`casefile reindex`: rebuild the search index from the library and check it agrees."""

from __future__ import annotations

import argparse

from desktop.cli.common import EXIT_OK, EXIT_PARTIAL, emit, open_library


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    r = sub.add_parser(
        "reindex", parents=[common], help="rebuild the search index from the library"
    )
    r.set_defaults(handler=run_reindex)


def run_reindex(args: argparse.Namespace) -> int:
    from desktop.services.search import index_consistent, index_stats, reindex

    with open_library(args) as library:
        reindex(library=library)
        ok = index_consistent(library=library)
        with library.session() as session:
            stats = index_stats(session=session)
    index_bytes = {k: v for k, v in stats.sizes.items() if k != "database"}
    doc = {
        "articles": stats.articles,
        "entities": stats.entities,
        "notes": stats.notes,
        "index_bytes": index_bytes,
        "database_bytes": stats.sizes.get("database", 0),
        "consistent": ok,
    }
    index_mib = sum(index_bytes.values()) / 2**20
    emit(
        args,
        doc,
        lambda: (
            f"Search index rebuilt: {stats.articles} articles, {stats.entities} entities, "
            f"{stats.notes} notes ({index_mib:.1f} MiB)."
            + ("" if ok else "\nThe index still disagrees with the library; please report this.")
        ),
    )
    return EXIT_OK if ok else EXIT_PARTIAL
