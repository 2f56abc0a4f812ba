"""Whole numbers are formatted without Decimal's rounding: the text must be the very same."""

from __future__ import annotations

import pytest

from tracker.core.swedish import format_number


class Slow(float):
    """A float that is not of type float, so format_number takes its general path."""


VALUES = [0, 1, 7, 12, 999, 1000, 1234, 30323, 4569803, 10**12, 2**53 - 1, -1, -1000, -4569803]


@pytest.mark.parametrize("value", VALUES + [float(v) for v in VALUES] + [-0.0, 1e15, -1e15, 2.0**53, 1e20])
@pytest.mark.parametrize("decimals", [None, 0])
@pytest.mark.parametrize("signed", [False, True])
def test_a_whole_number_reads_as_the_general_rounding_gives_it(value, decimals, signed):
    assert format_number(value, decimals, signed=signed) == format_number(Slow(value), decimals, signed=signed)


def test_whole_numbers_are_grouped_with_spaces_and_a_real_minus():
    assert format_number(4569803) == "4 569 803"
    assert format_number(-1234.0) == "\u22121 234"
    assert format_number(12, signed=True) == "+12"
    assert format_number(0, signed=True) == "0"
    assert format_number(-0.0) == "0"
