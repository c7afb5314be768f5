"""Notebook 10's self-checks accept the right answers and reject plausible wrong ones."""

import numpy as np
import pytest

from course_utils.exercises import autoencoders as checks


def autoencoder_params(n_inputs, n_code):
    return (n_inputs * n_code + n_code) + (n_code * n_inputs + n_inputs)


def per_image_mse(x, x_rebuilt):
    return np.mean((np.asarray(x) - np.asarray(x_rebuilt)) ** 2, axis=1)


def anomaly_threshold(val_errors, false_alarm_rate):
    return float(np.quantile(val_errors, 1 - false_alarm_rate))


def test_right_answers_pass():
    assert checks.check_autoencoder_params(autoencoder_params, quiet=True).passed
    assert checks.check_per_image_mse(per_image_mse, quiet=True).passed
    assert checks.check_anomaly_threshold(anomaly_threshold, quiet=True).passed


def test_the_notebook_model_has_50992_parameters():
    assert autoencoder_params(784, 32) == 50_992


@pytest.mark.parametrize(
    "wrong",
    [
        lambda n, k: 2 * n * k,  # forgets every bias
        lambda n, k: 2 * n * k + 2 * k,  # decoder bias counted as k, not n
        lambda n, k: 2 * n * k + 2 * n,  # encoder bias counted as n
        lambda n, k: n * k + k,  # encoder only
        lambda n, k: (n + 1) * (k + 1) * 2,  # off-by-one everywhere
    ],
)
def test_wrong_parameter_counts_fail(wrong):
    result = checks.check_autoencoder_params(wrong, quiet=True)
    assert not result.passed and "Hint" in result.message


@pytest.mark.parametrize(
    "wrong",
    [
        lambda x, x_hat: np.mean((x - x_hat) ** 2),  # one number for all images
        lambda x, x_hat: np.mean((x - x_hat) ** 2, axis=0),  # per pixel, not per image
        lambda x, x_hat: np.sum((x - x_hat) ** 2, axis=1),  # sum, not mean
        lambda x, x_hat: np.mean(np.abs(x - x_hat), axis=1),  # absolute error
        lambda x, x_hat: np.sqrt(np.mean((x - x_hat) ** 2, axis=1)),  # root mean square
    ],
)
def test_wrong_per_image_errors_fail(wrong):
    assert not checks.check_per_image_mse(wrong, quiet=True).passed


@pytest.mark.parametrize(
    "wrong",
    [
        lambda e, r: float(np.quantile(e, r)),  # the wrong tail
        lambda e, r: float(np.percentile(e, 1 - r)),  # percentile given a fraction
        lambda e, r: float(np.mean(e) + 2 * np.std(e)),  # a different rule
        lambda e, r: np.quantile(e, [1 - r]),  # an array, not a number
    ],
)
def test_wrong_thresholds_fail(wrong):
    assert not checks.check_anomaly_threshold(wrong, quiet=True).passed


def test_stubs_and_non_functions_are_reported_kindly():
    def stub(*args):
        raise NotImplementedError

    for check in (
        checks.check_autoencoder_params,
        checks.check_per_image_mse,
        checks.check_anomaly_threshold,
    ):
        assert check(stub, quiet=True).not_implemented
        result = check(42, quiet=True)
        assert not result.passed and "function" in result.message
