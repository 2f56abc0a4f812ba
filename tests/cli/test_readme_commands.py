"""README.md documents every command and option that `tracker --help` and its sub-commands list."""

from __future__ import annotations

import argparse
import re

from tests.support import ROOT
from tracker.cli.main import build_parser

README = ROOT / "README.md"
# Options every command takes, documented once for all of them.
EVERY_COMMAND = ("-h", "--help", "--db")


def _commands(parser: argparse.ArgumentParser, path: tuple[str, ...] = ("tracker",)):
    """(path, parser) for the command and every sub-command below it, depth first."""
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _commands(sub, (*path, name))


def _named(text: str) -> re.Pattern:
    """`text` as whole words: `tracker report` is not found in `tracker report-month`, nor `--unit` in `--units`."""
    return re.compile(rf"(?<![\w-]){re.escape(text)}(?![\w-])")


def test_the_walk_finds_nested_sub_commands_and_their_options():
    commands = dict(_commands(build_parser()))
    assert ("tracker", "units", "rename") in commands and ("tracker", "users", "remove") in commands
    report = {o for a in commands[("tracker", "report")]._actions for o in a.option_strings}
    assert {"--mask-below", "--through", "--rows"} <= report


def test_every_command_and_option_of_tracker_help_is_in_the_readme():
    text = README.read_text("utf-8")
    lines = text.splitlines()
    missing = []
    for option in EVERY_COMMAND:
        if not _named(option).search(text):
            missing.append(f"`{option}`, which every command takes")
    for path, parser in _commands(build_parser()):
        command = " ".join(path)
        # a command's options belong on the lines that name it (its usage line in Commands, or the prose about it)
        about = [line for line in lines if _named(command).search(line)]
        if not about:
            missing.append(f"the command `{command}`")
            continue
        for action in parser._actions:
            for option in action.option_strings:
                if option not in EVERY_COMMAND and not any(_named(option).search(line) for line in about):
                    missing.append(f"`{option}` of `{command}`")
    assert not missing, "README.md does not document:\n" + "\n".join(missing)
