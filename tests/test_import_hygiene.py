"""The layers' never-arrows hold: the rules never depend on the interface.

Two checks of every module, not just the package faces:
- import-linter reads the imports written in the source (contracts in pyproject.toml, also
  run by `make lint`), direct or through other modules;
- a fresh interpreter imports each module in turn and looks at what got loaded, which also
  sees imports made by name (importlib) at import time.
Both are shown to fail on a copy of the package with forbidden imports planted in it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from redline import native

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"

# source package -> packages it must never import (the README's "How it is put together").
NEVER = {
    "redline.engine": ("redline.tui", "redline.cli", "redline.saves", "redline.session"),
    "redline.content": ("redline.engine",),
    "redline.sim": ("redline.tui",),
    "redline.saves": ("redline.tui",),
    "redline.report": ("redline.tui",),
    "redline.session": ("redline.tui",),
}
# Only the interface loads Textual (`redline.serve` starts it in a child process).
INTERFACE = ("redline.tui", "redline.__main__")

# Imports every module of a package in turn, in one fresh interpreter, and prints the first
# one after which a forbidden package (or a module in it) is loaded.
_PROBE = """
import importlib, sys
from pathlib import Path
src, package, skip, forbidden = Path(sys.argv[1]), sys.argv[2], sys.argv[3].split(","), sys.argv[4].split(",")
base = src.joinpath(*package.split("."))
files = sorted(base.rglob("*.py")) if base.is_dir() else [base.with_suffix(".py")]
for path in files:
    parts = path.relative_to(src).with_suffix("").parts
    name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
    if any(name == s or name.startswith(s + ".") for s in skip if s):
        continue
    importlib.import_module(name)
    bad = sorted(m for m in sys.modules if any(m == f or m.startswith(f + ".") for f in forbidden))
    if bad:
        print(f"{name} loads {', '.join(bad[:3])}")
        break
"""


def _exists(package: str, src: Path = SRC) -> bool:
    path = src.joinpath(*package.split("."))
    return path.is_dir() or path.with_suffix(".py").is_file()


def first_offender(
    package: str, forbidden: tuple[str, ...], src: Path = SRC, skip: tuple[str, ...] = ()
) -> str:
    """'' when no module of `package` (under `src`) loads any of `forbidden` on import."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    args = [sys.executable, "-c", _PROBE, str(src), package, ",".join(skip), ",".join(forbidden)]
    proc = subprocess.run(
        args, capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL, timeout=300
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


def lint_imports(cwd: Path, src: Path) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).with_name("lint-imports")
    env = {**os.environ, "PYTHONPATH": str(src)}
    return subprocess.run(
        [str(exe), "--no-logo", "--no-cache"],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=300,
    )


def test_no_module_outside_the_interface_loads_textual():
    assert first_offender("redline", ("textual", *INTERFACE), skip=INTERFACE) == ""


@pytest.mark.parametrize("package", sorted(NEVER))
def test_no_module_loads_what_its_layer_never_imports(package):
    if not _exists(package):
        pytest.skip(f"{package} is not in this tree")
    assert first_offender(package, NEVER[package]) == ""


def test_every_never_arrow_has_a_contract():
    """A contract per arrow, for every arrow whose two ends exist in the tree."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    forbidden = [c for c in config["contracts"] if c["type"] == "forbidden"]
    missing = [
        f"{source} -> {target}"
        for source, targets in NEVER.items()
        for target in targets
        if _exists(source)
        and _exists(target)
        and not any(source in c["source_modules"] and target in c["forbidden_modules"] for c in forbidden)
    ]
    assert not missing, f"no import-linter contract in pyproject.toml forbids {', '.join(missing)}"


def test_the_contracts_hold():
    proc = lint_imports(ROOT, SRC)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "0 broken" in proc.stdout


@pytest.fixture(scope="module")
def planted(tmp_path_factory) -> Path:
    """A copy of the package and its pyproject.toml, with one forbidden import per arrow
    written into the source package, and Textual imported by a content module that the
    package's face does not import."""
    root = tmp_path_factory.mktemp("planted")
    shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
    src = Path(native.copy_uncompiled(str(root / "src")))
    for source, targets in NEVER.items():
        if _exists(source, src):
            with (src.joinpath(*source.split(".")) / "__init__.py").open("a", encoding="utf-8") as f:
                f.writelines(f"import {t}  # planted\n" for t in targets if _exists(t, src))
    with (src / "redline" / "content" / "scaffold.py").open("a", encoding="utf-8") as f:
        f.write("import textual  # planted\n")
    return root


def test_lint_imports_fails_on_a_planted_forbidden_import(planted):
    proc = lint_imports(planted, planted / "src")
    assert proc.returncode != 0
    assert "0 kept" in proc.stdout
    for source, targets in NEVER.items():
        for target in targets:
            if _exists(source, planted / "src") and _exists(target, planted / "src"):
                assert f"{source} is not allowed to import {target}" in proc.stdout, proc.stdout


def test_the_module_check_fails_on_a_planted_import(planted):
    src = planted / "src"
    # The module the face never imports is caught: importing `redline.content` alone is not the check.
    assert first_offender("redline", ("textual",), src=src, skip=INTERFACE).startswith(
        "redline.content.scaffold loads textual"
    )
    assert first_offender("redline.content", ("redline.engine",), src=src).startswith(
        "redline.content loads redline.engine"
    )


def test_engine_does_no_file_io():
    """The engine package never opens files: content comes in as a compiled Scenario."""
    for path in (SRC / "redline" / "engine").rglob("*.py"):
        text = path.read_text()
        for forbidden in ("open(", "Path(", "import os", "import json", "eval(", "exec("):
            assert forbidden not in text, f"{path.name} uses {forbidden}"
