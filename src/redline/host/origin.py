"""Who may open a websocket: a page of this very host, or a client that sends no Origin
(a terminal client). A page of any other site is refused before the upgrade, so that a web
page a player happens to open cannot drive their seat (cross-site websocket hijacking).

A page of another site can still make its own name point at 127.0.0.1 (DNS rebinding): its
Origin and the Host it sends then agree. So a server listening on this machine only also
checks the Host: a loopback name or address, never another name."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

DEFAULT_PORTS = {"http": 80, "https": 443, "ws": 80, "wss": 443}


def _where(netloc: str, scheme: str) -> tuple[str, int] | None:
    try:
        parts = urlsplit(f"{scheme}://{netloc}")
        return (parts.hostname or "").lower(), parts.port or DEFAULT_PORTS.get(scheme, 80)
    except ValueError:
        return None


def origin_allowed(origin: str | None, host: str | None, scheme: str = "http") -> bool:
    """`origin` is the request's Origin header, `host` its Host header ("name:port")."""
    if origin is None:
        return True
    parts = urlsplit(origin)
    if parts.scheme not in ("http", "https") or not parts.netloc or not host:
        return False
    return _where(parts.netloc, parts.scheme) == _where(host, scheme)


def is_loopback(name: str) -> bool:
    name = name.strip("[]").lower()
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def host_allowed(host: str | None, bound: str) -> bool:
    """`host` is the request's Host header; `bound` the address the server listens on. On a
    loopback address, only a loopback Host may connect (a rebound name may not); a server
    bound to the network was opened to it on purpose, and answers any name."""
    if not is_loopback(bound):
        return True
    where = _where(host, "http") if host else None
    return where is not None and is_loopback(where[0])
