"""The course's command line: ``python -m course_utils COMMAND``.

Commands:
  doctor       check this environment: versions, CPU/GPU, whether MNIST can be loaded
  fetch-data   download and cache everything the course needs (before a class with poor Wi-Fi);
               nothing to do when COURSE_MNIST_PATH names a valid offline copy
  lab          start JupyterLab on the notebooks (local address only, token required)
  bench        run the notebooks in fresh kernels: run time and peak memory vs the budgets
               (--full-size: 60,000/10,000 images; --cores 1: Binder's one core)
  readme       regenerate the README's tables and objectives and the benchmark report
  student-version  write learner copies of the notebooks (solutions stubbed) to student/
  progress     which exercises are done (✅ / ❌ / ⏳), from the saved notebooks of a folder
  grade        run handed-in notebooks in fresh kernels; one CSV row per file and exercise
  hub-link     the nbgitpuller link that pulls the course into a learner's home on a JupyterHub
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections.abc import Sequence

from course_utils.paths import LAB_SETTINGS_DIR, NOTEBOOKS_DIR


def _doctor(args: argparse.Namespace) -> int:
    from course_utils.doctor import environment_report, format_report

    report = environment_report(check_gpu=not args.no_gpu)
    print(format_report(report))
    return 0 if report.ok else 1


def _offline_copy_check(offline: str) -> int:
    """fetch-data when COURSE_MNIST_PATH is set: the loader reads only that file, so check it."""
    from course_utils import mnist

    try:
        (x_train, _), (x_test, _) = mnist.load_mnist_file(offline)
    except mnist.MnistUnavailableError as err:
        print(
            f"❌ ${mnist.ENV_VAR} is set, so the notebooks read that file, but: {err} "
            f"(Or unset {mnist.ENV_VAR} and run fetch-data again to download MNIST.)",
            file=sys.stderr,
        )
        return 1
    print(
        f"✅ MNIST is already available offline from {offline} (${mnist.ENV_VAR}): "
        f"{len(x_train):,} training and {len(x_test):,} test images; nothing to download."
    )
    return 0


def _fetch_data(args: argparse.Namespace) -> int:
    from course_utils import mnist

    offline = os.environ.get(mnist.ENV_VAR, "").strip()
    if offline:
        return _offline_copy_check(offline)
    print(f"Downloading MNIST into the Keras cache (about 11 MB) from {mnist.mnist_url()} ...")
    try:
        (x_train, _), (x_test, _) = mnist.load_mnist_file(mnist.download_mnist())
    except mnist.MnistUnavailableError as err:
        print(f"❌ {err}", file=sys.stderr)
        return 1
    print(
        f"✅ MNIST is cached in {mnist.cache_file()}: {len(x_train):,} training and "
        f"{len(x_test):,} test images. The notebooks will not need the network for it."
    )
    print("Everything else the course uses ships with scikit-learn or is made in code.")
    return 0


def lab_command(
    *, port: int | None = None, token: str | None = None, open_browser: bool = True
) -> list[str]:
    """The JupyterLab command line the course uses: notebooks/ as root, local address only.

    A token is always required: give one, or let Jupyter make one and print the address.
    As root (a container, CI) ``--allow-root`` is added, which Jupyter otherwise refuses.

    >>> lab_command(port=8899, token="secret", open_browser=False)[3:7]
    ['--ServerApp.ip=127.0.0.1', '--port=8899', '--IdentityProvider.token=secret', '--no-browser']
    """
    if token is not None and not token.strip():
        raise ValueError("token must not be empty: the course never runs JupyterLab unprotected")
    cmd = [
        sys.executable,
        "-m",
        "jupyterlab",
        f"--ServerApp.root_dir={NOTEBOOKS_DIR}",
        "--ServerApp.ip=127.0.0.1",
    ]
    if port is not None:
        cmd.append(f"--port={port}")
    if token is not None:
        cmd.append(f"--IdentityProvider.token={token}")
    if not open_browser:
        cmd.append("--no-browser")
    # The course's default settings: a new user is not asked about Jupyter news.
    cmd.append(f"--LabApp.app_settings_dir={LAB_SETTINGS_DIR}")
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # containers and CI often run as root
        cmd.append("--allow-root")
    return cmd


def _lab(args: argparse.Namespace) -> int:
    cmd = lab_command(port=args.port, token=args.token, open_browser=not args.no_browser)
    if os.name == "nt":  # no exec on Windows
        return subprocess.call(cmd)
    os.execv(cmd[0], cmd)
    return 0  # pragma: no cover


def _student_version(args: argparse.Namespace) -> int:
    from course_utils.student import DEFAULT_OUTPUT_DIR, StudentVersionError, write_student_versions

    try:
        written = write_student_versions(
            out_dir=args.out or DEFAULT_OUTPUT_DIR, names=args.notebooks or None
        )
    except (StudentVersionError, ValueError, FileNotFoundError) as err:
        print(f"❌ {err}", file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {path}")
    print(f"✅ {len(written)} student notebooks: solutions replaced by stubs, outputs cleared.")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m course_utils", description="Jobs around the course notebooks."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    doctor = sub.add_parser("doctor", help="check this environment and print a verdict")
    doctor.add_argument("--no-gpu", action="store_true", help="skip the TensorFlow GPU query")
    doctor.set_defaults(run=_doctor)
    fetch = sub.add_parser(
        "fetch-data",
        help="download and cache MNIST for offline use "
        "(or check the offline copy COURSE_MNIST_PATH names)",
    )
    fetch.set_defaults(run=_fetch_data)
    lab = sub.add_parser("lab", help="start JupyterLab on notebooks/ (127.0.0.1, with a token)")
    lab.add_argument("--port", type=int, default=None)
    lab.add_argument("--token", default=None, help="the access token (default: Jupyter makes one)")
    lab.add_argument("--no-browser", action="store_true")
    lab.set_defaults(run=_lab)
    student = sub.add_parser(
        "student-version", help="write learner copies (solutions stubbed, outputs cleared)"
    )
    student.add_argument("notebooks", nargs="*", help="only these notebooks (default: all)")
    student.add_argument("--out", default=None, help="output folder (default: student/)")
    student.set_defaults(run=_student_version)
    from course_utils.bench import add_parser as add_bench_parser
    from course_utils.grade import add_parser as add_grade_parser
    from course_utils.hub import add_parser as add_hub_parser
    from course_utils.progress import add_parser as add_progress_parser
    from course_utils.readme import add_parser as add_readme_parser

    add_bench_parser(sub)
    add_readme_parser(sub)
    add_progress_parser(sub)
    add_grade_parser(sub)
    add_hub_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.run(args))


if __name__ == "__main__":
    sys.exit(main())
