"""Every file redline reads goes through here: bounded, and only ever a regular file.

A save, a settings file, a cache entry or a content file may be anything a path can name:
a FIFO (whose `open` blocks until a writer comes, and whose reads never end), a device
(`/dev/zero` never stops giving bytes), a folder, or a file of gigabytes. So a read:

- looks at the path first, and opens nothing that is not a regular file;
- opens with O_NONBLOCK, so a FIFO swapped in after that look cannot make the open wait;
- checks again with `fstat` on the open descriptor (the path could have been swapped
  between the look and the open) that it is a regular file, no larger than the limit;
- reads at most `limit + 1` bytes, so a file that grows while it is read is refused too.

Writers' temporary files carry the writer's process id, so a later start can tell the
leftovers of a crash from a write in progress, and clean them (`clean_stale_temps`).
"""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

KB = 1024
MB = 1024 * KB


class UnsafeRead(OSError):
    """The path is not a regular file, or is larger than the reader allows.

    A subclass of OSError, so every reader's existing `except OSError` reports it; `strerror`
    holds the one-line reason."""

    def __init__(self, path: str | os.PathLike[str], reason: str) -> None:
        super().__init__(reason)
        self.strerror = reason
        self.filename = os.fspath(path)

    def __str__(self) -> str:
        return f"{self.filename}: {self.strerror}"


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _size(n: int) -> str:
    return f"{n / MB:.1f} MB" if n >= MB else f"{n / KB:.0f} KB" if n >= KB else f"{n} bytes"


def read_bytes(path: str | os.PathLike[str], limit: int) -> bytes:
    """The bytes of the regular file at `path`, at most `limit` of them; UnsafeRead (an
    OSError) for anything else. Never blocks on a FIFO, never reads past `limit + 1`."""
    before = os.stat(path)  # a device is not even opened: opening some has effects of its own
    if not stat.S_ISREG(before.st_mode):
        raise UnsafeRead(path, f"is {_kind(before.st_mode)}, not a file")
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise UnsafeRead(path, f"is {_kind(st.st_mode)}, not a file")
        if st.st_size > limit:
            size = _size(st.st_size)
            size = size if size != _size(limit) else f"over {size}"  # not "16.0 MB; the limit is 16.0 MB"
            raise UnsafeRead(path, f"is {size}; the limit is {_size(limit)}")
        chunks: list[bytes] = []
        got = 0
        while got <= limit:
            chunk = os.read(fd, min(limit + 1 - got, 1 * MB))
            if not chunk:
                break
            chunks.append(chunk)
            got += len(chunk)
        if got > limit:
            raise UnsafeRead(path, f"grew past the limit of {_size(limit)} while being read")
        return b"".join(chunks)
    finally:
        os.close(fd)


def read_text(path: str | os.PathLike[str], limit: int) -> str:
    """`read_bytes` decoded as UTF-8 (UnicodeDecodeError, a ValueError, if it is not)."""
    return read_bytes(path, limit).decode("utf-8")


def is_regular(path: str | os.PathLike[str]) -> bool:
    """True for a regular file (following symlinks), without opening it."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


# ---- temporary files of atomic writes ----------------------------------------------------------

TEMP_SUFFIX = ".tmp"
STALE_AFTER = 3600.0  # a temp file of a living writer older than this is also left behind


def temp_prefix(name: str) -> str:
    """The prefix of a writer's temporary file for `name`: hidden, with the writer's pid."""
    return f".{name}.{os.getpid()}."


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, owned by someone else
        return True
    return True


def clean_stale_temps(folder: str | os.PathLike[str]) -> list[Path]:
    """Remove the temporary files that a crashed writer left in `folder`: those whose writer
    is gone, or which are older than an hour (a pid can be reused). Returns what was removed;
    a folder that cannot be read or written is left as it is."""
    removed: list[Path] = []
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        name = entry.name
        if not (name.startswith(".") and name.endswith(TEMP_SUFFIX)):
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            # .<name>.<pid>.<random>.tmp; a temp file without a pid is judged by its age alone
            parts = name[: -len(TEMP_SUFFIX)].split(".")
            pid = int(parts[-2]) if len(parts) >= 4 and parts[-2].isdigit() else None
            age = now - entry.stat(follow_symlinks=False).st_mtime
            if age > STALE_AFTER or (pid is None and age > 60) or (pid is not None and not _alive(pid)):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except (OSError, ValueError):
            continue
    return removed


def inside(path: str | os.PathLike[str], root: str | os.PathLike[str]) -> bool:
    """True when `path`, with every symlink followed, lies inside `root` (also resolved)."""
    try:
        Path(path).resolve().relative_to(Path(root).resolve())
    except (ValueError, OSError, RuntimeError):
        return False
    return True
