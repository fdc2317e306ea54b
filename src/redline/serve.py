"""`redline serve`: the terminal game in a browser, through textual-serve.

Each browser tab that connects starts `python -m redline play …` with the same Python that
runs this server, so the served game is exactly the installed one.

The page's own links follow the address the browser used (its Host header), so a server
bound with `--bind 0.0.0.0` works from another machine without a `--public-url`; pages of
other sites may not open its websocket (nor, on a loopback address, a site's name rebound to
this machine: host/origin.py), connections are capped, and so is the terminal size a
browser asks for (each connection is a process sized by the client).
"""

from __future__ import annotations

import errno
import shlex
import socket
import sys
from collections.abc import Sequence
from typing import Any

LOOPBACK = ("127.0.0.1", "localhost", "::1")
MAX_CONNECTIONS = 16  # each connection is a game process
MAX_COLUMNS, MAX_ROWS = 400, 200


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


def url_host(host: str) -> str:
    """A host as it goes in a URL: an IPv6 address in brackets."""
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def clamp_size(width: object, height: object) -> tuple[int, int]:
    """The terminal size a client asks for, within bounds (80x24 when it is not a number)."""

    def number(value: object, default: int, top: int) -> int:
        try:
            return max(10, min(int(str(value)), top))
        except ValueError:
            return default

    return number(width, 80, MAX_COLUMNS), number(height, 24, MAX_ROWS)


def room_server(command: str, host: str, port: int, public_url: str | None, max_connections: int) -> Any:
    """A textual-serve server whose page follows the Host the browser used, with an Origin
    check, a connection cap and a cap on the terminal size."""
    import json

    from aiohttp import WSMsgType, web
    from textual_serve.server import Server

    from redline.host.origin import host_allowed, origin_allowed

    class RoomServer(Server):  # type: ignore[misc]
        connections = 0

        async def handle_index(self, request: web.Request) -> Any:
            # No await before the page is built, so this request's address is the one used.
            self.public_url = public_url or f"{request.scheme}://{request.host}"
            return await super().handle_index(request)

        async def handle_websocket(self, request: web.Request) -> Any:
            if not origin_allowed(request.headers.get("Origin"), request.host, request.scheme):
                raise web.HTTPForbidden(text="this page's origin may not connect\n")
            if not host_allowed(request.host, host):  # a name rebound to this machine
                raise web.HTTPForbidden(text="this address may not connect; use http://127.0.0.1\n")
            if RoomServer.connections >= max_connections:
                raise web.HTTPServiceUnavailable(text="the server holds as many games as it may\n")
            width, height = clamp_size(request.query.get("width", 80), request.query.get("height", 24))
            sized = request.clone(rel_url=request.rel_url.update_query(width=width, height=height))
            RoomServer.connections += 1
            try:
                return await super().handle_websocket(sized)
            finally:
                RoomServer.connections -= 1

        async def _process_messages(self, websocket: web.WebSocketResponse, app_service: Any) -> None:
            async for message in websocket:
                if message.type != WSMsgType.TEXT:
                    continue
                try:
                    kind, data = json.loads(message.data)
                except (ValueError, TypeError):
                    await websocket.close()  # a malformed message ends its own game only
                    return
                if kind == "stdin" and isinstance(data, str):
                    await app_service.send_bytes(data.encode("utf-8"))
                elif kind == "resize" and isinstance(data, dict):
                    await app_service.set_terminal_size(*clamp_size(data.get("width"), data.get("height")))
                elif kind == "ping":
                    await websocket.send_json(["pong", data])
                elif kind == "blur":
                    await app_service.blur()
                elif kind == "focus":
                    await app_service.focus()

    shown = f"http://{url_host(host)}:{port}"
    return RoomServer(command, host=host, port=port, title="redline", public_url=public_url or shown)


def serve(
    host: str = "127.0.0.1",
    port: int = 8000,
    play_args: Sequence[str] = (),
    public_url: str | None = None,
    max_connections: int = MAX_CONNECTIONS,
    command: str | None = None,
) -> int:
    check_port(host, port)
    server = room_server(command or play_command(play_args), host, port, public_url, max_connections)
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
