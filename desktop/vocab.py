"""The words a library is made of: item kinds, link kinds and statuses, case statuses.

One home, with no Qt and no database, so the store, extraction, services and the UI all read
the same tuples (the UI never has to import the store's tables for them).
"""

from __future__ import annotations

ARTICLE = "article"
ENTITY_KINDS = ("person", "organization", "country", "place", "group", "regulation")
ITEM_KINDS = (ARTICLE, *ENTITY_KINDS)

SUGGESTED, CONFIRMED, REJECTED = "suggested", "confirmed", "rejected"
LINK_STATUSES = (SUGGESTED, CONFIRMED, REJECTED)

MENTIONS, CITES = "mentions", "cites"
AFFILIATED_WITH, MEMBER_OF, PART_OF, MET_WITH, RELATED_TO = (
    "affiliated_with",
    "member_of",
    "part_of",
    "met_with",
    "related_to",
)
CUSTOM = "custom"
LINK_KINDS = (MENTIONS, CITES, AFFILIATED_WITH, MEMBER_OF, PART_OF, MET_WITH, RELATED_TO, CUSTOM)

CASE_STATUSES = ("open", "on hold", "closed")
