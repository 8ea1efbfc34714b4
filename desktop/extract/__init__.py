"""Pure extraction: bytes -> text -> article fields, mentions, citations and links.

No database, no Qt: everything here is a function over strings, safe to call from a worker
thread or the CLI. See :mod:`desktop.extract.types` for the values handed to the services.
"""

from desktop.extract.decode import MAX_FILE_BYTES, decode
from desktop.extract.extract import EXTRACTOR_VERSION, extract
from desktop.extract.gazetteer import gazetteer
from desktop.extract.parse import parse
from desktop.extract.sentences import sentence_span
from desktop.extract.types import (
    ENTITY_KINDS,
    Citation,
    ExtractedEntity,
    ExtractedLink,
    Extraction,
    Mention,
    ParsedArticle,
    RefusedFile,
)

__all__ = [
    "ENTITY_KINDS",
    "EXTRACTOR_VERSION",
    "MAX_FILE_BYTES",
    "Citation",
    "ExtractedEntity",
    "ExtractedLink",
    "Extraction",
    "Mention",
    "ParsedArticle",
    "RefusedFile",
    "decode",
    "extract",
    "gazetteer",
    "parse",
    "sentence_span",
]
