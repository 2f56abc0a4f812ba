"""Riktvärden in core: what a typed target means, which one applies to a unit, and the status rule."""


import pytest

from tracker.core.catalog import parse_catalog_toml, standard_catalog
from tracker.core.errors import InputError
from tracker.core.periods import Month, year_to_date
from tracker.core.presentation import format_target, target_line
from tracker.core.stats import compare
from tracker.core.targets import GENERAL, Target, parse_target, target_refusal, targets_in_effect, winning_target

CATALOG = standard_catalog()
ANDEL, KVOT, DYGN, PAGAENDE = (CATALOG.get(c) for c in ("bou.fhb.andel14", "eb.belopp.perhh", "bou.vd.fh",
                                                        "bou.utr.pagaende"))
MOTT_PATH = ["IFO", "IFO.BOU", "IFO.BOU.MOTT"]


@pytest.mark.parametrize("text, value", [("90", 0.9), ("90 %", 0.9), ("90%", 0.9), ("92,5 %", 0.925), ("92.5", 0.925),
                                         ("0", 0.0), ("100", 1.0)])
def test_a_percent_target_is_typed_in_percent_and_kept_as_a_fraction(text, value):
    assert parse_target(text, ANDEL) == pytest.approx(value)


@pytest.mark.parametrize("text, value", [("10 500", 10500), ("10500", 10500), ("10 500,50", 10500.5), ("10 500 kr", 10500)])
def test_a_kvot_target_takes_swedish_decimals(text, value):
    assert parse_target(text, KVOT) == value


@pytest.mark.parametrize("text, value", [("1 200", 1200), ("30000", 30000), ("30 000 dygn", 30000)])
def test_a_count_target_is_a_whole_number_in_the_measures_unit(text, value):
    assert parse_target(text, DYGN) == value


@pytest.mark.parametrize("text", ["", "-", "–", "−"])
def test_empty_or_a_dash_clears_the_target(text):
    assert parse_target(text, ANDEL) is None


@pytest.mark.parametrize(
    "measure, text, words",
    [
        (ANDEL, "150", "mer än 100 %"),
        (ANDEL, "100,1 %", "mer än 100 %"),
        (ANDEL, "-5", "negativt"),
        (ANDEL, "många", "procent, 0–100"),
        (KVOT, "10.500", "decimalkomma"),
        (KVOT, "−3", "negativt"),
        (DYGN, "12,5", "hela dygn"),
        (DYGN, "12 34", "hela dygn"),
        (DYGN, "=1+1", "hela dygn"),
    ],
)
def test_a_bad_target_is_refused_saying_what_is_accepted(measure, text, words):
    with pytest.raises(InputError) as refused:
        parse_target(text, measure)
    assert words in str(refused.value)


def test_neutral_and_retired_measures_take_no_target():
    assert "neutralt" in target_refusal(CATALOG.get("bou.akt"))
    assert "avvecklat" in target_refusal(DYGN._replace(retired=True))
    assert target_refusal(DYGN) is None


TARGETS = [
    Target("bou.fhb.andel14", 2025, GENERAL, 0.9),
    Target("bou.fhb.andel14", 2025, "IFO.BOU", 0.88),
    Target("bou.fhb.andel14", 2025, "IFO.BOU.MOTT", 0.85),
    Target("bou.fhb.andel14", 2024, GENERAL, 0.8),
    Target("bou.vd.fh", 2025, GENERAL, 30000),
    Target("bou.vd.fh", 2025, "IFO.BOU", 28000),
]


def test_a_units_own_target_wins_over_the_ones_above():
    assert winning_target(ANDEL, 2025, MOTT_PATH, TARGETS).unit == "IFO.BOU.MOTT"


def test_a_ratio_without_its_own_target_takes_the_nearest_above():
    utr = ["IFO", "IFO.BOU", "IFO.BOU.UTR"]
    assert winning_target(ANDEL, 2025, utr, TARGETS).unit == "IFO.BOU"
    assert winning_target(ANDEL, 2024, utr, TARGETS).unit == GENERAL
    assert targets_in_effect(ANDEL, utr, TARGETS) == ((2024, 0.8), (2025, 0.88))


def test_a_count_target_applies_only_to_the_unit_it_was_set_for():
    assert winning_target(DYGN, 2025, [], TARGETS).value == 30000  # the förvaltning
    assert winning_target(DYGN, 2025, ["IFO"], TARGETS).value == 30000  # the top of the tree is the förvaltning
    assert winning_target(DYGN, 2025, ["IFO", "IFO.BOU"], TARGETS).value == 28000
    # the förvaltning's 30 000 vårddygn are not an enhet's target
    assert winning_target(DYGN, 2025, ["IFO", "IFO.BOU", "IFO.BOU.PLAC"], TARGETS) is None
    assert winning_target(DYGN, 2025, ["IFO", "IFO.VUX"], TARGETS) is None


def test_a_flows_target_is_held_against_its_share_of_the_year_in_a_year_to_date_span():
    # 30 000 dygn a year, lower is better; January–March 2025: 2 400 + 2 500 + 2 600 = 7 500 against 7 500
    dygn = DYGN._replace(targets=((2025, 30000),))
    data = {Month(2025, 1): 2400, Month(2025, 2): 2500, Month(2025, 3): 2600}
    status = compare(dygn, data, year_to_date(Month(2025, 3))).target
    assert status.prorated and status.target == 7500 and status.level == "reached"
    # one month more, 2 900 in April: 10 400 against 10 000, riktvärde / utfall = 96,2 % -> nära
    data[Month(2025, 4)] = 2900
    status = compare(dygn, data, year_to_date(Month(2025, 4))).target
    assert status.target == 10000 and status.level == "near" and round(status.fulfilment, 3) == 0.962


def test_a_ratio_target_is_compared_with_sum_over_sum_and_not_prorated():
    # 90 + 150 of 100 + 300 = 60 %, against 90 %: 66,7 % -> ej uppnått
    andel = ANDEL._replace(targets=((2025, 0.9),))
    num = {Month(2025, 1): 90, Month(2025, 2): 150}
    den = {Month(2025, 1): 100, Month(2025, 2): 300}
    c = compare(andel, num, year_to_date(Month(2025, 2)), denominator=den)
    assert c.current.value == 0.6 and c.target.level == "missed" and not c.target.prorated
    assert target_line(andel, c, 2025) == "Riktvärde 2025: 90,0 % · ✗ ej uppnått (måluppfyllelse 67 %)"


def test_a_stock_target_is_compared_with_the_mean():
    pagaende = PAGAENDE._replace(targets=((2025, 340),))
    c = compare(pagaende, {Month(2025, 1): 348, Month(2025, 2): 352}, year_to_date(Month(2025, 2)))
    # lower is better: 340 / 350 = 97,1 % -> nära
    assert c.target.level == "near" and c.target.target == 340


def test_a_target_typed_with_decimals_is_shown_with_them():
    assert format_target(KVOT, 10500.5) == "10 500,50"
    assert format_target(KVOT, 10500) == "10 500"
    assert format_target(ANDEL, 0.925) == "92,5 %"


def test_a_catalog_file_refuses_a_target_over_100_percent_and_one_on_a_neutral_measure():
    base = """
[[section]]
code = "egen"
name = "Egna"

[[measure]]
code = "egen.andel"
name = "Egen andel"
section = "egen"
kind = "ratio"
unit = "%"
polarity = "higher"
numerator = "a"
denominator = "b"
"""
    with pytest.raises(InputError, match="mer än 100 %"):
        parse_catalog_toml(base + "targets = { 2025 = 120 }\n")
    with pytest.raises(InputError, match="neutralt"):
        parse_catalog_toml(base.replace('"higher"', '"neutral"') + "targets = { 2025 = 90 }\n")
    with pytest.raises(InputError, match="utanför"):
        parse_catalog_toml(base + "targets = { 1800 = 90 }\n")
    assert parse_catalog_toml(base + "targets = { 2025 = 90 }\n").get("egen.andel").targets == ((2025, 0.9),)
