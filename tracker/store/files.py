"""The database file on disk: which filesystem it lives on, its mode, and a directory shared by a group.

SQLite's WAL mode needs shared memory and byte-range locks that network filesystems do not give
reliably, and a WAL database cannot be shared read-only: whoever may read it must also be able to
write its -shm file. So a database is refused on a network filesystem, and a group gets read and
write on new files, or nothing.
"""

# Annotations are evaluated here (no `from __future__ import annotations`): a named tuple
# made from evaluated field types costs a third of one made from strings, at every start.

import grp
import os
import stat
from pathlib import Path
from typing import NamedTuple

from tracker.core.errors import DatabaseError, InputError, NotPermitted

# Read by filesystem_type(); a test points it at a file of its own to fake a mount.
MOUNTINFO = Path("/proc/self/mountinfo")

# Filesystem types (as /proc/self/mountinfo names them) where SQLite's locking cannot be trusted.
NETWORK_FILESYSTEMS = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb3",
        "smbfs",
        "ncpfs",
        "afs",
        "9p",
        "ceph",
        "glusterfs",
        "lustre",
        "gpfs",
        "beegfs",
        "davfs",
        "fuse.sshfs",
        "fuse.glusterfs",
        "fuse.cephfs",
        "fuse.rclone",
        "fuse.s3fs",
        "fuse.davfs2",
    }
)

SHARED_FILE_MODE = 0o660
PRIVATE_FILE_MODE = 0o600
SHARED_DIR_MODE = 0o2770  # setgid: files made inside get the directory's group
SUFFIXES = ("", "-wal", "-shm")


def _unescape(field: str) -> str:
    """mountinfo writes space, tab, newline and backslash in paths as octal escapes."""
    for code, char in (("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")):
        field = field.replace(code, char)
    return field


def parse_mountinfo(text: str) -> list[tuple[str, str]]:
    """(mount point, filesystem type) for each line of /proc/self/mountinfo."""
    mounts = []
    for line in text.splitlines():
        fields = line.split(" ")
        if "-" not in fields:
            continue
        dash = fields.index("-")
        if len(fields) > dash + 1 and len(fields) > 4:
            mounts.append((_unescape(fields[4]), fields[dash + 1]))
    return mounts


def filesystem_type(path: str | Path) -> str | None:
    """The type of the filesystem holding path (the deepest mount above it), or None when unknown."""
    try:
        mounts = parse_mountinfo(MOUNTINFO.read_text("utf-8", errors="replace"))
    except OSError:
        return None  # not Linux, or /proc not mounted: nothing to go by
    real = os.path.realpath(path)
    target = Path(real)
    best: tuple[int, str] | None = None
    for point, fstype in mounts:
        # a text test first: most mounts are elsewhere, and Path objects for each cost every start
        if real != point and not real.startswith(point.rstrip("/") + "/"):
            continue
        mount = Path(point)
        if (target == mount or mount in target.parents) and (best is None or len(mount.parts) >= best[0]):
            best = (len(mount.parts), fstype)  # later lines are mounted on top of earlier ones
    return best[1] if best else None


def refuse_network_filesystem(path: Path) -> None:
    """Refuse a database whose folder is on a network filesystem, saying why and what to do."""
    fstype = filesystem_type(path.parent)
    if fstype in NETWORK_FILESYSTEMS:
        raise DatabaseError(
            f"”{path}” ligger på en nätverksdisk ({fstype}), där SQLite inte kan låsa databasen säkert och "
            "den kan förstöras. Lägg databasen på en lokal disk i den dator som håller den och låt alla "
            "ansluta till den datorn (ssh eller tracker serve); se README, Driftsättning."
        )


def current_umask() -> int:
    """The process's umask (reading it means setting it, so it is put straight back)."""
    mask = os.umask(0o077)
    os.umask(mask)
    return mask


def new_file_mode(umask: int) -> int:
    """0660 for a new database, or 0600 when the umask shuts the group out (e.g. 077)."""
    return PRIVATE_FILE_MODE if umask & 0o040 else SHARED_FILE_MODE


def create_database_file(path: Path, mode: int | None = None) -> None:
    """Create an empty database file with the mode SQLite then copies to its -wal and -shm files."""
    mode = new_file_mode(current_umask()) if mode is None else mode
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    except FileExistsError:
        return  # another process made it first: theirs is as good
    try:
        os.fchmod(fd, mode)  # os.open applied the umask
    finally:
        os.close(fd)


class SharedSetup(NamedTuple):
    """What init --shared did to the directory."""

    directory: Path
    group: str
    directory_created: bool


def group_id(name: str) -> int:
    """The id of a group by name, or a Swedish refusal."""
    try:
        return grp.getgrnam(name).gr_gid
    except KeyError:
        raise InputError(
            f"Gruppen ”{name}” finns inte. Skapa den först (t.ex. `groupadd {name}`) och lägg till användarna i den."
        ) from None


def prepare_shared_directory(path: Path, group: str) -> SharedSetup:
    """Give the database's directory to the group (setgid, 2770), creating it if needed.

    An existing directory that holds other files is given to the group only if it already is
    the group's, so that pointing --db at a home or system folder cannot open it up.
    """
    gid = group_id(group)
    directory = path.parent
    ours = {path.name + suffix for suffix in SUFFIXES}
    created = not directory.exists()
    if created:
        try:
            directory.mkdir(parents=True)
        except PermissionError:
            raise NotPermitted(
                f"Du får inte skapa mappen ”{directory}”. Kör som root (sudo) eller välj en annan mapp."
            ) from None
    elif not directory.is_dir():
        raise InputError(
            f"”{directory}” är ingen mapp; en delad databas ligger i en egen mapp, t.ex. /srv/tracker/ifo.db.",
            argument="db", given=True,
        )
    else:
        info = directory.stat()
        already = info.st_gid == gid and stat.S_IMODE(info.st_mode) == SHARED_DIR_MODE
        others = sorted(p.name for p in directory.iterdir() if p.name not in ours)
        if others and not already:
            raise InputError(
                f"Mappen ”{directory}” innehåller annat än databasen ({', '.join(others[:3])}"
                f"{' …' if len(others) > 3 else ''}) och ges inte till "
                "gruppen. En delad databas ligger i en egen mapp, t.ex. /srv/tracker/ifo.db.",
                argument="db", given=True,
            )
    _give_to_group(directory, gid, SHARED_DIR_MODE, group, "mappen")
    return SharedSetup(directory, group, created)


def _give_to_group(path: Path, gid: int, mode: int, group: str, what: str) -> None:
    try:
        os.chown(path, -1, gid)
        os.chmod(path, mode)
    except PermissionError:
        raise NotPermitted(
            f"Du får inte ge {what} ”{path}” till gruppen {group}: du behöver äga den och vara med i "
            "gruppen, eller köra som root (sudo)."
        ) from None


def share_database_files(path: Path, group: str) -> tuple[Path, ...]:
    """Give the database and its -wal/-shm files to the group, read and write (0660)."""
    gid = group_id(group)
    shared = []
    for suffix in SUFFIXES:
        file = path.with_name(path.name + suffix)
        if file.exists():
            _give_to_group(file, gid, SHARED_FILE_MODE, group, "filen")
            shared.append(file)
    return tuple(shared)


def _group_name(gid: int) -> str:
    try:
        return grp.getgrgid(gid).gr_name
    except KeyError:
        return str(gid)


def permission_problem(path: str | Path, login: str) -> str:
    """A Swedish line for a file this login may not use, naming the group that would let them."""
    path = Path(path)
    for place in (path, *path.parents):
        try:
            info = place.stat()
        except OSError:
            continue  # not there, or inside a folder this login may not enter
        group = _group_name(info.st_gid)
        shared_file = place == path and not place.is_dir() and info.st_mode & 0o060 == 0o060
        shared_dir = place.is_dir() and info.st_mode & stat.S_ISGID
        if shared_file or shared_dir:
            what = "Den" if place == path else f"Mappen ”{place}”"
            return (
                f"Du ({login}) har inte behörighet till ”{path}”. {what} är till för gruppen {group}: be den som "
                f"sköter datorn lägga till dig (usermod -aG {group} {login}) och logga sedan in på nytt."
            )
        if place == path:
            return (
                f"Du ({login}) har inte läs- och skrivrätt till ”{path}” (rättigheter {stat.filemode(info.st_mode)}, "
                f"gruppen {group}). Den som äger filen kan dela den med `tracker init --shared GRUPP --db {path}`."
            )
        break
    return f"Du ({login}) har inte behörighet till ”{path}”. Välj en annan fil, eller be den som sköter datorn om behörighet."


def refuse_unusable_file(path: Path, login: str) -> None:
    """Refuse an existing database this login cannot read; one it may only read is opened read-only."""
    if path.exists() and not os.access(path, os.R_OK):
        raise NotPermitted(permission_problem(path, login))
