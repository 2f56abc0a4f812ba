"""Parsing periods and the spans summaries cover."""

import pytest

from tracker.core.errors import InputError
from tracker.core.periods import Month, parse_period, quarter, tertial, year_to_date


def test_parse_period_gives_month_or_year():
    assert parse_period("2023-03") == Month(2023, 3)
    assert parse_period("2023") == 2023


@pytest.mark.parametrize("text", ["2023-13", "2023-00", "23-01", "2023/01", "mars", "2023-1"])
def test_bad_periods_are_refused_in_swedish(text):
    with pytest.raises(InputError) as err:
        parse_period(text)
    assert "ÅÅÅÅ-MM" in str(err.value) or "01–12" in str(err.value)


def test_spans_cover_the_right_months():
    assert [m.month for m in tertial(2023, 2).months] == [5, 6, 7, 8]
    assert [m.month for m in quarter(2023, 3).months] == [7, 8, 9]
    assert year_to_date(Month(2023, 3)).label == "jan–mars 2023"
    assert tertial(2023, 1).label == "T1 2023"
