"""Many CSV rows written at once are neutralised as each row alone is."""

from __future__ import annotations

import io

from tracker.io.safe_cells import SafeCsvWriter


def test_writerows_writes_what_writerow_writes_for_each_row():
    rows = [
        ["E01", "=HYPERLINK(\"x\")", "", "2025-01", 5],
        ["E01", "=HYPERLINK(\"x\")", "F", "2025-02", 0.5],
        ["+46", "-3", "@SUM(A1)", "\tx", None],
        ["E02", "bou.akt", "", "2025", "<5"],
    ]
    one, many = io.StringIO(), io.StringIO()
    single = SafeCsvWriter(one, lineterminator="\n")
    for row in rows:
        single.writerow(row)
    SafeCsvWriter(many, lineterminator="\n").writerows(rows)
    assert many.getvalue() == one.getvalue()
    assert "'=HYPERLINK" in many.getvalue() and "'+46" in many.getvalue() and "'@SUM" in many.getvalue()
