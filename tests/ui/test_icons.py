"""Every icon in the table resolves (a typo would draw nothing, silently)."""

from __future__ import annotations

import pytest

from desktop.store.models import ITEM_KINDS
from desktop.ui.icons import ICONS, KIND_COLORS, KIND_LABELS, icon


@pytest.mark.parametrize("key", sorted(ICONS))
def test_every_icon_resolves(qapp, key: str) -> None:  # noqa: ANN001
    import qtawesome as qta

    qta.icon(ICONS[key])  # raises on an unknown glyph name
    assert not icon(key).pixmap(16, 16).isNull()


def test_every_item_kind_has_icon_colour_and_label() -> None:
    for kind in ITEM_KINDS:
        assert kind in ICONS
        assert kind in KIND_COLORS
        assert kind in KIND_LABELS


def test_unknown_key_is_an_empty_icon(qapp) -> None:  # noqa: ANN001
    assert icon("no-such-meaning").isNull()
