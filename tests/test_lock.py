"""constraints.txt is one lock for every platform and Python the course supports.

It is resolved by ``make lock`` (uv's universal resolution) from pyproject.toml. These tests ask
uv, on PyPI, whether the committed file is what ``make lock`` would write today, and whether it
installs from wheels alone on each supported platform with Python 3.11, 3.12 and 3.13.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from course_utils.paths import REPO_ROOT

#: The platforms the README promises, as uv names them.
PLATFORMS = {
    "Linux x86-64": "x86_64-unknown-linux-gnu",
    "Linux aarch64": "aarch64-unknown-linux-gnu",
    "macOS arm64": "aarch64-apple-darwin",
    "Windows x86-64": "x86_64-pc-windows-msvc",
}
PYTHONS = ("3.11", "3.12", "3.13")
#: What uv prints when it cannot reach the package index (then there is nothing to judge).
NO_NETWORK = re.compile(r"Failed to fetch|dns error|Could not connect|network|timed out", re.I)


def uv() -> str:
    path = shutil.which("uv", path=str(Path(sys.executable).parent)) or shutil.which("uv")
    if not path:
        pytest.fail("uv is not installed: it is in the test extra (make test installs it)")
    return path


def run_uv(*args: str) -> subprocess.CompletedProcess[str]:
    # Resolving for another Python needs only its version number: never fetch an interpreter.
    env = {**os.environ, "UV_PYTHON_DOWNLOADS": "never"}
    result = subprocess.run(
        [uv(), *args], cwd=REPO_ROOT, capture_output=True, text=True, timeout=300, env=env
    )
    if result.returncode and NO_NETWORK.search(result.stderr):
        pytest.skip(f"the package index cannot be reached: {result.stderr.strip()[:200]}")
    return result


def lock_command() -> list[str]:
    """`make lock`'s uv arguments, read from the Makefile (so the test and the target agree)."""
    makefile = (REPO_ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^LOCK = \$\(BIN\)/uv ((?:.*\\\n)*.*)$", makefile, re.M)
    assert recipe, "the Makefile defines LOCK = $(BIN)/uv pip compile ..."
    return shlex.split(recipe[1].replace("\\\n", " "))


def test_constraints_are_current_with_pyproject(tmp_path):
    args = lock_command()
    out = tmp_path / "constraints.txt"
    shutil.copy(REPO_ROOT / "constraints.txt", out)
    args[args.index("--output-file") + 1] = str(out)
    result = run_uv(*args)
    assert result.returncode == 0, result.stderr
    committed = (REPO_ROOT / "constraints.txt").read_text(encoding="utf-8")
    assert out.read_text(encoding="utf-8") == committed, (
        "constraints.txt is not what `make lock` resolves from pyproject.toml today: "
        "run `make lock`, then `make test`, and commit both"
    )


@pytest.mark.parametrize("python", PYTHONS)
def test_the_lock_installs_from_wheels_on_every_supported_platform(python):
    def resolve(platform: str) -> subprocess.CompletedProcess[str]:
        return run_uv(
            "pip",
            "compile",
            "pyproject.toml",
            "--extra",
            "test",
            "--constraint",
            "constraints.txt",
            "--python-version",
            python,
            "--python-platform",
            platform,
            "--only-binary",
            ":all:",
            "--no-header",
            "--no-annotate",
            "--quiet",
        )

    with ThreadPoolExecutor(len(PLATFORMS)) as pool:
        results = dict(zip(PLATFORMS, pool.map(resolve, PLATFORMS.values())))
    for name, result in results.items():
        assert result.returncode == 0, f"{name}, Python {python}: {result.stderr[-1500:]}"
        tensorflow = (
            "tensorflow-cpu==" if name in ("Linux x86-64", "Windows x86-64") else "tensorflow=="
        )
        assert re.search(rf"^{tensorflow}", result.stdout, re.M), (name, result.stdout)


def test_intel_macs_are_not_covered_as_the_readme_says():
    """TensorFlow 2.17+ has no Intel-Mac wheel: the README sends those learners to Binder."""
    result = run_uv(
        "pip",
        "compile",
        "pyproject.toml",
        "--constraint",
        "constraints.txt",
        "--python-version",
        "3.11",
        "--python-platform",
        "x86_64-apple-darwin",
        "--only-binary",
        ":all:",
        "--quiet",
    )
    assert result.returncode != 0
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    assert "Intel Mac" in readme and "Binder" in readme
