"""Every write method of the Store asks store.access first: a läsare and an unknown login are refused
each one, with exit code 3 and nothing changed, and no public method writes without being one."""

from __future__ import annotations

import ast
import hashlib
import inspect
import textwrap

import pytest

from tracker.core.catalog import Catalog, CatalogFile, Measure, SeriesBreak, standard_catalog
from tracker.core.errors import NotPermitted
from tracker.core.periods import Month
from tracker.io.example_tree import create_example_tree
from tracker.store.store import Store
from tracker.store.values_store import ValueWrite

MOTT, UTR, VUX = "IFO.BOU.MOTT", "IFO.BOU.UTR", "IFO.VUX.VUX"
MARS, APRIL = Month(2023, 3), Month(2023, 4)

# Public methods that reach a write primitive without changing anything themselves.
NOT_WRITES = {
    "write_lock": "takes the write lock for the caller's checks; the writes inside it are write methods",
}


def _prepare(admin: Store) -> None:
    """What some calls need to exist first: a closed enhet, a lock, a klar month, a break, …"""
    admin.set_value(MOTT, "bou.akt", MARS, 11, source="cli")
    admin.set_value(MOTT, "bou.akt", Month(2023, 5), 4, source="cli")
    admin.mark_reported(MOTT, Month(2023, 5), force=True)
    admin.lock_month(Month(2023, 2), MOTT)
    admin.close_unit(VUX, Month(2024, 1))
    admin.add_unit("IFO.BOU.TOM", "Tom enhet", parent="IFO.BOU")
    admin.add_break("bou.akt", Month(2022, 1), "Ny definition")
    admin.add_user("bort", "lasare")


def _own_measure() -> Catalog:
    return Catalog([], [Measure(code="egen.x", name="Eget mått", section="bou", kind="flow")])


# One call of every write method that an admin may make on the prepared database.
CALLS = {
    "set_values": lambda s: s.set_values([ValueWrite(MOTT, "bou.akt", "", APRIL, 3)], source="cli"),
    "set_value": lambda s: s.set_value(MOTT, "bou.akt", APRIL, 3, source="tui"),
    "write_checked": lambda s: s.write_checked(
        [(MOTT, "bou.akt", "", APRIL, None, 3.0)], version=s.data_version(), source="import"
    ),
    "add_unit": lambda s: s.add_unit("IFO.BOU.NY", "Ny enhet", parent="IFO.BOU"),
    "change_unit_measures": lambda s: s.change_unit_measures(MOTT, remove="bou.akt"),
    "rename_unit": lambda s: s.rename_unit(MOTT, "Mottagningen"),
    "move_unit": lambda s: s.move_unit(UTR, "IFO.VUX", Month(2024, 7)),
    "close_unit": lambda s: s.close_unit(UTR, Month(2030, 1)),
    "reopen_unit": lambda s: s.reopen_unit(VUX),
    "remove_unit": lambda s: s.remove_unit("IFO.BOU.TOM"),
    "install_catalog": lambda s: s.install_catalog(standard_catalog()),
    "add_measures": lambda s: s.add_measures(_own_measure()),
    "import_catalog_file": lambda s: s.import_catalog_file(
        CatalogFile(None, (("bou.akt", SeriesBreak(Month(2023, 1), "Nytt ärendesystem")),))
    ),
    "add_break": lambda s: s.add_break("bou.akt", Month(2023, 1), "Nytt ärendesystem"),
    "remove_break": lambda s: s.remove_break("bou.akt", Month(2022, 1)),
    "rename_measure": lambda s: s.rename_measure("bou.akt", "Aktualiseringar, barn"),
    "set_retired": lambda s: s.set_retired("bou.akt"),
    "add_user": lambda s: s.add_user("ny", "lasare"),
    "remove_user": lambda s: s.remove_user("bort"),
    "lock_month": lambda s: s.lock_month(MARS, MOTT),
    "unlock_month": lambda s: s.unlock_month(Month(2023, 2), "Rättelse", MOTT),
    "mark_reported": lambda s: s.mark_reported(MOTT, MARS, force=True),
    "unmark_reported": lambda s: s.unmark_reported(MOTT, Month(2023, 5)),
    "add_comment": lambda s: s.add_comment(MOTT, MARS, "Nytt ärendesystem"),
    "set_setting": lambda s: s.set_setting("jump_pct", "20"),
    "set_target": lambda s: s.set_target("bou.fhb.andel14", 2023, "90"),
}


def write_methods() -> set[str]:
    """The Store's public methods marked as write methods."""
    return {
        name for name, member in inspect.getmembers(Store, inspect.isfunction)
        if not name.startswith("_") and getattr(member, "store_write", False)
    }


@pytest.fixture
def database():
    """An admin ("chef") on a prepared database, with the läsare "lasa" registered."""
    admin = Store.open(None, login="chef")
    create_example_tree(admin)
    admin.add_user("chef", "admin")
    admin.add_user("lasa", "lasare")
    _prepare(admin)
    yield admin
    admin.close()


def _fingerprint(store: Store) -> str:
    return hashlib.sha256("\n".join(store.db.conn.iterdump()).encode()).hexdigest()


def test_the_calls_below_cover_every_write_method():
    assert set(CALLS) == write_methods()


@pytest.mark.parametrize("login", ["lasa", "okand.login"])
@pytest.mark.parametrize("method", sorted(CALLS))
def test_a_lasare_and_an_unknown_login_are_refused_every_write(database, method, login):
    before = _fingerprint(database)
    with pytest.raises(NotPermitted) as refused:
        CALLS[method](Store(database.db, login=login))
    assert refused.value.exit_code == 3
    assert login in str(refused.value)
    assert _fingerprint(database) == before


@pytest.mark.parametrize("method", sorted(CALLS))
def test_an_admin_may_make_every_write(database, method):
    # the refusals above are the role's doing, not the call's: the same call succeeds for an admin
    before = _fingerprint(database)
    CALLS[method](Store(database.db, login="chef"))
    assert _fingerprint(database) != before


# -- no write without the mark ----------------------------------------------------------------------

_WRITE_CALLS = {"write_transaction", "seal", "seal_block"}
_TABLE_WRITES = {"insert", "insert_all", "upsert", "upsert_all", "update", "delete", "delete_where"}  # db["t"].x
_WRITE_SQL = ("insert", "update", "delete", "replace")


def _sql_text(node: ast.expr) -> str:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
        return str(node.values[0].value)
    return ""


def _scan(function: ast.FunctionDef) -> tuple[bool, set[str]]:
    """Whether a method calls a write primitive itself, and the self.methods it calls."""
    writes, calls = False, set()
    for node in ast.walk(function):
        if not isinstance(node, ast.Call):
            continue
        f = node.func
        if isinstance(f, ast.Name) and f.id in _WRITE_CALLS:
            writes = True
        elif isinstance(f, ast.Attribute):
            if isinstance(f.value, ast.Name) and f.value.id == "self":
                calls.add(f.attr)
            if f.attr in _TABLE_WRITES and isinstance(f.value, ast.Subscript) or f.attr == "executemany":
                writes = True
            if f.attr == "execute" and node.args and _sql_text(node.args[0]).lstrip().lower().startswith(_WRITE_SQL):
                writes = True
    return writes, calls


def _methods_that_write() -> set[str]:
    direct: dict[str, bool] = {}
    calls: dict[str, set[str]] = {}
    for cls in Store.__mro__[:-1]:
        tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
        for node in tree.body[0].body:
            if isinstance(node, ast.FunctionDef):
                direct[node.name], calls[node.name] = _scan(node)
    writing = {name for name, w in direct.items() if w}
    grown = True
    while grown:
        more = {name for name, called in calls.items() if called & writing} - writing
        grown = bool(more)
        writing |= more
    return writing


def test_every_public_method_that_writes_is_a_write_method():
    writing = {name for name in _methods_that_write() if not name.startswith("_")}
    unmarked = writing - write_methods() - set(NOT_WRITES)
    assert not unmarked, f"write without @write_method (and its access check): {sorted(unmarked)}"
    # and the scan does see the writes: every marked method is found writing
    assert write_methods() <= writing


def test_no_area_of_the_store_overrides_another():
    # the order of Store's bases must mean nothing: each name is defined by one area only
    seen: dict[str, str] = {}
    clashes = []
    for cls in Store.__mro__[1:-1]:
        for name in vars(cls):
            if name.startswith("__"):
                continue
            if name in seen:
                clashes.append(f"{name}: {seen[name]} and {cls.__name__}")
            seen[name] = cls.__name__
    assert not clashes, clashes
