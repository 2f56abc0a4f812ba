import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


class Runner:
    """Runs `python -m tracker` as a subprocess against one database file."""

    def __init__(self, db: Path):
        self.db = db

    def __call__(self, *args: str, check: bool = False) -> subprocess.CompletedProcess:
        env = {k: v for k, v in os.environ.items() if k != "TRACKER_DB"}
        result = subprocess.run(
            [sys.executable, "-m", "tracker", *args, "--db", str(self.db)],
            capture_output=True, text=True, env=env, cwd=self.db.parent, timeout=60,
        )
        if check:
            assert result.returncode == 0, result.stderr
        return result


@pytest.fixture
def tracker(tmp_path) -> Runner:
    """A runner on a fresh database made by `tracker init`."""
    run = Runner(tmp_path / "t.db")
    run("init", check=True)
    return run
