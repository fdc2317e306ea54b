"""`make bench`: every performance figure beside its target. Figures, not pass/fail tests."""

from __future__ import annotations

import platform
import sys

from bench import engine_bench, host_bench, load_bench


def machine() -> str:
    import os

    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as fh:
            for line in fh:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


def main() -> int:
    print(f"machine: {machine()}")
    rows = engine_bench.run() + load_bench.run() + host_bench.run()
    width = max(len(r[0]) for r in rows)
    print()
    for name, figure, target in rows:
        print(f"{name:<{width}}  {figure:>16}   target: {target}")
    print()
    from bench import tui_bench

    sys.argv = [sys.argv[0]]  # tui_bench reads its own options; run it with its defaults
    tui_bench.main()
    return 0


if __name__ == "__main__":
    sys.exit(main())
