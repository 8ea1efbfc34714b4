"""Detail views of one item: the article reader and the entity page."""

from desktop.ui.detail.article_reader import ArticleReader
from desktop.ui.detail.entity_page import EntityPage
from desktop.ui.detail.panel import DetailPanel

__all__ = ["ArticleReader", "DetailPanel", "EntityPage"]
