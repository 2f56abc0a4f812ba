"""A row's verdict does not depend on the rows before it: the importer keeps each check's
verdict for what the check depends on (unit, measure and part; measure and period), and a row
accepted at once because rows like it were accepted is one the checks would accept again."""

from __future__ import annotations

import pytest

from tests.support import MOTT, PLAC, UTR
from tracker.core.periods import Month
from tracker.io.importer import ImportProblems, import_file

HEAD = "unit,measure,part,period,value\n"

# Rows accepted on their own, each followed (in the file) by rows sharing its unit, measure and
# part, or its measure and period, that the checks judge differently. Mottagning closes from
# July 2024, Utredning from June 2023.
LEADS_AND_PROBES = [
    (f"{UTR},gem.evb,,2023-03,5", [f"{UTR},gem.evb,,2023-02,5", f"{UTR},gem.evb,,2023-06,6"]),
    # the closed enhet's row, and another enhet's row for the month it is closed in, were accepted
    (f"{UTR},gem.evb,,2023-03,5\n{PLAC},gem.evb,,2023-06,6", [f"{UTR},gem.evb,,2023-06,7"]),
    (f"{PLAC},bou.vd.fh,,2023-07,2400", [f"{PLAC},bou.vd.fh,,2023-08,-4", f"{PLAC},bou.vd.fh,,2023,5",
                                         f"{PLAC},bou.vd.fh,F,2023-07,1", f"{PLAC},bou.vd.fh,,2099-01,3"]),
    (f"{PLAC},bou.plac.fh.sol,F,2023-07,5", [f"{PLAC},bou.plac.fh.sol,,2023-07,5", f"{PLAC},bou.plac.fh.sol,X,2023-07,5"]),
    (f"{MOTT},bou.akt,,2024-06,4", [f"{MOTT},bou.akt,,2024-08,5", f"{MOTT},bou.akt,,2024-05,7"]),
]


def _verdicts(store, tmp_path, rows: list[str]) -> list[str]:
    """The problems of a file, without their row numbers; [] when it would import."""
    path = tmp_path / "in.csv"
    path.write_text(HEAD + "\n".join(rows) + "\n", encoding="utf-8")
    try:
        import_file(store, path, dry_run=True, force=True)
    except ImportProblems as problems:
        return [p.split(": ", 1)[1] for p in problems.problems]
    return []


@pytest.mark.parametrize("lead, probes", LEADS_AND_PROBES, ids=[lead for lead, _p in LEADS_AND_PROBES])
def test_each_row_gets_the_verdict_it_gets_alone_after_rows_like_it_were_accepted(empty_store, tmp_path, lead, probes):
    empty_store.close_unit(MOTT, Month(2024, 7))
    empty_store.close_unit(UTR, Month(2023, 6))
    assert _verdicts(empty_store, tmp_path, [lead]) == []
    alone = [v for probe in probes for v in _verdicts(empty_store, tmp_path, [probe])]
    # the lead twice, so the probes come after its verdicts were kept
    assert _verdicts(empty_store, tmp_path, [lead, lead, *probes]) == alone
    assert any(alone)  # the probes include refused rows
