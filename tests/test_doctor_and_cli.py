"""The command line: doctor reports and judges truthfully, lab never runs unprotected."""

import hashlib
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from course_utils import doctor, mnist
from course_utils.__main__ import lab_command, main
from course_utils.paths import notebooks_that_load_mnist


def _save_mnist(path: Path, n: int = 3) -> Path:
    x, y = np.zeros((n, 28, 28), np.uint8), np.zeros(n, np.uint8)
    np.savez(path, x_train=x, y_train=y, x_test=x, y_test=y)
    return path


@pytest.fixture
def no_mnist(monkeypatch, tmp_path, refused_url):
    """A machine with no network and no MNIST: no offline copy, an empty cache, refused address."""
    monkeypatch.delenv(mnist.ENV_VAR, raising=False)
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras"))
    monkeypatch.setenv(mnist.URL_ENV_VAR, refused_url)
    return tmp_path / "keras" / "datasets" / "mnist.npz"


@pytest.fixture
def valid_copy(no_mnist, monkeypatch, tmp_path):
    """The same machine with a valid offline copy named by COURSE_MNIST_PATH."""
    path = _save_mnist(tmp_path / "sample.npz")
    monkeypatch.setenv(mnist.ENV_VAR, str(path))
    return path


def _expected_stems() -> list[str]:
    return [path.stem for path in notebooks_that_load_mnist()]


def test_doctor_report_lists_versions_and_a_verdict(valid_copy):
    report = doctor.environment_report(check_gpu=False)
    text = doctor.format_report(report)
    assert report.ok, report.problems
    for name in ("Python", "tensorflow", "keras", "scikit-learn", "CPU cores", "MNIST"):
        assert name in text
    assert text.splitlines()[-1].startswith("Verdict: ✅ ready")


def test_doctor_not_ready_offline_without_mnist(no_mnist):
    start = time.monotonic()
    report = doctor.environment_report(check_gpu=False)
    assert time.monotonic() - start < 5, "the doctor stays quick offline"
    text = doctor.format_report(report)
    assert not report.ok and "✅" not in text and "ready —" not in text
    assert text.splitlines()[-1].startswith("Verdict: ❌")
    [problem] = [p for p in report.problems if "MNIST" in p]
    assert "MNIST is not available here" in problem and "refused" in problem.lower()
    assert (
        f"{len(_expected_stems())} notebook(s) cannot run: " + ", ".join(_expected_stems())
        in problem
    )
    assert "python -m course_utils fetch-data" in problem and mnist.ENV_VAR in problem
    assert "shared/" not in text


def test_doctor_ready_with_a_valid_offline_copy(valid_copy):
    report = doctor.environment_report(check_gpu=False)
    assert report.ok, report.problems
    assert report.mnist.startswith("offline copy sample.npz") and "3 train / 3 test" in report.mnist


def test_doctor_notebook_list_is_read_from_the_notebooks(no_mnist, monkeypatch):
    report = doctor.environment_report(check_gpu=False)
    assert report.mnist_notebooks == [p.name for p in notebooks_that_load_mnist()]
    assert {"05", "08", "09", "10", "11"} <= {name[:2] for name in report.mnist_notebooks}
    text = doctor.format_report(report)
    assert "Notebooks that use MNIST  " + ", ".join(_expected_stems()) in text
    # not typed in: the doctor follows whatever the notebooks say
    monkeypatch.setattr(doctor, "notebooks_that_load_mnist", lambda: [Path("42_new.ipynb")])
    report = doctor.environment_report(check_gpu=False)
    assert report.mnist_notebooks == ["42_new.ipynb"]
    assert "1 notebook(s) cannot run: 42_new." in " ".join(report.problems)


@pytest.mark.parametrize("content", [b"", b"PK\x03\x04 cut short", "valid npz, other hash"])
def test_doctor_does_not_count_a_damaged_cache(no_mnist, content):
    no_mnist.parent.mkdir(parents=True)
    if isinstance(content, bytes):
        no_mnist.write_bytes(content)
    else:
        _save_mnist(no_mnist)
    report = doctor.environment_report(check_gpu=False)
    assert not report.ok
    assert "incomplete or damaged" in " ".join(report.problems)
    assert no_mnist.is_file(), "the doctor only looks"


def test_doctor_counts_an_intact_cache(no_mnist, monkeypatch):
    no_mnist.parent.mkdir(parents=True)
    _save_mnist(no_mnist)
    monkeypatch.setattr(mnist, "MNIST_SHA256", hashlib.sha256(no_mnist.read_bytes()).hexdigest())
    report = doctor.environment_report(check_gpu=False)
    assert report.ok, report.problems
    assert report.mnist.startswith("cached by Keras") and "hash checked" in report.mnist


def test_doctor_flags_a_broken_offline_copy(no_mnist, monkeypatch, tmp_path):
    bad = tmp_path / "mnist.npz"
    bad.write_bytes(b"not a zip")
    monkeypatch.setenv(mnist.ENV_VAR, str(bad))
    report = doctor.environment_report(check_gpu=False)
    assert not report.ok
    text = doctor.format_report(report)
    assert "corrupt or truncated" in text and text.splitlines()[-1].startswith("Verdict: ❌")
    assert "cannot run: " + ", ".join(_expected_stems()) in text


@pytest.mark.parametrize(
    "kind, expected",
    [
        ("folder", "is a folder, not a file: point COURSE_MNIST_PATH at the mnist.npz inside it"),
        ("npy", "a single NumPy array (.npy), not an .npz archive"),
        ("label", "y_train holds the label 12; MNIST labels are 0–9"),
    ],
)
def test_doctor_names_the_real_problem_of_the_offline_copy(
    kind, expected, no_mnist, monkeypatch, tmp_path
):
    if kind == "folder":
        path = tmp_path
    elif kind == "npy":
        path = tmp_path / "mnist.npy"
        np.save(path, np.zeros((3, 28, 28), np.uint8))
    else:
        x = np.zeros((3, 28, 28), np.uint8)
        path = tmp_path / "labels.npz"
        np.savez(
            path,
            x_train=x,
            y_train=np.array([1, 12, 3], np.uint8),
            x_test=x,
            y_test=np.zeros(3, np.uint8),
        )
    monkeypatch.setenv(mnist.ENV_VAR, str(path))
    report = doctor.environment_report(check_gpu=False)
    text = doctor.format_report(report)
    assert not report.ok and expected in text
    assert "delete" not in text.lower() and "shared/" not in text and "does not exist" not in text


def test_doctor_reports_offline_copy_without_absolute_path(valid_copy, tmp_path):
    text = doctor.format_report(doctor.environment_report(check_gpu=False))
    assert "offline copy sample.npz" in text and str(tmp_path) not in text


def test_doctor_command_exit_code(valid_copy, monkeypatch, capsys):
    assert main(["doctor", "--no-gpu"]) == 0
    assert "Verdict: ✅" in capsys.readouterr().out
    monkeypatch.delenv(mnist.ENV_VAR)
    assert main(["doctor", "--no-gpu"]) == 1
    assert "Verdict: ❌" in capsys.readouterr().out


def test_module_runs_from_the_command_line():
    result = subprocess.run(
        [sys.executable, "-m", "course_utils", "--help"], capture_output=True, text=True, check=True
    )
    for command in ("doctor", "fetch-data", "lab"):
        assert command in result.stdout


def test_lab_command_is_local_and_keeps_a_token():
    cmd = lab_command(port=9999, token="abc", open_browser=False)
    assert "--ServerApp.ip=127.0.0.1" in cmd and "--IdentityProvider.token=abc" in cmd
    assert not any("token=''" in part or part.endswith("token=") for part in cmd)
    default = lab_command()
    assert not any("token" in part.lower() for part in default)  # Jupyter makes one itself
    with pytest.raises(ValueError, match="token must not be empty"):
        lab_command(token=" ")


def test_fetch_data_offline_fails_with_advice(no_mnist, capsys):
    assert main(["fetch-data"]) == 1
    err = capsys.readouterr().err
    assert "could not be downloaded" in err and "COURSE_MNIST_PATH" in err
    assert "shared/" not in err


def test_fetch_data_with_a_valid_offline_copy_exits_0(valid_copy, capsys):
    assert main(["fetch-data"]) == 0
    out = capsys.readouterr().out
    assert f"MNIST is already available offline from {valid_copy}" in out
    assert "nothing to download" in out


def test_fetch_data_with_an_invalid_offline_copy_exits_1(no_mnist, monkeypatch, tmp_path, capsys):
    monkeypatch.setenv(mnist.ENV_VAR, str(tmp_path))
    assert main(["fetch-data"]) == 1
    err = capsys.readouterr().err
    assert "is a folder, not a file" in err and "shared/" not in err


@pytest.mark.parametrize(
    "version, supported",
    [
        ((3, 10, 14), False),
        ((3, 11, 7), True),
        ((3, 12, 1), True),
        ((3, 13, 0), True),
        ((3, 14, 0), False),
    ],
)
def test_doctor_accepts_python_3_11_to_3_13(version, supported, valid_copy, monkeypatch):
    monkeypatch.setattr(doctor.sys, "version_info", (*version, "final", 0))
    monkeypatch.setattr(doctor.platform, "python_version", lambda: ".".join(map(str, version)))
    problems = [p for p in doctor.environment_report(check_gpu=False).problems if "Python" in p]
    assert (not problems) == supported, problems
    if not supported:
        assert "3.11, 3.12 or 3.13" in problems[0]
