"""`casefile never-suggest`: the library's list from the command line, honoured by
`casefile import` (issue 20)."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import col, select

from desktop.store.db import Library
from desktop.store.models import MENTIONS, Item, Link

NAME = "Bureau of Industry and Security"


def _mentioned(db_url: str) -> set[str]:
    lib = Library.open(db_url)
    try:
        with lib.session() as s:
            return set(
                s.exec(
                    select(Item.name)
                    .join(Link, col(Link.target_id) == col(Item.id))
                    .where(Link.kind == MENTIONS)
                ).all()
            )
    finally:
        lib.close()


def test_never_suggest_from_the_cli(cli, db_url: str, tmp_path: Path) -> None:  # noqa: ANN001
    assert cli("never-suggest", "--json")[1] == {"names": []}
    code, out, _ = cli("never-suggest", "add", "bureau of industry  and security", "--json")
    assert code == 0 and out == {"added": ["bureau of industry and security"]}
    assert "bureau of industry and security" in cli("never-suggest", "list")[1]
    article = tmp_path / "a.txt"
    article.write_text(
        "Chip talks\nThe Bureau of Industry and Security met the Ministry of Economy, Trade "
        "and Industry in Tokyo.\n",
        encoding="utf-8",
    )
    assert cli("import", str(article))[0] == 0
    mentioned = _mentioned(db_url)
    assert NAME not in mentioned and "Ministry of Economy, Trade and Industry" in mentioned
    code, out, _ = cli("never-suggest", "remove", NAME, "--json")
    assert code == 0 and out == {"removed": ["bureau of industry and security"]}
    assert cli("never-suggest", "--json")[1] == {"names": []}
