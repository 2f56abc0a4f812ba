"""Pure rules: month status, the unlikely-jump rule and the personnummer check."""

from __future__ import annotations

import pytest

from tracker.core.errors import InputError
from tracker.core.periods import Month
from tracker.core.privacy import check_comment_text, find_personnummer
from tracker.core.reporting import JumpRule, jump_rule_from_settings, missing_enheter, month_status, status_grid


def test_month_status_precedence():
    assert month_status(0, False, False) == "saknas"
    assert month_status(3, False, False) == "påbörjad"
    assert month_status(3, True, False) == "klar"
    assert month_status(0, True, True) == "låst"
    assert month_status(0, False, True) == "låst"


def test_status_grid_and_missing():
    m = Month(2023, 3)
    grid = status_grid(["A", "B", "C"], [m], {("A", m): 4, ("B", m): 2}, {("A", m)}, {("C", m)})
    assert grid == {"A": {m: "klar"}, "B": {m: "påbörjad"}, "C": {m: "låst"}}
    assert missing_enheter(grid, m) == ["B"]


@pytest.mark.parametrize(
    "value, last, jump",
    [
        (151, 100, True),  # +51 and +51 %
        (150, 100, False),  # exactly 50 % is not more than 50 %
        (49, 100, True),
        (18, 5, True),  # +260 % and 13 away
        (15, 5, False),  # +200 % but only 10 away
        (0, 0, False),
        (11, 0, True),
        (5, None, False),
        (None, 5, False),
    ],
)
def test_jump_rule(value, last, jump):
    assert JumpRule().is_jump(value, last) is jump


def test_jump_explanation_names_both_references_and_the_limits():
    text = JumpRule().explain(5, 273, 260)
    assert "förra månaden 273" in text and "samma månad förra året 260" in text
    assert "10 eller 50 %" in text


def test_jump_rule_from_settings():
    assert jump_rule_from_settings(None, None) == JumpRule(50, 10)
    assert jump_rule_from_settings("25 %", "3") == JumpRule(25, 3)
    assert jump_rule_from_settings("12,5", "") == JumpRule(12.5, 10)
    with pytest.raises(InputError, match="jump_pct"):
        jump_rule_from_settings("-1", None)


@pytest.mark.parametrize(
    "text",
    ["850101-1234", "850101+1234", "8501011234", "19850101-1234", "198501011234", "se 850101 1234 här",
     "991399-0000"],
)
def test_personnummer_shapes_refused(text):
    assert find_personnummer(text)
    with pytest.raises(InputError, match="personnummer"):
        check_comment_text(text)


@pytest.mark.parametrize(
    "text",
    ["Ny rutin från 2023-03-01", "Dnr 2023-1234", "Utbetalt 1 234 567 kr", "12345678901234", "tel 08-123 45"],
)
def test_ordinary_text_allowed(text):
    assert find_personnummer(text) is None
    assert check_comment_text(text) == text


def test_comment_length_limit():
    with pytest.raises(InputError, match="högst 500"):
        check_comment_text("x" * 501)


def test_the_status_line_agrees_in_number_with_its_counts():
    from tracker.core.reporting import KLAR, LAST, status_summary

    march = Month(2023, 3)
    one = {"A": {march: LAST}}
    assert status_summary(one, {"A": "Enhet A"}, march) == "Mars 2023: klar 1 av 1 enhet, 1 låst."
    three = {"A": {march: LAST}, "B": {march: LAST}, "C": {march: KLAR}}
    names = {"A": "A", "B": "B", "C": "C"}
    assert status_summary(three, names, march) == "Mars 2023: klara 3 av 3 enheter, 2 låsta."
