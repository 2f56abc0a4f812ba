"""argparse with Swedish headings and error messages, exiting 2 on bad usage."""

from __future__ import annotations

import argparse
import re
import sys

# argparse's own messages are English; the common ones are translated here.
_TRANSLATIONS = [
    (r"the following arguments are required: (.*)", "Det saknas argument: {0}."),
    (r"unrecognized arguments: (.*)", "Okända argument: {0}."),
    (r"argument (\S+): invalid choice: '?([^' ]*)'? \(choose from (.*)\)", "{0}: ”{1}” är inget giltigt val. Välj bland {2}."),
    (r"argument (\S+): expected one argument", "{0} behöver ett värde."),
    (r"argument (\S+): invalid (\w+) value: '(.*)'", "{0}: ”{2}” är inget giltigt värde."),
    (r"argument (\S+): not allowed with argument (\S+)", "{0} kan inte anges tillsammans med {1}."),
]


def swedish_error(message: str) -> str:
    """Translate an argparse error into Swedish (unknown ones pass through)."""
    for pattern, template in _TRANSLATIONS:
        match = re.fullmatch(pattern, message)
        if match:
            groups = [g.replace("'", "") for g in match.groups()]
            return template.format(*groups)
    return message


class SwedishHelpFormatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        # sub-command parsers pass prefix="" to build their prog; only the shown usage gets the word
        super().add_usage(usage, actions, groups, prefix="Användning: " if prefix is None else prefix)


class Parser(argparse.ArgumentParser):
    """ArgumentParser that speaks Swedish to the user."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", SwedishHelpFormatter)
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "argument"
        self._optionals.title = "flaggor"
        self.add_argument("-h", "--help", action="help", help="visa den här hjälpen och avsluta")

    def error(self, message: str):
        sys.stderr.write(f"tracker: {swedish_error(message)} Se `{self.prog} --help`.\n")
        raise SystemExit(2)
