"""Every case of tests/data/bad_inputs.json through the command line and the importer.

Each is refused with its exit code (2 bad input, 3 not permitted), one Swedish line on stderr
naming what is wrong, no traceback, and the database file left exactly as it was.
"""

from __future__ import annotations

import base64
import json
import re
import shutil
from pathlib import Path

import pytest

from tracker.cli.main import main
from tracker.store import store as store_module

CORPUS = json.loads((Path(__file__).resolve().parents[1] / "data" / "bad_inputs.json").read_text("utf-8"))["cases"]
MOTT = "IFO.BOU.MOTT"
_REPEAT = re.compile(r"\{repeat:(.):(\d+)\}")


def _expand(text: str, files: dict[str, Path]) -> str:
    text = _REPEAT.sub(lambda m: m[1] * int(m[2]), text)
    return re.sub(r"\{file:([^}]+)\}", lambda m: str(files[m[1]]), text)


def test_the_corpus_is_large_and_covers_every_kind_of_bad_input():
    assert len(CORPUS) >= 200
    kinds = {case["id"].split("-")[0] for case in CORPUS}
    assert kinds >= {"pnr", "ctrl", "long", "role", "toml", "csv", "misc"}


@pytest.mark.parametrize("case", CORPUS, ids=[c["id"] for c in CORPUS])
def test_bad_input_is_refused_in_one_swedish_line_and_nothing_is_written(case, corpus_db, tmp_path, monkeypatch, capsys):
    db = tmp_path / "t.db"
    shutil.copy(corpus_db, db)
    files: dict[str, Path] = {}
    for name, content in case.get("files", {}).items():
        files[name] = tmp_path / name
        if "b64" in content:
            files[name].write_bytes(base64.b64decode(content["b64"]))
        else:
            files[name].write_text(_expand(content["text"], {}), encoding="utf-8")
    argv = [_expand(a, files) for a in case["argv"]]
    monkeypatch.setattr(store_module, "current_login", lambda: case["as"])
    before = db.read_bytes()
    code = main([*argv, "--db", str(db)])
    err = capsys.readouterr().err
    assert code == case["exit"], err
    lines = err.rstrip("\n").split("\n")
    if case["argv"][0] == "import" and len(lines) > 1:
        # the importer names every bad row, then says that nothing was saved
        assert all(line.startswith("tracker: ") for line in lines) and "Ingenting sparades" in lines[-1], err
    elif code == 2 and err.startswith("Användning"):
        assert lines[-1].startswith("tracker: "), err  # argparse: the usage line, then the reason
    else:
        assert len(lines) == 1 and lines[0].startswith("tracker: "), err
    assert "Traceback" not in err and "oväntat fel" not in err
    assert case["words"] in err
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f\u202e]", err), "control characters echoed to the terminal"
    assert db.read_bytes() == before
