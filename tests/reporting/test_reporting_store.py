"""Roles, locks, the reported mark, status and comments at the store level (in process)."""

from __future__ import annotations

import pytest

from tests.support import MOTT, UTR, VUX
from tracker.core.errors import InputError, MonthIncomplete, NotPermitted
from tracker.core.periods import Month
from tracker.store.values_store import ValueWrite

MARS = Month(2023, 3)


def test_single_user_mode_allows_everything(db_store):
    store, _ = db_store
    assert store.single_user and store.current_role == "admin"
    store.set_value(MOTT, "bou.akt", MARS, 10, source="cli")
    store.lock_month(MARS, MOTT)
    # Locks hold even in single-user mode: a reason is still needed.
    with pytest.raises(NotPermitted, match="orsak"):
        store.set_value(MOTT, "bou.akt", MARS, 11, source="cli")
    assert store.set_value(MOTT, "bou.akt", MARS, 11, source="cli", reason="Rättelse").new == 11


def test_first_user_must_be_admin(db_store):
    store, _ = db_store
    with pytest.raises(InputError, match="första användaren"):
        store.add_user("ec.barn", "rapportor", [MOTT])
    store.add_user("admin1", "admin")
    assert not store.single_user


def test_user_validation(db_store):
    store, _ = db_store
    store.add_user("admin1", "admin")
    with pytest.raises(InputError, match="minst en enhet"):
        store.add_user("ec.barn", "rapportor")
    with pytest.raises(InputError, match="Bara rapportörer har egna enheter"):
        store.add_user("las", "lasare", [MOTT])
    with pytest.raises(InputError, match="finns inte"):
        store.add_user("ec.barn", "rapportor", ["NOPE"])
    with pytest.raises(InputError, match="Rollen"):
        store.add_user("x", "boss")
    with pytest.raises(InputError, match="inloggning"):
        store.add_user("two words", "lasare")
    with pytest.raises(InputError, match="enda administratören"):
        store.add_user("admin1", "lasare")
    with pytest.raises(InputError, match="finns inte"):
        store.remove_user("ghost")


def test_rapportor_changes_only_own_units(db_store):
    store, as_login = db_store
    store.add_user("admin1", "admin")
    store.add_user("ec.barn", "rapportor", ["IFO.BOU"])  # an avdelning: all its enheter
    rap = as_login("ec.barn")
    assert rap.set_value(MOTT, "bou.akt", MARS, 5, source="tui").new == 5
    assert rap.set_value(UTR, "bou.utr.inledda", MARS, 3, source="tui").new == 3
    with pytest.raises(NotPermitted, match="rapportör för IFO.BOU"):
        rap.set_value(VUX, "vux.akt", MARS, 1, source="tui")
    # One forbidden cell refuses the whole batch.
    with pytest.raises(NotPermitted):
        rap.set_values(
            [ValueWrite(MOTT, "bou.akt", "", MARS, 6), ValueWrite(VUX, "vux.akt", "", MARS, 1)], source="tui"
        )
    assert store.cell(MOTT, "bou.akt", "", MARS)[0] == 5
    with pytest.raises(NotPermitted, match="administratör"):
        rap.add_user("x", "lasare")
    with pytest.raises(NotPermitted, match="administratör"):
        rap.lock_month(MARS)


def test_lasare_and_unknown_login_change_nothing(db_store):
    store, as_login = db_store
    store.add_user("admin1", "admin")
    store.add_user("las", "lasare")
    for login, why in (("las", "läsare"), ("stranger", "inte registrerad")):
        other = as_login(login)
        with pytest.raises(NotPermitted, match=why):
            other.set_value(MOTT, "bou.akt", MARS, 5, source="cli")
        with pytest.raises(NotPermitted):
            other.add_comment(MOTT, MARS, "Hej")
        with pytest.raises(NotPermitted):
            other.mark_reported(MOTT, MARS, force=True)
    assert store.cell(MOTT, "bou.akt", "", MARS) == (None, 0)


def test_locked_month_admin_with_reason_only(db_store):
    store, as_login = db_store
    store.add_user("admin1", "admin")
    store.add_user("ec.barn", "rapportor", [MOTT])
    rap = as_login("ec.barn")
    rap.set_value(MOTT, "bou.akt", MARS, 5, source="tui")
    rap.mark_reported(MOTT, MARS, force=True)
    result = store.lock_month(MARS)
    assert MOTT in result.changed and UTR in result.not_reported and MOTT not in result.not_reported
    with pytest.raises(NotPermitted, match="Bara en administratör"):
        rap.set_value(MOTT, "bou.akt", MARS, 6, source="tui", reason="jag vill")
    with pytest.raises(NotPermitted, match="orsak"):
        store.set_value(MOTT, "bou.akt", MARS, 6, source="cli", reason="  ")
    store.set_value(MOTT, "bou.akt", MARS, 6, source="cli", reason="Rättelse efter revision")
    last = store.history(MOTT, "bou.akt", "", MARS)[-1]
    assert (last.login, last.old, last.new, last.reason) == ("admin1", 5, 6, "Rättelse efter revision")
    # Other months stay open.
    rap.set_value(MOTT, "bou.akt", Month(2023, 4), 7, source="tui")
    # A second lock changes nothing; unlock needs admin and a reason, and is logged.
    assert store.lock_month(MARS, MOTT).unchanged == [MOTT]
    with pytest.raises(NotPermitted):
        rap.unlock_month(MARS, "x", MOTT)
    with pytest.raises(InputError, match="Ange varför månaden låses upp"):
        store.unlock_month(MARS, "", MOTT)
    store.unlock_month(MARS, "Fel siffra", MOTT)
    with pytest.raises(InputError, match="inte låst"):
        store.unlock_month(MARS, "igen", MOTT)
    assert [e.action for e in store.lock_history(MOTT, MARS)] == ["lock", "unlock"]
    assert store.lock_history(MOTT, MARS)[-1].reason == "Fel siffra"
    rap.set_value(MOTT, "bou.akt", MARS, 8, source="tui")


def test_annual_value_locked_with_december(db_store):
    store, _ = db_store
    plac = "IFO.BOU.PLAC"
    store.lock_month(Month(2023, 12), plac)
    with pytest.raises(NotPermitted, match="År 2023"):
        store.set_value(plac, "bou.unika.fh", 2023, 100, source="cli")
    store.set_value(plac, "bou.unika.fh", 2022, 100, source="cli")


def test_status_grid(db_store):
    store, _ = db_store
    store.set_value(MOTT, "bou.akt", MARS, 5, source="cli")
    store.set_value(UTR, "bou.utr.inledda", MARS, 3, source="cli")
    store.mark_reported(UTR, MARS, force=True)
    store.set_value(VUX, "vux.akt", Month(2023, 2), 3, source="cli")
    store.mark_reported(VUX, Month(2023, 2), force=True)
    store.lock_month(Month(2023, 2), VUX)
    view = store.reporting_status(2023)
    assert view.grid[MOTT][MARS] == "påbörjad"
    assert view.grid[UTR][MARS] == "klar"
    assert view.grid[VUX][Month(2023, 2)] == "låst"
    assert view.grid[VUX][MARS] == "saknas"
    assert [u.code for u in store.reporting_status(2023, "IFO.BOU").enheter] == [MOTT, UTR, "IFO.BOU.PLAC"]


def test_mark_reported_rules(db_store):
    store, _ = db_store
    with pytest.raises(InputError, match="inga värden"):
        store.mark_reported(MOTT, MARS)
    with pytest.raises(InputError, match="avdelning"):
        store.mark_reported("IFO.BOU", MARS)
    store.set_value(MOTT, "bou.akt", MARS, 0, source="cli")  # a reported 0 counts
    with pytest.raises(MonthIncomplete) as incomplete:
        store.mark_reported(MOTT, MARS)
    assert incomplete.value.missing == [
        "varav orosanmälningar", "Förhandsbedömningar (beslut att inleda/inte inleda)", "varav beslut inom 14 dagar"
    ]
    assert not store.is_reported(MOTT, MARS)
    for code in ("bou.akt.oro", "bou.fhb", "bou.fhb.14d"):
        store.set_value(MOTT, code, MARS, 0, source="cli")
    assert store.mark_reported(MOTT, MARS) is True
    assert store.mark_reported(MOTT, MARS) is False
    assert store.unmark_reported(MOTT, MARS) is True
    assert store.reporting_status(2023).grid[MOTT][MARS] == "påbörjad"


def test_comments(db_store):
    store, _ = db_store
    c = store.add_comment(MOTT, MARS, "  Nytt   verksamhetssystem ", measure="bou.akt")
    assert c.text == "Nytt verksamhetssystem" and c.login == "admin1"
    store.add_comment(MOTT, MARS, "Personalbrist hela månaden")
    assert [x.text for x in store.comments(MOTT, "bou.akt", "", MARS)] == ["Nytt verksamhetssystem"]
    assert len(store.month_comments(MOTT, MARS)) == 2
    assert ("bou.akt", "", "2023-03") in store.commented_cells(MOTT, 2023)
    with pytest.raises(InputError, match="personnummer"):
        store.add_comment(MOTT, MARS, "Gäller 19850101-1234")
    with pytest.raises(InputError, match="tom"):
        store.add_comment(MOTT, MARS, "   ")
    with pytest.raises(InputError, match="rapporterar inte"):
        store.add_comment(MOTT, MARS, "x", measure="vux.akt")
    with pytest.raises(InputError, match="Delen"):
        store.add_comment("IFO.BOU.PLAC", MARS, "x", measure="bou.plac.fh.sol", part="K")
    with pytest.raises(InputError, match="ange också måttet"):
        store.add_comment(MOTT, MARS, "x", part="F")
    with pytest.raises(InputError, match="avdelning"):
        store.add_comment("IFO.BOU", MARS, "x")
    # A locked month may still get an explanation.
    store.lock_month(MARS, MOTT)
    store.add_comment(MOTT, MARS, "Rättad i efterhand")


def test_jump_rule_settings(db_store):
    store, _ = db_store
    rule = store.jump_rule()
    assert (rule.pct, rule.abs) == (50, 10)
    store.set_setting("jump_pct", "20")
    store.set_setting("jump_abs", "5")
    assert store.jump_rule().is_jump(130, 100)
    store.set_setting("jump_abs", "mycket")
    with pytest.raises(InputError, match="jump_abs"):
        store.jump_rule()


def test_existing_database_gets_migration(tmp_path):
    from tracker.store.store import Store

    path = tmp_path / "t.db"
    with Store.open(path, login="a") as s:
        assert "month_lock" in s.db.table_names() and "comment" in s.db.table_names()
    with Store.open(path, login="a") as s:
        assert s.single_user


def test_clearing_a_value_takes_back_the_months_klar_mark_and_logs_why(db_store):
    admin, _as_login = db_store
    month = Month(2023, 3)
    for code in admin.units.get(MOTT).measures:
        measure = admin.catalog.get(code)
        if not measure.is_annual and not measure.is_derived and not measure.parts and not measure.varav_of:
            admin.set_value(MOTT, code, month, 0, source="cli")
    admin.mark_reported(MOTT, month, force=True)
    assert admin.is_reported(MOTT, month)
    admin.set_value(MOTT, "bou.akt", month, 5, source="cli")
    assert admin.is_reported(MOTT, month)  # a changed value leaves the month complete
    admin.set_value(MOTT, "bou.akt", month, None, source="cli")
    assert not admin.is_reported(MOTT, month)
    last = admin.log_entries()[-1]
    assert (last.action, last.unit, last.period) == ("unreported", MOTT, "2023-03")
    assert "inte längre markerad klar" in last.detail
    assert admin.verify() == []


def test_an_import_that_clears_a_value_takes_back_the_months_klar_mark(db_store):
    admin, _as_login = db_store
    month = Month(2023, 3)
    admin.set_value(MOTT, "bou.akt", month, 5, source="cli")
    admin.mark_reported(MOTT, month, force=True)
    admin.write_checked([(MOTT, "bou.akt", "", month, 5.0, None)], version=admin.data_version(), source="import")
    assert not admin.is_reported(MOTT, month)
    assert admin.log_entries()[-1].action == "unreported"
    assert admin.verify() == []
