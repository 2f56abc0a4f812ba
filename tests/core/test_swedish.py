"""Swedish number formatting and parsing, independent of the machine's locale."""

import pytest

from tracker.core.errors import InputError
from tracker.core.swedish import format_number, format_percent, format_points, month_name, parse_count


@pytest.mark.parametrize(
    "value, expected",
    [(30323, "30 323"), (8304.397, "8 304"), (43.5, "43,5"), (350.0, "350"), (0, "0"), (1234567, "1 234 567"),
     (None, "–"), (-3.5, "−3,5"), (2.25, "2,3"), (-0.04, "0,0")],
)
def test_format_number_uses_space_thousands_and_decimal_comma(value, expected):
    assert format_number(value) == expected


def test_percent_and_points_are_swedish():
    assert format_percent(0.0391) == "3,9 %"
    assert format_percent(0.19, signed=True) == "+19,0 %"
    assert format_percent(-0.074, signed=True) == "−7,4 %"
    assert format_points(0.05) == "+5,0 p.e."


@pytest.mark.parametrize("text, expected", [("1 234", 1234), ("12", 12), (" 0 ", 0), ("1\u00a0234", 1234)])
def test_parse_count_accepts_swedish_thousands(text, expected):
    assert parse_count(text) == expected


@pytest.mark.parametrize("text", ["-5", "abc", "1,5", "", "12a", "１２"])
def test_parse_count_refuses_what_is_not_a_count(text):
    with pytest.raises(InputError) as err:
        parse_count(text)
    assert "heltal 0 eller större" in str(err.value)


def test_month_names_are_swedish():
    assert month_name(3) == "mars"
    assert month_name(3, short=True) == "mars"
    assert month_name(12, short=True) == "dec"
