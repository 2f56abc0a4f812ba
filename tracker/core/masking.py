"""Small-number masking for published outputs: primary and secondary suppression.

Pure logic over cells identified by any hashable key. A cell whose count is 1 to N−1 is masked
(primary, shown as "<N"). Then, so that no masked value can be recomputed, every relation
between cells (a total and its parts, a row sum and its months, a ratio and its numerator and
denominator) must hold either no masked cell or at least two: where exactly one is masked,
another cell of the relation is masked too (secondary, shown as ".."). Values computed from
masked cells (a change, a percent) are masked as well. Zero and missing are never masked as
primary cells: they identify nobody.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from typing import NamedTuple

from tracker.core.errors import InputError

PRIMARY = "primary"
SECONDARY = "secondary"
SECONDARY_TEXT = ".."


class Relation(NamedTuple):
    """Cells bound by one equation: any one of them can be recomputed from all the others.

    `prefer` lists cells to mask first when a second cell is needed (e.g. the ratio rather
    than its denominator); otherwise the smallest non-zero value is chosen.
    """

    cells: tuple[Hashable, ...]
    prefer: tuple[Hashable, ...] = ()


class Dependent(NamedTuple):
    """Cells computed from others (change, percent): masked whenever any input is masked."""

    outputs: tuple[Hashable, ...]
    inputs: tuple[Hashable, ...]


def is_small(value: float | None, threshold: int) -> bool:
    """True for a value above zero and below the threshold (zero and missing stay visible)."""
    return value is not None and 0 < value < threshold


def primary_text(threshold: int) -> str:
    """How a primary masked cell is shown: "<5"."""
    return f"<{threshold}"


def mask_text(state: str, threshold: int) -> str:
    """The text shown instead of a masked value."""
    return primary_text(threshold) if state == PRIMARY else SECONDARY_TEXT


def check_threshold(threshold: int) -> int:
    """A masking threshold must be 2 or more (1 would mask nothing)."""
    if threshold < 2:
        raise InputError(
            f"--mask-below {threshold} maskerar ingenting. Ange ett heltal 2 eller större, t.ex. --mask-below 5."
        )
    return threshold


def _pick(relation: Relation, present: list, mask: Mapping, values: Mapping) -> Hashable:
    unmasked = [c for c in present if c not in mask]
    nonzero = [c for c in unmasked if values[c] != 0]
    for cell in relation.prefer:
        if cell in nonzero:
            return cell
    if nonzero:
        # the smallest cell hides the masked value best while losing the least information
        return min(nonzero, key=lambda c: (abs(values[c]), unmasked.index(c)))
    return unmasked[0]


def suppress(
    values: Mapping[Hashable, float | None],
    threshold: int,
    *,
    counts: Iterable[Hashable] | None = None,
    relations: Iterable[Relation] = (),
    dependents: Iterable[Dependent] = (),
) -> dict[Hashable, str]:
    """Decide which cells to mask; returns cell → PRIMARY or SECONDARY for masked cells only.

    `values` holds every published cell (None for missing). `counts` names the cells that are
    counts of people or cases and so subject to primary masking (default: all); ratios and
    changes are not counts. Missing cells are not part of any relation (a sum covers only the
    months that are reported).
    """
    check_threshold(threshold)
    keys = list(values) if counts is None else list(counts)
    mask: dict[Hashable, str] = {k: PRIMARY for k in keys if is_small(values.get(k), threshold)}
    relations = list(relations)
    dependents = list(dependents)
    changed = True
    while changed:  # every pass masks at least one more cell, so this ends
        changed = False
        for relation in relations:
            present = [c for c in relation.cells if values.get(c) is not None]
            masked = [c for c in present if c in mask]
            if len(masked) == 1 and len(present) >= 2:
                mask[_pick(relation, present, mask, values)] = SECONDARY
                changed = True
        for dep in dependents:
            if any(i in mask for i in dep.inputs):
                for out in dep.outputs:
                    if out not in mask and values.get(out) is not None:
                        mask[out] = SECONDARY
                        changed = True
    return mask
