"""A real published month (Katrineholm, January 2022) entered with `tracker set` and read back exactly."""

import csv
import json
from collections import defaultdict

from tests.support import DATA, EXAMPLES

MONTH = DATA / "katrineholm-2022-01.csv"


def test_every_reference_row_round_trips_through_set_and_show(tracker):
    tracker("measures", "import", str(EXAMPLES / "egna_matt.toml"), check=True)
    tracker("units", "add", "IFO.KATR", "Katrineholm hela förvaltningen", "--parent", "IFO.BOU", "--measures", "all",
            check=True)
    rows = list(csv.DictReader(MONTH.open(encoding="utf-8")))
    assert len(rows) == 44
    for row in rows:
        args = ["set", "IFO.KATR", row["measure"], row["period"], row["value"]]
        if row["part"]:
            args += ["--part", row["part"]]
        tracker(*args, check=True)

    expected = defaultdict(dict)
    for row in rows:
        expected[row["measure"]][row["part"]] = int(row["value"])
    for code, parts in expected.items():
        out = json.loads(tracker("show", code, "--unit", "IFO.KATR", "--year", "2022", "--format", "json",
                                 check=True).stdout)
        if "" in parts:
            assert out["months"]["2022-01"] == parts[""], code
        else:
            for part, value in parts.items():
                assert out["parts"][part]["2022-01"] == value, (code, part)
            assert out["months"]["2022-01"] == sum(parts.values()), f"derived total of {code}"
        assert out["months"]["2022-02"] is None
        assert out["months_reported"] == 1


def test_reference_placements_show_their_derived_total_in_the_table(tracker):
    tracker("set", "IFO.BOU.PLAC", "bou.plac.fh.sol", "2022-01", "15", "--part", "F", check=True)
    tracker("set", "IFO.BOU.PLAC", "bou.plac.fh.sol", "2022-01", "28", "--part", "P", check=True)
    out = tracker("show", "bou.plac.fh.sol", "--unit", "IFO.BOU.PLAC", "--year", "2022", check=True).stdout
    january = next(line for line in out.splitlines() if line.strip().startswith("januari"))
    assert january.split() == ["januari", "15", "28", "43", "–", ""][:5]
