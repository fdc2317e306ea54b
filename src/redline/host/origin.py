"""Who may open a websocket: a page of this very host, or a client that sends no Origin
(a terminal client). A page of any other site is refused before the upgrade, so that a web
page a player happens to open cannot drive their seat (cross-site websocket hijacking)."""

from __future__ import annotations

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
