"""What sealing the audit log costs a bulk write: set_values with the hash chain against a floor.

Run: .venv/bin/python bench/audit_seal.py [--values N] [--rounds R]

The floor, measured in the same run on the same data, is the same set_values call with the
sealing replaced by a plain executemany of the same log rows (no hashes, no head setting).
Target: sealing costs at most 1,25 × the floor, so the chain does not make bulk import slow.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tracker.core.periods import Month  # noqa: E402
from tracker.io.example_tree import create_example_tree  # noqa: E402
from tracker.store import audit_log, values_store  # noqa: E402
from tracker.store.store import Store  # noqa: E402
from tracker.store.values_store import ValueWrite  # noqa: E402

TARGET = 1.25


def _unsealed(db, entries: list[dict]) -> list[dict]:
    columns = audit_log.SEALED_COLUMNS[1:]
    db.conn.executemany(
        f"insert into change_log ({', '.join(columns)}) values ({','.join('?' for _ in columns)})",
        [[e.get(c) for c in columns] for e in entries],
    )
    return entries


def _writes(n: int) -> list[ValueWrite]:
    cells = [(m, y, mo) for m in ("bou.akt", "bou.fhb") for y in range(1900, 2100) for mo in range(1, 13)]
    return [ValueWrite("IFO.BOU.MOTT", m, "", Month(y, mo), (y + mo) % 97) for m, y, mo in cells[:n]]


def one_run(writes: list[ValueWrite], sealed: bool) -> float:
    store = Store.open(None, login="bench")
    create_example_tree(store)
    values_store.seal = audit_log.seal if sealed else _unsealed
    started = time.perf_counter()
    store.set_values(writes, source="import", file="bench.csv")
    elapsed = time.perf_counter() - started
    if sealed:
        assert store.verify() == []
    store.close()
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--values", type=int, default=4800)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    writes = _writes(args.values)
    floor, sealed = [], []
    for _ in range(args.rounds):  # interleaved, so drift in the machine's load hits both alike
        floor.append(one_run(writes, sealed=False))
        sealed.append(one_run(writes, sealed=True))
    f, s = statistics.median(floor), statistics.median(sealed)
    ratio = s / f
    print(
        f"{len(writes)} values in one set_values: floor {f * 1000:.0f} ms, sealed {s * 1000:.0f} ms, "
        f"ratio {ratio:.2f} (target ≤ {TARGET})"
    )
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
