"""Reviewing an article's suggestions from the keyboard."""

from desktop.ui.review.model import SuggestionModel
from desktop.ui.review.panel import ReviewPanel

__all__ = ["ReviewPanel", "SuggestionModel"]
