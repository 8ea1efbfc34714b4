"""What a valid case bundle is, and reading one from disk.

A bundle is untrusted input. Before ``import_bundle`` (desktop/services/bundle.py) writes
anything, the file is read here under a size limit and validated whole (types, sizes,
references between its parts), and refused with a message naming the first bad field. The
format marker and version live here too, as the part of the format both sides agree on.
"""

from __future__ import annotations

import json
import re
from collections.abc import Set as AbstractSet
from datetime import date
from pathlib import Path
from typing import Any

from desktop.store.models import ARTICLE, CASE_STATUSES, ENTITY_KINDS, LINK_KINDS, LINK_STATUSES
from desktop.store.text import INT_MAX, storable

FORMAT = "casefile-case-bundle"
VERSION = 1
MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_ITEMS, MAX_LINKS, MAX_EVIDENCE, MAX_ALIASES = 50_000, 500_000, 1_000, 200
NAME, NOTE, BODY, SENTENCE = 1_000, 100_000, 5_000_000, 10_000
_REF = re.compile(r"\d{10}")
_HASH = re.compile(r"[0-9a-f]{64}")
_ARTICLE_FIELDS = {"ref", "published", "body", "content_hash", "placeholder", "source"}
_ENTITY_FIELDS = {"aliases", "role", "affiliation", "description"}


def _fail(where: str, problem: str) -> ValueError:
    return ValueError(f"Not a valid case bundle: {where} {problem}.")


def _fields(
    obj: Any, where: str, required: set[str], optional: AbstractSet[str] = frozenset()
) -> dict:
    if not isinstance(obj, dict):
        raise _fail(where, "must be an object")
    missing = required - obj.keys()
    if missing:
        raise _fail(f"{where}.{sorted(missing)[0]}", "is missing")
    extra = obj.keys() - required - optional
    if extra:
        raise _fail(f"{where}.{sorted(extra)[0]}", "is not a known field")
    return obj


def _str(
    obj: dict, key: str, where: str, limit: int, *, null: bool = False, empty: bool = True
) -> Any:
    value = obj.get(key)
    if value is None and null:
        return None
    if not isinstance(value, str):
        raise _fail(f"{where}.{key}", "must be text" + (" or null" if null else ""))
    if len(value) > limit:
        raise _fail(f"{where}.{key}", f"is longer than {limit:,} characters")
    if not empty and not value.strip():
        raise _fail(f"{where}.{key}", "must not be empty")
    return value


def _int(obj: dict, key: str, where: str, low: int = 0) -> int:
    """A whole number both back ends can store (PostgreSQL's ``integer``)."""
    value = obj.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= INT_MAX:
        raise _fail(f"{where}.{key}", f"must be a whole number from {low} to {INT_MAX:,}")
    return value


def _without_nul(value: Any) -> Any:
    """Every text of the document without NUL characters, as both back ends store it."""
    if isinstance(value, str):
        return storable(value)
    if isinstance(value, list):
        return [_without_nul(v) for v in value]
    if isinstance(value, dict):
        return {k: _without_nul(v) for k, v in value.items()}
    return value


def _bool(obj: dict, key: str, where: str) -> bool:
    if not isinstance(obj.get(key), bool):
        raise _fail(f"{where}.{key}", "must be true or false")
    return bool(obj[key])


def _choice(obj: dict, key: str, where: str, allowed: tuple[str, ...]) -> str:
    value = obj.get(key)
    if value not in allowed:
        raise _fail(f"{where}.{key}", f"must be one of: {', '.join(allowed)}")
    return str(value)


def _list(obj: dict, key: str, where: str, limit: int) -> list:
    value = obj.get(key)
    if not isinstance(value, list):
        raise _fail(f"{where}.{key}", "must be a list")
    if len(value) > limit:
        raise _fail(f"{where}.{key}", f"has more than {limit:,} entries")
    return value


def validate(doc: Any) -> dict[str, Any]:
    """The bundle, checked whole; raises ValueError naming the first bad field."""
    top = _fields(
        doc,
        "the file",
        {"format", "version", "case", "items", "case_items", "links"},
        {"exported_at", "report"},
    )
    if top["format"] != FORMAT:
        raise _fail("field 'format'", f"must be {FORMAT!r}")
    if isinstance(top["version"], bool) or not isinstance(top["version"], int):
        raise _fail("field 'version'", "must be a whole number")
    if top["version"] > VERSION:
        raise ValueError(
            f"This case bundle has version {top['version']}, made by a newer Casefile; "
            f"this Casefile reads version {VERSION}. Update Casefile to import it."
        )
    if top["version"] < 1:
        raise _fail("field 'version'", "must be 1 or more")
    case = _fields(top["case"], "case", {"title", "status", "summary"})
    _str(case, "title", "case", NAME, empty=False)
    _choice(case, "status", "case", CASE_STATUSES)
    _str(case, "summary", "case", NOTE)
    kinds: dict[int, str] = {}
    for n, item in enumerate(_list(top, "items", "the file", MAX_ITEMS)):
        where = f"items[{n}]"
        kind = _choice(
            _fields(item, where, {"kind"}, set(item) if isinstance(item, dict) else set()),
            "kind",
            where,
            (ARTICLE, *ENTITY_KINDS),
        )
        _fields(
            item,
            where,
            {"id", "kind", "name"},
            _ARTICLE_FIELDS if kind == ARTICLE else _ENTITY_FIELDS,
        )
        item_id = _int(item, "id", where, 1)
        if item_id in kinds:
            raise _fail(f"{where}.id", f"repeats id {item_id}")
        kinds[item_id] = kind
        _str(item, "name", where, NAME, empty=False)
        if kinds[item_id] == ARTICLE:
            _check_article(item, where)
        else:
            for a, alias in enumerate(
                _list({"aliases": item.get("aliases", [])}, "aliases", where, MAX_ALIASES)
            ):
                _str({"x": alias}, "x", f"{where}.aliases[{a}]", NAME)
            for key in ("role", "affiliation", "description"):
                _str(item, key, where, NOTE if key == "description" else NAME, null=True)
    for n, ci in enumerate(_list(top, "case_items", "the file", MAX_ITEMS)):
        where = f"case_items[{n}]"
        _fields(ci, where, {"item", "position", "pinned", "note"})
        if _int(ci, "item", where, 1) not in kinds:
            raise _fail(f"{where}.item", "names no item in the bundle")
        _int(ci, "position", where)
        _bool(ci, "pinned", where)
        _str(ci, "note", where, NOTE)
    for n, link in enumerate(_list(top, "links", "the file", MAX_LINKS)):
        where = f"links[{n}]"
        _fields(
            link,
            where,
            {"source", "target", "kind", "label", "status", "origin", "evidence"},
            {"note"},
        )
        for key in ("source", "target"):
            if _int(link, key, where, 1) not in kinds:
                raise _fail(f"{where}.{key}", "names no item in the bundle")
        _choice(link, "kind", where, LINK_KINDS)
        _str(link, "label", where, NAME)
        _choice(link, "status", where, LINK_STATUSES)
        _choice(link, "origin", where, ("extract", "analyst", "import"))
        _str(link, "note", where, NOTE, null=True)
        for e, ev in enumerate(_list(link, "evidence", where, MAX_EVIDENCE)):
            ew = f"{where}.evidence[{e}]"
            _fields(ev, ew, {"article", "start", "end", "sentence"})
            if kinds.get(_int(ev, "article", ew, 1)) != ARTICLE:
                raise _fail(f"{ew}.article", "names no article in the bundle")
            if _int(ev, "end", ew) < _int(ev, "start", ew):
                raise _fail(f"{ew}.end", "comes before its start")
            _str(ev, "sentence", ew, SENTENCE)
    return top


def _check_article(item: dict, where: str) -> None:
    ref = _str(item, "ref", where, 10, null=True)
    if ref is not None and not _REF.fullmatch(ref):
        raise _fail(f"{where}.ref", "must be a 10-digit article ID")
    published = _str(item, "published", where, 10, null=True)
    if published is not None:
        try:
            date.fromisoformat(published)
        except ValueError:
            raise _fail(f"{where}.published", "must be a date (YYYY-MM-DD)") from None
    _str({"body": item.get("body", "")}, "body", where, BODY)
    digest = _str(item, "content_hash", where, 64, null=True)
    if digest is not None and not _HASH.fullmatch(digest):
        raise _fail(f"{where}.content_hash", "must be 64 hexadecimal digits")
    if not isinstance(item.get("placeholder", False), bool):
        raise _fail(f"{where}.placeholder", "must be true or false")
    if item.get("placeholder") and not ref:
        raise _fail(f"{where}.ref", "is required for a cited, not yet imported article")
    _str(item, "source", where, NAME, null=True)


def read_bundle(path: Path) -> dict[str, Any]:
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ValueError(f"The case bundle is {size / 2**20:.0f} MB; the limit is 64 MB.")
        data = path.read_bytes()
    except OSError as exc:
        raise ValueError(f"Cannot read the case bundle: {exc.strerror}") from exc

    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        keys = [k for k, _ in pairs]
        if len(set(keys)) != len(keys):
            raise ValueError(f"Not a valid case bundle: field {keys[0]!r}'s object repeats a key.")
        return dict(pairs)

    def no_constants(name: str) -> None:
        raise ValueError(f"Not a valid case bundle: {name} is not a number JSON allows.")

    try:
        doc = json.loads(
            data.decode("utf-8"), object_pairs_hook=no_duplicates, parse_constant=no_constants
        )
    except UnicodeDecodeError:
        raise ValueError("Not a valid case bundle: the file is not UTF-8 text.") from None
    except RecursionError:
        raise ValueError("Not a valid case bundle: the JSON is nested too deeply.") from None
    except json.JSONDecodeError as exc:
        raise ValueError(
            f"Not a valid case bundle: not JSON ({exc.msg}, line {exc.lineno})."
        ) from None
    return validate(_without_nul(doc))
