"""The reporting commands as a user runs them (in process): exit codes and Swedish messages.

Other logins cannot be claimed on the command line (the login is the OS's), so the current OS
login is registered as admin, rapportör or läsare in turn; other logins are tested on the store.
"""

from __future__ import annotations

import json
import os
import pwd

import pytest

ME = pwd.getpwuid(os.getuid()).pw_name
MOTT = "IFO.BOU.MOTT"


def ok(result):
    assert result.returncode == 0, result.stderr
    return result.stdout


def refused(result, code, *words):
    assert result.returncode == code, (result.stdout, result.stderr)
    line = result.stderr.strip()
    assert line.startswith("tracker: ") and "\n" not in line and "Traceback" not in line
    for w in words:
        assert w in line
    return line


def test_users_single_user_then_admin(tracker):
    assert "enanvändarläge" in ok(tracker("users", "list"))
    refused(tracker("users", "add", ME, "--role", "lasare"), 2, "första användaren", "administratör")
    assert "Lade till" in ok(tracker("users", "add", ME, "--role", "admin"))
    assert "Lade till ec.barn som rapportör för IFO.BOU.MOTT" in ok(
        tracker("users", "add", "ec.barn", "--role", "rapportor", "--units", MOTT)
    )
    data = json.loads(ok(tracker("users", "list", "--format", "json")))
    assert data["single_user"] is False and data["current_role"] == "admin"
    assert {u["login"]: u["role"] for u in data["users"]} == {ME: "admin", "ec.barn": "rapportor"}
    table = ok(tracker("users"))
    assert "ec.barn" in table and "rapportör" in table
    ok(tracker("users", "remove", "ec.barn"))
    refused(tracker("users", "remove", "ec.barn"), 2, "finns inte")


@pytest.mark.parametrize(
    "args, words",
    [
        (("users", "add", "x", "--role", "boss"), ["giltigt val"]),
        (("users", "add", "x"), ["--role"]),
        (("users", "add", "x", "--role", "rapportor"), ["minst en enhet"]),
        (("users", "add", "x", "--role", "rapportor", "--units", "NOPE"), ["NOPE", "finns inte"]),
        (("users", "add", "x", "--role", "rapportor", "--units", ","), ["--units"]),
    ],
)
def test_users_bad_input(tracker, args, words):
    ok(tracker("users", "add", ME, "--role", "admin"))
    refused(tracker(*args), 2, *words)


def test_non_admin_cannot_manage_users_or_locks(tracker):
    ok(tracker("users", "add", ME, "--role", "admin"))
    ok(tracker("set", "IFO.VUX.VUX", "vux.akt", "2023-03", "11"))
    ok(tracker("users", "add", "boss", "--role", "admin"))
    # An admin may demote itself while another admin remains.
    assert "Ändrade" in ok(tracker("users", "add", ME, "--role", "rapportor", "--units", MOTT))
    refused(tracker("users", "add", "y", "--role", "lasare"), 3, "administratör")
    refused(tracker("lock", "2023-03"), 3, "låsa")
    refused(tracker("unlock", "2023-03", "--reason", "x"), 3, "låsa upp")
    # A rapportör sets its own unit, not another.
    ok(tracker("set", MOTT, "bou.akt", "2023-03", "12"))
    refused(tracker("set", "IFO.VUX.VUX", "vux.akt", "2023-03", "1"), 3, "rapportör", "Vuxenenheten")
    code, out, err = tracker("set", "IFO.VUX.VUX", "vux.akt", "2023-04", "900")  # unlikely after 11
    assert code == 3 and "Vuxenenheten" in err and "--force" not in err, err
    ok(tracker("report-month", MOTT, "2023-03", "--done", "--force"))


def test_lasare_changes_nothing(tracker):
    ok(tracker("users", "add", ME, "--role", "admin"))
    ok(tracker("set", MOTT, "bou.akt", "2023-03", "11"))
    ok(tracker("users", "add", "boss", "--role", "admin"))
    ok(tracker("users", "add", ME, "--role", "lasare"))
    refused(tracker("set", MOTT, "bou.akt", "2023-03", "12"), 3, "läsare")
    # an unlikely value is refused for the role, not met with a call for --force that could not help
    code, out, err = tracker("set", MOTT, "bou.akt", "2023-04", "900")  # unlikely after 11
    assert code == 3 and "läsare" in err and "--force" not in err, err
    refused(tracker("comment", MOTT, "2023-03", "Hej"), 3, "läsare")
    refused(tracker("report-month", MOTT, "2023-03", "--done", "--force"), 3)
    ok(tracker("status", "--year", "2023"))
    ok(tracker("history", MOTT, "bou.akt", "2023-03"))


def test_lock_round_as_admin(tracker):
    ok(tracker("users", "add", ME, "--role", "admin"))
    ok(tracker("set", MOTT, "bou.akt", "2023-03", "12"))
    ok(tracker("report-month", MOTT, "2023-03", "--done", "--force"))
    out = ok(tracker("lock", "2023-03", "--unit", "IFO.BOU"))
    assert "Låste mars 2023 för 3 enheter" in out
    assert "hade inte rapporterat" in out and "Utredning barn och unga" in out and "Mottagning" not in out.split("Obs")[1]
    assert "Redan låst" in ok(tracker("lock", "2023-03", "--unit", MOTT))
    refused(tracker("set", MOTT, "bou.akt", "2023-03", "14"), 3, "låst", "--reason")
    assert "12 → 14" in ok(tracker("set", MOTT, "bou.akt", "2023-03", "14", "--reason", "Rättelse"))
    refused(tracker("report-month", MOTT, "2023-03", "--undo"), 3, "låst")
    ok(tracker("unlock", "2023-03", "--unit", MOTT, "--reason", "Fel i mars"))
    refused(tracker("unlock", "2023-03", "--unit", MOTT, "--reason", "igen"), 2, "inte låst")
    data = json.loads(ok(tracker("history", MOTT, "bou.akt", "2023-03", "--format", "json")))
    assert [c["new"] for c in data["changes"]] == [12, 14]
    assert data["changes"][1]["reason"] == "Rättelse" and data["changes"][1]["login"] == ME
    assert [e["action"] for e in data["locks"]] == ["lock", "unlock"]
    assert data["locks"][1]["reason"] == "Fel i mars"


@pytest.mark.parametrize(
    "args, code, words",
    [
        (("lock", "2023-13"), 2, ["2023-13"]),
        (("lock", "2023"), 2, ["ÅÅÅÅ-MM"]),
        (("lock", "2023-03", "--unit", "NOPE"), 2, ["NOPE"]),
        (("unlock", "2023-03"), 2, ["--reason"]),
        (("unlock", "2023-03", "--reason", "  "), 2, ["--reason"]),
        (("unlock", "2023-03", "--reason", "x"), 2, ["inte låst"]),
    ],
)
def test_lock_bad_input(tracker, args, code, words):
    refused(tracker(*args), code, *words)


def test_status_table_and_json(tracker):
    ok(tracker("set", MOTT, "bou.akt", "2023-03", "12"))
    ok(tracker("set", "IFO.BOU.UTR", "bou.utr.inledda", "2023-03", "4"))
    ok(tracker("report-month", "IFO.BOU.UTR", "2023-03", "--done", "--force"))
    ok(tracker("lock", "2023-02", "--unit", "IFO.BOU.PLAC"))
    data = json.loads(ok(tracker("status", "--year", "2023", "--unit", "IFO.BOU", "--format", "json")))
    months = {e["code"]: e["months"] for e in data["enheter"]}
    assert months[MOTT]["2023-03"] == "påbörjad"
    assert months["IFO.BOU.UTR"]["2023-03"] == "klar"
    assert months["IFO.BOU.PLAC"]["2023-02"] == "låst"
    assert months["IFO.BOU.PLAC"]["2023-03"] == "saknas"
    assert len(data["enheter"]) == 3
    table = ok(tracker("status", "--year", "2023"))
    assert "Inrapportering 2023" in table and "Försörjningsstöd" in table and "påbörjad" in table


@pytest.mark.parametrize(
    "args, words",
    [
        (("status", "--year", "23"), ["23"]),
        (("status", "--year", "2023", "--unit", "NOPE"), ["NOPE"]),
        (("status", "--format", "xml"), ["xml"]),
    ],
)
def test_status_bad_input(tracker, args, words):
    refused(tracker(*args), 2, *words)


def test_history_and_comments(tracker):
    plac = "IFO.BOU.PLAC"
    ok(tracker("set", plac, "bou.plac.fh.sol", "2023-03", "15", "--part", "F"))
    ok(tracker("set", plac, "bou.plac.fh.sol", "2023-03", "28", "--part", "P"))
    ok(tracker("set", plac, "bou.plac.fh.sol", "2023-03", "16", "--part", "F"))
    ok(tracker("comment", plac, "2023-03", "Två syskon placerade", "--measure", "bou.plac.fh.sol", "--part", "f"))
    ok(tracker("comment", plac, "2023-03", "Ny rutin för placeringar"))
    table = ok(tracker("history", plac, "bou.plac.fh.sol", "2023-03"))
    assert "15 → 16" in table and "Flickor" in table and "Pojkar" in table
    assert "Två syskon placerade" in table and "Ny rutin för placeringar" in table
    data = json.loads(ok(tracker("history", plac, "bou.plac.fh.sol", "2023-03", "--part", "F", "--format", "json")))
    assert [(c["old"], c["new"]) for c in data["changes"]] == [(None, 15), (15, 16)]
    assert data["comments"][0]["text"] == "Två syskon placerade"
    assert data["month_comments"][0]["text"] == "Ny rutin för placeringar"
    assert "Inga ändringar" in ok(tracker("history", MOTT, "bou.akt", "2023-04"))


@pytest.mark.parametrize(
    "args, words",
    [
        (("history", "NOPE", "bou.akt", "2023-03"), ["NOPE"]),
        (("history", MOTT, "nope", "2023-03"), ["nope"]),
        (("history", MOTT, "bou.akt", "2023-13"), ["2023-13"]),
        (("history", MOTT, "bou.akt", "2023-03", "--part", "F"), ["Delen"]),
        (("history", "IFO.BOU", "bou.akt", "2023-03"), ["avdelning"]),
        (("history", MOTT, "bou.akt", "2023"), ["anges per månad"]),
        (("history", "IFO.BOU.PLAC", "bou.unika.fh", "2023-03"), ["årsmått"]),
        (("comment", MOTT, "2023-03", "Barnet 120101-1234 flyttade"), ["personnummer", "120101-XXXX"]),
        (("comment", MOTT, "2023-03", "  "), ["tom"]),
        (("comment", MOTT, "2023-03", "x", "--measure", "vux.akt"), ["rapporterar inte"]),
        (("report-month", MOTT, "2023-03", "--done"), ["inga värden"]),
        (("report-month", MOTT, "2023-03"), ["--done"]),
    ],
)
def test_history_comment_report_bad_input(tracker, args, words):
    line = refused(tracker(*args), 2, *words)
    assert "1234" not in line  # a refused personnummer is not echoed back
