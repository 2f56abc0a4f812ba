"""`tracker serve`: the same grid in a browser through textual-serve, as the login that started it.

Every browser tab runs its own `tracker` process under this login, so roles and the change log
name that login; there is no separate sign-in, which is why only localhost is the default.
"""

from __future__ import annotations

import errno
import ipaddress
import logging
import shlex
import socket
import sys
from pathlib import Path

from textual_serve.server import Server

TEMPLATES = Path(__file__).parent / "web"  # the page in Swedish


def is_loopback(host: str) -> bool:
    """True for addresses only this computer can reach (127.0.0.1, ::1, localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # a host name: it may resolve to anything


def exposure_warning(host: str, port: int, login: str) -> str | None:
    """The plain warning for a server others can reach, or None on localhost."""
    if is_loopback(host):
        return None
    return (
        f"Varning: tracker serve lyssnar på {host}:{port}. Alla som når den porten arbetar i databasen "
        f"som {login}, med {login}s roller; webbläsaren frågar inte efter någon inloggning. Låt hellre "
        "var och en ansluta med ssh, eller skydda porten (brandvägg, ssh-tunnel)."
    )


def check_can_listen(host: str, port: int) -> str | None:
    """Why the server could not listen on host:port, in Swedish, or None when it can."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror:
        return f"Adressen ”{host}” går inte att slå upp. Ange en adress som datorn har med --host, t.ex. 127.0.0.1."
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as aiohttp does
        try:
            probe.bind(address)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                return f"Porten {port} används redan på {host}. Välj en annan med --port."
            if exc.errno == errno.EACCES:
                return f"Port {port} kräver root. Välj en port över 1023 med --port, t.ex. 8000."
            if exc.errno == errno.EADDRNOTAVAIL:
                return f"Datorn har inte adressen {host}. Ange en adress som datorn har med --host."
            return f"Det går inte att lyssna på {host}:{port} (fel {exc.errno}). Välj en annan port eller adress."
    return None


def grid_command(database: Path, unit: str | None) -> str:
    """The shell command textual-serve runs for each browser session: this Python, this database."""
    argv = [sys.executable, "-m", "tracker", "--db", str(database)]
    if unit:
        argv += ["--unit", unit]
    return shlex.join(argv)


class GridServer(Server):
    """textual-serve's server, speaking Swedish and giving the browser the address it actually used."""

    def __init__(self, database: Path, unit: str | None, host: str, port: int, announce) -> None:
        super().__init__(
            grid_command(database, unit),
            host=host,
            port=port,
            title=f"Månadsstatistik – {database}",
            templates_path=TEMPLATES,
        )
        self.announce = announce

    def initialize_logging(self) -> None:
        # textual-serve logs every connection in English; only problems are worth showing here
        logging.basicConfig(level=logging.WARNING, format="%(message)s")

    async def on_startup(self, app) -> None:
        self.announce()

    async def handle_index(self, request):
        # the page holds an absolute websocket address; built from the bind address (0.0.0.0) it
        # would not work from another machine, so use the address the browser asked for
        self.public_url = f"{request.scheme}://{request.host}"
        return await super().handle_index(request)
