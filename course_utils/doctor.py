"""The environment check: ``python -m course_utils doctor`` (and the first cell of notebook 00).

>>> report = environment_report()  # doctest: +SKIP
>>> print(format_report(report))  # doctest: +SKIP
"""

from __future__ import annotations

import importlib.metadata
import os
import platform
import sys
from dataclasses import dataclass, field
from pathlib import Path

from course_utils import mnist

#: Distribution names whose versions the report lists (import name in brackets where it differs).
PACKAGES = (
    "numpy", "tensorflow", "keras", "scikit-learn", "opencv-python-headless",
    "matplotlib", "jupyterlab", "ipywidgets", "nbval",
)
#: The Python the course is tested with.
PYTHON = (3, 11)


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


def _mnist_status() -> tuple[str, str | None]:
    """Where MNIST would come from, and a problem if it cannot come from anywhere offline."""
    offline = os.environ.get(mnist.ENV_VAR, "").strip()
    if offline:
        try:
            (x_train, _), (x_test, _) = mnist.load_mnist_file(offline)
        except mnist.MnistUnavailableError as err:
            return "offline copy unusable", str(err)
        return (f"offline copy {Path(offline).name} from ${mnist.ENV_VAR} "
                f"({len(x_train):,} train / {len(x_test):,} test images)", None)
    cache = mnist.cache_file()
    if cache.is_file():
        return f"cached by Keras in {_tilde(cache)} (no download needed)", None
    return ("not available offline: notebooks 09-11 will download it (11 MB) on first use; "
            "run `python -m course_utils fetch-data` while online", None)


def environment_report(*, check_gpu: bool = True) -> Report:
    """Collect versions, CPUs/GPUs and MNIST availability; list anything that will not work."""
    packages = {name: _version(name) for name in PACKAGES}
    problems = [f"{name} is not installed" for name, v in packages.items()
                if v is None and name != "nbval"]
    if sys.version_info[:2] != PYTHON:
        problems.append(f"Python {PYTHON[0]}.{PYTHON[1]} is expected, this is "
                        f"{platform.python_version()}")
    gpus: list[str] = []
    if check_gpu and packages["tensorflow"]:
        try:
            gpus = _gpus()
        except Exception as err:  # noqa: BLE001 - report, never crash the check
            problems.append(f"TensorFlow does not import: {err}")
    mnist_text, mnist_problem = _mnist_status()
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
    )


def format_report(report: Report) -> str:
    """The report as aligned text, ending with a one-line verdict."""
    lines = [f"{'Python':<26}{report.python} ({report.platform})"]
    lines += [f"{name:<26}{version or 'MISSING'}" for name, version in report.packages.items()]
    lines.append(f"{'CPU cores':<26}{report.cpus}")
    lines.append(f"{'GPUs seen by TensorFlow':<26}{', '.join(report.gpus) or 'none (CPU is fine)'}")
    lines.append(f"{'MNIST':<26}{report.mnist}")
    if report.ok:
        lines.append("Verdict: ✅ ready — every notebook of the course can run here.")
    else:
        lines += [f"  ✗ {p}" for p in report.problems]
        lines.append(f"Verdict: ❌ {len(report.problems)} problem(s) above; fix them, then run "
                     f"`python -m course_utils doctor` again.")
    return "\n".join(lines)
