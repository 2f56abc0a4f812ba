"""The worked examples of domain.md, and every kind's summary and comparison, computed by hand."""


import pytest

from tracker.core.catalog import SeriesBreak, standard_catalog
from tracker.core.periods import Month, Span, quarter, tertial, whole_year
from tracker.core.presentation import format_change, format_change_pct, format_trend, format_value
from tracker.core.scope import Scope, roll_up, rolled_up, series
from tracker.core.stats import NOT_SUMMABLE, compare, summarize, target_status, trend
from tracker.core.yearview import build_rows, measure_comparison

CATALOG = standard_catalog()


def m(code):
    return CATALOG.get(code)


def months(year, values):
    """{Month: value} from a list starting in January (None = missing)."""
    return {Month(year, i + 1): v for i, v in enumerate(values) if v is not None}


def test_flow_year_to_date_compares_the_same_months_not_the_whole_previous_year():
    akt = m("bou.akt")
    data = {**months(2021, [210, 200, 999]), **months(2022, [204, 190])}
    c = compare(akt, data, whole_year(2022))
    assert c.current.value == 394
    assert c.current.coverage == "2 av 12 mån"
    assert c.previous.value == 410
    assert c.change == -16
    assert format_change_pct(c) == "−3,9 %"
    assert c.trend.arrow == "↘" and c.trend.judgement is None  # neutral: direction only


def test_stock_summary_is_the_mean_of_reported_months_with_latest_shown():
    c = compare(m("bou.utr.pagaende"), months(2022, [348, 352]), whole_year(2022))
    assert c.current.value == 350
    assert c.current.label == "Snitt"
    assert c.current.latest == (Month(2022, 2), 352)


def test_stock_declared_year_end_uses_the_last_month():
    end = m("bou.utr.pagaende")._replace(stock_summary="last")
    data = months(2021, [22, 21, 20, 20, 19, 19, 18, 18, 17, 17, 16, 16])
    assert summarize(end, data, whole_year(2021)).value == 16


def test_household_mean_is_antal_per_manad_never_the_sum():
    data = months(2023, [415] * 6 + [405] * 6)
    assert summarize(m("eb.hh.utbet"), data, whole_year(2023)).value == 410


def test_ratio_is_sum_of_numerators_over_sum_of_denominators():
    andel = m("bou.fhb.andel14")
    num = {**months(2022, [90, 150]), **months(2021, [80, 160])}
    den = {**months(2022, [100, 300]), **months(2021, [100, 200])}
    c = compare(andel, num, whole_year(2022), denominator=den)
    assert c.current.value == pytest.approx(0.6)  # not the mean of 90 % and 50 %
    assert format_value(andel, c.current.value) == "60,0 %"
    assert c.previous.value == pytest.approx(240 / 300)
    assert format_change(andel, c) == "−20,0 p.e."
    assert c.change_pct is None and c.points


def test_parts_total_is_derived_and_needs_every_part():
    scope = Scope({("bou.plac.fh.sol", "F", Month(2022, 1)): 15, ("bou.plac.fh.sol", "P", Month(2022, 1)): 28,
                   ("bou.plac.fh.sol", "F", Month(2022, 2)): 15})
    total = series(CATALOG, scope, m("bou.plac.fh.sol"))
    assert total == {Month(2022, 1): 43}  # February lacks Pojkar, so its total is missing


def test_annual_measure_compares_year_values_and_is_not_summable_upwards():
    unika = m("bou.unika.fh")
    c = compare(unika, {2023: 100, 2022: 119}, whole_year(2023))
    assert (c.current.value, c.previous.value, c.change) == (100, 119, -19)
    rolled = roll_up({"E1": {("bou.unika.fh", "", 2023): 100}, "E2": {("bou.unika.fh", "", 2023): 50}})
    c_up = measure_comparison(CATALOG, rolled, unika, whole_year(2023))
    assert c_up.current.value is None and c_up.note == NOT_SUMMABLE


def test_roll_up_sums_enheter_month_by_month():
    e1 = {("vux.akt", "", Month(2023, 4)): 7}
    e2 = {("vux.akt", "", Month(2023, 4)): 5}
    scope = roll_up({"E1": e1, "E2": e2})
    assert series(CATALOG, scope, m("vux.akt")) == {Month(2023, 4): 12}
    rows = build_rows(CATALOG, scope, ["vux.akt"], 2023)
    assert rows[0].readonly_reason.startswith("Summering")


def test_roll_up_recomputes_ratios_from_summed_parts():
    e1 = {("bou.fhb", "", Month(2023, 1)): 100, ("bou.fhb.14d", "", Month(2023, 1)): 90}
    e2 = {("bou.fhb", "", Month(2023, 1)): 300, ("bou.fhb.14d", "", Month(2023, 1)): 150}
    c = measure_comparison(CATALOG, roll_up({"E1": e1, "E2": e2}), m("bou.fhb.andel14"), whole_year(2023))
    assert c.current.value == pytest.approx(0.6)


def test_series_break_makes_the_comparison_not_comparable_with_the_note():
    vd = m("bou.vd.fh")._replace(breaks=(SeriesBreak(Month(2023, 1), "vårdnadsöverflyttade ingår inte från 2023"),))
    data = {**months(2022, [2500] * 12), **months(2023, [1900] * 12), **months(2024, [1800] * 12)}
    c = compare(vd, data, whole_year(2023))
    assert not c.comparable and c.change_pct is None and c.trend is None
    assert c.change == -600 * 12  # the raw difference stays visible beside "ej jämförbart"
    assert "vårdnadsöverflyttade ingår inte från 2023" in c.note
    assert format_change_pct(c) == "ej jämförbart"
    c2024 = compare(vd, data, whole_year(2024))
    assert c2024.comparable and c2024.change == -1200


def test_trend_judges_by_polarity_and_treats_small_changes_as_unchanged():
    placements = m("bou.plac.fh.sol")  # lower is better
    worse = trend(placements, 52, 37)
    assert (worse.arrow, worse.text) == ("↗", "försämrats")
    assert f"{(52 - 37) / 37:.3f}" == "0.405"
    assert trend(placements, 30, 37).text == "förbättrats"
    unchanged = trend(placements, 1000, 1012)
    assert (unchanged.arrow, unchanged.text) == ("→", "oförändrat")
    assert trend(m("bou.fhb.14d"), 120, 100).text == "förbättrats"  # higher is better


def test_target_status_inverts_for_lower_is_better():
    higher = m("bou.fhb.andel14")._replace(polarity="higher")
    assert target_status(higher, 0.83, 0.82).text == "uppnått"
    low = target_status(m("bou.vd.inst"), 10073, 8700)
    assert low.text == "ej uppnått" and round(low.fulfilment, 2) == 0.86
    assert target_status(m("bou.vd.inst"), 9000, 8700).text == "nära"


def test_target_shows_in_the_comparison_when_a_riktvarde_exists():
    vd = m("bou.vd.inst")._replace(targets=((2023, 8700.0),))
    c = compare(vd, months(2023, [840] * 12), whole_year(2023))
    assert c.target.text == "ej uppnått"
    assert "✗ ej uppnått" in format_trend(c)


def test_missing_is_not_zero():
    c = compare(m("bou.akt"), {Month(2023, 1): 0}, whole_year(2023))
    assert c.current.value == 0 and c.current.coverage == "1 av 12 mån"
    rows = build_rows(CATALOG, Scope({("bou.akt", "", Month(2023, 1)): 0}), ["bou.akt"], 2023)
    assert format_value(m("bou.akt"), rows[0].months.get(Month(2023, 1))) == "0"
    assert format_value(m("bou.akt"), rows[0].months.get(Month(2023, 2))) == "–"


def test_quarterly_measure_uses_quarter_end_values_and_compares_the_same_quarter():
    evb = m("gem.evb")
    data = {Month(2022, 3): 4, Month(2022, 6): 6, Month(2023, 3): 5, Month(2023, 6): 3}
    c = compare(evb, data, whole_year(2023))
    assert c.current.value == 3 and c.previous.value == 6  # kv 2 vs kv 2
    assert c.current.coverage == "2 av 4 kv"
    assert summarize(evb, data, quarter(2023, 1)).value == 5


def test_tertial_flow_sums_its_four_months():
    data = months(2023, [1, 2, 3, 4, 5, 6, 7, 8])
    assert summarize(m("bou.akt"), data, tertial(2023, 2)).value == 26


def test_flow_comparison_with_gaps_last_year_gives_no_change_but_says_why():
    data = {**months(2023, [10, 10]), Month(2022, 1): 9}
    c = compare(m("bou.akt"), data, whole_year(2023))
    assert c.change is None and "feb" in c.note


def test_incomplete_previous_stock_still_compares_means():
    data = {**months(2023, [10, 12]), Month(2022, 1): 11}
    c = compare(m("bou.utr.pagaende"), data, whole_year(2023))
    assert c.change == 0 and "feb" in c.note


def test_span_only_compares_its_own_months():
    data = {**months(2022, [1] * 12), **months(2023, [2] * 12)}
    c = compare(m("bou.akt"), data, Span(2023, 5, 8, "tertial"))
    assert (c.current.value, c.previous.value) == (8, 4)


def test_annual_value_of_a_single_reporting_enhet_shows_at_the_level_above():
    unika = m("bou.unika.fh")
    one = {("bou.unika.fh", "", 2023): 100, ("bou.unika.fh", "", 2022): 119}
    rolled = roll_up({"E1": one, "E2": {}}, single_annual={"bou.unika.fh": one})
    c = measure_comparison(CATALOG, rolled, unika, whole_year(2023))
    assert (c.current.value, c.previous.value) == (100, 119)


def test_roll_up_month_missing_an_enhet_is_flagged_as_incomplete():
    reports = {"E1": {"vux.akt"}, "E2": {"vux.akt"}}
    e1 = {("vux.akt", "", Month(2023, 3)): 7, ("vux.akt", "", Month(2023, 4)): 7}
    e2 = {("vux.akt", "", Month(2023, 3)): 5}  # April not reported yet
    scope = roll_up({"E1": e1, "E2": e2}, reports=reports)
    assert scope.partial == {("vux.akt", ""): {Month(2023, 4): ["E2"]}}
    c = measure_comparison(CATALOG, scope, m("vux.akt"), whole_year(2023))
    assert "Alla enheter har inte rapporterat apr" in c.note
    # an enhet with no values at all for the row in these years is not expected to have them
    quiet = roll_up({"E1": e1, "E2": {}}, reports=reports)
    assert quiet.partial == {}


def _partial_month_by_month(present: dict, reports: dict) -> dict:
    """The incomplete roll-up months as defined: per month, the active enheter not behind its sum."""
    seen: dict = {}
    for key, enheter in present.items():
        seen.setdefault(key[:2], set()).update(enheter)
    partial: dict = {}
    for key, enheter in present.items():
        active = {e for e in seen[key[:2]] if key[0] in reports.get(e, ())}
        if missing := active.difference(enheter):
            partial.setdefault(key[:2], {})[key[2]] = sorted(missing)
    return partial


def test_incomplete_months_are_the_same_whether_months_share_their_list_of_enheter_or_not():
    reports = {"E1": {"vux.akt", "bou.akt"}, "E2": {"vux.akt"}, "E3": {"vux.akt", "bou.akt"}}
    everyone, some = ("E1", "E2", "E3"), ("E1", "E3")
    present = {("vux.akt", "", Month(2023, m)): everyone for m in range(1, 10)}
    present |= {("vux.akt", "", Month(2023, m)): some for m in range(10, 13)}
    present |= {("bou.akt", "", Month(2023, m)): some for m in range(1, 12)}
    present[("bou.akt", "", Month(2023, 12))] = ("E2",)  # reports it not, yet has a value
    totals = dict.fromkeys(present, 1.0)
    shared = rolled_up(totals, present, {}, reports, 3)
    copied = rolled_up(totals, {k: list(v) for k, v in present.items()}, {}, reports, 3)
    expected = _partial_month_by_month(present, reports)
    assert shared.partial == copied.partial == expected
    assert expected[("vux.akt", "")] == {Month(2023, m): ["E2"] for m in range(10, 13)}
    # E2 does not report bou.akt: only the month without the two that do is incomplete
    assert expected[("bou.akt", "")] == {Month(2023, 12): ["E1", "E3"]}
