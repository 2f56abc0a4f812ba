"""The kinds of measure: which periods take a value and what a period's value is made of.

A measure names its kind in the catalog; everything that depends on the kind asks the Measure
(tracker/core/catalog.py), which reads its row here. A new kind is a new row.
"""

# Annotations are evaluated here (no `from __future__ import annotations`): a named tuple
# made from evaluated field types costs a third of one made from strings, at every start.

from typing import NamedTuple

ALL_MONTHS = tuple(range(1, 13))

ANNUAL_MONTH_READONLY = "Årsmått anges en gång för hela året, inte per månad."
QUARTER_READONLY = "Kvartalsmått anges bara för mars, juni, september och december."


class Kind(NamedTuple):
    """What one kind of measure means for entry and for the value of a period."""

    code: str
    label: str  # the word `tracker measures` lists (Measure.kind_label)
    description: str  # how the period value is made, for the status line and `measures show`
    summary_label: str  # the grid's Typ column and the period's heading
    months: tuple[int, ...] = ALL_MONTHS  # the months of a year that take a value
    per_year: bool = False  # entered once a year: the period is the year itself
    last_value: bool = False  # the period's value is its last month's, not a sum or a mean
    per: str = "mån"  # what coverage counts: "9 av 12 mån", "2 av 4 kv"
    off_month: str = ""  # why the other months take no value (a cell's read-only reason)


KINDS: dict[str, Kind] = {
    kind.code: kind
    for kind in (
        Kind("flow", "flöde", "flöde, summa av månaderna", "Summa"),
        Kind("stock", "bestånd", "bestånd, snitt av rapporterade månader", "Snitt"),
        Kind("quarterly", "kvartalsmått", "kvartalsmått, värdet vid kvartalets slut", "Kvartal",
             months=(3, 6, 9, 12), last_value=True, per="kv", off_month=QUARTER_READONLY),
        Kind("annual", "årsmått", "årsmått, anges en gång per år", "År",
             months=(), per_year=True, off_month=ANNUAL_MONTH_READONLY),
        # derived from a numerator and a denominator; the Measure words a share of a whole as andel
        Kind("ratio", "kvot", "kvot", "Kvot"),
    )
}
