"""The environment check: ``python -m course_utils doctor`` (and the first cell of notebook 00).

The verdict is "ready" only when every notebook can really run here, MNIST included: from a
valid offline copy (``COURSE_MNIST_PATH``), from an intact cached download (SHA-256 checked),
or from a download address that answers now (checked with one short request, not downloaded).

>>> report = environment_report(check_gpu=False)  # doctest: +SKIP
>>> print(format_report(report))  # doctest: +SKIP
Python                    3.11.7 (Linux x86_64)
...
Verdict: ✅ ready — every notebook of the course can run here.
"""

from __future__ import annotations

import importlib.metadata
import os
import platform
import sys
from dataclasses import dataclass, field
from pathlib import Path

from course_utils import mnist
from course_utils.paths import notebooks_that_load_mnist

#: Distribution names whose versions the report lists (import name in brackets where it differs).
PACKAGES = (
    "numpy",
    "tensorflow",
    "keras",
    "scikit-learn",
    "opencv-python-headless",
    "matplotlib",
    "jupyterlab",
    "ipywidgets",
    "nbval",
)
#: The Pythons the course is tested with (oldest, newest).
PYTHONS = ((3, 11), (3, 13))


@dataclass
class Report:
    """What :func:`environment_report` found; ``problems`` is empty when all is well."""

    python: str
    platform: str
    packages: dict[str, str | None]
    cpus: int
    gpus: list[str]
    mnist: str
    problems: list[str] = field(default_factory=list)
    #: The notebooks that call ``load_mnist()`` (file names), found by reading them.
    mnist_notebooks: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _version(dist: str) -> str | None:
    names = [dist] + (["tensorflow-cpu"] if dist == "tensorflow" else [])
    for name in names:
        try:
            return importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            continue
    return None


def _gpus() -> list[str]:
    from course_utils.notebook import quiet_tensorflow

    quiet_tensorflow()
    import tensorflow as tf

    return [d.name for d in tf.config.list_physical_devices("GPU")]


def _tilde(path: Path) -> str:
    """The path with the home folder written as ~ (shorter, and private in shared outputs)."""
    try:
        return "~/" + path.relative_to(Path.home()).as_posix()
    except ValueError:
        return str(path)


def _names(notebooks: list[str]) -> str:
    """``['05_a.ipynb', '09_b.ipynb']`` -> ``'05_a, 09_b'``: how the report names notebooks."""
    return ", ".join(Path(name).stem for name in notebooks) or "none"


def _not_available(why: str, notebooks: list[str]) -> str:
    """The problem line when MNIST cannot be loaded: which notebooks stop, why, what to do."""
    return (
        f"MNIST is not available here, so {len(notebooks)} notebook(s) cannot run: "
        f"{_names(notebooks)}. {why}"
    )


def _offline_status(offline: str, notebooks: list[str]) -> tuple[str, str | None]:
    """The MNIST line and problem when ``COURSE_MNIST_PATH`` names an offline copy."""
    try:
        (x_train, _), (x_test, _) = mnist.load_mnist_file(offline)
    except mnist.MnistUnavailableError as err:
        return (
            f"offline copy from ${mnist.ENV_VAR} unusable (see ✗ below)",
            _not_available(f"${mnist.ENV_VAR} is set, but: {err}", notebooks),
        )
    return (
        f"offline copy {Path(offline).name} from ${mnist.ENV_VAR} "
        f"({len(x_train):,} train / {len(x_test):,} test images)",
        None,
    )


def _mnist_status(notebooks: list[str]) -> tuple[str, str | None]:
    """Where MNIST will come from, and a problem if it cannot come from anywhere now.

    In the loader's order: the offline copy, the intact cached download, the download address.
    """
    offline = os.environ.get(mnist.ENV_VAR, "").strip()
    if offline:
        return _offline_status(offline, notebooks)
    cache = mnist.cache_file()
    if mnist.cached_copy() is not None:
        return f"cached by Keras in {_tilde(cache)} (hash checked; no download needed)", None
    url = mnist.mnist_url()
    unreachable = mnist.download_problem(url)
    if unreachable is None:
        return (
            f"not cached yet: it downloads (11 MB) from {url} on first use (the address "
            "answers); run `python -m course_utils fetch-data` now to work offline later",
            None,
        )
    damaged = (
        " (the file there is incomplete or damaged: its SHA-256 is not MNIST's; "
        "the next download replaces it)"
        if cache.exists()
        else ""
    )
    why = (
        f"${mnist.ENV_VAR} is not set, there is no intact cached copy in {_tilde(cache)}"
        f"{damaged}, and the download address {url} does not answer ({unreachable}). "
        + mnist.how_to_get_mnist()
    )
    return "not available (see ✗ below)", _not_available(why, notebooks)


def environment_report(*, check_gpu: bool = True) -> Report:
    """Collect versions, CPUs/GPUs and MNIST availability; list anything that will not work.

    Takes a few seconds at most, even offline (the download address gets one short request);
    in a notebook a line says so while it runs.

    >>> environment_report(check_gpu=False).ok  # doctest: +SKIP
    True
    """
    from course_utils.live_progress import StatusLine

    line = StatusLine("checking this environment (TensorFlow takes a few seconds)")
    report = _collect_report(check_gpu=check_gpu)
    line.done("environment checked")
    return report


def _collect_report(*, check_gpu: bool) -> Report:
    packages = {name: _version(name) for name in PACKAGES}
    problems = [
        f"{name} is not installed" for name, v in packages.items() if v is None and name != "nbval"
    ]
    if not PYTHONS[0] <= sys.version_info[:2] <= PYTHONS[1]:
        problems.append(
            f"Python {platform.python_version()} is not one the course is tested "
            f"with: use Python 3.11, 3.12 or 3.13"
        )
    gpus: list[str] = []
    if check_gpu and packages["tensorflow"]:
        try:
            gpus = _gpus()
        except Exception as err:  # noqa: BLE001 - report, never crash the check
            problems.append(f"TensorFlow does not import: {err}")
    mnist_notebooks = [path.name for path in notebooks_that_load_mnist()]
    mnist_text, mnist_problem = _mnist_status(mnist_notebooks)
    if mnist_problem:
        problems.append(mnist_problem)
    return Report(
        python=platform.python_version(),
        platform=f"{platform.system()} {platform.machine()}",
        packages=packages,
        cpus=os.cpu_count() or 1,
        gpus=gpus,
        mnist=mnist_text,
        problems=problems,
        mnist_notebooks=mnist_notebooks,
    )


def format_report(report: Report) -> str:
    """The report as aligned text, ending with a one-line verdict.

    >>> print(format_report(environment_report(check_gpu=False)))  # doctest: +SKIP
    """
    lines = [f"{'Python':<26}{report.python} ({report.platform})"]
    lines += [f"{name:<26}{version or 'MISSING'}" for name, version in report.packages.items()]
    lines.append(f"{'CPU cores':<26}{report.cpus}")
    lines.append(f"{'GPUs seen by TensorFlow':<26}{', '.join(report.gpus) or 'none (CPU is fine)'}")
    lines.append(f"{'MNIST':<26}{report.mnist}")
    lines.append(f"{'Notebooks that use MNIST':<26}{_names(report.mnist_notebooks)}")
    if report.ok:
        lines.append("Verdict: ✅ ready — every notebook of the course can run here.")
    else:
        lines += [f"  ✗ {p}" for p in report.problems]
        lines.append(
            f"Verdict: ❌ {len(report.problems)} problem(s) above; fix them, then run "
            f"`python -m course_utils doctor` again."
        )
    return "\n".join(lines)
