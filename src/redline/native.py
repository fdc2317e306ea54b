"""Which of the engine's modules run compiled.

setup.py compiles the modules listed here to C with mypyc when redline is installed (unless
REDLINE_PURE=1, or no C compiler is at hand). The `.py` files stay the source and behave
the same either way; compiled, the simulator plays three to four times as many games a
second.

A compiled module is imported in place of its `.py` file, so one built before its source
was edited would run the old rules: `stale()` lists those, and `make` rebuilds them.
"""

from __future__ import annotations

import importlib
import os

# setup.py and the Makefile run this file on its own (redline is not installed yet then):
# it imports nothing but the standard library.
ENGINE_MODULES = [
    "redline.numeric",
    "redline.content.expr",
    "redline.content.compiled",
    "redline.engine.rng",
    "redline.engine.phases",
    "redline.engine.amounts",
    "redline.engine.endings",
    "redline.engine.plan",
    "redline.engine.ladder",
    "redline.engine.kremlin",
    "redline.engine.coalition",
    "redline.engine.happenings",
    "redline.engine.draw",
    "redline.engine.decisions",
    "redline.engine.facilitator",
    "redline.engine.turn",
    "redline.engine.state",
    "redline.sim",
    "redline.sim.policies",
]


def engine_sources(root: str = ".") -> list[str]:
    """The `.py` files of ENGINE_MODULES, relative to `root`, the project's folder."""
    out = []
    for module in ENGINE_MODULES:
        path = os.path.join("src", *module.split("."))
        package = os.path.isdir(os.path.join(root, path))
        out.append(os.path.join(path, "__init__.py") if package else path + ".py")
    return out


def copy_uncompiled(dest: str) -> str:
    """Copy the package's `.py` files (nothing compiled) into `dest`/redline, so that a
    process with `dest` first on its path runs the engine interpreted. Returns `dest`.

    The copy carries the scenarios as an installed package does (`redline/scenarios`, see
    redline/places.py): from a checkout, its `content/scenarios`."""
    import shutil

    package = os.path.dirname(os.path.abspath(__file__))
    skip = shutil.ignore_patterns("*.so", "*.pyd", "__pycache__")
    shutil.copytree(package, os.path.join(dest, "redline"), ignore=skip)
    scenarios = os.path.join(os.path.dirname(os.path.dirname(package)), "content", "scenarios")
    shipped = os.path.join(dest, "redline", "scenarios")
    if os.path.isdir(scenarios) and not os.path.exists(shipped):
        shutil.copytree(scenarios, shipped, ignore=shutil.ignore_patterns(".*"))
    return dest


def _file(module: str) -> str:
    return importlib.import_module(module).__file__ or ""


def compiled() -> list[str]:
    """The engine modules imported from a compiled extension."""
    return [m for m in ENGINE_MODULES if not _file(m).endswith(".py")]


def build() -> str:
    """A word for `--version` and the benchmarks: how the engine runs."""
    done = len(compiled())
    if done == len(ENGINE_MODULES):
        return "compiled"
    return "interpreted" if not done else f"partly compiled ({done} of {len(ENGINE_MODULES)} modules)"


def stale() -> list[str]:
    """Compiled modules older than their `.py` source."""
    out = []
    for module in compiled():
        binary = _file(module)
        folder, name = os.path.split(binary)
        source = os.path.join(folder, name.split(".", 1)[0] + ".py")
        if os.path.exists(source) and os.path.getmtime(source) > os.path.getmtime(binary):
            out.append(module)
    return out


def stale_on_disk(root: str | None = None) -> list[str]:
    """`stale()` read from the files alone, importing nothing: the engine modules whose
    compiled extension beside them is older than their `.py` source. The command line checks
    this first, so an edit never runs (or crashes) on the rules compiled before it."""
    if root is None:  # src/redline -> the folder above src
        root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    out = []
    for module, path in zip(ENGINE_MODULES, engine_sources(root), strict=True):
        source = os.path.join(root, path)
        folder, name = os.path.split(source)
        stem = "__init__" if name == "__init__.py" else name[:-3]
        try:
            built = [
                e.stat().st_mtime
                for e in os.scandir(folder)
                if e.name.startswith(stem + ".") and e.name.endswith((".so", ".pyd"))
            ]
            if built and os.path.getmtime(source) > max(built):
                out.append(module)
        except OSError:
            continue
    return out


if __name__ == "__main__":  # for the Makefile: the sources whose change needs a rebuild
    print(" ".join(engine_sources()))
