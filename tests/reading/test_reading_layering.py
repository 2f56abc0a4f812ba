"""The reading commands keep the look-up path light: no Textual anywhere, plotext only for `chart`."""

import subprocess
import sys
from datetime import date

from tracker.core.periods import last_completed_month


def _modules_after(tmp_path, *commands: list[str]) -> set[str]:
    db = tmp_path / "t.db"
    code = (
        "import sys\n"
        "from tracker.cli.main import main\n"
        f"main(['init', '--db', r'{db}'])\n"
        + "".join(f"main({[*argv, '--db', str(db)]!r})\n" for argv in commands)
        + "print(' '.join(sorted(m.split('.')[0] for m in sys.modules)))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return set(result.stdout.splitlines()[-1].split())


def test_show_targets_and_overview_load_neither_textual_nor_plotext(tmp_path):
    loaded = _modules_after(tmp_path, ["show", "bou.akt"], ["targets", "list"], ["overview", "--format", "json"])
    assert "textual" not in loaded and "plotext" not in loaded and "textual_plotext" not in loaded


def test_chart_loads_plotext_but_not_textual(tmp_path):
    month = str(last_completed_month(date.today()))
    loaded = _modules_after(tmp_path, ["set", "IFO.BOU.MOTT", "bou.akt", month, "5"], ["chart", "bou.akt"])
    assert "plotext" in loaded and "textual" not in loaded
