"""A command loads only its own module: the table saying which module registers each command
must match what the modules register, and the smaller parser must read argv as the whole one."""

from __future__ import annotations

import argparse
from importlib import import_module

import pytest

from tracker.cli.main import COMMAND_MODULE, COMMAND_MODULES, build_parser, command_module


def _registered(module: str) -> set[str]:
    parser = argparse.ArgumentParser()
    import_module(f"tracker.cli.{module}").register(parser.add_subparsers())
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return set(action.choices)


def test_the_command_table_names_every_command_with_the_module_that_registers_it():
    registered = {name: module for module in COMMAND_MODULES for name in _registered(module)}
    assert COMMAND_MODULE == registered


@pytest.mark.parametrize(
    "argv, module",
    [
        (["show", "bou.akt"], "value_commands"),
        (["--db", "x.db", "show", "bou.akt", "--unit", "E05"], "value_commands"),
        (["--db=x.db", "import", "f.csv"], "io_commands"),
        (["--unit", "show", "--year", "2024"], None),  # "show" is the value of --unit: no command
        (["--help"], None),
        (["-h", "show"], None),
        (["nope"], None),
        ([], None),
        (["--db"], None),
        (["measures", "show", "bou.akt"], "catalog_commands"),
    ],
)
def test_the_command_is_found_past_the_options_before_it(argv, module):
    assert command_module(argv) == module


@pytest.mark.parametrize(
    "argv",
    [
        ["show", "bou.akt", "--unit", "E05", "--year", "2025", "--format", "csv"],
        ["--db", "x.db", "set", "E05", "bou.akt", "2025-01", "3", "--force"],
        ["import", "f.csv", "--dry-run"],
        ["units", "add", "E1", "Enhet 1"],
        ["report", "--year", "2025"],
    ],
)
def test_the_command_s_own_parser_reads_argv_as_the_whole_parser_does(argv):
    whole = vars(build_parser().parse_args(argv))
    own = vars(build_parser(command_module(argv)).parse_args(argv))
    assert own == whole
