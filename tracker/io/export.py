"""Exporting a unit's year: xlsx (the grid, one sheet per unit), CSV in long format, Markdown.

The xlsx holds the grid as people read it (months as columns, parts indented, the period
summary and the comparison with last year), with numbers stored as numbers. It also carries the
codes (unit, measure, part) so that `tracker import` can read it back exactly. The long CSV has
one row per stored value. With a masking threshold, small values and the cells that would give
them away are masked the same way in every format (see core.masking).

What an export holds is gathered by tracker.io.export_data, masked by tracker.io.export_masking
and written by the format's module of the registry in tracker.io.formats.
"""

from __future__ import annotations

from pathlib import Path

from tracker.core.masking import check_threshold
from tracker.io.export_data import Export, gather_export
from tracker.io.export_masking import decide_masking
from tracker.io.formats import EXPORT_FORMATS, export_format


def default_filename(unit_code: str, year: int, fmt: str) -> str:
    """"tracker-IFO.BOU-2023.xlsx"."""
    return f"tracker-{unit_code}-{year}{EXPORT_FORMATS[fmt].suffix}"


def build_export(
    store, unit_code: str, year: int, mask_below: int | None = None, with_rows: bool = True
) -> Export:
    """Collect the rows of the unit and the units below it, and decide what to mask.

    Without `with_rows` the sheets hold the stored values and the order of their measures but
    no rows: enough for the long CSV, which writes stored values only, and much quicker.
    """
    export = gather_export(store, unit_code, year, mask_below, with_rows)
    if mask_below:
        check_threshold(mask_below)
        export.masked = decide_masking(store, export, mask_below)
    return export


def render_text(store, unit_code: str, year: int, fmt: str, mask_below: int | None = None) -> str:
    """The export in a text format (CSV or Markdown) as text (for standard output)."""
    format_ = export_format(fmt)
    if not format_.text:
        raise ValueError(f"not a text format: {fmt}")
    return format_.render(build_export(store, unit_code, year, mask_below, with_rows=format_.needs_rows))


def export_unit_year(
    store,
    unit_code: str,
    year: int,
    fmt: str = "xlsx",
    out: Path | None = None,
    mask_below: int | None = None,
    charts: tuple[str, ...] = (),
) -> Path:
    """Write a unit's year as xlsx, csv or md and return the file's path (xlsx with a chart of the
    `charts` measures' months under each sheet).

    Without `out` the file is named tracker-<unit>-<year>.<ext> in the current folder. A unit
    above enhet level gets its roll-up and every unit below it (one sheet each in xlsx).
    """
    format_ = export_format(fmt)
    unit = store.units.find(unit_code)
    path = Path(out) if out is not None else Path.cwd() / default_filename(unit.code, year, fmt)
    export = build_export(store, unit.code, year, mask_below, with_rows=format_.needs_rows)
    export.charts = tuple(charts)
    return format_.write(export, path, store.login)
