"""A database shared by a group: file modes, `init --shared`, and the refusal of network filesystems."""

from __future__ import annotations

import grp
import os
import stat

import pytest

import tracker.store.files
from tracker.cli.main import main
from tracker.store.files import filesystem_type, parse_mountinfo
from tracker.store.store import Store


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def other_group() -> str:
    """A group this process may give files to, preferably not its primary one (root may use any)."""
    candidates = [g.gr_gid for g in grp.getgrall()] if os.geteuid() == 0 else os.getgroups()
    others = [gid for gid in candidates if gid != os.getegid()]
    return grp.getgrgid(others[0] if others else os.getegid()).gr_name


@pytest.mark.parametrize(("mask", "expected"), [(0o022, 0o660), (0o002, 0o660), (0o077, 0o600)])
def test_new_database_and_its_wal_and_shm_are_group_writable_unless_the_umask_shuts_the_group_out(
    tmp_path, umask, mask, expected
):
    umask(mask)
    path = tmp_path / "ny.db"
    with Store.open(path):
        # the -wal and -shm files exist while the database is open; SQLite gives them the database's mode
        assert [mode(path.with_name("ny.db" + s)) for s in ("", "-wal", "-shm")] == [expected] * 3


def test_an_existing_database_keeps_its_mode(tmp_path, umask):
    path = tmp_path / "gammal.db"
    Store.open(path).close()
    os.chmod(path, 0o640)
    Store.open(path).close()
    assert mode(path) == 0o640


def test_init_shared_gives_a_setgid_directory_and_0660_files_to_the_group(tmp_path, umask, capsys):
    umask(0o077)  # even a strict umask: the group was asked for
    group = other_group()
    gid = grp.getgrnam(group).gr_gid
    path = tmp_path / "srv" / "tracker" / "ifo.db"
    assert main(["init", "--shared", group, "--db", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"Skapade mappen {path.parent}. Den tillhör nu gruppen {group} med rättigheterna 2770" in out
    assert f"läs- och skrivbar för gruppen {group} (0660)" in out
    assert f'database = "{path}"' in out

    info = os.stat(path.parent)
    assert (stat.S_IMODE(info.st_mode), info.st_gid) == (0o2770, gid)
    assert (mode(path), os.stat(path).st_gid) == (0o660, gid)
    with Store.open(path):
        wal = path.with_name("ifo.db-wal")
        assert (mode(wal), os.stat(wal).st_gid) == (0o660, gid)

    # run again on the existing database: nothing is lost, the modes stay
    assert main(["init", "--shared", group, "--db", str(path)]) == 0
    assert "finns redan och har 10 enheter" in capsys.readouterr().out
    assert mode(path) == 0o660


def test_init_shared_refuses_an_unknown_group_and_creates_nothing(tmp_path, capsys):
    path = tmp_path / "srv" / "ifo.db"
    assert main(["init", "--shared", "finns-inte-grupp", "--db", str(path)]) == 2
    assert "Gruppen ”finns-inte-grupp” finns inte. Skapa den först" in capsys.readouterr().err
    assert not path.parent.exists()


def test_init_shared_will_not_open_up_a_folder_that_holds_other_files(tmp_path, capsys):
    (tmp_path / "privat.txt").write_text("x")
    before = mode(tmp_path)
    assert main(["init", "--shared", other_group(), "--db", str(tmp_path / "ifo.db")]) == 2
    assert "innehåller annat än databasen (privat.txt) och ges inte till gruppen" in capsys.readouterr().err
    assert mode(tmp_path) == before and not (tmp_path / "ifo.db").exists()


def fake_mounts(monkeypatch, tmp_path, lines: list[str]) -> None:
    mountinfo = tmp_path / "mountinfo"
    mountinfo.write_text("\n".join(lines) + "\n")
    monkeypatch.setattr(tracker.store.files, "MOUNTINFO", mountinfo)


def test_a_database_on_a_network_filesystem_is_refused_in_swedish_and_not_created(tmp_path, monkeypatch, capsys):
    share = tmp_path / "gemensam"
    share.mkdir()
    fake_mounts(
        monkeypatch,
        tmp_path,
        [
            "22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw",
            f"40 22 0:50 / {share} rw,relatime shared:9 - nfs4 filer:/export/ifo rw,vers=4.2",
        ],
    )
    assert main(["init", "--db", str(share / "ifo.db")]) == 1
    err = capsys.readouterr().err
    assert f"”{share / 'ifo.db'}” ligger på en nätverksdisk (nfs4)" in err
    assert "Lägg databasen på en lokal disk" in err and "Driftsättning" in err
    assert not (share / "ifo.db").exists()
    # a local disk beside it is fine
    assert main(["init", "--db", str(tmp_path / "lokal.db")]) == 0


def test_filesystem_type_is_the_deepest_mount_and_reads_escaped_paths(tmp_path, monkeypatch):
    fake_mounts(
        monkeypatch,
        tmp_path,
        [
            "22 1 8:1 / / rw - ext4 /dev/sda1 rw",
            "41 22 0:51 / /mnt/smb\\040share rw - cifs //server/ifo rw",
            "42 41 8:2 / /mnt/smb\\040share/lokal rw - xfs /dev/sdb1 rw",
        ],
    )
    assert parse_mountinfo("41 22 0:51 / /mnt/a\\040b rw - cifs //s/x rw") == [("/mnt/a b", "cifs")]
    assert filesystem_type("/mnt/smb share/ifo") == "cifs"
    assert filesystem_type("/mnt/smb share/lokal/ifo") == "xfs"
    assert filesystem_type("/srv/tracker") == "ext4"
    # a folder whose name only begins with a mount point's is not on that mount
    assert filesystem_type("/mnt/smb shared/ifo") == "ext4"


def test_a_login_outside_the_group_is_told_which_group_to_join(tmp_path, capsys):
    group = other_group()
    path = tmp_path / "srv" / "ifo.db"
    assert main(["init", "--shared", group, "--db", str(path)]) == 0
    capsys.readouterr()
    message = tracker.store.files.permission_problem(path, "ec.barn")
    assert f"Du (ec.barn) har inte behörighet till ”{path}”. Den är till för gruppen {group}" in message
    assert f"usermod -aG {group} ec.barn" in message
    # when the file itself cannot be looked at, the folder says whose it is
    message = tracker.store.files.permission_problem(path.parent / "saknas.db", "ec.barn")
    assert f"Mappen ”{path.parent}” är till för gruppen {group}" in message


def test_a_database_the_login_cannot_write_is_refused_with_exit_3_and_how_to_share_it(tmp_path, monkeypatch, capsys):
    path = tmp_path / "gammal.db"
    Store.open(path).close()
    os.chmod(path, 0o644)
    # root may write anything, so the check's view of the file is faked
    monkeypatch.setattr(tracker.store.files.os, "access", lambda *_: False)
    assert main(["units", "--db", str(path)]) == 3
    err = capsys.readouterr().err
    assert f"har inte läs- och skrivrätt till ”{path}” (rättigheter -rw-r--r--" in err
    assert f"tracker init --shared GRUPP --db {path}" in err
