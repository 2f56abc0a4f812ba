"""How long a cursor move and an edit take in the grid at 160×50 on the demo database.

Run: .venv/bin/python bench/grid_edit.py [--rounds N]

Each measurement presses real keys with Pilot and waits until the app is idle again, i.e. the
key was handled and the screen repainted (Pilot.pause forces the pending screen update). The
time counted is the process's CPU time: Pilot's idle detection sleeps in steps of several
milliseconds, and wall-clock time would mostly measure those sleeps, not the grid's work.
Target: an edit costs at most 1,5 × a cursor move. The edit itself is measured as a save with
Tab (the cursor stays); Enter also moves to the next row, so it carries one cursor move more.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tracker.core.periods import Month  # noqa: E402
from tracker.io.demo import build_demo  # noqa: E402
from tracker.store.store import Store  # noqa: E402

SIZE = (160, 50)
TODAY = date(2025, 10, 15)
UNIT = "IFO.EB.FS"  # the tallest enhet with a ratio and a varav row: most lines to repaint


async def measure(rounds: int) -> tuple[list[float], list[tuple[float, float, float]], list[float]]:
    """Seconds per cursor move; per edit (whole edit, one typed digit, Enter = save + repaint + move);
    and per save in place (Tab: save + repaint, the cursor stays)."""
    from tracker.tui.app import TrackerApp

    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(Path(folder) / "demo.db")
        build_demo(store, through=Month(2025, 9))
        app = TrackerApp(store, unit=UNIT, year=2025, month=9, today=TODAY)
        moves: list[float] = []
        edits: list[float] = []
        in_place: list[float] = []
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            grid = app.grid
            start_line = grid.cursor_line
            # moves and edits alternate, so that drift in the machine's speed hits both alike
            for i in range(rounds):
                grid.move_to(start_line + 1, 8)
                await pilot.pause()
                gc.collect()
                t0 = time.process_time()
                await pilot.press("up")
                await pilot.pause()
                moves.append(time.process_time() - t0)
                digits = list(str(300 + i))
                gc.collect()
                t0 = time.process_time()
                await pilot.press(*digits)
                await pilot.pause()
                t1 = time.process_time()
                await pilot.press("enter")
                await pilot.pause()
                t2 = time.process_time()
                edits.append((t2 - t0, (t1 - t0) / len(digits), t2 - t1))
                # the same edit saved with Tab, which stays in the cell: the edit without a move
                grid.move_to(start_line, 8)
                await pilot.pause()
                await pilot.press(*list(str(500 + i)))
                await pilot.pause()
                gc.collect()
                t0 = time.process_time()
                await pilot.press("tab")
                await pilot.pause()
                in_place.append(time.process_time() - t0)
        store.close()
        return moves, edits, in_place


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=40)
    args = parser.parse_args()
    moves, edits, in_place = asyncio.run(measure(args.rounds))
    move = statistics.median(moves) * 1000
    whole = statistics.median(e[0] for e in edits) * 1000
    digit = statistics.median(e[1] for e in edits) * 1000
    enter = statistics.median(e[2] for e in edits) * 1000
    tab = statistics.median(in_place) * 1000
    print(f"grid {SIZE[0]}×{SIZE[1]}, demo database, unit {UNIT}, {len(moves)} rounds (medians)")
    print(f"cursor move (one key):              {move:6.1f} ms")
    print(f"edit, typing one digit:             {digit:6.1f} ms   ratio {digit / move:4.2f} × move")
    print(f"edit, save in place (Tab):          {tab:6.1f} ms   ratio {tab / move:4.2f} × move  (target ≤ 1,5)")
    print(f"edit, Enter (save + move down):     {enter:6.1f} ms   ratio {enter / move:4.2f} × move  (includes a cursor move)")
    print(f"edit, whole (3 digits + Enter):     {whole:6.1f} ms   = 4 key presses, {whole / 4 / move:4.2f} × move per key")

if __name__ == "__main__":
    main()
