"""Native Excel charts (openpyxl.chart) in the xlsx files: the months of the rows a user marks on
each sheet of an export, and this year against last year for the rows of the Volymutveckling report.

The charts refer to the cells the writers put in the sheet, so a reader who corrects a figure sees
the chart follow. Rows are charted together only when they share a unit (ärenden with ärenden,
dygn with dygn), one chart per unit; a row with a masked or missing-as-text cell is left out and
the sheet says so, because Excel would draw the text as a zero.
"""

from __future__ import annotations

from tracker.core.catalog import Measure
from tracker.core.errors import InputError
from tracker.io.xlsx_style import COUNT_FORMAT, PERCENT_FORMAT

CHART_ROWS = 16  # the rows a chart of the default size (7.5 cm) covers, with a row of space
MONTH_COLUMNS = range(4, 16)  # jan … dec in the export sheet (after Mått, Kod, Del)


def check_chart_measures(catalog, text: str | None) -> list[str]:
    """The codes of `--chart MÅTT[,MÅTT…]`: measures of the catalog that have months to draw."""
    if text is None:
        return []
    keys = [k.strip() for k in text.split(",") if k.strip()]
    if not keys:
        raise InputError("--chart är tom. Ange mått åtskilda med komma, t.ex. --chart bou.akt,bou.utr.pagaende.")
    codes = []
    for key in keys:
        measure = catalog.find(key)
        if measure.is_annual:
            raise InputError(
                f"”{measure.name}” är ett årsmått och har inga månader att rita. Välj mått som anges per månad."
            )
        if measure.code not in codes:
            codes.append(measure.code)
    return codes


def _unit_groups(items: list[tuple[Measure, int]]) -> list[list[tuple[Measure, int]]]:
    groups: dict[tuple[str, bool], list] = {}
    for measure, row in items:
        groups.setdefault((measure.unit, measure.is_percent), []).append((measure, row))
    return list(groups.values())


def _axis_format(measure: Measure) -> str:
    return PERCENT_FORMAT if measure.is_percent else COUNT_FORMAT


def _finish(chart, ws, header_row: int, first_col: int, last_col: int) -> None:
    """Text categories from the header cells, both axes shown, and a legend only for several series."""
    from openpyxl.chart.data_source import AxDataSource, StrRef
    from openpyxl.utils import get_column_letter, quote_sheetname

    cells = f"{quote_sheetname(ws.title)}!${get_column_letter(first_col)}${header_row}:${get_column_letter(last_col)}${header_row}"
    for series in chart.series:
        series.cat = AxDataSource(strRef=StrRef(f=cells))  # month names and column heads are text
    # without these, newer Excel leaves the axes out of an openpyxl chart
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    if len(chart.series) == 1:
        chart.legend = None
    else:
        chart.legend.position = "b"


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def add_month_charts(ws, measures: list[Measure], header_row: int, title: str) -> None:
    """Line charts of the marked measures' rows (their totals) on an export sheet, month by month;
    an empty month stays a gap. `title` names the sheet's unit and year."""
    from openpyxl.chart import LineChart, Reference, Series

    wanted = {m.code: m for m in measures}
    found: list[tuple[Measure, int]] = []
    left_out: list[str] = []
    for r in range(header_row + 1, ws.max_row + 1):
        code, part = ws.cell(r, 2).value, ws.cell(r, 3).value
        if code not in wanted or part:
            continue
        cells = [ws.cell(r, c).value for c in MONTH_COLUMNS]
        if any(v is not None and not _is_number(v) for v in cells):
            left_out.append(wanted[code].name)
        else:
            found.append((wanted[code], r))
    if not found and not left_out:
        return
    anchor = ws.max_row + 2
    for group in _unit_groups(found):
        chart = LineChart()
        first = group[0][0]
        chart.title = f"{first.name if len(group) == 1 else first.unit.capitalize() + ' per månad'} · {title}"
        chart.y_axis.title = "procent" if first.is_percent else first.unit
        chart.y_axis.number_format = _axis_format(first)
        chart.display_blanks = "gap"
        chart.width = 24
        for measure, r in group:
            months = Reference(ws, min_col=MONTH_COLUMNS[0], max_col=MONTH_COLUMNS[-1], min_row=r)
            chart.series.append(Series(months, title=measure.name))
        _finish(chart, ws, header_row, MONTH_COLUMNS[0], MONTH_COLUMNS[-1])
        ws.add_chart(chart, f"A{anchor}")
        anchor += CHART_ROWS
    if left_out:
        ws.cell(anchor, 1, "Inte i diagrammet (maskerade värden): " + ", ".join(left_out) + ".")


def add_report_charts(ws, report, first_row: int) -> None:
    """Bar charts of the Volymutveckling rows, this year's outcome beside last year's, one chart per unit."""
    from openpyxl.chart import BarChart, Reference

    found: list[tuple[Measure, int]] = []
    left_out: list[str] = []
    for i, row in enumerate(report.rows):
        r = first_row + 1 + i
        values = [ws.cell(r, 2).value, ws.cell(r, 3).value]
        if all(_is_number(v) for v in values):
            found.append((row.measure, r))
        elif any(v is not None for v in values):
            left_out.append(row.name)
    if not found:
        return
    heads = report.headers
    anchor = ws.max_row + 2
    for group in _unit_groups(found):
        chart = BarChart()
        chart.type = "col"
        unit = group[0][0].unit
        chart.title = f"{heads[1]} och {heads[2].removeprefix('Utfall ')} · {'procent' if group[0][0].is_percent else unit}"
        chart.y_axis.number_format = _axis_format(group[0][0])
        chart.width, chart.height = 24, 9
        for _measure, r in group:
            chart.add_data(Reference(ws, min_col=1, max_col=3, min_row=r), from_rows=True, titles_from_data=True)
        _finish(chart, ws, first_row, 2, 3)
        ws.add_chart(chart, f"A{anchor}")
        anchor += CHART_ROWS + 3
    if left_out:
        ws.cell(anchor, 1, "Inte i diagrammet (maskerade eller saknade värden): " + ", ".join(left_out) + ".")
