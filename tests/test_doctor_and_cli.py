"""The command line: doctor reports and judges, lab never runs unprotected."""

import subprocess
import sys

import numpy as np
import pytest

from course_utils import doctor, mnist
from course_utils.__main__ import lab_command, main


def test_doctor_report_lists_versions_and_a_verdict(monkeypatch):
    monkeypatch.delenv(mnist.ENV_VAR, raising=False)
    report = doctor.environment_report(check_gpu=False)
    text = doctor.format_report(report)
    assert report.ok, report.problems
    for name in ("Python", "tensorflow", "keras", "scikit-learn", "CPU cores", "MNIST"):
        assert name in text
    assert text.splitlines()[-1].startswith("Verdict: ✅")


def test_doctor_flags_a_broken_offline_copy(monkeypatch, tmp_path):
    bad = tmp_path / "mnist.npz"
    bad.write_bytes(b"not a zip")
    monkeypatch.setenv(mnist.ENV_VAR, str(bad))
    report = doctor.environment_report(check_gpu=False)
    assert not report.ok
    text = doctor.format_report(report)
    assert "corrupt or truncated" in text and text.splitlines()[-1].startswith("Verdict: ❌")


def test_doctor_reports_offline_copy_without_absolute_path(monkeypatch, tmp_path):
    good = tmp_path / "sample.npz"
    x, y = np.zeros((3, 28, 28), np.uint8), np.zeros(3, np.uint8)
    np.savez(good, x_train=x, y_train=y, x_test=x, y_test=y)
    monkeypatch.setenv(mnist.ENV_VAR, str(good))
    text = doctor.format_report(doctor.environment_report(check_gpu=False))
    assert "offline copy sample.npz" in text and str(tmp_path) not in text


def test_doctor_command_exit_code(monkeypatch, capsys):
    monkeypatch.delenv(mnist.ENV_VAR, raising=False)
    assert main(["doctor", "--no-gpu"]) == 0
    assert "Verdict" in capsys.readouterr().out


def test_module_runs_from_the_command_line():
    result = subprocess.run([sys.executable, "-m", "course_utils", "--help"],
                            capture_output=True, text=True, check=True)
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


def test_fetch_data_offline_fails_with_advice(monkeypatch, capsys, tmp_path, refused_url):
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras"))
    monkeypatch.setenv(mnist.URL_ENV_VAR, refused_url)
    assert main(["fetch-data"]) == 1
    err = capsys.readouterr().err
    assert "could not be downloaded" in err and "COURSE_MNIST_PATH" in err
