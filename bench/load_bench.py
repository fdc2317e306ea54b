"""Loading and validating: the main scenario, and a generated 5,000-card scenario."""

from __future__ import annotations

import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from redline.content import list_scenarios, load_scenario


def _median_load(folder: Path, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        load_scenario(folder)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def generate_large(dest: Path, cards: int = 5000) -> Path:
    """The tutorial scenario plus `cards` generated decision cards."""
    tutorial = {e.id: e for e in list_scenarios()}["tutorial"].folder
    shutil.copytree(tutorial, dest)
    lines = ["cards:"]
    for i in range(cards):
        lines += [
            f"  - id: gen_{i}",
            "    topic: mandate",
            f"    title: Generated card {i}",
            "    text: A generated decision for the load benchmark.",
            f'    when: "turn >= {1 + i % 5} and escalation < {50 + i % 50}"',
            "    options:",
            "      - id: a",
            "        label: Restraint",
            "        tags: [restraint]",
            f"        effects: {{escalation: -{1 + i % 3}, confidence: 1}}",
            "      - id: b",
            "        label: Robust",
            "        tags: [robust]",
            '        effects: {escalation: "2 + rung", ally.poland: 2}',
            "        outcomes:",
            "          - {id: ok, chance: 0.6, effects: {ceasefire: 2}}",
        ]
    (dest / "generated.yaml").write_text("\n".join(lines) + "\n")
    return dest


def run() -> list[tuple[str, str, str]]:
    entries = {e.id: e for e in list_scenarios()}
    main = entries.get("reassurance-force") or entries["tutorial"]
    t_main = _median_load(main.folder, 15)
    with tempfile.TemporaryDirectory() as tmp:
        big = generate_large(Path(tmp) / "large")
        os.environ["REDLINE_CACHE"] = str(Path(tmp) / "cache")
        os.environ["REDLINE_NO_CACHE"] = "1"
        t_cold = _median_load(big, 3)
        del os.environ["REDLINE_NO_CACHE"]
        load_scenario(big)  # fills the parse cache
        t_warm = _median_load(big, 3)
        del os.environ["REDLINE_CACHE"]
    return [
        (f"load + validate {main.id}", f"{t_main * 1000:.0f} ms", "< 150 ms"),
        ("load + validate a 5,000-card scenario, no cache", f"{t_cold:.2f} s", "< 3 s"),
        ("load + validate a 5,000-card scenario, cached", f"{t_warm:.2f} s", "< 3 s"),
    ]


if __name__ == "__main__":
    for row in run():
        print(*row, sep="  ")
