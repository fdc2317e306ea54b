"""The compiled engine: built when it can be, never older than its source, and the same game.

setup.py compiles the modules of `redline.native.ENGINE_MODULES` at install. Everything else
in the suite runs on whichever build is installed; these tests hold the two builds together.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from redline import native

SRC = Path(native.__file__).resolve().parent.parent


def _has_c_compiler() -> bool:
    cc = (sysconfig.get_config_var("CC") or "cc").split()[0]
    return shutil.which(cc) is not None


def test_the_engine_is_compiled_where_it_can_be():
    if os.environ.get("REDLINE_PURE", "") not in ("", "0"):
        assert native.build() == "interpreted"
    elif _has_c_compiler():
        assert native.build() == "compiled", "setup.py fell back to pure Python: see the install's output"
    else:  # no compiler: the install falls back to the same code, uncompiled
        assert native.build() == "interpreted"


def test_the_compiled_modules_type_check_as_mypyc_needs(tmp_path):
    """setup.py falls back to pure Python when mypyc's type check fails, with only a warning in
    pip's output. A pure run of the suite would never notice: check the types here, with the
    flags setup.py gives mypyc, so that the failure names the line. The check runs on a copy
    of the sources: in the checkout, what an earlier build left beside them can hide errors."""
    copy = Path(native.copy_uncompiled(str(tmp_path / "src")))
    sources = [path.removeprefix("src" + os.sep) for path in native.engine_sources(str(SRC.parent))]
    run = [
        sys.executable,
        "-m",
        "mypy",
        "--ignore-missing-imports",
        "--no-incremental",
        "--cache-dir",
        os.devnull,
    ]
    done = subprocess.run([*run, *sources], capture_output=True, text=True, cwd=copy, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr


def test_no_compiled_module_is_older_than_its_source():
    assert native.stale() == [], "an engine module changed since it was compiled: run `make` to rebuild"


def test_engine_sources_are_the_listed_modules():
    for module, path in zip(native.ENGINE_MODULES, native.engine_sources(str(SRC.parent)), strict=True):
        assert (SRC.parent / path).is_file(), path
        assert (
            path.replace(os.sep, ".").removeprefix("src.").removesuffix(".py").removesuffix(".__init__")
            == module
        )


@pytest.mark.parametrize(
    "args",
    [
        ["simulate", "reassurance-force", "--runs", "300", "--seed", "11", "--format", "json"],
        [
            "simulate",
            "reassurance-force",
            "--runs",
            "40",
            "--seed",
            "3",
            "--policy",
            "greedy",
            "--format",
            "json",
        ],
        ["simulate", "reassurance-force", "--trace", "17"],
    ],
    ids=["random", "greedy", "trace"],
)
def test_pure_python_and_the_installed_build_play_the_same_games(tmp_path, args):
    pure = native.copy_uncompiled(str(tmp_path / "pure"))
    env = {**os.environ, "REDLINE_CONTENT": str(SRC.parent / "content")}
    run = [sys.executable, "-m", "redline", *args]
    installed = subprocess.run(run, capture_output=True, text=True, env=env, check=True)
    code = "import sys, runpy; sys.path.insert(0, sys.argv.pop(1)); runpy.run_module('redline', run_name='__main__')"
    plain = subprocess.run(
        [sys.executable, "-c", code, str(pure), *args], capture_output=True, text=True, env=env, check=True
    )
    probe = [
        sys.executable,
        "-c",
        "import sys; sys.path.insert(0, sys.argv[1]); from redline import native; print(native.build())",
        str(pure),
    ]
    assert subprocess.run(probe, capture_output=True, text=True, check=True).stdout.strip() == "interpreted"
    assert plain.stdout == installed.stdout
    assert len(installed.stdout) > 500


def test_a_compiled_module_older_than_its_source_is_found_on_disk(tmp_path):
    for path in native.engine_sources(str(tmp_path)):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text("")
    source = tmp_path / native.engine_sources(str(tmp_path))[0]
    binary = source.with_name(source.stem + ".cpython-311-x86_64-linux-gnu.so")
    binary.write_text("")
    os.utime(binary, (1_000, 1_000))
    os.utime(source, (2_000, 2_000))
    assert native.stale_on_disk(str(tmp_path)) == [native.ENGINE_MODULES[0]]
    os.utime(binary, (3_000, 3_000))
    assert native.stale_on_disk(str(tmp_path)) == []


def test_the_command_line_refuses_to_run_a_stale_engine(monkeypatch, capsys):
    from redline.cli import main

    monkeypatch.setattr(native, "stale_on_disk", lambda root=None: ["redline.engine.state"])
    assert main(["scenarios"]) == 1
    assert "run `make`" in capsys.readouterr().err
