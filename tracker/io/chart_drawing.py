"""Drawing a chart (core.chart.ChartData) with plotext: the one drawing function `tracker chart` and
the TUI share. It never imports plotext itself: the caller hands it the plotting object."""

from __future__ import annotations

from tracker.core.chart import ChartData

VIEWS = ("months", "years")
# The current year takes the first colour and is drawn bold and last (on top); earlier years follow
# in quieter colours, newest first.
CURRENT_COLOR = "orange+"
EARLIER_COLORS = ("cyan", "green", "magenta", "blue+", "gray", "red")
# Without colour the years are told apart by marker; the current year by the heaviest one.
CURRENT_MARKER = "●"
EARLIER_MARKERS = ("+", "x", "o", "*", "·", "=", "#", "%", "&", "$", "~", "^", "@", "s")
COLOR_MARKER = "hd"
LEGEND_ROOM = 0.075  # headroom over the highest value per year in the legend, so that it covers no line
BAR_TEXTS_UP_TO = 6  # more bars than this leave too little room for a value over each


def draw_chart(plt, chart: ChartData, view: str = "months", *, color: bool = True, theme: str | None = None) -> None:
    """Draw one view of a chart on a plotext-like object, after clearing it.

    `plt` is the `plotext` module for `tracker chart`, or the `plt` of a
    `textual_plotext.PlotextPlot` widget in the TUI (the same API): the caller sets the size and
    builds (`plt.build()`) or renders it. `view` is "months" (each year month by month, one line a
    year; missing months are gaps) or "years" (the year values as bars). With `color` False no
    colour is used (NO_COLOR) and the years differ by marker. Annual measures have only "years".
    `theme` is the plotext theme to draw in (a textual-plotext widget's), set before anything is
    drawn, since the value texts over the bars keep the background of the theme they were drawn in.
    """
    if view not in VIEWS:
        raise ValueError(f"unknown view {view!r}")
    plt.clear_figure()  # which also resets the theme
    if not color:
        plt.theme("clear")
    elif theme:
        plt.theme(theme)
    if view == "months" and chart.has_months:
        _draw_months(plt, chart, color)
    else:
        _draw_years(plt, chart, color)


def _year_style(index_from_newest: int, current: bool, color: bool) -> dict:
    if current:
        return {"marker": COLOR_MARKER if color else CURRENT_MARKER, **({"color": CURRENT_COLOR, "style": "bold"}
                                                                        if color else {})}
    earlier = index_from_newest - 1
    marker = EARLIER_MARKERS[earlier % len(EARLIER_MARKERS)]
    if color:
        # once the colours come round again, the marker tells those years apart
        again = earlier >= len(EARLIER_COLORS)
        return {"marker": marker if again else COLOR_MARKER, "color": EARLIER_COLORS[earlier % len(EARLIER_COLORS)]}
    return {"marker": marker}


def _draw_months(plt, chart: ChartData, color: bool) -> None:
    newest_first = list(reversed(chart.lines))
    for line in chart.lines:
        style = _year_style(newest_first.index(line), line.current, color)
        label = str(line.year)
        for run in line.segments():
            months, values = [m for m, _v in run], [v for _m, v in run]
            # a lone month between gaps is a point; the legend is given once per year
            draw = plt.scatter if len(run) == 1 else plt.plot
            draw(months, values, label=label, **style)
            label = None
    if chart.month_target is not None:
        plt.horizontal_line(chart.month_target, color=CURRENT_COLOR if color else None)
    plt.xticks(list(range(1, 13)), list(chart.month_labels))
    plt.xlim(0.5, 12.5)
    _y_axis(plt, chart.line_ticks, legend=len(chart.lines))
    plt.title(chart.title)


def _draw_years(plt, chart: ChartData, color: bool) -> None:
    positions = list(range(1, len(chart.bars) + 1))
    newest_first = list(reversed(chart.bars))
    for x, bar in zip(positions, chart.bars, strict=True):
        if bar.value is None:
            continue  # a year without a value has no bar, not a bar of 0
        style = _year_style(newest_first.index(bar), bar.current, color)
        style.pop("style", None)
        plt.bar([x], [bar.value], width=0.6, color=style.get("color"), marker=None if color else style["marker"])
        if len(chart.bars) <= BAR_TEXTS_UP_TO:
            plt.text(bar.text, x, bar.value + _top(chart.bar_ticks) * 0.05, alignment="center")
    if chart.bar_target is not None:
        plt.horizontal_line(chart.bar_target, color=CURRENT_COLOR if color else None)
    plt.xticks(positions, [f"{b.year} ({b.coverage.split(' av ')[0]} mån)" if b.coverage else str(b.year)
                           for b in chart.bars])
    plt.xlim(0.4, len(positions) + 0.6)
    _y_axis(plt, chart.bar_ticks, legend=0, floor=0)
    plt.title(chart.bars_title)


def _top(ticks) -> float:
    return ticks[-1][0] if ticks else 1.0


def _y_axis(plt, ticks, legend: int, floor: float | None = None) -> None:
    """The y axis from the first tick (which is at or below every value) to above the last, with room
    for the value texts over bars or for a legend of several years."""
    if not ticks:
        return
    values = [t for t, _label in ticks]
    low = values[0] if floor is None else floor
    span = (values[-1] - low) or 1
    plt.ylim(low, values[-1] + span * (LEGEND_ROOM * legend if legend > 1 else 0.12))
    plt.yticks(values, [label for _t, label in ticks])
