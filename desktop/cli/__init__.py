"""The `casefile` command line: the same services as the window, headless.

Every sub-command lives in its own module under ``desktop.cli`` and exposes
``register(subparsers, common)``; the handler it sets returns the exit code:
0 on success, 1 when part of the work failed, 2 on bad usage or bad input.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from desktop import __version__
from desktop.cli import (
    case_cmd,
    copy_cmd,
    export_cmd,
    extract_cmd,
    graph_cmd,
    import_cmd,
    library_cmd,
    never_suggest_cmd,
    print_cmd,
    reindex_cmd,
    search_cmd,
    show_cmd,
    timeline_cmd,
    watch_cmd,
)
from desktop.cli.common import EXIT_PARTIAL, EXIT_USAGE, CliError, common_parser

DESKTOP_ENTRY_FLAGS = ("--install-desktop-entry", "--uninstall-desktop-entry")
# Order here is the order in `casefile --help`.
COMMAND_MODULES = (
    import_cmd,
    extract_cmd,
    show_cmd,
    case_cmd,
    search_cmd,
    reindex_cmd,
    graph_cmd,
    timeline_cmd,
    print_cmd,
    export_cmd,
    library_cmd,
    copy_cmd,
    watch_cmd,
    never_suggest_cmd,
)


def build_parser() -> argparse.ArgumentParser:
    common = common_parser()
    parser = argparse.ArgumentParser(
        prog="casefile",
        description="Casefile: case files for trade-policy analysts. "
        "Without a sub-command, opens the window.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"casefile {__version__}")
    desktop = parser.add_mutually_exclusive_group()
    desktop.add_argument("--install-desktop-entry", action="store_true",
                         help="add Casefile to this user's application menu, with its icon, and "
                         "open .casefile files with it")  # fmt: skip
    desktop.add_argument("--uninstall-desktop-entry", action="store_true",
                         help="remove what --install-desktop-entry added")  # fmt: skip
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(sub, common)
    return parser


LIBRARY_SUFFIX = ".casefile"


def _opens_window(argv: list[str]) -> bool:
    """No sub-command and no --help: the user wants the window (on the library file given,
    if any: `casefile PATH.casefile`, what a file manager runs on a double-click)."""
    rest = list(argv)
    while rest:
        arg = rest.pop(0)
        if arg in ("-h", "--help", "--version", *DESKTOP_ENTRY_FLAGS):
            return False
        if arg == "--db":
            rest = rest[1:]
        elif not arg.startswith("-") and not arg.lower().endswith(LIBRARY_SUFFIX):
            return False
    return True


def _window_library(argv: list[str]) -> str | None:
    """The library the window opens: PATH.casefile or --db (both: a usage error)."""
    parser = common_parser()
    parser.add_argument("library", nargs="?", default=None)
    known = parser.parse_args(argv)
    db = getattr(known, "db", None)
    if known.library and db:
        raise CliError("name the library once: PATH.casefile or --db PATH")
    return str(known.library or db or "") or None


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if _opens_window(argv):
        # Start-up time matters here: skip loading every sub-command's modules.
        try:
            db = _window_library(argv)
        except CliError as exc:
            print(f"casefile: {exc}", file=sys.stderr)
            return exc.code
        except SystemExit as exc:  # argparse: bad usage
            return int(exc.code or 0)
        from desktop.ui.app import run_app

        return run_app(db=db)
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on bad usage, 0 on --help
        return int(exc.code or 0)
    if args.install_desktop_entry or args.uninstall_desktop_entry:
        from desktop.cli import desktop_entry

        if args.command:
            print("casefile: the desktop-entry options take no command", file=sys.stderr)
            return EXIT_USAGE
        return desktop_entry.run(remove=args.uninstall_desktop_entry)
    if not getattr(args, "handler", None):
        from desktop.ui.app import run_app

        return run_app(db=getattr(args, "db", None))
    try:
        return int(args.handler(args) or 0)
    except CliError as exc:
        print(f"casefile: {_safe(str(exc))}", file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        print("casefile: interrupted", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0
    except Exception as exc:  # noqa: BLE001 - last resort: a message, never a traceback
        from desktop.store.db import LibraryBusy, LibraryError

        if isinstance(exc, LibraryError):
            print(f"casefile: {_safe(str(exc))}", file=sys.stderr)
            return EXIT_PARTIAL if isinstance(exc, LibraryBusy) else EXIT_USAGE
        raise


def _safe(text: str) -> str:
    """Error messages name files and items: their control characters are shown escaped."""
    from desktop.extract.untrusted import terminal_safe

    return terminal_safe(text)
