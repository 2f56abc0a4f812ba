"""One way to write an export or a report: its name, file suffix, description and module."""

from __future__ import annotations

from importlib import import_module
from pathlib import Path
from typing import NamedTuple


class Format(NamedTuple):
    """A format of the registry (tracker.io.formats).

    Its module is imported when the format is used, so listing the formats (for the command
    line's choices) loads none of them. A text format's module has `render(data) -> str`; any
    other has `save(data, path, login) -> Path`. A format shown on the terminal also has
    `show(data, console)` for standard output.
    """

    name: str  # as given to --format
    suffix: str  # of the file written, with its dot
    description: str  # in Swedish, for the help texts
    module: str
    text: bool = True
    needs_rows: bool = True  # an export: the grid's rows are computed (the long CSV needs stored values only)
    terminal: bool = False  # printed through the terminal's console when no file is given

    def _module(self):
        return import_module(self.module)

    def render(self, data) -> str:
        """The whole output of a text format as text."""
        return self._module().render(data)

    def show(self, data, console) -> None:
        """Print a terminal format to a rich console."""
        self._module().show(data, console)

    def write(self, data, path: Path, login: str = "") -> Path:
        """Write the data to a file in this format; returns its path."""
        path = Path(path)
        if not self.text:
            return self._module().save(data, path, login)
        path.write_text(self.render(data), encoding="utf-8")
        return path
