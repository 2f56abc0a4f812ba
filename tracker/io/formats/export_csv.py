"""The long CSV of an export: one row per stored value of every enhet (unit, measure, part, period,
value), which `tracker import` reads back."""

from __future__ import annotations

import io

from tracker.core.masking import mask_text
from tracker.core.periods import Month
from tracker.io.export_data import Export, plain_number
from tracker.io.formats.heads import CSV_FIELDS
from tracker.io.safe_cells import SafeCsvWriter


def render(export: Export) -> str:
    """Long format: one row per stored value of every enhet in the export (unit, measure, part, period, value)."""
    buf = io.StringIO()
    writer = SafeCsvWriter(buf, lineterminator="\n")
    writer.writerow(CSV_FIELDS)
    catalog_order = _catalog_order(export)
    masked = export.masked
    texts: dict = {}  # a period's text, made once per period

    def text_of(period) -> str:
        text = texts.get(period)
        if text is None:
            text = texts[period] = str(period)
        return text

    for sheet in export.sheets:
        if not sheet.unit.is_enhet:
            continue
        u = sheet.unit.code

        def order(item):
            (code, part, period), _v = item
            month = period.month if type(period) is Month else 0
            return (catalog_order.get(code, 10_000), code, part, month)

        rows = []
        for (code, part, period), value in sorted(sheet.stored.items(), key=order):
            state = masked.get((u, code, part, period.month if type(period) is Month else "cur")) if masked else None
            shown = mask_text(state, export.mask_below) if state else plain_number(value)
            rows.append((u, code, part, text_of(period), shown))
        writer.writerows(rows)
    return buf.getvalue()


def _catalog_order(export: Export) -> dict[str, int]:
    """Each measure's place: the index of its first row in the first sheet that shows it."""
    order: dict[str, int] = {}
    for sheet in export.sheets:
        i = 0  # the index of the measure's first row in the sheet (a total, then its parts)
        for measure in sheet.measures:
            order.setdefault(measure.code, i)
            i += 1 + len(measure.parts)
    return order
