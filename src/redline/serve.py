"""`redline serve`: the terminal game in a browser, through textual-serve.

Each browser tab that connects starts `python -m redline play …` with the same Python that
runs this server, so the served game is exactly the installed one.
"""

from __future__ import annotations

import errno
import shlex
import socket
import sys
from collections.abc import Sequence

LOOPBACK = ("127.0.0.1", "localhost", "::1")


class ServeError(Exception):
    """A server that cannot start; `code` is the exit status (2: a bad host or port)."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


def play_command(play_args: Sequence[str] = ()) -> str:
    """The shell command textual-serve runs for each connection."""
    return shlex.join([sys.executable, "-m", "redline", "play", *play_args])


def check_port(host: str, port: int) -> None:
    """Fail early, with a plain message, if `host:port` cannot be listened on."""
    if not 1 <= port <= 65535:
        raise ServeError(f"port {port} is out of range (1-65535)")
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise ServeError(f"cannot listen on host '{host}': {exc.strerror}") from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except PermissionError:
            raise ServeError(
                f"port {port} needs administrator rights; choose one above 1023 with --port"
            ) from None
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise ServeError(f"port {port} is already in use; choose another with --port") from None
            raise ServeError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None


def serve(
    host: str = "127.0.0.1",
    port: int = 8000,
    play_args: Sequence[str] = (),
    public_url: str | None = None,
) -> int:
    check_port(host, port)
    from textual_serve.server import Server

    shown = f"[{host}]" if ":" in host else host
    url = public_url or f"http://{shown}:{port}"
    server = Server(play_command(play_args), host=host, port=port, title="redline", public_url=url)
    if host not in LOOPBACK:
        print(
            f"redline: warning: serving on {host}: anyone who can reach this address can play",
            file=sys.stderr,
        )
    try:
        server.serve()
    except OSError as exc:  # lost a race for the port, or the network went away
        raise ServeError(f"cannot serve on {host}:{port}: {exc.strerror or exc}") from None
    return 0
