"""Small-number masking (core.masking): primary cells, secondary cells, zero and missing."""

from __future__ import annotations

import pytest

from tracker.core.errors import InputError
from tracker.core.masking import PRIMARY, SECONDARY, Dependent, Relation, mask_text, suppress


def test_primary_masks_one_to_n_minus_one_only():
    values = {"a": 0, "b": 1, "c": 4, "d": 5, "e": None, "f": 2.5}
    assert suppress(values, 5) == {"b": PRIMARY, "c": PRIMARY, "f": PRIMARY}


def test_one_masked_part_masks_the_other_part():
    # F 3, P 28, total 31: with F hidden, P and the total would give it away
    values = {"F": 3, "P": 28, "T": 31}
    mask = suppress(values, 5, relations=[Relation(("T", "F", "P"))])
    assert mask == {"F": PRIMARY, "P": SECONDARY}


def test_zero_is_never_chosen_while_a_non_zero_cell_is_left():
    # F 3, P 0, total 3 and a month row: the zero stays, the total is masked with F
    values = {"F": 3, "P": 0, "T": 3}
    assert suppress(values, 5, relations=[Relation(("T", "F", "P"))]) == {"F": PRIMARY, "T": PRIMARY}
    values = {1: 3, 2: 0, 3: 0, "sum": 40, 4: 37}
    mask = suppress(values, 5, relations=[Relation((1, 2, 3, 4, "sum"))])
    assert mask == {1: PRIMARY, 4: SECONDARY}


def test_one_masked_month_in_a_summed_row_masks_the_smallest_other_month():
    values = {1: 40, 2: 3, 3: 12, 4: 55, "sum": 110}
    mask = suppress(values, 5, relations=[Relation((1, 2, 3, 4, "sum"))])
    assert mask == {2: PRIMARY, 3: SECONDARY}


def test_two_masked_cells_need_no_more():
    values = {1: 2, 2: 3, 3: 12, "sum": 17}
    assert suppress(values, 5, relations=[Relation((1, 2, 3, "sum"))]) == {1: PRIMARY, 2: PRIMARY}


def test_missing_cells_are_not_part_of_a_relation():
    # a single reported month equals the sum: both are the same small number
    values = {1: 3, 2: None, "sum": 3}
    assert suppress(values, 5, relations=[Relation((1, 2, "sum"))]) == {1: PRIMARY, "sum": PRIMARY}


def test_secondary_masking_cascades_through_crossing_relations():
    # F/P split by month, rows summed: masking P jan for F jan forces more cells in P's row
    values = {
        ("F", 1): 3, ("F", 2): 20, ("F", "s"): 23,
        ("P", 1): 10, ("P", 2): 30, ("P", "s"): 40,
        ("T", 1): 13, ("T", 2): 50, ("T", "s"): 63,
    }
    relations = [Relation(((r, 1), (r, 2), (r, "s"))) for r in "FPT"]
    relations += [Relation((("T", c), ("F", c), ("P", c))) for c in (1, 2, "s")]
    mask = suppress(values, 5, relations=relations)
    assert mask[("F", 1)] == PRIMARY
    for relation in relations:
        present = [c for c in relation.cells if values[c] is not None]
        assert sum(c in mask for c in present) != 1, relation


def test_preferred_cell_is_masked_first():
    values = {"num": 3, "den": 4, "ratio": 0.75}
    mask = suppress(values, 5, counts=["num", "den"], relations=[Relation(("num", "den", "ratio"), prefer=("ratio",))])
    # den 4 is small itself; with num and den both hidden, the ratio alone gives nothing away
    assert mask == {"num": PRIMARY, "den": PRIMARY}
    values["den"] = 40
    values["ratio"] = 0.075
    mask = suppress(values, 5, counts=["num", "den"], relations=[Relation(("num", "den", "ratio"), prefer=("ratio",))])
    assert mask == {"num": PRIMARY, "ratio": SECONDARY}


def test_dependents_are_masked_with_their_inputs():
    values = {"cur": 3, "prev": 12, "change": -9, "pct": -0.75}
    mask = suppress(values, 5, counts=["cur", "prev"], dependents=[Dependent(("change", "pct"), ("cur", "prev"))])
    assert mask == {"cur": PRIMARY, "change": SECONDARY, "pct": SECONDARY}


def test_texts_and_threshold():
    assert mask_text(PRIMARY, 5) == "<5"
    assert mask_text(SECONDARY, 5) == ".."
    with pytest.raises(InputError, match="2 eller större"):
        suppress({"a": 1}, 1)
