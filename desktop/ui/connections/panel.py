"""The Connections side panel: how the selected item connects, and why.

It answers for whatever is selected anywhere in the window (``set_item``), within the whole
library or the current case (``set_case``). Every read runs on the panel's own thread pool
with its own session and comes back by signal; the event loop never waits on SQL or layout.
A node click makes that item the selection everywhere (``sig_item_selected``) and re-centres
the graph smoothly, keeping the nodes that stay where they were. A double-click expands the
node in place (its neighbours join the picture, the centre stays); Enter and the context
menu's Open open an item. At two hops and more, look-alike outer items are drawn as groups
(``graph_groups``) that open on a click. Reset, or a new centre, forgets the expansions.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPoint,
    QStringListModel,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QSplitter,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services import graph
from desktop.services.changes import Changes
from desktop.services.graph_groups import grouped, is_group
from desktop.services.graph_layout import layout_graph
from desktop.services.graph_paths import GraphPath, find_paths, with_paths
from desktop.services.views import read
from desktop.ui import file_dialogs
from desktop.ui.bus import touches_library
from desktop.ui.connections import render, style
from desktop.ui.connections.legend import MOUSE_HINT, LegendWidget
from desktop.ui.connections.list_model import ItemIdRole, NeighbourListModel
from desktop.ui.connections.path_text import paths_html
from desktop.ui.connections.scene import GraphScene
from desktop.ui.connections.view import GraphView
from desktop.ui.workers import TaskHandle, run_task
from desktop.vocab import ENTITY_KINDS, LINK_KINDS

log = logging.getLogger(__name__)

ITEM_KINDS = ("article", *ENTITY_KINDS)
FRAME_BUDGET_MS = 8.0  # longest slice of scene building per turn of the event loop


class ConnectionsPanel(QWidget):
    sig_item_selected = Signal(int)  # a node was clicked: make it the selection everywhere
    sig_item_activated = Signal(int)  # a node was double-clicked or "Open": open it
    sig_add_to_case = Signal(list)  # item ids to add to the current case

    animation_ms = 350
    max_nodes = 300

    def __init__(self, library: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.item_id: int | None = None
        self.case_id: int | None = None
        self.hidden: set[int] = set()
        self.expanded: set[int] = set()  # "+N more" clicked: more of its neighbours
        self.unfolded: list[int] = []  # double-clicked: its neighbours added in place
        self.kept_apart: set[int] = set()  # members of groups the analyst opened
        self._unfolding: tuple[int, int] | None = None  # node unfolded, items drawn before
        self._pin = False  # the next reload expands in place: what is drawn stays exactly put
        self.path_ends: tuple[int, int] | None = None
        self.view_data: graph.Neighbourhood | None = None
        self.paths: list[GraphPath] = []
        self._generation = 0
        self._jobs: dict[TaskHandle, int] = {}  # pending reads and their generation
        self._suggestions: dict[str, int] = {}
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(2)
        self._build()
        self._show_empty()

    # --- widgets --------------------------------------------------------------------------
    def _build(self) -> None:
        self.hops_box = QComboBox()
        self.hops_box.addItems(["1 hop", "2 hops", "3 hops"])
        self.hops_box.setToolTip("How far from the selected item to look")
        self.hops_box.currentIndexChanged.connect(self._reload)
        self.case_only = QCheckBox("This case only")
        self.case_only.setToolTip("Only items in the current case file")
        self.case_only.setEnabled(False)
        self.case_only.toggled.connect(self._reload)
        self.suggested = QCheckBox("Suggested")
        self.suggested.setChecked(True)
        self.suggested.setToolTip("Show suggested links (dashed) as well as confirmed ones")
        self.suggested.toggled.connect(self._reload)
        self.filter_button = QToolButton()
        self.filter_button.setText("Filter")
        self.filter_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.filter_button)
        menu.addSection("Items")
        self.kind_actions = {
            k: self._check_action(menu, style.KIND_LABELS.get(k, k)) for k in ITEM_KINDS
        }
        menu.addSection("Links")
        self.link_actions = {k: self._check_action(menu, style.link_label(k)) for k in LINK_KINDS}
        self.filter_button.setMenu(menu)
        fit = QToolButton()
        fit.setText("Fit")
        fit.setToolTip("Fit the whole graph in view")
        fit.clicked.connect(self.on_fit)
        self.reset_button = QToolButton()
        self.reset_button.setText("Reset")
        self.reset_button.setToolTip(
            "Back to the selected item's own neighbourhood: forget expanded nodes, opened "
            "groups, hidden items and the path"
        )
        self.reset_button.clicked.connect(self.reset)
        export = QToolButton()
        export.setText("Export")
        export.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        export_menu = QMenu(export)
        export_menu.addAction("Save as PNG…", lambda: self._export("png"))
        export_menu.addAction("Save as SVG…", lambda: self._export("svg"))
        export_menu.addAction("Copy image", self.copy_image)
        export.setMenu(export_menu)
        top = QHBoxLayout()
        for w in (self.hops_box, self.case_only, self.suggested, self.filter_button):
            top.addWidget(w)
        top.addStretch(1)
        top.addWidget(self.reset_button)
        top.addWidget(fit)
        top.addWidget(export)

        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText(
            "Path to… (type a name or alias, Enter for the best match)"
        )
        self.path_edit.setClearButtonEnabled(True)
        self._completion = QStringListModel(self)
        completer = QCompleter(self._completion, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.activated.connect(self._on_path_target_chosen)
        self.path_edit.setCompleter(completer)
        self._suggest_timer = QTimer(self, singleShot=True, interval=150)
        self._suggest_timer.timeout.connect(self._request_suggestions)
        self.path_edit.textEdited.connect(lambda _t: self._suggest_timer.start())
        self.path_edit.returnPressed.connect(
            lambda: self._on_path_target_chosen(self.path_edit.text())
        )
        self.path_edit.textChanged.connect(lambda t: None if t else self.clear_path())
        self.through_countries = QCheckBox("Through countries")
        self.through_countries.setToolTip(
            "Let paths between two people pass through countries (and other items linked to "
            "a large share of the library). Off: paths go through what the two share."
        )
        self.through_countries.toggled.connect(self._rerun_path)

        self.scene = GraphScene(self)
        self.view = GraphView()
        self.view.setScene(self.scene)
        self.view.sig_node_clicked.connect(self.on_node_clicked)
        self.view.sig_node_double_clicked.connect(self.on_node_double_clicked)
        self.view.sig_node_activated.connect(self.sig_item_activated)
        self.view.setToolTip(MOUSE_HINT)
        self.view.sig_more_clicked.connect(self.expand)
        self.view.sig_node_context_menu.connect(self._context_menu)
        self.view.sig_evidence_wanted.connect(self._request_evidence)
        self.path_text = QTextBrowser()
        self.path_text.setOpenLinks(False)
        self.path_text.setAccessibleName("Connecting paths")
        self.path_text.hide()
        self.list_model = NeighbourListModel(self)
        self.list_view = QListView()
        self.list_view.setModel(self.list_model)
        self.list_view.setAccessibleName("Linked items")
        self.list_view.setUniformItemSizes(True)
        self.list_view.clicked.connect(lambda i: self.on_node_clicked(i.data(ItemIdRole)))
        self.list_view.activated.connect(lambda i: self.sig_item_activated.emit(i.data(ItemIdRole)))
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        split = QSplitter(Qt.Orientation.Vertical)
        for pane in (self.view, self.path_text, self.list_view):
            split.addWidget(pane)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 1)
        split.setStretchFactor(2, 1)
        split.setSizes([560, 150, 170])
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.through_countries)
        layout.addLayout(path_row)
        self.find_note = QLabel()
        self.find_note.setTextFormat(Qt.TextFormat.PlainText)  # echoes what the user typed
        self.find_note.hide()
        layout.addWidget(self.find_note)
        layout.addWidget(split, 1)
        self.legend = LegendWidget()
        layout.addWidget(self.legend)
        layout.addWidget(self.status)

    def _check_action(self, menu: QMenu, text: str) -> QAction:
        action = menu.addAction(text)
        action.setCheckable(True)
        action.setChecked(True)
        action.toggled.connect(self._reload)
        return action

    # --- public slots ---------------------------------------------------------------------
    @Slot(object)
    def set_item(self, item_id: int | None) -> None:
        if item_id == self.item_id:
            return
        self.item_id = item_id
        self._forget_path()
        self._forget_expansions()
        self._reload()

    def _forget_expansions(self) -> None:
        """A new centre (or Reset) starts from its own neighbourhood."""
        self.expanded.clear()
        self.unfolded.clear()
        self.kept_apart.clear()
        self._unfolding = None

    @Slot()
    def reset(self) -> None:
        """The centre's plain neighbourhood again: no expansions, opened groups, hidden
        items or path; fitted like every reload."""
        self._forget_path()
        self._forget_expansions()
        self.hidden.clear()
        self._reload()

    @Slot(object)
    def set_case(self, case_id: int | None) -> None:
        self.case_id = case_id
        self.case_only.setEnabled(case_id is not None)
        if case_id is None:
            self.case_only.setChecked(False)
        self._reload()

    def concerns(self, changes: Changes) -> bool:
        """What is drawn: items and links, and with "This case only" the case's members."""
        in_case = self.case_only.isChecked() and self.case_id in changes.cases
        return touches_library(changes) or in_case

    @Slot(object)
    def on_changed(self, _changes: object) -> None:
        """An edit (a link drawn, a merge, a rename) or import may change what is drawn."""
        if self.item_id is not None:
            self._reload()

    @Slot()
    def refresh(self) -> None:
        """Re-read after the library changed (connect the app's Changes signal here)."""
        self._reload()

    def set_hops(self, hops: int) -> None:
        self.hops_box.setCurrentIndex(max(1, min(3, hops)) - 1)

    @Slot(int)
    def on_node_clicked(self, item_id: int) -> None:
        if item_id is None:
            return
        if is_group(item_id):
            self.open_group(item_id)
            return
        self.sig_item_selected.emit(item_id)
        self.set_item(item_id)

    @Slot(int)
    def on_node_double_clicked(self, item_id: int) -> None:
        if is_group(item_id):
            self.open_group(item_id)
        else:
            self.expand_here(item_id)

    def expand_here(self, item_id: int) -> None:
        """Add the node's neighbours to the picture; the centre and the rest stay put."""
        node = self.scene.nodes.get(item_id)
        if node is not None and node.node.more:
            self.expanded.add(item_id)
        elif item_id in self.unfolded:
            return
        if item_id not in self.unfolded:
            self.unfolded.append(item_id)
        self._unfolding = (item_id, len(self.scene.nodes))
        self._pin = True
        self._reload()

    def open_group(self, group_id: int) -> None:
        """Draw a group's members one by one."""
        node = self.scene.nodes.get(group_id)
        if node is None or not node.node.members:
            return
        self.kept_apart.update(m.id for m in node.node.members)
        self._pin = True
        self._reload()

    @Slot(int)
    def expand(self, item_id: int) -> None:
        self.expanded.add(item_id)
        self._reload()

    def hide_item(self, item_id: int) -> None:
        self.hidden.add(item_id)
        self._reload()

    @Slot()
    def on_fit(self) -> None:
        self.view.fit()

    def _forget_path(self) -> None:
        """A new centre starts without the old centre's paths: no text, field or highlight."""
        self.path_ends = None
        self.paths = []
        self.path_text.hide()
        self.path_text.clear()
        self.path_edit.blockSignals(True)
        self.path_edit.clear()
        self.path_edit.blockSignals(False)
        self.scene.set_highlight(set(), set())

    def _rerun_path(self, *_args: Any) -> None:
        if self.path_ends is not None:
            self.set_path(*self.path_ends)

    def set_path(self, source_id: int, target_id: int) -> None:
        """Path mode: the shortest connections between two items, in the graph and as text."""
        self.path_ends = (source_id, target_id)
        view, params = self.view_data, self._params()
        previous = self.scene.positions()
        through = True if self.through_countries.isChecked() else None
        kept, unfolded = set(self.kept_apart), list(self.unfolded)

        def work(session: Any) -> tuple[Any, ...]:
            paths = find_paths(
                session=session,
                source_id=source_id,
                target_id=target_id,
                case_id=params["case_id"],
                include_suggested=params["include_suggested"],
                item_kinds=params["item_kinds"],
                link_kinds=params["link_kinds"],
                through_hubs=bool(through),
                through_countries=through,
            )
            merged = with_paths(view, paths)
            drawn = grouped(
                merged, keep=kept | {n.id for p in paths for n in p.nodes}, open_around=unfolded
            )
            return merged, drawn, paths, layout_graph(drawn, previous)

        self._submit("path", work)

    def clear_path(self) -> None:
        if self.path_ends is not None:
            self.path_ends = None
            self.paths = []
            self.path_text.hide()
            self.scene.set_highlight(set(), set())

    # --- loading --------------------------------------------------------------------------
    def _params(self) -> dict[str, Any]:
        kinds = {k for k, a in self.kind_actions.items() if a.isChecked()}
        links = {k for k, a in self.link_actions.items() if a.isChecked()}
        return {
            "hops": self.hops_box.currentIndex() + 1,
            "case_id": self.case_id if self.case_only.isChecked() else None,
            "include_suggested": self.suggested.isChecked(),
            "item_kinds": None if len(kinds) == len(self.kind_actions) else kinds,
            "link_kinds": None if len(links) == len(self.link_actions) else links,
        }

    def _reload(self, *_args: Any) -> None:
        if self.item_id is None:
            self._generation += 1
            self._show_empty()
            return
        center, params = self.item_id, self._params()
        hidden, expanded, previous = set(self.hidden), set(self.expanded), self.scene.positions()
        unfolded, kept = list(self.unfolded), set(self.kept_apart)
        max_nodes, pin, self._pin = self.max_nodes, self._pin, False

        def work(session: Any) -> tuple[graph.Neighbourhood, graph.Neighbourhood, dict]:
            view = graph.neighbourhood(
                session=session,
                center_id=center,
                hidden=hidden,
                expanded=expanded,
                unfolded=unfolded,
                max_nodes=max_nodes,
                evidence=False,  # read per edge when its tooltip asks (``_request_evidence``)
                **params,
            )
            drawn = grouped(view, keep=kept, open_around=unfolded)
            return view, drawn, layout_graph(drawn, previous, pin=pin)

        self.status.setText("Loading connections…")
        self._submit("hood", work)

    def _submit(self, what: str, fn: Callable[[Any], Any]) -> None:
        self._generation += 1
        self._start(self._generation, what, fn, latest=(self, "graph"))

    def _start(
        self, generation: int, what: str, fn: Callable[[Any], Any], latest: Any = None
    ) -> None:
        """``fn(session)`` in one read of its own on the app's runner (latest wins under
        ``latest``)."""
        library = self.library

        def work(_ctx: Any) -> Any:
            return read(library, fn)

        def failed(exc: BaseException) -> None:
            log.warning("graph job %s failed: %s", what, exc)
            self._on_job_failed(generation, what, str(exc) or type(exc).__name__)

        handle = run_task(work, lambda result: self._on_job_done(generation, what, result),
                          failed, pool=self._pool, owner=self, latest=latest)  # fmt: skip
        self._jobs[handle] = generation
        handle.sig_finished.connect(lambda h=handle: self._jobs.pop(h, None))

    @property
    def busy(self) -> bool:
        return bool(self._jobs) or self.scene.building

    @Slot(int, str, object)
    def _on_job_done(self, generation: int, what: str, result: Any) -> None:
        self._forget(generation)
        if what == "suggest":
            self._show_suggestions(result)
            return
        if what == "best":
            self._on_best_match(result)
            return
        if what == "evidence":
            self.scene.set_evidence(result)
            for link_id in result:
                self.view.evidence_arrived(link_id)
            return
        if generation != self._generation:
            return  # answered a request the user has since replaced
        if what == "hood":
            view, drawn, positions = result
            self.view_data = view
            ends = self.path_ends
            self._draw(
                drawn, positions, listed=view, then=(lambda: self.set_path(*ends)) if ends else None
            )
        elif what == "path":
            _merged, drawn, paths, positions = result
            self.paths = paths
            self._show_paths(paths)
            # Fit once the scene is complete and the path list has taken its room.
            self._draw(drawn, positions, then=lambda: QTimer.singleShot(0, self.view.fit))

    @Slot(int, str, str)
    def _on_job_failed(self, generation: int, what: str, message: str) -> None:
        self._forget(generation)
        if generation == self._generation:
            self.status.setText(f"Could not read the connections: {message}")

    def _forget(self, generation: int) -> None:
        self._jobs = {h: g for h, g in self._jobs.items() if g != generation}

    # --- drawing --------------------------------------------------------------------------
    def _draw(
        self,
        view: graph.Neighbourhood,
        positions: dict,
        listed: graph.Neighbourhood | None = None,
        then: Callable[[], None] | None = None,
    ) -> None:
        """Build the scene in frame-sized slices; fit or pan once it is complete.

        ``view`` is drawn (groups and all); ``listed``, when given, fills the list under the
        graph with every item one by one (the keyboard's and screen reader's way in)."""
        first = not self.scene.nodes
        update_list = listed is not None

        def built() -> None:
            self.view.ensure_room(self.scene.content_rect())
            # every re-centre, filter and path change ends fitted: nothing clipped, nothing tiny
            self.view.fit()
            if update_list:
                self.scene.set_highlight(set(), set())
            if then is not None:
                then()

        if listed is not None:
            self.list_model.set_view(listed)
        self.scene.show_graph(
            view,
            positions,
            animate_ms=0 if first else self.animation_ms,
            budget_ms=FRAME_BUDGET_MS,
            done=built,
        )
        shown = listed or self.view_data or view
        more = sum(n.more for n in shown.nodes)
        text = f"{len(shown.nodes) - 1} linked item(s), {len(shown.edges)} link(s)"
        groups = [n for n in view.nodes if n.members]
        if groups:
            text += (
                f"; {sum(len(n.members) for n in groups)} in {len(groups)} group(s) (click to open)"
            )
        if more:
            text += f"; {more:,} more not shown (click “+N more”)"
        if shown.truncated:
            text += "; the view is full — hide items or lower the hops"
        if self._unfolding is not None and listed is not None:
            unfolded, before = self._unfolding
            self._unfolding = None
            if len(view.nodes) <= before:
                name = self.scene.names.get(unfolded) or next(
                    (n.name for n in view.nodes if n.id == unfolded), "This item"
                )
                text = f"{name} has no other links to show here. " + text
        self.status.setText(text)

    def _show_empty(self) -> None:
        self.view_data = None
        self.scene.show_graph(graph.Neighbourhood(None, 0, (), ()), {})
        self.list_model.set_view(None)
        self.path_text.hide()
        self.status.setText("Select an article or entity to see how it connects.")

    def _show_paths(self, paths: list[GraphPath]) -> None:
        self.path_text.show()
        if not paths:
            a, b = (self.scene.names.get(i, f"item {i}") for i in self.path_ends or (0, 0))
            self.path_text.setPlainText(f"No connection found between {a} and {b}.")
            self.scene.set_highlight(set(), set())
            return
        nodes = {n.id for p in paths for n in p.nodes}
        links = {e.id for p in paths for e in p.edges}
        self.scene.set_highlight(nodes, links)
        self.path_text.setHtml(paths_html(paths))

    # --- context menu, path chooser, export -----------------------------------------------
    def _context_menu(self, item_id: int, pos: QPoint) -> None:
        menu = self.build_context_menu(item_id)
        menu.exec(pos)

    def build_context_menu(self, item_id: int) -> QMenu:
        menu = QMenu(self)
        node = self.scene.nodes.get(item_id)
        if node is not None and node.node.members:
            members = [m.id for m in node.node.members]
            menu.addAction(f"Show the {len(members)} one by one", lambda: self.open_group(item_id))
            menu.addAction(
                f"Add the {len(members)} to case", lambda: self.sig_add_to_case.emit(members)
            )
            return menu
        menu.addAction("Open", lambda: self.sig_item_activated.emit(item_id))
        menu.addAction("Show connections of this item", lambda: self.on_node_clicked(item_id))
        menu.addAction("Expand here (double-click)", lambda: self.expand_here(item_id))
        if node is not None and node.node.more:
            menu.addAction(f"Expand (+{node.node.more:,} more)", lambda: self.expand(item_id))
        if item_id != self.item_id:
            menu.addAction("Hide", lambda: self.hide_item(item_id))
        menu.addAction("Add to case", lambda: self.sig_add_to_case.emit([item_id]))
        menu.addSeparator()
        centre = self.item_id
        if centre is not None and item_id != centre:
            menu.addAction(
                "Show paths from the centre to here", lambda: self.set_path(centre, item_id)
            )
        if self.hidden:
            menu.addAction("Show hidden items again", self._unhide)
        return menu

    def _unhide(self) -> None:
        self.hidden.clear()
        self._reload()

    def _request_evidence(self, link_id: int) -> None:
        """A tooltip wants an edge's evidence: read it off the GUI thread (a few ms)."""
        edge = next(
            (e.edge for e in self.scene.edges.values() if e.edge and e.edge.id == link_id), None
        )
        if edge is None:
            return

        def work(session: Any) -> dict[int, graph.GraphEdge]:
            found = graph.edge_evidence(session=session, link_ids=[link_id])
            count, evidence = found[link_id]
            return {
                link_id: replace(
                    edge, evidence_count=count, evidence=evidence, evidence_loaded=True
                )
            }

        self._submit_side("evidence", work)

    def _request_suggestions(self) -> None:
        text = self.path_edit.text().strip()
        if text:
            self._submit_side("suggest", lambda s: (text, graph.find_items(session=s, text=text)))

    def _submit_side(self, what: str, fn: Callable[[Any], Any]) -> None:
        """A side request (completions) that must not cancel the graph's own request."""
        self._start(-1, what, fn, latest=(self, what) if what == "suggest" else None)

    def _show_suggestions(self, result: tuple[str, list[graph.ItemMatch]]) -> None:
        text, matches = result
        self._suggestions = {_choice_text(m): m.item.id for m in matches}
        self._completion.setStringList(list(self._suggestions))
        if text == self.path_edit.text().strip():
            self._note_match(text, bool(matches))

    def _note_match(self, text: str, found: bool) -> None:
        self.find_note.setText("" if found else f"Nothing matches “{text}”.")
        self.find_note.setVisible(not found)

    def _on_path_target_chosen(self, text: str | QModelIndex) -> None:
        """A completion picked, or Enter: the chosen item, else the best match for the text."""
        name = (text if isinstance(text, str) else str(text.data())).strip()
        if not name or self.item_id is None:
            return
        target = self._suggestions.get(name)
        if target is not None:
            self.set_path(self.item_id, target)
            return
        self._submit_side("best", lambda s: (name, graph.find_items(session=s, text=name, limit=1)))

    def _on_best_match(self, result: tuple[str, list[graph.ItemMatch]]) -> None:
        text, matches = result
        self._note_match(text, bool(matches))
        if matches and self.item_id is not None and matches[0].item.id != self.item_id:
            self.set_path(self.item_id, matches[0].item.id)

    def _export(self, fmt: str) -> None:
        path, _ = file_dialogs.save_file_name(
            self,
            "Export graph",
            f"connections.{fmt}",
            f"{fmt.upper()} (*.{fmt})",
            library=self.library,
        )
        if path:
            self.export(path)

    def export(self, path: str) -> None:
        from desktop.store.safe_output import UnsafeOutput, atomic_output

        protected = getattr(self.library, "protected_files", [])
        try:
            with atomic_output(path, protected=protected) as tmp:
                if path.lower().endswith(".svg"):
                    render.save_svg(self.scene, tmp)
                else:
                    render.save_png(self.scene, tmp)
        except (OSError, UnsafeOutput) as exc:
            self.status.setText(str(exc))

    def copy_image(self) -> None:
        render.copy_to_clipboard(self.scene)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._pool.waitForDone(3000)
        super().closeEvent(event)


def _choice_text(match: graph.ItemMatch) -> str:
    """How a completion reads: name, kind, and the alias that matched."""
    kind = style.KIND_SINGULAR.get(match.item.kind, match.item.kind)
    alias = f" (also: {match.alias})" if match.alias else ""
    return f"{match.item.name}{alias} — {kind}"
