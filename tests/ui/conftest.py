"""GUI test fixtures: fresh QSettings in a temp folder, and a small library built with the ORM
(articles with highlighted mentions, people, organizations, a link with evidence, a case)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QCoreApplication, QSettings

from desktop.store import dialect
from desktop.store.db import Library
from desktop.store.models import (
    AFFILIATED_WITH,
    CITES,
    MENTIONS,
    Alias,
    Article,
    CaseFile,
    CaseItem,
    Entity,
    Evidence,
    Item,
    Link,
)
from desktop.store.text import normalize_name


@pytest.fixture(autouse=True)
def fresh_settings(tmp_path_factory: pytest.TempPathFactory, qapp) -> Iterator[Path]:  # noqa: ANN001
    """Every test starts from the defaults; the user's real settings are never touched."""
    folder = tmp_path_factory.mktemp("qsettings")
    QCoreApplication.setOrganizationName("CasefileTests")
    QCoreApplication.setApplicationName("Casefile")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    palette, sheet = qapp.palette(), qapp.styleSheet()
    yield folder
    if qapp.styleSheet() != sheet:  # View › Theme (or make_application) ran: the next
        qapp.setStyleSheet(sheet)  # test starts from the same look
    if qapp.palette() != palette:
        qapp.setPalette(palette)


@dataclass
class Built:
    """Ids of what ``build_library`` stored, for assertions."""

    articles: dict[str, int] = field(default_factory=dict)
    entities: dict[str, int] = field(default_factory=dict)
    case_id: int = 0


def add_article(
    session, title: str, body: str, *, ref: str | None = None, published: date | None = None,
    reviewed: bool = True, placeholder: bool = False,
) -> int:  # fmt: skip
    item = Item(kind="article", name=title)
    session.add(item)
    session.flush()
    session.add(
        Article(
            item_id=item.id, ref=ref, body=body, published=published, reviewed=reviewed,
            placeholder=placeholder, source_file=None if placeholder else f"{title[:12]}.txt",
            content_hash=None if placeholder else f"hash-{item.id}", title_line=len(title) + 1,
        )
    )  # fmt: skip
    if not placeholder:
        dialect.index_article(session.connection(), item.id, title, body)
    return int(item.id)


def add_entity(session, kind: str, name: str, *, role=None, affiliation=None, aliases=()) -> int:  # noqa: ANN001
    item = Item(kind=kind, name=name)
    session.add(item)
    session.flush()
    session.add(Entity(item_id=item.id, role=role, affiliation=affiliation))
    for alias in (name, *aliases):
        session.add(Alias(entity_id=item.id, name=alias, norm=normalize_name(alias)))
    return int(item.id)


def mention(
    session, article_id: int, text: str, entity_id: int, phrase: str, status="suggested"
) -> None:  # noqa: ANN001
    """A mentions link with evidence at every occurrence of ``phrase`` in ``text``."""
    link = Link(source_id=article_id, target_id=entity_id, kind=MENTIONS, status=status)
    session.add(link)
    session.flush()
    start = text.find(phrase)
    while start >= 0:
        session.add(
            Evidence(link_id=link.id, article_id=article_id, start=start,
                     end=start + len(phrase), sentence=text)
        )  # fmt: skip
        start = text.find(phrase, start + 1)


def build_library(library: Library, *, body: str | None = None, title: str | None = None) -> Built:
    built = Built()
    title = title or "Allies weigh export controls"
    body = body or (
        "Elizabeth Economy, a senior adviser at the Department of Commerce, spoke in Seoul.\n"
        "South Korea wants more coordination (see 2210270047)."
    )
    text = f"{title}\n{body}"
    with library.write() as s:
        a1 = add_article(s, title, body, ref="2212010012", published=date(2022, 12, 1))
        a2 = add_article(s, "Older news on chips", "Commerce issued rules.", ref="2210070049",
                         published=date(2022, 10, 7), reviewed=False)  # fmt: skip
        cited = add_article(s, "Article 2210270047 (cited, not yet imported)", "",
                            ref="2210270047", published=date(2022, 10, 27), placeholder=True)  # fmt: skip
        person = add_entity(s, "person", "Elizabeth Economy", role="senior adviser",
                            affiliation="Department of Commerce")  # fmt: skip
        org = add_entity(s, "organization", "Department of Commerce", aliases=("Commerce",))
        country = add_entity(s, "country", "South Korea")
        mention(s, a1, text, person, "Elizabeth Economy", status="confirmed")
        mention(s, a1, text, org, "Department of Commerce")
        mention(s, a1, text, country, "South Korea")
        link = Link(source_id=person, target_id=org, kind=AFFILIATED_WITH)
        s.add(link)
        s.flush()
        sentence = body.split("\n")[0]
        s.add(Evidence(link_id=link.id, article_id=a1, start=0, end=10, sentence=sentence))
        s.add(Link(source_id=a1, target_id=cited, kind=CITES))
        case = CaseFile(title="Korea coordination", summary="Does Seoul want a say?")
        s.add(case)
        s.flush()
        s.add(CaseItem(case_id=case.id, item_id=a1, position=1, note="Key quote"))
        s.add(CaseItem(case_id=case.id, item_id=person, position=2))
        built.articles = {"main": a1, "older": a2, "cited": cited}
        built.entities = {"person": person, "org": org, "country": country}
        built.case_id = int(case.id)
    return built


DATED_ARTICLES = {  # key: (title, body, published)
    "oct": ("Brief on Entity List chips", "The Department of Commerce listed chip firms.",
            date(2022, 10, 7)),
    "nov": ("Seoul weighs chip talks", "Gina Raimondo met Seoul officials on chips.",
            date(2022, 11, 30)),
    "jan": ("Dutch chip tool rules near", "Japan and the Department of Commerce agree on chips.",
            date(2023, 1, 27)),
    "none": ("Undated chip memo", "A memo on chips with no date.", None),
}  # fmt: skip


def build_dated(library: Library) -> dict[str, int]:
    """Four articles (one undated) and three entities; a case holding three of the articles
    and the entities: Commerce is mentioned in October inside the case and in January outside
    it, Raimondo in November, Japan only outside the case."""
    ids: dict[str, int] = {}
    with library.write() as s:
        for key, (title, body, published) in DATED_ARTICLES.items():
            ids[key] = add_article(s, title, body, published=published)
        ids["commerce"] = add_entity(s, "organization", "Department of Commerce")
        ids["raimondo"] = add_entity(s, "person", "Gina Raimondo")
        ids["japan"] = add_entity(s, "country", "Japan")
        for key, entity, phrase in (("oct", "commerce", "Department of Commerce"),
                                    ("jan", "commerce", "Department of Commerce"),
                                    ("nov", "raimondo", "Gina Raimondo"),
                                    ("jan", "japan", "Japan")):  # fmt: skip
            title, body, _ = DATED_ARTICLES[key]
            mention(s, ids[key], f"{title}\n{body}", ids[entity], phrase)
        case = CaseFile(title="Chip tools")
        s.add(case)
        s.flush()
        ids["case"] = int(case.id)
        for n, key in enumerate(("japan", "none", "nov", "commerce", "oct", "raimondo")):
            s.add(CaseItem(case_id=case.id, item_id=ids[key], position=n))
    return ids


@pytest.fixture
def builders() -> SimpleNamespace:
    """The data helpers, for tests that build their own library contents."""
    return SimpleNamespace(
        add_entity=add_entity, add_article=add_article, build_library=build_library
    )


@pytest.fixture
def built(library: Library) -> Built:
    return build_library(library)


@pytest.fixture
def window(qtbot, library: Library):  # noqa: ANN001
    from desktop.ui.main_window import MainWindow

    win = MainWindow(library)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.writes.cancel_all()
    win.writes.wait()
