"""Binder: what repo2docker would really build, and the README's launch badge.

``jupyter-repo2docker --no-build --debug`` needs no Docker engine: it picks the build pack
and prints the Dockerfile it would build. The test reads that Dockerfile: the conda
environment comes from ``binder/environment.yml`` (Python 3.11, built *before* the repository
is copied in, so it cannot install the course), then the repository is copied and
``binder/postBuild`` runs, which installs the course with ``constraints.txt`` (the pinned
environment), checks the RISE extension and caches MNIST.
"""

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from course_utils.paths import REPO_ROOT

BINDER = REPO_ROOT / "binder"
REPO2DOCKER = Path(sys.executable).with_name("jupyter-repo2docker")
PYPROJECT = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())
README = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
BINDER_URL = re.compile(r"https://mybinder\.org/v2/gh/([\w.-]+)/([\w.-]+)/([\w./-]+)\?(\S+)")


@pytest.fixture(scope="module")
def dockerfile() -> str:
    if not REPO2DOCKER.exists():
        pytest.skip("jupyter-repo2docker is not installed: pip install the test extra")
    result = subprocess.run(
        [
            str(REPO2DOCKER),
            "--no-build",
            "--debug",
            "--user-id",
            "1000",
            "--user-name",
            "jovyan",
            str(REPO_ROOT),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=REPO_ROOT,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout + result.stderr


def test_repo2docker_builds_the_python_of_the_course_from_binder_environment_yml(dockerfile):
    python = re.search(r"python\s*=\s*(\d+\.\d+)", (BINDER / "environment.yml").read_text())[1]
    assert PYPROJECT["project"]["requires-python"].startswith(f">={python}")
    assert f"Building conda environment for python={python}" in dockerfile
    # binder/ wins over the root environment.yml, which is for the conda route on laptops.
    assert 'env update -p ${NB_PYTHON_PREFIX} --file "binder/environment.yml"' in dockerfile
    assert '--file "environment.yml"' not in dockerfile


def test_the_environment_is_built_before_the_repository_is_copied_then_postbuild_runs(dockerfile):
    def where(pattern):
        match = re.search(pattern, dockerfile, re.M)
        assert match, f"the Dockerfile has no line matching {pattern!r}"
        return match.start()

    env_copy = where(r"^COPY --chown=\S+ src/binder/environment\.yml ")
    env_update = where(r'env update -p \$\{NB_PYTHON_PREFIX\} --file "binder/environment\.yml"')
    repo_copy = where(r"^COPY --chown=\S+ src/ \$\{REPO_DIR\}/$")
    post_build = where(r"^RUN \./binder/postBuild$")
    assert env_copy < env_update < repo_copy < post_build
    # So environment.yml cannot refer to the repository (no `-e .`, no constraints file):
    # the course and its pins are installed by postBuild, after the copy.
    env = yaml.safe_load((BINDER / "environment.yml").read_text())
    assert not any(isinstance(d, dict) for d in env["dependencies"]), "no pip section here"
    assert sorted(d.split("=")[0] for d in env["dependencies"]) == ["pip", "python"]


def test_postbuild_installs_the_pinned_course_checks_rise_and_caches_mnist():
    text = (BINDER / "postBuild").read_text()
    lines = [
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    ]
    assert text.startswith("#!/bin/bash") and lines[0] == "set -euo pipefail"
    install = next(line for line in lines if "pip install" in line)
    assert "--constraint constraints.txt" in install
    makefile = (REPO_ROOT / "Makefile").read_text()
    lessons = re.search(r"--constraint constraints\.txt --editable \.( pip)?\n", makefile)
    assert install.endswith("--editable .") and lessons, (
        "Binder installs what make lab installs: the lessons, not the test tools"
    )
    copy = next(line for line in lines if line.startswith("cp "))
    assert "course_utils/jupyter_settings/overrides.d/" in copy and "lab/settings" in text
    assert any("jupyterlab-rise" in line and "enabled" in line for line in lines)
    assert lines[-1] == "python -m course_utils fetch-data"


def test_postbuild_is_executable_in_git():
    result = subprocess.run(
        ["git", "ls-files", "-s", "binder/postBuild"], cwd=REPO_ROOT, capture_output=True, text=True
    )
    if result.returncode != 0 or not result.stdout:
        pytest.skip("not a git checkout")
    assert result.stdout.startswith("100755"), "chmod +x binder/postBuild, then git add it"


def test_the_readme_badge_opens_notebook_00_and_the_address_is_written_once():
    urls = BINDER_URL.findall(README)
    assert len(urls) == 1, "the Binder address must appear once (a link definition [binder]: …)"
    owner, repo, _ref, query = urls[0]
    assert re.search(rf"^\[binder\]: https://mybinder\.org/v2/gh/{re.escape(owner)}/", README, re.M)
    assert README.count(f"{owner}/{repo}") == 1, "a fork must change one line only"
    target = re.fullmatch(r"urlpath=lab/tree/(\S+)", query)
    assert target and target[1] == "notebooks/00_welcome.ipynb"
    assert (REPO_ROOT / target[1]).is_file()
    badges = re.findall(r"\[!\[[^\]]*\]\(https://mybinder\.org/badge_logo\.svg\)\](\S+)", README)
    assert badges and all(b == "[binder]" for b in badges), badges
    title_block = README.split("\n## ", 1)[0]
    assert "mybinder.org/badge_logo.svg" in title_block, "a badge right under the title"
