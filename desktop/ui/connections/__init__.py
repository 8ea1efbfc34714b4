"""The Connections side panel (graph of the selection's neighbourhood, paths, exports)."""

from desktop.ui.connections.panel import ConnectionsPanel
from desktop.ui.connections.render import render_case_diagram

__all__ = ["ConnectionsPanel", "render_case_diagram"]
