"""One place declares the dependencies; every way of installing the course agrees with it."""

import importlib.metadata
import re
import tomllib

import pytest
import yaml
from packaging.markers import Marker, default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from course_utils.paths import REPO_ROOT

PYPROJECT = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;]+)(?:\s*;\s*(.+))?$")


def constraints() -> dict[str, list[tuple[str, Marker | None]]]:
    """constraints.txt as name -> [(version, marker)]: one lock for every platform and Python,
    so a package may have a version per platform (``numpy==… ; python_full_version < '3.12'``)."""
    pins: dict[str, list[tuple[str, Marker | None]]] = {}
    for line in (REPO_ROOT / "constraints.txt").read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        match = PIN.match(line)
        assert match, f"constraints.txt line is not 'name==version [; marker]': {line!r}"
        marker = Marker(match[3]) if match[3] else None
        pins.setdefault(canonicalize_name(match[1]), []).append((match[2], marker))
    return pins


def pinned_here(name: str) -> str | None:
    """The version constraints.txt pins for this machine's platform and Python."""
    env = default_environment()
    versions = [
        v for v, m in constraints().get(canonicalize_name(name), []) if m is None or m.evaluate(env)
    ]
    assert len(versions) <= 1, f"{name} is pinned twice for this platform: {versions}"
    return versions[0] if versions else None


def declared_requirements(extras: bool = True) -> list[Requirement]:
    project = PYPROJECT["project"]
    reqs = [Requirement(r) for r in project["dependencies"]]
    if extras:
        for extra in project.get("optional-dependencies", {}).values():
            reqs += [Requirement(r) for r in extra]
    return reqs


def test_every_declared_dependency_is_pinned_and_allowed_by_its_range():
    pins = constraints()
    for req in declared_requirements():
        name = canonicalize_name(req.name)
        assert name in pins, f"{req.name} is declared in pyproject.toml but not pinned"
        for version, _ in pins[name]:
            assert req.specifier.contains(version, prereleases=True), (
                f"the pin {req.name}=={version} is outside the declared range {req.specifier}"
            )


def test_installed_versions_are_the_pinned_ones():
    """Proves the set-up used constraints.txt: what runs the tests is what was tested."""
    env = default_environment()
    for req in declared_requirements():
        if req.marker and not req.marker.evaluate(env):
            continue
        installed = importlib.metadata.version(req.name)
        assert installed == pinned_here(req.name), (
            f"{req.name} {installed} is installed but constraints.txt pins {pinned_here(req.name)}"
        )


def test_only_the_headless_opencv_is_installed():
    with pytest.raises(importlib.metadata.PackageNotFoundError):
        importlib.metadata.version("opencv-python")


def python_of(conda_env: dict) -> str:
    return next(
        d for d in conda_env["dependencies"] if isinstance(d, str) and d.startswith("python")
    )


def test_conda_environment_installs_the_lessons_with_the_pins():
    env = yaml.safe_load((REPO_ROOT / "environment.yml").read_text())
    assert python_of(env) == "python=3.11"
    assert PYPROJECT["project"]["requires-python"] == ">=3.11,<3.14"
    pip_section = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert "--constraint constraints.txt" in pip_section
    assert "--editable ." in pip_section, "learners get the lessons, not the test tools"
    # No package is listed twice: the names live in pyproject.toml only.
    assert all(line.startswith("--") for line in pip_section)


def test_binder_uses_the_same_python_and_pins():
    binder = REPO_ROOT / "binder"
    text = "\n".join(p.read_text() for p in binder.iterdir() if p.is_file())
    assert "python=3.11" in text or "python-3.11" in text
    assert "constraints.txt" in text


def test_make_setup_and_ci_use_the_pins_and_the_readme_command():
    makefile = (REPO_ROOT / "Makefile").read_text()
    assert "--constraint constraints.txt --editable ." in makefile, "make lab: lessons only"
    assert re.search(r'--constraint constraints.txt \\\n\s+--editable "\.\[test\]"', makefile)
    assert re.search(r"^lab: setup$", makefile, re.M), "make lab installs no test tools"
    assert re.search(r"^test: setup-tests$", makefile, re.M)
    ci = (REPO_ROOT / ".ci" / "run").read_text()
    assert "COURSE_MNIST_PATH" in ci and re.search(r"^make test$", ci, re.M)
    readme = (REPO_ROOT / "README.md").read_text()
    assert "make lab" in readme and "make test" in readme


def test_the_test_tools_are_an_extra_the_lessons_do_not_install():
    lessons = {canonicalize_name(r.name) for r in declared_requirements(extras=False)}
    tools = {
        canonicalize_name(Requirement(r).name)
        for r in PYPROJECT["project"]["optional-dependencies"]["test"]
    }
    assert {"pytest", "nbval", "playwright", "jupyter-repo2docker", "ruff"} <= tools
    assert not lessons & tools


def test_notebook_diffs_go_through_nbdime():
    attributes = (REPO_ROOT / ".gitattributes").read_text()
    assert re.search(r"^\*\.ipynb diff=jupyternotebook merge=jupyternotebook$", attributes, re.M)
    makefile = (REPO_ROOT / "Makefile").read_text()
    assert 'git config diff.jupyternotebook.command "$(NBDIME)/git-nbdiffdriver diff"' in makefile
    assert "git config merge.jupyternotebook.driver" in makefile
    tools = {
        canonicalize_name(Requirement(r).name)
        for r in PYPROJECT["project"]["optional-dependencies"]["test"]
    }
    assert "nbdime" in tools
