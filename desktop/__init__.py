"""Casefile: a desktop case-file manager for policy and trade-compliance analysts."""

__version__ = "0.1.0"
