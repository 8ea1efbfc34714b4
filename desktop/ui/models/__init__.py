"""Qt item models over the services: they hold ids and fetch rows lazily."""

from desktop.ui.models.roles import CountRole, ItemIdRole, KindRole, NodeRole, RowRole

__all__ = ["CountRole", "ItemIdRole", "KindRole", "NodeRole", "RowRole"]
