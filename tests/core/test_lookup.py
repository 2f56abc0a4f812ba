"""Finding what a user named, and what a mistyped code or name most likely meant."""

from __future__ import annotations

import pytest

from tracker.core.catalog import standard_catalog
from tracker.core.errors import InputError
from tracker.core.swedish import join_or


def test_a_mistyped_measure_code_is_refused_with_what_it_most_likely_meant():
    catalog = standard_catalog()
    with pytest.raises(InputError) as refused:
        catalog.find("bou.utr.inleda")
    assert str(refused.value) == (
        "Måttet ”bou.utr.inleda” finns inte. Menade du ”bou.utr.inledda” (Nystartade utredningar)? "
        "Ange en kod eller ett exakt namn; `tracker measures` listar alla mått."
    )


def test_the_beginning_of_a_name_suggests_the_measures_it_begins():
    with pytest.raises(InputError, match=r"Menade du ”bou.akt” \(Aktualiseringar barn och unga 0–17 år\)\?"):
        standard_catalog().find("aktualiseringar barn")


def test_near_ties_are_all_offered_and_nothing_near_offers_nothing(store):
    with pytest.raises(InputError) as refused:
        store.units.find("Utredning barn")
    assert "Menade du ”IFO.BOU.UTR” (Utredning barn och unga)?" in str(refused.value)
    with pytest.raises(InputError) as refused:
        store.units.find("qqqq")
    assert "Menade du" not in str(refused.value) and "`tracker units` listar alla enheter" in str(refused.value)


def test_a_hostile_name_is_shown_without_its_control_characters():
    with pytest.raises(InputError) as refused:
        standard_catalog().find("bou.ak\x1b[31m")
    assert "\x1b" not in str(refused.value)


def test_alternatives_are_listed_as_swedish_lists_them():
    assert [join_or(t) for t in ([], ["a"], ["a", "b"], ["a", "b", "c"])] == ["", "a", "a eller b", "a, b eller c"]
