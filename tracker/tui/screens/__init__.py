"""Standalone screens of the monthly reporting round and of reading the figures, for the grid app to push.

ReportMonthScreen(store, unit_code, month) – Rapportera månad, dismisses True when saved.
StatusScreen(store, year, unit_code=None)   – Inrapportering, enheter × months.
HistoryScreen(store, unit, measure, part, period) – Historik and comments of one cell.
ChartScreen(chart)                          – Diagram of one row over the years (read_chart).
DrillDownScreen(store, unit, cell)          – Bakom summan: the units behind a roll-up cell.
OverviewScreen(store, unit, month)          – Översikt: the key rows of a month and the year so far.
"""

from tracker.tui.screens.chart import ChartScreen
from tracker.tui.screens.drilldown import DrillDownScreen
from tracker.tui.screens.history import HistoryScreen
from tracker.tui.screens.overview import OverviewScreen
from tracker.tui.screens.report_month import ReportMonthScreen
from tracker.tui.screens.status import StatusScreen

__all__ = ["ChartScreen", "DrillDownScreen", "HistoryScreen", "OverviewScreen", "ReportMonthScreen", "StatusScreen"]
