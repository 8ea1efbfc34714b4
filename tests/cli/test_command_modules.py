"""Each command is served by the module named for it, so `casefile X` is found in X_cmd.py."""

from __future__ import annotations

import argparse

from desktop.cli import build_parser

#: commands that share a module on purpose (the same subject): command -> module stem
GROUPED = {"path": "graph", "backup": "library", "info": "library", "check": "library",
           "never-suggest": "never_suggest"}  # fmt: skip


def _commands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(sub.choices)


def test_each_command_lives_in_the_module_named_for_it() -> None:
    wrong: list[tuple[str, str]] = []
    for name, parser in _commands().items():
        handler = parser.get_default("handler")
        if handler is None:  # a command with sub-commands (case, watch): their handlers
            sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
            handlers = [p.get_default("handler") for p in sub.choices.values()]
        else:
            handlers = [handler]
        expected = f"desktop.cli.{GROUPED.get(name, name)}_cmd"
        wrong += [(name, h.__module__) for h in handlers if h.__module__ != expected]
    assert wrong == []


def test_the_renamed_commands_are_served_where_their_names_say() -> None:
    commands = _commands()
    for name in ("export", "extract", "reindex"):
        assert commands[name].get_default("handler").__module__ == f"desktop.cli.{name}_cmd"
