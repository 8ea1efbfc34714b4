"""Which language an article is in, roughly: enough to say when suggestions will be poor.

The rules that find people, organizations and groups read English cues ("said", "a spokesman
for", "Minister"); on German or French text they only find stray capitalised words. A count
of the commonest function words of a few languages in the first few thousand characters tells
them apart cheaply (a set lookup per word) and never needs a model.
"""

from __future__ import annotations

import re

from desktop.extract.lexicon import _words

_SAMPLE = 4000  # characters read: enough words, bounded time
_WORD = re.compile(r"[^\W\d_]+")
# The commonest short function words, chosen to be rare in the other languages listed.
_STOP = {
    "English": frozenset(
        _words("the and of to in is that for with was on are by it from said has")
    ),
    "German": frozenset(
        _words("der die und das ist nicht mit den von zu sich auf für ein eine dem")
    ),
    "French": frozenset(_words("le la les et des est une dans pour que qui sur pas du au avec")),
    "Spanish": frozenset(_words("el los las y que del en por una con para es se su al como")),
    "Italian": frozenset(_words("il di che la per non una sono del della gli con nel alla")),
    "Dutch": frozenset(_words("de het een van en niet op zijn met voor dat aan wordt ook bij")),
    "Portuguese": frozenset(_words("os das não uma com para é do da em que ao pelo mais foi")),
}
_OTHERS = [k for k in _STOP if k != "English"]


def detect_language(text: str) -> str | None:
    """ "English", another language's name, or None when there are too few words to tell."""
    words = [w.lower() for w in _WORD.findall(text, 0, _SAMPLE)]
    if len(words) < 20:
        return None
    scores = {lang: sum(w in stop for w in words) for lang, stop in _STOP.items()}
    best = max(_OTHERS, key=lambda k: scores[k])
    if scores[best] > max(3, 1.5 * scores["English"]):
        return best
    return "English"


def language_notice(text: str) -> str | None:
    """A sentence for the user when the text is not English, else None."""
    if (
        text.count(" the ", 0, 1500) + text.count(" and ", 0, 1500) + text.count(" of ", 0, 1500)
        >= 3
    ):
        return None  # plainly English: the common case, decided by three C-level counts
    lang = detect_language(text)
    if lang is None or lang == "English":
        return None
    return f"Suggestions are limited for {lang} text: names found by English wording are left out."
