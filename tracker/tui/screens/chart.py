"""Diagram: one grid row over the last years, month by month (a line per year) and the year values as
bars, drawn by io.chart_drawing.draw_chart, the drawing `tracker chart` prints too."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container
from textual.screen import Screen
from textual.widgets import Label, Static
from textual_plotext import PlotextPlot

from tracker.core.chart import DEFAULT_YEARS, ChartData, chart_data, has_values
from tracker.io.chart_drawing import draw_chart
from tracker.tui.keybar import KeyBar

# Both views are shown when there is room for both to be read: stacked from this height, side by
# side from this width; otherwise one at a time, switched with a key.
STACKED_FROM_HEIGHT = 34
SIDE_BY_SIDE_FROM_WIDTH = 140


def read_chart(store, unit_code: str, measure_code: str, part: str, year: int,
               years: int = DEFAULT_YEARS) -> ChartData:
    """The chart of a unit's row (a measure, or a part of it) for the years up to `year`, from the store."""
    unit = store.units.get(unit_code)
    catalog = store.catalog_for(unit_code)
    scope = store.scope(unit_code, list(range(year - years + 1, year + 1)), measures=[measure_code])
    return chart_data(catalog, scope, catalog.get(measure_code), year, years, part, unit.name)


class ChartPlot(PlotextPlot):
    """One view of a chart in a textual-plotext widget, drawn in the app's theme (again when it changes)."""

    def __init__(self, chart: ChartData, view: str, color: bool, **kwargs) -> None:
        super().__init__(**kwargs)
        self.chart = chart
        self.chart_view = view
        self.color = color

    def on_mount(self) -> None:
        # drawn once PlotextPlot's own on_mount (after this one) has registered the app's theme with plotext
        self.call_later(self.draw)
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.call_later(self.draw))

    def draw(self) -> None:
        """Draw the view with the shared drawing of `tracker chart`."""
        draw_chart(self.plt, self.chart, self.chart_view, color=self.color,
                   theme=self._get_plotext_theme_name(self.app.theme))
        self.refresh()


class ChartScreen(Screen[None]):
    """The chart of one row of the grid; Esc goes back to the grid."""

    BINDINGS = [
        Binding("escape", "close", "Tillbaka", key_display="Esc", tooltip="Tillbaka till rutnätet", id="chart.close"),
        Binding("v", "switch_view", "Byt vy", tooltip="Växla mellan månad för månad och värdet per år",
                id="chart.view"),
    ]
    HELP_KEYS = [
        ("Linjer", "Ett år per linje, månad för månad; rutnätets år ritas sist och tydligast"),
        ("Staplar", "Årets värde efter måttets typ (summa, snitt, vid årets slut, andel)"),
        ("Luckor", "En månad utan värde är en lucka i linjen, inte en nolla"),
    ]

    def __init__(self, chart: ChartData) -> None:
        super().__init__()
        self.chart = chart
        self.view = "months" if chart.has_months else "years"
        self.layout_mode = "single"

    def compose(self) -> ComposeResult:
        yield Label(Text(self.chart.heading, style="bold"), id="chart-title")
        if has_values(self.chart):
            color = not self.app.no_color
            with Container(id="chart-plots"):
                if self.chart.has_months:
                    yield ChartPlot(self.chart, "months", color, id="chart-months")
                yield ChartPlot(self.chart, "years", color, id="chart-years")
        else:
            yield Static(
                f"Inga värden för ”{self.chart.heading}” {self.chart.years[0]}–{self.chart.years[-1]}.",
                id="chart-empty",
            )
        if self.chart.notes:
            yield Static(Text("\n".join(self.chart.notes)), id="chart-notes")
        yield KeyBar()

    def on_mount(self) -> None:
        self._arrange(self.app.size.width, self.app.size.height)

    def on_resize(self, event: events.Resize) -> None:
        self._arrange(event.size.width, event.size.height)

    def _arrange(self, width: int, height: int) -> None:
        """Both views when there is room for them, else the chosen one."""
        if not self.chart.has_months or not has_values(self.chart):
            mode = "single"
        elif height >= STACKED_FROM_HEIGHT:
            mode = "stacked"
        elif width >= SIDE_BY_SIDE_FROM_WIDTH:
            mode = "side"
        else:
            mode = "single"
        self.layout_mode = mode
        for plots in self.query("#chart-plots"):
            plots.set_classes(f"-{mode}")
        for plot in self.query(ChartPlot):
            plot.display = mode != "single" or plot.id == f"chart-{self.view}"
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Switching views is offered only while one view is shown at a time."""
        if action == "switch_view":
            return self.layout_mode == "single" and self.chart.has_months and has_values(self.chart)
        return True

    def action_switch_view(self) -> None:
        """Show the other view: month by month, or the year values."""
        self.view = "years" if self.view == "months" else "months"
        self._arrange(self.app.size.width, self.app.size.height)

    def action_close(self) -> None:
        """Back to the grid."""
        self.dismiss(None)

