"""What every sub-command shares: --db, --json, output and errors."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE = 0, 1, 2


class CliError(Exception):
    """A message for the user and the exit code that goes with it."""

    def __init__(self, message: str, code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.code = code


def common_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="library file to open (default: $CASEFILE_DB or the user data directory)",
    )
    common.add_argument(
        "--json", action="store_true", default=argparse.SUPPRESS, help="print a JSON document"
    )
    return common


def wants_json(args: argparse.Namespace) -> bool:
    return bool(getattr(args, "json", False))


def emit(args: argparse.Namespace, document: Any, human: Callable[[], str]) -> None:
    """Print the JSON document with --json, otherwise the human text."""
    if wants_json(args):
        json.dump(json_safe(document), sys.stdout, ensure_ascii=False, indent=2, default=str)
        sys.stdout.write("\n")
    else:
        from desktop.extract.untrusted import terminal_safe

        text = human()
        if text:
            print(terminal_safe(text))


def json_safe(value: Any) -> Any:
    """The document with every string valid Unicode (a non-UTF-8 file name is surrogate-
    escaped text that would make the output invalid UTF-8)."""
    from desktop.extract.untrusted import printable_name

    if isinstance(value, str):
        return printable_name(value)
    if isinstance(value, dict):
        return {json_safe(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_safe(v) for v in value]
    return value


@contextmanager
def open_library(args: argparse.Namespace) -> Iterator[Any]:
    """The library named by --db / $CASEFILE_DB / the default, opened and migrated."""
    from desktop.extract.untrusted import terminal_safe
    from desktop.store.db import UPGRADE_NOTICE, Library, resolve_db_url

    def upgrading(name: str) -> None:  # on stderr: --json output stays clean on stdout
        print(UPGRADE_NOTICE.format(name=terminal_safe(name)), file=sys.stderr, flush=True)

    library = Library.open(resolve_db_url(getattr(args, "db", None)), on_upgrade=upgrading)
    try:
        yield library
    finally:
        library.close()


def item_or_fail(session: Any, text: str) -> Any:
    """ITEM as the user typed it (id, 10-digit article ID, name or alias), or a CliError (exit 2)
    saying what is wrong."""
    from desktop.services.library import resolve_item

    try:
        return resolve_item(session, text)
    except LookupError as exc:
        raise CliError(str(exc)) from exc


def case_or_fail(session: Any, text: str) -> int:
    """A case by id or title, or a CliError (exit 2) naming what was not found."""
    from desktop.services.cases import CaseNotFound, find_case

    try:
        return find_case(session, text)
    except CaseNotFound as exc:
        raise CliError(str(exc)) from exc


def add_sections_argument(parser: argparse.ArgumentParser) -> None:
    """`--sections` of `print` and `export`: which parts of the case summary to include."""
    from desktop.services.report import SECTIONS

    parser.add_argument(
        "--sections", nargs="+", metavar="SECTION",
        help=f"sections to include (default: all): {', '.join(SECTIONS)}",
    )  # fmt: skip


def sections_or_fail(values: list[str] | None) -> list[str] | None:
    """`--sections people evidence` and `--sections people,evidence` both work."""
    if not values:
        return None
    from desktop.services.export import chosen_sections

    names = [part.strip() for value in values for part in value.split(",") if part.strip()]
    try:
        return chosen_sections(names)
    except ValueError as exc:
        raise CliError(str(exc)) from exc


def output_or_fail(path: str) -> Path:
    """A first look at the output path (a folder, a link, a device: exit 2 before any work);
    the writer checks again, against the open library's files, before it replaces anything."""
    from desktop.store.safe_output import UnsafeOutput, check_output

    try:
        return check_output(path)
    except UnsafeOutput as exc:
        raise CliError(str(exc)) from exc
