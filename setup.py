"""The build: pyproject.toml holds everything but the compiled engine and the shipped
scenarios, which are added here.

The scenarios' one source is `content/scenarios/` at the top of the repository. A wheel
carries a copy of it inside the package, as `redline/scenarios/` (read through
importlib.resources, redline/places.py), so `pip install` and `pipx install` give a game
with its scenarios. An editable install copies nothing: it reads the checkout's `content/`,
so an edited YAML file counts at once.

The modules a game turn runs through are compiled to C with mypyc when the package is
installed: the simulator plays three to four times as many games a second. The same `.py`
files are the source either way, so the rules are written once. Set REDLINE_PURE=1 to
install without compiling; an install that cannot compile (no C compiler, no mypyc) falls
back to pure Python with a warning rather than failing.
"""

from __future__ import annotations

import glob
import os
import runpy
import shutil
import sys

from setuptools import setup
from setuptools.command.build_ext import build_ext
from setuptools.command.build_py import build_py

HERE = os.path.dirname(os.path.abspath(__file__))
# Commands that build the package; the others (metadata, requirements) need no compiling.
BUILDS = {"build", "build_ext", "bdist_wheel", "editable_wheel", "develop", "install"}


def _engine_sources() -> list[str]:
    """The modules to compile: ENGINE_MODULES in redline/native.py, as paths."""
    native = runpy.run_path(os.path.join(HERE, "src", "redline", "native.py"))
    return native["engine_sources"](HERE)


def _remove_compiled_engine() -> None:
    """Compiled modules left in the source tree by an earlier editable install would be
    imported instead of their .py files: every install starts without them."""
    stale: list[str] = []
    for suffix in ("so", "pyd"):  # Linux and macOS; Windows
        stale += glob.glob(os.path.join(HERE, "src", f"redline__mypyc*.{suffix}"))
        for source in _engine_sources():
            stale += glob.glob(os.path.join(HERE, source[: -len(".py")] + f".*.{suffix}"))
    for path in stale:
        os.remove(path)


def _compiled_engine() -> list:
    if not BUILDS & set(sys.argv[1:]):
        return []
    _remove_compiled_engine()
    if os.environ.get("REDLINE_PURE", "") not in ("", "0"):
        return []
    try:
        from mypyc.build import mypycify

        # Libraries without type information (pydantic is not installed while building)
        # are seen as untyped: the engine only reads attributes of their objects.
        sources = _engine_sources()
        return mypycify(["--ignore-missing-imports", *sources], opt_level="3", group_name="redline")
    except (Exception, SystemExit) as exc:  # cannot compile: install the same code uncompiled
        print(f"redline: the engine will run uncompiled ({exc})", file=sys.stderr)
        return []


class _BuildOrFallBack(build_ext):
    """A C compiler that fails leaves the pure-Python engine, which behaves the same."""

    def run(self) -> None:
        try:
            super().run()
        except Exception as exc:
            print(f"redline: the engine will run uncompiled ({exc})", file=sys.stderr)
            _remove_compiled_engine()


class _BuildWithScenarios(build_py):
    """Copies content/scenarios into the built package (`redline/scenarios`, SHIPPED in
    redline/places.py); an editable install reads the checkout's content/ instead."""

    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return
        source = os.path.join(HERE, "content", "scenarios")
        if not os.path.isdir(source):  # a wheel without its scenarios would install "fine"
            raise SystemExit(f"redline: {source} is missing: the scenarios cannot be shipped")
        target = os.path.join(self.build_lib, "redline", "scenarios")
        shutil.rmtree(target, ignore_errors=True)  # a scenario removed since the last build goes too
        shutil.copytree(source, target, ignore=shutil.ignore_patterns(".*", "__pycache__"))


setup(
    ext_modules=_compiled_engine(),
    cmdclass={"build_ext": _BuildOrFallBack, "build_py": _BuildWithScenarios},
)
