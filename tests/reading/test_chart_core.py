"""The chart's data, by hand-computed figures: gaps for missing months, year values by kind, a ratio
as Σ/Σ, annual bars, a break inside the years shown; and the drawing function on a recording plt."""


import pytest

from tracker.core.catalog import Catalog, SeriesBreak, standard_catalog
from tracker.core.chart import chart_data, check_part, check_years, has_values, nice_ticks
from tracker.core.errors import InputError
from tracker.core.periods import Month
from tracker.core.scope import Scope, roll_up
from tracker.core.stats import NOT_SUMMABLE
from tracker.io.chart_drawing import draw_chart

CATALOG = standard_catalog()


def scope(values: dict) -> Scope:
    """A scope from {(code, part): {period: value}}."""
    return Scope({(code, part, period): v for (code, part), series in values.items() for period, v in series.items()})


def test_missing_months_are_gaps_and_the_year_value_sums_only_what_is_there():
    data = scope({("bou.akt", ""): {Month(2025, 1): 10, Month(2025, 3): 12, Month(2024, 1): 0}})
    chart = chart_data(CATALOG, data, CATALOG.get("bou.akt"), 2025, years=2, unit_name="Mottagning")
    last = chart.lines[-1]
    assert last.year == 2025 and last.current and last.values[:4] == (10, None, 12, None)
    assert last.segments() == [[(1, 10)], [(3, 12)]]  # February is missing: never joined, never 0
    assert chart.lines[0].values[0] == 0 and chart.lines[0].segments() == [[(1, 0)]]  # a reported 0 is a value
    assert [(b.year, b.value, b.text, b.coverage) for b in chart.bars] == [
        (2024, 0, "0", "1 av 12 mån"), (2025, 22, "22", "2 av 12 mån"),
    ]
    assert chart.heading == "Aktualiseringar barn och unga 0–17 år · Mottagning"
    assert chart.title == "Ärenden per månad, 2024–2025"
    assert chart.bars_title == "Summa per år · 2025: 22 ärenden (2 av 12 mån)"
    assert chart.month_labels[:3] == ("jan", "feb", "mars")
    assert "2024 har värden för 1 av 12 månader." in chart.notes


def test_a_ratio_is_drawn_in_percent_and_its_year_is_sum_over_sum():
    data = scope({
        ("bou.fhb.14d", ""): {Month(2025, 1): 90, Month(2025, 2): 150},
        ("bou.fhb", ""): {Month(2025, 1): 100, Month(2025, 2): 300},
    })
    chart = chart_data(CATALOG, data, CATALOG.get("bou.fhb.andel14"), 2025, years=1)
    assert chart.lines[0].values[:3] == (90.0, 50.0, None)
    bar = chart.bars[0]
    assert bar.value == pytest.approx(60.0) and bar.text == "60,0 %"  # 240 / 400, not the mean of 90 and 50
    assert chart.title == "Procent per månad, 2025–2025"
    assert chart.bars_title == "Andel (Σ/Σ) per år · 2025: 60,0 % (2 av 12 mån)"
    assert chart.line_ticks[0][1].endswith(" %")


def test_a_stock_year_is_its_mean_and_kronor_are_drawn_in_thousands():
    pagaende = chart_data(CATALOG, scope({("bou.utr.pagaende", ""): {Month(2025, 1): 348, Month(2025, 2): 352}}),
                          CATALOG.get("bou.utr.pagaende"), 2025, years=1)
    assert pagaende.bars[0].value == 350 and pagaende.bars[0].text == "350,0"
    kronor = chart_data(CATALOG, scope({("eb.belopp", ""): {Month(2025, 1): 4_200_000, Month(2025, 2): 4_350_500}}),
                        CATALOG.get("eb.belopp"), 2025, years=1)
    assert kronor.value_unit == "tkr" and kronor.lines[0].values[:2] == (4200.0, 4350.5)
    assert kronor.bars[0].text == "8 551" and kronor.bars_title.startswith("Summa per år · 2025: 8 551 tkr")


def test_an_annual_measure_has_only_bars_of_its_entered_values():
    data = scope({("bou.unika.fh", ""): {2023: 119, 2024: 100}})
    chart = chart_data(CATALOG, data, CATALOG.get("bou.unika.fh"), 2025, years=3)
    assert not chart.has_months and chart.lines == ()
    assert [(b.year, b.value) for b in chart.bars] == [(2023, 119), (2024, 100), (2025, None)]
    assert chart.title == "Individer per år, 2023–2025"


def test_an_annual_measure_of_a_roll_up_is_not_summed():
    rolled = roll_up({"A": {("bou.unika.fh", "", 2024): 50}, "B": {("bou.unika.fh", "", 2024): 60}})
    chart = chart_data(CATALOG, rolled, CATALOG.get("bou.unika.fh"), 2024, years=1)
    assert chart.bars[0].value is None and NOT_SUMMABLE in chart.notes and not has_values(chart)


def test_a_series_break_inside_the_years_shown_gets_a_note_and_one_at_the_start_does_not():
    vd = CATALOG.get("bou.vd.fh")._replace(breaks=(SeriesBreak(Month(2024, 1), "Ny definition"),))
    catalog = Catalog(CATALOG.sections, [vd if m.code == vd.code else m for m in CATALOG.measures])
    data = scope({("bou.vd.fh", ""): {Month(2023, 1): 2500, Month(2024, 1): 1900}})
    inside = chart_data(catalog, data, vd, 2024, years=2)
    assert any(n.startswith("Serieavbrott från januari 2024: Ny definition") for n in inside.notes)
    at_start = chart_data(catalog, data, vd, 2024, years=1)
    assert not any("Serieavbrott" in n for n in at_start.notes)


def test_a_part_is_drawn_on_its_own():
    data = scope({("bou.plac.fh.sol", "F"): {Month(2025, 1): 15}, ("bou.plac.fh.sol", "P"): {Month(2025, 1): 28}})
    measure = CATALOG.get("bou.plac.fh.sol")
    assert chart_data(CATALOG, data, measure, 2025, years=1, part="F").lines[0].values[0] == 15
    assert chart_data(CATALOG, data, measure, 2025, years=1).lines[0].values[0] == 43
    assert chart_data(CATALOG, data, measure, 2025, years=1, part="F").heading.endswith(", flickor")


def test_a_levels_target_is_drawn_over_the_months_and_a_flows_over_the_year_bars():
    andel = CATALOG.get("bou.fhb.andel14")._replace(targets=((2025, 0.9),))
    data = scope({("bou.fhb.14d", ""): {Month(2025, 1): 90}, ("bou.fhb", ""): {Month(2025, 1): 100}})
    chart = chart_data(CATALOG, data, andel, 2025, years=1)
    assert chart.month_target == pytest.approx(90) and chart.bar_target is None
    vd = CATALOG.get("bou.vd.fh")._replace(targets=((2025, 30000),))
    flow = chart_data(CATALOG, scope({("bou.vd.fh", ""): {Month(2025, 1): 2500}}), vd, 2025, years=1)
    assert flow.bar_target == 30000 and flow.month_target is None
    assert "Riktvärde 2025: 30 000 (den vågräta linjen över staplarna)." in flow.notes


def test_ticks_are_round_and_swedish():
    assert nice_ticks(182, 263) == ((180, "180"), (200, "200"), (220, "220"), (240, "240"), (260, "260"), (280, "280"))
    assert [label for _v, label in nice_ticks(0, 4213)] == ["0", "1 000", "2 000", "3 000", "4 000", "5 000"]
    assert nice_ticks(80.5, 92.3, suffix=" %")[1] == (82.5, "82,5 %")


@pytest.mark.parametrize("text", ["0", "16", "x", "-1", "2,5"])
def test_a_bad_number_of_years_is_refused(text):
    with pytest.raises(InputError, match="från 1 till 15"):
        check_years(text)


def test_a_part_must_belong_to_the_measure():
    assert check_part(CATALOG.get("bou.plac.fh.sol"), "f") == "F"
    with pytest.raises(InputError, match="inte uppdelat"):
        check_part(CATALOG.get("bou.akt"), "F")
    with pytest.raises(InputError, match="Ange F"):
        check_part(CATALOG.get("bou.plac.fh.sol"), "K")


class RecordingPlot:
    """Records what draw_chart asks of a plotext-like object."""

    def __init__(self):
        self.calls = []

    def __getattr__(self, name):
        return lambda *args, **kwargs: self.calls.append((name, args, kwargs))


def test_the_drawing_joins_no_missing_month_and_without_colour_tells_years_apart_by_marker():
    data = scope({("bou.akt", ""): {Month(2025, 1): 10, Month(2025, 3): 12, Month(2025, 4): 14,
                                    Month(2024, 1): 9, Month(2024, 2): 11}})
    chart = chart_data(CATALOG, data, CATALOG.get("bou.akt"), 2025, years=2)
    plt = RecordingPlot()
    draw_chart(plt, chart, "months", color=False)
    drawn = [(name, args, kwargs) for name, args, kwargs in plt.calls if name in ("plot", "scatter")]
    assert [(name, args) for name, args, _kw in drawn] == [
        ("plot", ([1, 2], [9, 11])), ("scatter", ([1], [10])), ("plot", ([3, 4], [12, 14])),
    ]
    markers = {kw["label"]: kw["marker"] for _n, _a, kw in drawn if kw["label"]}
    assert markers == {"2024": "+", "2025": "●"}
    assert not any("color" in kw for _n, _a, kw in drawn)
    assert ("theme", ("clear",), {}) in plt.calls
    coloured = RecordingPlot()
    draw_chart(coloured, chart, "months", color=True)
    current = [kw for name, _a, kw in coloured.calls if name in ("plot", "scatter") and kw.get("style") == "bold"]
    assert len(current) == 2  # both runs of the current year, in the first colour, bold


def test_the_year_view_draws_no_bar_for_a_year_without_a_value():
    data = scope({("bou.akt", ""): {Month(2025, 1): 10}})
    chart = chart_data(CATALOG, data, CATALOG.get("bou.akt"), 2025, years=3)
    plt = RecordingPlot()
    draw_chart(plt, chart, "years", color=False)
    assert [args for name, args, _kw in plt.calls if name == "bar"] == [([3], [10])]
    ticks = next(args for name, args, _kw in plt.calls if name == "xticks")
    assert ticks == ([1, 2, 3], ["2023", "2024", "2025 (1 mån)"])


def test_without_colour_every_year_of_fifteen_has_its_own_marker():
    data = scope({("bou.akt", ""): {Month(y, 1): 10 + y - 2010 for y in range(2011, 2026)}})
    chart = chart_data(CATALOG, data, CATALOG.get("bou.akt"), 2025, years=15)
    plt = RecordingPlot()
    draw_chart(plt, chart, "months", color=False)
    markers = [kw["marker"] for name, _a, kw in plt.calls if name in ("plot", "scatter")]
    assert len(markers) == 15 and len(set(markers)) == 15 and markers[-1] == "●"


def test_the_drawing_works_on_the_plt_of_a_textual_plotext_widget():
    from textual_plotext.plot import Plot  # what PlotextPlot.plt is

    data = scope({("bou.akt", ""): {Month(2025, m): 100 + m for m in (1, 2, 4, 5)}})
    chart = chart_data(CATALOG, data, CATALOG.get("bou.akt"), 2025, years=2)
    for view, words in (("months", "Ärenden per månad, 2024–2025"), ("years", "Summa per år · 2025: 412 ärenden")):
        plt = Plot()
        draw_chart(plt, chart, view, color=False)
        plt.plotsize(70, 18)
        text = plt.uncolorize(plt.build())
        assert words in text and "\x1b[" not in text
