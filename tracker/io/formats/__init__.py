"""The registry of output formats: what `tracker export` and `tracker report` can write.

Each format has one module here: export_xlsx, export_csv and export_md write a unit's year
(tracker.io.export); report_table, report_md, report_csv and report_xlsx write the Volymutveckling
table (tracker.io.report). The command line's --format choices and its help come from these lists.
"""

from __future__ import annotations

from tracker.core.errors import InputError
from tracker.io.formats.format import Format

EXPORT_FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("xlsx", ".xlsx", "xlsx", "tracker.io.formats.export_xlsx", text=False),
        Format("csv", ".csv", "CSV (långt format)", "tracker.io.formats.export_csv", needs_rows=False),
        Format("md", ".md", "Markdown", "tracker.io.formats.export_md"),
    )
}
REPORT_FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("table", ".txt", "tabell", "tracker.io.formats.report_table", terminal=True),
        Format("md", ".md", "Markdown", "tracker.io.formats.report_md"),
        Format("csv", ".csv", "CSV", "tracker.io.formats.report_csv"),
        Format("xlsx", ".xlsx", "xlsx", "tracker.io.formats.report_xlsx", text=False),
    )
}


def listed(words: list[str]) -> str:
    """"a, b eller c"."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} eller {words[-1]}"


def export_format(name: str) -> Format:
    """The export format of a name, or the refusal that lists them."""
    found = EXPORT_FORMATS.get(name)
    if found is None:
        raise InputError(f"Formatet ”{name}” finns inte för export. Välj {listed(list(EXPORT_FORMATS))}.")
    return found


def report_format(name: str) -> Format:
    """The report format of a name, or the refusal that lists them."""
    found = REPORT_FORMATS.get(name)
    if found is None:
        raise InputError(f"Formatet ”{name}” finns inte för rapporten. Välj {listed(list(REPORT_FORMATS))}.")
    return found
