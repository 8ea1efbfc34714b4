"""Reading watch-list files as published, into plain entries (no database).

- the US **Consolidated Screening List** (CSL), JSON (``{"results": [...], "sources_used":
  [...]}``) or CSV (its header row names ``source``, ``name``, ``alt_names``...);
- the OFAC **SDN** CSV files: ``sdn.csv`` (no header row; OFAC's published column order:
  ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign, Vess_type, Tonnage, GRT, Vess_flag,
  Vess_owner, Remarks) with ``alt.csv`` (ent_num, alt_num, alt_type, alt_name, alt_remarks)
  and, when present, ``add.csv`` (ent_num, add_num, address, city, country, remarks) beside
  it; ``-0-`` means empty;
- a plain list of names: text (one name a line, aliases after ``|``) or CSV/TSV (a ``name``
  column, aliases after ``|``/``;`` or in an ``aliases`` column).

Bad input raises ``WatchFileError`` naming the file and the line or field; nothing is stored.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from desktop.extract.namematch import ANY, ORGANIZATION, PERSON

MAX_LIST_BYTES = 300 * 1024 * 1024  # the whole CSL JSON is ~60 MB
SDN_COLUMNS = ("ent_num", "SDN_Name", "SDN_Type", "Program", "Title", "Call_Sign", "Vess_type",
               "Tonnage", "GRT", "Vess_flag", "Vess_owner", "Remarks")  # fmt: skip
CSL_NAME = "Consolidated Screening List"


class WatchFileError(ValueError):
    """A list file that cannot be read; the message names the file and what is wrong."""


@dataclass(slots=True)
class ParsedEntry:
    key: str  # the list's own id, else the name: how a re-import recognises the entry
    name: str
    aliases: list[str] = field(default_factory=list)
    kind: str = ANY
    entry_type: str = ""
    countries: list[str] = field(default_factory=list)
    programs: list[str] = field(default_factory=list)
    source_list: str = ""
    remarks: str = ""


@dataclass(slots=True)
class ParsedList:
    name: str
    source: str  # csl-json | csl-csv | sdn | plain
    list_date: date | None
    entries: list[ParsedEntry]
    file_name: str = ""


def _text(path: Path) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_LIST_BYTES:
            raise WatchFileError(f"{path}: too large for a list file ({size // 2**20} MB)")
        data = path.read_bytes()
    except OSError as exc:
        raise WatchFileError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise WatchFileError(f"{path}: not a text file")  # pragma: no cover - latin-1 decodes all


def _kind(entry_type: str) -> str:
    """person, organization, or any (vessels, aircraft, no type given)."""
    t = entry_type.strip().lower()
    if t in ("individual", "person", "people"):
        return PERSON
    if t in ("entity", "organization", "organisation", "company"):
        return ORGANIZATION
    return ANY


def _day(value: Any) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        return None


def _file_day(path: Path) -> date:
    return datetime.fromtimestamp(path.stat().st_mtime).date()


def _clean(value: Any) -> str:
    text = "" if value is None else str(value).strip()
    return "" if text == "-0-" else " ".join(text.split())


def _unique(names: list[str], main: str) -> list[str]:
    seen = {main.casefold()}
    out = []
    for name in names:
        name = _clean(name)
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            out.append(name)
    return out


def read_list(path: str | Path, name: str | None = None) -> ParsedList:
    """The list in ``path``, whatever its published form (see the module doc)."""
    path = Path(path)
    if not path.is_file():
        raise WatchFileError(f"{path}: no such file")
    suffix = path.suffix.lower()
    text = _text(path)
    if suffix == ".json" or text.lstrip().startswith("{"):
        parsed = _csl_json(path, text)
    elif _looks_like_sdn(path, text):
        parsed = _sdn(path, text)
    elif suffix in (".csv", ".tsv") and _csl_header(text):
        parsed = _csl_csv(path, text)
    else:
        parsed = _plain(path, text)
    if name:
        parsed.name = name.strip()
    parsed.file_name = path.name
    if not parsed.entries:
        raise WatchFileError(f"{path}: no names found in the file")
    return parsed


# --- the Consolidated Screening List ---------------------------------------------------------
def _csl_json(path: Path, text: str) -> ParsedList:
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise WatchFileError(f"{path}: not valid JSON (line {exc.lineno}: {exc.msg})") from exc
    results = doc.get("results") if isinstance(doc, dict) else None
    if not isinstance(results, list):
        raise WatchFileError(f'{path}: not a Consolidated Screening List file (no "results" list)')
    entries = []
    for n, row in enumerate(results, 1):
        if not isinstance(row, dict) or not _clean(row.get("name")):
            raise WatchFileError(f'{path}: result {n} has no "name"')
        main = _clean(row["name"])
        countries = [_clean(a.get("country")) for a in row.get("addresses") or []
                     if isinstance(a, dict)]  # fmt: skip
        for extra in ("nationalities", "citizenships"):
            countries += [_clean(c) for c in _as_list(row.get(extra))]
        entries.append(
            ParsedEntry(
                key=_clean(row.get("id")) or main,
                name=main,
                aliases=_unique([str(a) for a in _as_list(row.get("alt_names"))], main),
                kind=_kind(_clean(row.get("type"))),
                entry_type=_clean(row.get("type")),
                countries=_unique_codes(countries),
                programs=[_clean(p) for p in _as_list(row.get("programs")) if _clean(p)],
                source_list=_clean(row.get("source")),
                remarks=_remarks(row),
            )
        )
    sources = [s for s in doc.get("sources_used") or [] if isinstance(s, dict)]
    dates = [d for d in (_day(s.get("source_last_updated")) for s in sources) if d]
    return ParsedList(
        name=_csl_name([e.source_list for e in entries]),
        source="csl-json",
        list_date=max(dates) if dates else _file_day(path),
        entries=entries,
    )


def _as_list(value: Any) -> list[Any]:
    if value is None or value == "":
        return []
    if isinstance(value, list):
        return value
    return [v for v in re.split(r";\s*", str(value)) if v.strip()]


def _unique_codes(values: list[str]) -> list[str]:
    out: list[str] = []
    for v in values:
        if v and v not in out:
            out.append(v)
    return out


def _remarks(row: dict[str, Any]) -> str:
    parts = [_clean(" ".join(_as_list(row.get("remarks"))) if isinstance(row.get("remarks"), list)
                    else row.get("remarks"))]  # fmt: skip
    for label, key in (("Federal Register", "federal_register_notice"), ("since", "start_date")):
        if _clean(row.get(key)):
            parts.append(f"{label} {_clean(row.get(key))}")
    return "; ".join(p for p in parts if p)


def _csl_name(sources: list[str]) -> str:
    distinct = {s for s in sources if s}
    return distinct.pop() if len(distinct) == 1 else CSL_NAME


def _csl_header(text: str) -> bool:
    first = text.split("\n", 1)[0].lower()
    return "name" in first and "source" in first and ("alt_names" in first or "_id" in first)


def _csl_csv(path: Path, text: str) -> ParsedList:
    rows = csv.DictReader(io.StringIO(text), dialect=_sniff(text))
    entries = []
    for n, row in enumerate(rows, 2):
        row = {(k or "").strip().lower(): v for k, v in row.items()}
        main = _clean(row.get("name"))
        if not main:
            raise WatchFileError(f"{path}: line {n} has no name")
        countries = []
        for address in _as_list(row.get("addresses")):
            countries.append(_clean(str(address).rsplit(",", 1)[-1]))
        countries += [_clean(c) for c in _as_list(row.get("nationalities"))]
        entries.append(
            ParsedEntry(
                key=_clean(row.get("_id") or row.get("id") or row.get("entity_number")) or main,
                name=main,
                aliases=_unique([str(a) for a in _as_list(row.get("alt_names"))], main),
                kind=_kind(_clean(row.get("type"))),
                entry_type=_clean(row.get("type")),
                countries=_unique_codes(countries),
                programs=[p for p in (_clean(x) for x in _as_list(row.get("programs"))) if p],
                source_list=_clean(row.get("source")),
                remarks=_remarks(row),
            )
        )
    return ParsedList(
        name=_csl_name([e.source_list for e in entries]),
        source="csl-csv",
        list_date=_file_day(path),
        entries=entries,
    )


# --- OFAC's SDN files ------------------------------------------------------------------------
def _csv_rows(text: str) -> list[list[str]]:
    text = text.replace("\x1a", "")  # OFAC's files end with an end-of-file character
    return [r for r in csv.reader(io.StringIO(text)) if r and any(c.strip() for c in r)]


def _looks_like_sdn(path: Path, text: str) -> bool:
    if path.suffix.lower() != ".csv":
        return False
    rows = _csv_rows(text[:4000].rsplit("\n", 1)[0])
    return bool(rows) and len(rows[0]) == len(SDN_COLUMNS) and rows[0][0].strip().isdigit()


def _sdn(path: Path, text: str) -> ParsedList:
    aliases: dict[str, list[str]] = {}
    alt = _beside(path, "alt")
    if alt is not None:
        for n, row in enumerate(_csv_rows(_text(alt)), 1):
            if len(row) < 4:
                raise WatchFileError(f"{alt}: line {n} has {len(row)} columns, expected 5")
            aliases.setdefault(row[0].strip(), []).append(row[3])
    countries: dict[str, list[str]] = {}
    add = _beside(path, "add")
    if add is not None:
        for row in _csv_rows(_text(add)):
            if len(row) >= 5 and _clean(row[4]):
                countries.setdefault(row[0].strip(), []).append(_clean(row[4]))
    entries = []
    for n, row in enumerate(_csv_rows(text), 1):
        if len(row) != len(SDN_COLUMNS):
            raise WatchFileError(
                f"{path}: line {n} has {len(row)} columns; an SDN file has {len(SDN_COLUMNS)} "
                f"({', '.join(SDN_COLUMNS)})"
            )
        ent, main = row[0].strip(), _clean(row[1])
        if not main:
            raise WatchFileError(f"{path}: line {n} (ent_num {ent}) has no SDN_Name")
        entries.append(
            ParsedEntry(
                key=ent,
                name=main,
                aliases=_unique(aliases.get(ent, []), main),
                kind=_kind(_clean(row[2]) or "entity"),  # "-0-": an entity
                entry_type=_clean(row[2]) or "Entity",
                countries=_unique_codes(countries.get(ent, [])),
                programs=[p for p in re.split(r"\]\s*\[|[\[\]]", row[3]) if _clean(p)],
                source_list="Specially Designated Nationals (SDN) - Treasury Department",
                remarks=_clean(row[11]),
            )
        )  # fmt: skip
    return ParsedList(name="OFAC SDN", source="sdn", list_date=_file_day(path), entries=entries)


def _beside(path: Path, stem: str) -> Path | None:
    """alt.csv / add.csv beside sdn.csv (any case; "sdn_alt.csv" style too)."""
    for candidate in path.parent.iterdir():
        low = candidate.name.lower()
        if candidate != path and low.endswith(".csv") and low.removesuffix(".csv").endswith(stem):
            return candidate
    return None


# --- plain lists -------------------------------------------------------------------------------
def _sniff(text: str) -> type[csv.Dialect] | csv.Dialect:
    first = text.split("\n", 1)[0]
    return csv.excel_tab if first.count("\t") > first.count(",") else csv.excel


_ALIAS_SPLIT = re.compile(r"\s*[|;]\s*")


def _plain(path: Path, text: str) -> ParsedList:
    entries: list[ParsedEntry] = []
    keys: set[str] = set()

    def add(main: str, aliases: list[str], n: int, **extra: Any) -> None:
        main = _clean(main)
        if not main:
            return
        key = extra.pop("key", "") or main.casefold()
        if key in keys:
            return  # the same name twice: one entry
        keys.add(key)
        entries.append(ParsedEntry(key=key, name=main, aliases=_unique(aliases, main), **extra))

    if path.suffix.lower() in (".csv", ".tsv"):
        rows = list(csv.reader(io.StringIO(text), dialect=_sniff(text)))
        header = [c.strip().lower() for c in rows[0]] if rows else []
        if "name" in header:
            col = {h: i for i, h in enumerate(header)}

            def cell(row: list[str], key: str) -> str:
                i = col.get(key)
                return row[i] if i is not None and i < len(row) else ""

            for n, row in enumerate(rows[1:], 2):
                names = _ALIAS_SPLIT.split(cell(row, "name"))
                add(names[0], names[1:] + _ALIAS_SPLIT.split(cell(row, "aliases")), n,
                    key=_clean(cell(row, "id")),
                    kind=_kind(cell(row, "kind") or cell(row, "type")),
                    entry_type=_clean(cell(row, "kind") or cell(row, "type")),
                    countries=[c for c in _ALIAS_SPLIT.split(cell(row, "country")) if c],
                    programs=[p for p in _ALIAS_SPLIT.split(cell(row, "programs")) if p],
                    remarks=_clean(cell(row, "remarks")))  # fmt: skip
        else:
            for n, row in enumerate(rows, 1):
                cells = [c for r in row for c in _ALIAS_SPLIT.split(r) if c.strip()]
                if cells and not cells[0].lstrip().startswith("#"):
                    add(cells[0], cells[1:], n)
    else:
        for n, line in enumerate(text.splitlines(), 1):
            if line.strip() and not line.lstrip().startswith("#"):
                names = line.split("|")
                add(names[0], names[1:], n)
    return ParsedList(
        name=path.stem.replace("_", " ").strip() or path.name,
        source="plain",
        list_date=_file_day(path),
        entries=entries,
    )
